//! The built-in packs: every `*.toml` at the top of `rules/`, embedded at
//! compile time with the term lists they name, and read once per process.

use std::sync::LazyLock;

use super::RuleSet;

include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));

static BUILTIN: LazyLock<RuleSet> = LazyLock::new(|| {
    let mut set = RuleSet::empty();
    for (path, text) in FILES
        .iter()
        .filter(|(path, _)| !path.contains('/') && path.ends_with(".toml"))
    {
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
        let pack = super::read::read_pack_compiling(&origin, text, &files, false)
            .unwrap_or_else(|e| panic!("built-in pack is invalid:\n{e}"));
        set.merge(pack)
            .unwrap_or_else(|e| panic!("built-in packs conflict:\n{e}"));
    }
    set
});

pub(crate) fn rule_set() -> RuleSet {
    BUILTIN.clone()
}

/// The embedded files, for tests that check every pack and list file.
pub fn files() -> &'static [(&'static str, &'static str)] {
    FILES
}
