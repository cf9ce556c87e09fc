"""scrapelint: a linter for text scraped from the web.

The Rust core, in-process::

    from scrapelint import Linter
    linter = Linter()                       # or Linter("scrapelint.toml")
    for f in linter.lint("The talks ended. .\\nGo To Source\\n", path="a.txt"):
        print(f["code"], f["line"], f["message"])

Findings are dicts with the fields of ``scrapelint lint --format json``.
Corpus statistics (``scrapelint stats``) load with ``Stats.load(path)`` and
are passed as ``Linter(stats=...)``; ``linter.stats(docs)`` computes them and
``a.merge(b)`` adds them up.
"""

from __future__ import annotations

import json
from typing import Iterable, Optional, Sequence, Tuple, Union

from . import _scrapelint
from ._scrapelint import Stats

__all__ = ["Linter", "Stats", "__version__"]
__version__ = _scrapelint.__version__

_Doc = Union[Tuple[str, str], Tuple[str, Optional[int], str]]


class Linter:
    """A configured linter; build one per worker process."""

    def __init__(
        self,
        config: Optional[str] = None,
        *,
        enable: Sequence[str] = (),
        disable: Sequence[str] = (),
        lints: Sequence[str] = (),
        stats: Optional[Stats] = None,
    ):
        self._inner = _scrapelint.Linter(
            config, enable=list(enable), disable=list(disable), lints=list(lints), stats=stats
        )

    def lint(
        self,
        text: str,
        path: str = "<text>",
        *,
        record: Optional[int] = None,
        id: Optional[str] = None,
    ) -> list[dict]:
        """The findings in ``text``: dicts with the fields of ``--format json``."""
        return [json.loads(s) for s in self._inner.lint_json(text, path, record, id)]

    def stats(self, docs: Iterable[_Doc]) -> Stats:
        """Corpus statistics of ``(path, text)`` or ``(path, record, text)`` documents."""
        triples = [(d[0], None, d[1]) if len(d) == 2 else tuple(d) for d in docs]
        return self._inner.stats(triples)
