//! The structure pass: what each line of a document is, from its shape and
//! its place, not from its words.
//!
//! Extracted articles share a layout whatever the site: page chrome (menus,
//! section labels, tool links, dates) before the article, a body of
//! sentence-like paragraphs, then more chrome and often a reader-comment
//! thread. The pass describes every line with shallow features (words, share
//! of stop words in the document's language, sentence end, lower-case start,
//! a colon that introduces a list), finds the body as the run from the first
//! to the last "strong" sentence line, and classifies the rest by where it
//! stands. This is the idea behind jusText's and boilerpipe's shallow-text
//! classification, applied to extracted text instead of HTML.
//!
//! The lints that read it (`page-chrome`, `comment-thread`) share one
//! computation per document through [`crate::lint::Context::structure`].

use std::sync::LazyLock;

use regex::Regex;

use crate::document::Document;
use crate::lang::{key, Lang};
use crate::words::{content_words, known_share, words};

/// The shallow features of one line.
#[derive(Debug, Clone, Default)]
pub struct LineFeatures {
    /// The line without blanks, table pipes and a leading bullet.
    pub start: usize,
    pub end: usize,
    pub words: usize,
    /// Share of the words that are stop words of the document's language.
    pub stop: f32,
    /// Ends like a sentence (`.`, `!`, `?`, `…`, maybe before a closing quote).
    pub sentence_end: bool,
    /// Ends with a colon: introduces what follows.
    pub colon: bool,
    pub lower_start: bool,
    /// The next non-empty line starts in lower case and this one does not
    /// end a sentence: a hard-wrapped paragraph.
    pub continued: bool,
    /// Two commas or more: a list inside the line (names, places, scores).
    pub commas: bool,
    /// Nothing but blanks (a line without words, like `£70,995`, is not blank).
    pub blank: bool,
    /// Length in characters, without the blanks at the ends.
    pub chars: usize,
    /// Starts with two blanks or a tab: a new paragraph in wrapped text.
    pub indented: bool,
}

impl LineFeatures {
    pub fn is_empty(&self) -> bool {
        self.words == 0
    }

    /// A line of running prose: long, with stop words, and a sentence.
    pub fn is_strong(&self) -> bool {
        self.words >= 10 && self.stop >= 0.15 && (self.sentence_end || self.stop >= 0.25)
    }

    /// Sentence-shaped for the furniture rules: [`Self::is_weak`], except a
    /// line of three words or fewer followed by one in lower case (a menu of
    /// lower-case labels is no hard-wrapped paragraph).
    pub fn is_sentence(&self) -> bool {
        self.is_strong() || self.sentence_shape() || (self.continued && self.words > 3)
    }

    /// The shapes of a sentence other than going on into the next line.
    fn sentence_shape(&self) -> bool {
        (self.lower_start && self.words >= 4)
            || self.commas
            || (self.sentence_end && self.words >= 2)
            || (self.colon && self.words >= 3)
            || (self.words >= 6 && self.stop >= 0.2)
    }

    /// Sentence-shaped, though short: structure alone never flags it.
    pub fn is_weak(&self) -> bool {
        self.continued || self.sentence_shape()
    }
}

/// What the structure pass decided about a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Empty, or without words.
    Blank,
    /// The first line with words, when it stands before the body: the title.
    Title,
    /// Inside the body, or sentence-shaped outside it.
    Text,
    /// A short line without a sentence before the body starts.
    ChromeBefore,
    /// A short line without a sentence after the body ends.
    ChromeAfter,
    /// Furniture between the body's paragraphs: a box of links or tools
    /// the extractor kept inside the article.
    ChromeInside,
    /// Part of a reader-comment thread.
    Thread,
    /// A teaser for another article, under a list heading ("More from …",
    /// "Related stories") after the body.
    Related,
}

/// A document's structure, made when a lint first asks for it
/// ([`crate::lint::Context::structure`]) and shared by the lints of one
/// document check; dropped with the check.
#[derive(Default)]
pub struct Cache(std::sync::OnceLock<Structure>);

impl Cache {
    pub fn get(&self, doc: &Document) -> &Structure {
        self.0.get_or_init(|| crate::timings::step(crate::timings::Step::Structure, || Structure::of(doc)))
    }
}

/// The structure of one document.
#[derive(Debug, Clone)]
pub struct Structure {
    pub lang: Option<Lang>,
    pub features: Vec<LineFeatures>,
    pub roles: Vec<Role>,
    /// What made each line of furniture furniture (the chrome roles only).
    pub evidence: Vec<Option<Evidence>>,
    /// First and last line of the body (both inclusive).
    pub body: Option<(usize, usize)>,
    /// The first line of the comment thread, and the line that showed it.
    pub thread: Option<Thread>,
    /// Hard-wrapped text, paragraphs between blank lines (books, mail).
    pub wrapped: bool,
    /// The teasers for other articles under a list heading ([`Role::Related`]).
    pub related: Vec<Teasers>,
}

/// A block of teasers for other articles ([`Role::Related`] lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Teasers {
    /// First and last teaser line (both inclusive).
    pub first: usize,
    pub last: usize,
    pub shown_by: TeaserEvidence,
}

/// What makes a block teasers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeaserEvidence {
    /// A list heading ("More from …", "Related stories") on this line.
    Heading(usize),
    /// Three headline-shaped lines or more end the document.
    Headlines,
    /// Two headlines or more, each with a one-sentence blurb, end the document.
    Blurbs,
    /// A headline with a media tag (`[VIDEO]`, `(Photos)`).
    MediaTag,
}

/// What makes a line outside the body furniture by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A link, a web address, a handle or a copyright sign.
    Link,
    /// A breadcrumb (`News > World`) or a table row of page words.
    Breadcrumb,
    /// A publication or update stamp alone on its line.
    Stamp,
    /// Menu, section or tool words make up the line ("Home", "Health News").
    Label,
    /// In a list of short labels, between two lines with evidence: a menu.
    Menu,
    /// A line of short items between separators (`Home · News · Sport`),
    /// one of them or more the page's.
    MenuLine,
    /// "By NAME" above the body.
    Byline,
    /// A short line of a masthead: above a body that opens on its own
    /// headline, with only such lines before it.
    Masthead,
    /// No evidence of its own, between two lines that have some.
    Between,
}

impl Evidence {
    /// What the evidence is, for a message.
    pub fn describe(self) -> &'static str {
        match self {
            Evidence::Link => "a link",
            Evidence::Breadcrumb => "a breadcrumb",
            Evidence::Stamp => "a date stamp",
            Evidence::Label => "menu or section words",
            Evidence::Masthead => "a masthead above the headline",
            Evidence::MenuLine => "a menu line",
            Evidence::Byline => "a byline",
            Evidence::Menu => "in a menu of short labels",
            Evidence::Between => "between furniture lines",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Thread {
    pub start: usize,
    /// The header or comment-metadata line that starts the evidence.
    pub evidence: usize,
    /// How many header and metadata lines the thread has.
    pub signals: usize,
}

static COMMENT_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            \d+ \s+ (?:comments?|responses?|replies|reactions?|talkbacks?)
          | (?:reader \s+ | user \s+ | your \s+)? comments? (?:\s* \( \d+ \))?
          | comment \s* \( s \)
          | comment \s+ viewing \s+ options
          | (?:post|add|leave|write|submit) \s+ (?:a|your|new)? \s* (?:comment|reply|response)
          | discuss \s+ this \s+ (?:article|story|post)
          | join \s+ the \s+ (?:discussion|conversation)
          | have \s+ your \s+ say
          | comments \s+ from \s+ \w+ (?:\s+\w+)? \s+ readers
          | reader \s+ (?:reactions?|responses?)
          | (?:show|view|read|hide) \s+ (?:all \s+)? (?:\d+ \s+)? comments
        ) \s* :? $",
    )
    .unwrap()
});

static COMMENT_META: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?ix)^(?:
            (?:[-—–] \s*)? (?:posted|written|submitted|added) \s+ (?:by|on|at) \b .{0,80}
          | (?:reply|report (?:\s+ (?:abuse|this))?|recommend|permalink|flag \s+ (?:as|this))
            (?:\s* [|·] \s* \w+)*
        )$"#,
    )
    .unwrap()
});

/// "NAME wrote:": a quoted message, in a forum thread or inside an article
/// that quotes one. It goes on a thread, but never starts one.
static QUOTE_META: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?ix)^[^"“”‘’]{1,60} \s (?:wrote|says|said) (?:\s+ (?:on|at) \b [^"“”]{0,40})? \s* (?: : | \.\.\. | … )$"#,
    )
    .unwrap()
});

/// Whether `t` is a "NAME wrote:" line ([`QUOTE_META`]), asked only of
/// lines with one of its verbs.
fn quote_meta(t: &str) -> bool {
    (t.contains("wrote") || t.contains("said") || t.contains("says")) && QUOTE_META.is_match(t)
}

/// A date, time or year alone on a line (the stamp above a comment).
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            \d{1,2}:\d{2} (?::\d{2})? \s* (?:[ap]\.?m\.?)?
          | \d{4}
          | (?:\d{1,2} (?:st|nd|rd|th)? \s+)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?
            (?:\s+ \d{1,2} (?:st|nd|rd|th)?)? ,? \s+ \d{4}
            (?:,? \s+ (?:at \s+)? \d{1,2}:\d{2} \s* (?:[ap]\.?m\.?)?)?
        )$",
    )
    .unwrap()
});

/// A dateline alone on a line, before the body: `WASHINGTON (AP) --`.
static DATELINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z][A-Z .,'’-]+(?:\([^)]*\))?\s*(?::|--|—|―|-)$").unwrap());

/// Words of a page's furniture rather than of an article; they count on a
/// short line only (a menu item is one or two words; "per share" is not one).
static PAGE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:home|homepage|about \s+ us|contact|privacy|terms|sitemap|site \s+ map|search|log \s* in|sign \s* (?:in|up)
          |register|subscribe|newsletters?|rss|feeds?|e-?mail|print|share|bookmark|advertis\w*|copyright|rights \s+ reserved
          |faq|jobs|careers|classifieds|weather|archives?|more \s+ (?:news|stories|headlines)|headlines|top \s+ stories
          |related|popular|comments?|blogs?|video|photos?|galler(?:y|ies)|podcasts?|login|account|mobile|feedback
          |news|sports?|business|entertainment|world|politics|technology|tech|health|science|opinion|lifestyle|travel
          |editorials?|columnists?|obituaries|tools?|toolbox|close|menu|skip|navigation|topics|sections?|editions?
          |text \s+ size|font \s+ size|posted|updated|published|staff|reporter|correspondent|editor
          # German, French, Spanish, Italian, Dutch, Portuguese: the same furniture.
          |startseite|impressum|datenschutz\w*|kontakt|suche|anmelden|registrieren|abonnieren|teilen|drucken
          |mehr \s+ zum \s+ thema|weitere \s+ artikel|das \s+ könnte \s+ sie \s+ auch \s+ interessieren|kommentare?
          |nachrichten|wirtschaft|politik|kultur|ressorts?|themen|meistgelesen|anzeige|werbung|veröffentlicht|aktualisiert
          |accueil|recherche|connexion|abonnez-vous|partager|imprimer|à \s+ lire \s+ aussi|voir \s+ aussi|commentaires
          |actualités|mentions \s+ légales|publié|mis \s+ à \s+ jour|publicité
          |inicio|contacto|buscar|suscríbete|compartir|imprimir|noticias|deportes|comentarios|publicado|actualizado
          |lea \s+ también|te \s+ puede \s+ interesar|publicidad
          |condividi|stampa|notizie|commenti|pubblicato|aggiornato|delen|reacties|nieuws|compartilhar|notícias
          )\b",
    )
    .unwrap()
});

/// A link, an address, a handle, a copyright sign: page, whatever the length.
static LINKISH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)www\.|https?://|\.com\b|@\w|©").unwrap());

/// The words of a menu or tool bar, a narrower set than [`PAGE_WORDS`]:
/// enough to take a first line for furniture rather than the title.
static MENU_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:home|menu|search|log \s* in|sign \s* (?:in|up)|subscribe|skip \s+ to|navigation|you \s+ are \s+ here
          |galler(?:y|ies)|toolbox|print|e-?mail|share|register|contact \s+ us|about \s+ us)\b",
    )
    .unwrap()
});

/// A heading that announces a list of other articles.
static LIST_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:(?i:
            most \s+ (?:popular|read|viewed|shared|commented|emailed) (?:\s+ \S+){0,3}
          | (?:you|we \s+ think \s+ you) \s+ (?:may|might|will) \s+ (?:also \s+)? (?:like|enjoy|be \s+ interested \s+ in)
          | more \s+ (?:stories|news|articles|headlines|videos|from \s+ \S+ (?:\s+ \S+){0,3})
          | (?:related|latest|top|trending|popular|recommended|featured|sponsored)
            (?:\s+ (?:news|stories|articles|links|posts|reads|videos|content|headlines|coverage))?
          | editor'?s'? \s+ (?:picks?|choice)
          | what \s+ to \s+ (?:read|watch) \s+ next
          | around \s+ the \s+ web
          | from \s+ (?:our|the) \s+ partners
          | in \s+ case \s+ you \s+ missed \s+ it
          | (?:people|readers) \s+ who \s+ read \s+ this \s+ also \s+ read
          )
          | More (?:\s+ [A-Z][\w'’-]*){1,3}
        ) \s* :? $",
    )
    .unwrap()
});

/// A web address alone on its line.
static BARE_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^<?(?:https?://|www\.)[^\s<>]+>?$").unwrap());

/// An e-mail address: contact information, not a link or a handle.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+").unwrap());

/// A publication or update stamp: a date, maybe a time, after
/// "Posted"/"Updated"/"Published" or alone.
static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:(?:posted|updated|published|last \s+ (?:updated|modified)|created|modified|date)
              (?:\s+ (?:on|at))? \s* :? \s*)?
          (?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]* ,? \s+)?
          (?:\d{1,2} (?:st|nd|rd|th)? \s+ (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? ,? \s+ \d{4}
            | (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \s+ \d{1,2} (?:st|nd|rd|th)? ,? \s+ \d{4}
            | \d{4}-\d{2}-\d{2} | \d{1,2}[/.]\d{1,2}[/.]\d{2,4}
            | (?:\d+|an?) \s+ (?:sec|second|min|minute|hour|hr|day|week|month|year)s? \s+ ago)
          (?:,? \s* (?:at \s+)? \d{1,2}[:.]\d{2} (?::\d{2})? \s* (?:[ap]\.?m\.?)? \s* (?:[a-z]{2,4})?)?
          (?:\s* [|,-] .{0,80})? $",
    )
    .unwrap()
});

/// What a line says that a page's furniture does not: a price, a time of
/// day, a phone number, a postal code, a quantity, a question or its answer
/// (and, in [`informative`], an e-mail address). Such a line is
/// the article's (event information, schedules, Q&A), whatever its shape.
static INFORMATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
            [$£€¥]\s?\d | \d\s?(?:€|euros?\b|dollars\b|pounds\b|usd\b|eur\b|gbp\b|%)
          | \b\d{1,2} (?:[:.]\d{2})? \s? (?:am|pm|a\.m\.|p\.m\.|h\b|uhr\b)
          | \+?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}
          | \b\d+(?:[.,]\d+)? \s? (?:minutes?|mins?|hours?|hrs?|km|miles?|kg|lbs?|g|ml|cm|mm|m|ft|inches|seats?|tickets?|people|years?\s+old)\b
          | \b[A-Z]{2} \s+ \d{5} (?:-\d{4})? \b
        ",
    )
    .unwrap()
});

/// Lines without evidence of their own that may stand between two lines
/// with evidence and go with them.
const CHROME_GAP: usize = 2;

/// Furniture is shorter than this many characters, a menu on one line too.
const MAX_FURNITURE_CHARS: usize = 400;

/// Lines with evidence of their own that make furniture inside the body.
const INSIDE_MIN: usize = 2;

/// A menu: at least this many labels in a row...
const MENU_LIST: usize = 3;
/// ... of at most this many words each.
const MENU_LABEL_WORDS: usize = 3;
/// ... where this many labels without evidence may stand between two with.
const MENU_GAP: usize = 4;
/// ... or anywhere, when one label in this many has evidence of its own.
const MENU_SHARE: usize = 4;

/// "By NAME …" on a short line of its own: the article's byline.
static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:by)\s+(?:\p{Lu}[\p{L}'’.-]*|staff\b)(?:\s+\S+){0,7}$").unwrap());

/// The runs of `lines` (sorted line numbers) that stand together: no other
/// line with words between two of a run (blank lines aside).
fn runs<'a>(lines: &'a [usize], nonempty: &'a [usize]) -> impl Iterator<Item = &'a [usize]> + 'a {
    let place = move |i: usize| nonempty.partition_point(|&j| j < i);
    let mut k = 0;
    std::iter::from_fn(move || {
        if k >= lines.len() {
            return None;
        }
        let mut e = k + 1;
        while e < lines.len() && place(lines[e]) == place(lines[e - 1]) + 1 {
            e += 1;
        }
        let run = &lines[k..e];
        k = e;
        Some(run)
    })
}

/// A breadcrumb: `Home > News > Local`, two places or more between `>` or
/// `»`, four words at most each (French quotes « » are no breadcrumb).
fn breadcrumb(line: &str) -> bool {
    if line.contains('«') || !(line.contains(" > ") || line.contains(" » ")) {
        return false;
    }
    let items: Vec<&str> = line.split(['>', '»']).map(|p| p.trim().trim_matches('|').trim()).collect();
    items.len() >= 2 && items.iter().all(|p| !p.is_empty() && p.split_whitespace().count() <= 4)
}

/// A line of three short items or more (four words at most) between separators (`|`, `·`, `•`,
/// ` - `), one or more of them words of the page: a menu on one line.
fn menu_line(line: &str) -> bool {
    // Three items need two separators: most lines have none.
    let separators =
        line.chars().filter(|c| matches!(c, '|' | '·' | '•')).count() + line.matches(" - ").count();
    if separators < 2 {
        return false;
    }
    let items: Vec<&str> = line
        .split(['|', '·', '•'])
        .flat_map(|p| p.split(" - "))
        .map(|p| p.trim().trim_matches('\\').trim())
        .filter(|p| !p.is_empty())
        .collect();
    items.len() >= 3
        && items.iter().all(|p| p.split_whitespace().count() <= 4 && !p.ends_with(['.', '!', '?']))
        && items.iter().any(|p| PAGE_WORDS.is_match(p))
}

/// A question or its answer: `Q:`, `A.`, `Question:`.
static QA: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(?:q|a|question|answer)\s*[:.)]\s").unwrap());

fn informative(line: &str) -> bool {
    // Each pattern is asked only of the lines that hold what it needs: most
    // furniture has no digit and no `@`.
    let digits = line.bytes().any(|b| b.is_ascii_digit());
    // A question or an answer starts with its letter (`q` and `a` have no
    // other case forms).
    (digits && INFORMATION.is_match(line))
        || (matches!(line.as_bytes().first(), Some(b'q' | b'Q' | b'a' | b'A')) && QA.is_match(line))
        || (line.contains('@') && EMAIL.is_match(line))
}

/// A teaser shares at most this share of its content words with the article.
const TEASER_OVERLAP: f64 = 0.3;

/// How far apart two comment signals may be and still make one thread.
const THREAD_GAP: usize = 15;

/// The features of `line` (all ASCII when `ascii`; the caller knows it for
/// a whole document at once).
fn describe(line: &str, lang: Lang, ascii: bool) -> (usize, usize, LineFeatures) {
    // Strip blanks, table pipes and a leading bullet.
    let trimmed = line.trim();
    let ascii = ascii || trimmed.is_ascii();
    let base = line.len() - line.trim_start().len();
    let inner = trimmed.trim_start_matches('|');
    let mut start = base + (trimmed.len() - inner.len());
    let inner = inner.trim_end_matches('|');
    let inner2 = inner.trim_start();
    start += inner.len() - inner2.len();
    let mut s = inner2.trim_end();
    for bullet in ["- ", "• ", "* ", "· ", "► ", "» ", "– ", "— "] {
        if let Some(rest) = s.strip_prefix(bullet) {
            start += s.len() - rest.len();
            s = rest;
            let t = s.trim_start();
            start += s.len() - t.len();
            s = t;
            break;
        }
    }
    let end = start + s.len();
    // (`s` may be ASCII where the line is not: past a bullet `• `.)
    let (n, stop) = word_stats(s, lang, ascii || s.is_ascii());
    let last = s.trim_end_matches(['"', '”', '’', '\'', '»', ')', ']']);
    let f = LineFeatures {
        start,
        end,
        words: n,
        stop: if n == 0 { 0.0 } else { stop as f32 / n as f32 },
        sentence_end: last.ends_with(['.', '!', '?', '…']),
        colon: s.ends_with(':'),
        lower_start: s.chars().next().is_some_and(char::is_lowercase),
        continued: false,
        commas: memchr::memchr_iter(b',', s.as_bytes()).nth(1).is_some(),
        blank: trimmed.is_empty(),
        chars: if ascii { trimmed.len() } else { trimmed.chars().count() },
        indented: line.starts_with("  ") || line.starts_with('\t'),
    };
    (start, end, f)
}

/// What a line of furniture costs the body it would split: about one short
/// paragraph's words.
const CHROME_COST: i64 = 8;

/// The body: the run of lines where prose outweighs furniture most (the
/// largest-sum run, as in body-text extraction): a strong line adds its
/// words, a sentence-shaped or wordless line nothing, any other line takes
/// [`CHROME_COST`]. Trimmed to strong lines at both ends. `features` holds
/// at least one strong line.
fn densest_run(features: &[LineFeatures]) -> (usize, usize) {
    let score = |f: &LineFeatures| -> i64 {
        if f.is_strong() {
            f.words.min(200) as i64
        } else if f.is_empty() || f.is_weak() {
            0
        } else {
            -CHROME_COST
        }
    };
    let (mut best, mut best_run) = (i64::MIN, (0, 0));
    let (mut sum, mut start) = (0i64, 0usize);
    for (i, f) in features.iter().enumerate() {
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += score(f);
        if sum > best {
            best = sum;
            best_run = (start, i);
        }
    }
    let (mut a, mut b) = best_run;
    while a < b && !features[a].is_strong() {
        a += 1;
    }
    while b > a && !features[b].is_strong() {
        b -= 1;
    }
    (a, b)
}

/// Words in `s` and how many of them are stop words of `lang`. ASCII text
/// (`ascii`: most lines) takes a byte loop; other text the shared word splitter.
fn word_stats(s: &str, lang: Lang, ascii: bool) -> (usize, usize) {
    debug_assert_eq!(ascii, s.is_ascii());
    let (mut n, mut stop) = (0usize, 0usize);
    if !ascii {
        for (_, w) in words(s) {
            n += 1;
            if w.len() <= 6 && lang.is_stop(key(w)) {
                stop += 1;
            }
        }
        return (n, stop);
    }
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len()
            && (b[i].is_ascii_alphabetic()
                || (matches!(b[i], b'\'' | b'-') && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic)))
        {
            i += 1;
        }
        n += 1;
        if i - start <= 6 && lang.is_stop(key(&s[start..i])) {
            stop += 1;
        }
    }
    (n, stop)
}

/// Paragraphs between blank lines, when most lines belong to blocks of
/// several lines (books, mail).
fn blank_line_blocks(features: &[LineFeatures]) -> Option<Vec<std::ops::Range<usize>>> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < features.len() {
        if features[i].blank {
            i += 1;
            continue;
        }
        let start = i;
        while i < features.len() && !features[i].blank {
            i += 1;
        }
        blocks.push(start..i);
    }
    let lines: usize = blocks.iter().map(|b| b.len()).sum();
    let wrapped: usize = blocks.iter().filter(|b| b.len() > 1).map(|b| b.len()).sum();
    (blocks.iter().filter(|b| b.len() > 1).count() >= 3 && wrapped * 2 >= lines).then_some(blocks)
}

/// Paragraphs of text wrapped at a fixed width without blank lines between
/// them (newswire): most lines come close to the width, and most of those
/// do not end a sentence. A paragraph ends at a short line that ends a
/// sentence, at a blank line, or before an indented line.
fn width_blocks(features: &[LineFeatures]) -> Option<Vec<std::ops::Range<usize>>> {
    let mut lens: Vec<usize> = features.iter().filter(|f| !f.blank).map(|f| f.chars).collect();
    if lens.len() < 5 {
        return None;
    }
    lens.sort_unstable();
    let width = lens[lens.len() * 9 / 10];
    if !(30..=100).contains(&width) {
        return None;
    }
    let is_long = |f: &LineFeatures| !f.blank && f.chars * 10 >= width * 6;
    let long = features.iter().filter(|f| is_long(f)).count();
    let open = features.iter().filter(|f| is_long(f) && !f.sentence_end).count();
    let prose = features.iter().filter(|f| is_long(f) && f.stop >= 0.1).count();
    // Wrapping breaks sentences anywhere: the line after a long open line
    // often goes on in lower case. A list of short items does not.
    let runs_on =
        features.windows(2).filter(|w| is_long(&w[0]) && !w[0].sentence_end && w[1].lower_start).count();
    if long * 2 < lens.len() || open * 2 < long || prose * 10 < long * 6 || runs_on * 3 < open {
        return None;
    }
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    for (i, f) in features.iter().enumerate() {
        if f.blank || f.indented {
            if let Some(s) = start.take() {
                blocks.push(s..i);
            }
            if f.blank {
                continue;
            }
        }
        start.get_or_insert(i);
        // A short line ends its paragraph when it ends a sentence; one that
        // does not (a dateline cut off, a name) runs on into the next line.
        if f.chars * 10 < width * 7 && (f.sentence_end || f.colon) {
            blocks.push(start.take().unwrap()..i + 1);
        }
    }
    if let Some(s) = start {
        blocks.push(s..features.len());
    }
    Some(blocks)
}

/// Hard-wrapped text: every line of a paragraph gets the paragraph's
/// features, so a paragraph is judged as a whole.
fn paragraphs(features: &mut [LineFeatures]) -> bool {
    let Some(blocks) = blank_line_blocks(features).or_else(|| width_blocks(features)) else {
        return false;
    };
    for b in blocks.into_iter().filter(|b| b.len() > 1) {
        let words: usize = features[b.clone()].iter().map(|f| f.words).sum();
        let stop: f32 =
            features[b.clone()].iter().map(|f| f.stop * f.words as f32).sum::<f32>() / words.max(1) as f32;
        let last = features[b.end - 1].clone();
        let lower_start = features[b.start].lower_start;
        let commas = features[b.clone()].iter().any(|f| f.commas);
        for f in &mut features[b] {
            f.words = words;
            f.stop = stop;
            f.sentence_end = last.sentence_end;
            f.colon = last.colon;
            f.lower_start = lower_start;
            f.commas = commas;
        }
    }
    true
}

impl Structure {
    /// Runs the pass over `doc`, phase by phase: each line described
    /// ([`describe_lines`]), hard-wrapped paragraphs joined ([`paragraphs`],
    /// [`mark_continuations`]), then the comment thread ([`find_thread`]), the
    /// body ([`find_body`]), the title and the furniture around the body
    /// ([`mark_chrome`]) and the teaser block after it ([`related_block`]).
    pub fn of(doc: &Document) -> Structure {
        let n = doc.line_count();
        let lang = doc.lang();
        let mut st = Structure {
            lang,
            features: Vec::new(),
            roles: vec![Role::Blank; n],
            evidence: vec![None; n],
            body: None,
            thread: None,
            wrapped: false,
            related: Vec::new(),
        };
        let Some(lang) = lang else {
            for (i, role) in st.roles.iter_mut().enumerate() {
                if !doc.slice(doc.line_span(i)).trim().is_empty() {
                    *role = Role::Text;
                }
            }
            return st;
        };
        let mut features = describe_lines(doc, lang);
        st.wrapped = paragraphs(&mut features);
        mark_continuations(&mut features);
        let nonempty: Vec<usize> = (0..n).filter(|&i| !features[i].is_empty()).collect();
        for &i in &nonempty {
            st.roles[i] = Role::Text;
        }
        let lines = Lines { doc, features, nonempty };
        let Some(first_strong) = lines.nonempty.iter().copied().find(|&i| lines.features[i].is_strong())
        else {
            st.features = lines.features;
            return st;
        };
        st.thread = find_thread(&lines, first_strong);
        let end = st.thread.map_or(n, |t| t.start);
        if let Some(t) = st.thread {
            for (role, f) in st.roles[t.start..].iter_mut().zip(&lines.features[t.start..]) {
                *role = if f.blank { Role::Blank } else { Role::Thread };
            }
        }
        let body = find_body(&lines.features, end);
        st.body = Some(body);
        mark_chrome(&lines, body, end, &mut st.roles, &mut st.evidence);
        if let Some(h) = related_block(doc, &lines.features, &lines.nonempty, end) {
            let tail: Vec<usize> = lines.nonempty.iter().copied().filter(|&i| i > h && i < end).collect();
            for &i in &tail {
                st.roles[i] = Role::Related;
            }
            st.related.push(Teasers {
                first: tail[0],
                last: tail[tail.len() - 1],
                shown_by: TeaserEvidence::Heading(h),
            });
        }
        st.features = lines.features;
        st
    }
}

/// A document's lines as the later phases read them: their features, and
/// which of them have words.
struct Lines<'a> {
    doc: &'a Document,
    features: Vec<LineFeatures>,
    /// The lines with words, in order.
    nonempty: Vec<usize>,
}

impl Lines<'_> {
    /// Line `i` without blanks, table pipes and a leading bullet.
    fn text(&self, i: usize) -> &str {
        &self.doc.text()[self.features[i].start..self.features[i].end]
    }

    /// Line `i` as it stands, less its leading blanks.
    fn raw(&self, i: usize) -> &str {
        self.doc.slice(self.doc.line_span(i)).trim_start()
    }
}

/// The features of every line of `doc`, spans in document offsets.
fn describe_lines(doc: &Document, lang: Lang) -> Vec<LineFeatures> {
    let n = doc.line_count();
    let mut features = Vec::with_capacity(n);
    let ascii = doc.is_ascii();
    for i in 0..n {
        let span = doc.line_span(i);
        let (start, end, mut f) = describe(doc.slice(span), lang, ascii);
        f.start = span.start + start;
        f.end = span.start + end;
        features.push(f);
    }
    features
}

/// Hard-wrapped paragraphs: a line that does not end a sentence, followed by
/// one that starts in lower case, goes on into it; and the tail of such a
/// sentence (a line in lower case that ends one, after a line that does not:
/// "share.") is part of it too.
fn mark_continuations(features: &mut [LineFeatures]) {
    let mut next: Option<usize> = None;
    for i in (0..features.len()).rev() {
        let cont = next.is_some_and(|j| features[j].lower_start) && !features[i].sentence_end;
        features[i].continued = cont;
        if !features[i].is_empty() {
            next = Some(i);
        }
    }
    let mut prev_open = false;
    for f in features.iter_mut().filter(|f| !f.is_empty()) {
        if prev_open && f.lower_start && f.sentence_end {
            f.continued = true;
        }
        prev_open = !f.sentence_end;
    }
}

/// The comment thread: the first header or metadata line after the body
/// starts (after `first_strong`) that has another such signal close after it.
/// Date or time lines just above it (the first comment's stamp) belong to it.
fn find_thread(lines: &Lines<'_>, first_strong: usize) -> Option<Thread> {
    let features = &lines.features;
    let signals: Vec<usize> = lines
        .nonempty
        .iter()
        .copied()
        .filter(|&i| i > first_strong)
        .filter(|&i| features[i].words <= 16 && features[i].end - features[i].start <= 160)
        .filter(|&i| {
            let t = lines.text(i);
            COMMENT_HEADER.is_match(t) || COMMENT_META.is_match(t) || quote_meta(t)
        })
        .collect();
    for (k, &i) in signals.iter().enumerate() {
        // A quoted message ("Maria wrote:") goes on a thread, never starts one.
        if quote_meta(lines.text(i)) {
            continue;
        }
        let close = signals[k + 1..].iter().take_while(|&&j| j - i <= THREAD_GAP).count();
        // A header alone ("3 Comments", "Leave a comment") starts a thread
        // when readers' voices follow it: lines in the first or second
        // person that quote no one.
        let voiced = COMMENT_HEADER.is_match(lines.text(i)) && readers_follow(lines, i);
        if close >= 1 || voiced {
            let mut start = i;
            while start > first_strong + 1 && {
                let p = start - 1;
                features[p].is_empty() || STAMP.is_match(lines.text(p))
            } {
                start -= 1;
            }
            return Some(Thread { start, evidence: i, signals: signals.len() - k });
        }
    }
    None
}

/// Lines a reader writes: "I", "my", "you", "thanks", with no quotation
/// marks and no "said" (an article quoting someone).
static VOICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:i|i'm|i’m|i've|i’ve|i'd|my|me|you|your|you're|you’re|thanks|thank\s+you|great\s+(?:post|article|piece|read))\b")
        .unwrap()
});

/// How many of the lines after a comment header must be in a reader's voice...
const VOICES: usize = 2;
/// ... among this many lines with words.
const VOICE_WINDOW: usize = 5;

/// Whether lines in a reader's voice follow the comment header on line `h`:
/// the first line with words after it, and [`VOICES`] of the next
/// [`VOICE_WINDOW`].
fn readers_follow(lines: &Lines<'_>, h: usize) -> bool {
    let voice = |i: usize| {
        let t = lines.text(i);
        VOICE.is_match(t) && !t.contains(['"', '“', '”']) && !t.contains(" said") && !t.contains(" says")
    };
    let after: Vec<usize> = lines.nonempty.iter().copied().filter(|&i| i > h).take(VOICE_WINDOW).collect();
    after.first().is_some_and(|&i| voice(i)) && after.iter().filter(|&&i| voice(i)).count() >= VOICES
}

/// The body among the lines before `end`: the [`densest_run`], going on over
/// sentence-shaped lines after its last strong one, and over a list
/// introduced by a colon.
fn find_body(features: &[LineFeatures], end: usize) -> (usize, usize) {
    let (b0, mut b1) = densest_run(&features[..end]);
    let mut i = b1 + 1;
    while i < end {
        if features[i].is_empty() {
            i += 1;
            continue;
        }
        if !features[i].is_weak() {
            break;
        }
        b1 = i;
        i += 1;
        if features[b1].colon {
            while i < end && !features[i].is_empty() && features[i].words <= 25 {
                b1 = i;
                i += 1;
            }
        }
    }
    (b0, b1)
}

/// The title, and the furniture before and after the body `(b0, b1)` among
/// the lines before `end`: sets their roles.
fn mark_chrome(
    lines: &Lines<'_>,
    (b0, b1): (usize, usize),
    end: usize,
    roles: &mut [Role],
    evidence: &mut [Option<Evidence>],
) {
    let features = &lines.features;
    let nonempty = &lines.nonempty;
    let line_text = |i: usize| lines.text(i);
    let page_words = |i: usize| -> usize {
        PAGE_WORDS.find_iter(line_text(i)).map(|m| m.as_str().split_whitespace().count()).sum()
    };
    // A table row of page words: a short one with one, a longer one
    // mostly of them.
    let table_label = |i: usize| {
        let n = features[i].words;
        let page = page_words(i);
        (n <= 6 && page >= 1) || (n <= 12 && page * 2 > n)
    };
    let is_menu = |i: usize| {
        let raw = lines.raw(i);
        raw.starts_with('|')
            || breadcrumb(raw)
            || LINKISH.is_match(line_text(i))
            || MENU_WORDS.is_match(line_text(i))
    };
    // The first line is the title, unless it is itself furniture (a menu,
    // a breadcrumb) in a run of it.
    let first = nonempty[0];
    // A section label ("Health News") is furniture too: a few words, all
    // of them the page's.
    let label = |i: usize| {
        let n = features[i].words;
        n <= 4 && page_words(i) >= n
    };
    // When the body opens on a headline (no sentence end, twenty words
    // at most, the article's first paragraph right after it) and only
    // short lines without a sentence stand before it, those lines are
    // the page's masthead and labels, the first one too.
    let after_b0 = nonempty.iter().copied().find(|&i| i > b0);
    let masthead = first < b0
        && !features[b0].sentence_end
        && !features[b0].continued
        && !line_text(b0).ends_with([')', ']'])
        && features[b0].words <= 20
        && after_b0.is_some_and(|i| features[i].is_strong() && features[i].sentence_end)
        && nonempty
            .iter()
            .take_while(|&&i| i < b0)
            .all(|&i| !features[i].is_strong() && !features[i].is_weak())
        && nonempty.iter().take_while(|&&i| i < b0).count() >= 2;
    let first_is_page =
        first < b0 && !features[first].is_strong() && (masthead || is_menu(first) || label(first));
    if first < b0 && !first_is_page {
        roles[first] = Role::Title;
    }
    // Chrome: lines outside the body that are not sentences, carry no
    // information of their own (prices, times, phone numbers, questions
    // and answers) and stand in runs of such lines. Every line flagged has
    // evidence of its own, or sits between two that have, no more than
    // [`CHROME_GAP`] lines apart: one line of furniture never vouches for
    // the lines after it.
    let stamp = |i: usize| {
        let t = line_text(i);
        (t.bytes().any(|b| b.is_ascii_digit()) || t.contains("ago"))
            && (STAMP.is_match(t) || PUBLISHED.is_match(t))
    };
    // A breadcrumb, a bare address or a menu on one line is the page's
    // whatever its words: stop words ("You are in: Home > News") or a
    // lower-case start do not make it a sentence.
    let page_shaped = |i: usize| {
        let raw = lines.raw(i);
        let t = line_text(i);
        breadcrumb(raw) || BARE_LINK.is_match(t) || menu_line(t)
    };
    // Cheap features first: running prose and long lines are never
    // furniture, and most lines are one or the other.
    let furniture_shaped = |i: usize| {
        let f = &features[i];
        if f.is_strong() || f.chars > MAX_FURNITURE_CHARS {
            false
        } else if !f.is_sentence() {
            !informative(line_text(i)) || stamp(i) || page_shaped(i)
        } else {
            stamp(i) || page_shaped(i)
        }
    };
    let candidate = |i: usize| {
        !(b0..=b1).contains(&i)
            && (i != first || first_is_page)
            // The cheap features first: most lines are prose or long.
            && furniture_shaped(i)
            && !DATELINE.is_match(line_text(i))
    };
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for &i in nonempty.iter().take_while(|&&i| i < end) {
        if candidate(i) {
            if i < b0 {
                before.push(i);
            } else {
                after.push(i);
            }
        }
    }
    // A menu or tool word makes a short line a label when the line is
    // three words at most, starts with it ("Email this article") or is
    // half made of them ("[Home] [Search] [Help] [News]"); in a longer
    // title it is a word of the title ("Nobody Knows the Way Home").
    let menu_label = |i: usize| {
        let n = features[i].words;
        let t = line_text(i);
        n <= 5
            && MENU_WORDS
                .find(t)
                .is_some_and(|m| n <= 3 || m.start() == 0 || 2 * MENU_WORDS.find_iter(t).count() >= n)
    };
    let evidence_of = |i: usize| -> Option<Evidence> {
        let raw = lines.raw(i);
        let t = line_text(i);
        // An e-mail address is contact information, not a link.
        if LINKISH.is_match(&EMAIL.replace_all(t, " ")) {
            Some(Evidence::Link)
        } else if breadcrumb(raw) || (raw.starts_with('|') && table_label(i)) {
            Some(Evidence::Breadcrumb)
        } else if stamp(i) {
            Some(Evidence::Stamp)
        } else if label(i) || menu_label(i) {
            Some(Evidence::Label)
        } else if menu_line(t) {
            Some(Evidence::MenuLine)
        } else if i < b0 && BYLINE.is_match(t) {
            Some(Evidence::Byline)
        } else if masthead && i < b0 {
            Some(Evidence::Masthead)
        } else {
            None
        }
    };
    let place = |i: usize| nonempty.partition_point(|&j| j < i);
    for (cands, role) in [(before, Role::ChromeBefore), (after, Role::ChromeAfter)] {
        for run in runs(&cands, nonempty) {
            let mut ev: Vec<Option<Evidence>> = run.iter().map(|&i| evidence_of(i)).collect();
            // Menus: stretches of three short labels or more (a few words
            // each, no sentence, no information). In one where a label in
            // four has evidence of its own, every label is the menu's (a
            // list of places or names has none); in another, labels without
            // evidence may stand further apart between two with.
            let short: Vec<bool> = run.iter().map(|&i| features[i].words <= MENU_LABEL_WORDS).collect();
            let mut in_menu = vec![false; run.len()];
            let mut j = 0;
            while j < run.len() {
                let s = j;
                while j < run.len() && short[j] {
                    j += 1;
                }
                if j - s >= MENU_LIST {
                    in_menu[s..j].fill(true);
                    let with = ev[s..j].iter().filter(|e| e.is_some()).count();
                    if with * MENU_SHARE >= j - s {
                        for e in ev[s..j].iter_mut().filter(|e| e.is_none()) {
                            *e = Some(Evidence::Menu);
                        }
                    }
                }
                j = j.max(s + 1);
            }
            // Lines without evidence count when evidence stands on both
            // sides, close by.
            let mut flagged: Vec<(usize, Evidence)> = Vec::new();
            let mut last_ev: Option<usize> = None;
            for (j, e) in ev.iter().enumerate() {
                if let Some(e) = *e {
                    if let Some(l) = last_ev {
                        let menu = in_menu[l + 1..j].iter().all(|&m| m);
                        let (gap, between) =
                            if menu { (MENU_GAP, Evidence::Menu) } else { (CHROME_GAP, Evidence::Between) };
                        if j - l - 1 <= gap {
                            flagged.extend(run[l + 1..j].iter().map(|&i| (i, between)));
                        }
                    }
                    flagged.push((run[j], e));
                    last_ev = Some(j);
                }
            }
            flagged.sort_unstable_by_key(|&(i, _)| i);
            // One line alone needs a plain sign of a menu, not just a word
            // that also names things ("Universal Health Realty").
            let plain = flagged.iter().any(|&(i, e)| {
                is_menu(i)
                    || matches!(
                        e,
                        Evidence::Link | Evidence::Stamp | Evidence::Breadcrumb | Evidence::MenuLine
                    )
            });
            // The first line alone is taken for the title unless it is
            // plainly the page's: a link, a breadcrumb, a menu on one line.
            let page_first = run[0] == first
                && flagged.first().is_some_and(|&(i, e)| {
                    i == first && matches!(e, Evidence::Link | Evidence::Breadcrumb | Evidence::MenuLine)
                });
            let min = if plain && (run[0] != first || page_first) { 1 } else { 2 };
            // One line next to information (a booking link under an
            // event's prices and times) belongs to that block.
            let beside_information = flagged.len() == 1 && {
                let p = place(run[0]);
                let before = p.checked_sub(1).map(|q| nonempty[q]);
                let after = nonempty.get(place(run[run.len() - 1]) + 1).copied();
                [before, after].into_iter().flatten().any(|j| informative(line_text(j)))
            };
            if flagged.len() >= min && !beside_information {
                for (i, e) in flagged {
                    roles[i] = role;
                    evidence[i] = Some(e);
                }
            }
        }
    }
    // Inside the body: two lines or more in a row (blank lines aside) that
    // are no sentences, carry no information, and each have evidence of
    // their own (one line between two such may have none): a box of links
    // or tools the extractor left between the paragraphs.
    let inside: Vec<usize> = nonempty
        .iter()
        .copied()
        .filter(|&i| i > b0 && i < b1)
        .filter(|&i| !DATELINE.is_match(line_text(i)) && furniture_shaped(i))
        .collect();
    for run in runs(&inside, nonempty) {
        let ev: Vec<Option<Evidence>> = run.iter().map(|&i| evidence_of(i)).collect();
        let with = ev.iter().filter(|e| e.is_some()).count();
        let gaps_closed = ev.first().is_some_and(Option::is_some)
            && ev.last().is_some_and(Option::is_some)
            && ev.windows(2).all(|w| w[0].is_some() || w[1].is_some());
        if with >= INSIDE_MIN && gaps_closed && run.len() <= with + with / 2 {
            for (&i, e) in run.iter().zip(ev) {
                roles[i] = Role::ChromeInside;
                evidence[i] = Some(e.unwrap_or(Evidence::Between));
            }
        }
    }
}

/// The heading of a block of teasers for other articles: the last list
/// heading ("More from …", "Related stories") after three paragraphs of
/// running prose, followed by two lines or more up to the end (or the comment
/// thread), none of which shares more than [`TEASER_OVERLAP`] of its content
/// words with the text above the heading: lines about other things.
fn related_block(doc: &Document, features: &[LineFeatures], nonempty: &[usize], end: usize) -> Option<usize> {
    let text = doc.text();
    let line_text = |i: usize| &text[features[i].start..features[i].end];
    let h = nonempty
        .iter()
        .copied()
        .filter(|&i| i < end && features[i].words <= 8)
        .rfind(|&i| LIST_HEADING.is_match(line_text(i)))?;
    let strong_before = nonempty.iter().take_while(|&&i| i < h).filter(|&&i| features[i].is_strong()).count();
    let tail: Vec<usize> = nonempty.iter().copied().filter(|&i| i > h && i < end).collect();
    if strong_before < 3 || tail.len() < 2 {
        return None;
    }
    let above: std::collections::HashSet<_> = content_words(&text[..features[h].start]).collect();
    let unrelated =
        |i: usize| known_share(line_text(i), |w| above.contains(w)).is_none_or(|s| s <= TEASER_OVERLAP);
    tail.iter().all(|&i| unrelated(i)).then_some(h)
}

impl Structure {
    /// Teasers without a heading: runs of headlines that end the document
    /// ([`headless_teasers`]) and headlines tagged with their medium
    /// ([`tagged_teasers`]). They guess, so they take no role and are found
    /// only when `teaser-run` (off by default) asks.
    pub fn unheaded_teasers(&self, doc: &Document) -> Vec<Teasers> {
        let Some(body) = self.body else { return Vec::new() };
        let end = self.thread.map_or(self.features.len(), |t| t.start);
        let view = View { doc, st: self, end };
        // A run without a heading only where the heading rule found none.
        let mut found: Vec<Teasers> =
            if self.related.is_empty() { headless_teasers(&view).into_iter().collect() } else { Vec::new() };
        found.extend(tagged_teasers(&view, body.0).into_iter().map(|i| Teasers {
            first: i,
            last: i,
            shown_by: TeaserEvidence::MediaTag,
        }));
        found.sort_by_key(|t| t.first);
        found
    }
}

/// A document and its structure, as the teaser rules read them: the lines
/// with words before the comment thread (`end`).
struct View<'a> {
    doc: &'a Document,
    st: &'a Structure,
    end: usize,
}

impl View<'_> {
    fn text(&self, i: usize) -> &str {
        let f = &self.st.features[i];
        &self.doc.text()[f.start..f.end]
    }

    /// The lines with words before `end`, in order.
    fn lines(&self) -> impl DoubleEndedIterator<Item = usize> + '_ {
        (0..self.end).filter(|&i| !self.st.features[i].is_empty())
    }

    /// A line the structure left as running text.
    fn is_text(&self, i: usize) -> bool {
        self.st.roles[i] == Role::Text
    }
}

/// A line shaped like a headline: three to fourteen words, starting with a
/// capital or a digit, no sentence end, colon, list of commas or brackets,
/// and no information (prices, times, quantities).
fn headline_shape(v: &View<'_>, i: usize) -> bool {
    let f = &v.st.features[i];
    let t = v.text(i);
    (3..=14).contains(&f.words)
        && !f.indented
        && t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && mostly_letters(t)
        && !f.sentence_end
        && !f.colon
        && !f.commas
        && !f.continued
        && !t.contains(['(', ')', '[', ']', '|'])
        && !informative(t)
}

/// Three words or more of letters, two in three of the words: a code
/// sample's numbers and symbols are no headline.
fn mostly_letters(t: &str) -> bool {
    let all = t.split_whitespace().count();
    let letters =
        t.split_whitespace().filter(|w| w.chars().all(|c| c.is_alphabetic() || "'’-".contains(c))).count();
    letters >= 3 && 3 * letters >= 2 * all
}

/// A one- or two-sentence blurb under a headline.
fn blurb_shape(v: &View<'_>, i: usize) -> bool {
    let f = &v.st.features[i];
    let t = v.text(i);
    (6..=30).contains(&f.words)
        && f.sentence_end
        && !f.lower_start
        && t.matches(['.', '!', '?']).count() <= 3
        && !informative(t)
}

/// Teasers without a heading: the lines that end the document (or come
/// before the comment thread) are three headlines or more, or two headlines
/// or more each followed by a one-sentence blurb (one shape for the run),
/// right after a paragraph of running prose (not after a label or a line
/// that introduces a list), and none shares more than [`TEASER_OVERLAP`] of
/// its content words with the article above them. Only lines the structure
/// left as text.
fn headless_teasers(v: &View<'_>) -> Option<Teasers> {
    // Walks back from the last line: one shape for the whole run, read
    // from that line (headlines alone, or headline and blurb pairs).
    let mut back = v.lines().rev();
    let last = back.next()?;
    let pairs = blurb_shape(v, last);
    let (mut first, mut n, mut before) = (last, 0usize, None);
    let mut next = Some(last);
    while let Some(i) = next {
        if pairs {
            let Some(h) = back.next() else { break };
            if !(v.is_text(i) && v.is_text(h) && blurb_shape(v, i) && headline_shape(v, h)) {
                before = Some(i);
                break;
            }
            first = h;
        } else {
            if !(v.is_text(i) && headline_shape(v, i)) {
                before = Some(i);
                break;
            }
            first = i;
        }
        n += 1;
        next = back.next();
    }
    let shown_by = match (pairs, n) {
        (true, 2..) => TeaserEvidence::Blurbs,
        (false, 3..) => TeaserEvidence::Headlines,
        _ => return None,
    };
    // The headlines follow the article's last paragraph: after a label of
    // its own ("Further reading", "Songs on the album") or a line that
    // introduces a list (`…:`) they are the page's list.
    let f = |i: usize| &v.st.features[i];
    let after_prose = before.is_some_and(|i| v.is_text(i) && f(i).is_strong() && !f(i).colon);
    let strong_before = v.lines().take_while(|&i| i < first).filter(|&i| f(i).is_strong()).count();
    if strong_before < 3 || !after_prose {
        return None;
    }
    let above: std::collections::HashSet<_> = content_words(&v.doc.text()[..f(first).start]).collect();
    let other = |i: usize| known_share(v.text(i), |w| above.contains(w)).is_none_or(|s| s <= TEASER_OVERLAP);
    v.lines().filter(|&i| i >= first).all(other).then_some(Teasers { first, last, shown_by })
}

/// A media tag on a headline: `[VIDEO] …`, `… (Photos)`.
static MEDIA_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            \[ \s* (?:video|videos|photos?|pics|pictures|gallery|watch|audio|listen|podcast|slideshow|live) \s* \] \s+ (?P<a>.+)
          | (?P<b>.+?) \s+ [\[(] \s* (?:video|videos|photos?|pics|pictures|gallery|watch|audio|podcast|slideshow) \s* [\])]
        )$",
    )
    .unwrap()
});

/// Single teasers tagged with their medium (`[VIDEO] Storm hits coast`,
/// `Storm hits coast (Photos)`): the headline without its tag is
/// headline-shaped, the line comes after the body's first (the page's own
/// headline, a breadcrumb or a stamp may stand above it), it stands among
/// lines the structure left as text, and it shares at most
/// [`TEASER_OVERLAP`] of its words with the rest of the document.
fn tagged_teasers(v: &View<'_>, body_start: usize) -> Vec<usize> {
    let mut found = Vec::new();
    let mut all = None;
    for i in v.lines() {
        if i <= body_start || !v.is_text(i) || v.st.features[i].words > 16 {
            continue;
        }
        let t = v.text(i);
        if !(t.contains('[') || t.contains('(')) {
            continue;
        }
        let Some(c) = MEDIA_TAG.captures(t) else { continue };
        let head = c.name("a").or(c.name("b")).map_or("", |m| m.as_str());
        let starts_right = head.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let n = words(head).count();
        if !starts_right
            || !(3..=14).contains(&n)
            || !mostly_letters(head)
            || head.trim_end().ends_with(['.', ':', ','])
            || informative(head)
        {
            continue;
        }
        // The document's words are counted once, for all candidates: a word
        // is in the rest of the document when it is there more often than
        // in this line.
        let counts = all.get_or_insert_with(|| {
            let mut counts = std::collections::HashMap::new();
            for w in content_words(v.doc.text()) {
                *counts.entry(w).or_insert(0usize) += 1;
            }
            counts
        });
        let mut own = std::collections::HashMap::new();
        for w in content_words(t) {
            *own.entry(w).or_insert(0usize) += 1;
        }
        let elsewhere = |w: &str| counts.get(w).copied().unwrap_or(0) > own.get(w).copied().unwrap_or(0);
        if known_share(head, elsewhere).is_some_and(|s| s <= TEASER_OVERLAP) {
            found.push(i);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `informative` asks `QA` only of lines that start with `q` or `a`
    /// in either case: no other character matches its first letters.
    #[test]
    fn only_q_and_a_start_a_question_or_an_answer() {
        let first = Regex::new(r"(?i)^(?:q|a)").unwrap();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let line = format!("{c}: x");
            if first.is_match(&line) || QA.is_match(&line) {
                assert!(matches!(c, 'q' | 'Q' | 'a' | 'A'), "{c:?}");
            }
        }
        assert!(informative("Q: Where is it?") && informative("a) Here."));
    }
    use crate::lang::detect_lang;

    fn roles(text: &str) -> Vec<Role> {
        Structure::of(&Document::new("t", text)).roles
    }

    const BODY: &str =
        "The council met on Tuesday to discuss the budget for the coming year, and it was agreed by all.\n\
        Members said that the plan would be put to a vote in the spring, after the public has had its say.\n\
        The mayor told reporters that she was pleased with the outcome of the meeting and with the plan.\n";

    #[test]
    fn finds_language_by_stop_words() {
        assert_eq!(detect_lang(BODY), Some(Lang::En));
        assert_eq!(detect_lang("1 2 3"), None);
        let pt = "O governo anunciou que a proposta de lei será votada na próxima semana pelo congresso, \
                  e a oposição disse que não vai apoiar o texto. Os deputados da base também criticaram a \
                  forma como o projeto foi apresentado ao público e pedem mais tempo para o debate.";
        assert_eq!(detect_lang(pt), Some(Lang::Pt));
    }

    #[test]
    fn chrome_before_and_after_the_body() {
        let text = format!("Council backs budget\nHome\nNews\nLocal\n{BODY}About Us\nContact\n");
        let r = roles(&text);
        assert_eq!(r[0], Role::Title);
        assert_eq!(&r[1..4], &[Role::ChromeBefore; 3]);
        assert_eq!(&r[4..7], &[Role::Text; 3]);
        assert_eq!(&r[7..9], &[Role::ChromeAfter; 2]);
    }

    #[test]
    fn one_short_line_after_the_body_is_not_enough() {
        let r = roles(&format!("{BODY}Linebacker\n"));
        assert_eq!(r[3], Role::Text);
    }

    #[test]
    fn a_list_after_a_colon_belongs_to_the_body() {
        let r = roles(&format!("{BODY}The tour dates:\nJune 9 -- Arena, Tampa\nJune 10 -- Forum, Miami\n"));
        assert!(r.iter().all(|r| *r == Role::Text), "{r:?}");
    }

    #[test]
    fn comment_thread_needs_two_signals() {
        let text = format!(
            "{BODY}Comments\nI agree with the mayor on this one.\nPosted by: Sam | March 3, 2011 9:12 AM\n"
        );
        let st = Structure::of(&Document::new("t", text.as_str()));
        assert_eq!(st.thread.map(|t| t.start), Some(3));
        let text =
            format!("{BODY}\"It could have been better,\" he said.\nThe council will meet again in May.\n");
        assert!(Structure::of(&Document::new("t", text.as_str())).thread.is_none());
    }

    #[test]
    fn a_breadcrumb_has_short_places_and_french_quotes_are_none() {
        assert!(breadcrumb("You Are In: Home > Entertainment > Television"));
        assert!(breadcrumb("Accueil » Politique"));
        assert!(!breadcrumb("la retraite, une « réforme » systémique » dit-il"));
        assert!(!breadcrumb("if a > b then the loop ends early and the value is kept"));
    }

    #[test]
    fn a_menu_on_one_line_has_short_items_one_of_them_the_pages() {
        assert!(menu_line("Home · Weather · News · Morning Show · Sports"));
        assert!(menu_line("Home | Breaking News | Shopping | Archives"));
        assert!(!menu_line("Abington | Amesbury | Arlington"));
        assert!(!menu_line("Adults £18 | children £9 | news at the door."));
        assert!(!menu_line("Home - Away"));
    }

    #[test]
    fn a_menu_stretch_inside_a_longer_run_is_a_menu() {
        // A long teaser line after the menu does not stop its labels from
        // being the menu's: one in four of them is a page word.
        let text = format!(
            "{BODY}News by Category\nBusiness\nHealth\nAfrica\nAsia\nEurope\nIndia\nRelated Articles\nTwo militants killed in a raid in the south of the country\n"
        );
        let r = roles(&text);
        assert!(r[3..10].iter().all(|&x| x == Role::ChromeAfter), "{r:?}");
        // A list of places alone has no evidence: it stays.
        let r = roles(&format!("{BODY}Africa\nAsia\nEurope\nIndia\n"));
        assert!(r[3..7].iter().all(|&x| x == Role::Text), "{r:?}");
    }

    #[test]
    fn a_line_with_information_is_never_furniture() {
        let text = format!("{BODY}Tickets: $25 at the door\nDoors open 7.30pm\nwww.example.org\n");
        let r = roles(&text);
        assert_eq!(&r[3..5], &[Role::Text, Role::Text], "{r:?}");
    }

    #[test]
    fn text_in_no_known_language_gets_no_roles_but_text() {
        let r = roles("Home\nNews\n1 2 3\n");
        assert!(r.iter().all(|r| *r == Role::Text));
    }
}
