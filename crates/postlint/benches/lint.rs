//! `cargo bench -p postlint`: linting throughput and latency with the built-in packs.

mod corpus;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use postlint::{Config, Linter, RuleSet};

fn linter() -> Linter {
    Linter::new(RuleSet::builtin(), Config::default()).expect("built-in rules compile")
}

fn tweets(c: &mut Criterion) {
    let linter = linter();
    let posts = corpus::tweets(42, 1000);
    let bytes: usize = posts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("tweets");
    group.throughput(Throughput::Elements(posts.len() as u64));
    group.bench_function("1000 posts", |b| {
        b.iter(|| posts.iter().map(|p| linter.lint(black_box(p)).len()).sum::<usize>())
    });
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("1000 posts (bytes)", |b| {
        b.iter(|| posts.iter().map(|p| linter.lint(black_box(p)).len()).sum::<usize>())
    });
    group.finish();
}

fn single_posts(c: &mut Criterion) {
    let linter = linter();
    let mut rng = corpus::Rng::new(7);
    let short = corpus::post(&mut rng, 280);
    let long = corpus::post(&mut rng, 3000);
    let mut group = c.benchmark_group("one post");
    group.bench_function("280 chars", |b| b.iter(|| linter.lint(black_box(&short))));
    group.bench_function("3000 chars", |b| b.iter(|| linter.lint(black_box(&long))));
    group.finish();
}

fn long_text(c: &mut Criterion) {
    let linter = linter();
    let mut rng = corpus::Rng::new(9);
    let archive = corpus::post(&mut rng, 1_000_000);
    let mut group = c.benchmark_group("long text");
    group.throughput(Throughput::Bytes(archive.len() as u64));
    group.sample_size(20);
    group.bench_function("1 MB", |b| b.iter(|| linter.lint(black_box(&archive)).len()));
    group.finish();
}

fn build(c: &mut Criterion) {
    let rules = RuleSet::builtin();
    c.bench_function("Linter::new (built-in packs)", |b| {
        b.iter(|| Linter::new(black_box(rules.clone()), Config::default()).expect("compiles"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    targets = tweets, single_posts, long_text, build
}
criterion_main!(benches);
