//! Findings to text: miette's graphical report (human), one line each
//! (concise), or JSON Lines. Nothing here prints; the CLI writes the strings.

use std::fmt;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    Severity, SourceCode, SourceSpan, SpanContents,
};
use serde::Serialize;

use crate::document::Document;
use crate::finding::{Applicability, Finding, Related};
use crate::level::Level;
use crate::registry::Registry;

// Escaping lives below rendering (documents and error files use it too).
pub use crate::escape::{display_text, escape, escape_text, is_unsafe_char, json_safe};

/// How human output is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

/// Renders one finding as miette's graphical report.
pub fn human(registry: &Registry, doc: &Document, f: &Finding, opts: HumanOptions) -> String {
    let theme = if opts.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let budget = opts.width.saturating_sub(12).max(30);
    let same_file = f.related.iter().filter(|r| drawn_with(r, doc, f)).map(|r| r.span);
    let source =
        (!doc.text().is_empty()).then(|| Snippet::new(doc, std::iter::once(f.span).chain(same_file), budget));
    // Related places in other documents, and those earlier in this one (so
    // the header names the finding's place), are drawn as notes of their
    // own. Places whose text is not at hand are drawn as a note naming them.
    let other_docs: Vec<(Option<Document>, &Related)> = f
        .related
        .iter()
        .filter(|r| !drawn_with(r, doc, f))
        .map(|r| {
            if r.is_in(doc) {
                return (Some(doc.clone()), r);
            }
            let d = r.text.as_ref().map(|t| {
                let d = Document::new(r.path.clone(), t.clone());
                match r.record {
                    Some(n) => d.with_record(n, None),
                    None => d,
                }
            });
            (d, r)
        })
        .collect();
    let others: Vec<RelatedDiagnostic<'_>> = other_docs
        .iter()
        .map(|(d, r)| RelatedDiagnostic {
            label: match d {
                Some(_) => r.label.clone(),
                None => format!("{}: {}:{}:{}", r.label, r.name(), r.line, r.column),
            },
            span: r.span,
            source: d.as_ref().map(|d| Snippet::new(d, [r.span], budget)),
        })
        .collect();
    // One line of context around the finding, unless a neighbour is itself
    // too long to show whole (paragraph-per-line prose).
    let context = match &source {
        Some(s)
            if s.neighbours_fit(f.span)
                && others.iter().all(|o| o.source.as_ref().is_none_or(|src| src.neighbours_fit(o.span))) =>
        {
            1
        }
        _ => 0,
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false)
        .with_context_lines(context);
    let diag =
        FindingDiagnostic { code: &registry.info(f.lint).name, finding: f, source, doc, others: &others };
    let mut out = String::new();
    handler.render_report(&mut out, &diag).expect("writing to a String cannot fail");
    out
}

/// `path:line:col: level[name] message`
pub fn concise(registry: &Registry, doc: &Document, f: &Finding) -> String {
    let (line, col) = doc.line_col(f.span.start);
    format!(
        "{}:{line}:{col}: {}[{}] {}",
        escape(&doc.name()),
        f.level,
        escape(&registry.info(f.lint).name),
        escape(&f.message)
    )
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    code: &'a str,
    level: &'static str,
    message: &'a str,
    label: Option<&'a str>,
    help: Option<&'a str>,
    byte_start: usize,
    byte_end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    byte_start: usize,
    byte_end: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<u64>,
    byte_start: usize,
    byte_end: usize,
    line: usize,
    column: usize,
    label: &'a str,
}

/// One JSON object on one line (JSON escapes every control character).
pub fn json(registry: &Registry, doc: &Document, f: &Finding) -> String {
    let (line, column) = doc.line_col(f.span.start);
    let (end_line, end_column) = doc.line_col(f.span.end);
    let j = JsonFinding {
        path: doc.path(),
        record: doc.record(),
        id: doc.id(),
        code: &registry.info(f.lint).name,
        level: f.level.as_str(),
        message: &f.message,
        label: f.label.as_deref(),
        help: f.help.as_deref(),
        byte_start: f.span.start,
        byte_end: f.span.end,
        line,
        column,
        end_line,
        end_column,
        fix: f.fix.as_ref().map(|fix| JsonFix {
            title: &fix.title,
            applicability: fix.applicability,
            edits: fix
                .edits
                .iter()
                .map(|e| JsonEdit {
                    byte_start: e.span.start,
                    byte_end: e.span.end,
                    replacement: &e.replacement,
                })
                .collect(),
        }),
        related: f
            .related
            .iter()
            .map(|r| JsonRelated {
                path: &r.path,
                record: r.record,
                byte_start: r.span.start,
                byte_end: r.span.end,
                line: r.line,
                column: r.column,
                label: &r.label,
            })
            .collect(),
    };
    json_safe(serde_json::to_string(&j).expect("findings serialize"))
}

struct FindingDiagnostic<'a> {
    code: &'a str,
    finding: &'a Finding,
    source: Option<Snippet<'a>>,
    doc: &'a Document,
    others: &'a [RelatedDiagnostic<'a>],
}

/// A related place in another document, drawn after the finding.
struct RelatedDiagnostic<'a> {
    label: String,
    span: crate::span::Span,
    source: Option<Snippet<'a>>,
}

impl fmt::Debug for RelatedDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

impl fmt::Display for RelatedDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape(&self.label))
    }
}

impl std::error::Error for RelatedDiagnostic<'_> {}

impl Diagnostic for RelatedDiagnostic<'_> {
    fn severity(&self) -> Option<Severity> {
        Some(Severity::Advice)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = visible_span(self.source.as_ref()?.drawn(self.span));
        Some(Box::new(std::iter::once(LabeledSpan::new_primary_with_span(None, span))))
    }
}

/// The document as miette reads it: positions come from the document's
/// line index (columns in characters), and a line too long for the
/// terminal is shown as a window around the span, cut with `…`.
struct Snippet<'a> {
    doc: &'a Document,
    /// The text with unsafe characters replaced (same byte offsets).
    shown: Arc<str>,
    budget: usize,
    /// Windows of long lines, made ahead for each label: (start, end, text).
    windows: Vec<(usize, usize, String)>,
}

impl<'a> Snippet<'a> {
    fn new(doc: &'a Document, spans: impl IntoIterator<Item = crate::span::Span>, budget: usize) -> Self {
        let shown = doc.shown().clone();
        let mut s = Snippet { doc, shown, budget, windows: Vec::new() };
        let spans: Vec<_> = spans.into_iter().map(|sp| s.drawn(sp)).collect();
        for span in spans {
            if let Some(w) = s.window(span) {
                s.windows.push(w);
            }
        }
        s
    }

    fn line_of(&self, offset: usize) -> usize {
        self.doc.line_index(offset.min(self.shown.len()))
    }

    fn line_chars(&self, line: usize) -> usize {
        self.shown[self.doc.line_span(line).start..self.doc.line_span(line).end].chars().count()
    }

    /// The part of a span that is drawn: a span longer than the width is
    /// cut to it (the window then ends in `…`); byte offsets are unchanged.
    fn drawn(&self, span: crate::span::Span) -> crate::span::Span {
        let text = &self.shown[span.start..span.end];
        match text.char_indices().nth(self.budget.saturating_sub(4)) {
            Some((i, _)) if !text.contains('\n') => crate::span::Span::new(span.start, span.start + i),
            _ => span,
        }
    }

    /// True when the lines just before and after the span fit the width.
    fn neighbours_fit(&self, span: crate::span::Span) -> bool {
        let first = self.line_of(span.start);
        let last = self.line_of(span.end.saturating_sub(1).max(span.start));
        let before = first.checked_sub(1);
        let after = (last + 1 < self.doc.line_count()).then_some(last + 1);
        (first..=last).chain(before).chain(after).all(|l| self.line_chars(l) <= self.budget)
    }

    /// A window of the span's line when that line is too long to show.
    fn window(&self, span: crate::span::Span) -> Option<(usize, usize, String)> {
        let line = self.line_of(span.start);
        let ls = self.doc.line_span(line);
        if span.end > ls.end || self.line_chars(line) <= self.budget {
            return None;
        }
        let text = &self.shown[..];
        let chars_between = |a: usize, b: usize| text[a..b].chars().count();
        let back = |from: usize, n: usize| {
            text[ls.start..from]
                .char_indices()
                .rev()
                .nth(n.saturating_sub(1))
                .map_or(ls.start, |(i, _)| ls.start + i)
        };
        let fwd = |from: usize, n: usize| {
            text[from..ls.end].char_indices().nth(n).map_or(ls.end, |(i, _)| from + i)
        };
        let mut a = back(span.start, self.budget / 3);
        let b = fwd(a, self.budget).max(span.end);
        if b == ls.end {
            a = back(ls.end, self.budget).min(span.start);
        }
        let mut data = text[a..b].to_string();
        // An ellipsis replaces whole characters of at least its own 3 bytes,
        // padded with spaces, so byte offsets inside the window stay true.
        if b < ls.end && chars_between(span.end, b) > 3 {
            let mut cut = data.len();
            while data.len() - cut < 3 {
                cut = data[..cut].char_indices().last().map_or(0, |(i, _)| i);
            }
            let pad = data.len() - cut - 3;
            data.truncate(cut);
            data.push('…');
            data.extend(std::iter::repeat_n(' ', pad));
        }
        if a > ls.start && chars_between(a, span.start) > 3 {
            let mut cut = 0;
            while cut < 3 {
                cut += data[cut..].chars().next().map_or(1, char::len_utf8);
            }
            data.replace_range(..cut, &format!("…{}", " ".repeat(cut - 3)));
        }
        Some((a, b, data))
    }
}

impl SourceCode for Snippet<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let (start, len) = (span.offset(), span.len());
        if start + len > self.shown.len() {
            return Err(MietteError::OutOfBounds);
        }
        let name = escape(&self.doc.name());
        let first = self.line_of(start);
        let last = self.line_of((start + len).saturating_sub(1).max(start));
        let (_, col) = self.doc.line_col(start);
        if before == 0 && after == 0 {
            // The header's location, or a label's own lines.
            if let Some((a, b, data)) = self.windows.iter().find(|(a, b, _)| *a <= start && start + len <= *b)
            {
                // The column is the span's own: miette shows it in the header.
                let c = MietteSpanContents::new_named(
                    name,
                    data.as_bytes(),
                    (*a, b - a).into(),
                    first,
                    col - 1,
                    1,
                );
                return Ok(Box::new(c));
            }
            if first == last && self.line_chars(first) <= self.budget || before == after {
                let ls = self.doc.line_span_with_terminator(first);
                let le = self.doc.line_span_with_terminator(last).end;
                if len == 0 || (start == ls.start && start + len <= le) || first != last {
                    let data = &self.shown.as_bytes()[ls.start..le];
                    let c = MietteSpanContents::new_named(
                        name,
                        data,
                        (ls.start, le - ls.start).into(),
                        first,
                        0,
                        last - first + 1,
                    );
                    return Ok(Box::new(c));
                }
                let data = &self.shown.as_bytes()[start..start + len];
                return Ok(Box::new(MietteSpanContents::new_named(
                    name,
                    data,
                    *span,
                    first,
                    col - 1,
                    last - first + 1,
                )));
            }
        }
        let from = first.saturating_sub(before);
        let to = (last + after).min(self.doc.line_count() - 1);
        let a = self.doc.line_span_with_terminator(from).start;
        let b = self.doc.line_span_with_terminator(to).end;
        let data = &self.shown.as_bytes()[a..b];
        Ok(Box::new(MietteSpanContents::new_named(name, data, (a, b - a).into(), from, 0, to - from + 1)))
    }
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Without a snippet miette shows no file name: say it here.
        if self.source.is_none() {
            write!(f, "{}: ", escape(&self.doc.name()))?;
        }
        f.write_str(&escape(&self.finding.message))
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

fn severity(level: Level) -> Severity {
    match level {
        Level::Error => Severity::Error,
        Level::Warn => Severity::Warning,
        Level::Info | Level::Off => Severity::Advice,
    }
}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(escape(self.code)))
    }
    fn severity(&self) -> Option<Severity> {
        Some(severity(self.finding.level))
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let f = self.finding;
        let fix = f.fix.as_ref().map(|fix| match fix.applicability {
            Applicability::Safe => format!("fix: {}", fix.title),
            Applicability::Unsafe => format!("fix (unsafe): {}", fix.title),
        });
        let text = match (&f.help, fix) {
            (Some(h), Some(x)) => format!("{}\n{}", escape_text(h), escape(&x)),
            (Some(h), None) => escape_text(h),
            (None, Some(x)) => escape(&x),
            (None, None) => return None,
        };
        Some(Box::new(text))
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let src = self.source.as_ref()?;
        let f = self.finding;
        let primary = LabeledSpan::new_primary_with_span(
            f.label.as_deref().map(escape),
            visible_span(src.drawn(f.span)),
        );
        let same: Vec<LabeledSpan> = f
            .related
            .iter()
            .filter(|r| drawn_with(r, self.doc, f))
            .map(|r| LabeledSpan::new_with_span(Some(escape(&r.label)), visible_span(src.drawn(r.span))))
            .collect();
        Some(Box::new(std::iter::once(primary).chain(same)))
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.others.is_empty() {
            return None;
        }
        Some(Box::new(self.others.iter().map(|o| o as &dyn Diagnostic)))
    }
}

/// A related place drawn in the finding's own snippet: one in the same
/// document at or after the finding (miette's header names the first label,
/// which must be the finding).
fn drawn_with(r: &Related, doc: &Document, f: &Finding) -> bool {
    r.is_in(doc) && r.span.start >= f.span.start
}

/// miette draws nothing for an empty span: widen it to one position.
fn visible_span(span: crate::span::Span) -> miette::SourceSpan {
    (span.start, span.len().max(1)).into()
}

/// A GitHub Actions workflow command: annotates the line in a pull request.
pub fn github(registry: &Registry, doc: &Document, f: &Finding) -> String {
    let (line, col, end_line, end_col) = file_region(doc, f);
    let kind = match f.level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info | Level::Off => "notice",
    };
    // Workflow-command escaping: data escapes %, CR, LF; properties also : and ,
    let data = |s: &str| s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let prop = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let name = &registry.info(f.lint).name;
    format!(
        "::{kind} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
        prop(&escape(doc.path())),
        prop(&escape(name)),
        data(&escape(&f.message))
    )
}

/// The whole run as one SARIF 2.1.0 log, with a rule for every lint.
pub fn sarif(registry: &Registry, reports: &[crate::engine::FileReport]) -> String {
    let results: Vec<serde_json::Value> =
        reports.iter().flat_map(|r| r.findings.iter().map(|f| sarif_result(registry, &r.doc, f))).collect();
    sarif_log(registry, results)
}

/// One SARIF result: a finding in `doc`.
pub fn sarif_result(registry: &Registry, doc: &Document, f: &Finding) -> serde_json::Value {
    use serde_json::json;
    let (line, col, end_line, end_col) = file_region(doc, f);
    let uri = doc.path();
    let mut result = json!({
        "ruleId": registry.info(f.lint).name,
        "ruleIndex": f.lint,
        "level": sarif_level(f.level),
        "message": { "text": f.message },
        "locations": [{ "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": {
                "startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col,
                "byteOffset": f.span.start, "byteLength": f.span.len(),
            },
        }}],
    });
    // The baseline's fingerprint: the same finding after lines move.
    result["partialFingerprints"] =
        json!({ "scrapelint/v1": crate::baseline::fingerprint(registry, doc, f) });
    if !f.related.is_empty() {
        result["relatedLocations"] = f
            .related
            .iter()
            .enumerate()
            .map(|(n, rel)| {
                let mut region = json!({ "startLine": rel.line, "startColumn": rel.column });
                if rel.record.is_none() {
                    region["byteOffset"] = json!(rel.span.start);
                    region["byteLength"] = json!(rel.span.len());
                }
                json!({
                    "id": n,
                    "message": { "text": rel.label },
                    "physicalLocation": {
                        "artifactLocation": { "uri": &*rel.path },
                        "region": region,
                    },
                })
            })
            .collect();
    }
    if let Some(record) = doc.record() {
        // The region is the record's line; the span is in its decoded text.
        let region = &mut result["locations"][0]["physicalLocation"]["region"];
        region.as_object_mut().expect("region is an object").retain(|k, _| k.ends_with("Line"));
        result["properties"] = json!({
            "record": record, "id": doc.id(),
            "textByteOffset": f.span.start, "textByteLength": f.span.len(),
        });
    }
    if let Some(fix) = &f.fix.as_ref().filter(|_| doc.record().is_none()) {
        result["fixes"] = json!([{
            "description": { "text": fix.title },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri },
                "replacements": fix.edits.iter().map(|e| json!({
                    "deletedRegion": { "byteOffset": e.span.start, "byteLength": e.span.len() },
                    "insertedContent": { "text": e.replacement },
                })).collect::<Vec<_>>(),
            }],
        }]);
    }
    result
}

/// The SARIF log around `results`.
fn sarif_log(registry: &Registry, results: Vec<serde_json::Value>) -> String {
    use serde_json::json;
    let rules: Vec<serde_json::Value> = (0..registry.len())
        .map(|id| {
            let i = registry.info(id);
            let help = crate::docs::docs(i);
            let mut rule = json!({
                "id": i.name,
                "name": i.name,
                "shortDescription": { "text": i.summary() },
                "fullDescription": { "text": i.summary() },
                "help": { "text": help, "markdown": help },
                "defaultConfiguration": { "level": sarif_level(i.default_level()) },
                "properties": { "category": i.category.as_str() },
            });
            if let Some(repo) = repository() {
                // The README's table of lints; `scrapelint explain NAME` has the rest.
                rule["helpUri"] = json!(format!("{}#lints", repo.trim_end_matches('/')));
            }
            rule
        })
        .collect();
    let mut driver = json!({
        "name": "scrapelint",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    // The repository named in Cargo.toml, when it names one: no made-up address.
    if let Some(uri) = repository() {
        driver["informationUri"] = json!(uri);
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    json_safe(serde_json::to_string_pretty(&log).expect("SARIF serializes"))
}

/// A SARIF log written as the findings come: the log's head, each result as
/// it is given, then its tail; the same text as [`sarif`] of every finding.
pub struct SarifWriter {
    /// The log up to the results' first line.
    head: String,
    /// The indent of each result's lines.
    indent: String,
    /// The log after the last result.
    tail: String,
    /// The whole log without results.
    empty: String,
    results: usize,
}

impl SarifWriter {
    pub fn new(registry: &Registry) -> Self {
        const MARK: &str = "scrapelint-sarif-results";
        let with_mark = sarif_log(registry, vec![serde_json::Value::from(MARK)]);
        let at = with_mark.find(&format!("\"{MARK}\"")).expect("the mark is in the log");
        let line_start = with_mark[..at].rfind('\n').map_or(0, |i| i + 1);
        SarifWriter {
            head: with_mark[..line_start].to_string(),
            indent: with_mark[line_start..at].to_string(),
            tail: with_mark[at + MARK.len() + 2..].to_string(),
            empty: sarif_log(registry, Vec::new()),
            results: 0,
        }
    }

    /// Writes one finding's result.
    pub fn result(
        &mut self,
        out: &mut impl std::io::Write,
        registry: &Registry,
        doc: &Document,
        f: &Finding,
    ) -> std::io::Result<()> {
        let pretty = serde_json::to_string_pretty(&sarif_result(registry, doc, f)).expect("SARIF serializes");
        if self.results == 0 {
            out.write_all(self.head.as_bytes())?;
        } else {
            out.write_all(b",\n")?;
        }
        self.results += 1;
        let mut indented = String::with_capacity(pretty.len() + 64);
        for (i, line) in pretty.split('\n').enumerate() {
            if i > 0 {
                indented.push('\n');
            }
            indented.push_str(&self.indent);
            indented.push_str(line);
        }
        out.write_all(json_safe(indented).as_bytes())
    }

    /// Writes the rest of the log, and a line break.
    pub fn finish(self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        let rest = if self.results == 0 { self.empty } else { self.tail };
        writeln!(out, "{rest}")
    }
}

/// A format findings are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human(HumanOptions),
    Concise,
    Json,
    Github,
    /// One SARIF log around every finding.
    Sarif,
}

/// Writes findings to a stream in one format, document by document, as a
/// run hands them on; [`Printer::finish`] closes what the format needs
/// closed (SARIF's log).
pub struct Printer<'a, W: std::io::Write> {
    registry: &'a Registry,
    format: Format,
    sarif: Option<SarifWriter>,
    out: W,
}

impl<'a, W: std::io::Write> Printer<'a, W> {
    pub fn new(registry: &'a Registry, format: Format, out: W) -> Self {
        let sarif = (format == Format::Sarif).then(|| SarifWriter::new(registry));
        Printer { registry, format, sarif, out }
    }

    pub fn write(&mut self, doc: &Document, findings: &[Finding]) -> std::io::Result<()> {
        let (reg, out) = (self.registry, &mut self.out);
        for f in findings {
            match self.format {
                Format::Human(opts) => write!(out, "{}", human(reg, doc, f, opts))?,
                Format::Concise => writeln!(out, "{}", concise(reg, doc, f))?,
                Format::Json => writeln!(out, "{}", json(reg, doc, f))?,
                Format::Github => writeln!(out, "{}", github(reg, doc, f))?,
                Format::Sarif => self.sarif.as_mut().expect("set for SARIF").result(out, reg, doc, f)?,
            }
        }
        Ok(())
    }

    /// The stream, after SARIF's closing part.
    pub fn finish(mut self) -> std::io::Result<W> {
        if let Some(sarif) = self.sarif.take() {
            sarif.finish(&mut self.out)?;
        }
        Ok(self.out)
    }
}

/// The `repository` of Cargo.toml, if it has one.
pub fn repository() -> Option<&'static str> {
    Some(env!("CARGO_PKG_REPOSITORY")).filter(|r| !r.is_empty())
}

/// Where a finding is in its file: line and column of start and end; for a
/// JSONL record, its line (the span is inside the decoded text).
fn file_region(doc: &Document, f: &Finding) -> (usize, usize, usize, usize) {
    if let Some(record) = doc.record() {
        let r = record as usize;
        return (r, 1, r, 1);
    }
    let (line, col) = doc.line_col(f.span.start);
    let (end_line, end_col) = doc.line_col(f.span.end);
    (line, col, end_line, end_col)
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info => "note",
        Level::Off => "none",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_text_keeps_byte_offsets() {
        let t: Arc<str> = "a\x1b[31mb\u{202E}c\u{85}d\r\ne\rf".into();
        let shown = display_text(&t);
        assert_eq!(shown.len(), t.len());
        assert!(!shown.chars().any(is_unsafe_char));
        for (i, _) in t.char_indices() {
            assert!(shown.is_char_boundary(i));
        }
    }

    #[test]
    fn escape_names_controls() {
        assert_eq!(escape("a\x1bb"), "a\\u{001B}b");
        assert_eq!(escape("a\r\nb\u{9b}"), "a\\u{000D}\\u{000A}b\\u{009B}");
        assert_eq!(escape_text("a\r\nb\rc\td\u{202E}"), "a\r\nb\\u{000D}c\td\\u{202E}");
        assert_eq!(json_safe("\"a\u{9b}\u{2066}\"".into()), "\"a\\u009b\\u2066\"");
    }

    #[test]
    fn sarif_written_as_it_comes_is_the_whole_log() {
        let reg = Registry::builtin();
        let texts =
            ["The talks ended on Monday. .\n\nGo To Source\n", "Nothing to see.\n", "A\u{2066}b. .\n"];
        let reports: Vec<crate::engine::FileReport> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let doc = Document::new(format!("{i}.txt"), *t);
                let findings = crate::engine::check_document(&reg, &doc);
                crate::engine::FileReport { doc, findings }
            })
            .collect();
        for n in 0..=reports.len() {
            let mut w = SarifWriter::new(&reg);
            let mut out = Vec::new();
            for r in &reports[..n] {
                for f in &r.findings {
                    w.result(&mut out, &reg, &r.doc, f).unwrap();
                }
            }
            w.finish(&mut out).unwrap();
            let whole = sarif(&reg, &reports[..n]) + "\n";
            assert_eq!(String::from_utf8(out).unwrap(), whole, "{n} documents");
        }
    }
}
