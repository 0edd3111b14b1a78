//! The generator is deterministic and realistic: the same seed gives the same
//! bytes, tweets fit in 280 characters, and the share of posts the built-in
//! packs flag is in the intended range (about one in seven).

use std::collections::BTreeSet;

use postlint_bench::{Sizes, builtin_linter, corpus, seeds, write_corpus};

/// FNV-1a over the posts, with a separator, so the hash pins the bytes.
fn fnv(posts: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in posts {
        for &b in p.as_bytes().iter().chain(&[0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[test]
fn same_seed_same_bytes() {
    let a = corpus::tweets(42, 1_000);
    assert_eq!(a, corpus::tweets(42, 1_000));
    assert_ne!(a, corpus::tweets(43, 1_000));
    assert_eq!(corpus::linkedins(7, 20), corpus::linkedins(7, 20));
    assert_eq!(corpus::archive(9, 100_000), corpus::archive(9, 100_000));
    // Pinned, so a change to the generator is noticed: published figures are
    // only comparable over the same corpus. If you change it on purpose,
    // update these and say so in BENCHMARKS.md.
    assert_eq!(fnv(&a), 16_588_078_966_608_237_069, "tweets(42, 1000) changed");
    assert_eq!(
        fnv(&corpus::linkedins(seeds::linkedin(42), 20)),
        337_269_552_203_468_969,
        "linkedins changed"
    );
}

#[test]
fn tweets_fit_and_vary() {
    let posts = corpus::tweets(seeds::tweets(42), 5_000);
    let lengths: Vec<usize> = posts.iter().map(|p| p.chars().count()).collect();
    assert!(lengths.iter().all(|&n| (1..=corpus::TWEET_MAX_CHARS).contains(&n)));
    let short = lengths.iter().filter(|&&n| n < 100).count();
    let long = lengths.iter().filter(|&&n| n > 200).count();
    assert!(short > 500 && long > 500, "{short} short, {long} long");
    assert!(posts.iter().any(|p| p.contains('\u{200d}')), "no ZWJ emoji");
    assert!(
        posts
            .iter()
            .any(|p| p.contains('#') && p.contains('@') && p.contains("https://"))
    );
    assert!(posts.iter().any(|p| p.contains('ł') || p.contains('é')));
}

#[test]
fn share_of_posts_with_findings() {
    let linter = builtin_linter();
    let posts = corpus::tweets(seeds::tweets(42), 1_500);
    let mut flagged = 0;
    let mut packs = BTreeSet::new();
    for p in &posts {
        let found = linter.lint(p);
        if !found.is_empty() {
            flagged += 1;
        }
        for d in found {
            packs.insert(d.rule.as_str().split('/').next().unwrap_or_default().to_owned());
        }
    }
    let share = flagged as f64 / posts.len() as f64;
    assert!(
        (0.10..=0.20).contains(&share),
        "{flagged} of {} tweets flagged",
        posts.len()
    );
    let expected: BTreeSet<String> = [
        "conflicts-of-interest",
        "patient-identifiers",
        "professionalism",
        "swearing",
    ]
    .map(String::from)
    .into();
    assert_eq!(packs, expected);

    let long = corpus::linkedins(seeds::linkedin(42), 60);
    let flagged = long.iter().filter(|p| !linter.lint(p).is_empty()).count();
    assert!((6..=21).contains(&flagged), "{flagged} of 60 LinkedIn posts flagged");
}

#[test]
fn writes_a_small_corpus() {
    let dir = std::env::temp_dir().join(format!("postlint-bench-test-{}", std::process::id()));
    let sizes = Sizes {
        tweet_files: 20,
        batch_posts: 50,
        linkedin_files: 3,
        archive_bytes: 5_000,
    };
    let manifest = write_corpus(&dir, 42, sizes).expect("writes");
    assert!(manifest.contains("posts.jsonl: 50 posts"), "{manifest}");
    let batch = std::fs::read_to_string(dir.join("posts.jsonl")).expect("reads");
    let first: serde_json::Value = serde_json::from_str(batch.lines().next().expect("a line")).expect("JSON");
    assert_eq!(first["id"], "p0000000");
    assert!(first["text"].is_string());
    assert_eq!(std::fs::read_dir(dir.join("tweets")).expect("tweets").count(), 20);
    let tweet = std::fs::read_to_string(dir.join("tweets/tweet-00000.txt")).expect("reads");
    assert_eq!(tweet, corpus::tweets(seeds::tweets(42), 1)[0]);
    std::fs::remove_dir_all(&dir).expect("cleans up");
}
