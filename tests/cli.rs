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
    assert_eq!(out.stderr, "", "json prints no summary");
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
