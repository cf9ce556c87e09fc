//! Where a run's findings and reports are written, for every front end:
//! standard output, standard error (when standard output holds the fixed
//! standard input), or a file renamed into place when the run is done; in a
//! format, colored when the stream is a terminal; with a progress line on a
//! long run. The command line parses arguments into these.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::engine::FileReport;
use crate::fix::AtomicFile;
use crate::registry::Registry;
use crate::render::{self, Format, Printer};
use crate::session::{RunReport, Triage};
use crate::stats::CorpusStats;
use crate::walk;

/// True when `NO_COLOR` is unset or empty (<https://no-color.org>).
pub fn color_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The theme of a report on standard error: colored on a terminal that allows it.
pub fn stderr_theme() -> miette::GraphicalTheme {
    if io::stderr().is_terminal() && color_allowed() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    }
}

/// Says each warning on standard error, escaped.
pub fn warn(warnings: &[String]) {
    for w in warnings {
        eprintln!("warning: {}", render::escape(w));
    }
}

/// The width human output wraps at: `COLUMNS`, else 100.
pub fn width() -> usize {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).filter(|&w| w >= 40).unwrap_or(100)
}

/// Where and how findings are written.
pub struct Output<'a> {
    reg: &'a Registry,
    /// The file written, renamed into place by [`Output::finish`].
    file: Option<(AtomicFile, PathBuf)>,
    /// `--statistics`: findings counted, a table (JSON when true) written at the end.
    statistics: Option<bool>,
    printer: Printer<'a, io::BufWriter<Box<dyn Write + 'a>>>,
}

impl<'a> Output<'a> {
    /// Findings in `format` to `file` (none: standard error when
    /// `to_stderr`, else standard output). A human format's color is
    /// `color`, or, when `None`, whether the stream is a terminal and
    /// `NO_COLOR` allows it (a file is never a terminal). With `statistics`
    /// (`Some(json)`), findings are counted, not written.
    pub fn open(
        reg: &'a Registry,
        mut format: Format,
        color: Option<bool>,
        file: Option<&Path>,
        to_stderr: bool,
        statistics: Option<bool>,
    ) -> Result<Self, String> {
        if let Format::Human(opts) = &mut format {
            let terminal = file.is_none()
                && if to_stderr { io::stderr().is_terminal() } else { io::stdout().is_terminal() };
            opts.color = color.unwrap_or(terminal && color_allowed());
        }
        let mut file = match file {
            Some(f) => Some((
                AtomicFile::create(f).map_err(|e| format!("{}: {e}", walk::display_path(f)))?,
                f.to_path_buf(),
            )),
            None => None,
        };
        let sink: Box<dyn Write + 'a> = match file.as_mut() {
            Some((f, path)) => {
                Box::new(f.file_mut().try_clone().map_err(|e| format!("{}: {e}", walk::display_path(path)))?)
            }
            None if to_stderr => Box::new(io::stderr().lock()),
            None => Box::new(io::stdout().lock()),
        };
        Ok(Output { reg, file, statistics, printer: Printer::new(reg, format, io::BufWriter::new(sink)) })
    }

    /// Writes one document's findings (none with statistics: they are counted).
    pub fn print(&mut self, report: Option<FileReport>) -> io::Result<()> {
        match report.filter(|_| self.statistics.is_none()) {
            Some(r) => self.printer.write(&r.doc, &r.findings),
            None => Ok(()),
        }
    }

    /// The statistics table or SARIF's closing part; the file renamed into
    /// place. An error writing is the stream's own (a closed pipe stays one).
    pub fn finish(self, triage: &Triage<'_>) -> io::Result<()> {
        let mut out = self.printer.finish()?;
        if let Some(json) = self.statistics {
            out.write_all(crate::docs::statistics_table(self.reg, &triage.per_lint, json).as_bytes())?;
        }
        out.flush()?;
        drop(out);
        if let Some((f, path)) = self.file {
            f.commit()
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", walk::display_path(&path))))?;
        }
        Ok(())
    }
}

/// What a run says on standard error when it is done: its errors, the
/// `[[ignore]]` entries that accepted nothing (`unused`), the timings table
/// (with the registry, when timed), and the summary unless `quiet`.
pub fn close_run(
    run: &RunReport,
    triage: &Triage<'_>,
    unused: &[&str],
    timed: Option<&Registry>,
    quiet: bool,
) {
    for e in &run.errors {
        eprintln!("error: {}", render::escape(e));
    }
    for entry in unused {
        eprintln!("warning: [[ignore]] {}: accepted no finding", render::escape(entry));
    }
    if let Some(reg) = timed {
        eprint!("{}", crate::docs::timings_table(reg));
    }
    if !quiet {
        eprintln!("{}", triage.summary(run.outcome.files_checked, run.errors.len()));
    }
}

/// Writes `texts` to standard output (a run that prints instead of linting).
pub fn print_lines(texts: impl IntoIterator<Item = String>) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    for t in texts {
        out.write_all(t.as_bytes())?;
    }
    out.flush()
}

/// Writes statistics as `scrapelint stats` does: to standard output for
/// `-`; else atomically to `output`, or with `partitions` as one file a
/// partition, named by `output` with `{}` for the partition's number;
/// pruned unless `keep_single`, as JSON when `json`. Says what was written
/// to files; an error writing standard output is the stream's own.
pub fn write_stats(
    stats: CorpusStats,
    output: &Path,
    partitions: Option<u32>,
    keep_single: bool,
    json: bool,
) -> io::Result<Option<String>> {
    let documents = stats.documents;
    let Some(n) = partitions else {
        let bytes = stats.into_file_bytes(keep_single, json);
        if output.as_os_str() == "-" {
            io::stdout().lock().write_all(&bytes)?;
            return Ok(None);
        }
        crate::fix::write_atomic_bytes(output, &bytes).map_err(|e| named(output, e))?;
        let s = if documents == 1 { "" } else { "s" };
        return Ok(Some(format!(
            "{documents} document{s}; statistics written to {}",
            walk::display_path(output)
        )));
    };
    let template = output.to_str().filter(|t| t.contains("{}")).ok_or_else(|| {
        io::Error::other("--partitions writes one file a partition: name them with `{}` in -o")
    })?;
    for (i, part) in stats.split(n).map_err(io::Error::other)?.into_iter().enumerate() {
        let file = PathBuf::from(template.replace("{}", &i.to_string()));
        crate::fix::write_atomic_bytes(&file, &part.into_file_bytes(keep_single, json))
            .map_err(|e| named(&file, e))?;
    }
    Ok(Some(format!("{documents} documents; statistics written to {n} partitions, {template}")))
}

/// An error about `file`, of the kind it was.
fn named(file: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", file.display()))
}

/// After fixing: the diffs, or standard input's fixed text, on standard
/// output; notes and the count on standard error unless `quiet`; with
/// `diff`, the errors too.
pub fn write_fixes(run: &RunReport, quiet: bool, diff: bool, unsafe_fixes: bool) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    for text in run.diffs.iter().map(String::as_bytes).chain(run.stdin_text.iter().map(Vec::as_slice)) {
        out.write_all(text)?;
    }
    out.flush()?;
    if !quiet {
        for note in &run.notes {
            eprintln!("warning: {}", render::escape(note));
        }
        eprintln!("{}", run.fix_summary(diff, unsafe_fixes));
    }
    if diff {
        for e in &run.errors {
            eprintln!("error: {}", render::escape(e));
        }
    }
    Ok(())
}

/// Runs `work`, showing `linting N/M files` on standard error while it runs,
/// when standard error is a terminal, the run is long, and not `quiet`.
pub fn with_progress<T>(quiet: bool, total: usize, work: impl FnOnce(&AtomicUsize) -> T) -> T {
    let done = AtomicUsize::new(0);
    if quiet || total < 200 || !io::stderr().is_terminal() {
        return work(&done);
    }
    let finished = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            let start = std::time::Instant::now();
            let mut shown = false;
            while !finished.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(100));
                if start.elapsed().as_millis() >= 500 {
                    eprint!("\rlinting {}/{total} files", done.load(Ordering::Relaxed).min(total));
                    shown = true;
                }
            }
            if shown {
                eprint!("\r\x1b[K");
            }
        });
        let out = work(&done);
        finished.store(true, Ordering::Relaxed);
        out
    })
}
