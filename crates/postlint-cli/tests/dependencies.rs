//! "No network" is kept by what postlint is built from: the core has no I/O at
//! all (its `clippy.toml` forbids file, environment and process access), and
//! neither it nor the command line depends on any crate that talks to a
//! network. A new dependency could bring that in, so the normal dependencies
//! of both crates are pinned to this list: adding one fails here until it has
//! been looked at and added, on purpose, to the list.
#![allow(clippy::disallowed_methods, reason = "reads the manifests")]

use std::path::Path;

/// The names under `[dependencies]` in a Cargo manifest.
fn dependencies(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
    let mut names: Vec<String> = text
        .lines()
        .skip_while(|line| line.trim() != "[dependencies]")
        .skip(1)
        .take_while(|line| !line.trim_start().starts_with('['))
        .filter_map(|line| line.split_once('=').map(|(name, _)| name.trim()))
        .filter(|name| !name.is_empty() && !name.starts_with('#'))
        .map(|name| name.split('.').next().unwrap_or(name).to_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_core_and_the_command_line_depend_only_on_reviewed_crates() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(
        dependencies(&here.join("Cargo.toml")),
        [
            "annotate-snippets",
            "anyhow",
            "clap",
            "csv",
            "ignore",
            "postlint",
            "serde",
            "serde_json",
            "similar",
            "tempfile",
            // Character widths, as annotate-snippets counts them (already in the tree).
            "unicode-width"
        ],
        "postlint-cli's dependencies changed: check the new one does no network I/O, then update this list"
    );
    assert_eq!(
        dependencies(&here.join("../postlint/Cargo.toml")),
        [
            "aho-corasick",
            // The regex engine (beneath the `regex` crate, which only the tests use).
            "regex-automata",
            // The parser beneath `regex` (already in the tree), for patterns' keywords.
            "regex-syntax",
            "serde",
            "thiserror",
            "toml",
            "unicode-normalization",
            "unicode-segmentation"
        ],
        "postlint's dependencies changed: check the new one does no I/O, then update this list"
    );
}
