import gzip
import json
import os
import pickle
import re
import subprocess
import sys

import pytest

datatrove = pytest.importorskip("datatrove")

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from scrapelint import LEAN_KEYS
from scrapelint.datatrove import ScrapelintAnnotator, ScrapelintFilter, ScrapelintFixer

from conftest import REPO

# Compared with the CLI: everything but where the document is named (the
# CLI names the file and record; datatrove the file and id) and related
# places, which point at documents by those names.
KEYS = ("id", "code", "level", "message", "byte_start", "byte_end", "line", "column", "fix")


def key(f, keys=KEYS):
    return tuple(json.dumps(f.get(k), sort_keys=True) for k in keys)


def read_jsonl(folder):
    docs = []
    for f in sorted(folder.glob("*.jsonl*")):
        with gzip.open(f, "rt") if f.suffix == ".gz" else open(f) as fh:
            docs.extend(json.loads(line) for line in fh)
    return docs


def cli_findings(cli, shards, stats, names):
    out = cli("lint", "--no-config", "--input", "jsonl", "--format", "json", "--stats", str(stats), *names, cwd=shards)
    return [json.loads(l) for l in out.splitlines()]


def test_annotator_in_local_executor_matches_the_cli(cli, shards, tmp_path):
    names = sorted(p.name for p in shards.iterdir())
    cli("stats", "--no-config", "--input", "jsonl", "-o", str(tmp_path / "all.stats"), *names, cwd=shards)
    for full in (True, False):
        out = tmp_path / f"out-{full}"
        LocalPipelineExecutor(
            pipeline=[
                JsonlReader(str(shards)),
                ScrapelintAnnotator(stats=str(tmp_path / "all.stats"), full=full),
                JsonlWriter(str(out)),
            ],
            tasks=3,
            workers=3,
            logging_dir=str(tmp_path / f"logs-{full}"),
        ).run()
        from_pipeline = [f for doc in read_jsonl(out) for f in doc["metadata"]["scrapelint"]]
        from_cli = cli_findings(cli, shards, tmp_path / "all.stats", names)
        assert len(from_cli) > 10
        assert {f["code"] for f in from_cli} >= {"repeated-line", "inconsistent-name", "related-link", "stray-period"}
        if full:
            assert sorted(map(key, from_pipeline)) == sorted(map(key, from_cli))
        else:
            # Lean records: what a pipeline filters on, and nothing else.
            assert all(tuple(f) == LEAN_KEYS for f in from_pipeline)
            assert sorted(key(f, LEAN_KEYS) for f in from_pipeline) == sorted(key(f, LEAN_KEYS) for f in from_cli)


SOURCE = (
    "Officials met on Monday\u00a0to discuss the grain deal. .\n\n"
    "Go To Source\n\n"
    "Analysts said the report was detailed &amp; long.\n"
)


def test_fixer_deletes_the_line_and_leaves_the_rest_byte_for_byte():
    step = ScrapelintFixer(select=["source-link"], unsafe=True)
    doc = Document(text=SOURCE, id="a", metadata={})
    (out,) = step.run(iter([doc]))
    assert out.text == SOURCE.replace("Go To Source\n\n", "")
    assert out.metadata["scrapelint_fixes"] == [{"code": "source-link", "removed": "Go To Source\n", "inserted": ""}]
    # What is left, lean, for a filter after it.
    assert [f["code"] for f in out.metadata["scrapelint"]] == ["odd-space", "stray-period", "html-entity"]
    assert all(tuple(f) == LEAN_KEYS for f in out.metadata["scrapelint"])
    assert ScrapelintFilter(max_findings=0).filter(out) == (False, "scrapelint:html-entity,odd-space,stray-period")
    # Safe fixes of every lint: the line stays (deleting is unsafe), the rest is repaired.
    (out,) = ScrapelintFixer().run(iter([Document(text=SOURCE, id="a", metadata={})]))
    assert out.text == "Officials met on Monday to discuss the grain deal.\n\nGo To Source\n\nAnalysts said the report was detailed & long.\n"
    assert [f["code"] for f in out.metadata["scrapelint"]] == ["source-link"]
    # A level floor: nothing at error, so nothing changes and nothing is recorded.
    (out,) = ScrapelintFixer(min_level="error", unsafe=True).run(iter([Document(text=SOURCE, id="a", metadata={})]))
    assert out.text == SOURCE and "scrapelint_fixes" not in out.metadata


def test_a_first_task_that_sees_no_document_fails():
    from scrapelint.datatrove import NoDocuments

    for step in (ScrapelintAnnotator(), ScrapelintFixer(), ScrapelintFilter()):
        with pytest.raises(NoDocuments, match="zstandard"):
            list(step.run(iter([]), rank=0, world_size=4))
        # Another task may have no file of its own; allow_empty lets the first pass too.
        assert list(step.run(iter([]), rank=3, world_size=4)) == []
        step.allow_empty = True
        assert list(step.run(iter([]), rank=0, world_size=4)) == []


def _count_and_merge(executor, shards, tmp, partitions):
    """Counts the shards' statistics (three tasks), adds up each partition
    (a task each) and joins them; without partitions, adds all up at once."""
    from scrapelint.datatrove import ScrapelintMergeStats, ScrapelintStats

    counted, merged, out = tmp / "counted", tmp / "merged", tmp / "all.stats"
    executor([JsonlReader(str(shards)), ScrapelintStats(str(counted), partitions=partitions)], 3, tmp / "logs-count")
    if partitions is None:
        executor([ScrapelintMergeStats(str(counted), str(out))], 1, tmp / "logs-merge")
    else:
        step = ScrapelintMergeStats(str(counted), str(merged), partitions=partitions)
        executor([step], partitions, tmp / "logs-merge")
        executor([ScrapelintMergeStats(str(merged), str(out))], 1, tmp / "logs-join")
    return out.read_bytes()


def local(pipeline, tasks, logs):
    LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=min(tasks, 2), logging_dir=str(logs)).run()


def test_statistics_counted_and_merged_by_partition_equal_the_whole(cli, shards, tmp_path):
    from scrapelint import Stats

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    whole = _count_and_merge(local, shards, tmp_path / "a", None)
    joined = _count_and_merge(local, shards, tmp_path / "b", 3)
    assert whole == joined
    stats = Stats.from_bytes(joined)
    assert stats.documents == 30 and stats.partition == "all keys"
    # Each partition merge held a part of the keys.
    parts = sorted((tmp_path / "b" / "merged").iterdir())
    assert len(parts) == 3 and all(Stats.load(str(p)).partition.startswith("partition ") for p in parts)
    assert all(p.stat().st_size < len(whole) for p in parts)


def test_zstd_shards_are_read(cli, shards, tmp_path):
    # The [datatrove] extra installs zstandard: .jsonl.zst shards are read, not skipped.
    import zstandard

    zst = tmp_path / "zst"
    zst.mkdir()
    for f in sorted(shards.iterdir()):
        (zst / (f.name + ".zst")).write_bytes(zstandard.ZstdCompressor().compress(f.read_bytes()))
    out = tmp_path / "out"
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(zst)), ScrapelintAnnotator(), JsonlWriter(str(out))],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    assert len(read_jsonl(out)) == 30


def test_the_filter_reason_is_one_key_per_lint_set_and_steps_pickle():
    step = ScrapelintFilter(max_findings=0, codes=["stray-period"])
    assert pickle.loads(pickle.dumps(step)).max_findings == 0
    kept = Document(text="The talks ended.\n", id="a", metadata={})
    assert step.filter(kept) is True
    for text in ("The talks ended. .\n", "The talks ended. .\nThey left. .\n"):
        assert step.filter(Document(text=text, id="b", metadata={})) == (False, "scrapelint:stray-period")
    # After use the linter is built, and pickling still leaves it out.
    for s in (ScrapelintAnnotator(), ScrapelintFixer(unsafe=True)):
        list(s.run(iter([Document(text="x. .", id="c", metadata={})])))
        assert s._args._linter is not None
        assert pickle.loads(pickle.dumps(s))._args._linter is None


def test_bad_arguments_fail_when_the_step_is_built_with_the_cli_messages(cli, tmp_path):
    (tmp_path / "a.txt").write_text("x\n")
    # An unknown lint, where the CLI takes lint names.
    for make in (
        lambda: ScrapelintAnnotator(enable=["stray-perod"]),
        lambda: ScrapelintFixer(disable=["stray-perod"]),
        lambda: ScrapelintFixer(select=["stray-perod"]),
        lambda: ScrapelintFilter(codes=["stray-perod"]),
    ):
        with pytest.raises(ValueError) as e:
            make()
        err = cli("lint", "--no-config", "--enable", "stray-perod", "a.txt", cwd=tmp_path, fails=True)
        assert err == f"error: {e.value}\n"
    # A configuration that cannot be used: the CLI's report, drawn the same.
    cfg = tmp_path / "scrapelint.toml"
    cfg.write_text('[lints]\nstray-perod = "warn"\n')
    with pytest.raises(ValueError) as e:
        ScrapelintFilter(config=str(cfg))
    err = cli("lint", "-q", "--config", str(cfg), "a.txt", cwd=tmp_path, fails=True)
    assert str(e.value) == err
    with pytest.raises(ValueError, match="no such file"):
        ScrapelintAnnotator(config=str(tmp_path / "missing.toml"))
    # Levels: the configuration's message.
    for make in (lambda: ScrapelintFilter(min_level="loud"), lambda: ScrapelintFixer(min_level="loud")):
        with pytest.raises(ValueError, match=re.escape("unknown level `loud` (expected off, info, warn or error)")):
            make()
    with pytest.raises(ValueError, match="selects nothing"):
        ScrapelintFilter(min_level="off")
    # Statistics that cannot serve the lints.
    with pytest.raises(OSError):
        ScrapelintAnnotator(stats=str(tmp_path / "missing.stats"))


def test_the_configuration_policy_applies_to_documents(tmp_path):
    cfg = tmp_path / "scrapelint.toml"
    cfg.write_text('exclude = ["drafts/**"]\n[per-file-ignores]\n"legacy/**" = ["boilerplate"]\n')
    step = ScrapelintAnnotator(config=str(cfg), trust_file_path=True)
    docs = [
        Document(text=SOURCE, id=name, metadata={"file_path": str(tmp_path / name)})
        for name in ("news/a.jsonl", "drafts/b.jsonl", "legacy/c.jsonl")
    ]
    codes = [[f["code"] for f in d.metadata["scrapelint"]] for d in step.run(iter(docs))]
    assert codes == [["odd-space", "stray-period", "source-link", "html-entity"], [], ["odd-space", "stray-period", "html-entity"]]
    fixer = ScrapelintFixer(config=str(cfg), unsafe=True, trust_file_path=True)
    fresh = [Document(text=SOURCE, id=d.id, metadata={"file_path": d.metadata["file_path"]}) for d in docs]
    texts = [d.text for d in fixer.run(iter(fresh))]
    assert texts[1] == SOURCE, "an excluded document passes untouched"
    assert "Go To Source" not in texts[0] and "Go To Source" in texts[2]


def test_what_a_record_says_of_itself_is_not_trusted(tmp_path):
    cfg = tmp_path / "scrapelint.toml"
    cfg.write_text('exclude = ["drafts/**"]\n[per-file-ignores]\n"legacy/**" = ["boilerplate"]\n')
    # datatrove's readers keep a record's own file_path (setdefault): a record
    # claiming an excluded or ignored path is linted in full unless the step
    # is told to trust file_path.
    for claimed in ("drafts/b.jsonl", "legacy/c.jsonl"):
        doc = Document(text=SOURCE, id="x", metadata={"file_path": str(tmp_path / claimed)})
        (out,) = ScrapelintAnnotator(config=str(cfg)).run(iter([doc]))
        assert "source-link" in [f["code"] for f in out.metadata["scrapelint"]], claimed
        doc = Document(text=SOURCE, id="x", metadata={"file_path": str(tmp_path / claimed)})
        (out,) = ScrapelintFixer(config=str(cfg), unsafe=True).run(iter([doc]))
        assert "Go To Source" not in out.text, claimed
    # Nor are findings a record carries: the filter lints it.
    step = ScrapelintFilter(max_findings=0)
    forged = Document(text="The talks ended. .\n", id="f", metadata={"scrapelint": []})
    assert step.filter(forged) is not True
    # What an annotator of the pipeline wrote is reused, as before.
    (annotated,) = ScrapelintAnnotator().run(iter([Document(text="The talks ended. .\n", id="g", metadata={})]))
    annotated.metadata["scrapelint"].clear()
    assert step.filter(annotated) is True, "the annotator's (emptied) findings were reused"


def readme_block(marker):
    """The code block after ``<!-- marker -->`` in the README."""
    text = (REPO / "README.md").read_text()
    m = re.search(r"<!-- " + re.escape(marker) + r" -->\n```python\n(.*?)```", text, re.S)
    assert m, f"README has no {marker} block"
    return m.group(1)


@pytest.fixture
def readme_setup(cli, shards, tmp_path, monkeypatch):
    """The README's starting point in a fresh folder: shards/ and all.stats."""
    monkeypatch.chdir(tmp_path)
    names = sorted(str(p) for p in shards.iterdir())
    cli("stats", "--no-config", "--input", "jsonl", *names, "-o", str(tmp_path / "all.stats"))
    return names


def check_readme_output(cli, tmp_path, names, clean, removed):
    kept = read_jsonl(tmp_path / clean)
    dropped = read_jsonl(tmp_path / removed)
    assert len(kept) + len(dropped) == 30 and kept and dropped
    # What was safe to fix was fixed everywhere: only the misspelled name drops a document.
    assert len(kept) == 29, [d["id"] for d in dropped]
    for doc in kept + dropped:
        assert "Read Also" not in doc["text"] and ". ." not in doc["text"]
    for doc in kept:
        assert not [f for f in doc["metadata"]["scrapelint"] if f["code"] in ("inconsistent-name", "mojibake")]
    # What the pipeline left equals what the CLI finds in the fixed texts.
    fixed = tmp_path / "fixed.jsonl"
    by_id = sorted(kept + dropped, key=lambda d: d["id"])
    fixed.write_text("".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in by_id))
    from_cli = cli_findings(cli, tmp_path, tmp_path / "all.stats", ["fixed.jsonl"])
    from_pipeline = [dict(f, id=d["id"]) for d in by_id for f in d["metadata"]["scrapelint"]]
    lean = ("id",) + LEAN_KEYS
    assert sorted(key(f, lean) for f in from_pipeline) == sorted(key(f, lean) for f in from_cli)
    codes = {f["code"] for f in from_cli}
    assert "inconsistent-name" in codes and "stray-period" not in codes, codes


def test_readme_pipeline(cli, shards, tmp_path, readme_setup):
    # As a user runs it: a script of its own (datatrove's workers import it again).
    (tmp_path / "pipeline.py").write_text(readme_block("readme-pipeline"))
    p = subprocess.run([sys.executable, "pipeline.py"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    check_readme_output(cli, tmp_path, readme_setup, "clean", "removed")


def test_readme_pipeline_on_ray(cli, shards, tmp_path, readme_setup):
    ray = pytest.importorskip("ray", reason="ray is not installed (the [ray] extra of python/pyproject.toml)")
    scope = {"__name__": "readme"}  # the pipeline, not its local run
    exec(readme_block("readme-pipeline"), scope)
    code = readme_block("readme-ray")
    init, rest = code.split("ray.init()", 1)
    exec(init, scope)
    try:
        ray.init(num_cpus=2, include_dashboard=False)
    except Exception as e:  # noqa: BLE001 - any failure to start is the reason to skip
        pytest.skip(f"a local Ray cluster could not start here: {type(e).__name__}: {e}")
    try:
        exec(rest.split("\n", 1)[1], scope)
    finally:
        ray.shutdown()
    check_readme_output(cli, tmp_path, readme_setup, "clean", "removed")


def test_statistics_by_partition_on_ray_equal_the_whole(cli, shards, tmp_path):
    ray = pytest.importorskip("ray", reason="ray is not installed (the [ray] extra of python/pyproject.toml)")
    from datatrove.executor.ray import RayPipelineExecutor

    try:
        ray.init(num_cpus=2, include_dashboard=False)
    except Exception as e:  # noqa: BLE001 - any failure to start is the reason to skip
        pytest.skip(f"a local Ray cluster could not start here: {type(e).__name__}: {e}")
    try:
        def on_ray(pipeline, tasks, logs):
            RayPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=2, logging_dir=str(logs)).run()

        (tmp_path / "ray").mkdir()
        joined = _count_and_merge(on_ray, shards, tmp_path / "ray", 3)
    finally:
        ray.shutdown()
    (tmp_path / "local").mkdir()
    assert joined == _count_and_merge(local, shards, tmp_path / "local", None)
