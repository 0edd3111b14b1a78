//! A workload for profilers: lints generated text with the built-in packs.
//!
//! ```sh
//! cargo build --release -p postlint-bench --example profile
//! valgrind --tool=callgrind --toggle-collect='postlint::linter::Linter::lint' \
//!     --callgrind-out-file=target/callgrind.out target/release/examples/profile tweets 2000 5
//! callgrind_annotate --inclusive=yes target/callgrind.out | head -40
//! ```
//!
//! `profile tweets [COUNT] [PASSES]` lints COUNT tweets (default 2,000) PASSES
//! times (default 5); `profile archive [BYTES]` lints one archive of BYTES
//! (default 1,000,000); `profile linkedin [COUNT] [PASSES]` lints COUNT
//! LinkedIn posts (default 200) PASSES times (default 1). `--toggle-collect` leaves out generating the corpus and
//! `Linter::new`.

use std::hint::black_box;

use postlint_bench::{DEFAULT_SEED, builtin_linter, corpus, seeds};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let linter = builtin_linter();
    let (what, texts, passes) = match args.first().map(String::as_str).unwrap_or("tweets") {
        "archive" => (
            "archive",
            vec![corpus::archive(seeds::archive(DEFAULT_SEED), number(1, 1_000_000))],
            1,
        ),
        "linkedin" => (
            "linkedin posts",
            corpus::linkedins(seeds::linkedin(DEFAULT_SEED), number(1, 200)),
            number(2, 1),
        ),
        _ => (
            "tweets",
            corpus::tweets(seeds::tweets(DEFAULT_SEED), number(1, 2_000)),
            number(2, 5),
        ),
    };
    let mut findings = 0;
    for _ in 0..passes {
        findings += texts.iter().map(|t| linter.lint(black_box(t)).len()).sum::<usize>();
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} {what} ({bytes} bytes) x {passes} passes: {findings} findings",
        texts.len()
    );
}
