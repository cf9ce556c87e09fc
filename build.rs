//! Embeds every `lints/<category>/<name>.toml` into the binary, sorted, so a
//! new data lint needs no Rust edit; and lays the compressed English word
//! list out as a sorted table, so a run looks words up without building a set.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::Path;

// The gates of the built-in data lints are found here, once, by the code
// that finds a user's lint's gate when it is read.
#[allow(dead_code)]
#[path = "src/literals.rs"]
mod literals;

// So are the shadows of their line patterns (src/shadow.rs), their cheap prefilters.
#[allow(dead_code)]
#[path = "src/shadow.rs"]
mod shadow;

// And their variants for text all in ASCII (src/ascii_only.rs), which a run
// would otherwise find by parsing each pattern twice.
#[allow(dead_code)]
#[path = "src/ascii_only.rs"]
mod ascii_only;

// Both are also written as trees (src/hir_code.rs), which a run compiles
// without parsing the text.
#[allow(dead_code)]
#[path = "src/hir_code.rs"]
mod hir_code;

// Both write their patterns short (src/regex_text.rs).
#[allow(dead_code)]
#[path = "src/regex_text.rs"]
mod regex_text;

fn main() {
    embed_lints();
    word_table();
    version();
}

/// `SCRAPELINT_VERSION`: the package's version and, built from a git
/// checkout, the commit and its date (`0.1.0 (1a2b3c4 2026-12-07)`), so a
/// bug report names the code it ran. Without git (a source archive), the
/// version alone.
fn version() {
    let dir = manifest_dir();
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(&dir)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let version = env::var("CARGO_PKG_VERSION").unwrap();
    let full = match (git(&["rev-parse", "--short=7", "HEAD"]), git(&["log", "-1", "--format=%cs"])) {
        (Some(commit), Some(date)) => format!("{version} ({commit} {date})"),
        _ => version,
    };
    println!("cargo:rustc-env=SCRAPELINT_VERSION={full}");
    // A new commit or branch changes the version.
    if let Some(head) = git(&["rev-parse", "--git-path", "HEAD"]) {
        println!("cargo:rerun-if-changed={}", dir.join(&head).display());
        if let Some(reference) = git(&["symbolic-ref", "-q", "HEAD"]) {
            if let Some(r) = git(&["rev-parse", "--git-path", &reference]) {
                println!("cargo:rerun-if-changed={}", dir.join(r).display());
            }
        }
    }
}

/// `data/english-words.txt.gz` as `english_words.txt` (the words, sorted by
/// bytes, each followed by a newline) and `english_words.idx` (where each
/// word starts, as little-endian `u32`, then the text's length): the list is
/// searched in place, with nothing to decompress or hash when a run starts.
fn word_table() {
    let gz = manifest_dir().join("data/english-words.txt.gz");
    println!("cargo:rerun-if-changed={}", gz.display());
    let mut text = String::new();
    flate2::read::GzDecoder::new(fs::File::open(&gz).expect("data/english-words.txt.gz"))
        .read_to_string(&mut text)
        .expect("the word list decompresses");
    let mut words: Vec<&str> = text.lines().collect();
    words.sort_unstable();
    words.dedup();
    let (mut table, mut starts) =
        (String::with_capacity(text.len()), Vec::with_capacity(4 * words.len() + 4));
    for w in &words {
        starts.extend_from_slice(&u32::try_from(table.len()).expect("the list is under 4 GB").to_le_bytes());
        table.push_str(w);
        table.push('\n');
    }
    starts.extend_from_slice(&u32::try_from(table.len()).expect("the list is under 4 GB").to_le_bytes());
    let out = env::var("OUT_DIR").unwrap();
    fs::write(Path::new(&out).join("english_words.txt"), table).unwrap();
    fs::write(Path::new(&out).join("english_words.idx"), starts).unwrap();
}

fn embed_lints() {
    let root = manifest_dir().join("lints");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    if let Ok(cats) = fs::read_dir(&root) {
        for cat in cats.flatten() {
            if !cat.path().is_dir() {
                continue;
            }
            println!("cargo:rerun-if-changed={}", cat.path().display());
            for f in fs::read_dir(cat.path()).unwrap().flatten() {
                let p = f.path();
                if p.extension().is_some_and(|e| e == "toml") {
                    files.push((
                        cat.file_name().to_string_lossy().into_owned(),
                        p.file_stem().unwrap().to_string_lossy().into_owned(),
                        p,
                    ));
                }
            }
        }
    }
    files.sort();
    let mut out = String::from(
        "/// Every built-in data lint ([`BuiltIn`]).\n\
         pub static EMBEDDED: &[BuiltIn] = &[\n",
    );
    for (cat, name, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let table = fs::read_to_string(path).ok().and_then(|src| src.parse::<toml::Table>().ok());
        // As `DataLint::anchored_pattern` writes a line pattern; a test checks they agree.
        let anchored = table
            .as_ref()
            .filter(|t| t.get("kind").and_then(|k| k.as_str()) == Some("line"))
            .and_then(|t| t.get("pattern")?.as_str())
            .map(|p| format!(r"(?mR)\A[^\S\r\n]*(?P<line>(?:{p}))[^\S\r\n]*\z"));
        let shadow = anchored.as_deref().and_then(shadow::pattern).map(|s| (s.pattern, s.marks));
        let ascii = anchored.as_deref().and_then(ascii_only::variant);
        // Parsed as the run compiles each: the shadow as bytes without
        // Unicode, the ASCII variant as text.
        let shadow_code = shadow.as_ref().and_then(|(p, _)| tree_code(p, false));
        let ascii_code = ascii.as_deref().and_then(|p| tree_code(p, true));
        let gate = table
            .and_then(|t| {
                let pattern = t.get("pattern")?.as_str()?;
                // As `DataLint::parse` writes a line pattern; a test checks they agree.
                let full = match t.get("kind")?.as_str()? {
                    "line" => format!(r"(?mR)^[^\S\r\n]*(?P<line>(?:{pattern}))[^\S\r\n]*$"),
                    _ => pattern.to_string(),
                };
                Some(literals::required_source(&full))
            })
            .unwrap_or_else(|| "None".to_string());
        writeln!(
            out,
            "    BuiltIn {{ category: {cat:?}, name: {name:?}, source: include_str!({:?}), gate: {gate}, \
             shadow: {shadow:?}, ascii: {ascii:?}, shadow_tree: {}, ascii_tree: {} }},",
            path.display().to_string(),
            code_source(shadow_code.as_deref()),
            code_source(ascii_code.as_deref()),
        )
        .unwrap();
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("embedded_lints.rs"), out).unwrap();
}

/// The tree of `pattern` as `regex` parses it (with Unicode and UTF-8, or
/// neither), written with [`hir_code::encode`]; `None` where decoding would
/// not give back the same tree.
fn tree_code(pattern: &str, unicode: bool) -> Option<Vec<u8>> {
    let hir =
        regex_syntax::ParserBuilder::new().unicode(unicode).utf8(unicode).build().parse(pattern).ok()?;
    let code = hir_code::encode(&hir);
    (hir_code::decode(&code).as_ref() == Some(&hir)).then_some(code)
}

fn code_source(code: Option<&[u8]>) -> String {
    code.map_or_else(|| "None".to_string(), |c| format!("Some({})", hir_code::byte_string(c)))
}

/// The package's folder, read when the script runs: `env!` would bake in the
/// folder the script was compiled in, and a checkout moved or sharing its
/// target folder with another (worktrees) would read the wrong files.
fn manifest_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
}
