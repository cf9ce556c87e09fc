"""scrapelint: a linter for text scraped from the web.

The Rust core, in-process::

    from scrapelint import Linter
    linter = Linter()                       # or Linter("scrapelint.toml")
    for f in linter.lint("The talks ended. .\\nGo To Source\\n", path="a.txt"):
        print(f["code"], f["line"], f["message"])

Findings are dicts with the fields of ``scrapelint lint --format json``
(with ``lean=True``: only ``code``, ``level``, ``byte_start``, ``byte_end``
and ``line``). ``linter.fix(text)`` fixes as ``scrapelint lint --fix`` does
and returns ``(fixed_text, remaining_findings)``. A configuration's
``exclude`` and ``per-file-ignores`` apply to the ``path`` given.
Corpus statistics (``scrapelint stats``) load with ``Stats.load(path)`` and
are passed as ``Linter(stats=...)``; ``linter.stats(docs)`` computes them and
``a.merge(b)`` adds them up.

``Linter(discover=".")`` finds the configuration as the command line does
(the nearest ``scrapelint.toml`` up to the repository's root or the home
folder, refused when someone else could have written it), and
``linter.check(paths, baseline=...)`` lints files and folders as
``scrapelint lint`` does, with its baselines and its exit status.
``rules()`` and ``explain(name)`` give the text of ``scrapelint rules`` and
``scrapelint explain``.
"""

from __future__ import annotations

import json
from typing import Iterable, Optional, Sequence, Tuple, Union

from . import _scrapelint
from ._scrapelint import Stats

__all__ = ["Linter", "Stats", "Checked", "check_level", "rules", "explain", "__version__"]
__version__ = _scrapelint.__version__

LEAN_KEYS = ("code", "level", "byte_start", "byte_end", "line")


def rules(format: str = "text", *, config: Optional[str] = None, discover: Optional[str] = None,
          lints: Sequence[str] = ()) -> str:
    """``scrapelint rules`` (``format``: text, json or markdown) for the
    lints a configuration runs: ``config`` or ``discover`` as for
    :class:`Linter`, and more ``lints`` folders."""
    return _scrapelint.rules(format, config=config, discover=discover, lints=list(lints))


def explain(name: str, *, config: Optional[str] = None, discover: Optional[str] = None,
            lints: Sequence[str] = ()) -> str:
    """``scrapelint explain NAME``: a lint's or a category's documentation."""
    return _scrapelint.explain(name, config=config, discover=discover, lints=list(lints))


class Checked(Tuple[list, list, int, int]):
    """What :meth:`Linter.check` found: ``findings`` (dicts, as
    ``--format json``), ``errors`` (files that could not be read),
    ``hidden`` (findings the baseline hid) and ``exit_code`` (what
    ``scrapelint lint`` would exit with)."""

    @property
    def findings(self) -> list:
        return self[0]

    @property
    def errors(self) -> list:
        return self[1]

    @property
    def hidden(self) -> int:
        return self[2]

    @property
    def exit_code(self) -> int:
        return self[3]


def check_level(level: str) -> str:
    """``level`` if it is ``info``, ``warn`` or ``error``; else ValueError."""
    return _scrapelint.check_level(level)


def _findings(raw) -> list:
    """Findings from the binding: JSON strings, or lean tuples."""
    if raw and isinstance(raw[0], tuple):
        return [dict(zip(LEAN_KEYS, t)) for t in raw]
    return [json.loads(s) for s in raw]


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
        discover: Optional[str] = None,
    ):
        self._inner = _scrapelint.Linter(
            config, discover=discover, enable=list(enable), disable=list(disable), lints=list(lints), stats=stats
        )

    def check(
        self,
        paths: Sequence[str],
        *,
        baseline: Optional[str] = None,
        write_baseline: Optional[str] = None,
        fail_on: str = "warn",
        exit_zero: bool = False,
    ) -> Checked:
        """Lints files and folders as ``scrapelint lint PATHS`` does: the
        configuration's ``include`` and ``exclude``, ignore files and corpus;
        ``baseline`` hides the findings a baseline file records,
        ``write_baseline`` records them instead; the exit status follows
        ``fail_on`` and ``exit_zero`` as on the command line."""
        findings, errors, hidden, code = self._inner.check(
            [str(p) for p in paths], baseline=baseline, write_baseline=write_baseline,
            fail_on=fail_on, exit_zero=exit_zero,
        )
        return Checked(([json.loads(f) for f in findings], errors, hidden, code))

    def lint(
        self,
        text: str,
        path: str = "<text>",
        *,
        record: Optional[int] = None,
        id: Optional[str] = None,
        lean: bool = False,
    ) -> list[dict]:
        """The findings in ``text``: dicts with the fields of ``--format json``
        (``lean``: code, level, byte span and line only). Nothing when the
        configuration excludes ``path``."""
        return _findings(self._inner.lint_json(text, path, record, id, lean))

    def fix(
        self,
        text: str,
        path: str = "<text>",
        *,
        unsafe: bool = False,
        select: Optional[Sequence[str]] = None,
        min_level: Optional[str] = None,
        record: Optional[int] = None,
        id: Optional[str] = None,
        lean: bool = False,
    ) -> Tuple[str, list]:
        """``text`` fixed as ``scrapelint lint --fix`` fixes a file (``unsafe``:
        with ``--unsafe-fixes``), and the findings left in it. ``select``
        (lints or categories) and ``min_level`` limit which findings are
        fixed; every finding left is returned."""
        fixed, remaining, _ = self.fix_applied(
            text, path, unsafe=unsafe, select=select, min_level=min_level, record=record, id=id, lean=lean
        )
        return fixed, remaining

    def fix_applied(
        self,
        text: str,
        path: str = "<text>",
        *,
        unsafe: bool = False,
        select: Optional[Sequence[str]] = None,
        min_level: Optional[str] = None,
        record: Optional[int] = None,
        id: Optional[str] = None,
        lean: bool = False,
    ) -> Tuple[str, list, list]:
        """:meth:`fix`, also returning the fixes applied: ``(code, removed,
        inserted)`` for each, in order."""
        sel = list(select) if select is not None else None
        fixed, remaining, applied = self._inner.fix_json(
            text, path, unsafe, sel, min_level, record, id, lean
        )
        return fixed, _findings(remaining), applied

    def select(self, name: str) -> list[str]:
        """The lints ``name`` (a lint, a category or ``all``) selects; an
        unknown name is a ValueError with the command line's message."""
        return self._inner.select(name)

    def excluded(self, path: str) -> bool:
        """True when the configuration's ``exclude`` names ``path``."""
        return self._inner.excluded(path)

    def stats(self, docs: Iterable[_Doc], keep_single: bool = False) -> Stats:
        """Corpus statistics of ``(path, text)`` or ``(path, record, text)`` documents.

        What a single document holds is dropped (it tells no lint anything)
        and the statistics are final, unless ``keep_single``: statistics of
        shards that keep it add up exactly with ``merge``, and ``pruned()``
        makes the final statistics, as ``scrapelint stats --keep-single``
        and ``stats --merge`` do."""
        triples = [(d[0], None, d[1]) if len(d) == 2 else tuple(d) for d in docs]
        return self._inner.stats(triples, keep_single)

    def counter(self):
        """A counter that ``add(docs)`` counts batches of ``(path, record,
        text)`` documents into, and ``stats(keep_single=True)`` returns the
        statistics of: a task counting a stream without holding it."""
        return self._inner.counter()
