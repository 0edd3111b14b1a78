//! `cargo bench -p postlint-bench --bench lint`: in-memory throughput with
//! the built-in packs over the generated corpus (seed 42, the same posts
//! `gen-corpus` writes), next to the raw scan (one Aho-Corasick pass for every
//! literal term, the practical floor), plus one-post times and `Linter::new`.
//!
//! Group `tweets`: the 5,000 tweet-sized posts, one thread and all cores
//! (threads share one `Linter`). Groups `linkedin` and `archive`: 1,000
//! LinkedIn-length posts and one 10 MB draft, in MB/s (10^6 bytes).

use std::hint::black_box;
use std::thread;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use postlint::{Config, Linter, RuleSet};
use postlint_bench::{DEFAULT_SEED, builtin_linter, corpus, raw_scan, raw_scanner, seeds};

fn lint_all(linter: &Linter, posts: &[String]) -> usize {
    posts.iter().map(|p| linter.lint(black_box(p)).len()).sum()
}

fn lint_parallel(linter: &Linter, posts: &[String], threads: usize) -> usize {
    let chunk = posts.len().div_ceil(threads);
    thread::scope(|s| {
        let handles: Vec<_> = posts
            .chunks(chunk)
            .map(|part| s.spawn(move || lint_all(linter, part)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a linting thread panicked"))
            .sum()
    })
}

fn bytes(posts: &[String]) -> u64 {
    posts.iter().map(|p| p.len() as u64).sum()
}

fn tweets(c: &mut Criterion) {
    let linter = builtin_linter();
    let scanner = raw_scanner(&linter);
    let posts = corpus::tweets(seeds::tweets(DEFAULT_SEED), 5_000);
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    let n = posts.len() as u64;
    eprintln!(
        "tweets: {n} posts, {} bytes; {threads} threads for `all cores`",
        bytes(&posts)
    );

    let mut group = c.benchmark_group("tweets");
    group.throughput(Throughput::Elements(n));
    group.bench_function("lint, 1 thread", |b| b.iter(|| lint_all(&linter, &posts)));
    group.bench_function(format!("lint, {threads} threads"), |b| {
        b.iter(|| lint_parallel(&linter, &posts, threads))
    });
    group.bench_function("raw scan, 1 thread", |b| {
        b.iter(|| posts.iter().map(|p| raw_scan(&scanner, black_box(p))).sum::<usize>())
    });
    group.throughput(Throughput::BytesDecimal(bytes(&posts)));
    group.bench_function("lint, 1 thread (bytes)", |b| b.iter(|| lint_all(&linter, &posts)));
    group.finish();
}

fn long_text(c: &mut Criterion) {
    let linter = builtin_linter();
    let scanner = raw_scanner(&linter);

    let posts = corpus::linkedins(seeds::linkedin(DEFAULT_SEED), 1_000);
    eprintln!("linkedin: {} posts, {} bytes", posts.len(), bytes(&posts));
    let mut group = c.benchmark_group("linkedin");
    group.throughput(Throughput::BytesDecimal(bytes(&posts)));
    group.sample_size(20);
    group.bench_function("lint, 1 thread", |b| b.iter(|| lint_all(&linter, &posts)));
    group.bench_function("raw scan, 1 thread", |b| {
        b.iter(|| posts.iter().map(|p| raw_scan(&scanner, black_box(p))).sum::<usize>())
    });
    group.finish();

    let archive = corpus::archive(seeds::archive(DEFAULT_SEED), 10_000_000);
    eprintln!("archive: {} bytes", archive.len());
    let mut group = c.benchmark_group("archive");
    group.throughput(Throughput::BytesDecimal(archive.len() as u64));
    group.sample_size(10);
    group.bench_function("lint, 1 thread", |b| b.iter(|| linter.lint(black_box(&archive)).len()));
    group.bench_function("raw scan, 1 thread", |b| {
        b.iter(|| raw_scan(&scanner, black_box(&archive)))
    });
    group.finish();
}

fn single_posts(c: &mut Criterion) {
    let linter = builtin_linter();
    let mut rng = corpus::Rng::new(seeds::single(DEFAULT_SEED));
    let short = corpus::post_of_chars(&mut rng, 280);
    let long = corpus::post_of_chars(&mut rng, 3000);
    let mut group = c.benchmark_group("one post");
    group.bench_function("280 chars", |b| b.iter(|| linter.lint(black_box(&short))));
    group.bench_function("3000 chars", |b| b.iter(|| linter.lint(black_box(&long))));
    group.finish();
}

fn build(c: &mut Criterion) {
    let rules = RuleSet::builtin();
    c.bench_function("Linter::new (built-in packs)", |b| {
        b.iter(|| Linter::new(black_box(rules.clone()), Config::default()).expect("compiles"))
    });
    // `Linter::new` leaves the term automata and the trigger sets to the
    // third draft (the first two short ones do without them): this counts them.
    let mut rng = corpus::Rng::new(seeds::single(DEFAULT_SEED));
    let tweet = corpus::post_of_chars(&mut rng, 280);
    let mut group = c.benchmark_group("start-up");
    group.sample_size(20);
    group.bench_function("Linter::new and three tweets (built-in packs)", |b| {
        b.iter(|| {
            let linter = Linter::new(black_box(rules.clone()), Config::default()).expect("compiles");
            (0..3).map(|_| linter.lint(black_box(&tweet)).len()).sum::<usize>()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    targets = tweets, long_text, single_posts, build
}
criterion_main!(benches);
