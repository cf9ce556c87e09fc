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

    /// A count option ([`OptionKind::Count`]), or its default.
    pub fn count(&self, lint: &str, opt: &LintOption) -> usize {
        debug_assert!(matches!(opt.kind, OptionKind::Count { .. }), "{} is no count", opt.key);
        self.option(lint, opt) as usize
    }
}

/// A number a lint lets the configuration set: `[lint-options.NAME] KEY = value`.
#[derive(Debug, Clone, Copy)]
pub struct LintOption {
    pub key: &'static str,
    pub default: f64,
    pub help: &'static str,
    /// The values it takes, checked when the configuration loads.
    pub kind: OptionKind,
}

/// What values an option takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OptionKind {
    /// A whole number, `min` or more (`min-documents = 3`).
    Count { min: u64 },
    /// A number from 0 to 1 (`unrelated-below = 0.05`).
    Share,
}

impl OptionKind {
    /// What the configuration must write, for messages and `explain`.
    pub fn describe(self) -> String {
        match self {
            OptionKind::Count { min } => format!("a whole number, {min} or more"),
            OptionKind::Share => "a number from 0 to 1".to_string(),
        }
    }

    /// The value, if it is one the option takes: an integer for a count
    /// (`2.5` documents is no count), an integer or a float for a share.
    pub fn accepts(self, value: &toml::Value) -> Option<f64> {
        match (self, value) {
            (OptionKind::Count { min }, toml::Value::Integer(i)) => {
                (*i >= 0 && *i as u64 >= min).then_some(*i as f64)
            }
            (OptionKind::Share, toml::Value::Integer(i)) => (0..=1).contains(i).then_some(*i as f64),
            (OptionKind::Share, toml::Value::Float(f)) => (0.0..=1.0).contains(f).then_some(*f),
            _ => None,
        }
    }
}
