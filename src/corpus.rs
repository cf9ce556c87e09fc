//! What corpus lints read ([`crate::lint::Lint::check_corpus`]): the
//! statistics of the whole corpus, the user's settings, and the texts of the
//! documents at hand. Below the engine, which makes it, and the lints, which
//! read it.

use std::collections::HashMap;
use std::sync::Arc;

use crate::document::DocKey;
use crate::finding::Related;
use crate::settings::Settings;
use crate::span::Span;
use crate::stats::{Frozen, Place};

/// What corpus lints read: the statistics of the whole corpus, the user's
/// settings, and the texts of documents at hand (for drawing related places).
pub struct Corpus<'a> {
    pub stats: &'a Frozen,
    pub settings: &'a Settings,
    texts: &'a HashMap<DocKey, Arc<str>>,
}

impl<'a> Corpus<'a> {
    pub fn new(stats: &'a Frozen, settings: &'a Settings, texts: &'a HashMap<DocKey, Arc<str>>) -> Self {
        Corpus { stats, settings, texts }
    }

    /// A related place from the statistics, with its document's text when at hand.
    pub fn related(&self, place: &Place, label: impl Into<String>) -> Related {
        let key = self.stats.doc(place);
        let text = self.texts.get(&key).filter(|t| fits(t, place.span())).cloned();
        Related {
            path: key.path.clone(),
            record: key.record,
            text,
            span: place.span(),
            line: place.line as usize,
            column: place.column as usize,
            label: label.into(),
        }
    }
}

/// True when `span` can be drawn in `text` (the file may have changed since
/// the statistics were taken).
pub(crate) fn fits(text: &str, span: Span) -> bool {
    span.start <= span.end && text.get(span.start..span.end).is_some()
}
