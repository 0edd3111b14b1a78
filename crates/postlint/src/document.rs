//! The draft: word positions, word boundaries, and offset conversions.

use std::cell::OnceCell;

use unicode_segmentation::UnicodeSegmentation;

use crate::Span;

/// A draft being linted. Words are found lazily, only when a rule needs to
/// count words (context, near, first-words), so a clean draft costs nothing.
pub(crate) struct Document<'t> {
    text: &'t str,
    words: OnceCell<Vec<Span>>,
}

impl<'t> Document<'t> {
    pub fn new(text: &'t str) -> Self {
        Document {
            text,
            words: OnceCell::new(),
        }
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The words of the draft (Unicode word segments holding a letter or digit).
    fn words(&self) -> &[Span] {
        self.words.get_or_init(|| find_words(self.text))
    }

    /// Indices of the first and last word a span touches. A span between words
    /// counts as the next word.
    pub fn word_range(&self, span: Span) -> (usize, usize) {
        let words = self.words();
        let first = words.partition_point(|w| w.end <= span.start);
        let last = words
            .partition_point(|w| w.start < span.end)
            .saturating_sub(1)
            .max(first);
        (first, last)
    }

    /// The byte range from `n` words before `span` to `n` words after it: any
    /// span within `n` words of `span` overlaps it.
    pub fn word_window(&self, span: Span, n: usize) -> Span {
        let words = self.words();
        let (first, last) = self.word_range(span);
        let start = first.checked_sub(n + 1).map_or(0, |i| words[i].start);
        let end = words.get(last + n + 1).map_or(self.text.len(), |w| w.end);
        Span::new(start.min(span.start), end.max(span.end))
    }

    /// How many words separate two spans (0 when adjacent or overlapping), and
    /// whether `other` comes before `anchor`.
    pub fn distance(&self, anchor: Span, other: Span) -> (usize, bool) {
        let (a_first, a_last) = self.word_range(anchor);
        let (o_first, o_last) = self.word_range(other);
        if other.end <= anchor.start {
            (a_first.saturating_sub(o_last).saturating_sub(1), true)
        } else if other.start >= anchor.end {
            (o_first.saturating_sub(a_last).saturating_sub(1), false)
        } else {
            (0, other.start < anchor.start)
        }
    }

    /// Whether a term may start or end at byte `at`: the characters on either
    /// side are not both part of one word. Inside a hashtag or handle, a change
    /// from lower to upper case also starts a word (`#ShitShow`).
    #[inline]
    pub fn is_boundary(&self, at: usize) -> bool {
        let bytes = self.text.as_bytes();
        if at == 0 || at >= bytes.len() {
            return true;
        }
        let (b, a) = (bytes[at - 1], bytes[at]);
        // The common cases, decided from the two bytes where it is called,
        // once for nearly every term the automaton finds: between words, or
        // inside one (a term within a longer word) unless case changes.
        if b.is_ascii() && a.is_ascii() {
            if !(b.is_ascii_alphanumeric() && a.is_ascii_alphanumeric()) {
                return true;
            }
            if !(b.is_ascii_lowercase() && a.is_ascii_uppercase()) {
                return false;
            }
        }
        self.is_boundary_slow(at)
    }

    /// [`Document::is_boundary`] where ASCII case goes from lower to upper
    /// (a word starts there only in a hashtag or handle), or beside a
    /// non-ASCII character.
    #[inline(never)]
    fn is_boundary_slow(&self, at: usize) -> bool {
        let text = self.text;
        let bytes = text.as_bytes();
        let (b, a) = (bytes[at - 1], bytes[at]);
        if b.is_ascii() && a.is_ascii() {
            return b.is_ascii_lowercase() && a.is_ascii_uppercase() && in_tag(text, at);
        }
        if !text.is_char_boundary(at) {
            return false;
        }
        let before = text[..at].chars().next_back().unwrap_or(' ');
        let after = text[at..].chars().next().unwrap_or(' ');
        if !is_word_char(before) || !is_word_char(after) {
            return true;
        }
        if before.is_lowercase() && after.is_uppercase() && in_tag(text, at) {
            return true;
        }
        if before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric() {
            return false;
        }
        unicode_boundary(text, at)
    }
}

/// The Unicode word segments (UAX #29) of `text` that hold a letter or digit.
///
/// Full segmentation looks every character up in tables, yet most drafts are
/// ASCII but for the odd emoji or accent. So ASCII is segmented here, and only
/// a chunk (from one cut to the next, see [`is_cut`]) holding a non-ASCII
/// character goes through `unicode_segmentation`, replacing the words already
/// read in it.
fn find_words(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    // Prose has about a word per six bytes: one allocation for most drafts
    // (and no more reserved than a long post needs).
    let mut words = Vec::with_capacity((text.len() / 6).min(4096));
    // Where the current chunk starts, and how many words come before it.
    let (mut chunk, mut before_chunk) = (0, 0);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if WORD_BYTE[usize::from(b)] {
            let end = ascii_word_end(bytes, i);
            // A run of underscores alone is a segment without a letter or digit.
            if b != b'_' || bytes[i..end].iter().any(u8::is_ascii_alphanumeric) {
                words.push(Span::new(i, end));
            }
            i = end;
        } else if b.is_ascii() {
            if is_cut(text, i) {
                (chunk, before_chunk) = (i, words.len());
            }
            i += 1;
        } else {
            let end = (i + 1..bytes.len()).find(|&j| is_cut(text, j)).unwrap_or(bytes.len());
            words.truncate(before_chunk);
            words.extend(
                text[chunk..end]
                    .split_word_bound_indices()
                    .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
                    .map(|(at, w)| Span::new(chunk + at, chunk + at + w.len())),
            );
            // `end` is a cut (or the end), so the next turn starts a chunk there.
            i = end;
        }
    }
    words
}

/// Whether the text splits before byte `at` into two parts that segment
/// alone as they do together: `at` holds ASCII whitespace that follows a
/// character other than whitespace.
///
/// UAX #29 always breaks there: only WB3 (CR × LF) and WB3d (a space such as
/// U+0020 or U+3000 after another) keep whitespace with what precedes it, and
/// WB4 does not, as ASCII whitespace is not Extend, Format or ZWJ. (A cut
/// never falls before those, which WB4 attaches even to a space.) No rule
/// looks across the cut either: the rules that look ahead (WB6, WB7b, WB12)
/// want a letter or digit after the next character, the ones that look back
/// (WB7, WB7c, WB11, WB15, WB16) want a MidLetter, quote, MidNum or regional
/// indicator before it, and whitespace is none of these.
/// ASCII letters, digits and `_`, which join into one word.
const WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

fn is_cut(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    if !bytes[at].is_ascii_whitespace() {
        return false;
    }
    match at.checked_sub(1).map(|before| bytes[before]) {
        None => true,
        // ASCII's white space as `char::is_whitespace` has it: vertical tab too.
        Some(before) if before.is_ascii() => !(before.is_ascii_whitespace() || before == 0x0b),
        Some(_) => !text[..at].ends_with(char::is_whitespace),
    }
}

/// The end of the ASCII word starting at `start`, following UAX #29 as it
/// applies to ASCII: letters, digits and `_` join (WB5, WB8-WB10, WB13a,
/// WB13b); `.` and `'` join letters to letters and digits to digits, `:`
/// only letters (WB6, WB7), and `,` and `;` only digits (WB11, WB12). Any
/// other ASCII character (`#`, `@`, `"`...) ends the word: it is a segment of
/// its own, or of a run of spaces or CR LF, with no letter or digit. A
/// non-ASCII one ends it too, and sends the whole chunk to full segmentation.
fn ascii_word_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    loop {
        // Letters, digits and `_` a table look-up each, up to the next other byte.
        i += bytes[i..]
            .iter()
            .position(|&b| !WORD_BYTE[usize::from(b)])
            .unwrap_or(bytes.len() - i);
        let Some(&b) = bytes.get(i) else { break };
        let (before, after) = (bytes[i - 1], bytes.get(i + 1).copied().unwrap_or(b' '));
        let letters = before.is_ascii_alphabetic() && after.is_ascii_alphabetic();
        let digits = before.is_ascii_digit() && after.is_ascii_digit();
        let infix = match b {
            b'.' | b'\'' => letters || digits,
            b':' => letters,
            b',' | b';' => digits,
            _ => false,
        };
        if !infix {
            break;
        }
        i += 1;
    }
    i
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// How far a boundary check looks around a position. Word rules depend only
/// on nearby characters, and a bound keeps a megabyte-long "word" linear.
const LOOK_AROUND: usize = 64;

/// The start of the window of `at`'s word, no more than [`LOOK_AROUND`] bytes back.
fn window_start(text: &str, at: usize) -> usize {
    let mut floor = at.saturating_sub(LOOK_AROUND);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    text[floor..at]
        .rfind(|c: char| !is_word_char(c))
        .map_or(floor, |i| floor + i)
}

/// Whether `at` is inside a hashtag or handle.
fn in_tag(text: &str, at: usize) -> bool {
    let start = window_start(text, at);
    matches!(text.as_bytes().get(start), Some(b'#' | b'@'))
}

/// Asks Unicode word segmentation (UAX #29) about a boundary between two word
/// characters, which matters for scripts without spaces (each ideograph is a word).
fn unicode_boundary(text: &str, at: usize) -> bool {
    let start = window_start(text, at);
    let start = if text[start..].starts_with(|c: char| !is_word_char(c)) {
        start + text[start..].chars().next().map_or(1, char::len_utf8)
    } else {
        start
    };
    let mut ceiling = (at + LOOK_AROUND).min(text.len());
    while !text.is_char_boundary(ceiling) {
        ceiling -= 1;
    }
    let end = text[at..ceiling]
        .find(|c: char| !is_word_char(c))
        .map_or(ceiling, |i| at + i);
    text[start..end]
        .split_word_bound_indices()
        .any(|(i, _)| start + i == at)
}

/// Converts byte offsets to UTF-16 offsets and 1-based line and character
/// column, in one pass over the text for any number of offsets.
pub(crate) struct Locator {
    /// (byte offset, utf16 offset, line, column) for each requested offset, sorted.
    positions: Vec<(usize, usize, u32, u32)>,
}

/// A count as a line or column number, which saturates rather than wraps.
fn count_u32(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

impl Locator {
    pub fn new(text: &str, mut offsets: Vec<usize>) -> Locator {
        offsets.sort_unstable();
        offsets.dedup();
        let mut positions = Vec::with_capacity(offsets.len());
        let (mut utf16, mut line, mut column) = (0usize, 1u32, 1u32);
        let mut at = 0;
        for offset in offsets {
            if offset > text.len() {
                break;
            }
            // Spans' ends are character boundaries; any other offset is
            // placed where the character it falls in ends.
            let end = (offset..=text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(text.len());
            let piece = &text[at.min(end)..end];
            // ASCII text (nearly all of a draft) a piece at a time: a byte is
            // a character and a UTF-16 unit.
            if piece.is_ascii() {
                utf16 += piece.len();
                match piece.bytes().rposition(|b| b == b'\n') {
                    Some(last) => {
                        line = line.saturating_add(count_u32(piece.bytes().filter(|&b| b == b'\n').count()));
                        column = count_u32(piece.len() - last);
                    }
                    None => column = column.saturating_add(count_u32(piece.len())),
                }
            } else {
                for c in piece.chars() {
                    utf16 += c.len_utf16();
                    if c == '\n' {
                        line += 1;
                        column = 1;
                    } else {
                        column += 1;
                    }
                }
            }
            positions.push((offset, utf16, line, column));
            at = at.max(end);
        }
        Locator { positions }
    }

    /// UTF-16 offset, line and column of a byte offset passed to [`Locator::new`].
    pub fn locate(&self, offset: usize) -> (usize, u32, u32) {
        let i = self.positions.partition_point(|p| p.0 < offset);
        self.positions.get(i).map_or((0, 1, 1), |p| (p.1, p.2, p.3))
    }
}

#[cfg(test)]
mod tests {
    use proptest::strategy::Strategy as _;

    use super::*;

    #[test]
    fn a_cut_is_white_space_after_something_else_whatever_comes_before() {
        let chars = [
            "", "a", " ", "\t", "\n", "\r", "\x0b", "\x0c", "\u{a0}", "\u{2028}", "é", "🩺", "_", ".",
        ];
        for before in chars {
            for at in [" ", "\t", "\n", "\x0b", "a", "."] {
                let text = format!("{before}{at}");
                let i = before.len();
                let expected = text.as_bytes()[i].is_ascii_whitespace() && !text[..i].ends_with(char::is_whitespace);
                assert_eq!(is_cut(&text, i), expected, "{text:?}");
            }
        }
    }

    #[test]
    fn boundaries_respect_words_and_camel_case_tags() {
        let doc = Document::new("Scunthorpe #ShitShow shit's");
        assert!(!doc.is_boundary(2));
        assert!(doc.is_boundary(12));
        assert!(doc.is_boundary(16), "lower-to-upper inside a hashtag");
        assert!(doc.is_boundary(25), "before an apostrophe");
        assert!(
            !Document::new("McDonald").is_boundary(2),
            "camel case outside tags is one word"
        );
    }

    #[test]
    fn distance_counts_words_between() {
        let doc = Document::new("NHS no is 943 476 5919 ok");
        let nhs = Span::new(0, 3);
        let number = Span::new(10, 22);
        assert_eq!(doc.distance(number, nhs), (2, true));
        assert_eq!(doc.distance(nhs, number), (2, false));
    }

    /// `find_words` as it was: UAX #29 over the whole text.
    fn words_by_unicode_segmentation(text: &str) -> Vec<Span> {
        text.split_word_bound_indices()
            .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
            .map(|(start, w)| Span::new(start, start + w.len()))
            .collect()
    }

    #[test]
    fn words_match_unicode_segmentation_on_tricky_drafts() {
        for text in [
            "",
            " ",
            "a",
            "can't won’t e.g. i.e. 3.14 1,000 1;2 1:2 a:b a;b a,b 1.a a.1 a'1 1'2",
            "#ShitShow @nhs_trust __init__ _ __ a_ _1 a_.b a..b a.b.c 1.2.3.x",
            "end. end.\r\nnext\rline\nline\x0b\x0cx\t\tx  x   .",
            "café naïve Straße e\u{301} e \u{301}x \u{301}x x\u{301} \u{301} x",
            "a \u{200d}b a\u{200d} \u{200d}\u{200d} 👩\u{200d}⚕\u{fe0f} \u{200d}🩺 👍🏿👍🏿 🩺ok ok🩺",
            "a\u{200c}b x\u{a0}y x\u{2028}y x\u{3000} y x\u{3000}\u{3000} y \u{3000} \u{85}x",
            "日本語 日本 カタカナ_テスト שָׁלוֹם א\"ב א' مرحبا ١٢٣ 🇬🇧🇫🇷 🇬 a",
            "a.\u{301}b 1,\u{200d}2 a'\u{200d} b 1. 2 x. \u{301}y",
            // A Devanagari vowel sign is Extend yet alphabetic, so WB4 makes a
            // word of whitespace and the mark, from the first space of a run.
            "a  \u{93e} \u{3000} \u{93e}\r\n\u{93e} b\t\u{93e}",
        ] {
            assert_eq!(find_words(text), words_by_unicode_segmentation(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, ..Default::default() })]
        /// Drafts from mostly ASCII (so that whole chunks take the ASCII path
        /// with infixes like `1:2` in them) to a non-ASCII piece in four, with
        /// everything that WB4, WB3c, WB3d or other scripts' rules might carry
        /// across a cut.
        #[test]
        fn words_match_unicode_segmentation(
            pieces in (1..=4u32).prop_flat_map(|rare| proptest::collection::vec(proptest::prop_oneof![
                6 => proptest::sample::select(vec!["a", "Z", "x", "0", "7", "can't", "e.g.", "1,000", "3.14"]),
                6 => proptest::sample::select(vec![
                    "!", "\"", "#", "$", "%", "&", "'", "(", ")", "*", "+", ",", "-", ".", "/", ":", ";", "<", "=",
                    ">", "?", "@", "[", "\\", "]", "^", "_", "`", "{", "|", "}", "~", " ", "\t", "\r", "\n",
                    "\x0b", "\x0c", "\x7f",
                ]),
                rare => proptest::sample::select(vec![
                    "’", "é", "ß", "\u{301}", "\u{200d}", "\u{200c}", "\u{fe0f}", "🩺", "👍🏿", "👩\u{200d}⚕\u{fe0f}",
                    "🇬", "日本", "שלום", "مرحبا", "カタ", "\u{a0}", "\u{2028}", "\u{3000}", "\u{85}", "\u{93e}",
                    " \u{93e}",
                ]),
            ], 0..40))
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(find_words(&text), words_by_unicode_segmentation(&text), "{:?}", text);
        }
    }

    /// What [`Locator::new`] and [`Locator::locate`] give, a character at a time.
    fn located_one_by_one(text: &str, offset: usize) -> (usize, u32, u32) {
        let (mut utf16, mut line, mut column) = (0usize, 1u32, 1u32);
        for (byte, c) in text.char_indices() {
            if byte >= offset {
                return (utf16, line, column);
            }
            utf16 += c.len_utf16();
            (line, column) = if c == '\n' { (line + 1, 1) } else { (line, column + 1) };
        }
        (utf16, line, column)
    }

    proptest::proptest! {
        /// Pieces of ASCII are counted at once, and give what counting a
        /// character at a time gives, at any offset, on a character boundary or not.
        #[test]
        fn locator_finds_what_counting_one_character_at_a_time_finds(
            pieces in proptest::collection::vec(proptest::sample::select(vec!["a", "bc ", "\n", "é", "🩺", "\r\n", "x\ny"]), 0..30),
            offsets in proptest::collection::vec(0usize..80, 0..8),
        ) {
            let text = pieces.concat();
            let offsets: Vec<usize> = offsets.into_iter().filter(|&o| o <= text.len()).collect();
            let locator = Locator::new(&text, offsets.clone());
            for offset in offsets {
                proptest::prop_assert_eq!(locator.locate(offset), located_one_by_one(&text, offset), "offset {}", offset);
            }
        }
    }

    #[test]
    fn locator_counts_utf16_lines_and_columns() {
        let text = "🩺 ok\nbé x";
        let x = text.find('x').expect("x");
        let locator = Locator::new(text, vec![x, 0]);
        assert_eq!(locator.locate(0), (0, 1, 1));
        assert_eq!(locator.locate(x), (9, 2, 4), "the stethoscope is two UTF-16 units");
    }
}
