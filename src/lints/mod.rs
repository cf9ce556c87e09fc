//! Code lints: one file each, one line here.

mod input;
mod link_list;
mod stray_period;

use crate::lint::Lint;

pub use input::{BinaryFile, InvalidUtf8};

/// Every code lint, in the order `scrapelint rules` lists them.
pub fn all() -> Vec<Box<dyn Lint>> {
    vec![
        Box::<input::InvalidUtf8>::default(),
        Box::<input::BinaryFile>::default(),
        Box::<stray_period::StrayPeriod>::default(),
        Box::<link_list::LinkList>::default(),
    ]
}
