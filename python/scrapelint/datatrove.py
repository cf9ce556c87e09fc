"""datatrove pipeline steps: annotate documents with scrapelint's findings,
and drop documents whose findings pass a threshold.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from scrapelint.datatrove import ScrapelintAnnotator, ScrapelintFilter

    LocalPipelineExecutor(
        pipeline=[
            JsonlReader("shards/"),
            ScrapelintAnnotator(stats="all.stats"),
            ScrapelintFilter(max_findings=5),
            JsonlWriter("clean/"),
        ],
        tasks=8,
    ).run()

The Rust linter is built inside each worker on first use and is never
pickled: the steps hold only their arguments, so they ship to local,
Slurm and Ray executors alike.
"""

from __future__ import annotations

from typing import Optional, Sequence

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.writers.disk_base import DiskWriter

from . import Linter, Stats

LEVELS = {"info": 0, "warn": 1, "error": 2}


class _LinterArgs:
    """The linter's arguments, and the linter itself built lazily per process."""

    def __init__(self, config, enable, disable, lints, stats):
        self.config = config
        self.enable = tuple(enable)
        self.disable = tuple(disable)
        self.lints = tuple(lints)
        self.stats = stats  # a path to a statistics file, or None
        self._linter: Optional[Linter] = None

    def get(self) -> Linter:
        if self._linter is None:
            stats = Stats.load(self.stats) if self.stats else None
            self._linter = Linter(
                self.config, enable=self.enable, disable=self.disable, lints=self.lints, stats=stats
            )
        return self._linter

    def lint(self, doc: Document) -> list:
        """The document's findings, named by its file path (or id) and id."""
        path = doc.metadata.get("file_path") or doc.id
        return self.get().lint(doc.text, path, id=str(doc.id))

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_linter"] = None
        return state


class ScrapelintAnnotator(PipelineStep):
    """Adds ``metadata[metadata_key]``: the document's findings, as dicts with
    the fields of ``scrapelint lint --format json`` (``id`` is the document's id).

    ``stats``: a file from ``scrapelint stats`` (of the whole corpus) for the
    corpus lints; without it they see each document alone and find little.
    """

    name = "🧹 scrapelint"
    type = "📝 - ANNOTATOR"

    def __init__(
        self,
        config: Optional[str] = None,
        *,
        enable: Sequence[str] = (),
        disable: Sequence[str] = (),
        lints: Sequence[str] = (),
        stats: Optional[str] = None,
        metadata_key: str = "scrapelint",
    ):
        super().__init__()
        self._args = _LinterArgs(config, enable, disable, lints, stats)
        self.metadata_key = metadata_key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update("documents")
            with self.track_time():
                findings = self._args.lint(doc)
            for f in findings:
                self.stat_update(f["code"])
            doc.metadata[self.metadata_key] = findings
            yield doc


class ScrapelintFilter(BaseFilter):
    """Drops documents with more than ``max_findings`` findings at ``min_level``
    or above (only ``codes`` when given), recording why: the reason names the
    lints. Reads the annotator's findings from the metadata when present, and
    lints the document itself when not.
    """

    name = "🧹 scrapelint filter"

    def __init__(
        self,
        max_findings: int = 0,
        *,
        min_level: str = "warn",
        codes: Optional[Sequence[str]] = None,
        config: Optional[str] = None,
        enable: Sequence[str] = (),
        disable: Sequence[str] = (),
        lints: Sequence[str] = (),
        stats: Optional[str] = None,
        metadata_key: str = "scrapelint",
        exclusion_writer: Optional[DiskWriter] = None,
    ):
        super().__init__(exclusion_writer)
        if min_level not in LEVELS:
            raise ValueError(f"min_level must be one of {sorted(LEVELS)}, not {min_level!r}")
        self.max_findings = max_findings
        self.min_level = min_level
        self.codes = set(codes) if codes is not None else None
        self.metadata_key = metadata_key
        self._args = _LinterArgs(config, enable, disable, lints, stats)

    def filter(self, doc: Document):
        findings = doc.metadata.get(self.metadata_key)
        if findings is None:
            findings = self._args.lint(doc)
        counted = [
            f
            for f in findings
            if LEVELS.get(f["level"], 0) >= LEVELS[self.min_level]
            and (self.codes is None or f["code"] in self.codes)
        ]
        if len(counted) <= self.max_findings:
            return True
        codes = sorted({f["code"] for f in counted})
        return False, f"scrapelint: {len(counted)} findings ({', '.join(codes)})"
