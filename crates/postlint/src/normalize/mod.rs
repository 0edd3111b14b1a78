//! The normalised view of a draft that terms are matched against.
//!
//! Folding undoes what changes a word's look but not its meaning (case,
//! fullwidth and styled letters, accents, look-alike letters from other
//! scripts, invisible characters). Every byte of the view maps back to the
//! original character it came from, so findings point at what the user typed.

mod disguise;
mod fold;

pub(crate) use disguise::{Candidate, candidates, same_letter, skeleton};
pub(crate) use fold::{FoldedView, fold_term};

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

    /// The original byte range that produced view bytes `span`.
    pub fn to_original(&self, span: Span) -> Span {
        match self {
            View::Ascii(_) => span,
            View::Folded(view) => view.to_original(span),
        }
    }
}
