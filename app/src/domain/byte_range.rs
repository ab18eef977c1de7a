//! The `Range: bytes=…` a browser sends to fetch part of a file (a PDF viewer reading pages as
//! it shows them, a download resumed on a phone's weak connection). One range is served; several
//! ranges, another unit or nonsense get the whole file, which HTTP allows (RFC 9110, 14.2).
use std::ops::Range;

/// The part of a file of `size` bytes that `header` asks for, if it asks for one that exists.
pub fn within(header: &str, size: u64) -> Option<Range<u64>> {
    let spec = header.trim().strip_prefix("bytes=")?.trim();
    if spec.contains(',') || size == 0 {
        return None;
    }
    let (first, last) = spec.split_once('-')?;
    let number = |text: &str| -> Option<Option<u64>> {
        let text = text.trim();
        if text.is_empty() {
            Some(None)
        } else if text.len() <= 20 && text.bytes().all(|b| b.is_ascii_digit()) {
            text.parse().ok().map(Some)
        } else {
            None
        }
    };
    match (number(first)?, number(last)?) {
        // The last `n` bytes.
        (None, Some(n)) if n > 0 => Some(size.saturating_sub(n)..size),
        // From `start` to the end, or to `last` (inclusive, cut at the end).
        (Some(start), None) if start < size => Some(start..size),
        (Some(start), Some(last)) if start <= last && start < size => {
            Some(start..last.saturating_add(1).min(size))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_forms_browsers_send() {
        assert_eq!(within("bytes=0-99", 1000), Some(0..100));
        assert_eq!(within("bytes=900-", 1000), Some(900..1000));
        assert_eq!(within("bytes=-100", 1000), Some(900..1000));
        assert_eq!(within("bytes=-5000", 1000), Some(0..1000));
        assert_eq!(within("bytes=990-2000", 1000), Some(990..1000));
    }

    #[test]
    fn what_cannot_be_served_as_one_part_gets_the_whole_file() {
        for header in [
            "bytes=1000-",
            "bytes=5-2",
            "bytes=-0",
            "bytes=0-1,5-9",
            "items=0-9",
            "bytes=a-b",
            "bytes=-",
            "bytes=99999999999999999999999-",
            "",
        ] {
            assert_eq!(within(header, 1000), None, "{header}");
        }
        assert_eq!(within("bytes=0-0", 0), None);
    }

    proptest! {
        #[test]
        fn a_served_part_is_never_empty_and_never_past_the_end(
            header in "bytes=[0-9]{0,4}-[0-9]{0,4}",
            size in 0u64..5000,
        ) {
            if let Some(part) = within(&header, size) {
                prop_assert!(part.start < part.end && part.end <= size);
            }
        }
    }
}
