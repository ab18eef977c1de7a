//! Periodic reports, the pure part: periods and their windows, a report's life, the standing
//! the province sees for each commune, and the arithmetic of the figures (counts of
//! certificates, dossiers, ideas and subjects falling in a window).
//!
//! Windows are whole days, both ends included: a certificate decided on 30 June counts in the
//! first half-year, one decided on 1 July in the second.
use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The province's code: a report scope naming it covers every commune.
pub const PROVINCE_CODE: &str = "20";

pub use crate::domain::period_kind::PeriodKind;

/// Days from `start` to `end`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Window {
    pub fn contains(self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// The same days one year earlier ("cùng kỳ năm trước"); 29 February becomes the 28th.
    pub fn year_before(self) -> Window {
        let back = |d: NaiveDate| {
            d.with_year(d.year() - 1)
                .or_else(|| d.pred_opt().and_then(|p| p.with_year(d.year() - 1)))
                .unwrap_or(d)
        };
        Window {
            start: back(self.start),
            end: back(self.end),
        }
    }

    /// From 1 January of the window's end year to its end: what a year's targets count.
    pub fn year_to_date(self) -> Window {
        let start = NaiveDate::from_ymd_opt(self.end.year(), 1, 1).unwrap_or(self.start);
        Window {
            start,
            end: self.end,
        }
    }
}

/// A report's life: the author drafts and submits; the province returns (back to the author,
/// with a comment) or accepts.
// Stored as its text (`as_str`) in a plain string column: the entity's field has this type,
// so a query compares with the enum, never with a string literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum ReportState {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "draft"))]
    Draft,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "submitted"))]
    Submitted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "returned"))]
    Returned,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "accepted"))]
    Accepted,
}

impl ReportState {
    pub const ALL: [ReportState; 4] = [
        ReportState::Draft,
        ReportState::Submitted,
        ReportState::Returned,
        ReportState::Accepted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportState::Draft => "draft",
            ReportState::Submitted => "submitted",
            ReportState::Returned => "returned",
            ReportState::Accepted => "accepted",
        }
    }

    pub fn parse(value: &str) -> Option<ReportState> {
        ReportState::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// The author may change the written sections and submit.
    pub fn editable(self) -> bool {
        matches!(self, ReportState::Draft | ReportState::Returned)
    }

    /// The province may return or accept it.
    pub fn reviewable(self) -> bool {
        self == ReportState::Submitted
    }

    /// Its figures are the frozen snapshot, not today's data.
    pub fn frozen(self) -> bool {
        matches!(self, ReportState::Submitted | ReportState::Accepted)
    }
}

/// What the province's list says about one commune's report for a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Standing {
    NotStarted,
    Draft,
    Returned,
    OnTime,
    Late,
    /// The due date has passed and nothing was submitted.
    Missing,
}

impl Standing {
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::NotStarted => "not_started",
            Standing::Draft => "draft",
            Standing::Returned => "returned",
            Standing::OnTime => "on_time",
            Standing::Late => "late",
            Standing::Missing => "missing",
        }
    }
}

/// The standing of a report in `state` (none: never opened), submitted on `submitted_on`
/// (the latest submission), against its due date, seen on `today`. Submitting on the due day
/// is on time.
pub fn standing(
    state: Option<ReportState>,
    submitted_on: Option<NaiveDate>,
    due: NaiveDate,
    today: NaiveDate,
) -> Standing {
    match (state, submitted_on) {
        (Some(ReportState::Submitted | ReportState::Accepted), Some(day)) => {
            if day <= due {
                Standing::OnTime
            } else {
                Standing::Late
            }
        }
        _ if today > due => Standing::Missing,
        (None, _) => Standing::NotStarted,
        (Some(ReportState::Returned), _) => Standing::Returned,
        _ => Standing::Draft,
    }
}

/// How a certificate came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CertKind {
    /// First recognition (công nhận mới).
    New,
    /// Renewed with the same stars (công nhận lại).
    ReRecognised,
    /// More stars than the certificate it replaced (nâng hạng).
    Upgraded,
}

impl CertKind {
    pub const ALL: [CertKind; 3] = [CertKind::New, CertKind::ReRecognised, CertKind::Upgraded];

    /// From the certificate it replaced, if any; else from the dossier's cycle (a product
    /// certified before this system may have no earlier certificate on record).
    pub fn of(stars: i16, replaced_stars: Option<i16>, cycle: Option<&str>) -> CertKind {
        match (replaced_stars, cycle) {
            (Some(before), _) if stars > before => CertKind::Upgraded,
            (Some(_), _) => CertKind::ReRecognised,
            (None, Some("upgrade")) => CertKind::Upgraded,
            (None, Some("re_recognition")) => CertKind::ReRecognised,
            (None, _) => CertKind::New,
        }
    }
}

/// One certificate of the report's locality, as the figures need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertFact {
    pub stars: i16,
    pub kind: CertKind,
    /// The product's top-level group ("I") and its own group ("I.1").
    pub group: String,
    pub subgroup: String,
    /// "DN", "HTX", "THT", "HO".
    pub subject_type: String,
    pub decided: NaiveDate,
    pub valid_until: NaiveDate,
    pub revoked_on: Option<NaiveDate>,
    /// Replaced by a later certificate (renewal or upgrade).
    pub superseded: bool,
    /// 90 points or more: proposed for the national evaluation.
    pub national: bool,
}

/// Certificates counted over a window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CertTally {
    /// Decided in the window, by stars and kind.
    pub by_stars_kind: BTreeMap<(i16, CertKind), i64>,
    pub by_group: BTreeMap<String, i64>,
    pub by_subgroup: BTreeMap<String, i64>,
    pub by_subject_type: BTreeMap<String, i64>,
    /// Decided in the window.
    pub certified: i64,
    /// New products of 3★ or more decided in the window (the year's first target).
    pub new_3star: i64,
    /// Proposed for the national evaluation in the window (the second target).
    pub national: i64,
    /// Ran out in the window (last valid day inside it, before `today`) without being revoked
    /// or replaced.
    pub expired: i64,
    /// Revoked on a day in the window.
    pub revoked: i64,
    /// Valid on the window's last day (or today, if earlier) and not replaced.
    pub valid_at_end: i64,
}

pub fn tally_certificates(facts: &[CertFact], window: Window, today: NaiveDate) -> CertTally {
    let mut tally = CertTally::default();
    let end = window.end.min(today);
    for fact in facts {
        if window.contains(fact.decided) {
            tally.certified += 1;
            *tally
                .by_stars_kind
                .entry((fact.stars, fact.kind))
                .or_default() += 1;
            *tally.by_group.entry(fact.group.clone()).or_default() += 1;
            *tally.by_subgroup.entry(fact.subgroup.clone()).or_default() += 1;
            *tally
                .by_subject_type
                .entry(fact.subject_type.clone())
                .or_default() += 1;
            if fact.kind == CertKind::New && fact.stars >= 3 {
                tally.new_3star += 1;
            }
            if fact.national {
                tally.national += 1;
            }
        }
        if fact.revoked_on.is_some_and(|day| window.contains(day)) {
            tally.revoked += 1;
        }
        if fact.revoked_on.is_none()
            && !fact.superseded
            && window.contains(fact.valid_until)
            && fact.valid_until < today
        {
            tally.expired += 1;
        }
        let revoked_by_end = fact.revoked_on.is_some_and(|day| day <= end);
        // A replaced certificate no longer counts: its successor does.
        if fact.decided <= end && end <= fact.valid_until && !revoked_by_end && !fact.superseded {
            tally.valid_at_end += 1;
        }
    }
    tally
}

/// Something received on a day and now in some state: an idea or a dossier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Received {
    pub on: NaiveDate,
    pub state: String,
}

/// How many were received in the window, and their states now.
pub fn tally_received(items: &[Received], window: Window) -> (i64, BTreeMap<String, i64>) {
    let mut by_state: BTreeMap<String, i64> = BTreeMap::new();
    let mut total = 0;
    for item in items.iter().filter(|i| window.contains(i.on)) {
        total += 1;
        *by_state.entry(item.state.clone()).or_default() += 1;
    }
    (total, by_state)
}

/// Active subjects registered by the window's end, by type, and how many of them in it.
pub fn tally_subjects(
    subjects: &[(String, NaiveDate)],
    window: Window,
) -> (BTreeMap<String, i64>, i64) {
    let mut by_type: BTreeMap<String, i64> = BTreeMap::new();
    let mut new = 0;
    for (kind, created) in subjects.iter().filter(|(_, c)| *c <= window.end) {
        *by_type.entry(kind.clone()).or_default() += 1;
        if window.contains(*created) {
            new += 1;
        }
    }
    (by_type, new)
}

/// Progress towards a target, in percent (rounded down); none without a target.
pub fn progress_percent(achieved: i64, target: Option<i64>) -> Option<i64> {
    match target {
        Some(t) if t > 0 => Some(achieved.max(0) * 100 / t),
        _ => None,
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
    }

    fn half(year: i32) -> Window {
        Window {
            start: day(year, 1, 1),
            end: day(year, 6, 30),
        }
    }

    fn fact(stars: i16, kind: CertKind, decided: NaiveDate) -> CertFact {
        CertFact {
            stars,
            kind,
            group: "I".into(),
            subgroup: "I.1".into(),
            subject_type: "HTX".into(),
            decided,
            valid_until: decided + chrono::Months::new(36) - chrono::Days::new(1),
            revoked_on: None,
            superseded: false,
            national: false,
        }
    }

    #[test]
    fn window_ends_are_included() {
        let w = half(2026);
        assert!(w.contains(day(2026, 1, 1)));
        assert!(w.contains(day(2026, 6, 30)));
        assert!(!w.contains(day(2026, 7, 1)));
        assert!(!w.contains(day(2025, 12, 31)));
    }

    #[test]
    fn year_before_keeps_days_and_handles_leap_day() {
        assert_eq!(half(2026).year_before(), half(2025));
        let leap = Window {
            start: day(2024, 2, 29),
            end: day(2024, 12, 31),
        };
        assert_eq!(leap.year_before().start, day(2023, 2, 28));
        assert_eq!(half(2026).year_to_date(), half(2026));
    }

    #[test]
    fn kinds_follow_the_replaced_certificate_then_the_cycle() {
        assert_eq!(CertKind::of(4, Some(3), None), CertKind::Upgraded);
        assert_eq!(
            CertKind::of(3, Some(3), Some("upgrade")),
            CertKind::ReRecognised
        );
        assert_eq!(
            CertKind::of(3, None, Some("re_recognition")),
            CertKind::ReRecognised
        );
        assert_eq!(CertKind::of(4, None, Some("upgrade")), CertKind::Upgraded);
        assert_eq!(CertKind::of(3, None, Some("first")), CertKind::New);
        assert_eq!(CertKind::of(3, None, None), CertKind::New);
    }

    #[test]
    fn standings() {
        let due = day(2026, 6, 25);
        let before = day(2026, 6, 1);
        let after = day(2026, 7, 1);
        assert_eq!(standing(None, None, due, before), Standing::NotStarted);
        assert_eq!(standing(None, None, due, after), Standing::Missing);
        assert_eq!(
            standing(Some(ReportState::Draft), None, due, due),
            Standing::Draft
        );
        assert_eq!(
            standing(Some(ReportState::Draft), None, due, after),
            Standing::Missing
        );
        assert_eq!(
            standing(Some(ReportState::Returned), Some(due), due, before),
            Standing::Returned
        );
        assert_eq!(
            standing(Some(ReportState::Submitted), Some(due), due, after),
            Standing::OnTime
        );
        assert_eq!(
            standing(Some(ReportState::Accepted), Some(after), due, after),
            Standing::Late
        );
    }

    #[test]
    fn certificates_counted_by_hand() {
        let today = day(2026, 11, 30);
        let mut upgraded = fact(4, CertKind::Upgraded, day(2026, 6, 30));
        upgraded.national = true;
        let mut expired = fact(3, CertKind::New, day(2023, 3, 1));
        expired.valid_until = day(2026, 2, 28);
        let mut replaced = fact(3, CertKind::New, day(2023, 3, 1));
        replaced.valid_until = day(2026, 2, 28);
        replaced.superseded = true;
        let mut revoked = fact(3, CertKind::New, day(2025, 5, 1));
        revoked.revoked_on = Some(day(2026, 4, 2));
        let facts = vec![
            fact(3, CertKind::New, day(2026, 1, 1)),
            fact(3, CertKind::New, day(2026, 7, 1)),
            upgraded,
            expired,
            replaced,
            revoked,
        ];
        let t = tally_certificates(&facts, half(2026), today);
        assert_eq!(t.certified, 2);
        assert_eq!(t.by_stars_kind.get(&(3, CertKind::New)), Some(&1));
        assert_eq!(t.by_stars_kind.get(&(4, CertKind::Upgraded)), Some(&1));
        assert_eq!(t.new_3star, 1);
        assert_eq!(t.national, 1);
        assert_eq!(t.expired, 1);
        assert_eq!(t.revoked, 1);
        // Valid on 30 June: the two decided by then, not the expired, replaced or revoked ones.
        assert_eq!(t.valid_at_end, 2);
    }

    #[test]
    fn progress() {
        assert_eq!(progress_percent(5, Some(20)), Some(25));
        assert_eq!(progress_percent(25, Some(20)), Some(125));
        assert_eq!(progress_percent(5, Some(0)), None);
        assert_eq!(progress_percent(5, None), None);
    }

    fn any_fact() -> impl Strategy<Value = CertFact> {
        (
            1i16..=5,
            0usize..3,
            0u32..1500,
            0usize..4,
            proptest::option::of(0u32..1500),
            any::<bool>(),
        )
            .prop_map(|(stars, kind, offset, group, revoked, superseded)| {
                let decided = day(2023, 1, 1) + chrono::Days::new(u64::from(offset));
                let mut f = fact(stars, CertKind::ALL[kind], decided);
                f.group = ["I", "II", "III", "IV"][group].into();
                f.subgroup = format!("{}.1", f.group);
                f.subject_type = ["DN", "HTX", "THT", "HO"][group].into();
                f.revoked_on = revoked.map(|r| decided + chrono::Days::new(u64::from(r)));
                f.superseded = superseded;
                f
            })
    }

    proptest! {
        /// Every breakdown of the certificates decided in a window adds up to their total,
        /// and a year's halves add up to the year.
        #[test]
        fn breakdowns_sum_to_the_total(facts in proptest::collection::vec(any_fact(), 0..60)) {
            let today = day(2027, 6, 1);
            let year = Window { start: day(2025, 1, 1), end: day(2025, 12, 31) };
            let t = tally_certificates(&facts, year, today);
            prop_assert_eq!(t.by_stars_kind.values().sum::<i64>(), t.certified);
            prop_assert_eq!(t.by_group.values().sum::<i64>(), t.certified);
            prop_assert_eq!(t.by_subgroup.values().sum::<i64>(), t.certified);
            prop_assert_eq!(t.by_subject_type.values().sum::<i64>(), t.certified);
            prop_assert!(t.new_3star <= t.certified);
            let first = tally_certificates(&facts, half(2025), today);
            let second = tally_certificates(
                &facts,
                Window { start: day(2025, 7, 1), end: day(2025, 12, 31) },
                today,
            );
            prop_assert_eq!(first.certified + second.certified, t.certified);
            prop_assert_eq!(first.revoked + second.revoked, t.revoked);
            prop_assert_eq!(first.expired + second.expired, t.expired);
        }

        #[test]
        fn received_by_state_sums_to_received(
            items in proptest::collection::vec((0u32..800, 0usize..3), 0..60)
        ) {
            let items: Vec<Received> = items
                .into_iter()
                .map(|(o, s)| Received {
                    on: day(2025, 1, 1) + chrono::Days::new(u64::from(o)),
                    state: ["submitted", "accepted", "declined"][s].into(),
                })
                .collect();
            let (total, by_state) = tally_received(&items, half(2026));
            prop_assert_eq!(by_state.values().sum::<i64>(), total);
            let (a, _) = tally_received(&items, half(2025));
            let (b, _) = tally_received(
                &items,
                Window { start: day(2025, 7, 1), end: day(2025, 12, 31) },
            );
            let (year, _) = tally_received(
                &items,
                Window { start: day(2025, 1, 1), end: day(2025, 12, 31) },
            );
            prop_assert_eq!(a + b, year);
        }

        #[test]
        fn subjects_new_never_exceed_the_stock(
            subjects in proptest::collection::vec((0u32..1000, 0usize..4), 0..60)
        ) {
            let subjects: Vec<(String, NaiveDate)> = subjects
                .into_iter()
                .map(|(o, k)| (
                    ["DN", "HTX", "THT", "HO"][k].to_owned(),
                    day(2024, 1, 1) + chrono::Days::new(u64::from(o)),
                ))
                .collect();
            let (by_type, new) = tally_subjects(&subjects, half(2025));
            let stock: i64 = by_type.values().sum();
            prop_assert!(new <= stock);
            prop_assert_eq!(
                stock,
                subjects.iter().filter(|(_, c)| *c <= day(2025, 6, 30)).count() as i64
            );
        }
    }
}
