//! From command-line paths to documents: walk folders in a stable order,
//! read each file once, and turn unreadable or non-text files into findings
//! or errors instead of panics.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::span::Span;

// Defined below walking, so that the JSONL reader needs nothing from here.
pub use crate::document::Loaded;
pub use crate::jsonl::JsonlOptions;

/// Something to lint.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    File {
        path: PathBuf,
        display: String,
    },
    Stdin {
        display: String,
    },
    /// Bytes already in memory (standard input read once, or a library caller's text).
    Bytes {
        display: String,
        bytes: std::sync::Arc<[u8]>,
    },
}

impl Input {
    pub fn display(&self) -> &str {
        match self {
            Input::File { display, .. } | Input::Stdin { display } | Input::Bytes { display, .. } => display,
        }
    }

    /// Standard input read into memory, so it can be read more than once;
    /// other inputs as they are. More than `max_bytes` is an error.
    pub fn buffered(self, max_bytes: u64) -> std::io::Result<Input> {
        match self {
            Input::Stdin { display } => {
                let mut bytes = Vec::new();
                read_capped(std::io::stdin().lock(), &mut bytes, max_bytes)?;
                Ok(Input::Bytes { display, bytes: bytes.into() })
            }
            other => Ok(other),
        }
    }
}

/// Options for finding files under folders.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// File extensions linted inside folders (files named directly always are);
    /// empty: every file.
    pub extensions: Vec<String>,
    /// Display name for standard input.
    pub stdin_name: String,
    /// Descend into symbolic links to folders (each folder once). Links to
    /// files are always followed.
    pub follow: bool,
    /// Skip what `.gitignore` (inside a git repository) and `.ignore` files
    /// exclude, in the folders walked and above them up to the repository's
    /// root. Files named directly are always taken.
    pub ignore_files: bool,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            extensions: vec!["txt".into()],
            stdin_name: "-".into(),
            follow: false,
            ignore_files: true,
        }
    }
}

impl WalkOptions {
    /// The extensions linted inside folders: those `given` (a leading dot
    /// dropped), or by default `txt`, and for JSON Lines `jsonl`, `jsonl.gz`
    /// and `jsonl.zst`.
    /// How a run walks folders: files with the `given` extensions (or the
    /// defaults of plain text or JSON Lines), standard input named
    /// `stdin_name` (`-` when not named), symbolic links to folders followed
    /// when `follow`, ignore files read.
    pub fn new(given: &[String], jsonl: bool, stdin_name: Option<&str>, follow: bool) -> WalkOptions {
        WalkOptions {
            extensions: WalkOptions::extensions_for(given, jsonl),
            stdin_name: stdin_name.unwrap_or("-").to_string(),
            follow,
            ignore_files: true,
        }
    }

    pub fn extensions_for(given: &[String], jsonl: bool) -> Vec<String> {
        match (given, jsonl) {
            ([], false) => vec!["txt".into()],
            ([], true) => vec!["jsonl".into(), "jsonl.gz".into(), "jsonl.zst".into()],
            (given, _) => given.iter().map(|e| e.trim_start_matches('.').to_string()).collect(),
        }
    }
}

/// `path` relative to the working folder when it is inside it, as given otherwise.
pub fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| std::fs::canonicalize(cwd).ok())
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// The largest ignore file used: its patterns compile to about 600 times
/// its size.
const IGNORE_FILE_BYTES: usize = 64 << 10;
/// The ignore files in force at once (those of the folders above the one
/// being walked) together.
const IGNORE_BYTES: usize = 256 << 10;

/// An ignore file's matcher and the bytes it was read from.
type Matcher = (ignore::gitignore::Gitignore, usize);

/// The ignore files of one folder (`.gitignore` when in a git repository,
/// then `.ignore`, which wins), or `None` when it has none. An ignore file
/// that is not a regular file is skipped; one larger than
/// [`IGNORE_FILE_BYTES`], or than the `left` of [`IGNORE_BYTES`], is not
/// used, and named in `errors` (its folder's files are then linted).
fn ignore_matcher(
    dir: &Path,
    git: bool,
    above: bool,
    left: usize,
    errors: &mut Vec<String>,
) -> Option<Matcher> {
    let mut b = ignore::gitignore::GitignoreBuilder::new(dir);
    let mut any = false;
    let mut bytes = 0;
    for name in [".gitignore", ".ignore"] {
        if name == ".gitignore" && !git {
            continue;
        }
        let path = dir.join(name);
        // Above the walked folder, an ignore file is used only when the
        // trust rule accepts it: one planted in a shared parent folder
        // would hide every file.
        if above && crate::trust::untrusted(&path).is_some() {
            continue;
        }
        let mut buf = Vec::new();
        let Ok(f) = open_regular(&path) else { continue };
        let max = IGNORE_FILE_BYTES.min(left.saturating_sub(bytes));
        if let Err(e) = read_capped(f, &mut buf, max as u64) {
            if matches!(e.get_ref().and_then(|e| e.downcast_ref::<Refusal>()), Some(Refusal::TooLarge(_))) {
                errors.push(format!(
                    "{}: ignore file not used: larger than {} KiB, or than what is left of the {} KiB that the ignore files in force at once may hold",
                    display_path(&path),
                    IGNORE_FILE_BYTES >> 10,
                    IGNORE_BYTES >> 10
                ));
            }
            continue;
        }
        bytes += buf.len();
        for line in String::from_utf8_lossy(&buf).lines() {
            if b.add_line(Some(path.clone()), line).is_ok() {
                any = true;
            }
        }
    }
    any.then(|| b.build().ok()).flatten().map(|m| (m, bytes))
}

/// Ignore files above a walked folder: from its repository's root (the
/// nearest folder above with `.git`) down to its parent, nearest last; and
/// whether it is in a git repository. Outside one, none.
fn ignore_ancestors(root: &Path, errors: &mut Vec<String>) -> (Vec<Matcher>, bool) {
    let Ok(abs) = std::fs::canonicalize(root) else { return (Vec::new(), false) };
    let Some(top) = abs.ancestors().find(|d| crate::trust::is_repo_root(d)) else {
        return (Vec::new(), false);
    };
    let mut dirs: Vec<&Path> = abs.ancestors().skip(1).take_while(|d| d.starts_with(top)).collect();
    dirs.reverse();
    let mut found: Vec<Matcher> = Vec::new();
    for d in dirs {
        let left = IGNORE_BYTES - found.iter().map(|m| m.1).sum::<usize>();
        found.extend(ignore_matcher(d, true, true, left, errors));
    }
    (found, true)
}

/// True when the matchers (nearest last) ignore `path`: the nearest that
/// says anything decides. `abs` is the path for matchers above the walk.
fn ignored(
    walked: &[Option<Matcher>],
    above: &[Matcher],
    path: &Path,
    abs: Option<&Path>,
    is_dir: bool,
) -> bool {
    for (m, _) in walked.iter().rev().flatten() {
        let r = m.matched(path, is_dir);
        if !r.is_none() {
            return r.is_ignore();
        }
    }
    if let Some(abs) = abs {
        for (m, _) in above.iter().rev() {
            let r = m.matched(abs, is_dir);
            if !r.is_none() {
                return r.is_ignore();
            }
        }
    }
    false
}

/// Expands the given paths: a file is taken as is, whatever its extension;
/// a folder is walked (sorted by name, hidden entries skipped) for files with
/// the wanted extensions; `-` is standard input. Links to folders are not
/// descended into unless `follow` (and then each folder once, however many
/// links lead to it); a file reached by several paths (links, or named twice)
/// is one input, under the first. Paths that cannot be read come back as
/// error messages, and the rest are still returned.
pub fn collect(paths: &[PathBuf], opts: &WalkOptions) -> (Vec<Input>, Vec<String>) {
    let (found, errors) = collect_with_ids(paths, opts);
    (found.into_iter().map(|(input, _)| input).collect(), errors)
}

/// [`collect`], with each file's [`Stamp`] (none for standard input), as
/// the walk found it: a caller comparing files, or looking them up in the
/// statistics cache, need not ask the file system again for each.
pub fn collect_with_ids(paths: &[PathBuf], opts: &WalkOptions) -> (Vec<(Input, Option<Stamp>)>, Vec<String>) {
    use std::os::unix::fs::MetadataExt;
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut seen_files = std::collections::HashSet::new();
    let mut seen_dirs = std::collections::HashSet::new();
    for root in paths {
        if root.as_os_str() == "-" {
            inputs.push((Input::Stdin { display: opts.stdin_name.clone() }, None));
            continue;
        }
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                errors.push(format!("{}: {}", display_path(root), io_message(&e)));
                continue;
            }
        };
        if !meta.is_dir() {
            if !meta.is_file() {
                // A FIFO blocks for ever, a device never ends: only `-` reads a stream.
                errors.push(format!(
                    "{}: not a regular file (a FIFO, device or socket); pipe it to `-` instead",
                    display_path(root)
                ));
                continue;
            }
            if seen_files.insert((meta.dev(), meta.ino())) {
                inputs.push((
                    Input::File { path: root.clone(), display: display_path(root) },
                    Stamp::of_metadata(&meta),
                ));
            }
            continue;
        }
        let mut walker = walkdir::WalkDir::new(root)
            .follow_links(opts.follow)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        // Ignore files: those above the root, and one matcher per folder
        // being walked (index: depth).
        let (above, git) =
            if opts.ignore_files { ignore_ancestors(root, &mut errors) } else { (Vec::new(), false) };
        let abs_root = if above.is_empty() { None } else { std::fs::canonicalize(root).ok() };
        let above_bytes: usize = above.iter().map(|m| m.1).sum();
        let mut walked: Vec<Option<Matcher>> = Vec::new();
        while let Some(entry) = walker.next() {
            let e = match entry {
                Ok(e) => e,
                Err(e) => {
                    let at = e.path().map(display_path).unwrap_or_else(|| display_path(root));
                    let msg = match e.io_error() {
                        Some(io) => io_message(io),
                        None => e.to_string(),
                    };
                    errors.push(format!("{at}: {msg}"));
                    continue;
                }
            };
            // The file or folder itself, through a link if it is one.
            let meta = match std::fs::metadata(e.path()) {
                Ok(m) => m,
                Err(err) if e.path_is_symlink() => {
                    errors.push(format!("{}: broken link: {}", display_path(e.path()), io_message(&err)));
                    continue;
                }
                Err(err) => {
                    errors.push(format!("{}: {}", display_path(e.path()), io_message(&err)));
                    continue;
                }
            };
            if opts.ignore_files {
                walked.truncate(e.depth());
                let abs = abs_root.as_ref().map(|a| a.join(e.path().strip_prefix(root).unwrap_or(e.path())));
                if e.depth() > 0 && ignored(&walked, &above, e.path(), abs.as_deref(), meta.is_dir()) {
                    if meta.is_dir() {
                        walker.skip_current_dir();
                    }
                    continue;
                }
            }
            if meta.is_dir() {
                // Reached twice (a "diamond" of links): its files are in already.
                if opts.follow && !seen_dirs.insert((meta.dev(), meta.ino())) {
                    walker.skip_current_dir();
                    continue;
                }
                if opts.ignore_files {
                    let alive = above_bytes + walked.iter().flatten().map(|m| m.1).sum::<usize>();
                    walked.push(ignore_matcher(
                        e.path(),
                        git,
                        false,
                        IGNORE_BYTES.saturating_sub(alive),
                        &mut errors,
                    ));
                }
                continue;
            }
            if !meta.is_file() {
                continue;
            }
            let p = e.path();
            // By the end of the name, so `jsonl.gz` works as an extension.
            let name = e.file_name().to_string_lossy().to_ascii_lowercase();
            let wanted = opts.extensions.is_empty()
                || opts.extensions.iter().any(|w| {
                    name.strip_suffix(&w.to_ascii_lowercase()).is_some_and(|stem| stem.ends_with('.'))
                });
            if wanted && seen_files.insert((meta.dev(), meta.ino())) {
                inputs.push((
                    Input::File { path: p.to_path_buf(), display: display_path(p) },
                    Stamp::of_metadata(&meta),
                ));
            }
        }
    }
    (inputs, errors)
}

/// `path` made absolute through links; one that does not exist (a
/// `--stdin-filename`) by its folder and name. `None` when neither resolves.
pub fn resolve(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::canonicalize(dir).ok().map(|d| d.join(name))
}

/// A path as shown to users and as documents are named: as given, `./`
/// dropped, with bytes that are not UTF-8 written `\xNN` and a backslash
/// doubled, so that two paths never share a name (`a\b.txt` is not
/// `a/b.txt`, nor `a\xFF` `a\xFE`): `--fix` finds each document's file by
/// its name, and writes the real path, never one decoded from the name.
pub fn display_path(p: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let bytes = p.as_os_str().as_bytes();
    let bytes = bytes.strip_prefix(b"./").unwrap_or(bytes);
    let mut s = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                s.push('\\');
            }
            s.push(c);
        }
        for b in chunk.invalid() {
            s.push_str(&format!("\\x{b:02X}"));
        }
    }
    s
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// How inputs are read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Decode invalid UTF-8 with U+FFFD and lint the rest (never fixed).
    pub lossy: bool,
    /// Read files as JSON Lines, one document per record.
    pub jsonl: Option<JsonlOptions>,
    /// The most bytes read from one input, after decompression: a larger
    /// file is an error naming it ([`DEFAULT_MAX_FILE_SIZE`] by default).
    pub max_bytes: u64,
}

impl ReadOptions {
    /// Files (with `jsonl`, records: the text and id fields) of at most
    /// `max_bytes`; invalid UTF-8 decoded with U+FFFD when `lossy`.
    pub fn new(max_bytes: u64, lossy: bool, jsonl: Option<(String, String)>) -> ReadOptions {
        let jsonl = jsonl.map(|(text_field, id_field)| JsonlOptions { text_field, id_field });
        ReadOptions { max_bytes, lossy, jsonl }
    }
}

/// The default size limit of one input, after decompression: 256 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 << 20;

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { lossy: false, jsonl: None, max_bytes: DEFAULT_MAX_FILE_SIZE }
    }
}

/// Parses a size: bytes, or a number with K, M, G (or KiB, MiB, GiB; powers of 1024).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits.parse().map_err(|_| format!("`{s}` is not a size (like 256M or 1G)"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        _ => return Err(format!("`{s}` is not a size (like 256M or 1G)")),
    };
    n.checked_mul(1 << shift).filter(|&n| n > 0).ok_or_else(|| format!("`{s}` is out of range"))
}

/// A size for messages: `256 MiB`, or bytes.
pub fn show_size(n: u64) -> String {
    match n {
        n if n >= 1 << 30 && n % (1 << 30) == 0 => format!("{} GiB", n >> 30),
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{} KiB", n >> 10),
        n => format!("{n} bytes"),
    }
}

/// Why an input is not read: over the size limit, or not a regular file.
#[derive(Debug)]
enum Refusal {
    TooLarge(u64),
    NotRegular,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::TooLarge(max) => {
                write!(
                    f,
                    "larger than the {} limit (after decompression; see --max-file-size)",
                    show_size(*max)
                )
            }
            Refusal::NotRegular => f.write_str("not a regular file (a FIFO, device or socket)"),
        }
    }
}

impl std::error::Error for Refusal {}

/// Reads all of `r` into `buf`, failing once it passes `max` bytes.
fn read_capped(r: impl Read, buf: &mut Vec<u8>, max: u64) -> std::io::Result<()> {
    let start = buf.len();
    r.take(max.saturating_add(1)).read_to_end(buf)?;
    if (buf.len() - start) as u64 > max {
        buf.truncate(start);
        return Err(std::io::Error::other(Refusal::TooLarge(max)));
    }
    Ok(())
}

/// Reads a file the run is told to use (a configuration, baseline or
/// statistics file) as text: a FIFO or a device is refused, not read for ever.
pub fn read_regular(path: &Path) -> std::io::Result<String> {
    let mut text = String::new();
    open_regular(path)?.read_to_string(&mut text)?;
    Ok(text)
}

/// Reads a file the run is told to use as bytes, failing past `max` bytes.
pub fn read_regular_bytes(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    let f = open_regular(path)?;
    // Sized from the start: a large file is held once, not grown into.
    let size = f.metadata().map_or(0, |m| m.len().min(max));
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    read_capped(f, &mut bytes, max)?;
    Ok(bytes)
}

/// Opens a file for reading without blocking on a FIFO, and refuses what is
/// not a regular file (it may have been swapped since the walk).
fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let f = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)?;
    let meta = f.metadata()?;
    if meta.is_dir() {
        return Err(std::io::Error::from_raw_os_error(libc::EISDIR));
    }
    if !meta.is_file() {
        return Err(std::io::Error::other(Refusal::NotRegular));
    }
    Ok(f)
}

/// How much of a file is looked at for a NUL byte, as git and ripgrep do.
const BINARY_SNIFF: usize = 8192;

/// Reads one input into its documents (one, or one per JSONL record),
/// reusing `buf` between calls. A JSON Lines input is read as
/// [`load_batches`] reads it, all batches kept: then `read.max_bytes` also
/// limits the whole file's records, which are all held, and reading stops
/// there (a related place read back from a shard, say).
pub fn load(input: &Input, buf: &mut Vec<u8>, read: &ReadOptions) -> Vec<Loaded> {
    if let Some(jsonl) = &read.jsonl {
        let mut all: Vec<Loaded> = Vec::new();
        let mut held = 0usize;
        let max = usize::try_from(read.max_bytes).unwrap_or(usize::MAX);
        load_batches_until(input, read, jsonl, BATCH_BYTES, |batch| {
            held = held.saturating_add(batch.iter().map(Loaded::heap_size).sum());
            if held > max {
                all = vec![Loaded::Error(format!(
                    "{}: {}",
                    input.display(),
                    Refusal::TooLarge(read.max_bytes)
                ))];
                return false;
            }
            all.extend(batch);
            true
        });
        return all;
    }
    buf.clear();
    let max = read.max_bytes;
    let result = match input {
        Input::File { path, .. } => open_regular(path).and_then(|f| read_capped(f, buf, max)),
        Input::Stdin { .. } => read_capped(std::io::stdin().lock(), buf, max),
        Input::Bytes { bytes, .. } => read_capped(&bytes[..], buf, max),
    };
    if let Err(e) = result {
        return vec![Loaded::Error(read_error(input, Compression::None, &e))];
    }
    if let Some(encoding) = utf16_bom(buf) {
        // Not a binary file to skip quietly: text this tool cannot read.
        return vec![Loaded::Error(format!("{}: {encoding} text; re-encode it as UTF-8", input.display()))];
    }
    vec![decode_with(input.display(), buf, read.lossy)]
}

/// What went wrong reading `input`, for an error naming it.
fn read_error(input: &Input, compression: Compression, e: &std::io::Error) -> String {
    let is_folder =
        e.raw_os_error() == Some(21) || matches!(input, Input::File { path, .. } if path.is_dir());
    let msg = if is_folder {
        "is a folder".to_string()
    } else if e.get_ref().is_some_and(|inner| inner.is::<Refusal>()) {
        e.to_string()
    } else if compression != Compression::None && e.raw_os_error().is_none() {
        format!("not valid {} data: {e}", compression.name())
    } else {
        io_message(e)
    };
    format!("{}: {msg}", input.display())
}

/// About how many bytes of records one JSON Lines batch holds.
pub const BATCH_BYTES: usize = 8 << 20;

/// Reads a JSON Lines input (plain, `.gz` or `.zst`, decompressed as it is
/// read) in batches of whole records, about [`BATCH_BYTES`] each, and hands
/// each batch's documents to `each`, in file order: memory stays near one
/// batch whatever the file's size, and each batch's records are parsed in
/// parallel. `read.max_bytes` limits each record, not the file: a longer
/// record is an error naming it, and the records after it are read. An
/// error reading the file (a damaged shard) ends it with a
/// [`Loaded::Error`] after the batches read before it.
pub fn load_batches(input: &Input, read: &ReadOptions, jsonl: &JsonlOptions, each: impl FnMut(Vec<Loaded>)) {
    load_batches_of(input, read, jsonl, BATCH_BYTES, each)
}

/// [`load_batches`] with batches of about `batch` bytes.
fn load_batches_of(
    input: &Input,
    read: &ReadOptions,
    jsonl: &JsonlOptions,
    batch: usize,
    mut each: impl FnMut(Vec<Loaded>),
) {
    load_batches_until(input, read, jsonl, batch, |b| {
        each(b);
        true
    })
}

/// [`load_batches`] until `wanted` returns false: reading (and
/// decompressing) stops there (the output was closed, say).
pub fn load_batches_while(
    input: &Input,
    read: &ReadOptions,
    jsonl: &JsonlOptions,
    wanted: impl FnMut(Vec<Loaded>) -> bool,
) {
    load_batches_until(input, read, jsonl, BATCH_BYTES, wanted)
}

/// [`load_batches_of`] until `each` returns false: reading (and
/// decompressing) stops there.
fn load_batches_until(
    input: &Input,
    read: &ReadOptions,
    jsonl: &JsonlOptions,
    batch: usize,
    mut wanted: impl FnMut(Vec<Loaded>) -> bool,
) {
    let stopped = std::cell::Cell::new(false);
    let mut each = |b: Vec<Loaded>| {
        if !stopped.get() {
            stopped.set(!wanted(b));
        }
    };
    let compression = match input {
        Input::File { path, .. } => Compression::of(path),
        _ => Compression::None,
    };
    let name: std::sync::Arc<str> = input.display().into();
    let max = usize::try_from(read.max_bytes).unwrap_or(usize::MAX);
    std::thread::scope(|scope| {
        // Reading and decompressing on a thread of its own, up to 16 chunks
        // of 1 MiB ahead, while the records read so far are parsed and handed on.
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(16);
        let producer = scope.spawn(move || -> std::io::Result<()> {
            let sink = ChannelWriter(tx);
            match input {
                Input::File { path, .. } => compression.copy(open_regular(path)?, sink),
                Input::Stdin { .. } => compression.copy(std::io::stdin().lock(), sink),
                Input::Bytes { bytes, .. } => compression.copy(&bytes[..], sink),
            }
        });
        let mut split =
            Batches { name: &name, jsonl, lossy: read.lossy, max, line: 1, skipping: false, scanned: 0 };
        let mut buf: Vec<u8> = Vec::with_capacity(batch + (1 << 20));
        let mut started = false;
        let mut refused = None;
        for chunk in rx.iter() {
            buf.extend_from_slice(&chunk);
            if !started {
                if buf.len() < 4 {
                    continue;
                }
                started = true;
                if let Some(encoding) = utf16_bom(&buf) {
                    refused = Some(format!("{name}: {encoding} text; re-encode it as UTF-8"));
                    break;
                }
                // A byte-order mark before the first record is the file's, not the record's.
                if buf.starts_with("\u{FEFF}".as_bytes()) {
                    buf.drain(..3);
                }
            }
            if buf.len() >= batch || split.skipping || buf.len() > max {
                split.hand_on(&mut buf, false, &mut each);
            }
            if stopped.get() {
                break;
            }
        }
        // The reading thread's next chunk finds no one to take it, and it stops.
        drop(rx);
        let produced = producer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        if stopped.get() {
            return;
        }
        match (refused, produced) {
            (Some(message), _) => each(vec![Loaded::Error(message)]),
            (None, Err(e)) => {
                // The whole records read before the damage, then where it stopped.
                split.hand_on(&mut buf, false, &mut each);
                each(vec![Loaded::Error(format!(
                    "{} (reading stopped after line {})",
                    read_error(input, compression, &e),
                    split.line.saturating_sub(1)
                ))]);
            }
            (None, Ok(())) => {
                if !started && utf16_bom(&buf).is_some() {
                    let encoding = utf16_bom(&buf).unwrap_or_default();
                    each(vec![Loaded::Error(format!("{name}: {encoding} text; re-encode it as UTF-8"))]);
                    return;
                }
                if !started && buf.starts_with("\u{FEFF}".as_bytes()) {
                    buf.drain(..3);
                }
                split.hand_on(&mut buf, true, &mut each);
            }
        }
    });
}

/// Cuts a JSON Lines stream into batches of whole lines ([`load_batches`]).
struct Batches<'a> {
    name: &'a std::sync::Arc<str>,
    jsonl: &'a JsonlOptions,
    lossy: bool,
    /// The most bytes one record may hold.
    max: usize,
    /// The line number of the first line in the buffer.
    line: u64,
    /// Passing over the rest of a record longer than `max`.
    skipping: bool,
    /// How much of the buffer is known to hold no line break: a long record
    /// arriving a chunk at a time is searched once, not once a chunk.
    scanned: usize,
}

impl Batches<'_> {
    /// Hands on the whole lines in `buf` (all of it at the `end`), and
    /// passes over a record longer than the limit.
    fn hand_on(&mut self, buf: &mut Vec<u8>, end: bool, each: &mut impl FnMut(Vec<Loaded>)) {
        loop {
            if self.skipping {
                match memchr::memchr(b'\n', buf) {
                    Some(i) => {
                        buf.drain(..=i);
                        self.skipping = false;
                        self.scanned = 0;
                        self.line += 1;
                    }
                    None => {
                        buf.clear();
                        self.scanned = 0;
                        return;
                    }
                }
            }
            // Whole lines up to the last line break (everything, at the end).
            let from = self.scanned.min(buf.len());
            let cut = match memchr::memrchr(b'\n', &buf[from..]) {
                _ if end => buf.len(),
                Some(i) => from + i + 1,
                None => 0,
            };
            self.scanned = if cut == 0 { buf.len() } else { 0 };
            // A record longer than the limit: the lines before it, an error
            // naming it, and on past it.
            // One pass over the line breaks: the first line longer than the
            // limit (its start, and the lines before it), and how many lines.
            let mut start = 0;
            let mut lines = 0u64;
            let mut first_long = None;
            for at in memchr::memchr_iter(b'\n', &buf[..cut])
                .chain((end && cut > 0 && buf[cut - 1] != b'\n').then_some(cut))
            {
                // A record's length without its `\r`; a blank line is skipped whatever its length.
                let line = &buf[start..at];
                let len = line.strip_suffix(b"\r").unwrap_or(line).len();
                if len > self.max && !line.iter().all(u8::is_ascii_whitespace) {
                    first_long = Some(start);
                    break;
                }
                start = at + 1;
                lines += 1;
            }
            if first_long.is_none() && !end && buf.len() - cut > self.max {
                first_long = Some(cut);
            }
            let upto = first_long.unwrap_or(cut);
            if upto > 0 {
                each(crate::jsonl::records_from(self.name, &buf[..upto], self.line, self.jsonl, self.lossy));
                self.line += lines;
                buf.drain(..upto);
                self.scanned = 0;
            }
            let Some(_) = first_long else { return };
            each(vec![Loaded::Error(format!(
                "{}#{}: record {}",
                self.name,
                self.line,
                Refusal::TooLarge(self.max as u64)
            ))]);
            self.skipping = true;
        }
    }
}

/// Chunks written to a channel: the reading thread's side of [`load_batches`].
struct ChannelWriter(std::sync::mpsc::SyncSender<Vec<u8>>);

impl std::io::Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.send(bytes.to_vec()).map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?;
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The encoding a UTF-16 or UTF-32 byte-order mark announces, if `bytes`
/// starts with one.
fn utf16_bom(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => Some("UTF-32 (little-endian)"),
        [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32 (big-endian)"),
        [0xFF, 0xFE, ..] => Some("UTF-16 (little-endian)"),
        [0xFE, 0xFF, ..] => Some("UTF-16 (big-endian)"),
        _ => None,
    }
}

/// Compressed JSONL shards, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    fn of(path: &Path) -> Compression {
        match path.extension().and_then(|e| e.to_str()) {
            Some("gz") => Compression::Gzip,
            Some("zst" | "zstd") => Compression::Zstd,
            _ => Compression::None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Compression::None => "",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }

    /// Decompresses all of `r` into `out`, in chunks of up to 1 MiB.
    fn copy(self, r: impl Read, out: impl std::io::Write) -> std::io::Result<()> {
        use std::io::Write;
        let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
        match self {
            Compression::None => std::io::copy(&mut std::io::BufReader::with_capacity(1 << 20, r), &mut out)?,
            Compression::Gzip => std::io::copy(&mut flate2::read::MultiGzDecoder::new(r), &mut out)?,
            Compression::Zstd => return copy_zstd(r, out),
        };
        out.flush()
    }
}

/// Decompresses every frame of a zstd stream (as `zstd -d` does: shards are
/// often concatenated), skipping skippable frames; anything after the last
/// frame that is not a frame is an error, not silently dropped.
fn copy_zstd(r: impl Read, mut out: impl std::io::Write) -> std::io::Result<()> {
    use ruzstd::decoding::errors::{FrameDecoderError, ReadFrameHeaderError};
    use std::io::BufRead;
    let bad = |e: String| std::io::Error::new(std::io::ErrorKind::InvalidData, e);
    let mut src = std::io::BufReader::new(r);
    let mut decoder = ruzstd::decoding::FrameDecoder::new();
    let mut frames = 0;
    while !src.fill_buf()?.is_empty() || frames == 0 {
        match ruzstd::decoding::StreamingDecoder::new_with_decoder(&mut src, &mut decoder) {
            Ok(mut frame) => {
                std::io::copy(&mut frame, &mut out)?;
                frames += 1;
            }
            Err(FrameDecoderError::ReadFrameHeaderError(ReadFrameHeaderError::SkipFrame {
                length, ..
            })) => {
                let skipped = std::io::copy(&mut (&mut src).take(u64::from(length)), &mut std::io::sink())?;
                if skipped < u64::from(length) {
                    return Err(bad("a skippable frame is cut short".into()));
                }
                // Only skippable frames so far: at the end, that is no data.
                if src.fill_buf()?.is_empty() && frames == 0 {
                    return Err(bad("no zstd frame".into()));
                }
            }
            Err(e) if frames > 0 => {
                return Err(bad(format!("data after frame {frames} is not a frame: {e}")))
            }
            Err(e) => return Err(bad(e.to_string())),
        }
    }
    out.flush()
}

/// Decodes bytes already read (also used for standard input and tests).
pub fn decode(name: &str, bytes: &[u8]) -> Loaded {
    decode_with(name, bytes, false)
}

/// [`decode`], optionally lossy for invalid UTF-8.
pub fn decode_with(name: &str, bytes: &[u8], lossy: bool) -> Loaded {
    if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        return Loaded::Binary { doc: Document::new(name, "") };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Loaded::Text(Document::new(name, text)),
        Err(e) => {
            let offset = e.valid_up_to();
            let span = Span::new(offset, offset + '\u{FFFD}'.len_utf8());
            if lossy {
                let text = String::from_utf8_lossy(bytes);
                // Each U+FFFD past the valid prefix stands for one bad sequence
                // (or was in the file: close enough for a count).
                let bad = text[offset..].matches('\u{FFFD}').count();
                return Loaded::Lossy { doc: Document::new(name, text).with_lossy(), offset, span, bad };
            }
            // Shown: the valid text and a replacement character where the bad bytes were.
            let mut shown = String::from_utf8_lossy(&bytes[..offset]).into_owned();
            let line_end =
                bytes[offset..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| offset + p);
            shown.push_str(&String::from_utf8_lossy(&bytes[offset..line_end]));
            Loaded::InvalidUtf8 { doc: Document::new(name, shown), offset, span }
        }
    }
}

/// A file changed less than this long before it was counted may change
/// again within its times' resolution without a trace: it is not cached.
pub const SETTLE: std::time::Duration = std::time::Duration::from_secs(2);

/// What identifies one state of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub(crate) size: u64,
    pub(crate) modified: (i64, i64),
    pub(crate) changed: (i64, i64),
    pub(crate) inode: u64,
    pub(crate) device: u64,
}

impl Stamp {
    /// The stamp of the regular file at `path` (links followed, as reading does).
    pub fn of(path: &Path) -> Option<Stamp> {
        Stamp::of_metadata(&std::fs::metadata(path).ok()?)
    }

    /// The stamp of a regular file from its metadata (none for another kind).
    #[cfg(unix)]
    pub fn of_metadata(m: &std::fs::Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        if !m.is_file() {
            return None;
        }
        Some(Stamp {
            size: m.len(),
            modified: (m.mtime(), m.mtime_nsec()),
            changed: (m.ctime(), m.ctime_nsec()),
            inode: m.ino(),
            device: m.dev(),
        })
    }

    /// Elsewhere, no stamp: nothing is cached.
    #[cfg(not(unix))]
    pub fn of_metadata(_m: &std::fs::Metadata) -> Option<Stamp> {
        None
    }

    /// The file's device and inode: which file it is, whatever its path.
    pub fn id(&self) -> (u64, u64) {
        (self.device, self.inode)
    }

    /// True when the file was last changed at least [`SETTLE`] before `now`
    /// (nanoseconds since the epoch): a file changed just before may change
    /// again within its times' resolution without a trace.
    pub fn settled(&self, now: i128) -> bool {
        let at = |(s, ns): (i64, i64)| i128::from(s) * 1_000_000_000 + i128::from(ns);
        at(self.modified).max(at(self.changed)) + SETTLE.as_nanos() as i128 <= now
    }

    pub fn size(&self) -> u64 {
        self.size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_at_the_limit_passes_with_crlf_and_a_damaged_shard_keeps_what_it_read() {
        let jsonl = JsonlOptions::default();
        let read = |max| ReadOptions { lossy: false, jsonl: Some(jsonl.clone()), max_bytes: max };
        let record = "{\"text\": \"Talks ended.\"}";
        // At the limit with `\r\n`; a blank line longer than the limit is no record.
        let text = format!("{record}\r\n{}\n{record}\n", " ".repeat(100));
        let input = Input::Bytes { display: "s.jsonl".into(), bytes: text.as_bytes().into() };
        let mut got = Vec::new();
        load_batches_of(&input, &read(record.len() as u64), &jsonl, 10, |b| got.extend(b));
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|l| matches!(l, Loaded::Text(_))));
        // A gzip shard cut short: the whole records before the damage, then the error.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        for i in 0..20_000 {
            std::io::Write::write_all(&mut gz, format!("{{\"text\": \"Record {i}.\"}}\n").as_bytes())
                .unwrap();
        }
        let bytes = gz.finish().unwrap();
        let cut = &bytes[..bytes.len() * 3 / 4];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cut.jsonl.gz");
        std::fs::write(&path, cut).unwrap();
        let input = Input::File { path, display: "cut.jsonl.gz".into() };
        let mut got = Vec::new();
        load_batches(&input, &read(1 << 20), &jsonl, |b| got.extend(b));
        let texts = got.iter().filter(|l| matches!(l, Loaded::Text(_))).count();
        let Some(Loaded::Error(e)) = got.last() else { panic!("no error at the end") };
        assert!(texts > 10_000, "{texts} records before the damage");
        assert!(e.contains(&format!("reading stopped after line {texts}")), "{e}");
    }

    #[test]
    fn batches_give_the_records_of_one_read_with_a_limit_per_record() {
        // Over 3 MiB, read in 1 MiB chunks: several batches. A byte-order
        // mark, blank lines, CRLF, and one record over the limit in between.
        let mut text = String::from("\u{FEFF}");
        for i in 0..20_000 {
            let line =
                format!("{{\"id\": {i}, \"text\": \"Record {i} of a shard, with some words in it.\"}}");
            text.push_str(&line);
            text.push_str(if i % 7 == 0 { "\r\n\n" } else { "\n" });
            if i == 12_345 {
                text.push_str(&format!("{{\"text\": \"{}\"}}\n", "a".repeat(5000)));
            }
        }
        let input = Input::Bytes { display: "s.jsonl".into(), bytes: text.as_bytes().into() };
        let jsonl = JsonlOptions::default();
        let read = ReadOptions { lossy: false, jsonl: Some(jsonl.clone()), max_bytes: 4096 };
        let mut batches = 0;
        let mut got = Vec::new();
        load_batches_of(&input, &read, &jsonl, 1000, |b| {
            batches += 1;
            got.extend(b)
        });
        assert!(batches >= 3, "{batches} batches");
        let unlimited = ReadOptions { max_bytes: 1 << 20, ..read.clone() };
        let whole = crate::jsonl::records("s.jsonl", text.as_bytes(), &jsonl, false);
        let show = |l: &Loaded| match l {
            Loaded::Text(d) => format!("{:?} {:?}", d.record(), d.text()),
            Loaded::Error(e) => e.clone(),
            _ => "other".into(),
        };
        let long_line = whole.iter().position(|l| show(l).contains(&"a".repeat(5000))).unwrap();
        let mut expected: Vec<String> = whole.iter().map(show).collect();
        let Loaded::Text(long) = &whole[long_line] else { panic!("the long record reads whole") };
        expected[long_line] = format!(
            "s.jsonl#{}: record larger than the 4 KiB limit (after decompression; see --max-file-size)",
            long.record().unwrap()
        );
        let same = |a: Vec<String>, b: Vec<String>| {
            let first = a.iter().zip(&b).position(|(x, y)| x != y);
            assert!(
                first.is_none() && a.len() == b.len(),
                "{} and {} records; first differing: {:?}",
                a.len(),
                b.len(),
                first.map(|i| (&a[i], &b[i]))
            );
        };
        same(got.iter().map(show).collect(), expected);
        // Without the record over the limit, the batches are the whole read.
        let mut all = Vec::new();
        load_batches_of(&input, &unlimited, &jsonl, 1000, |b| all.extend(b));
        same(all.iter().map(show).collect(), whole.iter().map(show).collect());
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        match decode("x", b"caf\xe9 au lait\nmore") {
            Loaded::InvalidUtf8 { offset, doc, span } => {
                assert_eq!(offset, 3);
                assert_eq!(doc.slice(span), "\u{FFFD}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn lossy_lints_the_rest() {
        match decode_with("x", b"caf\xe9 au lait\n\xff\xfe more", true) {
            Loaded::Lossy { offset, doc, span, bad } => {
                assert_eq!((offset, bad), (3, 3));
                assert_eq!(doc.slice(span), "\u{FFFD}");
                assert!(doc.text().ends_with(" more") && doc.is_lossy());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn sizes_parse_in_powers_of_1024() {
        assert_eq!(parse_size("256M"), Ok(256 << 20));
        assert_eq!(parse_size("1 GiB"), Ok(1 << 30));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("0").is_err() && parse_size("lots").is_err() && parse_size("99999999T").is_err());
        assert_eq!(show_size(DEFAULT_MAX_FILE_SIZE), "256 MiB");
    }

    #[test]
    fn nul_byte_is_binary() {
        assert!(matches!(decode("x", b"PNG\0\x01"), Loaded::Binary { .. }));
        assert!(matches!(decode("x", b""), Loaded::Text(_)));
    }
}
