//! The command line: exit codes, formats, inputs, user lint folders.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

struct Out {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scrapelint"))
        .args(args)
        .current_dir(dir)
        .env("COLUMNS", "80")
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or_default()).unwrap();
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    Out {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap(),
    }
}

fn run(args: &[&str]) -> Out {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, None)
}

/// A fresh folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

const CLEAN: &str = "The talks ended on Monday. Both sides said they would meet again.\n";
const DIRTY: &str = "The talks ended on Monday. .\n\nGo To Source\n";

#[test]
fn exit_codes() {
    let dir = scratch("exit_codes");
    fs::write(dir.join("clean.txt"), CLEAN).unwrap();
    fs::write(dir.join("dirty.txt"), DIRTY).unwrap();
    assert_eq!(run_in(&dir, &["lint", "clean.txt"], None).code, 0);
    assert_eq!(run_in(&dir, &["lint", "dirty.txt"], None).code, 1);
    // warnings do not reach --fail-on error
    assert_eq!(run_in(&dir, &["lint", "dirty.txt", "--fail-on", "error"], None).code, 0);
    // usage and I/O errors are 2
    assert_eq!(run_in(&dir, &["lint", "--format", "xml"], None).code, 2);
    assert_eq!(run_in(&dir, &["lint", "missing.txt", "clean.txt"], None).code, 2);
    assert_eq!(run_in(&dir, &["frobnicate"], None).code, 2);
    assert_eq!(run(&["--help"]).code, 0);
}

#[test]
fn concise_format() {
    let dir = scratch("concise");
    fs::write(dir.join("dirty.txt"), DIRTY).unwrap();
    let out = run_in(&dir, &["lint", "dirty.txt", "--format", "concise"], None);
    assert_eq!(
        out.stdout,
        "dirty.txt:1:26: warn[stray-period] period repeated with a space between (`. .`)\n\
         dirty.txt:3:1: warn[source-link] link back to the source page\n"
    );
    assert_eq!(out.stderr, "2 findings (2 warnings) in 1 file checked\n");
}

#[test]
fn json_format_has_every_field() {
    let dir = scratch("json");
    // A two-byte character before the span: columns count characters, offsets bytes.
    fs::write(dir.join("a.txt"), "Caf\u{e9} closed. .\r\n").unwrap();
    let out = run_in(&dir, &["lint", ".", "--format", "json"], None);
    assert_eq!(out.code, 1);
    // The summary goes to standard error whatever the format; standard
    // output holds only the findings.
    assert_eq!(out.stderr, "1 finding (1 warning) in 1 file checked\n");
    assert_eq!(run_in(&dir, &["lint", ".", "--format", "json", "-q"], None).stderr, "");
    for format in ["sarif", "github"] {
        let out = run_in(&dir, &["lint", ".", "--statistics", "--format", format], None);
        assert_eq!(out.code, 2, "--statistics --format {format}");
        assert!(out.stderr.contains("--statistics writes a table"), "{}", out.stderr);
    }
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1);
    let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(v["path"], "a.txt");
    assert_eq!(v["code"], "stray-period");
    assert_eq!(v["level"], "warn");
    assert_eq!(v["label"], "stray period");
    assert_eq!(v["help"], "keep one period");
    assert_eq!(v["byte_start"], 12);
    assert_eq!(v["byte_end"], 15);
    assert_eq!((v["line"].as_u64(), v["column"].as_u64()), (Some(1), Some(12)));
    assert_eq!((v["end_line"].as_u64(), v["end_column"].as_u64()), (Some(1), Some(15)));
    assert_eq!(v["fix"]["applicability"], "safe");
    assert_eq!(v["fix"]["edits"][0]["byte_start"], 13);
    assert!(v["message"].as_str().unwrap().contains(". ."));
}

#[test]
fn stdin_with_a_display_name() {
    let dir = scratch("stdin");
    let out = run_in(
        &dir,
        &["lint", "-", "--stdin-filename", "piped.txt", "--format", "concise"],
        Some(DIRTY.as_bytes()),
    );
    assert_eq!(out.code, 1);
    assert!(out.stdout.starts_with("piped.txt:1:26: warn[stray-period]"), "{}", out.stdout);
}

#[test]
fn folders_walk_txt_files_sorted_and_named_files_whatever_extension() {
    let dir = scratch("walk");
    fs::create_dir_all(dir.join("b")).unwrap();
    fs::create_dir_all(dir.join(".hidden")).unwrap();
    fs::write(dir.join("b/z.txt"), DIRTY).unwrap();
    fs::write(dir.join("a.txt"), DIRTY).unwrap();
    fs::write(dir.join("notes.md"), DIRTY).unwrap();
    fs::write(dir.join(".hidden/x.txt"), DIRTY).unwrap();
    let out = run_in(&dir, &["lint", ".", "--format", "concise", "--disable", "structure"], None);
    let files: Vec<&str> = out.stdout.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(files, ["a.txt", "a.txt", "b/z.txt", "b/z.txt"]);
    assert!(out.stderr.contains("in 2 files checked"), "{}", out.stderr);
    let out = run_in(&dir, &["lint", "notes.md", "--format", "concise"], None);
    assert_eq!(out.stdout.lines().count(), 2);
    let out = run_in(
        &dir,
        &["lint", ".", "--extension", "md,txt", "--format", "concise", "--disable", "structure"],
        None,
    );
    assert_eq!(out.stdout.lines().count(), 6);
}

#[test]
fn bad_files_are_reported_and_the_rest_still_linted() {
    let dir = scratch("bad_files");
    fs::write(dir.join("a.txt"), b"ok so far \xff\xfe then").unwrap();
    fs::write(dir.join("b.txt"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    fs::write(dir.join("c.txt"), DIRTY).unwrap();
    let out = run_in(&dir, &["lint", ".", "--format", "concise"], None);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout,
        "a.txt:1:11: error[invalid-utf8] not valid UTF-8 at byte 10; the file was not linted\n\
         b.txt:1:1: info[binary-file] binary file skipped\n\
         c.txt:1:26: warn[stray-period] period repeated with a space between (`. .`)\n\
         c.txt:3:1: warn[source-link] link back to the source page\n"
    );
    let human = run_in(&dir, &["lint", "b.txt", "--color", "never"], None);
    assert!(human.stdout.contains("b.txt: binary file skipped"), "{}", human.stdout);
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    let dir = scratch("escapes");
    fs::write(dir.join("a.txt"), "\x1b]0;pwned\x07 The end. .\u{202E}gnp.exe\n").unwrap();
    for format in ["human", "concise", "json"] {
        let out = run_in(&dir, &["lint", "a.txt", "--format", format, "--color", "never"], None);
        assert!(
            !out.stdout.contains('\x1b') && !out.stdout.contains('\u{202E}'),
            "{format}: {:?}",
            out.stdout
        );
    }
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let dir = scratch("color");
    fs::write(dir.join("a.txt"), DIRTY).unwrap();
    let always = run_in(&dir, &["lint", "a.txt", "--color", "always"], None);
    assert!(always.stdout.contains('\x1b'));
    let never = run_in(&dir, &["lint", "a.txt", "--color", "never"], None);
    assert!(!never.stdout.contains('\x1b'));
    // auto: not a terminal here, so no color either
    let auto = run_in(&dir, &["lint", "a.txt"], None);
    assert!(!auto.stdout.contains('\x1b'));
}

#[test]
fn enable_and_disable() {
    let dir = scratch("select");
    fs::write(dir.join("a.txt"), DIRTY).unwrap();
    let out = run_in(&dir, &["lint", "a.txt", "--format", "concise", "--disable", "typography"], None);
    assert_eq!(out.stdout.lines().count(), 1);
    let out = run_in(&dir, &["lint", "a.txt", "--disable", "source-link,stray-period"], None);
    assert_eq!(out.code, 0);
    let out = run_in(&dir, &["lint", "a.txt", "--disable", "no-such-lint"], None);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unknown lint or category `no-such-lint`"));
}

const USER_LINT: &str = r#"
summary = "a \"Listen to this article\" audio prompt"
why = "an audio-player prompt is page chrome"
kind = "line"
pattern = '(?i)listen to (?:this|the) article'
message = "audio-player prompt"
help = "delete the line"
fix = { action = "delete-line", applicability = "unsafe" }
[[example]]
text = "Body.\nListen to this article\n"
fires = 1
[[example]]
text = "Listen to this article's critics, he said, before you judge.\n"
fires = 0
"#;

#[test]
fn user_lint_folder() {
    let dir = scratch("user_lints");
    fs::create_dir_all(dir.join("mylints/boilerplate")).unwrap();
    fs::write(dir.join("mylints/boilerplate/audio-prompt.toml"), USER_LINT).unwrap();
    fs::write(dir.join("a.txt"), "Text.\nLISTEN TO THIS ARTICLE\n").unwrap();
    let out = run_in(&dir, &["lint", "a.txt", "--lints", "mylints", "--format", "concise"], None);
    assert_eq!(out.stdout, "a.txt:2:1: warn[audio-prompt] audio-player prompt\n");
    let rules = run_in(&dir, &["rules", "--lints", "mylints"], None);
    assert!(rules.stdout.contains("audio-prompt"));
}

/// `rules` and `explain` describe the lints `lint` runs: the configuration's
/// lint folders included, found and trusted the same way.
#[test]
fn rules_and_explain_read_the_configurations_lint_folders() {
    let dir = scratch("docs_config");
    fs::create_dir_all(dir.join("mylints/boilerplate")).unwrap();
    fs::write(dir.join("mylints/boilerplate/audio-prompt.toml"), USER_LINT).unwrap();
    fs::write(dir.join("scrapelint.toml"), "lint-dirs = [\"mylints\"]\n").unwrap();
    let out = run_in(&dir, &["explain", "audio-prompt"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("# audio-prompt"), "{}", out.stdout);
    assert!(run_in(&dir, &["rules"], None).stdout.contains("audio-prompt"));
    let out = run_in(&dir, &["explain", "audio-prompt", "--no-config"], None);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unknown lint or category `audio-prompt`"), "{}", out.stderr);
    let other = dir.join("other.toml");
    fs::write(&other, "").unwrap();
    let out = run_in(&dir, &["rules", "--config", other.to_str().unwrap()], None);
    assert!(!out.stdout.contains("audio-prompt"), "{}", out.stdout);
}

#[test]
fn malformed_user_lint_points_into_the_toml() {
    let dir = scratch("bad_user_lint");
    fs::create_dir_all(dir.join("mylints/boilerplate")).unwrap();
    let bad = USER_LINT.replace("(?:this|the) article", "(?:this|the article");
    fs::write(dir.join("mylints/boilerplate/audio-prompt.toml"), bad).unwrap();
    fs::write(dir.join("a.txt"), CLEAN).unwrap();
    let out = run_in(&dir, &["lint", "a.txt", "--lints", "mylints"], None);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unclosed group"), "{}", out.stderr);
    assert!(out.stderr.contains("audio-prompt.toml:5:"), "points at the pattern's line: {}", out.stderr);

    let typo = USER_LINT.replace("help =", "hlep =");
    fs::write(dir.join("mylints/boilerplate/audio-prompt.toml"), typo).unwrap();
    let out = run_in(&dir, &["lint", "a.txt", "--lints", "mylints"], None);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unknown field `hlep`"), "{}", out.stderr);

    // A user lint may not shadow a built-in one.
    fs::write(dir.join("mylints/boilerplate/source-link.toml"), USER_LINT).unwrap();
    fs::remove_file(dir.join("mylints/boilerplate/audio-prompt.toml")).unwrap();
    let out = run_in(&dir, &["lint", "a.txt", "--lints", "mylints"], None);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("already exists"), "{}", out.stderr);
}

#[test]
fn rules_and_explain() {
    let out = run(&["rules"]);
    assert_eq!(out.code, 0);
    for name in ["source-link", "embed-residue", "stray-period", "related-link", "invalid-utf8"] {
        assert!(out.stdout.lines().any(|l| l.starts_with(name)), "{name} missing from rules");
    }
    let out = run(&["rules", "--format", "json"]);
    for line in out.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["summary"].as_str().is_some_and(|s| !s.is_empty()), "{line}");
    }
    let out = run(&["explain", "stray-period"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("## What it does") && out.stdout.contains("## Fix safety"));
    let out = run(&["explain", "stray-perod"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("did you mean `stray-period`"), "{}", out.stderr);
}

#[test]
fn fix_writes_safe_fixes_and_a_second_run_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("fix");
    let p = dir.join("a.txt");
    fs::write(&p, "Caf\u{e9}\u{a0}closed. .\r\nGo To Source\r\n").unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
    let out = run_in(&dir, &["lint", "a.txt", "--fix", "--format", "concise"], None);
    assert_eq!(
        fs::read_to_string(&p).unwrap(),
        "Caf\u{e9} closed.\r\nGo To Source\r\n",
        "safe fixes only, CRLF kept"
    );
    assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o640);
    assert!(out.stderr.contains("fixed 2 findings in 1 file"), "{}", out.stderr);
    assert_eq!(out.stdout, "a.txt:2:1: warn[source-link] link back to the source page\n", "what is left");
    assert_eq!(out.code, 1);
    let out = run_in(&dir, &["lint", "a.txt", "--fix", "--unsafe-fixes"], None);
    assert_eq!(fs::read_to_string(&p).unwrap(), "Caf\u{e9} closed.\r\n");
    assert_eq!(out.code, 0);
    let again = run_in(&dir, &["lint", "a.txt", "--fix", "--unsafe-fixes"], None);
    assert!(again.stderr.contains("fixed 0 findings"), "{}", again.stderr);
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no temporary files left");
}

#[test]
fn diff_prints_without_writing_and_read_only_files_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("diff");
    let p = dir.join("a.txt");
    fs::write(&p, DIRTY).unwrap();
    let out = run_in(&dir, &["lint", "a.txt", "--diff", "--unsafe-fixes"], None);
    assert_eq!(out.code, 1);
    assert_eq!(fs::read_to_string(&p).unwrap(), DIRTY, "--diff writes nothing");
    assert!(out.stdout.contains("--- a/a.txt\n+++ b/a.txt\n"), "{}", out.stdout);
    // The deleted line takes the blank line before it along.
    assert!(
        out.stdout.contains("-The talks ended on Monday. .\n-\n-Go To Source\n+The talks ended on Monday.\n"),
        "{}",
        out.stdout
    );
    fs::set_permissions(&p, fs::Permissions::from_mode(0o444)).unwrap();
    let out = run_in(&dir, &["lint", "a.txt", "--fix"], None);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("a.txt: not fixed: the file is read-only"), "{}", out.stderr);
    assert_eq!(fs::read_to_string(&p).unwrap(), DIRTY);
}

#[test]
fn sarif_has_the_required_fields() {
    let dir = scratch("sarif");
    fs::write(dir.join("a.txt"), DIRTY).unwrap();
    let out = run_in(&dir, &["lint", "a.txt", "--format", "sarif"], None);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "scrapelint");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().all(|r| r["id"].is_string() && r["shortDescription"]["text"].is_string()));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    for r in results {
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"], "ruleIndex points at the rule");
        assert!(r["message"]["text"].is_string());
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "a.txt");
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
    }
    assert_eq!(results[0]["ruleId"], "stray-period");
    let rep = &results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(rep["deletedRegion"]["byteOffset"], 26);
    assert_eq!(rep["insertedContent"]["text"], "");
}

#[test]
fn github_annotations_are_escaped_workflow_commands() {
    let dir = scratch("github");
    fs::write(dir.join("a,b.txt"), "Text.\nAdvertisement\n").unwrap();
    let out = run_in(&dir, &["lint", "a,b.txt", "--format", "github"], None);
    assert_eq!(
        out.stdout,
        "::warning file=a%2Cb.txt,line=2,col=1,endLine=2,endColumn=14,title=advertisement::advertisement marker\n"
    );
}

#[test]
fn baseline_hides_recorded_findings_even_after_lines_move() {
    let dir = scratch("baseline");
    let p = dir.join("a.txt");
    fs::write(&p, DIRTY).unwrap();
    let out = run_in(&dir, &["lint", "a.txt", "--write-baseline", "base.json"], None);
    assert_eq!(out.code, 0);
    let out = run_in(&dir, &["lint", "a.txt", "--baseline", "base.json"], None);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stderr.contains("2 more in the baseline"), "{}", out.stderr);
    // Unrelated lines above shift everything; a new finding appears.
    fs::write(&p, format!("A new first paragraph.\n\n{DIRTY}Advertisement\n")).unwrap();
    let out = run_in(&dir, &["lint", "a.txt", "--baseline", "base.json", "--format", "concise"], None);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "a.txt:6:1: warn[advertisement] advertisement marker\n");
}

#[test]
fn config_is_discovered_and_its_keys_apply() {
    let dir = scratch("config");
    // A repository: discovery walks up to its root (outside one it looks in
    // the folder checked only).
    fs::create_dir(dir.join(".git")).unwrap();
    fs::create_dir_all(dir.join("corpus/legacy")).unwrap();
    fs::create_dir_all(dir.join("corpus/drafts")).unwrap();
    fs::create_dir_all(dir.join("rules/boilerplate")).unwrap();
    fs::write(dir.join("rules/boilerplate/audio-prompt.toml"), USER_LINT).unwrap();
    fs::write(
        dir.join("scrapelint.toml"),
        "exclude = [\"corpus/drafts/**\"]\nlint-dirs = [\"rules\"]\n\
         [lints]\nstray-period = \"error\"\n[per-file-ignores]\n\"corpus/legacy/**\" = [\"boilerplate\"]\n",
    )
    .unwrap();
    fs::write(dir.join("corpus/a.txt"), "Done. .\nListen to this article\n").unwrap();
    fs::write(dir.join("corpus/legacy/b.txt"), "Done. .\nGo To Source\n").unwrap();
    fs::write(dir.join("corpus/drafts/c.txt"), "Done. .\n").unwrap();
    // Found by walking up from the path; excludes apply to a path named
    // explicitly too, as pre-commit passes them.
    let out = run_in(
        &dir.join("corpus"),
        &["lint", ".", "drafts/c.txt", "--format", "concise", "--disable", "structure"],
        None,
    );
    assert_eq!(
        out.stdout,
        "a.txt:1:5: error[stray-period] period repeated with a space between (`. .`)\n\
         a.txt:2:1: warn[audio-prompt] audio-player prompt\n\
         legacy/b.txt:1:5: error[stray-period] period repeated with a space between (`. .`)\n"
    );
    let out = run_in(&dir.join("corpus"), &["lint", ".", "--no-config", "--format", "concise"], None);
    assert!(out.stdout.contains("drafts/c.txt") && out.stdout.contains("source-link"));
}

#[test]
fn bad_config_points_into_the_toml() {
    let dir = scratch("bad_config");
    fs::write(dir.join("a.txt"), CLEAN).unwrap();
    fs::write(dir.join("scrapelint.toml"), "names = [\"A B\"]\nexlude = [\"x\"]\n").unwrap();
    let out = run_in(&dir, &["lint", "a.txt"], None);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("field `exlude`") && out.stderr.contains("scrapelint.toml:2:1"),
        "{}",
        out.stderr
    );
    fs::write(dir.join("scrapelint.toml"), "[lints]\nstray-period = \"loud\"\n").unwrap();
    let out = run_in(&dir, &["lint", "a.txt"], None);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("expected off, info, warn or error"), "{}", out.stderr);
    fs::write(dir.join("scrapelint.toml"), "[per-file-ignores]\n\"*.txt\" = [\"stray-perod\"]\n").unwrap();
    let out = run_in(&dir, &["lint", "a.txt"], None);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unknown lint or category `stray-perod`"), "{}", out.stderr);
}

#[test]
fn symlink_loops_and_empty_files() {
    let dir = scratch("loops");
    fs::create_dir_all(dir.join("docs")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("docs/up")).unwrap();
    fs::write(dir.join("docs/empty.txt"), "").unwrap();
    fs::write(dir.join("docs/a.txt"), DIRTY).unwrap();
    // Links to folders are not followed by default: the loop is not entered.
    let out = run_in(&dir, &["lint", "docs", "--format", "concise", "--disable", "structure"], None);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("docs/a.txt:1:26: warn[stray-period]"), "{}", out.stdout);
    let args = ["lint", "docs", "--follow", "--format", "concise", "--disable", "structure"];
    let out = run_in(&dir, &args, None);
    assert_eq!(out.code, 1, "with --follow, each folder is walked once: {}", out.stderr);
    assert_eq!(
        out.stdout,
        "docs/a.txt:1:26: warn[stray-period] period repeated with a space between (`. .`)\n\
         docs/a.txt:3:1: warn[source-link] link back to the source page\n"
    );
    assert!(!out.stdout.contains("empty.txt"));
}

#[test]
fn lint_options_are_typed_and_validated() {
    let dir = scratch("options");
    // Ten documents: fewer make no corpus for repeated-line.
    for i in 0..10 {
        let masthead = if i < 3 { "Top One Magazine\n\n" } else { "" };
        fs::write(dir.join(format!("{i}.txt")), format!("{masthead}Story {i}.\n")).unwrap();
    }
    let run = |config: &str| {
        fs::write(dir.join("scrapelint.toml"), config).unwrap();
        run_in(
            &dir,
            &["lint", ".", "--format", "concise", "--disable", "all", "--enable", "repeated-line"],
            None,
        )
    };
    assert_eq!(run("").stdout.lines().count(), 3, "a line in 3 documents repeats by default");
    assert_eq!(run("[lint-options.repeated-line]\nmin-documents = 4\n").stdout, "");
    let bad = run("[lint-options.repeated-line]\nmin-docs = 4\n");
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("has no option `min-docs`") && bad.stderr.contains("min-documents"),
        "{}",
        bad.stderr
    );
    // A value of the wrong type or range is an error that points into the
    // file, never a value silently rounded or clamped.
    for value in ["\"many\"", "2.5", "1", "-3"] {
        let bad = run(&format!("[lint-options.repeated-line]\nmin-documents = {value}\n"));
        assert_eq!(bad.code, 2, "{value}");
        assert!(
            bad.stderr.contains("`min-documents` takes a whole number, 2 or more")
                && bad.stderr.contains("scrapelint.toml:2:17"),
            "{value}: {}",
            bad.stderr
        );
    }
    let bad = run("[lint-options.related-link]\nunrelated-below = 1.5\n");
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("takes a number from 0 to 1"), "{}", bad.stderr);
    assert_eq!(
        run("[lint-options.related-link]\nunrelated-below = 0\n").code,
        1,
        "accepted; the findings fail"
    );
    let out = run_in(&dir, &["explain", "repeated-line"], None);
    assert!(
        out.stdout.contains("## Options")
            && out.stdout.contains("`min-documents` (a whole number, 2 or more, default 3)"),
        "{}",
        out.stdout
    );
}

#[test]
fn killed_mid_fix_leaves_each_file_old_or_fixed() {
    // Reference: what a complete fix writes.
    let body = |i: usize| format!("Report {i} ended. .\n\nThe\u{a0}talks went on.\n");
    let reference = scratch("kill_reference");
    fs::write(reference.join("a.txt"), body(0)).unwrap();
    assert_eq!(run_in(&reference, &["lint", "--no-config", "--fix", "-q", "a.txt"], None).code, 0);
    let fixed_of = |i: usize| {
        fs::read_to_string(reference.join("a.txt")).unwrap().replace("Report 0", &format!("Report {i}"))
    };
    let mut rng = 0x9e3779b97f4a7c15_u64;
    let (mut untouched, mut done) = (0, 0);
    for round in 0..8 {
        let dir = scratch(&format!("kill_{round}"));
        let n = 400;
        for i in 0..n {
            fs::write(dir.join(format!("{i:04}.txt")), body(i)).unwrap();
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_scrapelint"))
            .args(["lint", "--no-config", "--fix", "-q", "."])
            .current_dir(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        std::thread::sleep(std::time::Duration::from_millis(5 + rng % 150));
        let _ = child.kill(); // SIGKILL: no chance to clean up
        let _ = child.wait();
        for i in 0..n {
            let text = fs::read_to_string(dir.join(format!("{i:04}.txt"))).unwrap();
            if text == body(i) {
                untouched += 1;
            } else {
                assert_eq!(text, fixed_of(i), "round {round}: file {i} is neither old nor fixed");
                done += 1;
            }
        }
    }
    // Both outcomes occurred, or the test proved nothing about a kill mid-run.
    assert!(untouched > 0, "every file was fixed before the kill");
    assert!(done > 0 || untouched == 8 * 400, "{done} fixed");
}

#[test]
fn non_utf8_file_names_and_lossy_mode() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("odd_names");
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9 \x1b[31m.txt");
    fs::write(dir.join(odd), "The talks ended. .\n").unwrap();
    fs::write(dir.join("latin1.txt"), b"Caf\xe9 talks ended. .\nGo To Source\n").unwrap();
    let out = run_in(&dir, &["lint", "--no-config", "--format", "concise", "."], None);
    assert_eq!(out.code, 1, "{}", out.stderr);
    // The name is shown with its byte that is not UTF-8 written out, and escaped, never raw.
    assert!(!out.stdout.contains('\u{1b}'), "{}", out.stdout);
    assert!(out.stdout.contains("caf\\xE9 \\u{001B}[31m.txt:1:16: warn[stray-period]"), "{}", out.stdout);
    assert!(out
        .stdout
        .contains("latin1.txt:1:4: error[invalid-utf8] not valid UTF-8 at byte 3; the file was not linted"));
    // --lossy lints the rest, and --fix leaves the file's bytes alone.
    let out = run_in(&dir, &["lint", "--no-config", "--format", "concise", "--lossy", "latin1.txt"], None);
    let codes: Vec<&str> =
        out.stdout.lines().map(|l| l.split('[').nth(1).unwrap().split(']').next().unwrap()).collect();
    assert_eq!(codes, ["invalid-utf8", "stray-period", "source-link"], "{}", out.stdout);
    let out =
        run_in(&dir, &["lint", "--no-config", "--lossy", "--fix", "--unsafe-fixes", "latin1.txt"], None);
    assert!(out.stderr.contains("not fixed: not valid UTF-8"), "{}", out.stderr);
    assert_eq!(fs::read(dir.join("latin1.txt")).unwrap(), b"Caf\xe9 talks ended. .\nGo To Source\n");
}

#[test]
fn a_file_that_vanishes_is_an_error_and_the_rest_linted() {
    let dir = scratch("vanish");
    fs::write(dir.join("a.txt"), DIRTY).unwrap();
    // Named but gone by the time it is read (as when deleted mid-run).
    let out = run_in(&dir, &["lint", "--no-config", "--format", "concise", "a.txt", "gone.txt"], None);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("gone.txt: no such file or folder"), "{}", out.stderr);
    assert!(out.stdout.contains("a.txt:1:26: warn[stray-period]"), "{}", out.stdout);
    // Through the library: collected, then deleted before the run.
    let p = dir.join("b.txt");
    fs::write(&p, DIRTY).unwrap();
    let (inputs, errors) = scrapelint::walk::collect(std::slice::from_ref(&dir), &Default::default());
    assert!(errors.is_empty());
    fs::remove_file(&p).unwrap();
    let reg = scrapelint::Registry::builtin();
    let out = scrapelint::engine::run(&reg, &inputs, &[], &Default::default());
    assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
    assert!(out.errors[0].ends_with("b.txt: no such file or folder"));
    assert_eq!(out.files_checked, 1);
    // A corpus file (read only for the statistics) that vanishes is reported too.
    let c = dir.join("c.txt");
    fs::write(&c, DIRTY).unwrap();
    let corpus = vec![scrapelint::walk::Input::File { path: c.clone(), display: "c.txt".into() }];
    fs::remove_file(&c).unwrap();
    let inputs = vec![scrapelint::walk::Input::File { path: dir.join("a.txt"), display: "a.txt".into() }];
    let out = scrapelint::engine::run(&reg, &inputs, &corpus, &Default::default());
    assert_eq!(out.errors, ["c.txt: no such file or folder"]);
}

/// The next process ids, for planting links at names that depend on them;
/// `None` where the kernel does not say.
fn next_pids(n: u32) -> Option<std::ops::Range<u32>> {
    let last: u32 = fs::read_to_string("/proc/sys/kernel/ns_last_pid").ok()?.trim().parse().ok()?;
    Some(last + 1..last + 1 + n)
}

#[test]
fn temporary_files_cannot_be_planted_links() {
    use std::os::unix::fs::symlink;
    let dir = scratch("planted_links");
    let victim = dir.join("victim");
    fs::write(&victim, "precious\n").unwrap();
    let shared = dir.join("shared");
    fs::create_dir(&shared).unwrap();
    fs::write(shared.join("a.txt"), DIRTY).unwrap();
    let Some(pids) = next_pids(3000) else {
        eprintln!("skipped: /proc/sys/kernel/ns_last_pid is not readable");
        return;
    };
    // An attacker who can write to the folder plants a link at every name
    // the old temporary-file scheme would use.
    for pid in pids {
        for name in ["a.txt", "out.stats", "base.json"] {
            let _ = symlink(&victim, shared.join(format!(".{name}.scrapelint-{pid}.tmp")));
        }
    }
    let out = run_in(&shared, &["lint", "--no-config", "--fix", "a.txt"], None);
    assert!(out.stderr.contains("fixed 1 finding in 1 file"), "{}", out.stderr);
    assert_eq!(
        fs::read_to_string(shared.join("a.txt")).unwrap(),
        "The talks ended on Monday.\n\nGo To Source\n"
    );
    let out = run_in(&shared, &["stats", "--no-config", "a.txt", "-o", "out.stats"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run_in(&shared, &["lint", "--no-config", "a.txt", "--write-baseline", "base.json"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious\n", "a planted link was followed");
    // A baseline or statistics file that is itself a link is not written through.
    symlink(&victim, shared.join("linked.json")).unwrap();
    let out = run_in(&shared, &["lint", "--no-config", "a.txt", "--write-baseline", "linked.json"], None);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("linked.json: is a symbolic link; not written through"), "{}", out.stderr);
    let out = run_in(&shared, &["stats", "--no-config", "a.txt", "-o", "linked.json"], None);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious\n", "a link was written through");
}

/// Panics when `s` holds a byte a terminal or CI log would act on: C0 and C1
/// controls other than tab and newline, DEL, and bidi controls.
#[track_caller]
fn assert_inert(what: &str, s: &str) {
    let bad = s.chars().find(|&c| {
        matches!(c, '\0'..='\x08' | '\x0B'..='\x1F' | '\x7F'..='\u{9F}')
            || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    });
    assert!(bad.is_none(), "{what}: raw U+{:04X} in {s:?}", bad.map_or(0, |c| c as u32));
}

const HOSTILE: &str =
    "a \x1b]52;c;cHduZWQ=\x07 b\u{9b}31m \x1b]8;;http://x\x1b\\l\x1b]8;;\x1b\\ \u{202E}c\u{85}. .\n";

#[test]
fn diff_escapes_text_and_names() {
    let dir = scratch("inject_diff");
    fs::write(dir.join("t.txt"), HOSTILE).unwrap();
    fs::write(dir.join("n\x1b[2Jame.txt"), DIRTY).unwrap();
    let out = run_in(&dir, &["lint", "--no-config", "--diff", "--unsafe-fixes", "."], None);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_inert("diff", &out.stdout);
    assert_inert("diff stderr", &out.stderr);
    assert!(out.stdout.contains("--- a/n\\u{001B}[2Jame.txt"), "{}", out.stdout);
    assert!(out.stdout.contains("-a \\u{001B}]52;c;cHduZWQ=\\u{0007} b"), "{}", out.stdout);
}

#[test]
fn human_output_escapes_file_names_in_headers_and_related_places() {
    let dir = scratch("inject_human");
    let odd = "x\x1b]8;;evil\x07\u{202E}.txt";
    fs::write(dir.join(odd), format!("Top One Magazine\n\n{HOSTILE}")).unwrap();
    // Ten documents: fewer make no corpus for repeated-line.
    for i in 0..10 {
        let masthead = if i < 3 { "Top One Magazine\n\n" } else { "" };
        fs::write(dir.join(format!("{i}.txt")), format!("{masthead}Story {i}.\n")).unwrap();
    }
    let out =
        run_in(&dir, &["lint", "--no-config", "--color", "never", "--enable", "repeated-line", "."], None);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("repeated-line"), "{}", out.stdout);
    assert!(out.stdout.contains("[x\\u{001B}]8;;evil"), "the header names the file: {}", out.stdout);
    assert_inert("human", &out.stdout);
    // The lossy warning names the file too.
    let lossy = "l\x1b[2J\u{9b}.txt";
    fs::write(dir.join(lossy), b"caf\xe9 ended. .\n").unwrap();
    let out = run_in(&dir, &["lint", "--no-config", "--lossy", "--fix", lossy], None);
    assert!(out.stderr.contains("not fixed: not valid UTF-8"), "{}", out.stderr);
    assert_inert("lossy warning", &out.stderr);
    assert_inert("lossy stdout", &out.stdout);
}

#[test]
fn file_names_cannot_forge_lines_or_workflow_commands() {
    let dir = scratch("inject_lines");
    let forged = "n\r\n::error file=x.txt,line=1::forged\nx.txt:1:1: error[stray-period] forged\n.txt";
    fs::write(dir.join(forged), DIRTY).unwrap();
    for (format, prefix) in [("concise", "n\\u{000D}\\u{000A}::error"), ("github", "::warning file=n")] {
        let out = run_in(&dir, &["lint", "--no-config", "--format", format, "."], None);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert_eq!(out.stdout.lines().count(), 2, "{format}: {}", out.stdout);
        assert!(out.stdout.lines().all(|l| l.starts_with(prefix)), "{format}: {}", out.stdout);
        assert_inert(format, &out.stdout);
    }
    // Usage errors quote the argument.
    let out = run_in(&dir, &["lint", "--format", "x\x1b]52;c;cHduZWQ=\x07\n::error::forged"], None);
    assert_eq!(out.code, 2);
    assert_inert("usage error", &out.stderr);
    assert!(!out.stderr.lines().any(|l| l.starts_with("::")), "{}", out.stderr);
    // Error messages (on standard error, also in CI logs) too.
    let out = run_in(&dir, &["lint", "--no-config", "--format", "github", "gone\n::error::forged"], None);
    assert_eq!(out.code, 2);
    assert!(!out.stderr.lines().any(|l| l.starts_with("::")), "{}", out.stderr);
}

#[test]
fn json_and_sarif_escape_c1_and_bidi_controls() {
    let dir = scratch("inject_json");
    fs::write(dir.join("t\u{9b}\u{202E}.txt"), HOSTILE).unwrap();
    for format in ["json", "sarif"] {
        let out = run_in(&dir, &["lint", "--no-config", "--format", format, "--unsafe-fixes", "."], None);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert_inert(format, &out.stdout);
        assert!(out.stdout.contains("t\\u009b\\u202e.txt"), "{format}: {}", out.stdout);
        // Still the same data once parsed.
        let first = if format == "json" { out.stdout.lines().next().unwrap() } else { &out.stdout };
        let v: serde_json::Value = serde_json::from_str(first).unwrap();
        assert!(v.to_string().contains('\u{202E}'));
    }
}

const HOSTILE_LINT: &str = r#"
summary = "a prompt \u001B]52;c;cHduZWQ=\u0007 with \u009B31m"
why = "chrome \u001B[2J\u202E"
kind = "line"
pattern = '(?i)listen to (?:this|the) article'
message = "audio prompt \u001B[31m"
label = "here \u0085"
help = "delete \u001B]8;;http://x\u001B\\"
fix = { action = "delete-line", applicability = "unsafe" }
[[example]]
text = "Body.\nListen to this article\n"
fires = 1
[[example]]
text = "Listen to this article's critics, he said.\n"
fires = 0
"#;

#[test]
fn lint_files_cannot_print_escapes() {
    let dir = scratch("inject_lint_file");
    fs::create_dir_all(dir.join("mylints/boilerplate")).unwrap();
    fs::write(dir.join("mylints/boilerplate/audio-prompt.toml"), HOSTILE_LINT).unwrap();
    fs::write(dir.join("a.txt"), "Text.\nLISTEN TO THIS ARTICLE\n").unwrap();
    let runs: [&[&str]; 8] = [
        &["rules", "--lints", "mylints"],
        &["rules", "--lints", "mylints", "--format", "json"],
        &["explain", "audio-prompt", "--lints", "mylints"],
        &["lint", "--no-config", "a.txt", "--lints", "mylints", "--format", "sarif"],
        &["lint", "--no-config", "a.txt", "--lints", "mylints", "--format", "json"],
        &["lint", "--no-config", "a.txt", "--lints", "mylints", "--format", "human"],
        &["lint", "--no-config", "a.txt", "--lints", "mylints", "--format", "concise"],
        &["lint", "--no-config", "a.txt", "--lints", "mylints", "--format", "github"],
    ];
    for args in runs {
        let out = run_in(&dir, args, None);
        assert!(out.code <= 1, "{args:?}: {}", out.stderr);
        assert!(out.stdout.contains("audio-prompt"), "{args:?}: {}", out.stdout);
        assert_inert(&format!("{args:?}"), &out.stdout);
        assert_inert(&format!("{args:?} stderr"), &out.stderr);
    }
}

fn run_env(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_scrapelint"));
    cmd.args(args).current_dir(dir).env("COLUMNS", "80");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.stdin(Stdio::null()).output().unwrap();
    Out {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap(),
    }
}

const QUIET_STRAY: &str = "[lints]\nstray-period = \"off\"\n";

#[test]
fn config_discovery_stops_at_the_repository_root_and_home() {
    let dir = scratch("discovery_stops");
    // A configuration above a repository is not the repository's.
    fs::create_dir_all(dir.join("above/repo/.git")).unwrap();
    fs::write(dir.join("above/.scrapelint.toml"), QUIET_STRAY).unwrap();
    fs::write(dir.join("above/repo/a.txt"), DIRTY).unwrap();
    let out = run_in(&dir.join("above/repo"), &["lint", "--format", "concise", "a.txt"], None);
    assert!(out.stdout.contains("stray-period"), "a configuration above the repository was loaded");
    // Nor is one above the user's home.
    fs::create_dir_all(dir.join("top/home")).unwrap();
    fs::write(dir.join("top/.scrapelint.toml"), QUIET_STRAY).unwrap();
    fs::write(dir.join("top/home/a.txt"), DIRTY).unwrap();
    let home = dir.join("top/home");
    let out = run_env(&home, &["lint", "--format", "concise", "a.txt"], &[("HOME", &home)]);
    assert!(out.stdout.contains("stray-period"), "a configuration above home was loaded");
    // One in the repository, or in home, is, and the run says so.
    fs::write(dir.join("above/repo/.scrapelint.toml"), QUIET_STRAY).unwrap();
    let out = run_in(&dir.join("above/repo"), &["lint", "--format", "concise", "a.txt"], None);
    assert!(!out.stdout.contains("stray-period"), "{}", out.stdout);
    assert!(out.stderr.starts_with("using configuration "), "{}", out.stderr);
    assert_eq!(out.stderr.lines().next().unwrap(), "using configuration .scrapelint.toml", "{}", out.stderr);
    let out = run_in(&dir.join("above/repo"), &["lint", "-q", "--format", "concise", "a.txt"], None);
    assert!(!out.stderr.contains("using configuration"), "-q: {}", out.stderr);
}

#[test]
fn configurations_others_can_write_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("config_trust");
    fs::create_dir_all(dir.join(".git")).unwrap();
    fs::create_dir_all(dir.join("rules/boilerplate")).unwrap();
    fs::write(dir.join("rules/boilerplate/audio-prompt.toml"), USER_LINT).unwrap();
    let config = dir.join("scrapelint.toml");
    fs::write(&config, format!("lint-dirs = [\"rules\"]\n{QUIET_STRAY}")).unwrap();
    fs::write(dir.join("a.txt"), DIRTY).unwrap();
    let mode = |p: &Path, m: u32| fs::set_permissions(p, fs::Permissions::from_mode(m)).unwrap();
    mode(&config, 0o644);
    let loaded = |args: &[&str]| {
        let out = run_in(&dir, args, None);
        assert_ne!(out.code, 2, "{}", out.stderr);
        !out.stdout.contains("stray-period")
    };
    assert!(loaded(&["lint", "a.txt"]), "trusted: loaded");
    mode(&config, 0o666);
    let out = run_in(&dir, &["lint", "a.txt"], None);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("scrapelint.toml: not used: others can write to it"), "{}", out.stderr);
    mode(&config, 0o664);
    assert!(loaded(&["lint", "a.txt"]), "writable by the user's own group: loaded");
    mode(&config, 0o644);
    let lint = dir.join("rules/boilerplate/audio-prompt.toml");
    mode(&lint, 0o666);
    let out = run_in(&dir, &["lint", "a.txt"], None);
    assert_eq!(out.code, 2, "a lint file others can write: {}", out.stderr);
    assert!(out.stderr.contains("audio-prompt.toml: not used: others can write to it"), "{}", out.stderr);
    mode(&lint, 0o644);
    mode(&dir.join("rules"), 0o777);
    assert_eq!(run_in(&dir, &["lint", "a.txt"], None).code, 2, "a lint folder others can write");
    mode(&dir.join("rules"), 0o755);
    // Owned by another user (not root): only root can hand a file over.
    if fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m)).ok() != Some(0) {
        eprintln!("skipped the ownership part: not root");
        return;
    }
    std::os::unix::fs::chown(&config, None, Some(54321)).unwrap();
    mode(&config, 0o664);
    assert_eq!(run_in(&dir, &["lint", "a.txt"], None).code, 2, "writable by another group");
    mode(&config, 0o644);
    std::os::unix::fs::chown(&config, Some(54321), None).unwrap();
    let out = run_in(&dir, &["lint", "a.txt"], None);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("not used: owned by another user (uid 54321)"), "{}", out.stderr);
    // Named explicitly, it is the user's choice.
    assert!(loaded(&["lint", "--config", "scrapelint.toml", "a.txt"]));
    assert!(!loaded(&["lint", "--no-config", "a.txt"]));
}

const CLAIMS_SAFE: &str = r#"
summary = "any line at all"
why = "claims its deletion is safe"
kind = "line"
pattern = '.+'
message = "a line"
help = "delete it"
fix = { action = "delete-line", applicability = "safe" }
[[example]]
text = "Body.\n"
fires = 1
[[example]]
text = "\n"
fires = 0
"#;

#[test]
fn a_user_lint_cannot_call_deleting_text_safe() {
    let dir = scratch("claims_safe");
    fs::create_dir_all(dir.join("mylints/boilerplate")).unwrap();
    fs::write(dir.join("mylints/boilerplate/any-line.toml"), CLAIMS_SAFE).unwrap();
    fs::write(dir.join("a.txt"), "Body one.\nBody two.\n").unwrap();
    let out = run_in(&dir, &["lint", "--no-config", "--lints", "mylints", "--fix", "a.txt"], None);
    assert_eq!(fs::read_to_string(dir.join("a.txt")).unwrap(), "Body one.\nBody two.\n", "{}", out.stderr);
    let out = run_in(&dir, &["lint", "--no-config", "--lints", "mylints", "--format", "json", "a.txt"], None);
    assert!(out.stdout.contains("\"applicability\":\"unsafe\""), "{}", out.stdout);
    // A replacement that changes only spacing stays safe.
    let spaces = "summary = \"runs of spaces\"\nwhy = \"spacing\"\nkind = \"match\"\npattern = ' {2,}'\n\
                  message = \"spaces\"\nhelp = \"one\"\nfix = { action = \"replace\", with = \" \", applicability = \"safe\" }\n\
                  [[example]]\ntext = \"a  b\\n\"\nfires = 1\n[[example]]\ntext = \"a b\\n\"\nfires = 0\n";
    fs::write(dir.join("mylints/boilerplate/any-line.toml"), spaces).unwrap();
    fs::write(dir.join("a.txt"), "Body  one.\nBody two.\n").unwrap();
    let out = run_in(&dir, &["lint", "--no-config", "--lints", "mylints", "--fix", "a.txt"], None);
    assert_eq!(fs::read_to_string(dir.join("a.txt")).unwrap(), "Body one.\nBody two.\n", "{}", out.stderr);
}

/// [`run_in`] that gives up (and fails) after `secs` seconds.
fn run_with_timeout(dir: &Path, args: &[&str], secs: u64) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scrapelint"))
        .args(args)
        .current_dir(dir)
        .env("COLUMNS", "80")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed().as_secs() >= secs {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?} did not finish in {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    Out {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap(),
    }
}

#[test]
fn statistics_files_cannot_make_the_run_read_other_files() {
    let dir = scratch("stats_paths");
    fs::create_dir_all(dir.join("shard")).unwrap();
    for i in 0..10 {
        let masthead = if i < 3 { "Top One Magazine\n\n" } else { "" };
        fs::write(dir.join(format!("shard/{i}.txt")), format!("{masthead}Story {i}.\n")).unwrap();
    }
    let secret = dir.join("secret.txt");
    fs::write(&secret, "SECRET SECRET SECRET\n").unwrap();
    let out = run_in(&dir, &["stats", "--no-config", "--json", "shard", "-o", "shard/all.stats"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The statistics name a file outside their folder and not being linted.
    let stats = fs::read_to_string(dir.join("shard/all.stats")).unwrap();
    let crafted = stats.replace("\"shard/0.txt\"", &format!("{:?}", secret.display().to_string()));
    assert_ne!(crafted, stats);
    fs::write(dir.join("shard/all.stats"), &crafted).unwrap();
    let args = ["lint", "--no-config", "--color", "never", "--stats", "shard/all.stats", "shard/1.txt"];
    let out = run_with_timeout(&dir, &args, 30);
    assert!(out.stdout.contains("repeated-line"), "{}", out.stdout);
    assert!(!out.stdout.contains("SECRET"), "a file outside the statistics' folder was read: {}", out.stdout);
    assert!(out.stdout.contains("secret.txt:1:1"), "drawn as a place only: {}", out.stdout);
    // A FIFO (or a device) in the folder is not read either: it would block.
    let fifo = dir.join("shard/pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    fs::write(dir.join("shard/all.stats"), stats.replace("\"shard/0.txt\"", "\"shard/pipe.txt\"")).unwrap();
    let out = run_with_timeout(&dir, &args, 30);
    assert!(out.stdout.contains("shard/pipe.txt:1:1"), "{}", out.stdout);
    // Documents in the statistics' folder are drawn, as before.
    fs::remove_file(&fifo).unwrap();
    fs::write(dir.join("shard/all.stats"), &stats).unwrap();
    let out = run_with_timeout(&dir, &args, 30);
    assert!(out.stdout.contains("╭─[shard/0.txt:1:1]"), "{}", out.stdout);
    // A file inside the folder that was not counted (a key beside the shards),
    // named by a place spanning all of it, is not drawn: its text does not
    // have the content hash stored for the document the place is in.
    fs::write(dir.join("shard/key.txt"), "KEYKEYKEY token=hunter2\n").unwrap();
    for span in ["0, 0, 16, 1, 1", "0, 0, 0, 1, 1"] {
        let crafted = stats.replace("\"shard/0.txt\"", "\"shard/key.txt\"");
        let crafted = point_places_at(&crafted, span);
        fs::write(dir.join("shard/all.stats"), crafted).unwrap();
        let out = run_with_timeout(&dir, &args, 30);
        assert!(out.stdout.contains("repeated-line"), "{}", out.stdout);
        assert!(!out.stdout.contains("KEY") && !out.stdout.contains("hunter2"), "{}", out.stdout);
        assert!(out.stdout.contains("shard/key.txt:1:1"), "drawn as a place only: {}", out.stdout);
    }
    // Nor is a counted document that changed since it was counted.
    fs::write(dir.join("shard/all.stats"), &stats).unwrap();
    fs::write(dir.join("shard/0.txt"), "Top One Magazine\n\nCHANGED since.\n").unwrap();
    let out = run_with_timeout(&dir, &args, 30);
    assert!(!out.stdout.contains("CHANGED"), "{}", out.stdout);
    assert!(out.stdout.contains("shard/0.txt:1:1"), "{}", out.stdout);
}

/// Every place of the JSON statistics `stats` made to point at `span` in
/// the first document.
fn point_places_at(stats: &str, span: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(stats).unwrap();
    let place: serde_json::Value = serde_json::from_str(&format!("[{span}]")).unwrap();
    for line in v["lines"].as_object_mut().unwrap().values_mut() {
        for p in line["places"].as_array_mut().unwrap() {
            *p = place.clone();
        }
    }
    v.to_string()
}

#[test]
fn sizes_are_capped_and_streams_are_read_only_from_standard_input() {
    use std::io::Write as _;
    let dir = scratch("caps");
    fs::write(dir.join("a.txt"), DIRTY).unwrap();
    fs::write(dir.join("big.txt"), "word ".repeat(300_000)).unwrap();
    let out = run_in(
        &dir,
        &["lint", "--no-config", "--format", "concise", "--max-file-size", "1M", "big.txt", "a.txt"],
        None,
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("big.txt: larger than the 1 MiB limit"), "{}", out.stderr);
    assert!(out.stdout.contains("a.txt:1:26: warn[stray-period]"), "the rest is linted: {}", out.stdout);
    assert_eq!(
        run_in(&dir, &["lint", "--no-config", "-q", "--max-file-size", "2M", "big.txt"], None).code,
        0
    );
    // A JSON Lines file is read as a stream: the limit is each record's, after
    // decompression; a record past it is an error naming it, and those after it are read.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(b"{\"text\": \"").unwrap();
    gz.write_all(&vec![b'a'; 3 << 20]).unwrap();
    gz.write_all(b"\"}\n{\"text\": \"Talks ended. .\"}\n").unwrap();
    fs::write(dir.join("bomb.jsonl.gz"), gz.finish().unwrap()).unwrap();
    let args = [
        "lint",
        "--no-config",
        "--input",
        "jsonl",
        "--format",
        "concise",
        "--max-file-size",
        "1M",
        "bomb.jsonl.gz",
    ];
    let out = run_in(&dir, &args, None);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("bomb.jsonl.gz#1: record larger than the 1 MiB limit (after decompression"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("bomb.jsonl.gz#2:1:12: warn[stray-period]"), "{}", out.stdout);
    // Standard input too.
    let out = run_in(&dir, &["lint", "--no-config", "--max-file-size", "1K", "-"], Some(&[b'a'; 2000]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("standard input: larger than the 1 KiB limit"), "{}", out.stderr);
    assert_eq!(run(&["lint", "--max-file-size", "lots", "-"]).code, 2, "a bad size is a usage error");
    // A FIFO or a device named on the command line is refused, not read for ever.
    let fifo = dir.join("pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for name in ["pipe.txt", "/dev/zero"] {
        let out = run_with_timeout(&dir, &["lint", "--no-config", "--format", "concise", name, "a.txt"], 20);
        assert_eq!(out.code, 2, "{name}: {}", out.stderr);
        assert!(out.stderr.contains(&format!("{name}: not a regular file")), "{}", out.stderr);
        assert!(out.stdout.contains("a.txt:1:26"), "{}", out.stdout);
    }
    // Nor as a statistics, baseline or configuration file.
    for args in [
        &["lint", "--no-config", "--stats", "/dev/zero", "a.txt"][..],
        &["lint", "--no-config", "--baseline", "pipe.txt", "a.txt"],
        &["lint", "--config", "pipe.txt", "a.txt"],
        &["stats", "--merge", "pipe.txt", "-o", "-"],
    ] {
        let out = run_with_timeout(&dir, args, 20);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("not a regular file"), "{args:?}: {}", out.stderr);
    }
    // In a configuration's corpus too.
    fs::write(dir.join("scrapelint.toml"), "corpus = [\"pipe.txt\"]\n").unwrap();
    fs::create_dir_all(dir.join(".git")).unwrap();
    let out = run_with_timeout(&dir, &["lint", "a.txt"], 20);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("pipe.txt: not a regular file"), "{}", out.stderr);
}

#[test]
fn folder_links_are_not_followed_by_default_and_files_count_once() {
    use std::os::unix::fs::symlink;
    let dir = scratch("diamond");
    fs::create_dir_all(dir.join("real")).unwrap();
    fs::write(dir.join("real/a.txt"), "Top One Magazine\n\nA story. .\n").unwrap();
    symlink("real", dir.join("mirror")).unwrap();
    symlink("real/a.txt", dir.join("link.txt")).unwrap();
    let args = ["lint", "--no-config", "--format", "concise", "--enable", "repeated-line", "."];
    let out = run_in(&dir, &args, None);
    // One document, so nothing repeats across documents.
    assert_eq!(
        out.stdout, "link.txt:3:8: warn[stray-period] period repeated with a space between (`. .`)\n",
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("in 1 file checked"), "{}", out.stderr);
    // A corpus that holds the input again, through a link, holds it once.
    fs::create_dir_all(dir.join("corpus")).unwrap();
    symlink("../real/a.txt", dir.join("corpus/again.txt")).unwrap();
    fs::write(dir.join("corpus/b.txt"), "Top One Magazine\n\nAnother story.\n").unwrap();
    let args = ["lint", "--no-config", "--format", "concise", "--enable", "repeated-line"];
    let out = run_in(&dir, &[&args[..], &["--corpus", "corpus", "real/a.txt"]].concat(), None);
    assert!(!out.stdout.contains("repeated-line"), "two documents, not three: {}", out.stdout);
    // A diamond: each level links twice to the next, 2^24 paths with --follow.
    for i in 0..24 {
        let d = dir.join(format!("d/{i}"));
        fs::create_dir_all(&d).unwrap();
        for side in ["x", "y"] {
            symlink(format!("../{}", i + 1), d.join(side)).unwrap();
        }
    }
    fs::create_dir_all(dir.join("d/24")).unwrap();
    fs::write(dir.join("d/24/end.txt"), "The end. .\n").unwrap();
    let out = run_with_timeout(&dir, &["lint", "--no-config", "--format", "concise", "--follow", "d/0"], 30);
    assert_eq!(out.stdout, "d/0/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/x/end.txt:1:8: warn[stray-period] period repeated with a space between (`. .`)\n");
    let out = run_with_timeout(&dir, &["lint", "--no-config", "--format", "concise", "d/0"], 30);
    assert_eq!(out.code, 0, "not followed: {}", out.stdout);
}

#[test]
fn a_file_appended_to_during_fix_loses_nothing() {
    let dir = scratch("appends");
    let p = dir.join("log.txt");
    let para = "The talks ended on Monday, officials said, and both sides agreed to meet again. ".repeat(8);
    fs::write(&p, format!("{}The end. .\n", format!("{para}\n\n").repeat(1200))).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_scrapelint"))
        .args(["lint", "--no-config", "--fix", "-q", "--format", "concise", "log.txt"])
        .current_dir(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A writer that opens the file for each line, as `echo >> log.txt` does,
    // until the fix is over.
    let mut appended = 0;
    while child.try_wait().unwrap().is_none() {
        let line = format!("APPENDED {appended}\n");
        fs::OpenOptions::new().append(true).open(&p).unwrap().write_all(line.as_bytes()).unwrap();
        appended += 1;
        // Spaced out: an append in the microseconds between the last check
        // and the rename can still be lost (the window is not zero).
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let text = fs::read_to_string(&p).unwrap();
    if appended < 3 {
        eprintln!("note: the fix took too little time for appends to land during it");
    }
    for i in 0..appended {
        assert!(text.contains(&format!("APPENDED {i}\n")), "line {i} of {appended} was lost; {stderr}");
    }
    if text.contains(". .") {
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr.contains("log.txt: not fixed: the file changed while it was being fixed"), "{stderr}");
    }
}

#[test]
fn zstd_shards_are_read_to_the_last_frame() {
    let dir = scratch("zstd_frames");
    let frame = |text: &str| {
        ruzstd::encoding::compress_to_vec(text.as_bytes(), ruzstd::encoding::CompressionLevel::Fastest)
    };
    let skippable = |data: &[u8]| {
        let mut v = 0x184D_2A50_u32.to_le_bytes().to_vec();
        v.extend((data.len() as u32).to_le_bytes());
        v.extend(data);
        v
    };
    let mut two = skippable(b"index");
    two.extend(frame("{\"text\": \"First record. .\"}\n"));
    two.extend(skippable(b""));
    two.extend(frame("{\"text\": \"Second record. .\"}\n"));
    fs::write(dir.join("two.jsonl.zst"), &two).unwrap();
    let args = ["lint", "--no-config", "--input", "jsonl", "--format", "concise"];
    let out = run_in(&dir, &[&args[..], &["two.jsonl.zst"]].concat(), None);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stdout.matches("stray-period").count(), 2, "both frames: {}", out.stdout);
    assert!(out.stdout.contains("two.jsonl.zst#2:"), "{}", out.stdout);
    // Garbage after the last frame is an error, not ignored.
    let mut bad = frame("{\"text\": \"First record. .\"}\n");
    bad.extend(b"garbage after the frame");
    fs::write(dir.join("bad.jsonl.zst"), &bad).unwrap();
    let out = run_in(&dir, &[&args[..], &["bad.jsonl.zst"]].concat(), None);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("bad.jsonl.zst: not valid zstd data"), "{}", out.stderr);
}

#[test]
fn merged_counts_do_not_wrap() {
    let dir = scratch("merge_counts");
    for i in 0..3 {
        fs::write(dir.join(format!("{i}.txt")), format!("Top One Magazine\n\nSergei Ryabkov spoke {i}.\n"))
            .unwrap();
    }
    let out = run_in(&dir, &["stats", "--no-config", "--json", "--keep-single", ".", "-o", "a.stats"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // A web crawl's counts: past what 32 bits hold once added up.
    let mut v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("a.stats")).unwrap()).unwrap();
    let big = u64::from(u32::MAX);
    v["documents"] = big.into();
    for (_, n) in v["words"].as_object_mut().unwrap() {
        *n = big.into();
    }
    for (_, l) in v["lines"].as_object_mut().unwrap() {
        l["docs"] = big.into();
    }
    for (_, s) in v["names"].as_object_mut().unwrap() {
        s["docs"] = big.into();
        for (_, n) in s["before"].as_object_mut().unwrap() {
            *n = big.into();
        }
    }
    fs::write(dir.join("big.stats"), v.to_string()).unwrap();
    let out = run_in(
        &dir,
        &["stats", "--merge", "--keep-single", "--json", "big.stats", "big.stats", "-o", "sum.stats"],
        None,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sum: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("sum.stats")).unwrap()).unwrap();
    assert_eq!(sum["documents"], 2 * big);
    assert!(sum["words"].as_object().unwrap().values().all(|n| *n == 2 * big), "{sum}");
    assert!(sum["lines"].as_object().unwrap().values().all(|l| l["docs"] == 2 * big), "{sum}");
    let before = sum["names"]["Ryabkov"]["before"].as_object().unwrap();
    assert!(before.len() == 1 && before.values().all(|n| *n == 2 * big), "{sum}");
    // Past 64 bits: an error naming the file, nothing written.
    v["documents"] = u64::MAX.into();
    fs::write(dir.join("huge.stats"), v.to_string()).unwrap();
    let out = run_in(&dir, &["stats", "--merge", "big.stats", "huge.stats", "-o", "over.stats"], None);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("huge.stats: counts overflow"), "{}", out.stderr);
    assert!(!dir.join("over.stats").exists());
}

#[test]
fn utf16_files_are_errors_not_notes() {
    let dir = scratch("utf16");
    let mut le = vec![0xFF, 0xFE];
    le.extend("The talks ended. .\n".encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(dir.join("le.txt"), &le).unwrap();
    let mut be = vec![0xFE, 0xFF];
    be.extend("The talks ended. .\n".encode_utf16().flat_map(u16::to_be_bytes));
    fs::write(dir.join("be.txt"), &be).unwrap();
    let out = run_in(&dir, &["lint", "--no-config", "--format", "concise", "le.txt", "be.txt"], None);
    assert_eq!(out.code, 2, "passes CI otherwise: {}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("le.txt: UTF-16 (little-endian) text; re-encode it as UTF-8"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("be.txt: UTF-16 (big-endian) text"), "{}", out.stderr);
}

#[test]
fn a_bom_before_the_first_jsonl_record_is_allowed() {
    let dir = scratch("jsonl_bom");
    fs::write(dir.join("a.jsonl"), "\u{FEFF}{\"text\": \"One. .\"}\n{\"text\": \"Two. .\"}\n").unwrap();
    let out =
        run_in(&dir, &["lint", "--no-config", "--input", "jsonl", "--format", "concise", "a.jsonl"], None);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(!out.stdout.contains("invalid-record"), "{}", out.stdout);
    assert_eq!(out.stdout.matches("stray-period").count(), 2, "{}", out.stdout);
}

#[test]
fn a_huge_cluster_gives_a_short_message() {
    let dir = scratch("huge_cluster");
    fs::write(dir.join("a.txt"), format!("Cafe{} ended.\n", "\u{301}".repeat(100_000))).unwrap();
    let out = run_in(
        &dir,
        &["lint", "--no-config", "--format", "concise", "--disable", "all", "--enable", "non-nfc", "a.txt"],
        None,
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("non-nfc"), "{}", out.stdout);
    assert!(out.stdout.len() < 400, "{} bytes: {}…", out.stdout.len(), &out.stdout[..200]);
    assert!(out.stdout.contains("(100001 code points)"), "{}", &out.stdout[..300.min(out.stdout.len())]);
}

#[test]
fn globs_that_can_match_nothing_are_errors() {
    let dir = scratch("abs_glob");
    fs::create_dir_all(dir.join(".git")).unwrap();
    fs::write(dir.join("a.txt"), DIRTY).unwrap();
    fs::write(dir.join("scrapelint.toml"), "include = [\"/**\"]\n").unwrap();
    let out = run_in(&dir, &["lint", "."], None);
    assert_eq!(out.code, 2, "checked nothing and passed: {}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("relative to the configuration's folder"), "{}", out.stderr);
    // A relative include that selects none of the files found says so.
    fs::write(dir.join("scrapelint.toml"), "include = [\"**/*.md\"]\n").unwrap();
    let out = run_in(&dir, &["lint", "."], None);
    assert!(out.stderr.contains("warning: `include` selects none of the 2 files found"), "{}", out.stderr);
}

#[test]
fn fix_keeps_owners_and_links_or_refuses() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    let dir = scratch("fix_owners");
    let fixed = "The talks ended on Monday.\n\nGo To Source\n";
    // A symbolic link is not fixed through: its target may be anywhere.
    fs::write(dir.join("target.txt"), DIRTY).unwrap();
    std::os::unix::fs::symlink("target.txt", dir.join("link.txt")).unwrap();
    let out = run_in(&dir, &["lint", "--no-config", "--fix", "link.txt"], None);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("link.txt: not fixed: is a symbolic link"), "{}", out.stderr);
    assert_eq!(fs::read_to_string(dir.join("target.txt")).unwrap(), DIRTY);
    assert!(fs::symlink_metadata(dir.join("link.txt")).unwrap().file_type().is_symlink());
    // A file with hard links is not split from them.
    fs::write(dir.join("a.txt"), DIRTY).unwrap();
    fs::hard_link(dir.join("a.txt"), dir.join("a-hard.txt")).unwrap();
    let out = run_in(&dir, &["lint", "--no-config", "--fix", "a.txt"], None);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("a.txt: not fixed: it has 2 hard links"), "{}", out.stderr);
    assert_eq!(fs::read_to_string(dir.join("a-hard.txt")).unwrap(), DIRTY);
    let is_root = fs::metadata("/proc/self").map(|m| m.uid()).ok() == Some(0);
    if !is_root {
        eprintln!("skipped the ownership part: not root");
        return;
    }
    // Root fixing another user's file keeps its owner, group and mode.
    let p = dir.join("theirs.txt");
    fs::write(&p, DIRTY).unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::chown(&p, Some(54321), Some(54322)).unwrap();
    let out = run_in(&dir, &["lint", "--no-config", "--fix", "theirs.txt"], None);
    assert_eq!(fs::read_to_string(&p).unwrap(), fixed, "{}", out.stderr);
    let m = fs::metadata(&p).unwrap();
    assert_eq!((m.uid(), m.gid(), m.mode() & 0o777), (54321, 54322, 0o640));
    // A user who may write to the folder but not to the file cannot replace
    // it: it stays root's.
    let shared = dir.join("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o777)).unwrap();
    let roots = shared.join("roots.txt");
    fs::write(&roots, DIRTY).unwrap();
    fs::set_permissions(&roots, fs::Permissions::from_mode(0o644)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_scrapelint"))
        .args(["lint", "--no-config", "--fix", "roots.txt"])
        .current_dir(&shared)
        .uid(54321)
        .gid(54321)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("roots.txt: not fixed: permission denied"), "{stderr}");
    assert_eq!(fs::read_to_string(&roots).unwrap(), DIRTY);
    assert_eq!(fs::metadata(&roots).unwrap().uid(), 0);
}

#[test]
fn a_document_in_the_corpus_under_another_spelling_counts_once() {
    // A line in 2 of 3 files: with min-documents = 3 it is not repeated
    // chrome, however the checked file is spelled against `corpus = ["."]`.
    let dir = scratch("corpus_spellings");
    fs::create_dir(dir.join(".git")).unwrap();
    fs::write(dir.join("a.txt"), "Story one.\n\nTop One Magazine\n").unwrap();
    fs::write(dir.join("b.txt"), "Story two.\n\nTop One Magazine\n").unwrap();
    fs::write(dir.join("c.txt"), "Story three is another one.\n").unwrap();
    // Ten documents in all: repeated-line needs a corpus of ten.
    for i in 0..7 {
        fs::write(dir.join(format!("f{i}.txt")), format!("Filler story {i}.\n")).unwrap();
    }
    fs::write(dir.join("scrapelint.toml"), "corpus = [\".\"]\n").unwrap();
    let abs = dir.join("b.txt").display().to_string();
    let lint = ["lint", "--format", "concise", "--enable", "repeated-line"];
    for path in ["b.txt", "./b.txt", abs.as_str(), "."] {
        let out = run_in(&dir, &[&lint[..], &[path]].concat(), None);
        assert!(!out.stdout.contains("repeated-line"), "{path}: {}", out.stdout);
        // The same with --corpus, spelled every way.
        for corpus in [".", "./", dir.to_str().unwrap()] {
            let args = [&lint[..], &["--no-config", "--corpus", corpus, path]].concat();
            let out = run_in(&dir, &args, None);
            assert!(!out.stdout.contains("repeated-line"), "{path} --corpus {corpus}: {}", out.stdout);
        }
    }
    // The line in all 3 is reported as in 3, not 4 or 6.
    fs::write(dir.join("c.txt"), "Story three.\n\nTop One Magazine\n").unwrap();
    let out = run_in(&dir, &[&lint[..], &["./b.txt", &abs]].concat(), None);
    assert!(out.stdout.contains("repeated in 3 documents"), "{}", out.stdout);
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
    // Statistics count a shard named twice once, and a JSONL corpus that is the input once.
    let mut jsonl =
        "{\"text\":\"One.\\n\\nTop One Magazine\\n\"}\n{\"text\":\"Two.\\n\\nTop One Magazine\\n\"}\n"
            .to_string();
    for i in 0..8 {
        jsonl.push_str(&format!("{{\"text\":\"Filler {i}.\\n\"}}\n"));
    }
    fs::write(dir.join("s.jsonl"), &jsonl).unwrap();
    let out = run_in(
        &dir,
        &["stats", "--no-config", "--input", "jsonl", "s.jsonl", "./s.jsonl", "-o", "s.stats"],
        None,
    );
    assert!(out.stderr.contains("10 documents"), "{}", out.stderr);
    let args =
        ["lint", "--no-config", "--input", "jsonl", "--enable", "repeated-line", "--format", "concise"];
    let out = run_in(&dir, &[&args[..], &["--corpus", ".", "./s.jsonl"]].concat(), None);
    assert!(!out.stdout.contains("repeated-line"), "{}", out.stdout);
    let out = run_in(&dir, &[&args[..], &["--stats", "s.stats", "s.jsonl"]].concat(), None);
    assert!(!out.stdout.contains("repeated-line"), "{}", out.stdout);
    // The seeds: `Ryabakov` is still the odd one out when its file is also in the corpus.
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/001_0eb8d969348b47b6.txt");
    for corpus in ["seeds", "./seeds/"] {
        let args = ["lint", "--format", "concise", "--corpus", corpus, seed.to_str().unwrap()];
        let out = run(&args);
        assert!(
            out.stdout.contains("`Sergei Ryabakov` is spelled `Sergei Ryabkov` in 2 other documents"),
            "{}",
            out.stdout
        );
    }
}

#[test]
fn a_lints_own_level_beats_its_categorys() {
    let dir = scratch("precedence");
    fs::create_dir(dir.join(".git")).unwrap();
    // stray-period (typography, warn) and space-before-punctuation (typography, off)
    fs::write(dir.join("a.txt"), "The talks ended on Monday. .\n\nBoth sides , they said, agreed.\n")
        .unwrap();
    let levels = |out: &Out| -> Vec<String> {
        out.stdout.lines().map(|l| l.split(": ").nth(1).unwrap_or("").to_string()).collect()
    };
    // Alphabetically `typography` comes after `stray-period`: the lint still wins,
    // and the category does not switch on the lint that is off by default.
    fs::write(dir.join("scrapelint.toml"), "[lints]\nstray-period = \"error\"\ntypography = \"info\"\n")
        .unwrap();
    let out = run_in(&dir, &["lint", "--format", "concise", "a.txt"], None);
    assert_eq!(
        levels(&out),
        ["error[stray-period] period repeated with a space between (`. .`)"],
        "{}",
        out.stdout
    );
    // A category turned off, one of its lints on.
    fs::write(dir.join("scrapelint.toml"), "[lints]\nstray-period = \"warn\"\ntypography = \"off\"\n")
        .unwrap();
    let out = run_in(&dir, &["lint", "--format", "concise", "a.txt"], None);
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
    assert!(out.stdout.contains("warn[stray-period]"), "{}", out.stdout);
    // Naming a lint that is off by default switches it on.
    fs::write(dir.join("scrapelint.toml"), "[lints]\nspace-before-punctuation = \"info\"\n").unwrap();
    let out = run_in(&dir, &["lint", "--format", "concise", "a.txt"], None);
    assert!(out.stdout.contains("info[space-before-punctuation]"), "{}", out.stdout);
    // On the command line too: the lint beats its category whatever the order,
    // and an enabled lint runs at its configured level.
    let args = ["lint", "--no-config", "--format", "concise", "a.txt"];
    let out =
        run_in(&dir, &[&args[..], &["--enable", "typography", "--disable", "stray-period"]].concat(), None);
    assert!(
        out.stdout.contains("space-before-punctuation") && !out.stdout.contains("stray-period"),
        "{}",
        out.stdout
    );
    let out =
        run_in(&dir, &[&args[..], &["--disable", "typography", "--enable", "stray-period"]].concat(), None);
    assert!(out.stdout.contains("stray-period"), "{}", out.stdout);
    fs::write(dir.join("scrapelint.toml"), "[lints]\nstray-period = \"error\"\n").unwrap();
    let out = run_in(
        &dir,
        &["lint", "--format", "concise", "--disable", "all", "--enable", "stray-period", "a.txt"],
        None,
    );
    assert_eq!(
        levels(&out),
        ["error[stray-period] period repeated with a space between (`. .`)"],
        "{}",
        out.stdout
    );
    // per-file-ignores hide what they name in the files they match, whatever is enabled.
    fs::write(dir.join("scrapelint.toml"), "[per-file-ignores]\n\"a.txt\" = [\"typography\"]\n").unwrap();
    let out = run_in(&dir, &["lint", "--format", "concise", "--enable", "stray-period", "a.txt"], None);
    assert_eq!(out.stdout, "", "{}", out.stdout);
}

#[test]
fn fixing_standard_input_is_a_filter() {
    let dir = scratch("stdin_fix");
    let text = "The talks ended\u{a0}on Monday. .\n\nGo To Source\n";
    let args = ["lint", "--no-config", "--format", "concise", "-", "--stdin-filename", "a.txt"];
    // Fixed text on standard output, what is left on standard error, counted.
    let out = run_in(&dir, &[&args[..], &["--fix"]].concat(), Some(text.as_bytes()));
    assert_eq!(out.stdout, "The talks ended on Monday.\n\nGo To Source\n");
    assert!(out.stderr.contains("fixed 2 findings in 1 file"), "{}", out.stderr);
    assert!(out.stderr.contains("a.txt:3:1: warn[source-link]"), "{}", out.stderr);
    assert!(!out.stderr.contains("stray-period"), "{}", out.stderr);
    assert_eq!(out.code, 1);
    // Nothing left: exit 0; nothing to fix: the text as it came.
    let out =
        run_in(&dir, &[&args[..], &["--fix", "--disable", "source-link"]].concat(), Some(text.as_bytes()));
    assert_eq!(
        (out.stdout.as_str(), out.code),
        ("The talks ended on Monday.\n\nGo To Source\n", 0),
        "{}",
        out.stderr
    );
    let out = run_in(&dir, &[&args[..], &["--fix"]].concat(), Some(CLEAN.as_bytes()));
    assert_eq!((out.stdout.as_str(), out.code), (CLEAN, 0), "{}", out.stderr);
    // --diff shows standard input's diff under its name, and exits 1.
    let out = run_in(&dir, &[&args[..], &["--diff"]].concat(), Some(text.as_bytes()));
    assert!(out.stdout.starts_with("--- a/a.txt\n+++ b/a.txt\n"), "{}", out.stdout);
    assert!(out.stdout.contains("+The talks ended on Monday.\n"), "{}", out.stdout);
    assert!(out.stderr.contains("would fix 2 findings in 1 file"), "{}", out.stderr);
    assert_eq!(out.code, 1);
}

#[test]
fn baselines_match_from_any_folder_and_spelling() {
    let dir = scratch("baseline_cwd");
    fs::create_dir_all(dir.join("corpus/sub")).unwrap();
    fs::write(dir.join("corpus/sub/a.txt"), DIRTY).unwrap();
    let args = ["lint", "--no-config", "--format", "concise"];
    let out = run_in(&dir, &[&args[..], &["--write-baseline", "b.json", "corpus"]].concat(), None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = fs::read_to_string(dir.join("b.json")).unwrap();
    assert!(text.contains("\"path\": \"corpus/sub/a.txt\""), "{text}");
    let abs = dir.join("corpus").display().to_string();
    let base_abs = dir.join("b.json").display().to_string();
    for (cwd, base, path) in [
        (dir.join("corpus"), "../b.json", "."),
        (dir.join("corpus/sub"), "../../b.json", "a.txt"),
        (dir.clone(), "b.json", abs.as_str()),
        (dir.join("corpus"), base_abs.as_str(), "./sub"),
    ] {
        let out = run_in(&cwd, &[&args[..], &["--baseline", base, path]].concat(), None);
        assert_eq!((out.stdout.as_str(), out.code), ("", 0), "{cwd:?} {base} {path}: {}", out.stderr);
        assert!(out.stderr.contains("2 more in the baseline"), "{}", out.stderr);
    }
    // A version 1 baseline (paths as the run named them) still matches that way.
    let v1 = text.replace("\"version\": 2", "\"version\": 1").replace("corpus/sub/a.txt", "sub/a.txt");
    fs::write(dir.join("v1.json"), v1).unwrap();
    let out = run_in(&dir.join("corpus"), &[&args[..], &["--baseline", "../v1.json", "sub"]].concat(), None);
    assert_eq!((out.stdout.as_str(), out.code), ("", 0), "{}", out.stderr);
}

/// What pre-commit's `end-of-file-fixer` and `trailing-whitespace` hooks ask.
fn passes_whitespace_hooks(t: &str) -> bool {
    (t.is_empty() || (t.ends_with('\n') && !t.ends_with("\n\n")))
        && t.lines().all(|l| l.trim_end_matches('\r') == l.trim_end_matches(['\r', ' ', '\t']))
}

#[test]
fn deleting_lines_leaves_no_debris() {
    let dir = scratch("debris");
    let text =
        "Body one. .\n\nAdvertisement\n\nBody two ends here\u{a0}\n\nGo To Source\n\nShare this article\n";
    fs::write(dir.join("a.txt"), text).unwrap();
    let out = run_in(&dir, &["lint", "--no-config", "--fix", "--unsafe-fixes", "a.txt"], None);
    let fixed = fs::read_to_string(dir.join("a.txt")).unwrap();
    assert_eq!(fixed, "Body one.\n\nBody two ends here\n", "{}", out.stderr);
    // The seed with boilerplate at its end, fixed with every fix.
    let seed = "003_6ad7869de4ed6415.txt";
    fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").join(seed), dir.join(seed)).unwrap();
    run_in(&dir, &["lint", "--no-config", "--fix", "--unsafe-fixes", seed], None);
    let fixed = fs::read_to_string(dir.join(seed)).unwrap();
    assert!(passes_whitespace_hooks(&fixed), "{fixed:?}");
    assert!(!fixed.contains("\n\n\n"), "{fixed:?}");
}

#[test]
fn nothing_is_skipped_quietly() {
    let dir = scratch("quiet_passes");
    fs::create_dir(dir.join("shards")).unwrap();
    fs::write(dir.join("shards/s.jsonl"), "{\"text\":\"One.\\n\"}\nnot json\n{\"id\":3}\n").unwrap();
    // stats: a record that is no document is an error naming it, and nothing is written.
    let out = run_in(&dir, &["stats", "--no-config", "--input", "jsonl", "shards", "-o", "s.stats"], None);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("shards/s.jsonl#2: not a document"), "{}", out.stderr);
    assert!(out.stderr.contains("shards/s.jsonl#3: not a document"), "{}", out.stderr);
    assert!(!dir.join("s.stats").exists());
    fs::write(dir.join("shards/s.jsonl"), "{\"text\":\"One.\\n\"}\n").unwrap();
    let out = run_in(&dir, &["stats", "--no-config", "--input", "jsonl", "shards", "-o", "s.stats"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("1 document;"), "{}", out.stderr);
    // lint on a folder of shards without --input jsonl says what to add.
    let out = run_in(&dir, &["lint", "--no-config", "shards"], None);
    assert!(out.stderr.contains("add --input jsonl"), "{}", out.stderr);
}

#[test]
fn install_is_documented_and_sarif_names_no_made_up_address() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    assert!(readme.contains("cargo install --locked --path ."), "README: install from a clone");
    assert!(readme.contains("cargo install --locked --git "), "README: install from a git URL");
    // informationUri is the repository Cargo.toml names, or absent.
    let dir = scratch("sarif_uri");
    fs::write(dir.join("a.txt"), DIRTY).unwrap();
    let out = run_in(&dir, &["lint", "--no-config", "a.txt", "--format", "sarif"], None);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let uri = &v["runs"][0]["tool"]["driver"]["informationUri"];
    match env!("CARGO_PKG_REPOSITORY") {
        "" => assert!(uri.is_null(), "{uri}"),
        repo => assert_eq!(uri, repo),
    }
}

#[test]
fn the_precommit_snippets_pin_a_commit_or_run_the_installed_binary() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let tags = Command::new("git").args(["tag", "--list"]).current_dir(root).output();
    let tags = tags.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
    for line in readme.lines().filter(|l| l.trim_start().starts_with("rev:")) {
        let rev = line.trim_start().trim_start_matches("rev:").split('#').next().unwrap().trim();
        assert!(
            rev == "<full commit SHA>" || tags.lines().any(|t| t == rev),
            "README pins `{rev}`, which is neither a commit placeholder nor a tag"
        );
    }
    assert!(
        readme.contains("language: system") && readme.contains("repo: local"),
        "the installed-binary hook"
    );
    assert!(readme.contains("pre-commit autoupdate --freeze"));
}

#[test]
fn cli_habits() {
    let dir = scratch("habits");
    fs::create_dir(dir.join(".git")).unwrap();
    let text = "The talks ended\u{a0}on Monday. .\n\nGo To Source\n\nAdvertisement\n";
    fs::write(dir.join("a.txt"), text).unwrap();
    let args = ["lint", "--no-config", "a.txt"];
    // --exit-zero: findings exit 0, errors still 2.
    let out = run_in(&dir, &[&args[..], &["--exit-zero"]].concat(), None);
    assert_eq!(out.code, 0);
    let out = run_in(&dir, &[&args[..], &["--exit-zero", "missing.txt"]].concat(), None);
    assert_eq!(out.code, 2);
    let out = run_in(&dir, &[&args[..], &["--exit-zero", "--diff"]].concat(), None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // --statistics: a count per lint, also as JSON.
    let out = run_in(&dir, &[&args[..], &["--statistics"]].concat(), None);
    assert!(out.stdout.contains("1  stray-period") && out.stdout.contains("1 fixable"), "{}", out.stdout);
    assert!(out.stdout.contains("1 with --unsafe-fixes"), "{}", out.stdout);
    assert_eq!(out.stdout.lines().count(), 4, "{}", out.stdout);
    assert_eq!(out.code, 1);
    let out = run_in(&dir, &[&args[..], &["--statistics", "--format", "json"]].concat(), None);
    let rows: Vec<serde_json::Value> = out.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let sp = rows.iter().find(|r| r["code"] == "stray-period").unwrap();
    assert_eq!((sp["count"].as_u64(), sp["fixable"].as_u64()), (Some(1), Some(1)));
    // --output-file: the findings go to the file.
    let out = run_in(&dir, &[&args[..], &["--format", "concise", "--output-file", "out.txt"]].concat(), None);
    assert_eq!(out.stdout, "");
    assert_eq!(fs::read_to_string(dir.join("out.txt")).unwrap().lines().count(), 4);
    assert_eq!(out.code, 1);
    // explain CATEGORY lists its lints with their fix safety; rules shows it too.
    let out = run_in(&dir, &["explain", "typography"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("stray-period") && out.stdout.contains("safe"), "{}", out.stdout);
    let out = run_in(&dir, &["rules"], None);
    let line = |name: &str| out.stdout.lines().find(|l| l.starts_with(name)).unwrap().to_string();
    assert!(line("stray-period ").contains(" safe "), "{}", line("stray-period "));
    assert!(line("source-link ").contains(" unsafe "), "{}", line("source-link "));
    let out = run_in(&dir, &["rules", "--format", "json"], None);
    assert!(out.stdout.contains("\"fix_safety\":\"safe\""), "{}", out.stdout);
    // Unknown configuration keys and lint names suggest the closest.
    fs::write(dir.join("bad.toml"), "nmes = []\n").unwrap();
    let out = run_in(&dir, &["lint", "--config", "bad.toml", "a.txt"], None);
    assert!(out.stderr.contains("did you mean `names`?"), "{}", out.stderr);
    fs::write(dir.join("bad.toml"), "[lints]\nstray-perod = \"off\"\n").unwrap();
    let out = run_in(&dir, &["lint", "--config", "bad.toml", "a.txt"], None);
    assert!(out.stderr.contains("did you mean") && out.stderr.contains("`stray-period`?"), "{}", out.stderr);
    // --config naming a missing file.
    let out = run_in(&dir, &["lint", "--config", "nope.toml", "a.txt"], None);
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("error: --config nope.toml: no such file"), "{}", out.stderr);
    // --unsafe-fixes without --fix does nothing, and says so.
    let out = run_in(&dir, &[&args[..], &["--unsafe-fixes"]].concat(), None);
    assert!(out.stderr.contains("warning: --unsafe-fixes does nothing without --fix"), "{}", out.stderr);
    // --stdin-filename is matched against per-file-ignores.
    fs::create_dir(dir.join("legacy")).unwrap();
    fs::write(dir.join("scrapelint.toml"), "[per-file-ignores]\n\"legacy/**\" = [\"typography\"]\n").unwrap();
    let stdin = ["lint", "--format", "concise", "-", "--stdin-filename"];
    let out = run_in(&dir, &[&stdin[..], &["legacy/a.txt"]].concat(), Some(text.as_bytes()));
    assert!(!out.stdout.contains("stray-period") && out.stdout.contains("source-link"), "{}", out.stdout);
    let out = run_in(&dir, &[&stdin[..], &["new/a.txt"]].concat(), Some(text.as_bytes()));
    assert!(out.stdout.contains("stray-period"), "{}", out.stdout);
    // ... and against `exclude`, as the library's Linter.lint(path=…) is:
    // nothing reported, and with --fix the text comes back as it went in.
    fs::write(dir.join("scrapelint.toml"), "exclude = [\"drafts/**\"]\n").unwrap();
    let out = run_in(&dir, &[&stdin[..], &["drafts/a.txt"]].concat(), Some(text.as_bytes()));
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
    let fix = ["lint", "--fix", "--unsafe-fixes", "-", "--stdin-filename", "drafts/a.txt"];
    let out = run_in(&dir, &fix, Some(text.as_bytes()));
    assert_eq!((out.code, out.stdout.as_str()), (0, text), "{}", out.stderr);
    let fix = ["lint", "--fix", "--unsafe-fixes", "-", "--stdin-filename", "new/a.txt"];
    assert_ne!(run_in(&dir, &fix, Some(text.as_bytes())).stdout, text, "a file not excluded is fixed");
    // stats --help lists only what applies to stats.
    let out = run_in(&dir, &["stats", "--help"], None);
    assert!(!out.stdout.contains("--enable") && !out.stdout.contains("--lints"), "{}", out.stdout);
    assert!(out.stdout.contains("--config"), "{}", out.stdout);
}

#[test]
fn sarif_has_related_places_fingerprints_and_clean_help() {
    let dir = scratch("sarif_related");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/duplicate-paragraph/fires.txt");
    fs::copy(fixture, dir.join("d.txt")).unwrap();
    let args = ["lint", "--no-config", "--disable", "all", "--enable", "duplicate-paragraph", "d.txt"];
    let out = run_in(&dir, &[&args[..], &["--format", "sarif"]].concat(), None);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let run = &v["runs"][0];
    let result = &run["results"][0];
    let related = &result["relatedLocations"][0];
    assert_eq!(related["message"]["text"], "the copy to keep");
    assert_eq!(related["physicalLocation"]["artifactLocation"]["uri"], "d.txt");
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 1);
    // The fingerprint is the baseline's.
    run_in(&dir, &[&args[..], &["--write-baseline", "b.json"]].concat(), None);
    let b: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("b.json")).unwrap()).unwrap();
    assert_eq!(result["partialFingerprints"]["scrapelint/v1"], b["findings"][0]["fingerprint"]);
    // Rule help is Markdown without the doc comments' indent; helpUri only with a repository.
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        let help = rule["help"]["text"].as_str().unwrap();
        assert!(help.starts_with("## What it does"), "{}: {help:?}", rule["id"]);
        assert!(!help.lines().any(|l| l.starts_with(" ##")), "{}: {help:?}", rule["id"]);
        assert_eq!(rule["helpUri"].is_null(), env!("CARGO_PKG_REPOSITORY").is_empty());
    }
    // JSON's related places carry their line and column.
    let out = run_in(&dir, &[&args[..], &["--format", "json"]].concat(), None);
    let j: serde_json::Value = serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
    assert_eq!((j["related"][0]["line"].as_u64(), j["related"][0]["column"].as_u64()), (Some(1), Some(1)));
}

#[test]
fn human_output_of_a_repeat_names_the_reported_copy_first() {
    let dir = scratch("human_repeat");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/duplicate-paragraph/fires.txt");
    fs::copy(fixture, dir.join("d.txt")).unwrap();
    let args = ["lint", "--no-config", "--disable", "all", "--enable", "duplicate-paragraph", "d.txt"];
    let concise = run_in(&dir, &[&args[..], &["--format", "concise"]].concat(), None);
    let at = concise.stdout.split(": ").next().unwrap().to_string();
    assert_eq!(at, "d.txt:3:1");
    let human = run_in(&dir, &args, None);
    let first_header = human.stdout.lines().find(|l| l.contains("╭─[")).unwrap();
    assert!(first_header.contains(&format!("[{at}]")), "{}", human.stdout);
    assert!(
        human.stdout.contains("the copy to keep") && human.stdout.contains("[d.txt:1:1]"),
        "{}",
        human.stdout
    );
}

#[test]
fn ignore_files_are_honoured_when_walking_folders() {
    let dir = scratch("ignore_files");
    fs::create_dir_all(dir.join("repo/.git")).unwrap();
    let repo = dir.join("repo");
    for sub in ["corpus/drafts", "corpus/sub"] {
        fs::create_dir_all(repo.join(sub)).unwrap();
    }
    fs::write(repo.join(".gitignore"), "corpus/skip-me.txt\n").unwrap();
    fs::write(repo.join("corpus/.gitignore"), "drafts/\n*.tmp.txt\n").unwrap();
    fs::write(repo.join("corpus/.ignore"), "sub/private.txt\n").unwrap();
    for f in ["a.txt", "skip-me.txt", "drafts/d.txt", "x.tmp.txt", "sub/private.txt", "sub/ok.txt"] {
        fs::write(repo.join("corpus").join(f), DIRTY).unwrap();
    }
    let files = |out: &Out| -> Vec<String> {
        let mut v: Vec<String> =
            out.stdout.lines().map(|l| l.split(':').next().unwrap().to_string()).collect();
        v.dedup();
        v
    };
    let args = ["lint", "--no-config", "--format", "concise", "--disable", "all", "--enable", "source-link"];
    let out = run_in(&repo, &[&args[..], &["corpus"]].concat(), None);
    assert_eq!(files(&out), ["corpus/a.txt", "corpus/sub/ok.txt"], "{}", out.stdout);
    // From inside the folder: the repository root's .gitignore still applies.
    let out = run_in(&repo.join("corpus"), &[&args[..], &["."]].concat(), None);
    assert_eq!(files(&out), ["a.txt", "sub/ok.txt"], "{}", out.stdout);
    // --no-ignore takes every file; files named directly are always taken.
    let out = run_in(&repo, &[&args[..], &["--no-ignore", "corpus"]].concat(), None);
    assert_eq!(files(&out).len(), 6, "{}", out.stdout);
    let out = run_in(&repo, &[&args[..], &["corpus/skip-me.txt"]].concat(), None);
    assert_eq!(files(&out), ["corpus/skip-me.txt"], "{}", out.stdout);
    // Outside a git repository only .ignore files count (this checkout is
    // one: the folder goes to the system's temporary folder).
    let tmp = tempfile::tempdir().unwrap();
    let plain = tmp.path();
    if plain.ancestors().any(|d| d.join(".git").exists()) {
        eprintln!("skipped the part outside a repository: the temporary folder is inside one");
        return;
    }
    fs::write(plain.join(".gitignore"), "b.txt\n").unwrap();
    fs::write(plain.join(".ignore"), "c.txt\n").unwrap();
    for f in ["a.txt", "b.txt", "c.txt"] {
        fs::write(plain.join(f), DIRTY).unwrap();
    }
    let out = run_in(plain, &[&args[..], &["."]].concat(), None);
    assert_eq!(files(&out), ["a.txt", "b.txt"], "{}", out.stdout);
}

#[test]
fn per_file_ignores_hold_in_every_round_of_fixing() {
    // The first round fixes the stray period; the second lints the new text
    // again, and a lint ignored for the file must stay ignored there too.
    let dir = scratch("ignores_while_fixing");
    fs::write(dir.join("scrapelint.toml"), "[per-file-ignores]\n\"a.txt\" = [\"source-link\"]\n").unwrap();
    fs::write(dir.join("a.txt"), DIRTY).unwrap();
    let out = run_in(&dir, &["lint", "--fix", "--unsafe-fixes", "--format", "concise", "a.txt"], None);
    assert_eq!(
        fs::read_to_string(dir.join("a.txt")).unwrap(),
        "The talks ended on Monday.\n\nGo To Source\n"
    );
    assert!(out.stderr.contains("fixed 1 finding in 1 file"), "{}", out.stderr);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

#[test]
fn timings_tell_where_the_time_went_on_standard_error() {
    let dir = scratch("timings");
    fs::write(dir.join("a.txt"), DIRTY).unwrap();
    fs::write(dir.join("b.txt"), "Sergei Ryabkov spoke in Geneva.\nGo To Source\n").unwrap();
    let plain = run_in(&dir, &["lint", "--no-config", "--format", "concise", "."], None);
    let timed = run_in(&dir, &["lint", "--no-config", "--format", "concise", "--timings", "."], None);
    // The findings and the exit status are the run's own.
    assert_eq!(timed.stdout, plain.stdout);
    assert_eq!(timed.code, plain.code);
    let table: Vec<&str> = timed.stderr.lines().skip_while(|l| !l.starts_with("timings: ")).collect();
    assert!(
        table.first().is_some_and(|l| l.ends_with("s of CPU in all (user and system, every thread)")),
        "{}",
        timed.stderr
    );
    let rows: Vec<(&str, f64, f64)> = table[1..]
        .iter()
        .take_while(|l| l.starts_with("  "))
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let n = f.len();
            assert!(n >= 4 && f[n - 2] == "s" && f[n - 1].ends_with('%'), "{l}");
            (
                l.trim_start().split("  ").next().unwrap(),
                f[n - 3].parse().unwrap(),
                f[n - 1].trim_end_matches('%').parse().unwrap(),
            )
        })
        .collect();
    let names: Vec<&str> = rows.iter().map(|r| r.0).collect();
    for step in [
        "stray-period",
        "source-link",
        "inconsistent-name",
        "reading files: statistics",
        "statistics: names",
        "structure pass",
        "output",
        "rest",
    ] {
        assert!(names.contains(&step), "{step} missing: {names:?}");
    }
    assert_eq!(names.last(), Some(&"rest"));
    // A corpus this small is read once: the lint pass takes the documents the
    // statistics pass read.
    assert!(!names.contains(&"reading files"), "{names:?}");
    // Largest first (the rest last), shares of the whole.
    assert!(rows[..rows.len() - 1].windows(2).all(|w| w[0].1 >= w[1].1), "{rows:?}");
    assert!(rows.iter().all(|r| r.1 >= 0.0 && (0.0..=100.5).contains(&r.2)), "{rows:?}");
    // Without the flag, no table.
    assert!(!plain.stderr.contains("timings:"));

    // JSONL records are parsed in parallel while a file is read: work a
    // waiting thread takes up is counted once, so the steps never add up
    // to more than the run.
    let records: String = (0..1000)
        .map(|i| format!("{{\"text\": \"Talks ended on day {i}. .\\nGo To Source\\nAdvertisement\"}}\n"))
        .collect();
    for f in ["a.jsonl", "b.jsonl", "c.jsonl", "d.jsonl"] {
        fs::write(dir.join(f), &records).unwrap();
    }
    let args = [
        "lint",
        "--no-config",
        "--input",
        "jsonl",
        "--quiet",
        "--timings",
        "a.jsonl",
        "b.jsonl",
        "c.jsonl",
        "d.jsonl",
    ];
    let timed = run_in(&dir, &args, None);
    let shares: f64 = timed
        .stderr
        .lines()
        .skip_while(|l| !l.starts_with("timings: "))
        .skip(1)
        .filter_map(|l| l.trim_end().strip_suffix('%')?.split_whitespace().last()?.parse::<f64>().ok())
        .sum();
    assert!(shares > 50.0 && shares <= 101.0, "{shares}: {}", timed.stderr);
}

#[test]
fn statistics_of_jsonl_shards_on_many_threads_finish() {
    // A JSONL file's records are parsed in parallel while the statistics
    // pass reads it: a thread waiting there takes up other files, and must
    // not wait for itself. Eight threads on whatever cores there are.
    let dir = scratch("jsonl_threads");
    let records: String = (0..3000)
        .map(|i| format!("{{\"text\": \"Sergei Ryabkov spoke on day {i}.\\nGo To Source\"}}\n"))
        .collect();
    let mut args = vec![
        "stats".to_string(),
        "--no-config".into(),
        "--input".into(),
        "jsonl".into(),
        "-o".into(),
        "s.bin".into(),
    ];
    for i in 0..24 {
        let f = format!("{i:02}.jsonl");
        fs::write(dir.join(&f), &records).unwrap();
        args.push(f);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_scrapelint"))
        .args(&args)
        .current_dir(&dir)
        .env("RAYON_NUM_THREADS", "8")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("stats of JSONL files on 8 threads did not finish in 120 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success());
    assert!(fs::metadata(dir.join("s.bin")).unwrap().len() > 0);
}

/// Every writer (concise, human, github, json, sarif, the statistics'
/// JSON, a baseline, a diff, an error) gets the same hostile file names and
/// text: no raw terminal control (ESC, BEL, C1, bidi) and no CI command (a
/// line starting `::`, or `##[` anywhere) may reach its output.
#[test]
fn no_writer_lets_a_terminal_control_or_a_ci_command_through() {
    let dir = scratch("hostile_writers");
    let names = ["##[error]forged.txt", "::error::x.txt", "a\u{9b}2J\u{202E}.txt", "b\u{1b}]0;t\u{7}.txt"];
    let text = "Go To Source\n##[stop-commands]x\n::error::y\nA line\u{9b}31m with\u{202E} controls. .\n";
    for n in names {
        fs::write(dir.join(n), text).unwrap();
    }
    let clean = |what: &str, out: &str| {
        for (k, line) in out.lines().enumerate() {
            assert!(
                !line.starts_with("::")
                    || line.starts_with("::warning file=")
                    || line.starts_with("::notice file=")
                    || line.starts_with("::error file="),
                "{what}: line {k} starts a workflow command: {line:?}"
            );
            if let Some(rest) = line.strip_prefix("::") {
                // Our own annotations: no second command inside them.
                assert!(!rest.contains("##["), "{what}: {line:?}");
            }
            assert!(!line.contains("##["), "{what}: line {k} holds a legacy command: {line:?}");
            assert!(
                !line.chars().any(|c| matches!(c, '\u{1b}' | '\u{7}' | '\u{80}'..='\u{9f}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
                "{what}: line {k} holds a control: {line:?}"
            );
        }
    };
    for format in ["concise", "human", "github", "json", "sarif"] {
        let out = run_in(&dir, &["lint", "--no-config", "--color", "never", "--format", format, "."], None);
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        clean(format, &out.stdout);
        clean(&format!("{format} stderr"), &out.stderr);
    }
    let out = run_in(&dir, &["lint", "--no-config", "--diff", "--unsafe-fixes", "."], None);
    clean("diff", &out.stdout);
    clean("diff stderr", &out.stderr);
    let out = run_in(&dir, &["stats", "--json", "-o", "-", "."], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    clean("stats --json", &out.stdout);
    let out = run_in(&dir, &["lint", "--no-config", "--write-baseline", "base.json", "."], None);
    clean("baseline stderr", &out.stderr);
    clean("baseline", &fs::read_to_string(dir.join("base.json")).unwrap());
    // An error quoting a hostile path.
    let out = run_in(&dir, &["lint", "--no-config", "::error::missing##[x].txt"], None);
    assert_eq!(out.code, 2);
    clean("error", &out.stderr);
}

/// No fix, safe or unsafe, built-in or a user's data lint, writes a hidden
/// character (a control, a bidi control, a zero-width or tag character)
/// into a file: every character of the class, as an entity to decode and
/// as a user lint's replacement, is tried.
#[test]
fn no_fix_writes_a_hidden_character() {
    let dir = scratch("hidden_fixes");
    let class: Vec<u32> = [
        0x01, 0x08, 0x0B, 0x1B, 0x7F, 0x85, 0x9B, 0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D,
        0x202E,
    ]
    .into_iter()
    .chain(0x2066..=0x2069)
    .chain([0x200B, 0x2060, 0xFEFF, 0xE0001, 0xE0041, 0xE007F])
    .collect();
    let text: String = class.iter().map(|c| format!("x &#x{c:X}; y &#{c}; z\n")).collect();
    fs::write(dir.join("a.txt"), &text).unwrap();
    fs::create_dir_all(dir.join("mine/unicode")).unwrap();
    fs::write(
        dir.join("mine/unicode/flip.toml"),
        "summary = \"s\"\nwhy = \"w\"\nkind = \"match\"\npattern = 'FLIP'\nmessage = \"m\"\nhelp = \"h\"\n\
         fix = { action = \"replace\", with = \"\\u202E\", applicability = \"unsafe\", title = \"t\" }\n\
         [[example]]\ntext = \"FLIP\"\nfires = 1\n[[example]]\ntext = \"flop\"\nfires = 0\n",
    )
    .unwrap();
    fs::write(dir.join("b.txt"), "Please FLIP this.\n").unwrap();
    run_in(
        &dir,
        &["lint", "--no-config", "--lints", "mine", "--fix", "--unsafe-fixes", "a.txt", "b.txt"],
        None,
    );
    for f in ["a.txt", "b.txt"] {
        let after = fs::read_to_string(dir.join(f)).unwrap();
        let hidden: Vec<String> = after
            .chars()
            .filter(|&c| c != '\n' && class.contains(&(c as u32)))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        assert!(hidden.is_empty(), "{f}: a fix wrote {hidden:?}");
    }
    // The finding stays, without the fix.
    let out = run_in(&dir, &["lint", "--no-config", "--lints", "mine", "--format", "json", "b.txt"], None);
    assert!(out.stdout.contains("\"code\":\"flip\"") && !out.stdout.contains("\"fix\""), "{}", out.stdout);
}

/// Every file found in a folder above the run's paths passes the one trust
/// rule: a `.git` marker and an ignore file planted by another user in a
/// shared parent folder change nothing (they hid every file, and CI passed
/// on nothing), and a configuration writable by a group other users share
/// is not used.
#[test]
fn files_planted_in_a_shared_parent_folder_are_not_trusted() {
    use std::os::unix::fs::PermissionsExt;
    if fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m)).ok() != Some(0) {
        eprintln!("skipped: handing files to another user needs root");
        return;
    }
    let dir = scratch("planted_parent");
    let shared = dir.join("shared");
    fs::create_dir_all(shared.join("corpus")).unwrap();
    fs::write(shared.join("corpus/a.txt"), "Go To Source\n").unwrap();
    fs::create_dir_all(shared.join(".git")).unwrap();
    fs::write(shared.join(".ignore"), "*.txt\n").unwrap();
    for p in [shared.join(".git"), shared.join(".ignore")] {
        std::os::unix::fs::chown(&p, Some(54321), Some(54321)).unwrap();
    }
    let out = run_in(&shared, &["lint", "--no-config", "--format", "concise", "corpus"], None);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("source-link"), "{}", out.stdout);
    // The same files, the user's own: honoured (the file is ignored).
    for p in [shared.join(".git"), shared.join(".ignore")] {
        std::os::unix::fs::chown(&p, Some(0), Some(0)).unwrap();
    }
    let out = run_in(&shared, &["lint", "--no-config", "--format", "concise", "corpus"], None);
    assert!(!out.stdout.contains("source-link"), "{}", out.stdout);

    // A configuration writable by a group that another user belongs to
    // (another user's primary group, from the password database).
    let other_group = fs::read_to_string("/etc/passwd").ok().and_then(|p| {
        p.lines().find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            let (uid, gid) = (f.get(2)?.parse::<u32>().ok()?, f.get(3)?.parse::<u32>().ok()?);
            (uid != 0 && gid != 0).then_some(gid)
        })
    });
    let Some(gid) = other_group else { return };
    let conf_dir = dir.join("conf");
    fs::create_dir_all(conf_dir.join(".git")).unwrap();
    fs::write(conf_dir.join("a.txt"), "Go To Source\n").unwrap();
    let config = conf_dir.join("scrapelint.toml");
    fs::write(&config, "[lints]\nsource-link = \"off\"\n").unwrap();
    std::os::unix::fs::chown(&config, Some(0), Some(gid)).unwrap();
    fs::set_permissions(&config, fs::Permissions::from_mode(0o664)).unwrap();
    let out = run_in(&conf_dir, &["lint", "a.txt"], None);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("has other members"), "{}", out.stderr);
}

/// A fix that grows the text (a user's pattern that writes its match back
/// eight times, as whitespace, so "safe") cannot grow a file without end
/// under --fix: fixes stop at twice the length and 4 KiB more.
#[test]
fn a_growing_fix_stops_at_the_cap() {
    let dir = scratch("growing_fix");
    fs::create_dir_all(dir.join("mine/typography")).unwrap();
    fs::write(
        dir.join("mine/typography/grow.toml"),
        "summary = \"s\"\nwhy = \"w\"\nkind = \"match\"\npattern = ' +'\nmessage = \"m\"\nhelp = \"h\"\n\
         fix = { action = \"replace\", with = \"$0$0$0$0$0$0$0$0\", applicability = \"safe\", title = \"t\" }\n\
         [[example]]\ntext = \"a b\"\nfires = 1\n[[example]]\ntext = \"ab\"\nfires = 0\n",
    )
    .unwrap();
    let text = "word ".repeat(200) + "\n";
    fs::write(dir.join("a.txt"), &text).unwrap();
    run_in(&dir, &["lint", "--no-config", "--lints", "mine", "--fix", "a.txt"], None);
    let after = fs::metadata(dir.join("a.txt")).unwrap().len() as usize;
    assert!(after <= 2 * text.len() + 4096, "{after} bytes from {}", text.len());
}

/// The report never replaces a text it reports on, and an output file with
/// a baseline is refused rather than silently ignored.
#[test]
fn the_output_file_is_never_an_input_nor_ignored() {
    let dir = scratch("output_is_input");
    fs::write(dir.join("t.txt"), "Go To Source\n").unwrap();
    let out = run_in(&dir, &["lint", "--no-config", "-o", "t.txt", "t.txt"], None);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("the output file is one of the files linted"), "{}", out.stderr);
    assert_eq!(fs::read_to_string(dir.join("t.txt")).unwrap(), "Go To Source\n");
    let out =
        run_in(&dir, &["lint", "--no-config", "-o", "r.json", "--write-baseline", "b.json", "t.txt"], None);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(!dir.join("b.json").exists() && !dir.join("r.json").exists());
    let out = run_in(&dir, &["lint", "--no-config", "-o", "r.txt", "t.txt"], None);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(fs::read_to_string(dir.join("r.txt")).unwrap().contains("source-link"));
}

#[test]
fn paths_that_would_display_alike_keep_their_own_names_and_files() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("alike_names");
    fs::create_dir_all(dir.join("a")).unwrap();
    // Pairs that a lossy or separator-folding name would merge: a backslash
    // in a file name against a folder, and two bytes that are not UTF-8.
    let files: [(&[u8], &str); 4] = [
        (b"a\\b.txt", "One.\u{a0}Two.\n"),
        (b"a/b.txt", "Three.\u{a0}Four.\n"),
        (b"x\xff.txt", "Five.\u{a0}Six.\n"),
        (b"x\xfe.txt", "Seven.\u{a0}Eight.\n"),
    ];
    for (name, text) in files {
        fs::write(dir.join(std::ffi::OsStr::from_bytes(name)), text).unwrap();
    }
    let out = run_in(&dir, &["lint", "--no-config", "--format", "concise", "."], None);
    let names: Vec<&str> = out.stdout.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(names, ["a/b.txt", "a\\\\b.txt", "x\\xFE.txt", "x\\xFF.txt"], "{}", out.stdout);
    let out = run_in(&dir, &["lint", "--no-config", "--fix", "."], None);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("fixed 4 findings in 4 files"), "{}", out.stderr);
    for (name, text) in files {
        let got = fs::read_to_string(dir.join(std::ffi::OsStr::from_bytes(name))).unwrap();
        assert_eq!(got, text.replace('\u{a0}', " "), "{}", String::from_utf8_lossy(name));
    }
}

#[test]
fn output_file_gets_no_colour_even_when_standard_output_is_a_terminal() {
    use std::os::fd::FromRawFd;
    let dir = scratch("color_to_file");
    fs::write(dir.join("a.txt"), DIRTY).unwrap();
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes the two descriptors it is given; the rest are null.
    let rc = unsafe {
        libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), std::ptr::null())
    };
    assert_eq!(rc, 0);
    // SAFETY: each descriptor is fresh from openpty and owned here once.
    let (master, slave) = unsafe { (fs::File::from_raw_fd(master), fs::File::from_raw_fd(slave)) };
    let status = Command::new(env!("CARGO_BIN_EXE_scrapelint"))
        .args(["lint", "--no-config", "--color", "auto", "-o", "out.txt", "a.txt"])
        .current_dir(&dir)
        .stdout(slave.try_clone().unwrap())
        .stderr(slave)
        .env_remove("NO_COLOR")
        .status()
        .unwrap();
    drop(master);
    assert_eq!(status.code(), Some(1));
    let report = fs::read_to_string(dir.join("out.txt")).unwrap();
    assert!(report.contains("stray-period"), "{report}");
    assert!(!report.contains('\u{1b}'), "colour codes in the file: {report:?}");
}

#[test]
fn stdin_filename_without_standard_input_is_an_error() {
    let dir = scratch("stdin_name_alone");
    fs::write(dir.join("a.txt"), DIRTY).unwrap();
    let out = run_in(&dir, &["lint", "--no-config", "--stdin-filename", "x.txt"], None);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("add `-` to the paths"), "{}", out.stderr);
    let out =
        run_in(&dir, &["lint", "--no-config", "--stdin-filename", "x.txt", "-"], Some(DIRTY.as_bytes()));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("x.txt"), "{}", out.stdout);
}

#[test]
fn a_named_jsonl_file_is_not_passed_as_text() {
    let dir = scratch("named_jsonl");
    fs::write(dir.join("p.jsonl"), "{\"text\": \"The talks ended. .\"}\n").unwrap();
    let out = run_in(&dir, &["lint", "--no-config", "p.jsonl"], None);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("p.jsonl: a JSON Lines file; add --input jsonl"), "{}", out.stderr);
    let out =
        run_in(&dir, &["lint", "--no-config", "--input", "jsonl", "--format", "concise", "p.jsonl"], None);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("p.jsonl#1:1:16: warn[stray-period]"), "{}", out.stdout);
    // Every named file excluded: no word about JSON Lines files that are not there.
    fs::write(dir.join("scrapelint.toml"), "exclude = [\"drafts/**\"]\n").unwrap();
    fs::create_dir_all(dir.join("drafts")).unwrap();
    fs::write(dir.join("drafts/a.txt"), DIRTY).unwrap();
    let out = run_in(&dir, &["lint", "drafts/a.txt"], None);
    assert!(!out.stderr.contains("JSON Lines"), "{}", out.stderr);
}

#[test]
fn two_configuration_files_in_one_folder_are_named() {
    let dir = scratch("two_configs");
    fs::write(dir.join("scrapelint.toml"), "[lints]\nstray-period = \"off\"\n").unwrap();
    fs::write(dir.join(".scrapelint.toml"), "[lints]\nsource-link = \"off\"\n").unwrap();
    fs::write(dir.join("a.txt"), DIRTY).unwrap();
    let out = run_in(&dir, &["lint", "a.txt"], None);
    assert!(
        out.stderr.contains("warning: .scrapelint.toml is not used: scrapelint.toml beside it wins"),
        "{}",
        out.stderr
    );
    fs::remove_file(dir.join(".scrapelint.toml")).unwrap();
    let out = run_in(&dir, &["lint", "a.txt"], None);
    assert!(!out.stderr.contains("warning:"), "{}", out.stderr);
}

/// Outside any repository and outside the home folder, discovery looks in
/// the folder checked and no higher: a configuration planted in a shared
/// parent (the system's temporary folder) is not used. Inside a repository
/// it looks up to the repository's root.
#[test]
fn discovery_outside_a_repository_stops_at_the_folder_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let shared = tmp.path();
    let home = std::env::var_os("HOME").map(PathBuf::from).and_then(|h| fs::canonicalize(h).ok());
    let canon = fs::canonicalize(shared).unwrap();
    if canon.ancestors().any(|d| d.join(".git").exists() || home.as_deref() == Some(d)) {
        eprintln!("skipped: the temporary folder is inside a repository or the home folder");
        return;
    }
    fs::write(shared.join("scrapelint.toml"), "[lints]\nstray-period = \"off\"\n").unwrap();
    let work = shared.join("work");
    fs::create_dir(&work).unwrap();
    fs::write(work.join("a.txt"), "The talks ended. .\n").unwrap();
    let out = run_in(&work, &["lint", "a.txt", "--format", "concise"], None);
    assert!(out.stdout.contains("stray-period"), "the planted configuration was used: {}", out.stderr);
    assert!(!out.stderr.contains("using configuration"), "{}", out.stderr);
    // The folder checked itself counts.
    fs::write(work.join("scrapelint.toml"), "[lints]\nstray-period = \"off\"\n").unwrap();
    let out = run_in(&work, &["lint", "a.txt", "--format", "concise"], None);
    assert!(!out.stdout.contains("stray-period"), "{}", out.stdout);
    fs::remove_file(work.join("scrapelint.toml")).unwrap();
    // In a repository, up to its root.
    fs::create_dir(shared.join(".git")).unwrap();
    let out = run_in(&work, &["lint", "a.txt", "--format", "concise"], None);
    assert!(
        !out.stdout.contains("stray-period") && out.stderr.contains("using configuration"),
        "{}",
        out.stderr
    );
}

/// `--show-settings`: the configuration in use and where each lint's level
/// came from; `--show-files`: what a run would check.
#[test]
fn show_settings_and_show_files() {
    let dir = scratch("show");
    fs::create_dir(dir.join(".git")).unwrap();
    fs::create_dir_all(dir.join("drafts")).unwrap();
    fs::create_dir_all(dir.join("legacy")).unwrap();
    fs::write(
        dir.join("scrapelint.toml"),
        "exclude = [\"drafts/**\"]\n[lints]\nboilerplate = \"info\"\nstray-period = \"error\"\n\
         [per-file-ignores]\n\"legacy/**\" = [\"typography\"]\n",
    )
    .unwrap();
    for f in ["a.txt", "drafts/b.txt", "legacy/c.txt", "notes.md"] {
        fs::write(dir.join(f), "Text. .\n").unwrap();
    }
    let out = run_in(&dir, &["lint", "-q", "--show-settings", "--disable", "html-tag"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let line = |name: &str| {
        out.stdout.lines().find(|l| l.starts_with(&format!("{name} "))).unwrap_or("").to_string()
    };
    assert!(
        out.stdout.contains("configuration: ") && out.stdout.contains("scrapelint.toml"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("exclude: drafts/**"), "{}", out.stdout);
    assert!(out.stdout.contains("per-file-ignores: legacy/** = typography"), "{}", out.stdout);
    assert!(line("stray-period").contains("error  [lints] stray-period = \"error\""), "{}", out.stdout);
    assert!(line("byline").contains("info   [lints] boilerplate = \"info\""), "{}", out.stdout);
    assert!(line("html-tag").contains("off    --disable html-tag"), "{}", out.stdout);
    assert!(line("odd-space").contains("warn   default"), "{}", out.stdout);
    let out = run_in(&dir, &["lint", "--no-config", "--show-settings"], None);
    assert!(out.stdout.starts_with("configuration: none (built-in defaults)"), "{}", out.stdout);
    let out = run_in(&dir, &["lint", "-q", "--show-files", "."], None);
    assert_eq!((out.code, out.stdout.as_str()), (0, "a.txt\nlegacy/c.txt\n"), "{}", out.stderr);
}

/// Small things that misled (workflow item 12).
#[test]
fn suggestions_and_messages_do_not_mislead() {
    let dir = scratch("misleading");
    fs::write(dir.join("a.txt"), "Text. .\n").unwrap();
    // The closest flag to `--ignore` is its opposite: no tip then.
    let out = run_in(&dir, &["lint", "--ignore", "a.txt"], None);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("unexpected argument '--ignore'") && !out.stderr.contains("--no-ignore"),
        "{}",
        out.stderr
    );
    // `--show-files` exists now; a real typo still gets its tip.
    let out = run_in(&dir, &["lint", "--show-fils", "a.txt"], None);
    assert!(out.stderr.contains("tip: a similar argument exists: '--show-files'"), "{}", out.stderr);
    // stats has -q, and its --lossy help reads files rather than linting them.
    let out = run_in(&dir, &["stats", "-q", "--no-config", "a.txt", "-o", "a.stats"], None);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""), "{}", out.stderr);
    let help = run_in(&dir, &["stats", "--help"], None).stdout;
    assert!(
        help.contains("Read files that are not valid UTF-8") && !help.contains("Lint files that"),
        "{help}"
    );
    // rules lists lints in one order whatever the format.
    let names = |format: &str| -> Vec<String> {
        let out = run_in(&dir, &["rules", "--no-config", "--format", format], None).stdout;
        match format {
            "json" => out
                .lines()
                .map(|l| {
                    serde_json::from_str::<serde_json::Value>(l).unwrap()["name"]
                        .as_str()
                        .unwrap()
                        .to_string()
                })
                .collect(),
            _ => out.lines().skip(1).map(|l| l.split_whitespace().next().unwrap().to_string()).collect(),
        }
    };
    assert_eq!(names("json"), names("text"));
    // An -o error names the file given, never the hidden temporary one.
    let out = run_in(&dir, &["lint", "--no-config", "a.txt", "-o", "no/such/folder/out.txt"], None);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("no/such/folder/out.txt: its folder does not exist")
            && !out.stderr.contains(".tmp"),
        "{}",
        out.stderr
    );
}

/// The version names its commit when built from git; completions come from
/// the argument definitions (workflow items 16 and 17).
#[test]
fn version_names_its_commit_and_completions_list_every_flag() {
    let dir = scratch("version");
    let out = run_in(&dir, &["--version"], None);
    let version = out.stdout.trim();
    let inside_git = Path::new(env!("CARGO_MANIFEST_DIR")).join(".git").exists();
    let commit = version.split_once(" (").map(|(_, rest)| rest.trim_end_matches(')').to_string());
    if inside_git {
        let c = commit.unwrap_or_else(|| panic!("no commit in {version:?}"));
        let (hash, date) = c.split_once(' ').unwrap();
        assert!(hash.len() >= 7 && hash.chars().all(|c| c.is_ascii_hexdigit()), "{version}");
        assert_eq!(date.len(), 10, "{version}");
    }
    assert!(version.starts_with(&format!("scrapelint {}", env!("CARGO_PKG_VERSION"))), "{version}");
    for shell in ["bash", "zsh", "fish"] {
        let out = run_in(&dir, &["completions", shell], None);
        assert_eq!(out.code, 0, "{}", out.stderr);
        for flag in ["--show-settings", "--unsafe-fixes", "--stats", "--keep-single"] {
            assert!(out.stdout.contains(flag.trim_start_matches('-')), "{shell}: {flag}");
        }
    }
    assert_eq!(run_in(&dir, &["completions", "tcsh"], None).code, 2);
}

/// `[[ignore]]` accepts one finding by lint and flagged text (or pattern),
/// optionally in the files a glob names; it is never fixed, and a stale
/// entry is named with --show-unused (workflow item 13).
#[test]
fn ignore_entries_accept_one_finding() {
    let dir = scratch("accept");
    fs::create_dir(dir.join(".git")).unwrap();
    let text = "The talks ended. .\nGo To Source\n";
    fs::write(dir.join("a.txt"), text).unwrap();
    fs::write(dir.join("b.txt"), text).unwrap();
    fs::write(
        dir.join("scrapelint.toml"),
        "[[ignore]]\nlint = \"source-link\"\ntext = \"Go To Source\"\npath = \"a.txt\"\n\n\
         [[ignore]]\nlint = \"stray-period\"\npattern = \".*zzz.*\"\n",
    )
    .unwrap();
    let out = run_in(&dir, &["lint", "--format", "concise", "--show-unused", "a.txt", "b.txt"], None);
    assert_eq!(
        out.stdout,
        "a.txt:1:16: warn[stray-period] period repeated with a space between (`. .`)\n\
         b.txt:1:16: warn[stray-period] period repeated with a space between (`. .`)\n\
         b.txt:2:1: warn[source-link] link back to the source page\n",
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "warning: [[ignore]] lint = \"stray-period\", pattern = \".*zzz.*\": accepted no finding"
        ) && !out.stderr.contains("source-link\", text"),
        "{}",
        out.stderr
    );
    // Accepted is not fixed.
    let out = run_in(&dir, &["lint", "--fix", "--unsafe-fixes", "a.txt"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(fs::read_to_string(dir.join("a.txt")).unwrap(), "The talks ended.\nGo To Source\n");
    // Entries are checked when the configuration loads.
    fs::write(dir.join("scrapelint.toml"), "[[ignore]]\nlint = \"source-lnk\"\ntext = \"x\"\n").unwrap();
    let out = run_in(&dir, &["lint", "a.txt"], None);
    assert!(out.code == 2 && out.stderr.contains("did you mean `source-link`?"), "{}", out.stderr);
    fs::write(
        dir.join("scrapelint.toml"),
        "[[ignore]]\nlint = \"source-link\"\ntext = \"x\"\npattern = \"y\"\n",
    )
    .unwrap();
    let out = run_in(&dir, &["lint", "a.txt"], None);
    assert!(out.code == 2 && out.stderr.contains("takes `text` or `pattern`"), "{}", out.stderr);
}

/// `--config 'KEY = VALUE'` overrides the file, as written last in it
/// (workflow item 15); anything else given to --config is a file.
#[test]
fn inline_config_overrides() {
    let dir = scratch("overrides");
    fs::create_dir(dir.join(".git")).unwrap();
    fs::create_dir(dir.join("legacy")).unwrap();
    fs::write(dir.join("scrapelint.toml"), "[lints]\nstray-period = \"error\"\n").unwrap();
    fs::write(dir.join("a.txt"), "The talks ended. .\nGo To Source\n").unwrap();
    fs::write(dir.join("legacy/b.txt"), "Old. .\n").unwrap();
    let lint = ["lint", "-q", "--format", "concise"];
    let out = run_in(&dir, &[&lint[..], &["a.txt"]].concat(), None);
    assert!(
        out.stdout.contains("error[stray-period]") && out.stdout.contains("source-link"),
        "{}",
        out.stdout
    );
    let out =
        run_in(&dir, &[&lint[..], &["--config", "lints.stray-period = \"off\"", "a.txt"]].concat(), None);
    assert!(!out.stdout.contains("stray-period") && out.stdout.contains("source-link"), "{}", out.stdout);
    // Repeatable, beside the file, and with --no-config.
    let two = [
        "--config",
        "scrapelint.toml",
        "--config",
        "lints.boilerplate = \"off\"",
        "--config",
        "exclude = [\"legacy/**\"]",
    ];
    let out = run_in(&dir, &[&lint[..], &two[..], &["a.txt", "legacy/b.txt"]].concat(), None);
    assert_eq!(
        out.stdout, "a.txt:1:16: error[stray-period] period repeated with a space between (`. .`)\n",
        "{}",
        out.stderr
    );
    let out = run_in(
        &dir,
        &[&lint[..], &["--no-config", "--config", "lints.stray-period = \"info\"", "a.txt"]].concat(),
        None,
    );
    assert!(out.stdout.contains("info[stray-period]"), "{}", out.stdout);
    // A bad override points into the override; two files are refused.
    let out =
        run_in(&dir, &[&lint[..], &["--config", "lints.stray-perod = \"off\"", "a.txt"]].concat(), None);
    assert!(
        out.code == 2 && out.stderr.contains("--config:1:7") && out.stderr.contains("`stray-period`?"),
        "{}",
        out.stderr
    );
    let out =
        run_in(&dir, &[&lint[..], &["--config", "a.toml", "--config", "b.toml", "a.txt"]].concat(), None);
    assert!(out.code == 2 && out.stderr.contains("--config names one file"), "{}", out.stderr);
}

/// A reader that stops reading (`| head`, `| true`) ends the run quietly,
/// whichever write meets the closed pipe: findings, the statistics table,
/// SARIF's closing part, statistics written to standard output.
#[test]
fn a_closed_output_pipe_ends_every_command_quietly() {
    let dir = scratch("closed_pipe");
    fs::write(dir.join("a.txt"), "Advertisement\nA sentence . . with residue.\n").unwrap();
    let runs: [&[&str]; 7] = [
        &["lint", "--no-config", "-q", "--format", "concise", "a.txt"],
        &["lint", "--no-config", "a.txt"],
        &["lint", "--no-config", "--statistics", "a.txt"],
        &["lint", "--no-config", "--statistics", "--format", "json", "a.txt"],
        &["lint", "--no-config", "--format", "sarif", "a.txt"],
        &["stats", "--no-config", "--json", "-o", "-", "a.txt"],
        &["stats", "--no-config", "--keep-single", "-o", "-", "a.txt"],
    ];
    for args in runs {
        let mut child = Command::new(env!("CARGO_BIN_EXE_scrapelint"))
            .args(args)
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("Broken pipe") && !stderr.contains("error"), "{args:?}: {stderr}");
        assert!(matches!(out.status.code(), Some(0 | 1)), "{args:?}: {:?} {stderr}", out.status);
    }
}

/// `--fix` or `--diff` on JSON Lines is refused before anything else is
/// read or printed: not after the configuration, nor instead of it.
#[test]
fn fixing_json_lines_is_refused_first() {
    let dir = scratch("jsonl_fix_first");
    fs::write(dir.join("d.jsonl"), "{\"text\": \"A line . . here.\"}\n").unwrap();
    fs::write(dir.join("scrapelint.toml"), "[lints]\nstray-period = \"warn\"\n").unwrap();
    for extra in [
        &["--fix"][..],
        &["--diff", "--show-files"],
        &["--fix", "--show-settings"],
        &["--diff", "--stats", "none"],
    ] {
        let mut args = vec!["lint", "--input", "jsonl", "d.jsonl"];
        args.extend(extra);
        let out = run_in(&dir, &args, None);
        assert_eq!(out.code, 2, "{args:?}");
        assert_eq!(
            out.stderr, "error: --fix and --diff work on text files; JSONL records are not rewritten\n",
            "{args:?}"
        );
    }
}
