//! Posts seen before. A batch often holds the same text many times (one
//! announcement scheduled for several accounts, a post and its reposts), and
//! the same text always has the same findings, so each is checked once.

use std::cell::RefCell;
use std::collections::HashMap;

use postlint::{Diagnostic, Linter};

/// About how many bytes of posts and findings each thread remembers; past
/// it, the thread forgets them all and starts again, so memory stays bounded.
const REMEMBERED_BYTES: usize = 4 << 20;

/// What a remembered finding is counted as, on top of the post's own bytes.
const BYTES_PER_FINDING: usize = 512;

thread_local! {
    static SEEN: RefCell<Seen> = RefCell::new(Seen::default());
}

/// One thread's posts and their findings, for one linter.
#[derive(Default)]
struct Seen {
    linter: usize,
    findings: HashMap<Box<str>, Vec<Diagnostic>>,
    bytes: usize,
}

/// `linter.lint(text)`, or the findings of the same text checked before by
/// the same linter on this thread.
pub fn lint(linter: &Linter, text: &str) -> Vec<Diagnostic> {
    SEEN.with_borrow_mut(|seen| seen.lint(linter, text))
}

impl Seen {
    fn lint(&mut self, linter: &Linter, text: &str) -> Vec<Diagnostic> {
        let address = std::ptr::from_ref(linter) as usize;
        if self.linter != address {
            self.forget();
            self.linter = address;
        }
        if let Some(found) = self.findings.get(text) {
            return found.clone();
        }
        let found = linter.lint(text);
        let cost = text.len() + found.len() * BYTES_PER_FINDING;
        if cost <= REMEMBERED_BYTES / 64 {
            if self.bytes + cost > REMEMBERED_BYTES {
                self.forget();
            }
            self.bytes += cost;
            self.findings.insert(text.into(), found.clone());
        }
        found
    }

    fn forget(&mut self) {
        self.findings.clear();
        self.bytes = 0;
    }
}

#[cfg(test)]
mod tests {
    use postlint::{Config, RuleSet};

    use super::*;

    fn linter() -> Linter {
        Linter::new(RuleSet::builtin(), Config::default()).expect("built-in packs compile")
    }

    #[test]
    fn a_repeated_post_gets_the_same_findings_once_checked() {
        let linter = linter();
        let mut seen = Seen::default();
        let post = "What a sh1t shift, Mrs Smith in bed 4 again";
        let first = seen.lint(&linter, post);
        assert!(!first.is_empty());
        assert_eq!(seen.findings.len(), 1);
        assert_eq!(seen.lint(&linter, post), first);
        assert_eq!(seen.findings.len(), 1, "checked once, remembered once");
        assert_eq!(seen.lint(&linter, "A quiet shift"), []);
        assert_eq!(seen.findings.len(), 2);
    }

    #[test]
    fn memory_stays_bounded_and_another_linter_starts_afresh() {
        let linter = linter();
        let mut seen = Seen::default();
        let long = "x".repeat(REMEMBERED_BYTES / 64);
        for i in 0..100 {
            seen.lint(&linter, &format!("{long}{i}"));
            assert!(seen.bytes <= REMEMBERED_BYTES);
        }
        assert!(seen.findings.len() < 100);
        let huge = "y".repeat(REMEMBERED_BYTES);
        seen.lint(&linter, &huge);
        assert!(
            !seen.findings.contains_key(huge.as_str()),
            "a huge post is not remembered"
        );
        let other = self::linter();
        seen.lint(&other, "A quiet shift");
        assert_eq!(seen.findings.len(), 1);
    }
}
