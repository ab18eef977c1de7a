//! The demo's calendar: every date of the demo is set from the day it is made, so a training
//! next year finds the same demo as today's — an open round in its scoring phase, certificates
//! of three years ago expiring within weeks, the half-year or annual report falling due, and
//! the history over the years before.
//!
//! The demo's data were written in 2026 (`WRITTEN_IN`): the products' years in
//! `../shared/data` and the invented ones are moved by whole years, so "certified last year"
//! stays last year.
use chrono::{Datelike, Days, NaiveDate};

/// The year the demo's data were written as of: a product certified in 2025 was certified
/// "last year".
pub const WRITTEN_IN: i32 = 2026;

/// How far ahead of today the province decides its rounds in the demo: certificates of three
/// years ago expire this many days from today.
const DECISIONS_AHEAD: u64 = 21;

/// The demo's dates, seen from one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoCalendar {
    today: NaiveDate,
}

impl DemoCalendar {
    /// The calendar of a demo made today (the server's clock).
    #[must_use]
    pub fn now() -> Self {
        Self::on(crate::clock::today())
    }

    /// The calendar of a demo made on `today`.
    #[must_use]
    pub fn on(today: NaiveDate) -> Self {
        Self { today }
    }

    #[must_use]
    pub fn today(self) -> NaiveDate {
        self.today
    }

    /// `days` days before today.
    #[must_use]
    pub fn days_ago(self, days: u64) -> NaiveDate {
        self.today - Days::new(days)
    }

    /// The day of the year the demo's rounds were decided, in the current year.
    fn anchor(self) -> NaiveDate {
        self.today + Days::new(DECISIONS_AHEAD)
    }

    /// The year of the open round; last year's round is the last one decided.
    #[must_use]
    pub fn year(self) -> i32 {
        self.anchor().year()
    }

    /// A year as the demo's data write it (2019–2026) moved to the demo's.
    #[must_use]
    pub fn shift(self, written: i32) -> i32 {
        written + self.year() - WRITTEN_IN
    }

    /// The day the province decided the round of `year` (3 weeks from today, `year`'s).
    #[must_use]
    pub fn decision_day(self, year: i32) -> NaiveDate {
        let anchor = self.anchor();
        // 29 February exists only in leap years: the 28th otherwise.
        anchor
            .with_year(year)
            .or_else(|| anchor.pred_opt().and_then(|d| d.with_year(year)))
            .unwrap_or(anchor)
    }

    /// The decided round of `year`: its dossier deadline, first and last scoring days.
    #[must_use]
    pub fn decided_round(self, year: i32) -> [NaiveDate; 3] {
        let decided = self.decision_day(year);
        [
            decided - Days::new(86),
            decided - Days::new(54),
            decided - Days::new(25),
        ]
    }

    /// The open round: its dossier deadline passed a month ago, scoring began ten days ago and
    /// goes on for twenty days more.
    #[must_use]
    pub fn open_round(self) -> [NaiveDate; 3] {
        [
            self.days_ago(30),
            self.days_ago(10),
            self.today + Days::new(20),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn written_today_the_demo_keeps_its_years() {
        let c = DemoCalendar::on(day(2026, 12, 4));
        assert_eq!(c.year(), 2026);
        assert_eq!(c.shift(2025), 2025);
        assert_eq!(c.decision_day(2023), day(2023, 12, 25));
        // Late December: the decisions fall in January, the demo's year is the next one.
        let late = DemoCalendar::on(day(2026, 12, 20));
        assert_eq!(late.year(), 2027);
        assert_eq!(late.shift(2025), 2026);
        assert_eq!(late.decision_day(2024), day(2024, 1, 10));
    }

    #[test]
    fn a_leap_day_anchor_falls_back_to_the_28th() {
        let c = DemoCalendar::on(day(2028, 2, 8));
        assert_eq!(c.decision_day(2028), day(2028, 2, 29));
        assert_eq!(c.decision_day(2027), day(2027, 2, 28));
    }

    proptest! {
        #[test]
        fn on_any_day_the_round_scores_and_certificates_of_three_years_ago_expire_soon(
            offset in 0u64..20_000
        ) {
            let today = day(2020, 1, 1) + Days::new(offset);
            let c = DemoCalendar::on(today);
            let [deadline, from, until] = c.open_round();
            prop_assert!(deadline < from && from <= today && today <= until);
            let three_ago = c.decision_day(c.year() - 3);
            let until = crate::domain::certificate::valid_until(three_ago);
            prop_assert!(until >= today && until < today + Days::new(DECISIONS_AHEAD));
            let last = c.decision_day(c.year() - 1);
            prop_assert!(last <= today);
            let [d, f, u] = c.decided_round(c.year() - 1);
            prop_assert!(d < f && f < u && u < last);
        }
    }
}
