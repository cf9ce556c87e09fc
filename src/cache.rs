//! The statistics cache: each corpus file's share of the line and name
//! statistics ([`DocPart`]), kept between runs in one file of a cache
//! folder (`.scrapelint_cache/` beside the configuration, or
//! `--cache-dir`), so that a run that lints a few files against a large
//! corpus (a commit's) counts the corpus without reading it.
//!
//! Each part carries the file's [`Digest`]: a cryptographic hash of its
//! text, so it stands for that text and no other. A file the cache saw as it
//! is now (the same path, size, modification and change times, inode and
//! device, as git's index checks) is not even read: its part is taken by
//! its path. Any other file is read; in a cache the user named
//! ([`CacheDir::named`]) its digest finds its part if the cache has one,
//! wherever and whenever it was made: after a checkout, a rename, or in a
//! cache restored from elsewhere (a CI cache). A cache found beside the
//! configuration may have come with the files, so it is matched by stamp
//! alone, which no file it did not see can have. A file too recent to tell
//! apart from its next edit by its stamp (changed within [`SETTLE`] of
//! being counted) is kept by its digest alone. So findings are those of a
//! run without the cache, always.
//!
//! The folder is trusted as a configuration is ([`crate::trust`]): it is
//! not a link, and belongs to the user or root with no one else able to
//! write to it; otherwise the cache is neither read nor written, with a
//! note. The file is read within a size budget and checked as it is read:
//! a damaged one (a run killed while writing cannot make one: the file is
//! written beside and renamed into place) is ignored with a note, and a
//! damaged part is a file to read. Two runs at once each write a whole file;
//! the last one's stays. Only the files of the latest run are kept: the
//! parts of files gone or changed are dropped when it is written.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::stats::codec::{Reader, Writer};
use crate::stats::part::DocPart;
pub use crate::walk::Stamp;

/// The first bytes of the cache file.
const MAGIC: &[u8] = b"scrapelint-cache\0";
/// The layout of the file and of its parts; a change makes old caches unread.
const FORMAT: u8 = 2;
/// The cache file in its folder.
const FILE: &str = "stats";
/// The largest cache file read: far above the parts of any corpus a commit
/// hook lints against (a quarter of its size), far below what would hurt.
pub const MAX_BYTES: u64 = 4 << 30;
pub use crate::walk::SETTLE;

/// A file's text as the cache knows it: the first half of its BLAKE3 hash.
/// A second text with the digest of a first would take about 2^128 tries,
/// two texts with one digest about 2^64.
pub type Digest = [u8; 16];

/// The [`Digest`] of `text`.
pub fn digest(text: &[u8]) -> Digest {
    let mut d = [0; 16];
    d.copy_from_slice(&blake3::hash(text).as_bytes()[..16]);
    d
}

/// A file's stamp in the cache file, if it has one: its size plus one
/// first (a zero is no stamp).
fn encode_stamp(s: Option<&Stamp>, w: &mut Writer) {
    let Some(s) = s else {
        w.num(0);
        return;
    };
    w.num(s.size.saturating_add(1));
    // Times before 1970 are rare enough to take ten bytes.
    for n in [s.modified.0, s.modified.1, s.changed.0, s.changed.1] {
        w.num(n as u64);
    }
    w.num(s.inode);
    w.num(s.device);
}

/// What [`encode_stamp`] wrote.
fn decode_stamp(r: &mut Reader<'_>) -> Result<Option<Stamp>, String> {
    let Some(size) = r.num()?.checked_sub(1) else { return Ok(None) };
    let mut t = [0i64; 4];
    for x in &mut t {
        *x = r.num()? as i64;
    }
    Ok(Some(Stamp { size, modified: (t[0], t[1]), changed: (t[2], t[3]), inode: r.num()?, device: r.num()? }))
}

/// Nanoseconds since the epoch, now.
pub fn now() -> i128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i128)
}

/// One file's part, as found in the cache file.
struct Entry {
    /// The file's stamp when its part was made or found, if it was settled.
    stamp: Option<Stamp>,
    digest: Digest,
    hash: u64,
    part: std::ops::Range<usize>,
}

/// A file's entry made in this run, to be written.
pub struct Fresh {
    pub path: String,
    /// Its stamp, when it is settled ([`Stamp::settled`]): then the next run
    /// need not read it.
    pub stamp: Option<Stamp>,
    pub digest: Digest,
    /// Its [`crate::fnv::content_hash`].
    pub hash: u64,
    pub part: Part,
}

/// The part of a [`Fresh`] entry.
pub enum Part {
    /// Made in this run, encoded ([`DocPart::encode`]).
    Made(Vec<u8>),
    /// The cache's part of this digest: the file was found by it.
    Found,
}

/// Where a run keeps its statistics cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheDir {
    pub path: PathBuf,
    /// Named by the user (`--cache-dir`, `SCRAPELINT_CACHE_DIR`), not found
    /// beside the configuration: only then are parts found by digest. A
    /// cache that came with the files (in an archive, a checkout, a copy)
    /// matches no file's stamp, so it cannot say what a file holds; one the
    /// user named is one the user vouches for.
    pub named: bool,
}

/// The cache of a run: what its folder held when the run began.
pub struct Cache {
    dir: PathBuf,
    /// What shapes the parts ([`Cache::key`]): a cache of another is empty.
    key: u64,
    bytes: Vec<u8>,
    entries: HashMap<String, Entry>,
    /// Whether parts are found by digest ([`CacheDir::named`]).
    named: bool,
    /// The path of an entry of each digest, made when a file is first
    /// looked up by digest (a warm run looks up none).
    by_digest: std::sync::OnceLock<HashMap<Digest, String>>,
}

impl Cache {
    /// What the parts depend on besides the files: this build, the longest
    /// line counted, and how files are read.
    pub fn key(line_max_chars: usize, max_bytes: u64, lossy: bool) -> u64 {
        let mut h = crate::fnv::Fnv::new();
        for b in env!("SCRAPELINT_VERSION").bytes().chain([FORMAT, u8::from(lossy)]) {
            h.byte(b);
        }
        for n in [line_max_chars as u64, max_bytes] {
            for b in n.to_le_bytes() {
                h.byte(b);
            }
        }
        h.finish()
    }

    /// The cache in `dir` for parts made with `key`: empty when there is
    /// none yet, or it is of another build or settings. `Err` says why the
    /// folder is not to be used at all (not trusted); a note says why what
    /// it held was not read.
    pub fn open(dir: &CacheDir, key: u64) -> Result<(Cache, Option<String>), String> {
        Cache::open_within(dir, key, MAX_BYTES)
    }

    /// [`Cache::open`], reading a cache file of at most `max` bytes (a run
    /// bounds it by its corpus: the parts of a corpus are a fraction of it).
    pub fn open_within(dir: &CacheDir, key: u64, max: u64) -> Result<(Cache, Option<String>), String> {
        let (named, dir) = (dir.named, dir.path.as_path());
        let mut cache = Cache {
            dir: dir.to_path_buf(),
            key,
            bytes: Vec::new(),
            entries: HashMap::new(),
            named,
            by_digest: std::sync::OnceLock::new(),
        };
        match std::fs::symlink_metadata(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((cache, None)),
            Err(e) => return Err(format!("cache folder {}: {e}", dir.display())),
            Ok(m) if !m.is_dir() => return Err(format!("cache folder {}: not a folder", dir.display())),
            Ok(_) => {}
        }
        trusted(dir)?;
        let file = dir.join(FILE);
        match std::fs::symlink_metadata(&file) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((cache, None)),
            Ok(m) if m.is_file() && crate::trust::untrusted(&file).is_none() && !private(&m) => {
                return Ok((
                    cache,
                    Some(format!(
                        "cache {}: others may read it, so it is not one scrapelint wrote (a cache \
                         checked out from a repository is not believed); not read",
                        file.display()
                    )),
                ))
            }
            Ok(m) if m.is_file() && crate::trust::untrusted(&file).is_none() => {}
            _ => {
                return Ok((
                    cache,
                    Some(format!("cache {}: not a file of this user; not read", file.display())),
                ))
            }
        }
        let bytes = match read_no_follow(&file, max.min(MAX_BYTES)) {
            Ok(b) => b,
            Err(e) => return Ok((cache, Some(format!("cache {}: {e}; not read", file.display())))),
        };
        match index(&bytes, key) {
            Ok(Some(entries)) => {
                cache.bytes = bytes;
                cache.entries = entries;
                Ok((cache, None))
            }
            Ok(None) => Ok((cache, None)),
            Err(e) => Ok((cache, Some(format!("cache {}: {e}; not read", file.display())))),
        }
    }

    /// How many files' parts it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether [`Cache::find`] can find a part: the cache was named by the
    /// user and holds parts.
    pub fn finds_by_digest(&self) -> bool {
        self.named && !self.entries.is_empty()
    }

    fn by_digest(&self) -> &HashMap<Digest, String> {
        self.by_digest.get_or_init(|| self.entries.iter().map(|(p, e)| (e.digest, p.clone())).collect())
    }

    /// The paths of the files it has parts of.
    pub fn paths(&self) -> impl Iterator<Item = &str> + '_ {
        self.entries.keys().map(String::as_str)
    }

    /// The key of the cache file in `dir` ([`Cache::key`]), if it has one:
    /// what a tool that adds to it must write.
    pub fn key_in(dir: &Path) -> Option<u64> {
        let bytes = read_no_follow(&dir.join(FILE), MAX_BYTES).ok()?;
        let rest = bytes.strip_prefix(MAGIC)?;
        Reader::new(rest.get(1..)?).u64().ok()
    }

    /// The content hash and part of the file `path` as `stamp` finds it,
    /// with the lines and names `line` and `name` accept
    /// ([`DocPart::decode_where`]), when the cache has it; `None` for a file
    /// it has not, or had in another state, or whose part is damaged.
    pub fn get(
        &self,
        path: &str,
        stamp: &Stamp,
        line: impl Fn(u64) -> bool,
        name: impl Fn(&str) -> bool,
    ) -> Option<(u64, DocPart<'_>)> {
        let e = self.entries.get(path).filter(|e| e.stamp.as_ref() == Some(stamp))?;
        let part = DocPart::decode_where(&self.bytes[e.part.clone()], stamp.size, line, name).ok()?;
        Some((e.hash, part))
    }

    /// The content hash and part of a file of `len` bytes whose text has the
    /// digest `digest`, as [`Cache::get`] gives them, when the cache has a
    /// part of that text (of a file at any path, in any state) and was
    /// named by the user ([`CacheDir::named`]).
    pub fn find(
        &self,
        digest: &Digest,
        len: u64,
        line: impl Fn(u64) -> bool,
        name: impl Fn(&str) -> bool,
    ) -> Option<(u64, DocPart<'_>)> {
        if !self.named {
            return None;
        }
        let e = &self.entries[self.by_digest().get(digest)?];
        let part = DocPart::decode_where(&self.bytes[e.part.clone()], len, line, name).ok()?;
        Some((e.hash, part))
    }

    /// True when the cache's entry of `path` is of the text of digest
    /// `digest`, with the stamp `stamp`: it need not be written again.
    pub fn holds(&self, path: &str, digest: &Digest, stamp: Option<&Stamp>) -> bool {
        self.entries.get(path).is_some_and(|e| e.digest == *digest && e.stamp.as_ref() == stamp)
    }

    /// Writes the cache of this run: the parts of the files `kept` (those it
    /// used, by path) and the `fresh` ones, no other. Written to a new file
    /// beside the cache file and renamed onto it, so that a reader finds a
    /// whole file, old or new. Creates the folder, with a `.gitignore` that
    /// keeps it out of git and a `CACHEDIR.TAG` that keeps it out of backups.
    pub fn write(&self, kept: &[&str], fresh: &[Fresh]) -> Result<(), String> {
        // Sized once: the file is written whole, and held twice would be its
        // size twice more while it grows.
        let fresh: Vec<(&Fresh, &[u8])> = fresh
            .iter()
            .filter_map(|f| match &f.part {
                Part::Made(bytes) => Some((f, bytes.as_slice())),
                Part::Found => {
                    let e = &self.entries[self.by_digest().get(&f.digest)?];
                    Some((f, &self.bytes[e.part.clone()]))
                }
            })
            .collect();
        let room = self.bytes.len() + fresh.iter().map(|(f, p)| f.path.len() + p.len() + 80).sum::<usize>();
        let mut w = Writer { bytes: Vec::with_capacity(room + 64) };
        w.bytes.extend_from_slice(MAGIC);
        w.u8(FORMAT);
        w.u64(self.key);
        let old: Vec<(&str, &Entry)> =
            kept.iter().filter_map(|p| self.entries.get(*p).map(|e| (*p, e))).collect();
        w.num((old.len() + fresh.len()) as u64);
        let mut entry = |path: &str, stamp: Option<&Stamp>, digest: &Digest, hash: u64, part: &[u8]| {
            w.str(path);
            encode_stamp(stamp, &mut w);
            w.bytes.extend_from_slice(digest);
            w.u64(hash);
            w.num(part.len() as u64);
            w.bytes.extend_from_slice(part);
        };
        for (path, e) in old {
            entry(path, e.stamp.as_ref(), &e.digest, e.hash, &self.bytes[e.part.clone()]);
        }
        for (f, part) in fresh {
            entry(&f.path, f.stamp.as_ref(), &f.digest, f.hash, part);
        }
        let dir = &self.dir;
        let shown = |e: std::io::Error| format!("cache folder {}: {e}", dir.display());
        #[cfg(unix)]
        let made = {
            use std::os::unix::fs::DirBuilderExt;
            // Only the user: umask 000 or 002 would make a folder the next run must not trust.
            std::fs::DirBuilder::new().mode(0o700).create(dir)
        };
        #[cfg(not(unix))]
        let made = std::fs::create_dir(dir);
        match made {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                trusted(dir)?;
                // A folder of other files (`--cache-dir ~`) is not written to:
                // only this cache's own (its tag says so), or one that holds
                // nothing but the cache's names and no other file as `stats`.
                let tag = read_no_follow(&dir.join("CACHEDIR.TAG"), 4096).unwrap_or_default();
                let ours = tag == TAG.as_bytes();
                let list = std::fs::read_dir(dir).map_err(shown)?;
                let foreign = list.flatten().take(10_000).any(|e| {
                    let name = e.file_name();
                    let name = name.to_string_lossy();
                    !(OWN.contains(&&*name)
                        || name.starts_with(&format!(".{FILE}.")) && name.ends_with(".tmp"))
                });
                if !ours && foreign {
                    return Err(format!(
                        "cache folder {} holds files that are not scrapelint's cache; not written",
                        dir.display()
                    ));
                }
                if !ours
                    && std::fs::symlink_metadata(dir.join(FILE)).is_ok_and(|m| m.is_file())
                    && !read_no_follow(&dir.join(FILE), MAX_BYTES).is_ok_and(|b| b.starts_with(MAGIC))
                {
                    return Err(format!(
                        "cache {}: not a scrapelint cache; not replaced",
                        dir.join(FILE).display()
                    ));
                }
            }
            Err(e) => return Err(shown(e)),
        }
        // Written whatever a killed run left: each is written once, never over a file.
        for (name, text) in [
            (".gitignore", "# Made by scrapelint: the statistics cache stays out of git.\n*\n"),
            ("CACHEDIR.TAG", TAG),
        ] {
            match create_new(&dir.join(name), text.as_bytes()) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(shown(e)),
                _ => {}
            }
        }
        let tmp = dir.join(format!(".{FILE}.{}.{:x}.tmp", std::process::id(), self.key ^ nonce()));
        // A file of that name is another writer's: left alone.
        create_new(&tmp, &w.bytes).map_err(shown)?;
        std::fs::rename(&tmp, dir.join(FILE)).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            shown(e)
        })?;
        remove_stale_temporaries(dir);
        Ok(())
    }
}

/// A number that differs between runs and calls: two runs of one process
/// id (in two containers sharing the folder) write to different files.
fn nonce() -> u64 {
    static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let t =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    t ^ CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The folder's tag (<https://bford.info/cachedir/>): backups skip it, and
/// it tells this cache's folder from any other.
const TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n# scrapelint's statistics cache.\n";

/// The names of the cache folder's own files (besides its temporary ones).
const OWN: &[&str] = &[FILE, ".gitignore", "CACHEDIR.TAG"];

/// `Ok` when the cache folder `dir` may be used: it and the folder holding
/// it pass [`crate::trust::untrusted`] (no one else could swap the folder
/// for a link between the check and its use).
fn trusted(dir: &Path) -> Result<(), String> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    for (what, path) in [("cache folder", dir), ("folder of the cache", parent)] {
        if let Some(why) = crate::trust::untrusted(path) {
            return Err(format!("{what} {} not used: {why}", path.display()));
        }
    }
    Ok(())
}

/// Whether a file's mode lets only its owner near it, as scrapelint writes
/// the cache file. A file git checks out takes the umask's mode (0644 as a
/// rule), so a cache committed to a repository and checked out is not
/// believed: its parts would be found by the digests of the corpus's texts.
#[cfg(unix)]
fn private(m: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    m.mode() & 0o077 == 0
}

#[cfg(not(unix))]
fn private(_: &std::fs::Metadata) -> bool {
    true
}

/// Creates `path` (never through a link or over a file) holding `bytes`,
/// readable by the user only (the corpus's names are in it), flushed to
/// disk. If writing fails, the file it created is removed.
fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    let written = f.write_all(bytes).and_then(|()| f.sync_all());
    if written.is_err() {
        let _ = std::fs::remove_file(path);
    }
    written
}

/// Reads the regular file `path`, not through a link, up to `max` bytes.
fn read_no_follow(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let f = opts.open(path)?;
    let m = f.metadata()?;
    if !m.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    if m.len() > max {
        return Err(std::io::Error::other(format!("larger than {}", crate::walk::show_size(max))));
    }
    let mut bytes = Vec::with_capacity(m.len() as usize);
    f.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(std::io::Error::other(format!("larger than {}", crate::walk::show_size(max))));
    }
    Ok(bytes)
}

/// Removes what runs killed while writing left behind: temporary files of
/// the cache more than an hour old.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(list) = std::fs::read_dir(dir) else { return };
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for e in list.flatten().take(10_000) {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&format!(".{FILE}.")) && name.ends_with(".tmp") {
            let old = e.metadata().ok().and_then(|m| m.modified().ok()).is_some_and(|t| t < hour_ago);
            if old {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// The entries of a cache file, checked: `None` when it is of another
/// build or settings (a cache to replace, not a damaged one).
fn index(bytes: &[u8], key: u64) -> Result<Option<HashMap<String, Entry>>, String> {
    let Some(rest) = bytes.strip_prefix(MAGIC) else { return Err("not a scrapelint cache".into()) };
    let at = MAGIC.len();
    let mut r = Reader::new(rest);
    if r.u8()? != FORMAT || r.u64()? != key {
        return Ok(None);
    }
    // An entry takes 27 bytes at least: a count above what the file can
    // hold is a lie, and no table is sized by one.
    let n = r.len()?;
    if n > r.remaining() / 27 {
        return Err("damaged: more files than bytes".into());
    }
    let mut entries = HashMap::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        let path = r.str()?.to_string();
        let stamp = decode_stamp(&mut r)?;
        let mut digest = Digest::default();
        for b in &mut digest {
            *b = r.u8()?;
        }
        let hash = r.u64()?;
        let len = r.len()?;
        let start = at + r.position();
        r.skip(len)?;
        if entries.insert(path, Entry { stamp, digest, hash, part: start..start + len }).is_some() {
            return Err("damaged: a file listed twice".into());
        }
    }
    if !r.is_empty() {
        return Err("damaged: bytes after its end".into());
    }
    Ok(Some(entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(path: &Path) -> CacheDir {
        CacheDir { path: path.to_path_buf(), named: true }
    }

    fn stamp(size: u64) -> Stamp {
        Stamp { size, modified: (1, 2), changed: (3, 4), inode: 5, device: 6 }
    }

    /// The entry of `a.txt`, holding `text`, as a run makes it.
    fn fresh_of(text: &str) -> Fresh {
        Fresh {
            path: "a.txt".into(),
            stamp: Some(stamp(text.len() as u64)),
            digest: digest(text.as_bytes()),
            hash: 9,
            part: Part::Made(part_of(text)),
        }
    }

    fn part_of(text: &str) -> Vec<u8> {
        let doc = crate::document::Document::new("a.txt", text);
        let mut w = Writer::default();
        DocPart::of(&doc, 80).encode(&mut w);
        w.bytes
    }

    #[test]
    fn parts_written_are_read_back_for_the_same_file_only() {
        let dir = tempfile::tempdir().unwrap();
        let at = dir.path().join("c");
        let (cache, note) = Cache::open(&named(&at), 7).unwrap();
        assert!(cache.is_empty() && note.is_none());
        let text = "Sergei Ryabkov met Sergei Lavrov.\nShare this\n";
        let fresh = fresh_of(text);
        cache.write(&[], &[fresh]).unwrap();
        assert!(at.join(".gitignore").exists() && at.join("CACHEDIR.TAG").exists());
        let (cache, note) = Cache::open(&named(&at), 7).unwrap();
        assert!(note.is_none());
        let (hash, part) = cache.get("a.txt", &stamp(text.len() as u64), |_| true, |_| true).unwrap();
        assert_eq!(hash, 9);
        let mut names: Vec<&str> = part.names().collect();
        names.sort_unstable();
        assert_eq!(names, ["Lavrov", "Ryabkov", "Sergei", "Share"]);
        // Another state of the file, another file, another build.
        assert!(cache
            .get("a.txt", &Stamp { inode: 8, ..stamp(text.len() as u64) }, |_| true, |_| true)
            .is_none());
        assert!(cache.get("b.txt", &stamp(text.len() as u64), |_| true, |_| true).is_none());
        assert!(Cache::open(&named(&at), 8).unwrap().0.is_empty());
        // Found by its text at any path and stamp, and kept so, with no stamp.
        let d = digest(text.as_bytes());
        assert_eq!(cache.find(&d, text.len() as u64, |_| true, |_| true).unwrap().1, part);
        assert!(cache.find(&digest(b"other text"), 10, |_| true, |_| true).is_none());
        let found = Fresh { path: "b.txt".into(), stamp: None, digest: d, hash: 9, part: Part::Found };
        cache.write(&[], &[found]).unwrap();
        let (moved, _) = Cache::open(&named(&at), 7).unwrap();
        assert!(moved.get("b.txt", &stamp(text.len() as u64), |_| true, |_| true).is_none());
        assert_eq!(moved.find(&d, text.len() as u64, |_| true, |_| true).unwrap().1, part);
        // Not in a cache found beside the configuration: it may have come with the files.
        let (found, _) = Cache::open(&CacheDir { path: at.clone(), named: false }, 7).unwrap();
        assert!(found.find(&d, text.len() as u64, |_| true, |_| true).is_none());
        assert_eq!(moved.paths().collect::<Vec<_>>(), ["b.txt"]);
        // Kept by path, or dropped.
        cache.write(&["a.txt"], &[]).unwrap();
        assert_eq!(Cache::open(&named(&at), 7).unwrap().0.len(), 1);
        cache.write(&[], &[]).unwrap();
        assert!(Cache::open(&named(&at), 7).unwrap().0.is_empty());
    }

    /// Every cut and many changed bytes of a cache file: never a panic, and
    /// either a note or entries whose damaged parts are not returned.
    #[test]
    fn a_damaged_cache_file_is_a_note() {
        let dir = tempfile::tempdir().unwrap();
        let at = dir.path().join("c");
        let text = "Sergei Ryabkov met Sergei Lavrov.\nShare this\n";
        let fresh = fresh_of(text);
        Cache::open(&named(&at), 7).unwrap().0.write(&[], &[fresh]).unwrap();
        let whole = std::fs::read(at.join(FILE)).unwrap();
        for cut in 0..whole.len() {
            std::fs::write(at.join(FILE), &whole[..cut]).unwrap();
            let (cache, note) = Cache::open(&named(&at), 7).unwrap();
            assert!(cache.is_empty(), "cut at {cut}");
            assert!(note.is_some() || cut > MAGIC.len(), "cut at {cut}");
        }
        for i in 0..whole.len() {
            let mut bytes = whole.clone();
            bytes[i] ^= 0x55;
            std::fs::write(at.join(FILE), &bytes).unwrap();
            let (cache, _) = Cache::open(&named(&at), 7).unwrap();
            if let Some((_, part)) = cache.get("a.txt", &stamp(text.len() as u64), |_| true, |_| true) {
                assert!(part.spans().all(|s| s.start <= s.end && s.end <= text.len()));
            }
        }
    }

    /// A count of entries the file cannot hold is refused before any table
    /// is sized by it; a folder of other files is not written to.
    #[test]
    fn lies_and_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let at = dir.path().join("c");
        std::fs::create_dir(&at).unwrap();
        let mut w = Writer::default();
        w.bytes.extend_from_slice(MAGIC);
        w.u8(FORMAT);
        w.u64(7);
        w.num(500);
        w.bytes.resize(w.bytes.len() + 1000, 0);
        create_new(&at.join(FILE), &w.bytes).unwrap();
        let (cache, note) = Cache::open(&named(&at), 7).unwrap();
        assert!(cache.is_empty() && note.unwrap().contains("more files than bytes"));
        // Someone's folder with a file of the cache's name: neither replaced nor added to.
        let home = dir.path().join("home");
        std::fs::create_dir(&home).unwrap();
        std::fs::write(home.join(FILE), b"my notes").unwrap();
        let (cache, _) = Cache::open(&named(&home), 7).unwrap();
        assert!(cache.write(&[], &[]).unwrap_err().contains("not replaced"));
        std::fs::remove_file(home.join(FILE)).unwrap();
        std::fs::write(home.join("letter.txt"), b"dear").unwrap();
        assert!(cache.write(&[], &[]).is_err());
        assert_eq!(std::fs::read_dir(&home).unwrap().count(), 1);
        // Larger than the run allows: not read.
        let (cache, note) = Cache::open_within(&named(&at), 7, 100).unwrap();
        assert!(cache.is_empty() && note.unwrap().contains("larger than"));
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_folder_or_file_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        let at = dir.path().join("c");
        std::os::unix::fs::symlink(&elsewhere, &at).unwrap();
        assert!(Cache::open(&named(&at), 7).is_err());
        let cache = Cache::open(&named(&dir.path().join("none")), 7).unwrap().0;
        assert!(Cache { dir: at.clone(), ..cache }.write(&[], &[]).is_err());
        assert!(std::fs::read_dir(&elsewhere).unwrap().next().is_none(), "nothing written through the link");
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        std::fs::write(dir.path().join("secret"), b"scrapelint-cache\0").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret"), real.join(FILE)).unwrap();
        let (cache, note) = Cache::open(&named(&real), 7).unwrap();
        assert!(cache.is_empty() && note.is_some());
    }
}
