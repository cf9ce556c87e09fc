//! The run's settings from the configuration, as the lints read them.

/// What the user told the lints (from the configuration): each lint reads
/// its part once per run ([`crate::lint::Lint::configure`]).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Names known to be spelled right: "Antony Blinken".
    pub names: Vec<String>,
    /// Groups of spellings that are all accepted: ["Kiev", "Kyiv"].
    pub name_variants: Vec<Vec<String>>,
    /// `[lint-options.NAME] KEY = value`, validated against each lint's options.
    pub options: std::collections::BTreeMap<(String, String), f64>,
}

impl Settings {
    /// A lint's option, or its default.
    pub fn option(&self, lint: &str, opt: &LintOption) -> f64 {
        self.options.get(&(lint.to_string(), opt.key.to_string())).copied().unwrap_or(opt.default)
    }
}

/// A number a lint lets the configuration set: `[lint-options.NAME] KEY = value`.
#[derive(Debug, Clone, Copy)]
pub struct LintOption {
    pub key: &'static str,
    pub default: f64,
    pub help: &'static str,
}
