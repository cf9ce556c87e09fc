//! What `rules`, `explain`, `--timings` and the run's summary line say, as
//! text: the command line prints it, the Python package returns it.

use crate::escape::{escape, escape_text, json_safe};
use crate::level::Level;
use crate::lint::{Category, LintInfo};
use crate::registry::Registry;

/// Whether a lint's fixes are safe (applied by `--fix`), unsafe (need
/// `--unsafe-fixes`), or either, case by case: as the lint declares it.
fn fix_safety(i: &LintInfo) -> &'static str {
    i.fix.safety().map_or("-", crate::lint::FixSafety::as_str)
}

/// The lints by category, then name.
fn by_category(reg: &Registry) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..reg.len()).collect();
    ids.sort_by_key(|&id| (reg.info(id).category, reg.info(id).name.clone()));
    ids
}

/// One lint's row of `rules`: name, category, default level, fix, its safety, summary.
fn columns(i: &LintInfo) -> [String; 6] {
    [
        i.name.to_string(),
        i.category.as_str().to_string(),
        i.default_level().as_str().to_string(),
        i.fix.as_str().to_string(),
        fix_safety(i).to_string(),
        i.summary().to_string(),
    ]
}

/// `rules`: a table, one lint a line.
pub fn rules_text(reg: &Registry) -> String {
    let w = (0..reg.len()).map(|id| reg.info(id).name.len()).max().unwrap_or(4);
    let mut out =
        format!("{:w$}  {:12} {:5}  {:4} {:6} summary\n", "name", "category", "level", "fix", "safety");
    for id in by_category(reg) {
        let [name, category, level, fix, safety, summary] = columns(reg.info(id));
        out.push_str(&format!(
            "{:w$}  {category:12} {level:5}  {fix:4} {safety:6} {}\n",
            escape(&name),
            escape(&summary)
        ));
    }
    out
}

/// `rules --format json`: one JSON object a line, in the text's order.
pub fn rules_json(reg: &Registry) -> String {
    let mut out = String::new();
    for id in by_category(reg) {
        let [name, category, level, fix, fix_safety, summary] = columns(reg.info(id));
        let v = serde_json::json!({
            "name": name, "category": category, "level": level, "fix": fix,
            "fix_safety": fix_safety, "summary": summary,
        });
        out.push_str(&json_safe(v.to_string()));
        out.push('\n');
    }
    out
}

/// `rules --format markdown`: the README's table.
pub fn rules_markdown(reg: &Registry) -> String {
    let cell = |s: &str| escape(s).replace('|', "\\|");
    let mut out =
        String::from("| lint | category | default | fix | safety | summary |\n|---|---|---|---|---|---|\n");
    for id in by_category(reg) {
        let [name, category, level, fix, safety, summary] = columns(reg.info(id));
        out.push_str(&format!(
            "| `{}` | {category} | {level} | {fix} | {safety} | {} |\n",
            cell(&name),
            cell(&summary)
        ));
    }
    out
}

/// `explain NAME`: a lint's documentation and options, or a category's
/// lints; an unknown name is an error that suggests close ones.
pub fn explain(reg: &Registry, name: &str) -> Result<String, String> {
    if let (None, Ok(cat)) = (reg.find(name), name.parse::<Category>()) {
        return Ok(explain_category(reg, cat));
    }
    let Some(id) = reg.find(name) else {
        let close: Vec<&str> = (0..reg.len())
            .map(|id| &*reg.info(id).name)
            .chain(Category::ALL.iter().map(|c| c.as_str()))
            .filter(|n| n.contains(name) || name.contains(n) || crate::words::edit_distance(n, name, 3) <= 3)
            .collect();
        let hint = if close.is_empty() {
            String::new()
        } else {
            format!("; did you mean `{}`?", close.join("`, `"))
        };
        return Err(format!("unknown lint or category `{name}`{hint} (see `scrapelint rules`)"));
    };
    let i = reg.info(id);
    let mut out = format!(
        "# {}\n\ncategory: {} · default level: {} · fix: {}\n\n",
        escape(&i.name),
        i.category,
        i.default_level(),
        i.fix.as_str()
    );
    out.push_str(&escape_text(&docs(i)));
    out.push('\n');
    let options = reg.lint(id).options();
    if !options.is_empty() {
        out.push_str(&format!("\n## Options\nSet in `scrapelint.toml` under `[lint-options.{}]`:\n", i.name));
        for o in options {
            out.push_str(&format!(
                "- `{}` ({}, default {}): {}\n",
                o.key,
                o.kind.describe(),
                o.default,
                o.help
            ));
        }
    }
    Ok(out)
}

/// A lint's documentation, its common indentation removed.
pub fn docs(i: &LintInfo) -> String {
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let common = i.docs.lines().filter(|l| !l.trim().is_empty()).map(indent).min().unwrap_or(0);
    let lines: Vec<&str> = i.docs.lines().map(|l| l.get(common..).unwrap_or("")).collect();
    lines.join("\n").trim_matches('\n').trim_end().to_string()
}

/// What a category holds, for `explain CATEGORY`.
fn category_about(c: Category) -> &'static str {
    use Category::*;
    match c {
        Input => "Files that could not be read as text: not UTF-8, binary, JSONL records that hold no document.",
        Boilerplate => "Lines the scraper kept from the page around the article: links back, prompts, bylines, captions, furniture.",
        Typography => "Punctuation and spacing damage: stray or doubled punctuation, glued sentences, stripped apostrophes and quotes.",
        Unicode => "Invisible, confusable or mis-decoded characters: odd spaces, zero-width and control characters, mojibake, entities.",
        Structure => "Paragraph-level damage: duplicates, comment threads, insertions, chrome repeated across documents.",
        Names => "Names spelled inconsistently across the corpus, or near misses of names the configuration lists.",
    }
}

fn explain_category(reg: &Registry, cat: Category) -> String {
    let mut out = format!("# {cat} (category)\n\n{}\n\n", category_about(cat));
    out.push_str(&format!(
        "Default level: {}. Set it in `scrapelint.toml` (`[lints] {cat} = \"info\"`); a lint's own \
         entry beats it, and it does not switch on the lints marked off.\n\n",
        cat.default_level()
    ));
    let mut ids: Vec<usize> = (0..reg.len()).filter(|&id| reg.info(id).category == cat).collect();
    ids.sort_by_key(|&id| reg.info(id).name.clone());
    let w = ids.iter().map(|&id| reg.info(id).name.len()).max().unwrap_or(4);
    out.push_str(&format!("{:w$}  {:5}  {:6} summary\n", "lint", "level", "fix"));
    for id in ids {
        let i = reg.info(id);
        out.push_str(&format!(
            "{:w$}  {:5}  {:6} {}\n",
            escape(&i.name),
            i.default_level().as_str(),
            fix_safety(i),
            escape(&i.summary())
        ));
    }
    out.push_str("\n`scrapelint explain LINT` documents each one.\n");
    out
}

/// `--timings`: each lint's and step's share of the run's CPU time, most first.
pub fn timings_table(reg: &Registry) -> String {
    let cpu = crate::timings::process_cpu();
    let crate::timings::Report { lints, steps } = crate::timings::report();
    let mut rows: Vec<(String, f64)> =
        lints.into_iter().map(|(id, s)| (reg.info(id).name.to_string(), s)).collect();
    rows.extend(steps.into_iter().filter(|&(_, s)| s > 0.0).map(|(step, s)| (step.label().to_string(), s)));
    rows.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let timed: f64 = rows.iter().map(|r| r.1).sum();
    rows.push(("rest".into(), (cpu - timed).max(0.0)));
    let share = |s: f64| if cpu > 0.0 { 100.0 * s / cpu } else { 0.0 };
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let mut out = format!("timings: {cpu:.2} s of CPU in all (user and system, every thread)\n");
    for (name, s) in rows {
        out.push_str(&format!("  {:<width$}  {s:>8.3} s  {:>5.1}%\n", escape(&name), share(s)));
    }
    out
}

/// The run's last line: "3 findings (1 error, 2 warnings) in 5 files checked".
pub fn summary(counts: [usize; 4], files: usize, errors: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let total: usize = counts.iter().sum();
    let files = plural(files, "file", "files");
    let mut s = if total == 0 {
        format!("no findings in {files} checked")
    } else {
        let mut parts = Vec::new();
        for (level, one, many) in [
            (Level::Error, "error", "errors"),
            (Level::Warn, "warning", "warnings"),
            (Level::Info, "info", "info"),
        ] {
            let n = counts[level as usize];
            if n > 0 {
                parts.push(plural(n, one, many));
            }
        }
        format!("{} ({}) in {files} checked", plural(total, "finding", "findings"), parts.join(", "))
    };
    if errors > 0 {
        s.push_str(&format!("; {} (above)", plural(errors, "error", "errors")));
    }
    s
}

/// `--statistics`: each lint's count of findings, most first; how many have
/// a fix `--fix` applies (safe) and how many more `--unsafe-fixes` would.
pub fn statistics_table(
    reg: &Registry,
    per_lint: &std::collections::BTreeMap<usize, (usize, usize, usize)>,
    json: bool,
) -> String {
    let mut rows: Vec<(usize, (usize, usize, usize))> = per_lint.iter().map(|(&id, &c)| (id, c)).collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| reg.info(a.0).name.cmp(&reg.info(b.0).name)));
    let w = rows.iter().map(|(id, _)| reg.info(*id).name.len()).max().unwrap_or(4);
    let mut out = String::new();
    for (id, (count, safe, any)) in rows {
        let name = &reg.info(id).name;
        let level = reg.level(id).as_str();
        if json {
            let v = serde_json::json!({
                "code": name, "count": count, "level": level,
                "fixable": safe, "unsafe_fixable": any - safe,
            });
            out.push_str(&json_safe(v.to_string()));
        } else {
            let mut fixes = Vec::new();
            if safe > 0 {
                fixes.push(format!("{safe} fixable"));
            }
            if any > safe {
                fixes.push(format!("{} with --unsafe-fixes", any - safe));
            }
            out.push_str(
                format!("{count:>7}  {:w$}  {level:5}  {}", escape(name), fixes.join(", ")).trim_end(),
            );
        }
        out.push('\n');
    }
    out
}

/// `--show-settings`: the configuration in use, every lint's level and
/// where it came from, and the rest of what the configuration sets.
pub fn settings(config: &crate::config::Config, reg: &Registry) -> String {
    let shown = |p: &std::path::Path| escape(&crate::walk::display_path(p));
    let mut out = match &config.path {
        Some(p) => format!("configuration: {}\n", shown(p)),
        None => "configuration: none (built-in defaults)\n".to_string(),
    };
    let list = |v: &[String]| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.iter().map(|g| escape(g)).collect::<Vec<_>>().join(", ")
        }
    };
    out.push_str(&format!("include: {}\nexclude: {}\n", list(&config.globs.0), list(&config.globs.1)));
    let paths = |v: &[std::path::PathBuf]| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.iter().map(|p| shown(p)).collect::<Vec<_>>().join(", ")
        }
    };
    out.push_str(&format!("corpus: {}\nlint-dirs: {}\n", paths(&config.corpus), paths(&config.lint_dirs)));
    out.push_str(&format!(
        "names: {}; name-variants: {} groups\n",
        config.names.len(),
        config.name_variants.len()
    ));
    for (glob, lints) in config.ignores() {
        out.push_str(&format!("per-file-ignores: {} = {}\n", escape(glob), escape(&lints.join(", "))));
    }
    for (lint, key, value) in config.option_entries() {
        out.push_str(&format!("lint-options: {}.{} = {}\n", escape(lint), escape(key), escape(&value)));
    }
    let w = (0..reg.len()).map(|id| reg.info(id).name.len()).max().unwrap_or(4);
    out.push_str(&format!("\n{:w$}  {:5}  from\n", "lint", "level"));
    for id in by_category(reg) {
        out.push_str(&format!(
            "{:w$}  {:5}  {}\n",
            escape(&reg.info(id).name),
            reg.level(id).as_str(),
            escape(reg.origin(id))
        ));
    }
    out
}

/// The end of `scrapelint --help`: exit status and examples.
pub const AFTER_HELP: &str = "\
Exit status: 0 when no finding reaches the fail level, 1 when one does,
2 for usage, configuration or I/O errors.

Examples:
  scrapelint lint seeds/                  lint every .txt file under seeds/
  scrapelint lint --format json corpus/   one JSON object per finding
  cat a.txt | scrapelint lint - --stdin-filename a.txt
  scrapelint rules                        list every lint
  scrapelint explain stray-period         a lint's documentation";

/// The end of `scrapelint stats --help`.
pub const STATS_HELP: &str = "\
Examples:
  scrapelint stats shard-00.jsonl.gz --input jsonl -o shard-00.stats
  scrapelint stats --merge shard-*.stats -o all.stats
  scrapelint lint --input jsonl --stats all.stats shard-00.jsonl.gz

Merging is associative and commutative: merge in any order or tree. A shard
linted with --stats all.stats gets the findings of one run over every shard.

With --partitions N each shard writes N files, one a partition of the keys
(-o 'shard-00.{}.stats'); each partition of every shard merges on its own
(stats --merge shard-*.3.stats -o part-3.stats), holding 1/N of the keys, and
the merged partitions join into the whole (stats --merge part-*.stats).";

/// The end of `scrapelint completions --help`.
pub const COMPLETIONS_HELP: &str = "\
Examples:
  scrapelint completions bash > ~/.local/share/bash-completion/completions/scrapelint
  scrapelint completions zsh > ~/.zfunc/_scrapelint
  scrapelint completions fish > ~/.config/fish/completions/scrapelint.fish";
