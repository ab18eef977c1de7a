//! GS1 trade item numbers (GTIN-8, -12, -13, -14) and their check digit.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GtinProblem {
    /// Not 8, 12, 13 or 14 digits.
    Format,
    /// The last digit is wrong; this is the one that would be right.
    CheckDigit { expected: u8 },
}

/// A valid GTIN, digits only (spaces and dashes people type are dropped).
///
/// # Errors
/// `Format` or `CheckDigit` with the digit that would be right.
pub fn parse(input: &str) -> Result<String, GtinProblem> {
    let digits: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if !matches!(digits.len(), 8 | 12 | 13 | 14) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(GtinProblem::Format);
    }
    let (body, last) = digits.split_at(digits.len() - 1);
    let expected = check_digit(body);
    if last.as_bytes()[0] - b'0' != expected {
        return Err(GtinProblem::CheckDigit { expected });
    }
    Ok(digits)
}

/// The GS1 mod-10 check digit of the digits before it: weights 3 and 1 alternate from the
/// right.
pub fn check_digit(body: &str) -> u8 {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// GTINs allocated by GS1 Vietnam start with 893 (a note, not an error: imports exist).
pub fn is_vietnamese(gtin: &str) -> bool {
    gtin.len() == 13 && gtin.starts_with("893")
}

/// The 14-digit form used in GS1 Digital Link paths (left-padded with zeros).
pub fn to_gtin14(gtin: &str) -> String {
    format!("{gtin:0>14}")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn real_numbers_pass_and_a_wrong_digit_names_the_right_one() {
        assert_eq!(parse("8934588 012228").as_deref(), Ok("8934588012228"));
        assert_eq!(parse("96385074"), Ok("96385074".into()));
        assert_eq!(parse("036000291452"), Ok("036000291452".into()));
        assert_eq!(
            parse("8934588012227"),
            Err(GtinProblem::CheckDigit { expected: 8 })
        );
        assert_eq!(
            parse("893458801222"),
            Err(GtinProblem::CheckDigit { expected: 6 })
        );
        assert_eq!(parse("89345880122"), Err(GtinProblem::Format));
        assert_eq!(parse("893458801222x"), Err(GtinProblem::Format));
        assert!(is_vietnamese("8934588012228"));
        assert_eq!(to_gtin14("8934588012228"), "08934588012228");
    }

    proptest! {
        #[test]
        fn appending_the_check_digit_always_makes_a_valid_gtin(body in "[0-9]{12}") {
            let gtin = format!("{body}{}", check_digit(&body));
            prop_assert_eq!(parse(&gtin), Ok(gtin.clone()));
        }

        #[test]
        fn changing_the_last_digit_is_always_caught(body in "[0-9]{12}", delta in 1u8..10) {
            let right = check_digit(&body);
            let wrong = (right + delta) % 10;
            prop_assert_eq!(
                parse(&format!("{body}{wrong}")),
                Err(GtinProblem::CheckDigit { expected: right })
            );
        }
    }
}
