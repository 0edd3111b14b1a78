//! The ASCII shadow of a draft, and which patterns run on it.
//!
//! Patterns whose classes are ASCII's are compiled without Unicode classes
//! (see [`Pattern`](crate::rules::Pattern)): many times smaller and faster
//! to build, and the regex crate's lazy DFA handles their `\b`, which with
//! Unicode it gives up on as soon as the text holds an emoji or a curly
//! quote. They run on the shadow, which replaces each non-ASCII character of
//! the draft with one byte of the same kind for regex purposes:
//!
//! - `_` for a word character (a letter, mark or digit: matched by `\w` and
//!   `\b` like a letter, but by no ASCII letter or digit class, just as `é`
//!   is not);
//! - a space for whitespace;
//! - a byte of its own, above ASCII, for each punctuation mark or symbol in
//!   [`SPELT_OUT`] (curly quotes, the pound sign...), so a pattern may spell
//!   them: `’` in a pattern becomes that byte;
//! - a control byte for anything else.
//!
//! Offsets map back through a table. For an ASCII draft the shadow is the
//! draft itself.

use std::borrow::Cow;
use std::fmt::Write;

/// The texts patterns run on: the draft, and its shadow (built on first use).
pub(crate) struct Haystack<'t> {
    original: &'t str,
    ascii: bool,
    shadow: std::cell::OnceCell<(Vec<u8>, Vec<u32>)>,
}

impl<'t> Haystack<'t> {
    pub fn new(original: &'t str) -> Haystack<'t> {
        Haystack {
            original,
            ascii: original.is_ascii(),
            shadow: std::cell::OnceCell::new(),
        }
    }

    pub fn original(&self) -> &'t str {
        self.original
    }

    /// The shadow, and the map from its offsets to the draft's (`None`: the same).
    pub fn shadow(&self) -> (&[u8], Option<&[u32]>) {
        if self.ascii {
            return (self.original.as_bytes(), None);
        }
        let (shadow, offsets) = self.shadow.get_or_init(|| ascii_shadow(self.original));
        (shadow, Some(offsets))
    }
}

/// Punctuation and symbols that patterns for English-language posts spell
/// out. None is a word character or whitespace, and none has another case.
/// In the shadow each stands as `FIRST_SPELT_OUT` plus its index: a byte no
/// ASCII text holds, so nothing in a draft can be taken for one.
pub(crate) const SPELT_OUT: [char; 16] = [
    '\u{2018}', // ‘
    '\u{2019}', // ’
    '\u{201a}', // ‚
    '\u{201c}', // “
    '\u{201d}', // ”
    '\u{201e}', // „
    '\u{ab}',   // «
    '\u{bb}',   // »
    '\u{a3}',   // £
    '\u{20ac}', // €
    '\u{2013}', // –
    '\u{2014}', // —
    '\u{2026}', // …
    '\u{2022}', // •
    '\u{b0}',   // °
    '\u{d7}',   // ×
];

const FIRST_SPELT_OUT: u8 = 0x80;

/// The shadow byte of a spelt-out character.
fn spelt_out(c: char) -> Option<u8> {
    let index = SPELT_OUT.iter().position(|&s| s == c)?;
    u8::try_from(index).ok().map(|i| FIRST_SPELT_OUT + i)
}

/// The one-byte-per-character shadow of `text` and, for each shadow offset
/// (and the end), the draft's byte offset.
fn ascii_shadow(text: &str) -> (Vec<u8>, Vec<u32>) {
    // Drafts are far below 4 GiB: the CLI and every adapter cap their size.
    let to_u32 = |offset: usize| u32::try_from(offset).unwrap_or(u32::MAX);
    let bytes = text.as_bytes();
    let mut shadow = Vec::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    let mut at = 0;
    loop {
        // A run of ASCII is its own shadow: copied whole.
        let run_end = crate::normalize::ascii_run_end(bytes, at);
        shadow.extend_from_slice(&bytes[at..run_end]);
        // A range of u32, converted once: one check per run, not per byte.
        offsets.extend(to_u32(at)..to_u32(run_end));
        let Some(c) = text[run_end..].chars().next() else { break };
        offsets.push(to_u32(run_end));
        shadow.push(shadow_byte(c));
        at = run_end + c.len_utf8();
    }
    offsets.push(to_u32(text.len()));
    (shadow, offsets)
}

/// The shadow byte of non-ASCII character `c`. The characters most common in
/// drafts are answered before Unicode's tables are looked in: a test checks
/// that this agrees with [`shadow_byte_by_class`] on every character.
fn shadow_byte(c: char) -> u8 {
    match c {
        // Emoji and the joiners, selectors, skin tones and tags of emoji sequences.
        '\u{200d}' | '\u{fe0f}' => b'_',
        '\u{e0020}'..='\u{e007f}' => b'\x01',
        _ if crate::normalize::is_pictograph(c) => b'\x01',
        // Letters of Western European languages.
        '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{f6}' | '\u{f8}'..='\u{17f}' => b'_',
        _ => spelt_out(c).unwrap_or_else(|| shadow_byte_by_class(c)),
    }
}

/// The shadow byte of non-ASCII character `c`, from its Unicode class.
fn shadow_byte_by_class(c: char) -> u8 {
    if let Some(byte) = spelt_out(c) {
        byte
    } else if is_word_character(c) {
        b'_'
    } else if c.is_whitespace() {
        b' '
    } else {
        b'\x01'
    }
}

/// Unicode's word characters (UTS #18: letters, marks, decimal digits,
/// connector punctuation, joiners), as the regex crate's `\w` and `\b` see them.
fn is_word_character(c: char) -> bool {
    c.is_alphabetic()
        || unicode_normalization::char::is_combining_mark(c)
        || (c.is_numeric() && is_decimal_digit(c))
        || matches!(
            c,
            '\u{200c}' | '\u{200d}' | '\u{203f}' | '\u{2040}' | '\u{2054}' | '\u{fe33}' | '\u{fe34}' | '\u{fe4d}'
                ..='\u{fe4f}' | '\u{ff3f}'
        )
}

/// Whether a numeric character is a decimal digit (`Nd`), not a fraction or
/// superscript; rare enough in drafts that a small class compiled on first
/// use is cheaper than a table of our own.
fn is_decimal_digit(c: char) -> bool {
    static DIGIT: std::sync::OnceLock<Option<regex_automata::meta::Regex>> = std::sync::OnceLock::new();
    let mut buffer = [0; 4];
    DIGIT
        .get_or_init(|| regex_automata::meta::Regex::new(r"^\p{Nd}$").ok())
        .as_ref()
        .is_some_and(|digit| digit.is_match(&*c.encode_utf8(&mut buffer)))
}

/// The pattern as it runs on the shadow, if it means the same there with
/// ASCII classes as on the draft with Unicode ones: it has no Unicode class
/// or escape, and its only non-ASCII characters are [`SPELT_OUT`], each
/// written as itself (not escaped, not a range's end), which become their
/// shadow bytes. `None`: the pattern runs on the draft with Unicode classes.
pub(crate) fn shadow_source(pattern: &str) -> Option<Cow<'_, str>> {
    if ["\\p", "\\P", "\\x", "\\u", "\\U"]
        .iter()
        .any(|escape| pattern.contains(escape))
    {
        return None;
    }
    if pattern.is_ascii() {
        return Some(Cow::Borrowed(pattern));
    }
    // `(?u)` would give a byte escape its Unicode meaning.
    if pattern.match_indices("(?").any(|(at, _)| {
        pattern[at + 2..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic() || *c == '-')
            .any(|c| c == 'u')
    }) {
        return None;
    }
    let chars: Vec<char> = pattern.chars().collect();
    let at = |i: Option<usize>| i.and_then(|i| chars.get(i)).copied();
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut backslashes = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let byte = spelt_out(c)?;
            let escaped = backslashes % 2 == 1;
            // A hyphen next to it may make it a range's end, unless the
            // hyphen ends the class (`[\w’-]`) or starts it (`[-’]`).
            let range_before = at(i.checked_sub(1)) == Some('-') && at(i.checked_sub(2)) != Some('[');
            let range_after = at(Some(i + 1)) == Some('-') && at(Some(i + 2)) != Some(']');
            if escaped || range_before || range_after {
                return None;
            }
            write!(out, "\\x{byte:02X}").ok()?;
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    Some(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Pattern;

    #[test]
    fn shadow_has_one_byte_per_character() {
        let text = "Zoë 🩺 É\u{a0}x ١½ £5’s";
        let (shadow, offsets) = ascii_shadow(text);
        assert_eq!(shadow, b"Zo_ \x01 _ x _\x01 \x885\x81s");
        assert_eq!(offsets.len(), shadow.len() + 1);
        assert_eq!(offsets[shadow.len()] as usize, text.len());
        assert_eq!(&text[offsets[7] as usize..], "\u{a0}x ١½ £5’s");
    }

    #[test]
    fn pictographs_stand_as_other_characters() {
        for c in ['🩺', '☕', '❤', '⭐', '✅'] {
            assert!(crate::normalize::is_pictograph(c) && spelt_out(c).is_none(), "{c:?}");
            assert_eq!(ascii_shadow(&c.to_string()).0, b"\x01");
        }
        assert!(SPELT_OUT.iter().all(|&c| !crate::normalize::is_pictograph(c)));
    }

    #[test]
    fn the_shortcuts_for_common_characters_agree_with_their_classes() {
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(shadow_byte(c), shadow_byte_by_class(c), "{c:?}");
        }
    }

    #[test]
    fn spelt_out_characters_are_neither_word_nor_space_nor_cased() {
        let word = regex::Regex::new(r"^\w$").expect("valid");
        let space = regex::Regex::new(r"^\s$").expect("valid");
        for c in SPELT_OUT {
            let text = c.to_string();
            assert!(!word.is_match(&text) && !space.is_match(&text), "{c:?}");
            let mut cases = regex_syntax::hir::ClassUnicode::new([regex_syntax::hir::ClassUnicodeRange::new(c, c)]);
            cases.case_fold_simple();
            assert_eq!(cases.ranges().len(), 1, "{c:?} has another case");
            assert_eq!(
                cases.ranges()[0].start(),
                cases.ranges()[0].end(),
                "{c:?} has another case"
            );
        }
    }

    #[test]
    fn which_patterns_run_on_the_shadow() {
        assert_eq!(shadow_source(r"\bcafe\b").as_deref(), Some(r"\bcafe\b"));
        assert_eq!(shadow_source("[’']s\\b|£\\d+").as_deref(), Some(r"[\x81']s\b|\x88\d+"));
        assert_eq!(
            shadow_source("\\\\’").as_deref(),
            Some(r"\\\x81"),
            "an escaped backslash"
        );
        assert_eq!(
            shadow_source("[\\w’-]").as_deref(),
            Some(r"[\w\x81-]"),
            "a hyphen that ends a class"
        );
        assert_eq!(
            shadow_source("[-’]").as_deref(),
            Some(r"[-\x81]"),
            "a hyphen that starts a class"
        );
        for unicode in [
            r"\p{Lu}\p{Ll}+",
            "caf\u{e9}",
            "caf\\x{e9}",
            "\\’",
            "[‘-’]",
            "[’-z]",
            "[a-’]",
            "[^-’]",
            "(?u:\\w)’",
            "(?iu)’",
        ] {
            assert!(shadow_source(unicode).is_none(), "{unicode}");
        }
        assert!(matches!(Pattern::new(r"\p{Lu}\p{Ll}+", true), Ok(Pattern::Unicode(_))));
        assert!(matches!(Pattern::new("caf\u{e9}", false), Ok(Pattern::Unicode(_))));
        assert!(matches!(Pattern::new("caf\\x{e9}", false), Ok(Pattern::Unicode(_))));
        assert!(matches!(Pattern::new(r"\bcafe\b", false), Ok(Pattern::Ascii(_))));
        assert!(matches!(Pattern::new("£\\d+’", false), Ok(Pattern::Ascii(_))));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 128, ..Default::default() })]
        /// Patterns that run on the shadow find the same spans there as
        /// Unicode-aware patterns find in the draft (digits aside: there `\d`
        /// is `0-9`, so non-ASCII digits are left out of the alphabet).
        #[test]
        fn shadow_matches_where_the_draft_matches(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "Mrs ", "Zoë ", "Élodie", "bed 12", "🩺", "½", "’", "\u{a0}", "\u{301}", "ß", "x", "9", " ", "\n",
                "NHS no 401 023 2137", "DOB 14/03/1941", "Ward 7B", "é1", "1é", "_", "#", "code PHYSIO20", "\u{200d}",
                "£", "“", "”", "—", "€5", "\u{1}", "‘", "it’s", "°C",
            ]), 0..30)
        ) {
            let text = pieces.concat();
            let haystack = Haystack::new(&text);
            for source in [
                r"\b\w+\b", r"\bbed\s*\d{1,2}\b", r"(?-i)\b(?:Mrs|Ms)\.? [A-Z][a-z]+", r"\d{3}[ -]?\d{3}[ -]?\d{4}",
                r"\bDOB\s*[:\-]?\s*\d{1,2}/\d{1,2}/\d{2,4}", r"\Bb\w", r"[^\s]+", r"(?i)code\s+[A-Z0-9]{4,}\b", r".\b.",
                r"\b\w+[’']s\b", r"[\w’-]+", r"£\s?\d+", r"“[^”]*”", r"[^’\s]+", r"\W\b", r"—|–", r"[£€]\d",
            ] {
                let unicode = regex::RegexBuilder::new(source).case_insensitive(true).build().expect("valid");
                let Ok(Pattern::Ascii(ascii)) = Pattern::new(source, false) else {
                    panic!("{source} runs on the shadow");
                };
                let draft: Vec<_> = unicode.find_iter(&text).map(|m| (m.start(), m.end())).collect();
                let (shadow, offsets) = haystack.shadow();
                let to_draft = |i: usize| offsets.map_or(i, |o| o[i] as usize);
                let shadowed: Vec<_> = ascii.find_iter(shadow).map(|m| (to_draft(m.start()), to_draft(m.end()))).collect();
                proptest::prop_assert_eq!(draft, shadowed, "pattern {} on {:?}", source, text);
            }
        }
    }
}
