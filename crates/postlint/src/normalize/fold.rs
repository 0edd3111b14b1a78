//! Case, compatibility and look-alike folding with a map back to the original.

use std::cell::Cell;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use crate::Span;

/// Folded text with a map from each folded byte to the original byte range
/// of the character it came from.
///
/// The map is kept by pieces: a run of ASCII copied byte for byte, or what
/// one character folded to. Most of a draft is ASCII, so a long draft has few
/// pieces where a map of every byte would take eight bytes a byte (80 MB for
/// the 10 MB archive, zeroed afresh for every draft that size).
pub(crate) struct FoldedView {
    text: String,
    pieces: Vec<Piece>,
    /// The piece last looked up: terms are found in order, so the next
    /// look-up is nearly always in it or just after.
    last_piece: Cell<usize>,
}

/// A piece of the view (see [`FoldedView`]), from `view_start` up to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    view_start: u32,
    original_start: u32,
    /// For a character: where it (and any dropped character after it) ends.
    /// For an ASCII run: `None`, each byte being its own character.
    original_end: Option<u32>,
}

/// What folding writes to: the folded text and the map back.
trait FoldSink {
    /// Folded ASCII, byte for byte: `run` starts at `offset` in the original.
    fn push_ascii(&mut self, run: &str, offset: usize);
    /// `c`, folded from the character at `start..end` of the original.
    fn emit(&mut self, c: char, start: usize, end: usize);
    /// A dropped character (a combining mark, a zero-width space) belongs to
    /// the character before it, so a finding covers it: that one now ends at `end`.
    fn extend_last(&mut self, end: usize);
}

impl FoldSink for FoldedView {
    fn push_ascii(&mut self, run: &str, offset: usize) {
        if run.is_empty() {
            return;
        }
        let from = self.text.len();
        self.text.push_str(run);
        self.text[from..].make_ascii_lowercase();
        self.pieces.push(Piece {
            view_start: to_u32(from),
            original_start: to_u32(offset),
            original_end: None,
        });
    }

    fn emit(&mut self, c: char, start: usize, end: usize) {
        let (start, end) = (to_u32(start), to_u32(end));
        // A character that folds to several (a ligature) is one piece.
        let continues = self
            .pieces
            .last()
            .is_some_and(|last| last.original_start == start && last.original_end.is_some());
        if !continues {
            self.pieces.push(Piece {
                view_start: to_u32(self.text.len()),
                original_start: start,
                original_end: Some(end),
            });
        }
        self.text.push(c);
    }

    fn extend_last(&mut self, end: usize) {
        let view_len = to_u32(self.text.len());
        let Some(last) = self.pieces.last_mut() else { return };
        let end = Some(to_u32(end));
        if last.original_end.is_some() {
            last.original_end = end;
            return;
        }
        // The last byte of an ASCII run becomes a piece of its own.
        let last_byte = Piece {
            view_start: view_len - 1,
            original_start: last.original_start + (view_len - 1 - last.view_start),
            original_end: end,
        };
        if last.view_start == last_byte.view_start {
            *last = last_byte;
        } else {
            self.pieces.push(last_byte);
        }
    }
}

impl FoldedView {
    pub fn new(original: &str) -> FoldedView {
        let mut view = FoldedView {
            text: String::with_capacity(original.len()),
            // A tweet with a few accents or emoji: one allocation.
            pieces: Vec::with_capacity(16),
            last_piece: Cell::new(0),
        };
        let bytes = original.as_bytes();
        // The end of the word (up to the next whitespace) of the last
        // non-ASCII character, and whether look-alikes fold in it: they are
        // folded only in words made wholly of Latin letters and look-alikes,
        // so ordinary Greek or Cyrillic words are left alone.
        let mut word: Option<(usize, bool)> = None;
        let mut at = 0;
        while at < bytes.len() {
            // ASCII folds to itself in lower case: copied a run at a time.
            let run_end = super::ascii_run_end(bytes, at);
            view.push_ascii(&original[at..run_end], at);
            let Some(c) = original[run_end..].chars().next() else {
                break;
            };
            let end = run_end + c.len_utf8();
            if is_pictograph(c) || is_common_punctuation(c) {
                // Folds to itself, whatever the word around it.
                view.emit(c, run_end, end);
                at = end;
                continue;
            }
            let fold_lookalikes = match word {
                _ if c.is_whitespace() => false,
                Some((end, fold)) if run_end < end => fold,
                _ => {
                    let start = original[..run_end]
                        .char_indices()
                        .rev()
                        .find(|(_, c)| c.is_whitespace())
                        .map_or(0, |(i, c)| i + c.len_utf8());
                    let end = original[run_end..]
                        .find(char::is_whitespace)
                        .map_or(original.len(), |i| run_end + i);
                    let fold = should_fold_lookalikes(&original[start..end]);
                    word = Some((end, fold));
                    fold
                }
            };
            push_char(&mut view, c, run_end, fold_lookalikes);
            at = end;
        }
        view
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The piece that holds view byte `at` (which is in the view).
    fn piece_of(&self, at: usize) -> usize {
        let at = to_u32(at);
        let starts_by = |i: usize| self.pieces.get(i).is_some_and(|p| p.view_start <= at);
        let hint = self.last_piece.get();
        let piece = if starts_by(hint) && !starts_by(hint + 1) {
            hint
        } else if starts_by(hint + 1) && !starts_by(hint + 2) {
            hint + 1
        } else {
            self.pieces.partition_point(|p| p.view_start <= at).saturating_sub(1)
        };
        self.last_piece.set(piece);
        piece
    }

    /// The original byte range of view byte `at`, which is in piece `piece`.
    fn original_of(&self, piece: usize, at: usize) -> (u32, u32) {
        let piece = self.pieces[piece];
        match piece.original_end {
            Some(end) => (piece.original_start, end),
            None => {
                let start = piece.original_start + (to_u32(at) - piece.view_start);
                (start, start + 1)
            }
        }
    }

    pub fn to_original(&self, span: Span) -> Span {
        if span.is_empty() || span.end > self.text.len() {
            let at = if span.start < self.text.len() {
                self.original_of(self.piece_of(span.start), span.start).0
            } else if self.text.is_empty() {
                0
            } else {
                let last = self.text.len() - 1;
                self.original_of(self.piece_of(last), last).1
            };
            return Span::new(at as usize, at as usize);
        }
        let first = self.piece_of(span.start);
        let last_byte = span.end - 1;
        // Most spans are within one piece.
        let last = match self.pieces.get(first + 1) {
            Some(next) if next.view_start as usize <= last_byte => self.piece_of(last_byte),
            _ => first,
        };
        Span::new(
            self.original_of(first, span.start).0 as usize,
            self.original_of(last, last_byte).1 as usize,
        )
    }
}

/// Folds character `c`, at `offset` of the original, into `out`.
fn push_char(out: &mut impl FoldSink, c: char, offset: usize, fold_lookalikes: bool) {
    let end = offset + c.len_utf8();
    if c.is_ascii() {
        out.emit(c.to_ascii_lowercase(), offset, end);
        return;
    }
    if is_invisible(c) {
        out.extend_last(end);
        return;
    }
    let c = if fold_lookalikes { lookalike(c).unwrap_or(c) } else { c };
    let mut emitted = false;
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        for lower in d.to_lowercase() {
            out.emit(lower, offset, end);
        }
        emitted = true;
    });
    if !emitted {
        out.extend_last(end);
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Whether folding `text` would change nothing but the case of ASCII letters:
/// true for ASCII, and for the usual tweet whose only other characters are
/// emoji, curly quotes and dashes. Then the draft itself serves as the view.
pub(crate) fn folds_to_itself(text: &str) -> bool {
    if text.is_ascii() {
        return true;
    }
    let bytes = text.as_bytes();
    let mut previous_is_letter = false;
    let mut at = 0;
    loop {
        // ASCII folds to itself: skipped a run at a time.
        let run_end = super::ascii_run_end(bytes, at);
        if run_end > at {
            previous_is_letter = bytes[run_end - 1].is_ascii_alphanumeric();
        }
        let Some(c) = text[run_end..].chars().next() else {
            return true;
        };
        let plain_symbol = is_pictograph(c) || is_common_punctuation(c);
        let inert = if plain_symbol {
            true
        } else if is_invisible(c) {
            // Dropping it matters only inside a word.
            !previous_is_letter
        } else {
            !c.is_alphanumeric() && !is_combining_mark(c) && decomposes_to_itself(c)
        };
        if !inert {
            return false;
        }
        previous_is_letter = !plain_symbol && c.is_alphanumeric();
        at = run_end + c.len_utf8();
    }
}

/// Emoji and other pictographs: not letters, digits, marks, spaces or
/// invisible, without case or decomposition (a test checks every one), so
/// folding leaves them alone and no word has them. Most non-ASCII characters
/// of a tweet are these, and a range check is cheaper than Unicode's tables.
/// (The dingbat digits `❶` to `➓`, U+2776 to U+2793, are numbers.)
pub(crate) fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{2775}' | '\u{2794}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}')
}

/// Punctuation and symbols common in English-language drafts (curly quotes,
/// dashes, bullets, currency) that fold to themselves (a test checks each),
/// as pictographs do: checked before Unicode's tables are looked in.
fn is_common_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{2018}'
            | '\u{2019}'
            | '\u{201a}'
            | '\u{201c}'
            | '\u{201d}'
            | '\u{201e}'
            | '\u{ab}'
            | '\u{bb}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2022}'
            | '\u{a3}'
            | '\u{20ac}'
            | '\u{b0}'
            | '\u{d7}'
    )
}

fn decomposes_to_itself(c: char) -> bool {
    let mut same = true;
    let mut count = 0;
    decompose_compatible(c, |d| {
        count += 1;
        same &= d == c;
    });
    same && count == 1
}

/// Folds a term from a rule file exactly as the view folds a draft.
pub(crate) fn fold_term(term: &str) -> String {
    // Most terms are ASCII: folding them is lower-casing them.
    if term.is_ascii() {
        return term.to_ascii_lowercase();
    }
    FoldedView::new(term).text
}

fn should_fold_lookalikes(word: &str) -> bool {
    word.chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_ascii_alphabetic() || lookalike(c).is_some())
}

/// Characters that render as nothing and are used to break up words.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{fe00}'..='\u{fe0f}')
}

/// Cyrillic and Greek letters drawn like Latin ones (Unicode confusables, the common subset).
fn lookalike(c: char) -> Option<char> {
    Some(match c {
        'а' | 'А' | 'α' | 'Α' => 'a',
        'в' | 'В' | 'β' | 'Β' | 'Ь' => 'b',
        'с' | 'С' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'Е' | 'ё' | 'Ё' | 'ε' | 'Ε' => 'e',
        'һ' | 'Н' | 'Η' => 'h',
        'і' | 'І' | 'ι' | 'Ι' | 'ӏ' => 'i',
        'ј' | 'Ј' => 'j',
        'к' | 'К' | 'κ' | 'Κ' => 'k',
        'М' | 'Μ' => 'm',
        'п' | 'η' | 'Ν' => 'n',
        'о' | 'О' | 'ο' | 'Ο' | 'σ' => 'o',
        'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
        'ԛ' => 'q',
        'г' => 'r',
        'ѕ' | 'Ѕ' => 's',
        'т' | 'Т' | 'τ' | 'Τ' => 't',
        'υ' | 'μ' => 'u',
        'ν' | 'ѵ' => 'v',
        'ԝ' | 'ω' => 'w',
        'х' | 'Х' | 'χ' | 'Χ' => 'x',
        'у' | 'У' | 'γ' | 'Υ' => 'y',
        'Ζ' => 'z',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A view that maps every byte: how the view kept its map before it
    /// kept pieces, and the reference the pieces must agree with.
    #[derive(Default)]
    struct ByteMap {
        text: String,
        starts: Vec<u32>,
        ends: Vec<u32>,
    }

    impl FoldSink for ByteMap {
        fn push_ascii(&mut self, run: &str, offset: usize) {
            for (i, b) in run.bytes().enumerate() {
                self.emit(char::from(b.to_ascii_lowercase()), offset + i, offset + i + 1);
            }
        }

        fn emit(&mut self, c: char, start: usize, end: usize) {
            self.text.push(c);
            for _ in 0..c.len_utf8() {
                self.starts.push(to_u32(start));
                self.ends.push(to_u32(end));
            }
        }

        fn extend_last(&mut self, end: usize) {
            let Some(&last_start) = self.starts.last() else { return };
            for (s, e) in self.starts.iter().rev().zip(self.ends.iter_mut().rev()) {
                if *s != last_start {
                    break;
                }
                *e = to_u32(end);
            }
        }
    }

    /// The view built a character at a time, as it was before runs of ASCII
    /// were copied whole, with a map of every byte.
    fn folded_char_by_char(original: &str) -> ByteMap {
        let mut view = ByteMap::default();
        let mut fold_lookalikes = false;
        let mut in_word = false;
        for (offset, c) in original.char_indices() {
            if c.is_whitespace() {
                in_word = false;
            } else if !in_word {
                in_word = true;
                let end = original[offset..]
                    .find(char::is_whitespace)
                    .map_or(original.len(), |i| offset + i);
                fold_lookalikes = should_fold_lookalikes(&original[offset..end]);
            }
            push_char(&mut view, c, offset, fold_lookalikes);
        }
        view
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]
        #[test]
        fn folding_by_runs_and_pieces_matches_folding_a_character_and_a_byte_at_a_time(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Fu", "CK", " ", "\n", "\u{a0}", "\u{2028}", "с", "Е", "о", "спасибо", "ｆ", "𝐟", "é", "Zoë",
                "\u{301}", "\u{200b}", "\u{ad}", "ﬁ", "ß", "İ", "🩺", "👍🏿", "’", "#", "1", "sh1t", "日本", "Κ",
                "—", "“", "£", "…", "×",
            ]), 0..24)
        ) {
            let text = pieces.concat();
            let (fast, reference) = (FoldedView::new(&text), folded_char_by_char(&text));
            proptest::prop_assert_eq!(&fast.text, &reference.text);
            for at in 0..fast.text.len() {
                let expected = Span::new(reference.starts[at] as usize, reference.ends[at] as usize);
                proptest::prop_assert_eq!(fast.to_original(Span::new(at, at + 1)), expected, "byte {} of {:?}", at, text);
                for end in at + 1..=fast.text.len() {
                    let expected = Span::new(reference.starts[at] as usize, reference.ends[end - 1] as usize);
                    proptest::prop_assert_eq!(fast.to_original(Span::new(at, end)), expected);
                }
            }
            // Empty spans and spans past the end map to a point.
            for at in 0..=fast.text.len() + 1 {
                let expected = reference
                    .starts
                    .get(at)
                    .copied()
                    .unwrap_or_else(|| reference.ends.last().copied().unwrap_or(0)) as usize;
                proptest::prop_assert_eq!(fast.to_original(Span::new(at, at)), Span::new(expected, expected));
            }
        }
    }

    fn folded(text: &str) -> String {
        FoldedView::new(text).text
    }

    #[test]
    fn folds_case_width_styles_and_accents() {
        assert_eq!(folded("ＦＵＣＫ"), "fuck");
        assert_eq!(folded("𝐟𝐮𝐜𝐤"), "fuck");
        assert_eq!(folded("Zoë Siobhán"), "zoe siobhan");
        assert_eq!(folded("f\u{200b}u\u{ad}ck"), "fuck");
    }

    #[test]
    fn folds_lookalikes_only_in_latin_or_all_lookalike_words() {
        assert_eq!(folded("fuсk"), "fuck", "Cyrillic es inside a Latin word");
        assert_eq!(folded("спасибо"), "спасибо", "an ordinary Russian word is left alone");
    }

    #[test]
    fn pictographs_are_neither_words_nor_spaces_and_fold_to_themselves() {
        let mut checked = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| is_pictograph(c)) {
            assert!(
                !c.is_alphanumeric() && !is_combining_mark(c) && !c.is_whitespace(),
                "{c:?}"
            );
            assert!(
                !is_invisible(c) && decomposes_to_itself(c) && c.to_lowercase().eq([c]),
                "{c:?}"
            );
            checked += 1;
        }
        assert!(checked > 2500);
        assert!(!is_pictograph('\u{2776}') && '\u{2776}'.is_numeric());
    }

    #[test]
    fn common_punctuation_folds_to_itself_and_is_no_letter_mark_or_space() {
        let mut checked = 0;
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_common_punctuation(c))
        {
            assert!(
                !c.is_alphanumeric() && !is_combining_mark(c) && !c.is_whitespace() && !is_invisible(c),
                "{c:?}"
            );
            assert!(
                decomposes_to_itself(c) && c.to_lowercase().eq([c]) && lookalike(c).is_none(),
                "{c:?}"
            );
            let mut view = ByteMap::default();
            push_char(&mut view, c, 0, true);
            assert_eq!(view.text, c.to_string());
            checked += 1;
        }
        assert_eq!(checked, 15);
    }

    #[test]
    fn emoji_and_punctuation_fold_to_themselves() {
        assert!(folds_to_itself("Great session 🩺💪🏽 — it’s “done” ☕️ 👩🏾\u{200d}⚕️"));
        assert!(!folds_to_itself("Zoë"));
        assert!(!folds_to_itself("fu\u{200b}ck"), "an invisible character inside a word");
        assert!(!folds_to_itself("ＦＵＣＫ"));
        assert!(!folds_to_itself("ﬁne"), "a ligature decomposes");
        assert!(!folds_to_itself("a\u{301}"), "a combining mark");
    }

    proptest::proptest! {
        /// Where the draft is said to fold to itself, folding it changes
        /// nothing but ASCII case, and drops invisible characters only
        /// outside words.
        #[test]
        fn a_draft_that_folds_to_itself_folds_to_its_lower_case(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Fu", "ck", " ", "1", "é", "\u{301}", "\u{200b}", "🩺", "’", "—", "ﬁ", "Ｆ", "ſ", "ß", "\n",
            ]), 0..24)
        ) {
            let text = pieces.concat();
            if folds_to_itself(&text) {
                let view = FoldedView::new(&text);
                let visible: String = text.to_ascii_lowercase().chars().filter(|&c| !is_invisible(c)).collect();
                proptest::prop_assert_eq!(view.text(), visible);
            }
        }
    }

    #[test]
    fn maps_back_to_the_original_characters() {
        let text = "a ｆｕ\u{200b}ｃｋ!";
        let view = FoldedView::new(text);
        let start = view.text().find("fuck").expect("folded");
        let span = view.to_original(Span::new(start, start + 4));
        assert_eq!(&text[span.start..span.end], "ｆｕ\u{200b}ｃｋ");
    }
}
