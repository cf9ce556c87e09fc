//! scrapelint: a linter for text scraped from the web.
//!
//! The library finds and describes; it never prints. The command line
//! (`src/main.rs` and `src/cli.rs`, a front end built only into the binary)
//! is what writes to the terminal.
//!
//! Imports point one way, down these layers (`tests/layers.rs` checks it):
//! front ends (the binary's `cli`, `testing`) → runs and output (`session`, `render`) →
//! running (`engine`, `config`, `fix`, `baseline`) → `registry` → lints
//! (`lints`, `declarative`) → `lint` → analyses (`structure`, `stats`,
//! `corpus`) → reading (`walk`, `jsonl`) → text (`document`, `finding`,
//! `lang`, `words`, `file_error`) → leaves (`span`, `level`, `settings`,
//! `escape`, `fnv`, …).
//!
//! ```
//! use scrapelint::{engine, Document, Registry};
//! let registry = Registry::builtin();
//! let doc = Document::new("a.txt", "The talks ended. .\nGo To Source\n");
//! let findings = engine::check_document(&registry, &doc);
//! let names: Vec<&str> = findings.iter().map(|f| &*registry.info(f.lint).name).collect();
//! assert_eq!(names, ["stray-period", "source-link"]);
//! ```

// The library finds and describes; only the command line and `output`,
// which writes what front ends show, print.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod ascii_only;
pub mod baseline;
pub mod cache;
pub mod code;
pub mod config;
pub mod corpus;
pub mod declarative;
pub mod docs;
pub mod document;
pub mod engine;
pub mod escape;
pub mod file_error;
pub mod finding;
pub mod fix;
pub mod fnv;
pub mod hir_code;
pub mod jsonl;
pub mod lang;
pub mod level;
pub mod line_scan;
pub mod line_start;
pub mod lint;
pub mod lints;
pub mod literals;
pub mod output;
pub mod regex_text;
pub mod registry;
pub mod render;
pub mod session;
pub mod settings;
pub mod shadow;
pub mod span;
pub mod stats;
pub mod structure;
pub mod timings;
pub mod trust;
pub mod walk;
pub mod words;

#[doc(hidden)]
pub mod testing;

pub use document::Document;
pub use finding::{Applicability, Edit, Finding, Fix, Span};
pub use lint::{Category, Level, Lint, LintInfo};
pub use registry::Registry;
