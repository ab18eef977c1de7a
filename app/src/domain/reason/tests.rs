use std::collections::HashSet;

use super::Reason;

#[test]
fn every_reason_has_a_code_and_a_message_in_both_languages() {
    let mut codes = HashSet::new();
    for &reason in Reason::ALL {
        let (vi, en) = (reason.message(false), reason.message(true));
        assert!(!vi.trim().is_empty() && !en.trim().is_empty(), "{reason:?}");
        assert_ne!(vi, en, "{reason:?} has no Vietnamese message of its own");
        // A quote out of place once ran the two messages into each other.
        assert!(
            !vi.contains("The "),
            "{reason:?}: English in the Vietnamese: {vi}"
        );
        let letters: Vec<char> = en.chars().filter(|c| c.is_alphabetic()).collect();
        let ascii = letters.iter().filter(|c| c.is_ascii()).count();
        assert!(
            ascii * 10 >= letters.len() * 8,
            "{reason:?}: not English: {en}"
        );
        assert!(
            codes.insert(reason.code()),
            "{} is used twice",
            reason.code()
        );
        assert_eq!(Reason::parse(reason.code()), Some(reason));
        assert!(
            reason
                .code()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{}",
            reason.code()
        );
    }
    assert_eq!(Reason::parse("no_such_reason"), None);
}
