//! Byte and UTF-16 ranges.

use serde::Serialize;

/// A half-open range `start..end` of offsets into a text.
///
/// In a [`Diagnostic`](crate::Diagnostic), `span` counts UTF-8 bytes and
/// `utf16` counts UTF-16 code units, so `text.slice(start, end)` in
/// JavaScript gives the flagged text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First offset in the range.
    pub start: usize,
    /// Offset just past the range.
    pub end: usize,
}

impl Span {
    /// A range from `start` to `end`; the bounds are ordered if given reversed.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: start.min(end),
            end: start.max(end),
        }
    }

    /// Whether the two ranges share at least one offset.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies wholly inside this range.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest range covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Number of offsets in the range.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the range is empty.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_strict_at_edges() {
        assert!(!Span::new(0, 3).overlaps(Span::new(3, 5)));
        assert!(Span::new(0, 4).overlaps(Span::new(3, 5)));
        assert!(Span::new(0, 5).contains(Span::new(1, 4)));
        assert_eq!(Span::new(4, 1), Span::new(1, 4));
    }
}
