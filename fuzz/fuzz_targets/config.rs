//! Any text as `scrapelint.toml`: parsed, then validated against the
//! registry, never a panic; errors render.
#![no_main]

use std::path::Path;
use std::sync::{LazyLock, Mutex};

use libfuzzer_sys::fuzz_target;
use scrapelint::config::Config;
use scrapelint::Registry;

static REGISTRY: LazyLock<Mutex<Registry>> = LazyLock::new(|| Mutex::new(Registry::builtin()));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Config::parse(Path::new("scrapelint.toml"), text) {
        Ok(config) => {
            let mut reg = REGISTRY.lock().unwrap();
            let _ = config.check_ignores(&reg);
            let _ = config.options(&reg);
            let _ = config.apply_levels(&mut *reg);
            let _ = config.excluded(Path::new("a/b.txt"));
            let _ = config.ignored_for(Path::new("a/b.txt"));
        }
        Err(e) => {
            let _ = format!("{:?}", miette::Report::new(*e));
        }
    }
});
