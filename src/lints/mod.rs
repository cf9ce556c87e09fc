//! Code lints: one file each, one line here.

mod bidi_control;
mod byte_order_mark;
mod capitals_headline;
pub(crate) mod chars;
mod comment_thread;
mod control_char;
mod dangling_fragment;
mod dateline;
mod duplicate_paragraph;
mod glued_sentence;
mod html_entity;
pub(crate) mod inconsistent_name;
mod input;
mod link_list;
mod lone_counter;
mod mixed_script;
pub(crate) mod mojibake;
#[rustfmt::skip]
mod mojibake_tables;
mod non_nfc;
mod odd_space;
mod page_chrome;
mod related_link;
mod related_teasers;
pub(crate) mod repeated_line;
mod replacement_char;
mod soft_hyphen;
mod stray_period;
mod stripped_apostrophe;
mod stripped_quote;
mod unknown_name_variant;
mod unrelated_insertion;
pub(crate) mod words;
mod zero_width_char;

use crate::lint::Lint;

pub use input::{BinaryFile, InvalidRecord, InvalidUtf8};

/// Every code lint, in the order `scrapelint rules` lists them.
pub fn all() -> Vec<Box<dyn Lint>> {
    vec![
        Box::<input::InvalidUtf8>::default(),
        Box::<input::BinaryFile>::default(),
        Box::<input::InvalidRecord>::default(),
        Box::<stray_period::StrayPeriod>::default(),
        Box::<link_list::LinkList>::default(),
        Box::<page_chrome::PageChrome>::default(),
        Box::<lone_counter::LoneCounter>::default(),
        Box::<comment_thread::CommentThread>::default(),
        Box::<related_teasers::RelatedTeasers>::default(),
        Box::<capitals_headline::CapitalsHeadline>::default(),
        Box::<related_link::RelatedLink>::default(),
        Box::<unrelated_insertion::UnrelatedInsertion>::default(),
        Box::<repeated_line::RepeatedLine>::default(),
        Box::<duplicate_paragraph::DuplicateParagraph>::default(),
        Box::<inconsistent_name::InconsistentName>::default(),
        Box::<unknown_name_variant::UnknownNameVariant>::default(),
        Box::<glued_sentence::GluedSentence>::default(),
        Box::<dateline::Dateline>::default(),
        Box::<dangling_fragment::DanglingFragment>::default(),
        Box::<stripped_apostrophe::StrippedApostrophe>::default(),
        Box::<stripped_quote::StrippedQuote>::default(),
        Box::<odd_space::OddSpace>::default(),
        Box::<zero_width_char::ZeroWidthChar>::default(),
        Box::<bidi_control::BidiControl>::default(),
        Box::<control_char::ControlChar>::default(),
        Box::<replacement_char::ReplacementChar>::default(),
        Box::<byte_order_mark::ByteOrderMark>::default(),
        Box::<soft_hyphen::SoftHyphen>::default(),
        Box::<mojibake::Mojibake>::default(),
        Box::<non_nfc::NonNfc>::default(),
        Box::<mixed_script::MixedScript>::default(),
        Box::<html_entity::HtmlEntity>::default(),
    ]
}
