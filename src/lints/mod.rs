//! Code lints: one file each, one line in the `lints!` list below.
//!
//! Each entry `module: Type, ...;` declares the file `src/lints/module.rs`
//! and registers its lint types, in the order `scrapelint rules --format
//! json` lists them. A file in this folder that is neither listed here nor
//! one of the `HELPERS` fails `every_file_is_registered` below.

// Helpers the lints share; they declare no lint.
pub(crate) mod chars;
#[rustfmt::skip]
pub(crate) mod mojibake_tables;
pub(crate) mod mojibake_detect;
pub(crate) mod relevance;

/// The files in `src/lints/` that hold no lint (besides `mod.rs`).
#[cfg(test)]
const HELPERS: &[&str] = &["chars", "mojibake_detect", "mojibake_tables", "relevance"];

use crate::lint::Lint;

/// Declares each lint module and registers its lints, in one place.
macro_rules! lints {
    ($($module:ident : $($ty:ident),+ ;)*) => {
        $(pub(crate) mod $module;)*

        /// The modules that declare lints, as listed.
        #[cfg(test)]
        const MODULES: &[&str] = &[$(stringify!($module)),*];

        /// Every code lint, in the order `scrapelint rules --format json` lists them.
        pub fn all() -> Vec<Box<dyn Lint>> {
            vec![$($(Box::<$module::$ty>::default() as Box<dyn Lint>),+),*]
        }
    };
}

lints! {
    input: InvalidUtf8, BinaryFile, InvalidRecord;
    stray_period: StrayPeriod;
    link_list: LinkList;
    page_chrome: PageChrome;
    lone_counter: LoneCounter;
    slide_counter: SlideCounter;
    comment_thread: CommentThread;
    related_teasers: RelatedTeasers;
    teaser_run: TeaserRun;
    capitals_headline: CapitalsHeadline;
    related_link: RelatedLink;
    unrelated_insertion: UnrelatedInsertion;
    repeated_line: RepeatedLine;
    duplicate_paragraph: DuplicateParagraph;
    inconsistent_name: InconsistentName;
    unknown_name_variant: UnknownNameVariant;
    glued_sentence: GluedSentence;
    dateline: Dateline;
    dangling_fragment: DanglingFragment;
    stripped_apostrophe: StrippedApostrophe;
    stripped_quote: StrippedQuote;
    odd_space: OddSpace;
    zero_width_char: ZeroWidthChar;
    bidi_control: BidiControl;
    control_char: ControlChar;
    replacement_char: ReplacementChar;
    byte_order_mark: ByteOrderMark;
    soft_hyphen: SoftHyphen;
    mojibake: Mojibake;
    non_nfc: NonNfc;
    mixed_script: MixedScript;
    html_entity: HtmlEntity;
}

pub use input::{BinaryFile, InvalidRecord, InvalidUtf8};

#[cfg(test)]
mod tests {
    use super::{HELPERS, MODULES};

    /// A lint file that is not in the `lints!` list is never compiled: this
    /// names it instead of leaving it to a "no lint named …" panic.
    #[test]
    fn every_file_is_registered() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lints");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .filter(|m| m != "mod")
            .collect();
        files.sort();
        for m in &files {
            assert!(
                MODULES.contains(&m.as_str()) || HELPERS.contains(&m.as_str()),
                "src/lints/{m}.rs is not registered: add `{m}: TypeName;` to the `lints!` list in \
                 src/lints/mod.rs (or, if it declares no lint, add it to HELPERS there)"
            );
        }
        for m in MODULES.iter().chain(HELPERS) {
            assert!(files.contains(&m.to_string()), "src/lints/mod.rs lists `{m}`, which has no file");
        }
        for m in HELPERS {
            assert!(!MODULES.contains(m), "`{m}` is both a helper and a lint module");
        }
    }

    /// A module that declares two lints registers both. Each `declare_lint!`
    /// is read whole, however its lines are split; one whose name cannot
    /// be read fails the test rather than being skipped.
    #[test]
    fn every_declared_lint_is_registered() {
        let names: Vec<String> = super::all().iter().map(|l| l.info().name.to_string()).collect();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lints");
        let mut declared = 0;
        for m in MODULES {
            let src = std::fs::read_to_string(dir.join(format!("{m}.rs"))).unwrap();
            for (i, _) in src.match_indices("declare_lint! {") {
                declared += 1;
                // The macro's body without its doc comment, blanks folded.
                let body: String = src[i..]
                    .lines()
                    .skip(1)
                    .map(str::trim)
                    .filter(|l| !l.starts_with("///"))
                    .take_while(|l| *l != "}")
                    .collect::<Vec<_>>()
                    .join(" ");
                let body: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
                let name = body
                    .split_once("name = \"")
                    .and_then(|(_, rest)| rest.split_once('"'))
                    .map(|(name, _)| name)
                    .unwrap_or_else(|| {
                        panic!("src/lints/{m}.rs: a declare_lint! whose name cannot be read: {body}")
                    });
                assert!(
                    names.iter().any(|n| n == name),
                    "src/lints/{m}.rs declares `{name}` but the `lints!` list does not register it"
                );
            }
        }
        assert_eq!(declared, names.len(), "every registered lint is declared once");
    }
}
