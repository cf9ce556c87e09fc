import json
import pickle

import pytest

datatrove = pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from scrapelint.datatrove import ScrapelintAnnotator, ScrapelintFilter

# Compared with the CLI: everything but where the document is named (the
# CLI names the file and record; datatrove the file and id) and related
# places, which point at documents by those names.
KEYS = ("id", "code", "level", "message", "byte_start", "byte_end", "line", "column", "fix")


def key(f):
    return tuple(json.dumps(f.get(k), sort_keys=True) for k in KEYS)


def test_annotator_in_local_executor_matches_the_cli(cli, shards, tmp_path):
    names = sorted(p.name for p in shards.iterdir())
    cli("stats", "--no-config", "--input", "jsonl", "-o", str(tmp_path / "all.stats"), *names, cwd=shards)
    out = tmp_path / "out"
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(shards)),
            ScrapelintAnnotator(stats=str(tmp_path / "all.stats")),
            JsonlWriter(str(out)),
        ],
        tasks=3,
        workers=3,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    from_pipeline = []
    for f in sorted(out.glob("*.jsonl*")):
        import gzip

        with gzip.open(f, "rt") if f.suffix == ".gz" else open(f) as fh:
            for line in fh:
                doc = json.loads(line)
                from_pipeline.extend(doc["metadata"]["scrapelint"])
    from_cli = [
        json.loads(l)
        for l in cli("lint", "--no-config", "--input", "jsonl", "--format", "json", "--stats", str(tmp_path / "all.stats"), *names, cwd=shards).splitlines()
    ]
    assert len(from_cli) > 10
    assert {f["code"] for f in from_cli} >= {"repeated-line", "inconsistent-name", "related-link", "stray-period"}
    assert sorted(map(key, from_pipeline)) == sorted(map(key, from_cli))


def test_filter_drops_with_a_reason_and_steps_pickle(shards, tmp_path):
    step = ScrapelintFilter(max_findings=0, codes=["stray-period"])
    assert pickle.loads(pickle.dumps(step)).max_findings == 0
    from datatrove.data import Document

    kept = Document(text="The talks ended.\n", id="a", metadata={})
    dropped = Document(text="The talks ended. .\n", id="b", metadata={})
    assert step.filter(kept) is True
    assert step.filter(dropped) == (False, "scrapelint: 1 findings (stray-period)")
    # After use the linter is built, and pickling still leaves it out.
    annot = ScrapelintAnnotator()
    list(annot.run(iter([Document(text="x. .", id="c", metadata={})])))
    assert pickle.loads(pickle.dumps(annot))._args._linter is None
    with pytest.raises(ValueError):
        ScrapelintFilter(min_level="loud")
