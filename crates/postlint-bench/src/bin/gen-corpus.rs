//! Writes the benchmark corpus.
//!
//! ```sh
//! cargo run --release -p postlint-bench --bin gen-corpus -- [OUT_DIR] [SEED] [--quick]
//! ```
//!
//! `OUT_DIR` defaults to `target/bench-corpus`, `SEED` to 42. `--quick` writes
//! a 100,000-post batch instead of 1,000,000. The same seed writes the same bytes.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use postlint_bench::{DEFAULT_SEED, Sizes, default_corpus_dir, write_corpus};

fn main() -> ExitCode {
    let mut dir = None;
    let mut seed = None;
    let mut sizes = Sizes::FULL;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--quick" => sizes = Sizes::QUICK,
            "-h" | "--help" => {
                println!("usage: gen-corpus [OUT_DIR (default target/bench-corpus)] [SEED (default 42)] [--quick]");
                return ExitCode::SUCCESS;
            }
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            _ if seed.is_none() => match arg.parse::<u64>() {
                Ok(s) => seed = Some(s),
                Err(_) => {
                    eprintln!("gen-corpus: SEED must be a number, not {arg:?}");
                    return ExitCode::from(2);
                }
            },
            _ => {
                eprintln!("gen-corpus: unexpected argument {arg:?}");
                return ExitCode::from(2);
            }
        }
    }
    let dir = dir.unwrap_or_else(default_corpus_dir);
    let seed = seed.unwrap_or(DEFAULT_SEED);
    let start = Instant::now();
    match write_corpus(&dir, seed, sizes) {
        Ok(manifest) => {
            print!("{manifest}");
            let shown = dir.canonicalize().unwrap_or(dir);
            println!(
                "written to {} in {:.1} s",
                shown.display(),
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-corpus: {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
