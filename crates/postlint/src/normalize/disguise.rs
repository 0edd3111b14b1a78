//! Finds words disguised with leet, masks, separators or stretched letters.
//!
//! The families follow `shared/guidance.md` part G (CleanSpeak's
//! "Profanity Filtering 101" series). A token is decoded only when it shows a
//! disguise signal, and then it is compared whole against disguise-enabled
//! terms, so decoding never turns an ordinary word or number into a match:
//! `45s` is a number with a unit, `6 itch` is two words, `shiitake` is a plain
//! word with nothing to decode.

use crate::Span;

/// A disguised token found in the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Candidate {
    /// Decoded to a skeleton (see [`skeleton`]) to look up.
    Decoded { span: Span, skeleton: String },
    /// Letters with masked positions (`None`), to compare with terms of the same length.
    Masked { span: Span, pattern: Vec<Option<char>> },
}

/// The letter a leet character stands for.
fn leet(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '!' | '|' => 'i',
        '3' | '€' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' | '+' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => return None,
    })
}

fn is_mask(c: char) -> bool {
    matches!(c, '*' | '#' | '_' | '?' | '%')
}

fn is_separator(c: char) -> bool {
    matches!(c, '.' | '-' | '_' | '/' | '*' | '~' | '|' | '+' | ',' | '\\')
}

/// The form a term and a disguised token are compared in: lower-case, leet
/// decoded, `l` merged with `i` (`1` may stand for either), runs of a letter
/// collapsed to one (`fuuuck`), separators dropped.
pub(crate) fn skeleton(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = if c.is_alphabetic() {
            c
        } else if let Some(l) = leet(c) {
            l
        } else {
            continue;
        };
        let c = if c == 'l' { 'i' } else { c };
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Whether two letters match once `l` and `i` are merged.
pub(crate) fn same_letter(a: char, b: char) -> bool {
    let merge = |c: char| if c == 'l' { 'i' } else { c };
    merge(a) == merge(b)
}

/// Every disguised token in `text` (the view: folded, or ASCII of any case).
pub(crate) fn candidates(text: &str) -> Vec<Candidate> {
    let bytes = text.as_bytes();
    let mut tokens = Tokens::default();
    if has_a_tripled_ascii_letter(bytes) {
        // Few drafts: every token gets a look.
        tokens.look_at(text, Span::new(0, bytes.len()), true);
    } else {
        // Nearly every token is a plain word, which has nothing to decode
        // and only ends a run of single letters: only the stretches of
        // tokens with anything else get a look (the corpus's tweets: 4.1
        // regions of 30 tokens; 0.53 µs a tweet for this pass, 0.64 before).
        let mut last_end = None;
        for region in regions_to_look_at(bytes) {
            // A token between two regions (an empty one too) ends a run.
            if last_end != region.start.checked_sub(1) {
                tokens.single_run.flush(text, &mut tokens.out);
            }
            tokens.look_at(text, region, false);
            last_end = Some(region.end);
        }
    }
    tokens.single_run.flush(text, &mut tokens.out);
    tokens.out
}

/// The candidates found so far, and the run of single letters going on.
#[derive(Default)]
struct Tokens {
    out: Vec<Candidate>,
    single_run: SingleRun,
}

impl Tokens {
    /// Looks at each token of `region` of `text`, which starts and ends at
    /// the text's ends or at whitespace. `any_tripled`: whether the text has
    /// an ASCII letter three times in a row.
    fn look_at(&mut self, text: &str, region: Span, any_tripled: bool) {
        let Tokens { out, single_run } = self;
        for (span, shape) in whitespace_separated(text, region, any_tripled) {
            let token = &text[span.start..span.end];
            let plain = match shape {
                Shape::Letters => token.len() >= 2,
                Shape::LettersAndPunctuation => is_plain_ascii_word(token),
                Shape::Other => false,
            };
            if plain {
                // Nearly every token: decided in the one pass that found it.
                if !single_run.is_empty() {
                    single_run.flush(text, out);
                }
                continue;
            }
            // An emoji (or a run of them) holds no letter, leet or mask: it only
            // ends a run of single letters.
            if token
                .chars()
                .all(|c| super::is_pictograph(c) || matches!(c, '\u{fe0f}' | '\u{200d}'))
            {
                single_run.flush(text, out);
                continue;
            }
            let (core, core_span) = trim(token, span);
            if core.chars().count() == 1 && core.chars().all(|c| c.is_alphabetic() || leet(c).is_some()) {
                single_run.push(core_span);
                continue;
            }
            single_run.flush(text, out);
            if !core.is_empty() {
                token_candidates(core, core_span, out);
            }
        }
    }
}

/// The stretches of `bytes` from whitespace (or the start) to whitespace (or
/// the end) that hold a token with something other than ASCII letters, or a
/// single letter; in order, apart. Every other token is two or more ASCII
/// letters.
fn regions_to_look_at(bytes: &[u8]) -> impl Iterator<Item = Span> + '_ {
    let mut from: usize = 0;
    // The bytes to look at in the block of 64 from `base`, as a bit mask.
    let (mut base, mut look) = (0, bytes_to_look_at(bytes, 0));
    std::iter::from_fn(move || {
        loop {
            if base >= bytes.len() {
                return None;
            }
            // Those before `from` are in a region already given.
            let skipped = from.saturating_sub(base);
            look &= u64::MAX.checked_shl(skipped as u32).unwrap_or(0);
            if look != 0 {
                break;
            }
            base += 64;
            look = bytes_to_look_at(bytes, base);
        }
        let at = base + look.trailing_zeros() as usize;
        let start = bytes[..at]
            .iter()
            .rposition(|&b| is_ascii_space(b))
            .map_or(0, |i| i + 1);
        let end = bytes[at..]
            .iter()
            .position(|&b| is_ascii_space(b))
            .map_or(bytes.len(), |i| at + i);
        from = end + 1;
        Some(Span::new(start, end))
    })
}

/// Whether `b` is whitespace that `char::is_whitespace` finds in ASCII.
fn is_ascii_space(b: u8) -> bool {
    b == b' ' || b.wrapping_sub(b'\t') < 5
}

/// Of the (up to) 64 bytes from `base`, those that are neither an ASCII
/// letter nor ASCII whitespace, and the letters that are a token on their
/// own, as a bit mask (bit `i`: the byte at `base + i`).
fn bytes_to_look_at(bytes: &[u8], base: usize) -> u64 {
    let Some(block) = bytes.get(base..bytes.len().min(base + 64)).filter(|b| !b.is_empty()) else {
        return 0;
    };
    let mut classes = [0u64; 4];
    let mut add = |word: [u8; 8], shift: usize| {
        for (all, these) in classes.iter_mut().zip(byte_classes(u64::from_le_bytes(word))) {
            *all |= these << shift;
        }
    };
    let mut words = block.chunks_exact(8);
    for (i, word) in words.by_ref().enumerate() {
        add(word.try_into().unwrap_or_default(), 8 * i);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut word = [0; 8];
        word[..rest.len()].copy_from_slice(rest);
        add(word, block.len() - rest.len());
    }
    let [letters, spaces, stops, hashes] = classes;
    let last = block.len() - 1;
    let in_block = u64::MAX >> (63 - last);
    let space_before = (spaces << 1) | u64::from(base == 0 || is_ascii_space(bytes[base - 1]));
    let space_after =
        (spaces >> 1) | u64::from(bytes.get(base + block.len()).is_none_or(|&b| is_ascii_space(b))) << last;
    // Bytes within two bytes of the block's ends have neighbours beyond it:
    // taken as no letters, which only leaves more to look at.
    let (letter_before, letter_after) = (letters << 1, letters >> 1);
    let alone = letters & space_before & space_after;
    // A comma or full stop that ends a word of two letters or more, and a
    // hash that starts one, leave it a plain word (`is_plain_ascii_word`).
    let plain_ends = stops & space_after & letter_before & (letter_before << 1);
    let plain_starts = hashes & space_before & letter_after & (letter_after >> 1);
    (!letters & !spaces & !plain_ends & !plain_starts & in_block) | alone
}

/// Which of the eight bytes of `word` (little-endian) are ASCII letters,
/// ASCII whitespace, commas or full stops, and hashes, as eight bits each:
/// the bytes are compared side by side within the word, with no branch (in
/// the way of `memchr`'s fallback, "SWAR"). No sum carries from one byte into
/// the next: each is of a byte below 0x80 and a constant below 0x80.
fn byte_classes(word: u64) -> [u64; 4] {
    const LOW_SEVEN: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let each = |b: u8| 0x0101_0101_0101_0101 * u64::from(b);
    let ascii = !word & HIGH;
    let low = word & LOW_SEVEN;
    // The high bit of a byte of `low + each(0x80 - x)` is set if it is x or more.
    let at_least = |v: u64, x: u8| v + each(0x80 - x);
    let is = |x: u8| !((low ^ each(x)) + LOW_SEVEN);
    let lower = low | each(0x20);
    let letters = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
    let spaces = (at_least(low, b'\t') & !at_least(low, b'\r' + 1)) | is(b' ');
    // Gathers the high bit of each byte into the top byte, in order.
    let gather = |flags: u64| (flags & ascii).wrapping_mul(0x0002_0408_1020_4081) >> 56;
    [letters, spaces, is(b'.') | is(b','), is(b'#')].map(gather)
}

/// What a token is made of, as far as one pass over its bytes can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// ASCII letters only, no letter three times in a row.
    Letters,
    /// ASCII letters and the punctuation `trim` may strip.
    LettersAndPunctuation,
    /// Anything else: the full path decides.
    Other,
}

// Byte classes, as bits so a token's classes are one `|` a byte.
const LETTER: u8 = 1;
const TRIMMABLE: u8 = 2;
const OTHER: u8 = 4;
const NON_ASCII: u8 = 8;
const SPACE: u8 = 16;

/// The class of each byte for [`whitespace_separated`].
const BYTE_CLASS: [u8; 256] = {
    let mut table = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = match c {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => SPACE,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'"' | b'\'' | b'(' | b'[' | b'{' | b'<' | b'#' | b'.' | b',' | b';' | b':' | b'?' | b'!' | b')' | b']'
            | b'}' | b'>' => TRIMMABLE,
            _ => OTHER,
        };
        b += 1;
    }
    table
};

/// The spans of `text[region].split(char::is_whitespace)`, empty ones
/// included, with the shape of each; one table look-up per byte where the
/// text is ASCII. `any_tripled`: whether the text has an ASCII letter three
/// times in a row.
fn whitespace_separated(text: &str, region: Span, any_tripled: bool) -> impl Iterator<Item = (Span, Shape)> + '_ {
    let bytes = text.as_bytes();
    let end = region.end;
    let mut start = region.start;
    let mut done = false;
    // The shape of the token `start..end` whose bytes' classes are `seen`: a
    // letter three times in a row is looked for only in a token that could
    // otherwise be plain, which is nearly every token, and only if the text
    // has one somewhere, which few have.
    let shape_of = move |start: usize, end: usize, seen: u8| {
        let other = seen & (OTHER | NON_ASCII) != 0;
        let tripled = any_tripled
            && !other
            && bytes[start..end]
                .windows(3)
                .any(|w| w[0] == w[1] && w[1] == w[2] && w[0].is_ascii_alphabetic());
        shape(seen & TRIMMABLE != 0, other, tripled)
    };
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut i = start;
        let mut seen = 0;
        while i < end {
            let class = BYTE_CLASS[usize::from(bytes[i])];
            if class & (SPACE | NON_ASCII) == 0 {
                seen |= class;
                i += 1;
                continue;
            }
            if class == SPACE {
                let span = Span::new(start, i);
                start = i + 1;
                return Some((span, shape_of(span.start, span.end, seen)));
            }
            let c = text[i..].chars().next().unwrap_or('\0');
            if c.is_whitespace() {
                let span = Span::new(start, i);
                start = i + c.len_utf8();
                return Some((span, shape_of(span.start, span.end, seen | NON_ASCII)));
            }
            seen |= NON_ASCII;
            i += c.len_utf8().max(1);
        }
        done = true;
        Some((Span::new(start, end), shape_of(start, end, seen)))
    })
}

/// Whether an ASCII letter comes three times in a row anywhere in `bytes`:
/// one pass with no early exit, which the compiler turns into vector code.
fn has_a_tripled_ascii_letter(bytes: &[u8]) -> bool {
    let Some(shorter) = bytes.len().checked_sub(2) else {
        return false;
    };
    let (first, second, third) = (&bytes[..shorter], &bytes[1..=shorter], &bytes[2..]);
    first.iter().zip(second).zip(third).fold(false, |any, ((&a, &b), &c)| {
        any | ((a == b) & (b == c) & ((a | 0x20).wrapping_sub(b'a') < 26))
    })
}

fn shape(punctuation: bool, other: bool, tripled: bool) -> Shape {
    if other || tripled {
        Shape::Other
    } else if punctuation {
        Shape::LettersAndPunctuation
    } else {
        Shape::Letters
    }
}

/// Single letters in a row, spaced out one by one (`f u c k`), which are
/// joined when there are three or more. The first is held apart: a lone
/// letter (`a`, `I`, `5`) is the common case, and costs no allocation.
#[derive(Default)]
struct SingleRun {
    first: Option<Span>,
    rest: Vec<Span>,
}

impl SingleRun {
    fn push(&mut self, span: Span) {
        match self.first {
            None => self.first = Some(span),
            Some(_) => self.rest.push(span),
        }
    }

    fn is_empty(&self) -> bool {
        self.first.is_none()
    }

    /// Ends the run: its letters joined are a candidate if there are three or more.
    fn flush(&mut self, text: &str, out: &mut Vec<Candidate>) {
        let Some(first) = self.first.take() else { return };
        if let Some(last) = self.rest.last().filter(|_| self.rest.len() >= 2) {
            let joined: String = std::iter::once(&first)
                .chain(&self.rest)
                .map(|s| &text[s.start..s.end])
                .collect();
            out.push(Candidate::Decoded {
                span: Span::new(first.start, last.end),
                skeleton: skeleton(&joined),
            });
        }
        self.rest.clear();
    }
}

/// Strips quotes and punctuation around a token, and skips handles, links and emails.
fn trim(token: &str, span: Span) -> (&str, Span) {
    let empty = ("", Span::new(span.start, span.start));
    // A byte search: `str::contains` sets up a two-way searcher for every token.
    let link = token.as_bytes().windows(3).any(|w| w == b"://");
    if token.starts_with('@') || link || token.starts_with("www.") {
        return empty;
    }
    if let Some(at) = token.find('@')
        && token[at..].contains('.')
        && at > 0
    {
        return empty;
    }
    let leading = |c: char| matches!(c, '"' | '\'' | '(' | '[' | '{' | '<' | '“' | '‘' | '«' | '#');
    let trailing = |c: char| {
        matches!(
            c,
            '"' | '\'' | '.' | ',' | ';' | ':' | '?' | '!' | ')' | ']' | '}' | '>' | '”' | '’' | '»' | '…'
        )
    };
    let start_trimmed = token.trim_start_matches(leading);
    let core = start_trimmed.trim_end_matches(trailing);
    let start = span.start + (token.len() - start_trimmed.len());
    (core, Span::new(start, start + core.len()))
}

fn token_candidates(core: &str, span: Span, out: &mut Vec<Candidate>) {
    if is_plain_word(core) {
        return;
    }
    // Separated letters within one token: f.u.c.k, s-h-1-t, f*u*c*k.
    let single_letter = |p: &str| {
        let mut chars = p.chars();
        chars.next().is_some_and(|c| c.is_alphabetic() || leet(c).is_some()) && chars.next().is_none()
    };
    if core.split(is_separator).nth(2).is_some() && core.split(is_separator).all(single_letter) {
        out.push(Candidate::Decoded {
            span,
            skeleton: skeleton(core),
        });
        return;
    }
    // Otherwise look at each run of letters, leet and masks on its own (`f*ck-off` is two).
    let mut offset = 0;
    for piece in core.split(|c: char| !(c.is_alphabetic() || leet(c).is_some() || is_mask(c) || c.is_ascii_digit())) {
        let piece_span = Span::new(span.start + offset, span.start + offset + piece.len());
        offset += piece.len() + core[offset + piece.len()..].chars().next().map_or(0, char::len_utf8);
        if let Some(candidate) = piece_candidate(piece, piece_span) {
            out.push(candidate);
        }
    }
}

/// An ASCII token that `trim` would reduce to two or more plain letters (no
/// letter three times in a row): the same verdict as the full path, in one
/// pass over its bytes.
fn is_plain_ascii_word(token: &str) -> bool {
    let bytes = token.as_bytes();
    let start = bytes
        .iter()
        .position(|b| !matches!(b, b'"' | b'\'' | b'(' | b'[' | b'{' | b'<' | b'#'))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| {
            !matches!(
                b,
                b'"' | b'\'' | b'.' | b',' | b';' | b':' | b'?' | b'!' | b')' | b']' | b'}' | b'>'
            )
        })
        .map_or(0, |i| i + 1);
    if end < start + 2 {
        return false;
    }
    let core = &bytes[start..end];
    core.iter().all(u8::is_ascii_alphabetic) && !core.windows(3).any(|w| w[0] == w[1] && w[1] == w[2])
}

/// Letters only, and no letter three times in a row: nothing to decode. This
/// is nearly every word, so it is checked before anything is allocated.
fn is_plain_word(token: &str) -> bool {
    let mut run = (' ', 0);
    for c in token.chars() {
        if !c.is_alphabetic() {
            return false;
        }
        run = if c == run.0 { (c, run.1 + 1) } else { (c, 1) };
        if run.1 >= 3 {
            return false;
        }
    }
    true
}

/// Capitals then digits (the A55, the M40, a B105 form) name a road, a grid
/// square or a model: a code, not leet. A folded view has lost its capitals,
/// so for one this is asked of the original text too (`decoded_is_code`).
fn names_a_code(chars: &[char]) -> bool {
    let first_digit = chars.iter().position(char::is_ascii_digit).unwrap_or(chars.len());
    first_digit > 0
        && chars.len() - first_digit >= 2
        && chars[..first_digit].iter().all(|c| c.is_uppercase())
        && chars[first_digit..].iter().all(char::is_ascii_digit)
}

/// Whether the original text of a decoded candidate names a code (see
/// [`names_a_code`]): needed when the candidate came from a folded view.
pub(crate) fn decoded_is_code(original: &str) -> bool {
    names_a_code(&original.chars().collect::<Vec<_>>())
}

fn piece_candidate(piece: &str, span: Span) -> Option<Candidate> {
    // Most pieces are short or plain words: decided before anything is allocated.
    if piece.chars().nth(2).is_none() || is_plain_word(piece) {
        return None;
    }
    let chars: Vec<char> = piece.chars().collect();
    let letters = chars.iter().filter(|c| c.is_alphabetic()).count();
    let masks = chars.iter().filter(|&&c| is_mask(c)).count();
    let leets = chars
        .iter()
        .filter(|&&c| !c.is_alphabetic() && leet(c).is_some())
        .count();
    let other_digits = chars
        .iter()
        .filter(|&&c| c.is_ascii_digit() && leet(c).is_none())
        .count();
    if letters == 0 || other_digits > 0 {
        return None;
    }
    if masks > 0 {
        // A masked word shows at least two real letters and starts with one: f*ck, sh*t, f**k.
        if letters < 2 || !chars[0].is_alphabetic() && leet(chars[0]).is_none() {
            return None;
        }
        let pattern = chars
            .iter()
            .map(|&c| {
                if is_mask(c) {
                    None
                } else {
                    Some(leet(c).unwrap_or(c).to_lowercase().next().unwrap_or(c))
                }
            })
            .collect();
        return Some(Candidate::Masked { span, pattern });
    }
    if leets > 0 {
        // A number with a unit (45s, 10am, 3rd, 90kg) is not leet.
        let number_with_unit = chars[0].is_ascii_digit() && {
            let first_letter = chars.iter().position(|c| c.is_alphabetic()).unwrap_or(chars.len());
            chars[first_letter..].iter().all(|c| c.is_alphabetic())
        };
        return (!number_with_unit && !names_a_code(&chars)).then(|| Candidate::Decoded {
            span,
            skeleton: skeleton(piece),
        });
    }
    let stretched = chars
        .windows(3)
        .any(|w| w[0] == w[1] && w[1] == w[2] && w[0].is_alphabetic());
    stretched.then(|| Candidate::Decoded {
        span,
        skeleton: skeleton(piece),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_whitespace_like_the_standard_library() {
        for text in [
            "",
            " ",
            "a",
            "a b",
            "  a\t\nb  ",
            "f\u{a0}u\u{3000}c k",
            "é\u{2028}ü\u{85}x\u{1c}y",
            "🩺 x ",
        ] {
            let expected: Vec<&str> = text.split(char::is_whitespace).collect();
            let found: Vec<&str> = whitespace_separated(text, Span::new(0, text.len()), true)
                .map(|(s, _)| &text[s.start..s.end])
                .collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]
        /// The one-pass shape of each token is what looking at the whole
        /// token says: a letter three times in a row, any byte that is not a
        /// letter or trimmable punctuation, any such punctuation.
        #[test]
        fn shapes_match_the_tokens(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "a", "b", "F", " ", "\t", ".", "#", "(", "*", "1", "$", "\0", "é", "🩺", "\u{a0}", "aa", "aaa",
                "...", "!!", "\u{2003}",
            ]), 0..24)
        ) {
            let text = pieces.concat();
            let any_tripled = has_a_tripled_ascii_letter(text.as_bytes());
            for (span, shape) in whitespace_separated(&text, Span::new(0, text.len()), any_tripled) {
                let token = &text.as_bytes()[span.start..span.end];
                let tripled = token.windows(3).any(|w| w[0].is_ascii_alphabetic() && w[0] == w[1] && w[1] == w[2]);
                // A token ended by non-ASCII whitespace is left to the full path.
                let ended_by_unicode_space = text[span.end..].starts_with(|c: char| !c.is_ascii() && c.is_whitespace());
                let other = ended_by_unicode_space
                    || token.iter().any(|&b| !b.is_ascii() || BYTE_CLASS[usize::from(b)] == OTHER);
                let punctuation = token.iter().any(|&b| BYTE_CLASS[usize::from(b)] == TRIMMABLE);
                proptest::prop_assert_eq!(shape, super::shape(punctuation, other, tripled), "{:?}", &text[span.start..span.end]);
            }
        }
    }

    proptest::proptest! {
        /// Eight bytes compared side by side say what one at a time say.
        #[test]
        fn words_are_classed_as_their_bytes(word in proptest::prelude::any::<[u8; 8]>()) {
            let mut classes = [0; 4];
            for (i, b) in word.into_iter().enumerate() {
                let found = [b.is_ascii_alphabetic(), b.is_ascii_whitespace() || b == 0x0b, b == b'.' || b == b',', b == b'#'];
                for (class, found) in classes.iter_mut().zip(found) {
                    *class |= u64::from(found) << i;
                }
            }
            proptest::prop_assert_eq!(byte_classes(u64::from_le_bytes(word)), classes);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]
        /// Looking only at the regions finds what looking at every token finds.
        #[test]
        fn regions_find_what_every_token_gives(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a ", "b ", "f ", "u ", "c ", "k ", "I ", "a, ", "b. ", "#c ", "sh", "it", "word", "Fu", " ", " ", "  ",
                "\t", "\n", "\r\n", ".", ",", "#", "'", "*", "-", "1", "5", "$", "@", "é", "🩺", "\u{a0}", "\u{2003}",
                "aa", "ab.", "#ab", "ab, ", "#ab ", "..", ",,", "##", "\u{b}", "\u{c}",
            ]), 0..40),
            long_word in 0usize..140,
        ) {
            // Some texts long enough for several blocks of 64 bytes.
            let text = format!("{}{}", "w".repeat(long_word), pieces.concat());
            let mut every = Tokens::default();
            every.look_at(&text, Span::new(0, text.len()), true);
            every.single_run.flush(&text, &mut every.out);
            proptest::prop_assert_eq!(candidates(&text), every.out, "{:?}", text);
        }
    }

    fn decoded(text: &str) -> Vec<String> {
        candidates(text)
            .into_iter()
            .map(|c| match c {
                Candidate::Decoded { span, skeleton } => format!("{}={}", &text[span.start..span.end], skeleton),
                Candidate::Masked { span, .. } => format!("{}=masked", &text[span.start..span.end]),
            })
            .collect()
    }

    #[test]
    fn decodes_each_family() {
        assert_eq!(decoded("what a sh1t day"), ["sh1t=shit"]);
        assert_eq!(decoded("$hit!"), ["$hit=shit"]);
        assert_eq!(decoded("f.u.c.k this"), ["f.u.c.k=fuck"]);
        assert_eq!(decoded("oh f u c k"), ["f u c k=fuck"]);
        assert_eq!(decoded("fuuuuck"), ["fuuuuck=fuck"]);
        assert_eq!(decoded("f*ck, sh*t"), ["f*ck=masked", "sh*t=masked"]);
        assert_eq!(decoded("#sh1tshow"), ["sh1tshow=shitshow"]);
    }

    #[test]
    fn leaves_ordinary_words_and_numbers_alone() {
        assert!(decoded("45s plank, 10am clinic, 3rd floor, COVID-19, B12").is_empty());
        assert!(decoded("6 itch").is_empty());
        assert!(decoded("shiitake and assessment").is_empty());
        assert!(decoded("@sh1t_handle me@ex4mple.com https://x.co/a55").is_empty());
        assert!(
            decoded("f*** and ***").is_empty(),
            "one visible letter is too little to guess"
        );
        assert!(decoded("A & E, I am").is_empty());
        assert!(
            decoded("crash on the A55, then the M40 and the A3055").is_empty(),
            "road numbers are codes, not leet"
        );
        assert_eq!(decoded("kick a55"), ["a55=as"], "lower case is still leet");
    }
}
