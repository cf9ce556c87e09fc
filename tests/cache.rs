//! The statistics cache (`.scrapelint_cache/`): a run that lints a few files
//! against a corpus finds what a run without the cache finds, whatever the
//! cache holds: cold, warm, after edits, renames and deletions, damaged,
//! of another build, written by two runs at once, left by a killed run, or
//! in a folder the run must not trust.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A corpus repository: 40 articles naming `Sergei Ryabkov`, with a shared
/// line, and one staged article that misspells him. Its files are old
/// enough to be cached (changed more than two seconds before a run).
fn corpus(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("docs")).unwrap();
    // A repository's root, where the configuration is found from its files
    // (and where it would stop, wherever the test folder is).
    fs::create_dir(dir.join(".git")).unwrap();
    fs::write(dir.join("scrapelint.toml"), "corpus = [\"docs\"]\n").unwrap();
    for i in 0..40 {
        let text = format!(
            "Deputy Foreign Minister Sergei Ryabkov met envoy Lena Marsh{i} in Geneva on Monday.\n\
             Share this article\n\nRyabkov said talks with Marsh{i} would go on. Item {i}.\n"
        );
        fs::write(dir.join(format!("docs/{i:02}.txt")), text).unwrap();
    }
    fs::write(
        dir.join("docs/new.txt"),
        "Sergei Ryabakov told reporters in Geneva the talks were useful.\nShare this article\n",
    )
    .unwrap();
    settle();
    dir
}

/// Waits until files written now are old enough to be cached.
fn settle() {
    std::thread::sleep(scrapelint::cache::SETTLE + std::time::Duration::from_millis(200));
}

struct Out {
    stdout: String,
    stderr: String,
}

fn lint(dir: &Path, extra: &[&str]) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_scrapelint"))
        .args(["lint", "--format", "json", "docs/new.txt"])
        .args(extra)
        // The cache these tests look at is the one beside the configuration.
        .env_remove("SCRAPELINT_CACHE_DIR")
        .current_dir(dir)
        .output()
        .unwrap();
    Out {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Lints with the cache and without, and checks both find the same.
fn same(dir: &Path) -> Out {
    let with = lint(dir, &[]);
    let without = lint(dir, &["--no-cache"]);
    assert_eq!(with.stdout, without.stdout, "{}", with.stderr);
    assert!(with.stdout.contains("Ryabakov"), "{}", with.stdout);
    with
}

fn cache_file(dir: &Path) -> PathBuf {
    dir.join(".scrapelint_cache/stats")
}

#[test]
fn cold_warm_edited_renamed_and_deleted_find_the_same() {
    let dir = corpus("cache-edits");
    same(&dir);
    assert!(cache_file(&dir).exists());
    assert_eq!(
        fs::read_to_string(dir.join(".scrapelint_cache/.gitignore")).unwrap().lines().last(),
        Some("*")
    );
    same(&dir);
    fs::write(dir.join("docs/03.txt"), "Now Sergei Ryabkov spoke in Geneva.\nShare this article\n").unwrap();
    same(&dir);
    fs::rename(dir.join("docs/04.txt"), dir.join("docs/04b.txt")).unwrap();
    fs::remove_file(dir.join("docs/05.txt")).unwrap();
    same(&dir);
    // Settled again, the edited and renamed files are cached and used.
    settle();
    same(&dir);
    same(&dir);
}

/// A part in a trusted cache is believed: one that says a file holds what
/// it does not changes what the run finds. So the cache is used, and that
/// is why only a cache the run trusts is read.
#[test]
fn a_warm_cache_is_read() {
    use scrapelint::cache::{Cache, Fresh, Stamp};
    let dir = corpus("cache-used");
    same(&dir);
    let at = dir.join(".scrapelint_cache");
    let key = Cache::key_in(&at).unwrap();
    let (cache, _) = Cache::open(&scrapelint::cache::CacheDir { path: at, named: false }, key).unwrap();
    let (first, others): (Vec<&str>, Vec<&str>) = cache.paths().partition(|p| p.ends_with("/docs/00.txt"));
    let lie = "Sergei Ryabakov. Ryabakov. Ryabakov. Ryabakov. Ryabakov. Ryabakov.\n".repeat(3);
    let doc = scrapelint::document::Document::new(first[0], lie.as_str());
    let mut w = scrapelint::stats::codec::Writer::default();
    scrapelint::stats::part::DocPart::of(&doc, 80).encode(&mut w);
    let stamp = Stamp::of(&dir.join("docs/00.txt")).unwrap();
    let digest = scrapelint::cache::digest(fs::read(dir.join("docs/00.txt")).unwrap().as_slice());
    let part = scrapelint::cache::Part::Made(w.bytes);
    let fresh = Fresh { path: first[0].into(), stamp: Some(stamp), digest, hash: 1, part };
    cache.write(&others, &[fresh]).unwrap();
    assert_ne!(lint(&dir, &[]).stdout, lint(&dir, &["--no-cache"]).stdout);
}

#[test]
fn damaged_foreign_and_stale_caches_are_notes() {
    let dir = corpus("cache-damaged");
    same(&dir);
    let whole = fs::read(cache_file(&dir)).unwrap();
    // Cut short (a disk full), garbage, a part with absurd counts.
    for bytes in [whole[..whole.len() / 2].to_vec(), b"not a cache at all".to_vec(), {
        let mut b = whole.clone();
        let n = b.len();
        b[n / 2..].iter_mut().for_each(|x| *x = 0xff);
        b
    }] {
        fs::write(cache_file(&dir), &bytes).unwrap();
        let out = same(&dir);
        if bytes.starts_with(b"scrapelint-cache") || bytes.starts_with(b"not") {
            assert!(out.stderr.contains("cache"), "{}", out.stderr);
        }
        // Replaced by a good one.
        assert!(fs::read(cache_file(&dir)).unwrap().starts_with(b"scrapelint-cache\0"));
        same(&dir);
    }
    // Another build's cache: another key, replaced without a word.
    let mut other = fs::read(cache_file(&dir)).unwrap();
    other[18] ^= 1;
    fs::write(cache_file(&dir), &other).unwrap();
    let out = same(&dir);
    assert!(!out.stderr.contains("cache"), "{}", out.stderr);
    // A run killed while writing leaves a temporary file: nothing reads it.
    fs::write(dir.join(".scrapelint_cache/.stats.1.2.tmp"), b"half").unwrap();
    same(&dir);
}

#[test]
fn runs_at_once_find_the_same_and_leave_a_whole_cache() {
    let dir = corpus("cache-concurrent");
    let expected = lint(&dir, &["--no-cache"]).stdout;
    for _ in 0..2 {
        let children: Vec<_> = (0..4)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_scrapelint"))
                    .args(["lint", "--format", "json", "docs/new.txt"])
                    .env_remove("SCRAPELINT_CACHE_DIR")
                    .current_dir(&dir)
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
            assert!(!String::from_utf8_lossy(&out.stderr).contains("cache"));
        }
    }
    let left: Vec<_> =
        fs::read_dir(dir.join(".scrapelint_cache")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.iter().all(|n| !n.to_string_lossy().ends_with(".tmp")), "{left:?}");
    same(&dir);
}

#[cfg(unix)]
#[test]
fn a_cache_folder_others_can_write_or_a_link_is_not_used() {
    use std::os::unix::fs::PermissionsExt;
    let dir = corpus("cache-untrusted");
    same(&dir);
    let at = dir.join(".scrapelint_cache");
    let before = fs::read(cache_file(&dir)).unwrap();
    fs::set_permissions(&at, fs::Permissions::from_mode(0o777)).unwrap();
    let out = same(&dir);
    assert!(out.stderr.contains("not used"), "{}", out.stderr);
    assert_eq!(fs::read(cache_file(&dir)).unwrap(), before, "not written either");
    // Another user's folder (only root can make one here).
    fs::set_permissions(&at, fs::Permissions::from_mode(0o755)).unwrap();
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        std::os::unix::fs::chown(&at, Some(65534), None).unwrap();
        let out = same(&dir);
        assert!(out.stderr.contains("another user"), "{}", out.stderr);
        std::os::unix::fs::chown(&at, Some(0), None).unwrap();
    }
    // A link to a folder elsewhere: nothing read or written through it.
    fs::remove_dir_all(&at).unwrap();
    let elsewhere = dir.join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &at).unwrap();
    let out = same(&dir);
    assert!(out.stderr.contains("not a folder"), "{}", out.stderr);
    assert!(fs::read_dir(&elsewhere).unwrap().next().is_none());
}

/// Copies the folder `from` to `to` as a checkout or a restored CI cache
/// makes it: every file new (another inode, another time), modes kept.
fn copy_tree(from: &Path, to: &Path) {
    let _ = fs::remove_dir_all(to);
    fs::create_dir_all(to).unwrap();
    fs::set_permissions(to, fs::metadata(from).unwrap().permissions()).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if e.file_type().unwrap().is_dir() {
            copy_tree(&src, &dst);
        } else {
            fs::copy(&src, &dst).unwrap();
        }
    }
}

/// A cache restored beside a fresh checkout (CI's case) matches no file by
/// its stamp; each file is read, and found by its digest when the user
/// named the cache (`--cache-dir`, `SCRAPELINT_CACHE_DIR`). A part that lies
/// about its file changes the findings there, so the restored cache is
/// used; edited and renamed files still find what a run without it does.
/// The same cache found beside the configuration, as it would be had it
/// come with the files, is matched by stamp only: it cannot lie.
#[test]
fn a_named_restored_cache_finds_files_by_their_text() {
    use scrapelint::cache::{Cache, CacheDir, Fresh, Part, Stamp};
    let named = ["--cache-dir", ".scrapelint_cache"];
    let same_named = |dir: &Path| {
        let with = lint(dir, &named);
        assert_eq!(with.stdout, lint(dir, &["--no-cache"]).stdout, "{}", with.stderr);
        assert!(with.stdout.contains("Ryabakov"), "{}", with.stdout);
        with
    };
    let dir = corpus("cache-restored");
    same(&dir);
    settle();
    same(&dir);
    // Filled; a copy finds the same, and keeps what it found.
    let copy = dir.with_file_name("cache-restored-copy");
    copy_tree(&dir, &copy);
    same_named(&copy);
    let at = CacheDir { path: copy.join(".scrapelint_cache"), named: true };
    let key = Cache::key_in(&at.path).unwrap();
    assert_eq!(Cache::open(&at, key).unwrap().0.len(), 40);
    // A file edited and another renamed after the restore.
    fs::write(copy.join("docs/03.txt"), "Now Sergei Ryabkov spoke in Geneva.\nShare this article\n").unwrap();
    fs::rename(copy.join("docs/04.txt"), copy.join("docs/04b.txt")).unwrap();
    same_named(&copy);
    // A lie in the original's cache, for a file's text.
    let at = CacheDir { path: dir.join(".scrapelint_cache"), named: true };
    let (cache, _) = Cache::open(&at, key).unwrap();
    let (first, others): (Vec<&str>, Vec<&str>) = cache.paths().partition(|p| p.ends_with("/docs/00.txt"));
    let lie = "Sergei Ryabakov. Ryabakov. Ryabakov. Ryabakov. Ryabakov. Ryabakov.\n".repeat(3);
    let doc = scrapelint::document::Document::new(first[0], lie.as_str());
    let mut w = scrapelint::stats::codec::Writer::default();
    scrapelint::stats::part::DocPart::of(&doc, 80).encode(&mut w);
    let digest = scrapelint::cache::digest(fs::read(dir.join("docs/00.txt")).unwrap().as_slice());
    let stamp = Stamp::of(&dir.join("docs/00.txt"));
    let fresh = Fresh { path: first[0].into(), stamp, digest, hash: 1, part: Part::Made(w.bytes) };
    cache.write(&others, &[fresh]).unwrap();
    // Named, in a copy: believed.
    copy_tree(&dir, &copy);
    assert_ne!(lint(&copy, &named).stdout, lint(&copy, &["--no-cache"]).stdout);
    // Found beside the configuration of a copy (one that came with the files): not.
    copy_tree(&dir, &copy);
    same(&copy);
    // Named, but as a checkout makes it (committed, readable by all): not
    // believed, and replaced.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        copy_tree(&dir, &copy);
        fs::set_permissions(cache_file(&copy), fs::Permissions::from_mode(0o644)).unwrap();
        let out = same_named(&copy);
        assert!(out.stderr.contains("not one scrapelint wrote"), "{}", out.stderr);
        same_named(&copy);
    }
}

/// `SCRAPELINT_CACHE_DIR` names the cache as `--cache-dir` does (an empty
/// value names none), and `--no-cache` wins over either.
#[test]
fn the_environment_names_the_cache_and_no_cache_wins() {
    let dir = corpus("cache-env");
    let elsewhere = dir.join("elsewhere");
    let run = |env: &std::ffi::OsStr, extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_scrapelint"))
            .args(["lint", "--format", "json", "docs/new.txt"])
            .args(extra)
            .env("SCRAPELINT_CACHE_DIR", env)
            .current_dir(&dir)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let expected = lint(&dir, &["--no-cache"]).stdout;
    assert_eq!(run(elsewhere.as_os_str(), &["--no-cache"]), expected);
    assert!(!elsewhere.exists() && !cache_file(&dir).exists(), "--no-cache writes nothing");
    assert_eq!(run(elsewhere.as_os_str(), &[]), expected);
    assert!(elsewhere.join("stats").exists() && !cache_file(&dir).exists());
    // Empty: as if unset, the cache beside the configuration.
    assert_eq!(run(std::ffi::OsStr::new(""), &[]), expected);
    assert!(cache_file(&dir).exists());
}
