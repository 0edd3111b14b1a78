//! A pattern cut down to what it can match in ASCII text.
//!
//! A pattern with Unicode classes (`\p{Lu}`, a Unicode `\w` or `\b`)
//! compiles to a large automaton: each class becomes the UTF-8 byte
//! sequences of all its characters, forwards and backwards. On a draft that
//! is all ASCII only the ASCII part of each class can ever match, so the
//! same pattern with every class cut down to ASCII, and its word boundaries
//! made ASCII ones, finds exactly the same matches there, and compiles
//! faster: a draft that mentions a patient wakes 11 such patterns, which
//! took 22.9 M instructions to compile whole and take 6.3 M cut down
//! (parsing included).

use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

/// `hir` as it matches ASCII text: every class cut down to ASCII, every
/// Unicode word boundary an ASCII one, and what needs a non-ASCII
/// character never matching.
pub(crate) fn ascii_only(hir: Hir) -> Hir {
    // Taken apart rather than copied: a pattern's tree has hundreds of nodes.
    match hir.into_kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) if literal.0.is_ascii() => Hir::literal(literal.0),
        HirKind::Literal(_) => Hir::fail(),
        HirKind::Class(Class::Unicode(class)) => {
            let mut ascii = ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]);
            ascii.intersect(&class);
            Hir::class(Class::Unicode(ascii))
        }
        HirKind::Class(Class::Bytes(class)) => {
            let mut ascii = ClassBytes::new([ClassBytesRange::new(0, 0x7f)]);
            ascii.intersect(&class);
            Hir::class(Class::Bytes(ascii))
        }
        HirKind::Look(look) => Hir::look(ascii_look(look)),
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(ascii_only(*repetition.sub)),
            ..repetition
        }),
        HirKind::Capture(capture) => Hir::capture(Capture {
            sub: Box::new(ascii_only(*capture.sub)),
            ..capture
        }),
        HirKind::Concat(parts) => Hir::concat(parts.into_iter().map(ascii_only).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.into_iter().map(ascii_only).collect()),
    }
}

/// The ASCII assertion that holds where `look` does, in ASCII text.
fn ascii_look(look: Look) -> Look {
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pattern: &str, case_insensitive: bool) -> Hir {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(pattern)
            .expect("valid")
    }

    #[test]
    fn classes_keep_their_ascii_part() {
        let cut = |pattern: &str| ascii_only(parse(pattern, true));
        // Case-insensitive, `\p{Lu}` is every cased letter, and `k` is also the Kelvin sign.
        assert_eq!(cut(r"\p{Lu}"), parse(r"[A-Za-z]", false));
        assert_eq!(cut(r"\bk\b"), parse(r"(?-u:\b)[Kk](?-u:\b)", false));
        assert_eq!(cut(r"(?P<match>\w+)"), parse(r"(?P<match>[0-9A-Z_a-z]+)", false));
        assert_eq!(cut(r"(?-u:[a-c\d])"), parse(r"(?-u:[0-9A-Ca-c])", false));
    }

    #[test]
    fn what_needs_a_non_ascii_character_never_matches() {
        let regex = regex_automata::meta::Regex::builder()
            .build_from_hir(&ascii_only(parse("caf\u{e9}|L\u{f4}n", true)))
            .expect("compiles");
        assert!(regex.find("cafe cafE Lon").is_none());
    }
}
