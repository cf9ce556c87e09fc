//! The command line: arguments parsed into a [`Session`] and an
//! [`output::Output`] (the library's `src/output.rs` prints), and the exit status.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::TypedValueParser;
use clap::{Parser, Subcommand, ValueEnum};

use scrapelint::cache::CacheDir;
use scrapelint::level::Level;
use scrapelint::registry::Registry;
use scrapelint::render::{self, HumanOptions};
use scrapelint::session::{FixMode, RunOptions, RunReport, Session, Triage};
use scrapelint::stats::{CorpusStats, Frozen};
use scrapelint::walk::{self, WalkOptions};
use scrapelint::{docs, output};

#[derive(Parser)]
#[command(
    name = "scrapelint",
    version = env!("SCRAPELINT_VERSION"),
    about = "A linter for text scraped from the web",
    long_about = "A linter for text scraped from the web: finds boilerplate lines, typographic \
                  residue and Unicode damage that scrapers leave in corpora, points at each with \
                  a diagnostic, and offers fixes where they are safe.",
    after_help = docs::AFTER_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files and folders (folders: every *.txt file inside, sorted)
    Lint(LintArgs),
    /// List every lint: name, category, default level, fixable, summary
    Rules {
        /// Output format
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
        #[command(flatten)]
        docs: DocsArgs,
    },
    /// Compute the corpus lints' statistics for a shard, or merge shards' statistics
    #[command(after_help = docs::STATS_HELP)]
    Stats(StatsArgs),
    /// Print a shell's completion script for scrapelint (bash, zsh, fish, elvish, powershell)
    #[command(after_help = docs::COMPLETIONS_HELP)]
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print a lint's documentation
    Explain {
        /// The lint's name, as `scrapelint rules` lists it
        name: String,
        #[command(flatten)]
        docs: DocsArgs,
    },
}

#[derive(clap::Args)]
struct StatsArgs {
    /// Files or folders of one shard; with --merge, statistics files to add up
    #[arg(required = true)]
    paths: Vec<PathBuf>,

    /// Where to write the statistics (`-`: standard output)
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,

    /// Add up statistics files instead of reading documents
    #[arg(long)]
    merge: bool,

    /// With --merge: the largest statistics file read
    #[arg(long, value_name = "SIZE", default_value = "4G", value_parser = walk::parse_size)]
    max_stats_size: u64,

    /// Write the statistics as JSON (to read them; `lint --stats` reads either)
    #[arg(long)]
    json: bool,

    /// Write the statistics as N files, each with the keys of one partition by
    /// key hash (2 to 64; FILE holds `{}` for the partition's number): the
    /// same partition of every shard then merges on its own, and the merged
    /// partitions join into the whole
    #[arg(long, value_name = "N")]
    partitions: Option<u32>,

    /// Keep what a single document holds, for a shard's file that will be
    /// merged (it grows with the shard; without this flag the file is pruned,
    /// final, and cannot be merged; `--merge` prunes its output unless given this)
    #[arg(long)]
    keep_single: bool,

    /// Say nothing but errors (not the configuration used, nor what was written)
    #[arg(short, long)]
    quiet: bool,

    #[command(flatten)]
    read: ReadArgs,

    #[command(flatten)]
    config: ConfigArgs,
}

/// How files are read: shared by `lint` and `stats`.
#[derive(clap::Args)]
struct ReadArgs {
    /// What the files hold: plain text, or JSON Lines with one document per record
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    input: InputFormat,

    /// With --input jsonl: the field holding the document's text
    #[arg(long, value_name = "FIELD", default_value = "text")]
    text_field: String,

    /// With --input jsonl: the field holding the record's id, reported with findings
    #[arg(long, value_name = "FIELD", default_value = "id")]
    id_field: String,

    /// Read files that are not valid UTF-8 with U+FFFD for the bad bytes (never fixed)
    #[arg(long)]
    lossy: bool,

    /// File extensions to lint inside folders (comma-separated) [default: txt; with
    /// --input jsonl: jsonl,jsonl.gz,jsonl.zst]
    #[arg(long = "extension", value_name = "EXT", value_delimiter = ',')]
    extensions: Vec<String>,

    /// The name shown for standard input (`-`)
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,

    /// Descend into symbolic links to folders when walking folders (each
    /// folder once); links to files are always followed
    #[arg(long)]
    follow: bool,

    /// Also lint what .gitignore and .ignore files exclude, when walking folders
    #[arg(long)]
    no_ignore: bool,

    /// The most one file (or standard input) may hold, or with --input jsonl one
    /// record, after decompression: a larger one is an error naming it (bytes, or
    /// with K, M, G: powers of 1024)
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = walk::parse_size)]
    max_file_size: u64,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum InputFormat {
    /// Each file a document
    Text,
    /// JSON Lines (also .gz and .zst): each record a document
    Jsonl,
}

/// The configuration file: shared by `lint` and `stats`.
#[derive(clap::Args)]
struct ConfigArgs {
    /// Configuration file (default: the nearest scrapelint.toml or .scrapelint.toml), or
    /// an override in its syntax, `'lints.page-chrome = "off"'`, applied after the file
    /// (repeatable: one file, any number of overrides)
    #[arg(long, value_name = "FILE|KEY=VALUE")]
    config: Vec<String>,

    /// Ignore configuration files (overrides given with --config still apply)
    #[arg(long)]
    no_config: bool,
}

/// The lints `rules` and `explain` describe: built in, the configuration's
/// lint folders (found as `lint` finds them), and `--lints`.
#[derive(clap::Args)]
struct DocsArgs {
    /// Also take lints from this folder of data-lint files
    #[arg(long = "lints", value_name = "DIR")]
    lint_dirs: Vec<PathBuf>,

    #[command(flatten)]
    config: ConfigArgs,
}

/// Which lints run: `lint` only (`stats` counts for every lint).
#[derive(clap::Args, Default)]
struct SelectArgs {
    /// Add a folder of data-lint files (`<category>/<name>.toml`)
    #[arg(long = "lints", value_name = "DIR")]
    lint_dirs: Vec<PathBuf>,

    /// Turn on lints or categories (comma-separated), including those off by default
    #[arg(long, value_name = "LINT|CATEGORY", value_delimiter = ',')]
    enable: Vec<String>,

    /// Turn off lints or categories (comma-separated; `all` for every lint), before --enable
    #[arg(long, value_name = "LINT|CATEGORY", value_delimiter = ',')]
    disable: Vec<String>,
}

#[derive(clap::Args)]
struct LintArgs {
    /// Files or folders to lint; `-` reads standard input
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// When to use colors in human output (NO_COLOR is honoured by `auto`)
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,

    /// The lowest level that makes the exit status 1
    #[arg(long, value_name = "LEVEL", default_value = "warn", value_parser = fail_level())]
    fail_on: Level,

    /// More documents for corpus lints to compare against (not reported on)
    #[arg(long, value_name = "DIR")]
    corpus: Vec<PathBuf>,

    /// Corpus statistics from `scrapelint stats` (of the whole corpus): lint these
    /// paths against them instead of reading a corpus
    #[arg(long, value_name = "FILE", conflicts_with = "corpus")]
    stats: Option<PathBuf>,

    /// The largest statistics file read (a final file is held as it is, once; one
    /// written with --keep-single takes several times its size)
    #[arg(long, value_name = "SIZE", default_value = "4G", value_parser = walk::parse_size)]
    max_stats_size: u64,

    /// The statistics cache's folder, for a run that lints a few files against a
    /// corpus (a commit's) [default: $SCRAPELINT_CACHE_DIR when set, else
    /// .scrapelint_cache beside the configuration file]
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,

    /// Neither read nor write the statistics cache (whatever --cache-dir says)
    #[arg(long)]
    no_cache: bool,

    #[command(flatten)]
    read: ReadArgs,

    #[command(flatten)]
    config: ConfigArgs,

    #[command(flatten)]
    select: SelectArgs,

    /// Apply safe fixes, writing files atomically, then report what is left
    #[arg(long)]
    fix: bool,

    /// With --fix or --diff: apply unsafe fixes too (deleting lines, rewording)
    #[arg(long)]
    unsafe_fixes: bool,

    /// Print the fixes as a unified diff instead of writing them (exit 1 if any)
    #[arg(long)]
    diff: bool,

    /// Report only findings not recorded in this baseline file
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// Record the current findings in a baseline file and exit 0
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,

    /// Print findings only, no summary
    #[arg(short, long)]
    quiet: bool,

    /// Exit 0 even when findings reach the fail level, or --diff has fixes (errors still exit 2)
    #[arg(long)]
    exit_zero: bool,

    /// Print how many findings each lint has instead of the findings (with
    /// --format json: one JSON object per lint)
    #[arg(long)]
    statistics: bool,

    /// Print the configuration in use, every lint's level and where it came
    /// from (default, the configuration, a flag), and lint nothing
    #[arg(long, conflicts_with = "show_files")]
    show_settings: bool,

    /// After the run, name each `[[ignore]]` entry of the configuration that
    /// accepted no finding (a stale entry)
    #[arg(long)]
    show_unused: bool,

    /// Print the files this run would check (after ignore files, `include`
    /// and `exclude`), one a line, and lint nothing
    #[arg(long)]
    show_files: bool,

    /// Write the findings (or --statistics) to this file instead of standard output (`-`: standard output)
    #[arg(short, long, value_name = "FILE", conflicts_with = "write_baseline")]
    output_file: Option<PathBuf>,

    /// Print on standard error where the run's time went: each lint, each
    /// part of the corpus statistics, reading files and output
    #[arg(long)]
    timings: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// Graphical diagnostics with the source line and a label under the span
    Human,
    /// One line per finding: path:line:col: level[lint] message
    Concise,
    /// JSON Lines: one object per finding
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other CI tools
    Sarif,
    /// GitHub Actions workflow commands: annotations on a pull request's lines
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    Text,
    Json,
    /// The table in the README's "Lints" section
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// `--fail-on`'s levels (not `off`).
fn fail_level() -> impl TypedValueParser<Value = Level> {
    clap::builder::PossibleValuesParser::new(["error", "warn", "info"])
        .map(|s| s.parse().unwrap_or(Level::Warn))
}

/// Parses the arguments, runs, and maps the result to an exit status.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // Usage errors quote the arguments, and a file name can hold
            // escapes or line breaks: then the arguments are parsed again,
            // escaped, for a message that quotes them escaped.
            let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
            let hostile = args.iter().any(|a| a.to_str().is_none_or(|s| render::escape(s) != s));
            if let Some(text) = without_opposite_suggestion(&e).filter(|_| !hostile) {
                eprint!("{text}");
                return ExitCode::from(2);
            }
            if !hostile {
                let _ = e.print();
                return ExitCode::from(2);
            }
            let text = match Cli::try_parse_from(args.iter().map(|a| render::escape(&a.to_string_lossy()))) {
                Err(e) => e.render().to_string(),
                Ok(_) => "error: the arguments are not valid\n".into(),
            };
            eprint!("{}", render::escape_text(&text));
            return ExitCode::from(2);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    let result = match cli.command {
        Command::Lint(args) => lint(args),
        Command::Stats(args) => stats(args),
        Command::Rules { format, docs } => describe(&docs, |reg| {
            Ok(match format {
                RulesFormat::Text => docs::rules_text(reg),
                RulesFormat::Json => docs::rules_json(reg),
                RulesFormat::Markdown => docs::rules_markdown(reg),
            })
        }),
        Command::Explain { name, docs } => describe(&docs, |reg| docs::explain(reg, &name)),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut out = io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "scrapelint", &mut out);
            Ok(0)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Message(m)) => {
            eprintln!("error: {}", render::escape(&m));
            ExitCode::from(2)
        }
        Err(Failure::Reported) => ExitCode::from(2),
    }
}

/// A usage error whose only suggestion is the opposite of what was typed
/// (`--ignore` → `--no-ignore`): the error without it. clap offers the
/// closest name, and the closest to a flag is often its negation.
fn without_opposite_suggestion(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue};
    let text = |k| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) if v.len() == 1 => Some(v[0].clone()),
        _ => None,
    };
    let (typed, offered) = (text(ContextKind::InvalidArg)?, text(ContextKind::SuggestedArg)?);
    let bare = |s: &str| s.trim_start_matches('-').trim_start_matches("no-").to_string();
    let opposite = typed != offered
        && bare(&typed) == bare(&offered)
        && (typed.contains("--no-") != offered.contains("--no-"));
    opposite.then(|| {
        format!("error: unexpected argument '{typed}' found\n\nFor more information, try '--help'.\n")
    })
}

enum Failure {
    /// Print this and exit 2.
    Message(String),
    /// Already printed; exit 2.
    Reported,
    /// stdout was closed (`| head`): stop quietly.
    BrokenPipe,
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Message(e.to_string())
        }
    }
}

/// Prints a setup error (a report pointing into a file, or a message) and fails.
fn setup_failure(e: scrapelint::config::SetupError) -> Failure {
    match e {
        scrapelint::config::SetupError::Message(m) => Failure::Message(m),
        report => {
            eprint!("{}", report.render(output::stderr_theme(), output::width()));
            Failure::Reported
        }
    }
}

/// What `lint` and `stats` share: the configuration, the registry with its
/// levels, the settings for corpus lints, and how to read files.
struct Setup {
    session: Session,
    read: walk::ReadOptions,
    walk: WalkOptions,
    /// The folder of the configuration file, if the run has one.
    config_dir: Option<PathBuf>,
}

fn setup(
    paths: &[PathBuf],
    config_args: &ConfigArgs,
    setup: &SelectArgs,
    read: &ReadArgs,
    quiet: bool,
) -> Result<Setup, Failure> {
    let chosen = choose_config(paths, config_args)?;
    if !quiet {
        for note in chosen.notes(|p| walk::display_path(&walk::relative_to_cwd(p))) {
            eprintln!("{}", render::escape(&note));
        }
    }
    let config_dir = chosen.path.as_deref().and_then(Path::parent).map(Path::to_path_buf);
    let session = Session::new(chosen.config, &setup.lint_dirs, &setup.disable, &setup.enable)
        .map_err(setup_failure)?;
    let jsonl = (read.input == InputFormat::Jsonl).then(|| (read.text_field.clone(), read.id_field.clone()));
    let walk =
        WalkOptions::new(&read.extensions, jsonl.is_some(), read.stdin_filename.as_deref(), read.follow);
    let walk = WalkOptions { ignore_files: !read.no_ignore, ..walk };
    let read = walk::ReadOptions::new(read.max_file_size, read.lossy, jsonl);
    Ok(Setup { session, read, walk, config_dir })
}

/// The configuration `--config`, `--no-config` or discovery from the first
/// path chooses ([`scrapelint::config::choose_from_args`]).
fn choose_config(paths: &[PathBuf], args: &ConfigArgs) -> Result<scrapelint::config::Chosen, Failure> {
    let start = paths.iter().find(|p| p.as_os_str() != "-").cloned().unwrap_or_else(|| ".".into());
    scrapelint::config::choose_from_args(&start, &args.config, args.no_config).map_err(setup_failure)
}

/// The inputs under `paths` the configuration chooses, and the corpus;
/// warnings printed.
fn inputs(
    session: &Session,
    paths: &[PathBuf],
    corpus: Option<&[PathBuf]>,
    walk: &WalkOptions,
    read: &walk::ReadOptions,
) -> Result<scrapelint::session::Inputs, Failure> {
    let inputs = session.inputs(paths, corpus, walk, read).map_err(Failure::Message)?;
    output::warn(&inputs.warnings);
    Ok(inputs)
}

fn lint(args: LintArgs) -> Result<u8, Failure> {
    check_lint_args(&args)?;
    let setup = setup(&args.paths, &args.config, &args.select, &args.read, args.quiet)?;
    let session = match &args.stats {
        Some(file) => setup
            .session
            .with_stats(Frozen::load_limited(file, args.max_stats_size).map_err(|e| {
                Failure::Message(format!("{}: {e}", render::escape(&walk::display_path(file))))
            })?)
            .map_err(|why| Failure::Message(format!("{}: {why}", file.display())))?,
        None => setup.session,
    };
    let reg = &session.registry;
    if args.timings {
        scrapelint::timings::enable(reg.len());
    }
    if args.show_settings {
        return Ok(output::print_lines([docs::settings(&session.config, reg)]).map(|()| 0)?);
    }
    let inputs = inputs(&session, &args.paths, Some(&args.corpus), &setup.walk, &setup.read)?;
    if args.show_files {
        return Ok(output::print_lines(inputs.inputs.iter().map(|i| render::escape(i.display()) + "\n"))
            .map(|()| 0)?);
    }
    let output_file = args.output_file.as_ref().filter(|f| f.as_os_str() != "-");
    if let Some(clash) = output_file.and_then(|out| scrapelint::session::output_clash(&inputs, out)) {
        return Err(Failure::Message(clash));
    }
    let opts = RunOptions {
        read: setup.read.clone(),
        stdin_file: args.read.stdin_filename.as_ref().map(PathBuf::from),
        stats_dir: args.stats.as_deref().map(RunOptions::stats_dir_of),
        fix: FixMode::of(args.fix, args.diff),
        unsafe_fixes: args.unsafe_fixes,
        // Only human output draws related places in other documents.
        skip_related_texts: args.format != Format::Human || args.statistics,
        cache_dir: match (&args.cache_dir, args.no_cache) {
            (_, true) => None,
            (Some(dir), _) => Some(CacheDir { path: dir.clone(), named: true }),
            (None, false) => std::env::var_os("SCRAPELINT_CACHE_DIR")
                .filter(|d| !d.is_empty())
                .map(|d| CacheDir { path: PathBuf::from(d), named: true })
                .or_else(|| {
                    let path = setup.config_dir.as_ref()?.join(".scrapelint_cache");
                    Some(CacheDir { path, named: false })
                }),
        },
    };
    let n = inputs.inputs.len();
    let total = n + inputs.corpus.len() + if session.stats().is_some() { 0 } else { n };
    // Fixing holds the run's reports (they are fixed, then linted again);
    // a run that only reports streams them below.
    let fixed_run = match opts.fix {
        FixMode::Report => None,
        _ => Some(output::with_progress(args.quiet, total, |done| session.run(&inputs, &opts, done))),
    };
    if let Some(run) = &fixed_run {
        output::write_fixes(run, args.quiet, args.diff, args.unsafe_fixes)?;
        if args.diff {
            return Ok(scrapelint::session::exit_code(run.errors.len(), run.fixed > 0 && !args.exit_zero));
        }
    }
    let (fail, hide, record) = (args.fail_on, args.baseline.as_deref(), args.write_baseline.as_deref());
    let mut triage = Triage::new(reg, fail, hide, record).map_err(Failure::Message)?;
    let stdin_fix =
        opts.fix == FixMode::Write && inputs.inputs.iter().any(|i| matches!(i, walk::Input::Bytes { .. }));
    let mut out = open_output(&args, reg, stdin_fix)?;
    let mut print = |run: &RunReport, report| Ok::<_, Failure>(out.print(triage.take(run, report))?);
    let run = match fixed_run {
        Some(mut run) => {
            for report in std::mem::take(&mut run.outcome.reports) {
                print(&run, report)?;
            }
            run
        }
        None => {
            let run = output::with_progress(args.quiet, total, |done| {
                session.stream(&inputs, &opts, done, &mut print)
            })?;
            // A fixing run said them with its fixes.
            if !args.quiet {
                for note in &run.notes {
                    eprintln!("warning: {}", render::escape(note));
                }
            }
            run
        }
    };
    let errors = &run.errors;
    if let Some(written) = triage.write_baseline() {
        let (file, n) = written.map_err(Failure::Message)?;
        eprintln!("wrote {n} findings to the baseline {}", render::escape(&walk::display_path(&file)));
        return Ok(scrapelint::session::exit_code(errors.len(), false));
    }
    out.finish(&triage)?;
    let unused = if args.show_unused { session.unused_ignores() } else { Vec::new() };
    output::close_run(&run, &triage, &unused, args.timings.then_some(reg), args.quiet);
    Ok(triage.exit_code(errors.len(), args.exit_zero))
}

/// Where `lint` writes findings: the file (unless recording a baseline),
/// or standard error when standard output holds the fixed standard input.
fn open_output<'a>(
    args: &LintArgs,
    reg: &'a Registry,
    to_stderr: bool,
) -> Result<output::Output<'a>, Failure> {
    let format = match args.format {
        Format::Human => render::Format::Human(HumanOptions { color: false, width: output::width() }),
        Format::Concise => render::Format::Concise,
        Format::Json => render::Format::Json,
        Format::Github => render::Format::Github,
        Format::Sarif => render::Format::Sarif,
    };
    let color = match args.color {
        Color::Always => Some(true),
        Color::Never => Some(false),
        Color::Auto => None,
    };
    let file = args.output_file.as_deref().filter(|f| f.as_os_str() != "-" && args.write_baseline.is_none());
    let statistics = args.statistics.then_some(args.format == Format::Json);
    output::Output::open(reg, format, color, file, to_stderr, statistics).map_err(Failure::Message)
}

/// Arguments that make no sense together: a usage error before anything is
/// read (or a warning, for one that does nothing).
fn check_lint_args(args: &LintArgs) -> Result<(), Failure> {
    if args.unsafe_fixes && !(args.fix || args.diff) && !args.quiet {
        eprintln!("warning: --unsafe-fixes does nothing without --fix or --diff");
    }
    // Naming standard input without reading it would lint `.` instead.
    if args.read.stdin_filename.is_some() && !args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(Failure::Message(
            "--stdin-filename names standard input: add `-` to the paths to read it".into(),
        ));
    }
    if args.statistics && matches!(args.format, Format::Sarif | Format::Github) {
        return Err(Failure::Message(
            "--statistics writes a table, or JSON with --format json: not SARIF or GitHub annotations".into(),
        ));
    }
    FixMode::of(args.fix, args.diff).refuse(args.read.input == InputFormat::Jsonl).map_err(Failure::Message)
}

fn stats(args: StatsArgs) -> Result<u8, Failure> {
    // The binary file holds the corpus's paths as they are: never raw on a
    // terminal (JSON escapes them).
    if args.output.as_os_str() == "-" && !args.json && io::stdout().is_terminal() {
        return Err(Failure::Message(
            "statistics are binary: write them to a file, pipe them, or add --json to read them".into(),
        ));
    }
    let stats = if args.merge {
        CorpusStats::merge_files_limited(&args.paths, args.max_stats_size).map_err(Failure::Message)?
    } else {
        let setup = setup(&args.paths, &args.config, &SelectArgs::default(), &args.read, args.quiet)?;
        let found = inputs(&setup.session, &args.paths, None, &setup.walk, &setup.read)?;
        let (stats, warnings) = output::with_progress(args.quiet, found.inputs.len(), |done| {
            setup.session.count(&found.inputs, found.errors, &setup.read, done)
        });
        output::warn(&warnings);
        stats.map_err(|errors| {
            // Counts without a file would be silently wrong: write nothing.
            errors.iter().for_each(|e| eprintln!("error: {}", render::escape(e)));
            Failure::Message("statistics not written".into())
        })?
    };
    let wrote = output::write_stats(stats, &args.output, args.partitions, args.keep_single, args.json)?;
    if let Some(wrote) = wrote.filter(|_| !args.quiet) {
        eprintln!("{}", render::escape(&wrote));
    }
    Ok(0)
}

/// `rules` or `explain`: the documentation of the built-in lints and those the
/// configuration's lint folders and `--lints` add, as `lint` would load them.
fn describe(
    setup_args: &DocsArgs,
    text: impl FnOnce(&Registry) -> Result<String, String>,
) -> Result<u8, Failure> {
    let chosen = choose_config(&[], &setup_args.config)?;
    let (reg, _) = chosen.config.setup(&setup_args.lint_dirs, &[], &[]).map_err(setup_failure)?;
    output::print_lines([text(&reg).map_err(Failure::Message)?])?;
    Ok(0)
}
