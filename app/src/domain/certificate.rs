//! An OCOP certificate's validity: 36 months from its decision date (DOMAIN.md), "expiring"
//! within a configurable window before that, or revoked. Dates are plain calendar days
//! (`chrono::NaiveDate` needs no time zone for this).
use serde::{Deserialize, Serialize};

/// Months a certificate is valid from its decision date.
pub const VALID_MONTHS: u32 = 36;
/// Default warning window before expiry, in days.
pub const EXPIRING_WITHIN_DAYS: i64 = 90;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Validity {
    Valid,
    /// Valid, but ends within the warning window.
    Expiring,
    Expired,
    Revoked,
}

impl Validity {
    pub fn as_str(self) -> &'static str {
        match self {
            Validity::Valid => "valid",
            Validity::Expiring => "expiring",
            Validity::Expired => "expired",
            Validity::Revoked => "revoked",
        }
    }

    /// Whether the product may carry the OCOP mark and its stars today.
    pub fn allows_mark(self) -> bool {
        matches!(self, Validity::Valid | Validity::Expiring)
    }
}

/// What a provincial decision issues for a product with `stars`: a certificate of 3★ or 4★;
/// a 5★ result is certified 4★ by the province and proposed to the Ministry (DOMAIN.md);
/// below 3★ nothing.
pub fn provincial_stars(stars: u8) -> Option<u8> {
    match stars {
        3 | 4 => Some(stars),
        5 => Some(4),
        _ => None,
    }
}

/// The default certificate number format: `{year}` and `{seq}` (four digits) are replaced.
/// Numbers travel in URLs (`/certificates/{number}`), so a format must not produce a `/`.
pub const DEFAULT_NUMBER_FORMAT: &str = "LS-{year}-{seq}";

/// The certificate number for the `seq`-th certificate of `year` under `format`.
pub fn number(format: &str, year: i32, seq: u32) -> String {
    format
        .replace("{year}", &year.to_string())
        .replace("{seq}", &format!("{seq:04}"))
        .replace('/', "-")
}

/// The last day of validity of a certificate decided on `decided`: the day before the same
/// date 36 months later (the end of the month when that date does not exist).
pub fn valid_until(decided: chrono::NaiveDate) -> chrono::NaiveDate {
    let end = decided
        .checked_add_months(chrono::Months::new(VALID_MONTHS))
        .unwrap_or(chrono::NaiveDate::MAX);
    end.pred_opt().unwrap_or(end)
}

/// The certificate's state on `today`.
pub fn validity(
    valid_until: chrono::NaiveDate,
    revoked: bool,
    today: chrono::NaiveDate,
    expiring_within_days: i64,
) -> Validity {
    if revoked {
        Validity::Revoked
    } else if today > valid_until {
        Validity::Expired
    } else if (valid_until - today).num_days() <= expiring_within_days {
        Validity::Expiring
    } else {
        Validity::Valid
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn thirty_six_months_then_expiring_then_expired() {
        assert_eq!(valid_until(day(2025, 12, 15)), day(2028, 12, 14));
        assert_eq!(
            valid_until(day(2024, 2, 29)),
            day(2027, 2, 27),
            "no 29 February in 2027"
        );
        let until = day(2028, 12, 14);
        assert_eq!(
            validity(until, false, day(2026, 11, 29), 90),
            Validity::Valid
        );
        assert_eq!(
            validity(until, false, day(2028, 10, 1), 90),
            Validity::Expiring
        );
        assert_eq!(validity(until, false, until, 90), Validity::Expiring);
        assert_eq!(
            validity(until, false, day(2028, 12, 15), 90),
            Validity::Expired
        );
        assert_eq!(
            validity(until, true, day(2026, 1, 1), 90),
            Validity::Revoked
        );
        assert!(!Validity::Expired.allows_mark() && Validity::Expiring.allows_mark());
    }

    #[test]
    fn the_province_certifies_three_and_four_stars() {
        assert_eq!(provincial_stars(2), None);
        assert_eq!(provincial_stars(3), Some(3));
        assert_eq!(provincial_stars(5), Some(4));
    }

    #[test]
    fn numbers_follow_the_format_and_stay_url_safe() {
        assert_eq!(number(DEFAULT_NUMBER_FORMAT, 2025, 7), "LS-2025-0007");
        assert_eq!(number("{seq}/{year}/OCOP", 2024, 12), "0012-2024-OCOP");
    }

    proptest! {
        #[test]
        fn a_certificate_never_comes_back_to_life(offset in 0i64..4000, later in 0i64..4000) {
            let until = day(2028, 12, 14);
            let first = day(2026, 1, 1) + chrono::Days::new(offset as u64);
            let second = first + chrono::Days::new(later as u64);
            let rank = |v: Validity| match v { Validity::Valid => 0, Validity::Expiring => 1, Validity::Expired => 2, Validity::Revoked => 3 };
            prop_assert!(rank(validity(until, false, first, 90)) <= rank(validity(until, false, second, 90)));
        }
    }
}
