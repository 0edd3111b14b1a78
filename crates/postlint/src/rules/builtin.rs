//! The built-in packs: every `*.toml` at the top of `rules/`, embedded at
//! compile time with the term lists they name, and read once per process.

use std::sync::LazyLock;

use super::RuleSet;
use crate::both;

include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));

static BUILTIN: LazyLock<RuleSet> = LazyLock::new(|| {
    let packs: Vec<(&str, &str)> = FILES
        .iter()
        .filter(|(path, _)| !path.contains('/') && path.ends_with(".toml"))
        .copied()
        .collect();
    // On two threads, largest first (see `both::each`); the packs are then
    // merged in file order, as one thread would.
    let mut by_size: Vec<usize> = (0..packs.len()).collect();
    by_size.sort_by_key(|&i| std::cmp::Reverse(packs[i].1.len()));
    let mut read: Vec<(usize, RuleSet)> = both::each(by_size.len(), |n| {
        let i = by_size[n];
        (i, read_builtin(packs[i].0, packs[i].1))
    });
    read.sort_by_key(|(i, _)| *i);
    let mut set = RuleSet::empty();
    for (_, pack) in read {
        set.merge(pack)
            .unwrap_or_else(|e| panic!("built-in packs conflict:\n{e}"));
    }
    set
});

fn read_builtin(path: &str, text: &str) -> RuleSet {
    let origin = format!("<builtin>/{path}");
    let files = |relative: &str| {
        FILES
            .iter()
            .find(|(p, _)| *p == relative)
            .map(|(_, t)| (*t).to_owned())
            .ok_or_else(|| format!("no built-in file {relative}"))
    };
    // The built-in packs are checked by the test suite (every example, every
    // key, every pattern compiled), so a failure here is a bug in this
    // build, not a user's mistake; their patterns compile on first use.
    super::read::read_pack_compiling(&origin, text, &files, false)
        .unwrap_or_else(|e| panic!("built-in pack is invalid:\n{e}"))
}

pub(crate) fn rule_set() -> RuleSet {
    BUILTIN.clone()
}

/// The embedded files, for tests that check every pack and list file.
pub fn files() -> &'static [(&'static str, &'static str)] {
    FILES
}
