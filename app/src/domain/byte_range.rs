//! The `Range: bytes=…` a browser sends to fetch part of a file (a PDF viewer reading pages as
//! it shows them, a download resumed on a phone's weak connection). One range is served; several
//! ranges, another unit or nonsense get the whole file, which HTTP allows (RFC 9110, 14.2); a
//! range wholly past the end is "not satisfiable" (416), so a finished download resumed ends.
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    Whole,
    Part(Range<u64>),
    /// A well-formed range with no byte of the file in it.
    Unsatisfiable,
}

/// What `header` asks of a file of `size` bytes.
pub fn wanted(header: &str, size: u64) -> Wanted {
    let Some(spec) = header.trim().strip_prefix("bytes=").map(str::trim) else {
        return Wanted::Whole;
    };
    let Some((first, last)) = spec.split_once('-').filter(|_| !spec.contains(',')) else {
        return Wanted::Whole;
    };
    let (Some(first), Some(last)) = (number(first), number(last)) else {
        return Wanted::Whole;
    };
    match (first, last) {
        // The last `n` bytes.
        (None, Some(0)) => Wanted::Unsatisfiable,
        (None, Some(_)) if size == 0 => Wanted::Unsatisfiable,
        (None, Some(n)) => Wanted::Part(size.saturating_sub(n)..size),
        (Some(start), Some(last)) if start > last => Wanted::Whole,
        (Some(start), _) if start >= size => Wanted::Unsatisfiable,
        // From `start` to the end, or to `last` (inclusive, cut at the end).
        (Some(start), None) => Wanted::Part(start..size),
        (Some(start), Some(last)) => Wanted::Part(start..last.saturating_add(1).min(size)),
        (None, None) => Wanted::Whole,
    }
}

/// `Some(None)` for an absent number, `Some(Some(n))` for digits, `None` for anything else.
fn number(text: &str) -> Option<Option<u64>> {
    let text = text.trim();
    if text.is_empty() {
        Some(None)
    } else if text.len() <= 20 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok().map(Some)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_forms_browsers_send() {
        assert_eq!(wanted("bytes=0-99", 1000), Wanted::Part(0..100));
        assert_eq!(wanted("bytes=900-", 1000), Wanted::Part(900..1000));
        assert_eq!(wanted("bytes=-100", 1000), Wanted::Part(900..1000));
        assert_eq!(wanted("bytes=-5000", 1000), Wanted::Part(0..1000));
        assert_eq!(wanted("bytes=990-2000", 1000), Wanted::Part(990..1000));
    }

    #[test]
    fn past_the_end_is_unsatisfiable_and_nonsense_gets_the_whole_file() {
        for header in ["bytes=1000-", "bytes=1000-2000", "bytes=-0"] {
            assert_eq!(wanted(header, 1000), Wanted::Unsatisfiable, "{header}");
        }
        for header in [
            "bytes=5-2",
            "bytes=0-1,5-9",
            "items=0-9",
            "bytes=a-b",
            "bytes=-",
            "bytes=99999999999999999999999-",
            "",
        ] {
            assert_eq!(wanted(header, 1000), Wanted::Whole, "{header}");
        }
    }

    proptest! {
        #[test]
        fn a_served_part_is_never_empty_and_never_past_the_end(
            header in "bytes=[0-9]{0,4}-[0-9]{0,4}",
            size in 0u64..5000,
        ) {
            if let Wanted::Part(part) = wanted(&header, size) {
                prop_assert!(part.start < part.end && part.end <= size);
            }
        }
    }
}
