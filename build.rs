//! Embeds every `lints/<category>/<name>.toml` into the binary, sorted, so a
//! new data lint needs no Rust edit.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lints");
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
    let mut out = String::from("/// (category, name, file contents) of every built-in data lint.\npub static EMBEDDED: &[(&str, &str, &str)] = &[\n");
    for (cat, name, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(out, "    ({cat:?}, {name:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("embedded_lints.rs"), out).unwrap();
}
