import json

import pytest

from scrapelint import Linter, Stats

from conftest import REPO


def test_findings_have_the_cli_json_fields(cli, tmp_path):
    text = (REPO / "seeds").glob("*.txt").__next__().read_text()
    (tmp_path / "a.txt").write_text(text)
    from_cli = [json.loads(l) for l in cli("lint", "--no-config", "--format", "json", "a.txt", cwd=tmp_path).splitlines()]
    from_py = Linter().lint(text, path="a.txt")
    assert from_py == from_cli
    assert from_py, "the seed article has findings"


def test_config_enable_disable_and_errors(tmp_path):
    text = "The talks ended. .\nGo To Source\n"
    codes = lambda fs: [f["code"] for f in fs]
    assert codes(Linter().lint(text)) == ["stray-period", "source-link"]
    assert codes(Linter(disable=["all"], enable=["stray-period"]).lint(text)) == ["stray-period"]
    cfg = tmp_path / "scrapelint.toml"
    cfg.write_text('[lints]\nsource-link = "off"\n')
    assert codes(Linter(str(cfg)).lint(text)) == ["stray-period"]
    cfg.write_text("[lints]\nno-such-lint = \"warn\"\n")
    with pytest.raises(ValueError, match="no-such-lint"):
        Linter(str(cfg))
    with pytest.raises(ValueError, match="unknown lint"):
        Linter(enable=["nope"])


def test_stats_merge_and_lint_against_them(cli, shards, tmp_path):
    linter = Linter()
    docs = []
    for shard in sorted(shards.iterdir()):
        for n, line in enumerate(shard.read_text().splitlines(), 1):
            docs.append((shard.name, n, json.loads(line)["text"]))
    parts = [linter.stats(d, keep_single=True) for d in (docs[:10], docs[10:20], docs[20:])]
    merged = parts[2].merge(parts[0]).merge(parts[1]).pruned()
    assert merged.documents == 30
    # The same bytes as the CLI's statistics of the same shards.
    cli("stats", "--no-config", "--input", "jsonl", "-o", "cli.stats", *sorted(p.name for p in shards.iterdir()), cwd=shards)
    assert merged.to_bytes() == (shards / "cli.stats").read_bytes()
    assert Stats.load(str(shards / "cli.stats")).to_bytes() == merged.to_bytes()
    assert linter.stats(docs).to_bytes() == merged.to_bytes()
    # Linting one record against them finds the misspelled name.
    against = Linter(stats=merged)
    path, record, text = docs[13]
    codes = [f["code"] for f in against.lint(text, path, record=record)]
    assert "inconsistent-name" in codes and "repeated-line" in codes
    with pytest.raises(ValueError, match="not a statistics file"):
        Stats.from_bytes(b"{}")


def test_fix_is_the_cli_fix_loop(cli, tmp_path):
    text = "The talks ended\u00a0on Monday. .\n\nGo To Source\n"
    linter = Linter()
    for unsafe, flags in ((False, []), (True, ["--unsafe-fixes"])):
        (tmp_path / "a.txt").write_text(text)
        cli("lint", "--no-config", "--fix", *flags, "a.txt", cwd=tmp_path)
        fixed, left = linter.fix(text, "a.txt", unsafe=unsafe)
        assert fixed == (tmp_path / "a.txt").read_text()
        from_cli = [json.loads(l) for l in cli("lint", "--no-config", "--format", "json", "a.txt", cwd=tmp_path).splitlines()]
        assert left == from_cli
    assert linter.fix(text, unsafe=True) == ("The talks ended on Monday.\n", [])
    # Only what is selected is fixed; every finding left comes back, lean if asked.
    fixed, left, applied = linter.fix_applied(text, unsafe=True, select=["boilerplate"], lean=True)
    assert fixed == "The talks ended\u00a0on Monday. .\n"
    assert applied == [("source-link", "Go To Source\n", "")]
    assert [(f["code"], f["line"]) for f in left] == [("odd-space", 1), ("stray-period", 1)]
    with pytest.raises(ValueError, match="did you mean `stray-period`"):
        linter.fix(text, select=["stray-perod"])
    with pytest.raises(ValueError, match="unknown level"):
        linter.fix(text, min_level="loud")


def test_the_configuration_policy_applies_by_path(tmp_path):
    cfg = tmp_path / "scrapelint.toml"
    cfg.write_text('exclude = ["drafts/**"]\n[per-file-ignores]\n"legacy/**" = ["typography"]\n')
    linter = Linter(str(cfg))
    text = "The talks ended. .\nGo To Source\n"
    codes = lambda fs: [f["code"] for f in fs]
    assert codes(linter.lint(text, str(tmp_path / "news/a.txt"))) == ["stray-period", "source-link"]
    assert linter.lint(text, str(tmp_path / "drafts/a.txt")) == []
    assert linter.excluded(str(tmp_path / "drafts/a.txt"))
    assert codes(linter.lint(text, str(tmp_path / "legacy/a.txt"))) == ["source-link"]
    # per-file-ignores hold while fixing too: the stray period stays.
    fixed, left = linter.fix(text, str(tmp_path / "legacy/a.txt"), unsafe=True)
    assert (fixed, left) == ("The talks ended. .\n", [])


def test_stats_load_refuses_what_is_not_a_regular_file(tmp_path):
    import os
    import subprocess
    import sys

    fifo = tmp_path / "evil.stats"
    os.mkfifo(fifo)
    # A FIFO is refused at once, not waited on (a writer is never coming):
    # in a child, which a wait would leave stuck.
    code = "from scrapelint import Stats\ntry:\n    Stats.load(%r)\nexcept OSError as e:\n    print(e)\n" % str(fifo)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert "not a regular file" in out.stdout, out
    with pytest.raises(OSError):
        Stats.load(str(tmp_path))
