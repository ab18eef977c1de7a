//! Administrative units as they stood on a day. Records keep the code of the unit they were
//! filed under (or, for products, the commune in force today); a report for a period counts
//! each record under the unit in force at the period's end: a commune formed on 1 July 2025
//! counts under the district it came from before that day, a unit that ended counts under the
//! one that took it over after.
use std::collections::HashMap;

use chrono::NaiveDate;

/// What decides where a unit leads on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitSpan {
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    /// For a commune formed in the 2025 reorganisation: the district it came from.
    pub former_district: Option<String>,
    /// For a unit that ended: the unit that took it over.
    pub successor: Option<String>,
}

impl UnitSpan {
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= day) && self.valid_to.is_none_or(|t| day <= t)
    }
}

/// At most this many steps from unit to unit (a chain of mergers); a longer chain, or a cycle
/// typed by mistake, leads nowhere.
const MAX_STEPS: usize = 8;

/// The unit in force on `day` that a record filed under `code` counts under, if any.
pub fn unit_on(units: &HashMap<String, UnitSpan>, code: &str, day: NaiveDate) -> Option<String> {
    let mut current = code;
    for _ in 0..MAX_STEPS {
        let unit = units.get(current)?;
        if unit.in_force_on(day) {
            return Some(current.to_owned());
        }
        current = if unit.valid_from.is_some_and(|f| day < f) {
            unit.former_district.as_deref()?
        } else {
            unit.successor.as_deref()?
        };
    }
    None
}

/// Whether the units changed within the days `start..=end`: some unit began or ended inside.
pub fn changed_within(units: &HashMap<String, UnitSpan>, start: NaiveDate, end: NaiveDate) -> bool {
    units.values().any(|u| {
        u.valid_from.is_some_and(|f| start < f && f <= end)
            || u.valid_to.is_some_and(|t| start <= t && t < end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn units() -> HashMap<String, UnitSpan> {
        let span = |from: Option<&str>,
                    to: Option<&str>,
                    district: Option<&str>,
                    next: Option<&str>| UnitSpan {
            valid_from: from.map(d),
            valid_to: to.map(d),
            former_district: district.map(str::to_owned),
            successor: next.map(str::to_owned),
        };
        HashMap::from([
            ("180".to_owned(), span(None, Some("2025-06-30"), None, None)),
            (
                "06046".to_owned(),
                span(Some("2025-07-01"), None, Some("180"), None),
            ),
            (
                "06049".to_owned(),
                span(
                    Some("2025-07-01"),
                    Some("2026-12-31"),
                    Some("180"),
                    Some("06046"),
                ),
            ),
        ])
    }

    #[test]
    fn a_record_counts_under_the_unit_of_the_day() {
        let u = units();
        assert_eq!(
            unit_on(&u, "06046", d("2024-12-31")),
            Some("180".to_owned())
        );
        assert_eq!(
            unit_on(&u, "06046", d("2026-06-30")),
            Some("06046".to_owned())
        );
        assert_eq!(
            unit_on(&u, "06049", d("2026-12-31")),
            Some("06049".to_owned())
        );
        assert_eq!(
            unit_on(&u, "06049", d("2027-06-30")),
            Some("06046".to_owned())
        );
        assert_eq!(
            unit_on(&u, "06049", d("2024-06-30")),
            Some("180".to_owned())
        );
        assert_eq!(unit_on(&u, "nope", d("2024-06-30")), None);
        assert!(changed_within(&u, d("2025-01-01"), d("2025-12-31")));
        assert!(!changed_within(&u, d("2024-01-01"), d("2024-12-31")));
        assert!(!changed_within(&u, d("2026-01-01"), d("2026-06-30")));
        assert!(changed_within(&u, d("2026-07-01"), d("2027-06-30")));
    }

    proptest! {
        /// Whatever the links (cycles included), the answer is a unit in force on the day or
        /// none, and never a panic.
        #[test]
        fn the_answer_is_in_force_on_the_day(
            links in proptest::collection::vec((0u8..6, proptest::option::of(0u8..6), proptest::option::of(0u8..6), 0u16..2000, 0u16..2000), 1..6),
            start in 0u8..6,
            offset in 0u16..2000,
        ) {
            let base = d("2020-01-01");
            let units: HashMap<String, UnitSpan> = links
                .iter()
                .map(|(code, district, next, from, len)| {
                    let from = base + chrono::Duration::days(i64::from(*from));
                    (code.to_string(), UnitSpan {
                        valid_from: Some(from),
                        valid_to: Some(from + chrono::Duration::days(i64::from(*len))),
                        former_district: district.map(|c| c.to_string()),
                        successor: next.map(|c| c.to_string()),
                    })
                })
                .collect();
            let day = base + chrono::Duration::days(i64::from(offset));
            if let Some(found) = unit_on(&units, &start.to_string(), day) {
                prop_assert!(units[&found].in_force_on(day));
            }
        }
    }
}
