//! The normalised view of a draft that terms are matched against.
//!
//! Folding undoes what changes a word's look but not its meaning (case,
//! fullwidth and styled letters, accents, look-alike letters from other
//! scripts, invisible characters). Every byte of the view maps back to the
//! original character it came from, so findings point at what the user typed.

mod disguise;
mod fold;

pub(crate) use disguise::{Candidate, candidates, decoded_is_code, same_letter, skeleton};
pub(crate) use fold::{FoldedView, fold_term, is_pictograph};

/// Where the run of ASCII bytes that starts at `at` ends: the offset of the
/// next non-ASCII byte, or the end. ASCII is copied or skipped a run at a
/// time; only the other characters are decoded.
pub(crate) fn ascii_run_end(bytes: &[u8], at: usize) -> usize {
    bytes[at..]
        .iter()
        .position(|b| !b.is_ascii())
        .map_or(bytes.len(), |n| at + n)
}

use std::borrow::Cow;

use crate::Span;

/// The text terms are matched against: the draft itself when folding would
/// change nothing but ASCII case (matching is ASCII case-insensitive), or its
/// folded copy.
pub(crate) enum View<'t> {
    Ascii(&'t str),
    Folded(FoldedView),
}

impl<'t> View<'t> {
    pub fn new(text: &'t str) -> View<'t> {
        if fold::folds_to_itself(text) {
            View::Ascii(text)
        } else {
            View::Folded(FoldedView::new(text))
        }
    }

    pub fn text(&self) -> &str {
        match self {
            View::Ascii(text) => text,
            View::Folded(view) => view.text(),
        }
    }

    /// The view in lower case, byte for byte, which is what terms are matched
    /// against: a case-sensitive automaton over lower-case terms builds in
    /// less than half the time of an ASCII case-insensitive one.
    pub fn lower_case(&self) -> Cow<'_, str> {
        match self {
            View::Ascii(text) if text.bytes().any(|b| b.is_ascii_uppercase()) => Cow::Owned(text.to_ascii_lowercase()),
            _ => Cow::Borrowed(self.text()),
        }
    }

    /// The original byte range that produced view bytes `span`.
    #[inline]
    pub fn to_original(&self, span: Span) -> Span {
        match self {
            View::Ascii(_) => span,
            View::Folded(view) => view.to_original(span),
        }
    }
}
