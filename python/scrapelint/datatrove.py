"""datatrove pipeline steps: clean documents with scrapelint's fixes, annotate
them with its findings, and drop the ones that remain bad; and count the
corpus statistics by partition and merge them (ScrapelintStats,
ScrapelintMergeStats).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from scrapelint.datatrove import ScrapelintFilter, ScrapelintFixer

    LocalPipelineExecutor(
        pipeline=[
            JsonlReader("shards/"),
            ScrapelintFixer(unsafe=True, select=["boilerplate", "unicode"], stats="all.stats"),
            ScrapelintFilter(max_findings=0, min_level="warn"),
            JsonlWriter("clean/"),
        ],
        tasks=8,
    ).run()

Each step checks its arguments when it is built, on the driver (a bad
configuration, an unknown lint, a bad level raise ValueError with the
command line's messages). The Rust linter is never pickled: the steps ship
their arguments to local, Slurm and Ray workers, which build it on first use.

A record is data from elsewhere, and datatrove puts a record's own fields
into ``metadata``: the steps act on what a step of this pipeline wrote, never
on what a record says of itself.

- ``trust_file_path=True`` matches the configuration's ``exclude`` and
  ``per-file-ignores`` against ``metadata["file_path"]``: excluded documents
  pass through untouched and unfound. It is off by default because
  datatrove's readers set ``file_path`` only when the record has none (a
  record's own ``file_path`` wins), so a record could claim an excluded path
  and pass unlinted; turn it on for records you wrote. Off, every document
  is linted with every enabled lint.
- A step whose first task (rank 0) sees no document raises
  :class:`NoDocuments` (``allow_empty=True`` lets it pass): a reader that
  found no files, or could not read them, does not make an empty output
  look like a clean corpus.
- :class:`ScrapelintFilter` reuses findings only when an annotator or fixer
  of the same pipeline wrote them (:class:`Findings`); findings a record
  carries in its metadata are ignored, and the document is linted.
"""

from __future__ import annotations

import os
import re
from typing import Optional, Sequence

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.writers.disk_base import DiskWriter

from . import Linter, Stats, check_level

# The path that names no file: no `exclude` or `per-file-ignores` applies.
NO_PATH = "<text>"

LEVELS = {"info": 0, "warn": 1, "error": 2}

# Linters built in this process, by their arguments: executors copy the
# steps for every task (datatrove deep-copies the pipeline per rank), and a
# linter with corpus statistics takes a while to build.
_BUILT: dict = {}


class Findings(list):
    """Findings a step of this pipeline wrote into ``metadata``: a record read
    from JSON can hold a list, never one of these, so the filter can tell
    them from findings a record claims for itself. Written out, a plain list."""


def _stamp(path: Optional[str]):
    """A file's size and modification time: a changed file is built anew."""
    try:
        st = os.stat(path) if path else None
    except OSError:
        return None
    return st and (st.st_size, st.st_mtime_ns)


class _LinterArgs:
    """The linter's arguments, checked by building the linter once where the
    step is built; workers build their own on first use."""

    def __init__(self, config, enable, disable, lints, stats, trust_file_path=False):
        self.config = config
        self.trust_file_path = trust_file_path
        self.enable = tuple(enable)
        self.disable = tuple(disable)
        self.lints = tuple(lints)
        self.stats = stats  # a path to a statistics file, or None
        self._linter: Optional[Linter] = None
        self.get()  # fail here, on the driver, not in every worker

    def get(self) -> Linter:
        if self._linter is None:
            key = (self.config, self.enable, self.disable, self.lints, self.stats)
            key += (_stamp(self.config), _stamp(self.stats))
            linter = _BUILT.get(key)
            if linter is None:
                stats = Stats.load(self.stats) if self.stats else None
                linter = Linter(self.config, enable=self.enable, disable=self.disable, lints=self.lints, stats=stats)
                if len(_BUILT) >= 8:
                    _BUILT.clear()
                _BUILT[key] = linter
            self._linter = linter
        return self._linter

    def select(self, names: Optional[Sequence[str]]) -> Optional[frozenset]:
        """The lints ``names`` select (lints, categories or ``all``), checked."""
        if names is None:
            return None
        if isinstance(names, str):
            names = [names]
        linter = self.get()
        return frozenset(code for n in names for code in linter.select(n))

    def path(self, doc: Document) -> str:
        """The document's file, for the configuration's policy, when the step
        trusts ``metadata["file_path"]``; otherwise no path (no policy)."""
        path = doc.metadata.get("file_path") if self.trust_file_path else None
        return path if isinstance(path, str) and path else NO_PATH

    def lint(self, doc: Document, lean: bool) -> list:
        """The document's findings, named by its file path (or id) and id."""
        return Findings(self.get().lint(doc.text, self.path(doc), id=str(doc.id), lean=lean))

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_linter"] = None
        return state


class NoDocuments(RuntimeError):
    """The first task of a pipeline step saw no document: see :func:`_seen`."""


def _seen(data, step: str, rank: int, allow_empty: bool):
    """Yields ``data``, and raises :class:`NoDocuments` after it when the
    task of rank 0 saw none. A reader hands its files out by rank, so rank 0
    has one whenever there are any: a first task with nothing means no files
    were found, or none could be read (datatrove logs a ``.jsonl.zst`` shard
    it cannot decompress as "may be corrupted" and goes on, and the pipeline
    would otherwise pass on nothing). ``allow_empty=True`` lets it pass."""
    n = 0
    for doc in data:
        n += 1
        yield doc
    if n == 0 and rank == 0 and not allow_empty:
        raise NoDocuments(
            f"{step}: the first task saw no document: the reader found no files, or could not "
            "read them (.zst shards need the zstandard package: pip install zstandard); "
            "pass allow_empty=True if an empty input is expected"
        )


class ScrapelintAnnotator(PipelineStep):
    """Adds ``metadata[metadata_key]``: the document's findings as dicts of
    ``code``, ``level``, ``byte_start``, ``byte_end`` (UTF-8 bytes) and
    ``line``; with ``full=True`` every field of ``scrapelint lint --format
    json`` (``id`` is the document's id).

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
        full: bool = False,
        trust_file_path: bool = False,
        allow_empty: bool = False,
    ):
        super().__init__()
        self._args = _LinterArgs(config, enable, disable, lints, stats, trust_file_path)
        self.metadata_key = metadata_key
        self.full = full
        self.allow_empty = allow_empty

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in _seen(data, self.name, rank, self.allow_empty):
            self.stat_update("documents")
            with self.track_time():
                findings = self._args.lint(doc, lean=not self.full)
            for f in findings:
                self.stat_update(f["code"])
            doc.metadata[self.metadata_key] = findings
            yield doc


class ScrapelintFixer(PipelineStep):
    """Rewrites ``document.text`` with scrapelint's fixes, as ``scrapelint
    lint --fix`` rewrites a file (``unsafe=True``: with ``--unsafe-fixes``,
    which deletes boilerplate lines). Only the findings of the lints or
    categories in ``select`` (all when ``None``) at ``min_level`` or above
    are fixed; the rest of the text is left byte for byte.

    Records ``metadata[fixes_key]``: one ``{"code", "removed", "inserted"}``
    per fix applied (absent when none was), and ``metadata[metadata_key]``:
    the findings left in the fixed text, as :class:`ScrapelintAnnotator`
    writes them, so a :class:`ScrapelintFilter` after it drops only the
    documents that remain bad without linting them again.
    """

    name = "🧹 scrapelint fixer"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        select: Optional[Sequence[str]] = None,
        *,
        min_level: Optional[str] = None,
        unsafe: bool = False,
        config: Optional[str] = None,
        enable: Sequence[str] = (),
        disable: Sequence[str] = (),
        lints: Sequence[str] = (),
        stats: Optional[str] = None,
        metadata_key: str = "scrapelint",
        fixes_key: str = "scrapelint_fixes",
        full: bool = False,
        trust_file_path: bool = False,
        allow_empty: bool = False,
    ):
        super().__init__()
        self._args = _LinterArgs(config, enable, disable, lints, stats, trust_file_path)
        self._args.select(select)  # checked now
        self.allow_empty = allow_empty
        self.select = None if select is None else ([select] if isinstance(select, str) else list(select))
        self.min_level = None if min_level is None else check_level(min_level)
        self.unsafe = unsafe
        self.metadata_key = metadata_key
        self.fixes_key = fixes_key
        self.full = full

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in _seen(data, self.name, rank, self.allow_empty):
            self.stat_update("documents")
            with self.track_time():
                fixed, remaining, applied = self._args.get().fix_applied(
                    doc.text,
                    self._args.path(doc),
                    unsafe=self.unsafe,
                    select=self.select,
                    min_level=self.min_level,
                    id=str(doc.id),
                    lean=not self.full,
                )
            if applied:
                self.stat_update("fixed_documents")
                for code, _, _ in applied:
                    self.stat_update(f"fixed_{code}")
                doc.text = fixed
                doc.metadata[self.fixes_key] = [
                    {"code": code, "removed": removed, "inserted": inserted}
                    for code, removed, inserted in applied
                ]
            doc.metadata[self.metadata_key] = Findings(remaining)
            yield doc


# The statistics files the steps below write and read.
_STATS_NAME = re.compile(r"\d{5}(?:\.\d{1,2})?\.stats|\d{1,2}\.stats")


def _local(folder: str, step: str) -> str:
    """The statistics steps read and write local (or shared) folders only: a
    remote URL would become a local folder of that name on each node."""
    if "://" in folder:
        raise ValueError(f"{step}: {folder}: a remote folder; give a folder every node mounts")
    return folder


class ScrapelintStats(PipelineStep):
    """Counts the corpus statistics of the documents its task sees, as
    ``scrapelint stats --keep-single`` counts a shard, and writes them to
    ``output_folder``: ``{rank:05d}.stats``, or with ``partitions=N`` one
    file a partition of the keys, ``{rank:05d}.{p}.stats`` (as ``stats
    --partitions``). Documents pass through unchanged. A document is named
    by its id (by ``file_path`` and id with ``trust_file_path=True``): ids
    must be unique. :class:`ScrapelintMergeStats` adds the files up."""

    name = "🧹 scrapelint stats"
    type = "📊 - STATS"

    def __init__(
        self,
        output_folder: str,
        *,
        partitions: Optional[int] = None,
        batch: int = 1000,
        config: Optional[str] = None,
        enable: Sequence[str] = (),
        disable: Sequence[str] = (),
        lints: Sequence[str] = (),
        trust_file_path: bool = False,
        allow_empty: bool = False,
    ):
        super().__init__()
        if partitions is not None and not 2 <= partitions <= 64:
            raise ValueError(f"partitions: from 2 to 64, not {partitions}")
        self._args = _LinterArgs(config, enable, disable, lints, None, trust_file_path)
        self.output_folder = _local(output_folder, self.name)
        self.partitions = partitions
        self.batch = batch
        self.allow_empty = allow_empty

    def _name(self, doc: Document) -> str:
        path = self._args.path(doc)
        return str(doc.id) if path == NO_PATH else f"{path}#{doc.id}"

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        counter = self._args.get().counter()
        batch = []
        for doc in _seen(data or (), self.name, rank, self.allow_empty):
            self.stat_update("documents")
            batch.append((self._name(doc), None, doc.text))
            if len(batch) >= self.batch:
                with self.track_time():
                    counter.add(batch)
                batch = []
            yield doc
        with self.track_time():
            counter.add(batch)
            stats = counter.stats()
            os.makedirs(self.output_folder, exist_ok=True)
            if self.partitions is None:
                stats.save(os.path.join(self.output_folder, f"{rank:05d}.stats"))
            else:
                for p, part in enumerate(stats.split(self.partitions)):
                    part.save(os.path.join(self.output_folder, f"{rank:05d}.{p}.stats"))


class ScrapelintMergeStats(PipelineStep):
    """Adds up the statistics files :class:`ScrapelintStats` wrote in
    ``input_folder``, as ``scrapelint stats --merge`` does. Without
    partitions, one task writes ``output`` (a file). With ``partitions=N``,
    run it with ``tasks=N``: task ``p`` adds up partition ``p`` of every
    file into ``{output}/{p}.stats`` (a folder), each holding about 1/N of
    the keys; a last step with one task and ``input_folder`` that folder
    joins the partitions into the whole. Pruned (final, as a lint reads it)
    unless ``keep_single``. Reads no documents."""

    name = "🧹 scrapelint merge stats"
    type = "📊 - STATS"

    def __init__(
        self,
        input_folder: str,
        output: str,
        *,
        partitions: Optional[int] = None,
        keep_single: bool = False,
        max_bytes: int = 4 << 30,
    ):
        super().__init__()
        self.input_folder = _local(input_folder, self.name)
        self.output = _local(output, self.name)
        self.partitions = partitions
        self.keep_single = keep_single
        self.max_bytes = max_bytes

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        # Only the files the steps write (`00012.stats`, `00012.3.stats`, a
        # merged partition `3.stats`), never a stray or an earlier output.
        names = sorted(f for f in os.listdir(self.input_folder) if _STATS_NAME.fullmatch(f))
        if self.partitions is None:
            if rank != 0:
                return
            files, out, want = names, self.output, "all keys"
        else:
            if rank >= self.partitions:
                return
            files = [f for f in names if f.endswith(f".{rank}.stats")]
            os.makedirs(self.output, exist_ok=True)
            out = os.path.join(self.output, f"{rank}.stats")
            want = f"partition {rank} of {self.partitions}"
        if not files:
            raise NoDocuments(f"{self.name}: no statistics files to add up in {self.input_folder}")
        with self.track_time():
            paths = [os.path.join(self.input_folder, f) for f in files]
            merged = Stats.merge_files(paths, keep_single=self.keep_single, max_bytes=self.max_bytes)
            # What the files held must be what this task adds up: a missing or
            # extra partition is an error here, not statistics short of keys.
            if merged.partition != want:
                raise ValueError(f"{self.name}: the files in {self.input_folder} hold {merged.partition}, not {want}")
            merged.save(out)
        self.stat_update("files", value=len(files))
        yield from data or ()


class ScrapelintFilter(BaseFilter):
    """Drops documents with more than ``max_findings`` findings at ``min_level``
    or above (only of the lints or categories in ``codes`` when given). The
    reason is one key per set of lints, ``scrapelint:LINT,LINT`` (sorted, no
    counts), so datatrove's statistics count drops per lint set. Reads the
    findings an annotator or fixer of this pipeline left in the metadata,
    and lints the document itself when there are none (findings a record
    carries in its own metadata are not taken: see :class:`Findings`).
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
        trust_file_path: bool = False,
        allow_empty: bool = False,
    ):
        super().__init__(exclusion_writer)
        self.allow_empty = allow_empty
        self.min_level = check_level(min_level)
        self.max_findings = max_findings
        self.metadata_key = metadata_key
        self._args = _LinterArgs(config, enable, disable, lints, stats, trust_file_path)
        self.codes = self._args.select(codes)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        yield from super().run(_seen(data, self.name, rank, self.allow_empty), rank, world_size)

    def filter(self, doc: Document):
        findings = doc.metadata.get(self.metadata_key)
        if not isinstance(findings, Findings):
            # None, or what the record itself carried: linted here.
            findings = self._args.lint(doc, lean=True)
        floor = LEVELS[self.min_level]
        counted = [
            f
            for f in findings
            if LEVELS.get(f["level"], 0) >= floor and (self.codes is None or f["code"] in self.codes)
        ]
        if len(counted) <= self.max_findings:
            return True
        return False, "scrapelint:" + ",".join(sorted({f["code"] for f in counted}))
