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


def _exit(exe_run, *args, cwd):
    import subprocess, os
    exe = os.environ.get("SCRAPELINT_BIN") or str(REPO / "target" / "debug" / "scrapelint")
    return subprocess.run([exe, *args], cwd=cwd, capture_output=True, text=True).returncode


def test_discovery_and_trust_are_the_cli_s(cli, tmp_path):
    import os
    from scrapelint import rules, explain
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / "scrapelint.toml").write_text('[lints]\nsource-link = "off"\n')
    text = "The talks ended. .\nGo To Source\n"
    codes = lambda fs: [f["code"] for f in fs]
    # Found from a folder below, as the CLI finds it.
    assert codes(Linter(discover=str(tmp_path / "sub")).lint(text)) == ["stray-period"]
    assert codes(Linter().lint(text)) == ["stray-period", "source-link"], "no discovery unless asked"
    # A configuration others can write is refused by both, with one message.
    os.chmod(tmp_path / "scrapelint.toml", 0o666)
    (tmp_path / "a.txt").write_text(text)
    message = cli("lint", "a.txt", cwd=tmp_path, fails=True)
    with pytest.raises(ValueError) as e:
        Linter(discover=str(tmp_path))
    assert "not used: others can write to it" in str(e.value) and "not used: others can write to it" in message
    os.chmod(tmp_path / "scrapelint.toml", 0o644)
    with pytest.raises(ValueError, match="not both"):
        Linter(str(tmp_path / "scrapelint.toml"), discover=str(tmp_path))
    # rules and explain describe the configuration's lints.
    assert "source-link" in rules(discover=str(tmp_path))
    assert explain("source-link").startswith("# source-link")
    with pytest.raises(ValueError, match="unknown lint or category"):
        explain("no-such-lint")
    assert rules("json") == cli("rules", "--format", "json", "--no-config")


def test_check_has_the_cli_s_baselines_and_exit_status(cli, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text("The talks ended. .\nGo To Source\n")
    (tmp_path / "b.txt").write_text("A clean sentence, and another one.\n")
    linter = Linter()
    checked = linter.check([str(tmp_path)])
    from_cli = [json.loads(l) for l in cli("lint", "--no-config", "--format", "json", ".", cwd=tmp_path).splitlines()]
    # The CLI names files relative to where it runs; the paths differ, the findings do not.
    strip = lambda fs: [{k: v for k, v in f.items() if k != "path"} for f in fs]
    assert strip(checked.findings) == strip(from_cli)
    assert (checked.errors, checked.hidden) == ([], 0)
    # Warnings fail by default, as on the command line; not with fail_on="error".
    assert checked.exit_code == _exit(cli, "lint", "--no-config", ".", cwd=tmp_path) == 1
    assert linter.check([str(tmp_path)], fail_on="error").exit_code == 0
    assert _exit(cli, "lint", "--no-config", "--fail-on", "error", ".", cwd=tmp_path) == 0
    assert linter.check([str(tmp_path)], exit_zero=True).exit_code == 0
    # A baseline written by Python hides everything, for Python and the CLI.
    base = tmp_path / "baseline.json"
    wrote = linter.check([str(tmp_path)], write_baseline=str(base))
    assert wrote.findings == [] and wrote.exit_code == 0 and base.exists()
    again = linter.check([str(tmp_path)], baseline=str(base), fail_on="warn")
    assert (again.findings, again.hidden, again.exit_code) == ([], 2, 0)
    assert _exit(cli, "lint", "--no-config", "--fail-on", "warn", "--baseline", str(base), ".", cwd=tmp_path) == 0
    with pytest.raises(ValueError, match="not a scrapelint baseline"):
        (tmp_path / "bad.json").write_text("{}")
        linter.check([str(tmp_path)], baseline=str(tmp_path / "bad.json"))
