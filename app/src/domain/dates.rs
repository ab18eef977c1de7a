//! How dates and times are shown: dates as dd/mm/yyyy everywhere, times in Vietnam's time
//! (UTC+7 all year: Vietnam keeps no daylight saving time). Stored values stay UTC; only what
//! a person reads is converted. Form fields keep ISO dates (`<input type="date">` needs them).
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};

/// Vietnam's offset from UTC (Asia/Ho_Chi_Minh), checked when compiling.
const VIETNAM: FixedOffset = match FixedOffset::east_opt(7 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+7 is a valid offset"),
};

/// A date as people write it: 14/12/2026.
pub fn date(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

/// An ISO date (2026-12-14, as a form holds it) as people write it; anything else unchanged.
pub fn iso_date(iso: &str) -> String {
    NaiveDate::parse_from_str(iso.trim(), "%Y-%m-%d").map_or_else(|_| iso.to_owned(), date)
}

/// An instant in Vietnam's time, to the minute: 14/12/2026 14:09.
pub fn time(at: DateTime<Utc>) -> String {
    at.with_timezone(&VIETNAM)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// An instant in Vietnam's time, to the second (the audit log).
pub fn time_seconds(at: DateTime<Utc>) -> String {
    at.with_timezone(&VIETNAM)
        .format("%d/%m/%Y %H:%M:%S")
        .to_string()
}

/// An instant as Vietnam's wall-clock time (what a `datetime-local` field shows).
pub fn local(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&VIETNAM).naive_local()
}

/// A wall-clock time in Vietnam (as typed into a `datetime-local` field) as an instant.
pub fn from_local(wall: NaiveDateTime) -> DateTime<Utc> {
    (wall - chrono::Duration::seconds(i64::from(VIETNAM.local_minus_utc()))).and_utc()
}

/// The day of an instant in Vietnam, as people write it.
pub fn day(at: DateTime<Utc>) -> String {
    date(day_in_vietnam(at))
}

/// The day an instant falls on in Vietnam.
pub fn day_in_vietnam(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&VIETNAM).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    #[test]
    fn an_afternoon_in_vietnam_is_shown_as_such() {
        // 07:09 UTC is 14:09 in Hà Nội.
        let at = Utc.with_ymd_and_hms(2026, 12, 14, 7, 9, 30).unwrap();
        assert_eq!(time(at), "14/12/2026 14:09");
        assert_eq!(time_seconds(at), "14/12/2026 14:09:30");
    }

    #[test]
    fn late_evening_utc_is_the_next_day_in_vietnam() {
        let at = Utc.with_ymd_and_hms(2026, 12, 31, 18, 0, 0).unwrap();
        assert_eq!(time(at), "01/01/2027 01:00");
        assert_eq!(
            day_in_vietnam(at),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
    }

    #[test]
    fn dates_are_day_month_year() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(date(day), "05/03/2026");
        assert_eq!(iso_date("2026-03-05"), "05/03/2026");
        assert_eq!(iso_date("không phải ngày"), "không phải ngày");
    }

    #[test]
    fn a_wall_clock_time_typed_in_vietnam_is_seven_hours_ahead_of_utc() {
        let wall = NaiveDate::from_ymd_opt(2026, 12, 14)
            .unwrap()
            .and_hms_opt(14, 9, 0)
            .unwrap();
        let at = from_local(wall);
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 12, 14, 7, 9, 0).unwrap());
        assert_eq!(local(at), wall);
    }

    proptest! {
        #[test]
        fn a_shown_date_reads_back_as_the_same_day(days in 0i64..60_000) {
            let day = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Duration::days(days);
            let shown = date(day);
            prop_assert_eq!(NaiveDate::parse_from_str(&shown, "%d/%m/%Y").unwrap(), day);
            prop_assert_eq!(iso_date(&day.to_string()), shown);
        }
    }
}
