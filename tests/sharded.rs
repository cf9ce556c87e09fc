//! JSONL shards and corpus statistics: linting every shard against the
//! merged statistics gives exactly the findings of one run over all shards,
//! and merging in any order gives the same statistics file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn scrapelint(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_scrapelint"))
        .args(args)
        .current_dir(dir)
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap(),
    )
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

const TOPICS: &[&str] = &[
    "arms control talks in Geneva",
    "grain exports through the Black Sea",
    "a strike at the port of Rotterdam",
    "the price of copper in Chile",
    "flooding along the Danube",
    "elections in the Baltic states",
];

/// Document `i` of a corpus with residue for every corpus lint: a site line
/// in most documents, a name spelled one way almost everywhere and another
/// way once, an inserted link to an unrelated story.
fn document(i: usize) -> String {
    let topic = TOPICS[i % TOPICS.len()];
    let mut t = String::new();
    if i % 3 != 0 {
        t.push_str("Top World Magazine\n\n");
    }
    let name = if i == 31 { "Ryabakov" } else { "Ryabkov" };
    t.push_str(&format!(
        "Officials met on day {i} to discuss {topic}. Deputy Minister Sergei {name} said the \
         talks on {topic} would go on, and that both sides wanted progress by the spring.\n\n"
    ));
    if i == 17 {
        t.push_str("Read Also: Strong earthquake shakes parts of western China\n\n");
    }
    t.push_str(&format!("Analysts said report {i} on {topic} was the most detailed so far.\n"));
    t
}

fn records(range: std::ops::Range<usize>) -> String {
    range
        .map(|i| serde_json::json!({ "id": format!("doc-{i}"), "text": document(i) }).to_string() + "\n")
        .collect()
}

#[test]
fn shards_linted_against_merged_stats_match_one_run() {
    let dir = scratch("sharded");
    // Three shards: plain, gzip, zstd.
    fs::write(dir.join("s1.jsonl"), records(0..12)).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(records(12..24).as_bytes()).unwrap();
    fs::write(dir.join("s2.jsonl.gz"), gz.finish().unwrap()).unwrap();
    let zst = ruzstd::encoding::compress_to_vec(
        records(24..36).as_bytes(),
        ruzstd::encoding::CompressionLevel::Fastest,
    );
    fs::write(dir.join("s3.jsonl.zst"), zst).unwrap();
    let shards = ["s1.jsonl", "s2.jsonl.gz", "s3.jsonl.zst"];

    let mut single_args = vec!["lint", "--no-config", "--input", "jsonl", "--format", "json"];
    single_args.extend(shards);
    let (single, err, code) = scrapelint(&dir, &single_args);
    assert_eq!(code, 1, "{err}");
    for lint in ["repeated-line", "inconsistent-name", "related-link"] {
        assert!(single.contains(&format!("\"code\":\"{lint}\"")), "{lint} missing from {single}");
    }

    // Statistics per shard, kept whole (`--keep-single`), merged in two
    // different trees and pruned at the end, and in one go.
    for (i, s) in shards.iter().enumerate() {
        let out = format!("{i}.stats");
        let args = ["stats", "--no-config", "--keep-single", "--input", "jsonl", s, "-o", &out];
        let (_, err, code) = scrapelint(&dir, &args);
        assert_eq!(code, 0, "{err}");
    }
    let merge = |inputs: &[&str], out: &str, keep: bool| {
        let mut args = vec!["stats", "--merge"];
        if keep {
            args.push("--keep-single");
        }
        args.extend(inputs);
        args.extend(["-o", out]);
        let (_, err, code) = scrapelint(&dir, &args);
        assert_eq!(code, 0, "{err}");
    };
    merge(&["0.stats", "1.stats"], "01.stats", true);
    merge(&["01.stats", "2.stats"], "left.stats", false);
    merge(&["2.stats", "0.stats"], "20.stats", true);
    merge(&["1.stats", "20.stats"], "right.stats", false);
    let mut all_args = vec!["stats", "--no-config", "--input", "jsonl", "-o", "all.stats"];
    all_args.extend(shards);
    assert_eq!(scrapelint(&dir, &all_args).2, 0);
    let left = fs::read(dir.join("left.stats")).unwrap();
    assert_eq!(left, fs::read(dir.join("right.stats")).unwrap(), "merging depends on the order");
    assert_eq!(left, fs::read(dir.join("all.stats")).unwrap(), "merged shards differ from one pass");
    // A pruned file is final: adding it up would lose what it dropped.
    // Written in the final layout (version 5), queried in place; shards in
    // the compact one that adds up (version 4).
    let version = |f: &str| fs::read(dir.join(f)).unwrap()[17];
    assert_eq!((version("all.stats"), version("0.stats"), version("01.stats")), (5, 4, 4));
    let (_, err, code) = scrapelint(&dir, &["stats", "--merge", "left.stats", "0.stats", "-o", "no.stats"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("left.stats: pruned statistics are final") && err.contains("--keep-single"),
        "{err}"
    );
    assert!(!dir.join("no.stats").exists());

    // Each shard against the merged statistics: the single run's findings, in order.
    let mut sharded = String::new();
    for s in shards {
        let args =
            ["lint", "--no-config", "--input", "jsonl", "--format", "json", "--stats", "left.stats", s];
        let (out, err, code) = scrapelint(&dir, &args);
        assert!(code <= 1, "{err}");
        sharded.push_str(&out);
    }
    assert_eq!(sharded, single);

    // Human output names the record and draws the other shard's text.
    let (human, _, _) = scrapelint(
        &dir,
        &["lint", "--no-config", "--input", "jsonl", "--stats", "left.stats", "s3.jsonl.zst"],
    );
    assert!(human.contains("s3.jsonl.zst#8"), "{human}");
    assert!(human.contains("spelled `Ryabkov` here"), "{human}");
}

#[test]
fn partitions_add_up_on_their_own_and_join_into_the_whole() {
    let dir = scratch("partitioned");
    let shards = ["s1.jsonl", "s2.jsonl", "s3.jsonl"];
    for (i, s) in shards.iter().enumerate() {
        fs::write(dir.join(s), records(i * 12..i * 12 + 12)).unwrap();
    }
    let run = |args: &[&str]| {
        let (_, err, code) = scrapelint(&dir, args);
        assert_eq!(code, 0, "{args:?}: {err}");
    };
    // The whole, as sharding does it without partitions.
    for (i, s) in shards.iter().enumerate() {
        run(&["stats", "--no-config", "--keep-single", "--input", "jsonl", s, "-o", &format!("{i}.stats")]);
    }
    run(&["stats", "--merge", "0.stats", "1.stats", "2.stats", "-o", "whole.stats"]);
    // Three partitions of each shard; each partition of every shard merged on
    // its own (and pruned), then the partitions joined, in another order.
    for (i, s) in shards.iter().enumerate() {
        let out = format!("{i}.{{}}.stats");
        run(&[
            "stats",
            "--no-config",
            "--keep-single",
            "--partitions",
            "3",
            "--input",
            "jsonl",
            s,
            "-o",
            &out,
        ]);
    }
    for p in 0..3 {
        let part = |i: usize| format!("{i}.{p}.stats");
        run(&["stats", "--merge", &part(2), &part(0), &part(1), "-o", &format!("part{p}.stats")]);
    }
    run(&["stats", "--merge", "part2.stats", "part0.stats", "part1.stats", "-o", "joined.stats"]);
    let whole = fs::read(dir.join("whole.stats")).unwrap();
    assert_eq!(whole, fs::read(dir.join("joined.stats")).unwrap(), "joined partitions differ from the whole");
    // Each partition holds a part of the keys.
    let size = |f: &str| fs::metadata(dir.join(f)).unwrap().len();
    assert!((0..3).all(|p| size(&format!("part{p}.stats")) < size("whole.stats")));
    // A partition alone is not the corpus; partitions do not add up with other things.
    let (_, err, code) =
        scrapelint(&dir, &["lint", "--no-config", "--input", "jsonl", "--stats", "part1.stats", "s1.jsonl"]);
    assert_eq!(code, 2);
    assert!(err.contains("hold partition 1 of 3 only: join every partition"), "{err}");
    for (files, says) in [
        (["0.0.stats", "0.stats"], "different partitions (partition 0 of 3 and all keys)"),
        (["part0.stats", "1.1.stats"], "partitions of different counts"),
        // Two shards of the same size: the same count, other documents.
        (["0.0.stats", "1.1.stats"], "not the same documents"),
    ] {
        let (_, err, code) = scrapelint(&dir, &["stats", "--merge", files[0], files[1], "-o", "no.stats"]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(says), "{err}");
    }
    let (_, err, code) = scrapelint(
        &dir,
        &["stats", "--no-config", "--partitions", "3", "--input", "jsonl", "s1.jsonl", "-o", "x.stats"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("`{}` in -o"), "{err}");
    // The size limit on statistics files is its own, and can be raised.
    for args in [
        &[
            "lint",
            "--no-config",
            "--input",
            "jsonl",
            "--stats",
            "whole.stats",
            "--max-stats-size",
            "100",
            "s1.jsonl",
        ][..],
        &["stats", "--merge", "--max-stats-size", "100", "0.stats", "1.stats", "-o", "no.stats"],
    ] {
        let (_, err, code) = scrapelint(&dir, args);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains("a statistics file larger than the")
                && err.contains("raise it with --max-stats-size"),
            "{err}"
        );
    }
}

#[test]
fn stats_must_match_the_configuration() {
    let dir = scratch("stats-mismatch");
    fs::write(dir.join("a.txt"), document(1)).unwrap();
    assert_eq!(scrapelint(&dir, &["stats", "--no-config", "a.txt", "-o", "a.stats"]).2, 0);
    fs::write(dir.join("scrapelint.toml"), "[lint-options.repeated-line]\nmax-chars = 40\n").unwrap();
    let (_, err, code) = scrapelint(&dir, &["lint", "--stats", "a.stats", "a.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("max-chars"), "{err}");
    fs::write(dir.join("bad.stats"), "{\"format\": \"something-else\"}").unwrap();
    let (_, err, code) = scrapelint(&dir, &["lint", "--no-config", "--stats", "bad.stats", "a.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a statistics file"), "{err}");
}

#[test]
fn bad_records_are_reported_and_the_rest_linted() {
    let dir = scratch("bad-records");
    let body = "{\"id\": 1, \"text\": \"Fine text. .\"}\nnot json\n{\"id\": 3, \"text\": \"Go To Source\"}\n";
    fs::write(dir.join("a.jsonl"), body).unwrap();
    let (out, err, code) =
        scrapelint(&dir, &["lint", "--no-config", "--input", "jsonl", "--format", "concise", "a.jsonl"]);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("a.jsonl#1:1:10: warn[stray-period]"), "{out}");
    assert!(lines[1].starts_with("a.jsonl#2:1:2: error[invalid-record] record is not JSON"), "{out}");
    assert!(lines[2].starts_with("a.jsonl#3:1:1: warn[source-link]"), "{out}");
    let (json, _, _) =
        scrapelint(&dir, &["lint", "--no-config", "--input", "jsonl", "--format", "json", "a.jsonl"]);
    let first: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert_eq!((first["record"].as_u64(), first["id"].as_str()), (Some(1), Some("1")));
    // A damaged gzip file is an error for that file alone.
    fs::write(dir.join("b.jsonl.gz"), b"\x1f\x8b\x08 not gzip").unwrap();
    let (_, err, code) =
        scrapelint(&dir, &["lint", "--no-config", "--input", "jsonl", "b.jsonl.gz", "a.jsonl"]);
    assert_eq!(code, 2);
    assert!(err.contains("b.jsonl.gz: not valid gzip data"), "{err}");
    // JSONL is never rewritten.
    let (_, err, code) = scrapelint(&dir, &["lint", "--no-config", "--input", "jsonl", "--fix", "a.jsonl"]);
    assert_eq!(code, 2);
    assert!(err.contains("not rewritten"), "{err}");
}

/// A few files linted against a large corpus (a commit's files) count only
/// what their lints can ask about: their findings are those a run over the
/// whole corpus gives them, related places included.
#[test]
fn a_few_files_against_the_corpus_find_what_a_whole_run_finds() {
    let dir = scratch("focus");
    fs::create_dir_all(dir.join("docs")).unwrap();
    for i in 0..48 {
        fs::write(dir.join(format!("docs/d{i:02}.txt")), document(i)).unwrap();
    }
    let (whole, _, _) = scrapelint(&dir, &["lint", "--no-config", "--format", "json", "docs"]);
    let of = |out: &str, path: &str| -> Vec<String> {
        out.lines().filter(|l| l.contains(&format!("\"path\":\"{path}\""))).map(str::to_string).collect()
    };
    let mut found = 0;
    let mut all_focused = String::new();
    // The slip alone (no other file of the run has the right spelling),
    // then the inserted link with another file.
    for few in [&["docs/d31.txt"][..], &["docs/d17.txt", "docs/d05.txt", "docs/d03.txt"]] {
        let mut args = vec!["lint", "--no-config", "--format", "json", "--corpus", "docs"];
        args.extend(few);
        let (focused, err, _) = scrapelint(&dir, &args);
        for path in few {
            assert_eq!(of(&focused, path), of(&whole, path), "{path}: {err}");
            found += of(&whole, path).len();
        }
        all_focused.push_str(&focused);
    }
    // The slip, the inserted link and the site line are among them.
    for code in ["inconsistent-name", "related-link", "repeated-line"] {
        assert!(all_focused.contains(&format!("\"code\":\"{code}\"")), "{code} in {all_focused}");
    }
    assert!(found >= 5, "{found} findings");
}
