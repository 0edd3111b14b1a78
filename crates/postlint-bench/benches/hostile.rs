//! `cargo bench -p postlint-bench --bench hostile`: pathological drafts at 64 KiB,
//! 256 KiB and 1 MiB. Time grows linearly when throughput (MiB/s) stays flat
//! across the sizes of one input family.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use postlint::{Config, Linter, RuleSet};
use postlint_bench::corpus;

/// Makes a draft of about the given size in bytes.
type Generator = fn(usize) -> String;

fn families() -> Vec<(&'static str, Generator)> {
    fn repeat(unit: &str, bytes: usize) -> String {
        unit.repeat(bytes / unit.len() + 1)
    }
    vec![
        ("prose line", |n| {
            repeat("Great #physiotalk session on falls prevention 🩺 ", n)
        }),
        ("short lines", |n| repeat("ok\n", n)),
        ("combining marks", |n| format!("f{}uck", "\u{301}".repeat(n / 2))),
        ("asterisks", |n| "*".repeat(n)),
        ("separated near-miss", |n| repeat("f.", n)),
        ("dense findings", |n| repeat("shit bed 12 ", n)),
        ("fullwidth word", |n| "ｆｕｃｋ".repeat(n / 12)),
        // Realistic text, not hostile: the generated archive (posts with
        // emoji, accents and one in seven with a finding) should be as flat.
        ("generated archive", |n| corpus::archive(42, n)),
    ]
}

fn hostile(c: &mut Criterion) {
    let linter = Linter::new(RuleSet::builtin(), Config::default()).expect("built-in rules compile");
    for (name, make) in families() {
        let mut group = c.benchmark_group(name);
        group.sample_size(10);
        for size in [64 << 10, 256 << 10, 1 << 20] {
            let text = make(size);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(size >> 10), &text, |b, text| {
                b.iter(|| linter.lint(black_box(text)).len())
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    targets = hostile
}
criterion_main!(benches);
