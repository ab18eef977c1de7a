//! Password rules (OWASP ASVS 5.0 level 2, V6): length only, no composition rules; common
//! passwords and words tied to the user or to this system are refused.

use crate::domain::reason::Reason;
use crate::domain::text::fold;

pub const MIN_CHARS: usize = 8;
/// ASVS asks that at least 64 be allowed; 128 leaves room for passphrases.
pub const MAX_CHARS: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    /// Among the passwords attackers try first.
    TooCommon,
    /// Contains the user's name, phone or email, or a word of this system (ocop, lạng sơn…).
    ContainsContext,
}

impl PasswordProblem {
    /// The stable key pages translate.
    pub fn reason(self) -> Reason {
        match self {
            PasswordProblem::TooShort => Reason::PasswordTooShort,
            PasswordProblem::TooLong => Reason::PasswordTooLong,
            PasswordProblem::TooCommon => Reason::PasswordTooCommon,
            PasswordProblem::ContainsContext => Reason::PasswordContainsContext,
        }
    }
}

/// Words of this system that make a password easy to guess for anyone who knows where it is used.
const SYSTEM_WORDS: &[&str] = &[
    "ocop",
    "lang son",
    "langson",
    "xu lang",
    "mot xa mot san pham",
];

/// Checks a new password. `context` holds what is known of the user: name, phone, email.
///
/// # Errors
/// The first problem found.
pub fn check(password: &str, context: &[&str]) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let lowered = password.to_lowercase();
    if COMMON.contains(&lowered.as_str()) || is_single_repeated_char(&lowered) {
        return Err(PasswordProblem::TooCommon);
    }
    let folded = fold(password).replace(' ', "");
    let system = SYSTEM_WORDS.iter().map(|w| w.replace(' ', ""));
    let personal = context.iter().flat_map(|c| context_words(c));
    for word in system.chain(personal) {
        if !word.is_empty() && folded.contains(&word) {
            return Err(PasswordProblem::ContainsContext);
        }
    }
    Ok(())
}

/// The parts of a name, phone or email worth refusing inside a password: the whole folded value
/// and each part of four characters or more ("nguyen", "0912345678", "hoa.nguyen" → "hoa", …).
fn context_words(value: &str) -> Vec<String> {
    let local = value.split('@').next().unwrap_or(value);
    let folded = fold(local);
    let mut words: Vec<String> = folded
        .split(' ')
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_owned)
        .collect();
    let whole = folded.replace(' ', "");
    if whole.chars().count() >= 4 {
        words.push(whole);
    }
    words
}

fn is_single_repeated_char(password: &str) -> bool {
    let mut chars = password.chars();
    chars.next().is_some_and(|first| chars.all(|c| c == first))
}

/// The most common passwords of at least eight characters (from public breach lists), plus
/// Vietnamese favourites. Shorter ones are already refused by length.
const COMMON: &[&str] = &[
    "12345678",
    "123456789",
    "1234567890",
    "password",
    "password1",
    "password123",
    "11111111",
    "00000000",
    "12341234",
    "87654321",
    "qwertyui",
    "qwerty123",
    "qwertyuiop",
    "1q2w3e4r",
    "1qaz2wsx",
    "abc12345",
    "abcd1234",
    "iloveyou",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "welcome1",
    "admin123",
    "administrator",
    "passw0rd",
    "p@ssw0rd",
    "p@ssword",
    "zaq12wsx",
    "asdfghjk",
    "asdfasdf",
    "letmein1",
    "trustno1",
    "superman",
    "whatever",
    "michael1",
    "computer",
    "internet",
    "starwars",
    "123123123",
    "123321123",
    "147258369",
    "123456a@",
    "a1234567",
    "aa123456",
    "qwe12345",
    "changeme",
    "master12",
    "monkey12",
    "dragon12",
    "1234qwer",
    "q1w2e3r4",
    "matkhau1",
    "matkhau123",
    "matkhau",
    "anhyeuem",
    "emyeuanh",
    "anhyeuem123",
    "vietnam1",
    "vietnam123",
    "hanoi123",
    "saigon123",
    "12345678a",
    "123456789a",
    "0123456789",
    "9876543210",
    "88888888",
    "66666666",
    "12345678910",
    "hoilamgi",
    "yeuemnhieu",
    "conmeo123",
    "khongbiet",
];

#[cfg(test)]
mod tests {
    use super::{PasswordProblem, check};
    use proptest::prelude::*;

    #[test]
    fn length_is_the_only_composition_rule() {
        assert_eq!(check("short", &[]), Err(PasswordProblem::TooShort));
        assert_eq!(
            check("đủ tám ký", &[]),
            Ok(()),
            "eight characters, not bytes"
        );
        assert_eq!(check(&"x".repeat(64).replace("xx", "xy"), &[]), Ok(()));
        assert_eq!(check(&"ab".repeat(65), &[]), Err(PasswordProblem::TooLong));
        assert_eq!(check("all lowercase words here", &[]), Ok(()));
    }

    #[test]
    fn common_passwords_are_refused() {
        for common in [
            "12345678",
            "Password1",
            "matkhau123",
            "AnhYeuEm",
            "aaaaaaaaaa",
        ] {
            assert_eq!(
                check(common, &[]),
                Err(PasswordProblem::TooCommon),
                "{common}"
            );
        }
    }

    #[test]
    fn context_words_are_refused() {
        assert_eq!(
            check("OCOP-2025!x", &[]),
            Err(PasswordProblem::ContainsContext)
        );
        assert_eq!(
            check("Lạng Sơn quê tôi", &[]),
            Err(PasswordProblem::ContainsContext)
        );
        assert_eq!(
            check("langson@@@", &[]),
            Err(PasswordProblem::ContainsContext)
        );
        let me = ["Nguyễn Thị Hoa", "0912345678", "hoanguyen@example.vn"];
        assert_eq!(
            check("nguyen!!2025", &me),
            Err(PasswordProblem::ContainsContext)
        );
        assert_eq!(
            check("xx0912345678", &me),
            Err(PasswordProblem::ContainsContext)
        );
        assert_eq!(
            check("HoaNguyen-pw", &me),
            Err(PasswordProblem::ContainsContext)
        );
        assert_eq!(check("mây trắng bay qua đèo", &me), Ok(()));
    }

    proptest! {
        #[test]
        fn shorter_than_eight_is_always_refused(p in "\\PC{0,7}") {
            prop_assert_eq!(check(&p, &[]), Err(PasswordProblem::TooShort));
        }

        #[test]
        fn longer_than_the_maximum_is_always_refused(p in "\\PC{129,160}") {
            prop_assert_eq!(check(&p, &[]), Err(PasswordProblem::TooLong));
        }
    }
}
