//! One `Linter` shared by many threads gives exactly what one thread gives.
//!
//! Every fixture draft is linted and fixed once sequentially, then again by
//! several threads at once that all borrow the same linter, each starting at a
//! different draft so that different drafts are in flight together. Any state shared between calls (a cache, a scratch buffer) that
//! leaked from one draft into another would show up as a difference.
#![allow(clippy::disallowed_methods, reason = "tests read their case files from disk")]

use std::path::{Path, PathBuf};

use postlint::{Config, Diagnostic, Linter, RuleSet};

fn drafts() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut folders = vec![root];
    let mut drafts = Vec::new();
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read fixtures folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).expect("read fixture");
                drafts.push((path, text));
            }
        }
    }
    drafts.sort();
    drafts
}

type Outcome = (Vec<Diagnostic>, String, Vec<Diagnostic>);

fn outcome(linter: &Linter, text: &str) -> Outcome {
    let fixed = linter.fix(text);
    (linter.lint(text), fixed.text, fixed.applied)
}

#[test]
fn one_linter_shared_by_many_threads_gives_the_sequential_results() {
    let drafts = drafts();
    assert!(drafts.len() > 100, "the fixtures are where they should be");
    let linter = Linter::new(RuleSet::builtin(), Config::default()).expect("the built-in packs compile");
    let expected: Vec<Outcome> = drafts.iter().map(|(_, text)| outcome(&linter, text)).collect();
    assert!(
        expected.iter().any(|(d, _, _)| !d.is_empty()),
        "some fixtures have findings"
    );

    for threads in [2, 7] {
        let linter = &linter;
        let drafts = &drafts;
        let expected = &expected;
        std::thread::scope(|scope| {
            for t in 0..threads {
                scope.spawn(move || {
                    // Thread t starts at its own draft and goes twice as far as
                    // its share, so every draft is linted twice per round, each
                    // time alongside different drafts on the other threads.
                    let n = drafts.len();
                    for k in 0..2 * n / threads + 1 {
                        let i = (k + t * n / threads) % n;
                        let (path, text) = &drafts[i];
                        assert!(
                            outcome(linter, text) == expected[i],
                            "{} differs on thread {t} of {threads}",
                            path.display()
                        );
                    }
                });
            }
        });
    }
}
