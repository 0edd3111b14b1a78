//! Benchmarks for postlint (not published): the corpus generator shared by
//! the criterion benches (`cargo bench -p postlint-bench`), the `latency`
//! probe and the `gen-corpus` binary that writes the corpus for whole-process
//! timing (`scripts/bench.sh`). See `BENCHMARKS.md` at the repository root.

pub mod corpus;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use postlint::{Config, Linter, RuleSet};

/// The seed every benchmark uses unless told otherwise.
pub const DEFAULT_SEED: u64 = 42;

/// Seeds of the parts of the corpus, derived from one seed so the parts differ.
pub mod seeds {
    /// The tweets (the 5,000 files are the first of these).
    pub fn tweets(seed: u64) -> u64 {
        seed
    }
    /// The JSON Lines batch.
    pub fn batch(seed: u64) -> u64 {
        seed ^ 0x6261_7463_6800_0000
    }
    /// The LinkedIn-length posts.
    pub fn linkedin(seed: u64) -> u64 {
        seed ^ 0x6c69_6e6b_6564_0000
    }
    /// The archive.
    pub fn archive(seed: u64) -> u64 {
        seed ^ 0x6172_6368_6976_6500
    }
    /// The single posts the latency probe times.
    pub fn single(seed: u64) -> u64 {
        seed ^ 0x7369_6e67_6c65_0000
    }
}

/// How much of each part to write.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    /// Tweet-sized posts written one per file.
    pub tweet_files: usize,
    /// Posts in the JSON Lines batch.
    pub batch_posts: usize,
    /// LinkedIn-length posts written one per file.
    pub linkedin_files: usize,
    /// Bytes of the archive (at least).
    pub archive_bytes: usize,
}

impl Sizes {
    /// The full corpus of issue 7: 5,000 files, 1,000,000 posts, 1,000
    /// LinkedIn posts and a 10 MB archive.
    pub const FULL: Sizes = Sizes {
        tweet_files: 5_000,
        batch_posts: 1_000_000,
        linkedin_files: 1_000,
        archive_bytes: 10_000_000,
    };
    /// A smaller corpus for a quick look (100,000-post batch).
    pub const QUICK: Sizes = Sizes {
        tweet_files: 5_000,
        batch_posts: 100_000,
        linkedin_files: 200,
        archive_bytes: 10_000_000,
    };
}

/// The workspace's `target/bench-corpus`, where the corpus goes by default.
pub fn default_corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-corpus")
}

/// Writes the corpus under `dir` and returns a manifest of what was written:
///
/// - `tweets/tweet-NNNNN.txt`: tweet-sized posts, one per file;
/// - `posts.jsonl`: a batch of tweet-sized posts, `{"id": "...", "text": "..."}` per line
///   (what `postlint check --posts` reads);
/// - `linkedin/linkedin-NNNN.txt`: LinkedIn-length posts, one per file;
/// - `archive.txt`: one draft of about 10 MB (posts separated by blank lines);
/// - `draft.txt`: one short clean draft; `draft-flagged.txt`: one with a finding;
/// - `MANIFEST.txt`: the seed and sizes.
pub fn write_corpus(dir: &Path, seed: u64, sizes: Sizes) -> io::Result<String> {
    let mut manifest = format!("postlint-bench corpus, seed {seed}\n");
    fs::create_dir_all(dir)?;

    let tweet_dir = dir.join("tweets");
    recreate(&tweet_dir)?;
    let tweets = corpus::tweets(seeds::tweets(seed), sizes.tweet_files);
    let mut bytes = 0;
    for (i, text) in tweets.iter().enumerate() {
        fs::write(tweet_dir.join(format!("tweet-{i:05}.txt")), text)?;
        bytes += text.len();
    }
    manifest += &format!("tweets/: {} files, {bytes} bytes\n", tweets.len());

    let mut rng = corpus::Rng::new(seeds::batch(seed));
    let mut out = BufWriter::with_capacity(1 << 20, fs::File::create(dir.join("posts.jsonl"))?);
    let mut bytes = 0;
    let mut text_bytes = 0;
    for i in 0..sizes.batch_posts {
        let text = corpus::tweet(&mut rng);
        text_bytes += text.len();
        let line = serde_json::json!({ "id": format!("p{i:07}"), "text": text }).to_string();
        bytes += line.len() + 1;
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    manifest += &format!(
        "posts.jsonl: {} posts, {bytes} bytes ({text_bytes} bytes of post text)\n",
        sizes.batch_posts
    );

    let linkedin_dir = dir.join("linkedin");
    recreate(&linkedin_dir)?;
    let posts = corpus::linkedins(seeds::linkedin(seed), sizes.linkedin_files);
    let mut bytes = 0;
    for (i, text) in posts.iter().enumerate() {
        fs::write(linkedin_dir.join(format!("linkedin-{i:04}.txt")), text)?;
        bytes += text.len();
    }
    manifest += &format!("linkedin/: {} files, {bytes} bytes\n", posts.len());

    let archive = corpus::archive(seeds::archive(seed), sizes.archive_bytes);
    fs::write(dir.join("archive.txt"), &archive)?;
    manifest += &format!("archive.txt: {} bytes\n", archive.len());

    let (clean, flagged) = single_drafts(seed);
    fs::write(dir.join("draft.txt"), &clean)?;
    fs::write(dir.join("draft-flagged.txt"), &flagged)?;
    manifest += &format!(
        "draft.txt: {} bytes (clean); draft-flagged.txt: {} bytes\n",
        clean.len(),
        flagged.len()
    );

    fs::write(dir.join("MANIFEST.txt"), &manifest)?;
    Ok(manifest)
}

fn recreate(dir: &Path) -> io::Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir)
}

/// The built-in packs with the default configuration.
pub fn builtin_linter() -> Linter {
    Linter::new(RuleSet::builtin(), Config::default()).expect("the built-in packs compile")
}

/// One short tweet with no finding and one with a finding, from `seed`.
pub fn single_drafts(seed: u64) -> (String, String) {
    let linter = builtin_linter();
    let mut rng = corpus::Rng::new(seeds::single(seed));
    let mut clean = None;
    let mut flagged = None;
    while clean.is_none() || flagged.is_none() {
        let text = corpus::tweet(&mut rng);
        let slot = if linter.lint(&text).is_empty() {
            &mut clean
        } else {
            &mut flagged
        };
        if slot.is_none() && text.chars().count() > 120 {
            *slot = Some(text);
        }
    }
    (clean.unwrap_or_default(), flagged.unwrap_or_default())
}

/// The raw scan, the practical floor for linting: one Aho-Corasick automaton
/// over every literal term of every enabled rule (`Linter::literals`), with
/// standard semantics. It is ASCII case-insensitive, so it scans the text as
/// given; the linter instead scans a lower-case view with a case-sensitive
/// automaton, which builds faster and finds the same.
pub fn raw_scanner(linter: &Linter) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(true)
        .build(linter.literals())
        .expect("the literals build an automaton")
}

/// Scans `text` with the raw scanner and counts the matches. It uses
/// `find_overlapping_iter`, as the linter does, so the floor walks the same
/// automaton the same way and reports every match, not only the leftmost
/// non-overlapping ones; it does no folding, boundary checks, regexes or rules.
pub fn raw_scan(scanner: &AhoCorasick, text: &str) -> usize {
    scanner.find_overlapping_iter(text).count()
}
