//! Every occurrence of a list of literals in a text, found without an
//! automaton.
//!
//! Building the Aho-Corasick automaton for the built-in packs' 3,178 terms
//! costs about 17 M instructions, while looking each position of a tweet up in
//! a table sorted by the literals' first two bytes costs tens of thousands. A
//! process that checks one short draft uses the table and never builds the
//! automaton (see `matcher::Warmth`); the table also stands in for an
//! automaton that could not be built.

/// The literals' indexes, sorted by their first two bytes.
pub(crate) struct TermTable {
    /// `(key, literal)` sorted by key (see [`key`]).
    entries: Vec<(u32, u32)>,
    /// Where the entries of each first byte start: those of byte `b` are
    /// `entries[starts[b]..starts[b + 1]]`.
    starts: Vec<u32>,
    /// Empty literals, which match at every position.
    empty: Vec<u32>,
}

/// Sorts a one-byte literal before the longer ones that start with its byte.
fn key(first: u8, second: Option<u8>) -> u32 {
    match second {
        None => u32::from(first) << 9,
        Some(second) => (u32::from(first) << 9) | (u32::from(second) << 1) | 1,
    }
}

impl TermTable {
    pub fn new(literals: &[String]) -> TermTable {
        let mut entries = Vec::with_capacity(literals.len());
        let mut empty = Vec::new();
        for (index, literal) in (0u32..).zip(literals) {
            match literal.as_bytes() {
                [] => empty.push(index),
                [first, rest @ ..] => entries.push((key(*first, rest.first().copied()), index)),
            }
        }
        entries.sort_unstable();
        let mut starts = Vec::with_capacity(257);
        let mut at = 0;
        for byte in 0..=256u32 {
            while at < entries.len() && entries[at].0 >> 9 < byte {
                at += 1;
            }
            starts.push(u32::try_from(at).unwrap_or(u32::MAX));
        }
        TermTable { entries, starts, empty }
    }

    /// Calls `found(literal, start, end)` for every occurrence of every
    /// literal in `text`, overlapping ones included, as an overlapping
    /// Aho-Corasick search reports them (in another order).
    pub fn for_each_match(&self, literals: &[String], text: &[u8], mut found: impl FnMut(usize, usize, usize)) {
        for at in 0..=text.len() {
            for &index in &self.empty {
                found(index as usize, at, at);
            }
            let Some(&first) = text.get(at) else { break };
            let bucket =
                &self.entries[self.starts[usize::from(first)] as usize..self.starts[usize::from(first) + 1] as usize];
            if bucket.is_empty() {
                continue;
            }
            // The one-byte literals, then those that go on with the next byte.
            let single = key(first, None);
            for &(_, index) in bucket.iter().take_while(|(k, _)| *k == single) {
                found(index as usize, at, at + 1);
            }
            let Some(&second) = text.get(at + 1) else { continue };
            let pair = key(first, Some(second));
            let from = bucket.partition_point(|(k, _)| *k < pair);
            for &(_, index) in bucket[from..].iter().take_while(|(k, _)| *k == pair) {
                let literal = literals[index as usize].as_bytes();
                if text[at..].starts_with(literal) {
                    found(index as usize, at, at + literal.len());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_table(literals: &[String], text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        TermTable::new(literals).for_each_match(literals, text.as_bytes(), |p, s, e| out.push((p, s, e)));
        out.sort_unstable();
        out
    }

    #[test]
    fn finds_overlapping_and_nested_literals() {
        let literals: Vec<String> = ["he", "she", "hers", "h", "s", "é"].map(String::from).to_vec();
        assert_eq!(
            by_table(&literals, "ushers é"),
            vec![
                (0, 2, 4),
                (1, 1, 4),
                (2, 2, 6),
                (3, 2, 3),
                (4, 1, 2),
                (4, 5, 6),
                (5, 7, 9)
            ]
        );
    }

    /// The built-in packs' terms on every fixture (in lower case, as the
    /// linter searches it) and on a draft full of them.
    #[test]
    fn the_built_in_terms_are_found_as_the_automaton_finds_them() {
        let linter = crate::Linter::new(crate::RuleSet::builtin(), crate::Config::default()).expect("compiles");
        let literals: Vec<String> = linter.literals().map(str::to_owned).collect();
        assert!(literals.len() > 1000);
        let packed = "our patient mrs smith in bed 4 on ward 7b said sh*t, f.u.c.k and ffs; \
                      use code physio20 #gifted #ad 🙏 amzn.to/x — dob 01/02/1950 ";
        assert!(by_table(&literals, packed).len() > 20);
        let fixtures = crate::test_fixtures::texts();
        assert!(fixtures.len() > 300);
        for text in fixtures.iter().map(|t| t.to_lowercase()).chain([packed.to_owned()]) {
            assert_eq!(
                by_table(&literals, &text),
                crate::overlapping::tests::searched(&literals, &text),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        /// The same matches as an overlapping Aho-Corasick search, empty
        /// literals and non-ASCII bytes included (each once).
        #[test]
        fn finds_what_the_automaton_finds((literals, text) in crate::overlapping::tests::literals_and_text()) {
            proptest::prop_assert_eq!(by_table(&literals, &text), crate::overlapping::tests::searched(&literals, &text));
        }
    }
}
