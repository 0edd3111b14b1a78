//! Latency of one `Linter::lint` call, which criterion does not give as
//! percentiles: times every call with `Instant` and prints the median, p99
//! and p99.9.
//!
//! ```sh
//! cargo run --release -p postlint-bench --bin latency -- [SCALE]
//! ```
//!
//! Lints one 280-character post 200,000 times, one 280-character post with a
//! finding 200,000 times and one 3,000-character post 20,000 times (times
//! SCALE, default 1), after a warm-up, with the built-in packs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use postlint::Linter;
use postlint_bench::{DEFAULT_SEED, builtin_linter, corpus, seeds};

fn main() {
    let scale: f64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let runs = |n: f64| ((n * scale) as usize).max(100);

    let start = Instant::now();
    let linter = builtin_linter();
    let built = start.elapsed();

    let mut rng = corpus::Rng::new(seeds::single(DEFAULT_SEED));
    let (short, flagged) = loop {
        let text = corpus::post_of_chars(&mut rng, 280);
        if linter.lint(&text).is_empty() {
            let mut with_finding = corpus::finding(&mut rng);
            with_finding.push(' ');
            with_finding.push_str(&text);
            break (text, with_finding.chars().take(280).collect::<String>());
        }
    };
    let long = corpus::post_of_chars(&mut rng, 3000);

    println!(
        "postlint-bench latency (built-in packs: {} rules, {} literal terms; first Linter::new: {:.2} ms)",
        linter.enabled_rules().count(),
        linter.literals().count(),
        ms(built)
    );
    println!();
    println!("| draft | chars | bytes | findings | runs | median | p99 | p99.9 | mean |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    row(&linter, "280 chars, clean", &short, runs(200_000.0));
    row(&linter, "280 chars, one finding", &flagged, runs(200_000.0));
    row(&linter, "3,000 chars", &long, runs(20_000.0));
}

fn row(linter: &Linter, name: &str, text: &str, runs: usize) {
    let findings = linter.lint(text).len();
    for _ in 0..runs / 10 {
        black_box(linter.lint(black_box(text)));
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let found = linter.lint(black_box(text));
        times.push(start.elapsed());
        black_box(found);
    }
    let mean = times.iter().sum::<Duration>() / runs as u32;
    times.sort_unstable();
    let at = |q: f64| times[((runs as f64 * q) as usize).min(runs - 1)];
    println!(
        "| {name} | {} | {} | {findings} | {runs} | {} | {} | {} | {} |",
        text.chars().count(),
        text.len(),
        us(at(0.5)),
        us(at(0.99)),
        us(at(0.999)),
        us(mean)
    );
}

fn us(d: Duration) -> String {
    format!("{:.2} µs", d.as_secs_f64() * 1e6)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
