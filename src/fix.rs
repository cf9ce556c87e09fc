//! Applying fixes: non-overlapping edits, re-linted until nothing changes,
//! written atomically.

use std::io::Write;
use std::path::Path;

use crate::document::Document;
use crate::engine;
use crate::finding::{Applicability, Edit, Finding};
use crate::registry::Registry;

/// How many times a file is fixed and linted again at most.
pub const MAX_ROUNDS: usize = 10;

/// The longest text fixes may make of a text of `len` bytes: twice as long
/// and 4 KiB more. Fixes delete and decode; none of the built-in ones grows
/// a text by more than a few bytes a finding.
pub fn growth_cap(len: usize) -> usize {
    len.saturating_mul(2).saturating_add(4096)
}

/// The edits of the fixes that may be applied, without overlaps: a fix
/// whose edits overlap an earlier accepted one waits for the next round.
///
/// Fixes are taken in order of their first edit; each edit is checked only
/// against the accepted edits next to it (kept sorted by position), so a
/// file with hundreds of thousands of findings is fixed in n log n.
pub fn choose(findings: &[Finding], unsafe_fixes: bool) -> (Vec<&Edit>, usize) {
    let taken = choose_findings(findings, unsafe_fixes);
    let edits =
        taken.iter().flat_map(|&i| findings[i].fix.as_ref().expect("chosen for its fix").edits.iter());
    (edits.collect(), taken.len())
}

/// [`choose`], saying which findings' fixes were taken (their indices, in
/// the order taken).
///
/// A fix is not taken where another lint proposes a repair that this run does
/// not apply ([`held_repairs`]): a safe edit inside mojibake, say, would
/// leave the text further from its repair.
pub fn choose_findings(findings: &[Finding], unsafe_fixes: bool) -> Vec<usize> {
    let held = held_repairs(findings, unsafe_fixes);
    // The furthest end among the held repairs up to each: a search back from
    // the last one starting by the edit's end stops where none reaches it.
    let reach: Vec<usize> = held
        .iter()
        .scan(0, |m, (s, _)| {
            *m = s.end.max(*m);
            Some(*m)
        })
        .collect();
    let inside_held = |lint: usize, e: &Edit| {
        let n = held.partition_point(|(s, _)| s.start <= e.span.end);
        (0..n)
            .rev()
            .take_while(|&i| reach[i] >= e.span.start)
            .any(|i| held[i].1 != lint && clashes(&e.span, &held[i].0))
    };
    let mut fixes: Vec<(usize, &crate::finding::Fix)> = findings
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some((i, f.fix.as_ref()?)))
        .filter(|(_, x)| unsafe_fixes || x.applicability == Applicability::Safe)
        .filter(|(i, x)| !x.edits.iter().any(|e| inside_held(findings[*i].lint, e)))
        .collect();
    fixes.sort_by_key(|(_, x)| x.edits.iter().map(|e| (e.span.start, e.span.end)).min());
    // Accepted edits, in the order taken (the result), and indexed by
    // position: entries (start, end, n) hold the edits they cover. Edits of
    // different fixes never clash, and one fix's own overlapping edits share
    // an entry, so the entries' ends grow with their starts and a search can
    // stop at the first entry that ends before the edit starts.
    let mut taken: Vec<usize> = Vec::new();
    let mut index: std::collections::BTreeMap<(usize, usize, usize), Vec<&Edit>> =
        std::collections::BTreeMap::new();
    for (i, fix) in fixes {
        let clash = fix.edits.iter().any(|e| {
            for ((_, end, _), members) in index.range(..=(e.span.end, usize::MAX, usize::MAX)).rev() {
                if members.iter().any(|t| clashes(&e.span, &t.span)) {
                    return true;
                }
                if *end < e.span.start {
                    break;
                }
            }
            false
        });
        if clash {
            continue;
        }
        taken.push(i);
        let mut own: Vec<&Edit> = fix.edits.iter().collect();
        own.sort_by_key(|e| (e.span.start, e.span.end));
        let mut group: Vec<&Edit> = Vec::new();
        let (mut start, mut end) = (0, 0);
        for e in own {
            if !group.is_empty() && e.span.start >= end {
                index.insert((start, end, index.len()), std::mem::take(&mut group));
            }
            if group.is_empty() {
                (start, end) = (e.span.start, e.span.end);
            }
            end = end.max(e.span.end);
            group.push(e);
        }
        if !group.is_empty() {
            index.insert((start, end, index.len()), group);
        }
    }
    taken
}

/// The repairs that findings propose and this run does not apply (unsafe
/// ones, without `unsafe_fixes`): the spans of their edits that write text
/// (deleting is not a repair), with their lint, sorted by position.
fn held_repairs(findings: &[Finding], unsafe_fixes: bool) -> Vec<(crate::span::Span, usize)> {
    let mut held: Vec<(crate::span::Span, usize)> = findings
        .iter()
        .filter_map(|f| Some((f.lint, f.fix.as_ref()?)))
        .filter(|(_, x)| !unsafe_fixes && x.applicability != Applicability::Safe)
        .flat_map(|(lint, x)| {
            x.edits.iter().filter(|e| !e.replacement.is_empty()).map(move |e| (e.span, lint))
        })
        .collect();
    held.sort_by_key(|(s, _)| (s.start, s.end));
    held
}

/// Two edits that cannot both be applied: they overlap, or one inserts at a
/// place the other touches.
fn clashes(e: &crate::span::Span, t: &crate::span::Span) -> bool {
    e.overlaps(t)
        || (e.is_empty() && t.start <= e.start && e.start <= t.end)
        || (t.is_empty() && e.start <= t.start && t.start <= e.end)
}

/// Fixes a text: the findings already known are applied first, then the
/// text is linted (one-document lints) and fixed again until it is stable.
/// Returns the new text and the number of fixes applied.
pub fn fix_text(
    registry: &Registry,
    path: &str,
    text: &str,
    first: &[Finding],
    unsafe_fixes: bool,
) -> (String, usize) {
    let relint = |t: &str| engine::check_document(registry, &Document::new(path, t));
    let (text, applied) = fix_loop(text, first.to_vec(), unsafe_fixes, relint);
    (text, applied.len())
}

/// A fix that was applied: its lint, and what its edits took out of the text
/// and put in (the edits' texts joined, in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub lint: usize,
    pub removed: String,
    pub inserted: String,
}

/// The fix loop of `--fix`: applies the fixes of `first` that may be applied
/// ([`choose_findings`]), lints the new text with `relint`, and goes on until
/// nothing changes or [`MAX_ROUNDS`] have run. `relint` decides what later
/// rounds see (which lints, which files' ignores). Returns the new text and
/// the fixes applied, in order.
pub fn fix_loop(
    text: &str,
    first: Vec<Finding>,
    unsafe_fixes: bool,
    mut relint: impl FnMut(&str) -> Vec<Finding>,
) -> (String, Vec<Applied>) {
    let mut current = text.to_string();
    let mut applied = Vec::new();
    let mut findings = first;
    for _ in 0..MAX_ROUNDS {
        let taken = choose_findings(&findings, unsafe_fixes);
        if taken.is_empty() {
            break;
        }
        let edits: Vec<&Edit> =
            taken.iter().flat_map(|&i| findings[i].fix.as_ref().expect("chosen").edits.iter()).collect();
        let next = apply_tidy(&current, edits);
        // Fixes take residue out; one that grows the text round after round
        // (a user's pattern writing its match back eight times) would fill
        // the disk within MAX_ROUNDS. Past the cap, the round is not applied.
        if next == current || next.len() > growth_cap(text.len()) {
            break;
        }
        for &i in &taken {
            let mut edits: Vec<&Edit> = findings[i].fix.as_ref().expect("chosen").edits.iter().collect();
            edits.sort_by_key(|e| (e.span.start, e.span.end));
            let removed = edits.iter().filter_map(|e| current.get(e.span.start..e.span.end)).collect();
            let inserted = edits.iter().map(|e| e.replacement.as_str()).collect();
            applied.push(Applied { lint: findings[i].lint, removed, inserted });
        }
        current = next;
        findings = relint(&current);
    }
    (current, applied)
}

/// Applies edits (in order of position; an overlapping one after the first
/// is skipped) and tidies what they leave, so a fixed file passes the usual
/// whitespace checks (pre-commit's `end-of-file-fixer` and
/// `trailing-whitespace`):
/// - a deleted line takes the blank lines it leaves with it: the run of blank
///   lines around it becomes one blank line between paragraphs, and none at
///   the start or the end of the text;
/// - a line an edit touches loses the trailing spaces and tabs next to the
///   edit (a no-break space at the end of a line fixed to a space, a word
///   deleted after the last space).
///
/// Blank lines and trailing whitespace no edit is next to are left alone.
pub fn apply_tidy(text: &str, edits: Vec<&Edit>) -> String {
    let mut edits = edits;
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let at_line_start = |i: usize| i == 0 || text.as_bytes()[i - 1] == b'\n';
    let at_line_end =
        |i: usize| i == text.len() || text[i..].starts_with('\n') || text[i..].starts_with("\r\n");
    let mut out = String::with_capacity(text.len());
    // Where each edit's replacement is in `out`, and where whole lines went.
    let (mut touched, mut deleted) = (Vec::new(), Vec::new());
    let mut at = 0;
    for e in edits {
        if e.span.start < at {
            continue;
        }
        out.push_str(&text[at..e.span.start]);
        let start = out.len();
        out.push_str(&e.replacement);
        touched.push((start, out.len()));
        let (s, t) = (e.span.start, e.span.end);
        let whole_lines = s < t && at_line_start(s) && (text.as_bytes()[t - 1] == b'\n' || at_line_end(t));
        if e.replacement.is_empty() && whole_lines {
            deleted.push(start);
        }
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    if touched.is_empty() {
        return out;
    }
    tidy(&out, &touched, &deleted)
}

/// See [`apply_tidy`]: `touched` are the ranges edits wrote, `deleted` the
/// places where whole lines were deleted (each at a line start, or the end).
fn tidy(text: &str, touched: &[(usize, usize)], deleted: &[usize]) -> String {
    // Lines with their terminators.
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            lines.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < text.len() {
        lines.push((start, text.len()));
    }
    let body = |(s, e): (usize, usize)| text[s..e].trim_end_matches(['\n', '\r']);
    let blank = |i: usize| body(lines[i]).trim_matches([' ', '\t']).is_empty();
    // 0: keep, 1: drop, 2: keep only the terminator
    let mut fate = vec![0u8; lines.len()];
    for &p in deleted {
        let k = lines.partition_point(|&(s, _)| s < p);
        let (mut a, mut b) = (k, k);
        while a > 0 && blank(a - 1) {
            a -= 1;
        }
        while b < lines.len() && blank(b) {
            b += 1;
        }
        if a == b {
            continue;
        }
        let keep_one = a > 0 && b < lines.len();
        for (i, f) in fate.iter_mut().enumerate().take(b).skip(a) {
            *f = if keep_one && i == a { 2 } else { 1 };
        }
    }
    let mut out = String::with_capacity(text.len());
    for (i, &(s, e)) in lines.iter().enumerate() {
        let content = body((s, e));
        let terminator = &text[s + content.len()..e];
        match fate[i] {
            1 => continue,
            2 => out.push_str(terminator),
            _ => {
                let trimmed = content.trim_end_matches([' ', '\t']);
                let (ws_start, ws_end) = (s + trimmed.len(), s + content.len());
                let next_to_edit =
                    ws_start < ws_end && touched.iter().any(|&(a, b)| a <= ws_end && b >= ws_start);
                out.push_str(if next_to_edit { trimmed } else { content });
                out.push_str(terminator);
            }
        }
    }
    out
}

/// Writes `text` to `path` atomically: a temporary file in the same folder,
/// flushed, given the original's permissions, then renamed over it. A reader
/// (or a crash) sees the old file or the new one, never a part. A file that
/// does not exist yet is created with the default permissions.
///
/// The folder may be writable by others, so the temporary file has a random
/// name and is created with `O_CREAT | O_EXCL` (never through a planted link),
/// its permissions are set through the open handle, and a `path` that is a
/// symbolic link is refused rather than written through or replaced.
///
/// The new file keeps the old one's owner, group and mode, or the write is
/// refused; so is a file with other hard links (the rename would split them)
/// and one the user could not write in place (a writable folder is not
/// enough). Extended attributes and ACLs are not carried over.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    write_atomic_checked(path, text, None)
}

/// [`write_atomic`] for a fix: `read` is what the file held when it was read,
/// and the file must still hold exactly that just before the rename; a file
/// that changed meanwhile (a log still being appended to) is left alone, with
/// an error, rather than losing what was added.
pub fn write_fixed(path: &Path, text: &str, read: &str) -> std::io::Result<()> {
    write_atomic_checked(path, text, Some(read))
}

/// [`write_atomic`] for bytes that are not text.
pub fn write_atomic_bytes(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.file_mut().write_all(bytes)?;
    file.commit_checked(None)
}

fn write_atomic_checked(path: &Path, text: &str, expected: Option<&str>) -> std::io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.file_mut().write_all(text.as_bytes())?;
    file.commit_checked(expected)
}

/// A file written in place of `path` and renamed over it once complete
/// ([`write_atomic`]'s checks and guarantees): for output written as it comes.
pub struct AtomicFile {
    tmp: tempfile::NamedTempFile,
    path: std::path::PathBuf,
    meta: Option<std::fs::Metadata>,
    mode: u32,
}

impl AtomicFile {
    /// Checks that `path` may be replaced and opens the temporary file.
    pub fn create(path: &Path) -> std::io::Result<AtomicFile> {
        use std::os::unix::fs::PermissionsExt;
        let meta = match std::fs::symlink_metadata(path) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        if meta.as_ref().is_some_and(|m| m.file_type().is_symlink()) {
            return Err(std::io::Error::other("is a symbolic link; not written through"));
        }
        if meta.as_ref().is_some_and(|m| !m.is_file()) {
            return Err(std::io::Error::other("not a regular file"));
        }
        if meta.as_ref().is_some_and(|m| m.permissions().readonly()) {
            return Err(std::io::Error::new(std::io::ErrorKind::PermissionDenied, "the file is read-only"));
        }
        if let Some(m) = &meta {
            use std::os::unix::fs::MetadataExt;
            // Renaming a new file over it would split it from its other names.
            if m.nlink() > 1 {
                return Err(std::io::Error::other(format!(
                    "it has {} hard links; fixing would split them (fix it where the links cannot diverge, or copy it)",
                    m.nlink()
                )));
            }
            // Writable folder, unwritable file: replacing it would take it over.
            let c_path = std::ffi::CString::new(std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()))
                .map_err(std::io::Error::other)?;
            // SAFETY: a valid NUL-terminated path; access(2) only reads it.
            if unsafe { libc::access(c_path.as_ptr(), libc::W_OK) } != 0 {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "permission denied: the file cannot be written in place",
                ));
            }
        }
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mode = meta.as_ref().map_or(0o666, |m| m.permissions().mode() & 0o7777);
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".scrapelint.tmp")
            .permissions(std::fs::Permissions::from_mode(mode & 0o777))
            .tempfile_in(dir)
            // The temporary file's name is the tool's business: say what is
            // wrong with the folder the user named.
            .map_err(|e| {
                let why = match e.kind() {
                    std::io::ErrorKind::NotFound => "its folder does not exist".to_string(),
                    std::io::ErrorKind::PermissionDenied => "its folder cannot be written to".to_string(),
                    kind => format!("cannot write in its folder: {kind}"),
                };
                std::io::Error::new(e.kind(), why)
            })?;
        Ok(AtomicFile { tmp, path: path.to_path_buf(), meta, mode })
    }

    /// Where the content goes.
    pub fn file_mut(&mut self) -> &mut std::fs::File {
        self.tmp.as_file_mut()
    }

    /// Renames the complete file over `path`.
    pub fn commit(self) -> std::io::Result<()> {
        self.commit_checked(None)
    }

    /// [`AtomicFile::commit`] when `path` still holds `expected`, if given.
    fn commit_checked(self, expected: Option<&str>) -> std::io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let AtomicFile { tmp, path, meta, mode } = self;
        let path = path.as_path();
        if let Some(m) = &meta {
            use std::os::unix::fs::MetadataExt;
            // Keep the owner and group (root fixing a user's file), or refuse.
            let own = tmp.as_file().metadata()?;
            if (own.uid(), own.gid()) != (m.uid(), m.gid()) {
                std::os::unix::fs::fchown(tmp.as_file(), Some(m.uid()), Some(m.gid())).map_err(|_| {
                    std::io::Error::new(
                        std::io::ErrorKind::PermissionDenied,
                        format!("cannot keep its owner and group ({}:{})", m.uid(), m.gid()),
                    )
                })?;
            }
            // The umask applied at creation (and chown clears set-id bits): give
            // the exact mode back.
            tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        tmp.as_file().sync_all()?;
        if let Some(expected) = expected {
            // Last moment before the rename: still the file that was read,
            // with the bytes that were read. Opened without following a link
            // and without waiting on a FIFO, and read no further than the
            // text: a path swapped for a link to a FIFO or /dev/zero meanwhile
            // is a changed file, never a hang.
            if !still_holds(path, meta.as_ref(), expected).unwrap_or(false) {
                return Err(std::io::Error::other("the file changed while it was being fixed; run again"));
            }
        }
        // rename(2) replaces the name itself and never follows a link there; on
        // failure the temporary file is removed when `tmp` is dropped.
        tmp.persist(path).map(drop).map_err(|e| e.error)
    }
}

/// Whether `path` is still the regular file `meta` described (same device
/// and inode), holding exactly `expected`. Never follows a link at `path`,
/// never blocks on a FIFO, never reads past the expected length.
fn still_holds(path: &Path, meta: Option<&std::fs::Metadata>, expected: &str) -> std::io::Result<bool> {
    use std::io::Read;
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)?;
    let now = f.metadata()?;
    if !now.is_file() || now.len() != expected.len() as u64 {
        return Ok(false);
    }
    if meta.is_some_and(|m| (m.dev(), m.ino()) != (now.dev(), now.ino())) {
        return Ok(false);
    }
    let mut buf = Vec::with_capacity(expected.len());
    f.take(expected.len() as u64 + 1).read_to_end(&mut buf)?;
    Ok(buf == expected.as_bytes())
}

/// A unified diff of a fix, with the path as both names.
pub fn diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(
            &format!("a/{}", path.trim_start_matches('/')),
            &format!("b/{}", path.trim_start_matches('/')),
        )
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of thing the path may become between writing and the
    /// commit check: a link to a FIFO, to /dev/zero, to another file (each
    /// link's target as long as the text, so its size matches), a FIFO,
    /// another file of the same size. Each is refused at once.
    #[test]
    fn a_path_swapped_before_the_commit_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let other = dir.path().join("other.txt");
        let mkfifo = |p: &Path| {
            let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
            // SAFETY: a valid NUL-terminated path.
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        };
        let cases: [(&str, Option<&Path>); 5] = [
            ("link to a FIFO", Some(&fifo)),
            ("link to /dev/zero", Some(Path::new("/dev/zero"))),
            ("link to another file", Some(&other)),
            ("another file", None),
            ("a FIFO", None),
        ];
        for (what, target) in cases {
            let n = target.map_or(11, |t| t.as_os_str().len());
            let text = "x".repeat(n);
            std::fs::write(&other, "y".repeat(n)).unwrap();
            let path = dir.path().join("a.txt");
            let _ = std::fs::remove_file(&path);
            std::fs::write(&path, &text).unwrap();
            let mut file = AtomicFile::create(&path).unwrap();
            file.file_mut().write_all(b"fixed\n").unwrap();
            std::fs::remove_file(&path).unwrap();
            match (what, target) {
                (_, Some(t)) => std::os::unix::fs::symlink(t, &path).unwrap(),
                ("a FIFO", None) => mkfifo(&path),
                _ => {
                    std::fs::copy(&other, &path).unwrap();
                }
            }
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let _ = tx.send(file.commit_checked(Some(&text)).is_err());
            });
            let refused = rx.recv_timeout(std::time::Duration::from_secs(5));
            assert_eq!(refused, Ok(true), "{what}");
        }
    }

    #[test]
    fn fixing_twice_changes_nothing() {
        let reg = Registry::builtin();
        let text = "Caf\u{e9}\u{a0}au lait. .\nGo To Source\n";
        let doc = Document::new("t.txt", text);
        let first = engine::check_document(&reg, &doc);
        let (safe, n) = fix_text(&reg, "t.txt", text, &first, false);
        assert_eq!(safe, "Caf\u{e9} au lait.\nGo To Source\n");
        assert_eq!(n, 2);
        let (all, _) = fix_text(&reg, "t.txt", text, &first, true);
        assert_eq!(all, "Caf\u{e9} au lait.\n");
        let again = engine::check_document(&reg, &Document::new("t.txt", all.as_str()));
        assert_eq!(fix_text(&reg, "t.txt", &all, &again, true).1, 0);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_replaced() {
        let dir = std::env::temp_dir().join(format!("scrapelint-changed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("a.txt");
        std::fs::write(&p, "old\nappended\n").unwrap();
        let e = write_fixed(&p, "new\n", "old\n").unwrap_err();
        assert!(e.to_string().contains("changed while it was being fixed"), "{e}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old\nappended\n");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file left");
        write_fixed(&p, "new\n", "old\nappended\n").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn finding_with(edits: Vec<Edit>) -> Finding {
        Finding {
            lint: 0,
            level: crate::level::Level::Warn,
            span: edits[0].span,
            message: String::new(),
            label: None,
            help: None,
            fix: Some(crate::finding::Fix {
                title: String::new(),
                applicability: Applicability::Safe,
                edits,
            }),
            related: Vec::new(),
        }
    }

    #[test]
    fn choosing_agrees_with_comparing_every_pair() {
        use crate::span::Span;
        // The quadratic rule this replaces, as the reference.
        fn reference(findings: &[Finding]) -> (Vec<&Edit>, usize) {
            let mut fixes: Vec<&crate::finding::Fix> =
                findings.iter().filter_map(|f| f.fix.as_ref()).collect();
            fixes.sort_by_key(|x| x.edits.iter().map(|e| (e.span.start, e.span.end)).min());
            let (mut taken, mut count): (Vec<&Edit>, usize) = (Vec::new(), 0);
            for fix in fixes {
                if !fix.edits.iter().any(|e| taken.iter().any(|t| clashes(&e.span, &t.span))) {
                    taken.extend(fix.edits.iter());
                    count += 1;
                }
            }
            (taken, count)
        }
        let mut rng = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: u64| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % n) as usize
        };
        for _ in 0..300 {
            let findings: Vec<Finding> = (0..next(30) + 1)
                .map(|_| {
                    let edits = (0..next(3) + 1)
                        .map(|_| {
                            let a = next(40);
                            Edit::delete(Span::new(a, a + next(4)))
                        })
                        .collect();
                    finding_with(edits)
                })
                .collect();
            let (a, n) = choose(&findings, false);
            let (b, m) = reference(&findings);
            assert_eq!(n, m);
            let spans = |v: Vec<&Edit>| v.iter().map(|e| (e.span.start, e.span.end)).collect::<Vec<_>>();
            assert_eq!(spans(a), spans(b));
        }
    }

    #[test]
    fn choosing_among_many_fixes_is_not_quadratic() {
        use crate::span::Span;
        // 400k findings, a third clashing with a neighbour: the old pairwise
        // check took minutes here.
        let findings: Vec<Finding> = (0..400_000)
            .map(|i| {
                finding_with(vec![Edit::delete(Span::new(i * 3, i * 3 + 2 + (i % 3 == 0) as usize * 2))])
            })
            .collect();
        let started = std::time::Instant::now();
        let (edits, n) = choose(&findings, false);
        assert_eq!(edits.len(), n);
        assert!(n > 250_000 && n < 400_000, "{n}");
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }

    #[test]
    fn atomic_write_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("scrapelint-fix-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("a.txt");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o640);
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file left");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[cfg(test)]
mod guard_tests {
    use super::*;
    use crate::finding::Fix;
    use crate::level::Level;
    use crate::span::Span;

    fn finding(lint: usize, fix: Fix) -> Finding {
        let span = fix.edits[0].span;
        Finding {
            lint,
            level: Level::Warn,
            span,
            message: String::new(),
            label: None,
            help: None,
            fix: Some(fix),
            related: Vec::new(),
        }
    }

    #[test]
    fn no_safe_edit_inside_a_repair_the_run_holds_back() {
        let repair = |a, b| finding(0, Fix::unsafe_("repair", Edit::replace(Span::new(a, b), "é")));
        let safe = |lint, a, b| finding(lint, Fix::safe("tidy", Edit::replace(Span::new(a, b), "x")));
        // Inside, overlapping either end, or inserting at an end of lint 0's repair (4..8).
        for (a, b) in [(5, 6), (3, 5), (7, 9), (4, 4), (8, 8), (4, 8)] {
            assert_eq!(
                choose_findings(&[repair(4, 8), safe(1, a, b)], false),
                Vec::<usize>::new(),
                "{a}..{b}"
            );
        }
        // Beside it, the same lint's own safe edit, or a run applying the repair.
        assert_eq!(choose_findings(&[repair(4, 8), safe(1, 9, 10)], false), [1]);
        assert_eq!(choose_findings(&[repair(4, 8), safe(0, 5, 6)], false), [1]);
        assert_eq!(choose_findings(&[repair(4, 8), safe(1, 5, 6)], true), [0]);
        // Deleting (a whole line, say) is not a repair: it holds nothing back.
        let delete = finding(0, Fix::unsafe_("delete", Edit::delete(Span::new(0, 20))));
        assert_eq!(choose_findings(&[delete, safe(1, 5, 6)], false), [1]);
    }
}

#[cfg(test)]
mod tidy_tests {
    use super::*;
    use crate::span::Span;

    fn fix(text: &str, edits: &[(usize, usize, &str)]) -> String {
        let edits: Vec<Edit> = edits.iter().map(|&(s, e, r)| Edit::replace(Span::new(s, e), r)).collect();
        apply_tidy(text, edits.iter().collect())
    }

    #[test]
    fn deleted_lines_take_their_blank_lines_with_them() {
        let t = "Body one.\n\nAdvertisement\n\nBody two.\n";
        assert_eq!(fix(t, &[(11, 25, "")]), "Body one.\n\nBody two.\n");
        // Two deletions in a row, at the end: no blank line left behind.
        let t = "Body.\n\nGo To Source\n\nShare this\n";
        assert_eq!(fix(t, &[(7, 20, ""), (21, 32, "")]), "Body.\n");
        // At the start, and with CRLF.
        let t = "Advertisement\r\n\r\nBody.\r\n";
        assert_eq!(fix(t, &[(0, 15, "")]), "Body.\r\n");
        // A line emptied but not removed counts as deleted.
        let t = "A.\n\nAd\n\nB.\n";
        assert_eq!(fix(t, &[(4, 6, "")]), "A.\n\nB.\n");
        // Blank lines away from the edit stay.
        let t = "A.\n\n\nB.\nAd\nC.\n";
        assert_eq!(fix(t, &[(8, 11, "")]), "A.\n\n\nB.\nC.\n");
    }

    #[test]
    fn no_trailing_space_next_to_an_edit() {
        let t = "ended on Monday\u{a0}\nNext  \n";
        assert_eq!(fix(t, &[(15, 17, " ")]), "ended on Monday\nNext  \n");
        let t = "The end. Advertisement\n";
        assert_eq!(fix(t, &[(9, 22, "")]), "The end.\n");
    }
}
