//! Criteria sets and score sheets (Decision 148/QĐ-TTg): a set has parts (A, B, C) with a
//! maximum each, criteria in each part with graded options, and criteria that are mandatory for
//! a star level. A member's sheet picks one option per criterion; the sheet's result is the
//! part subtotals, the total, the star band and any mandatory failure — computed by this same
//! code in the browser (live) and on the server (authoritative).
//!
//! Points are counted in tenths (`Tenths`), so 72.5 points is 725 and no rounding creeps in.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Points × 10.
pub type Tenths = u32;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriteriaSet {
    pub parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// "A", "B", "C".
    pub code: String,
    pub name: String,
    pub max: Tenths,
    pub criteria: Vec<Criterion>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    /// Unique in the set: "A1", "B3.2".
    pub code: String,
    pub text: String,
    /// How the council should judge it (shown beside the options on the scoring screen).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guidance: String,
    /// The dossier document that evidences it ("Giấy chứng nhận ATTP", …).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    pub options: Vec<GradedOption>,
    /// A product that fails it cannot reach this star level (3, 4 or 5).
    pub mandatory_for: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradedOption {
    pub text: String,
    pub points: Tenths,
}

impl Criterion {
    pub fn best(&self) -> Tenths {
        self.options.iter().map(|o| o.points).max().unwrap_or(0)
    }

    /// A mandatory criterion is failed by its lowest-scoring option(s) (e.g. "no food-safety
    /// certificate").
    pub fn fails_with(&self, option: usize) -> bool {
        let lowest = self.options.iter().map(|o| o.points).min().unwrap_or(0);
        self.mandatory_for.is_some() && self.options.get(option).is_some_and(|o| o.points == lowest)
    }
}

/// What is wrong with a set, for the administrator's editor and imports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SetProblem {
    /// The best options of a part do not add up to its maximum: (part, sum, max).
    PartSum(String, Tenths, Tenths),
    DuplicateCode(String),
    /// Fewer than two options to choose from.
    TooFewOptions(String),
    /// Mandatory for a level other than 3, 4 or 5.
    BadLevel(String),
}

/// Every problem of the set (none: it may be used).
pub fn validate(set: &CriteriaSet) -> Vec<SetProblem> {
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for part in &set.parts {
        let sum: Tenths = part.criteria.iter().map(Criterion::best).sum();
        if sum != part.max {
            problems.push(SetProblem::PartSum(part.code.clone(), sum, part.max));
        }
        for c in &part.criteria {
            if !seen.insert(c.code.clone()) {
                problems.push(SetProblem::DuplicateCode(c.code.clone()));
            }
            if c.options.len() < 2 {
                problems.push(SetProblem::TooFewOptions(c.code.clone()));
            }
            if c.mandatory_for.is_some_and(|l| !(3..=5).contains(&l)) {
                problems.push(SetProblem::BadLevel(c.code.clone()));
            }
        }
    }
    problems
}

/// The options a member picked: criterion code → option index.
pub type Sheet = BTreeMap<String, usize>;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetResult {
    /// (part code, subtotal, maximum), in set order.
    pub parts: Vec<(String, Tenths, Tenths)>,
    pub total: Tenths,
    /// Every criterion has an option.
    pub complete: bool,
    /// Mandatory criteria failed, with the level each bars.
    pub failures: Vec<(String, u8)>,
    /// The stars the total earns, capped by the failures.
    pub stars: u8,
}

/// The result of one sheet (an unknown criterion or option counts as not chosen).
pub fn score(set: &CriteriaSet, sheet: &Sheet) -> SheetResult {
    let mut parts = Vec::new();
    let mut failures = Vec::new();
    let mut complete = true;
    for part in &set.parts {
        let mut subtotal = 0;
        for c in &part.criteria {
            match sheet
                .get(&c.code)
                .and_then(|i| c.options.get(*i).map(|o| (i, o)))
            {
                Some((i, option)) => {
                    subtotal += option.points;
                    if let (true, Some(level)) = (c.fails_with(*i), c.mandatory_for) {
                        failures.push((c.code.clone(), level));
                    }
                }
                None => complete = false,
            }
        }
        // A malformed set cannot push a part past its maximum.
        parts.push((part.code.clone(), subtotal.min(part.max), part.max));
    }
    let total = parts.iter().map(|(_, s, _)| s).sum::<Tenths>().min(1000);
    let stars = capped(stars_for(total), failures.iter().map(|(_, l)| *l));
    SheetResult {
        parts,
        total,
        complete,
        failures,
        stars,
    }
}

/// Stars by score (DOMAIN.md): 90–100 → 5, 70–<90 → 4, 50–<70 → 3, 30–<50 → 2, below → 1.
pub fn stars_for(total: Tenths) -> u8 {
    match total {
        900.. => 5,
        700..=899 => 4,
        500..=699 => 3,
        300..=499 => 2,
        _ => 1,
    }
}

/// `stars` capped below every level a failed mandatory criterion bars.
pub fn capped(stars: u8, barred_levels: impl IntoIterator<Item = u8>) -> u8 {
    barred_levels
        .into_iter()
        .fold(stars, |s, level| s.min(level.saturating_sub(1)).max(1))
}

/// How members' totals become the product's score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Aggregation {
    Mean,
    Median,
}

impl Aggregation {
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregation::Mean => "mean",
            Aggregation::Median => "median",
        }
    }

    pub fn parse(value: &str) -> Option<Aggregation> {
        [Aggregation::Mean, Aggregation::Median]
            .into_iter()
            .find(|a| a.as_str() == value)
    }
}

/// Products at or above this score are proposed for national (5★) evaluation.
pub const NATIONAL_FROM: Tenths = 900;

/// A member's total this far (or farther) from the score is highlighted for discussion.
pub const FAR_FROM_SCORE: Tenths = 100;

/// Whether `total` lies far enough from the product's `score` to be discussed.
pub fn far_from(total: Tenths, score: Tenths) -> bool {
    total.abs_diff(score) >= FAR_FROM_SCORE
}

/// The product's score from the submitted totals (tenths, rounded half up); `None` without any.
pub fn aggregate(totals: &[Tenths], how: Aggregation) -> Option<Tenths> {
    if totals.is_empty() {
        return None;
    }
    let n = totals.len() as u64;
    Some(match how {
        Aggregation::Mean => {
            let sum: u64 = totals.iter().map(|t| u64::from(*t)).sum();
            u32::try_from((sum * 2 + n) / (2 * n)).unwrap_or(1000)
        }
        Aggregation::Median => {
            let mut sorted = totals.to_vec();
            sorted.sort_unstable();
            let mid = sorted.len() / 2;
            if sorted.len() % 2 == 1 {
                sorted[mid]
            } else {
                (sorted[mid - 1] + sorted[mid]).div_ceil(2)
            }
        }
    })
}

/// The council's result for one product from its members' submitted sheets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilResult {
    pub score: Tenths,
    pub stars: u8,
    /// Star levels barred by mandatory criteria failed on more than half of the sheets.
    pub barred: Vec<u8>,
    /// 90 points or more, and no bar below 5★: proposed for national evaluation.
    pub national: bool,
    /// (part code, the council's subtotal, maximum), in set order: each part's subtotals
    /// aggregated as the totals are (with a median they need not add up to the score).
    pub parts: Vec<(String, Tenths, Tenths)>,
}

/// Aggregates the sheets' totals (`how`), takes the stars of that score and caps them by the
/// mandatory criteria a majority of members failed. `None` without any sheet.
pub fn council_result(sheets: &[SheetResult], how: Aggregation) -> Option<CouncilResult> {
    let totals: Vec<Tenths> = sheets.iter().map(|s| s.total).collect();
    let score = aggregate(&totals, how)?;
    let mut counts: BTreeMap<(String, u8), usize> = BTreeMap::new();
    for sheet in sheets {
        for failure in &sheet.failures {
            *counts.entry(failure.clone()).or_default() += 1;
        }
    }
    let mut barred: Vec<u8> = counts
        .into_iter()
        .filter(|(_, n)| *n * 2 > sheets.len())
        .map(|((_, level), _)| level)
        .collect();
    barred.sort_unstable();
    barred.dedup();
    let stars = capped(stars_for(score), barred.iter().copied());
    let parts = sheets
        .first()
        .map(|first| {
            first
                .parts
                .iter()
                .enumerate()
                .map(|(i, (code, _, max))| {
                    let subtotals: Vec<Tenths> = sheets
                        .iter()
                        .filter_map(|s| s.parts.get(i).map(|(_, points, _)| *points))
                        .collect();
                    (code.clone(), aggregate(&subtotals, how).unwrap_or(0), *max)
                })
                .collect()
        })
        .unwrap_or_default();
    Some(CouncilResult {
        score,
        stars,
        national: score >= NATIONAL_FROM && stars == 5,
        barred,
        parts,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn option(points: Tenths) -> GradedOption {
        GradedOption {
            text: format!("{points}"),
            points,
        }
    }

    fn criterion(code: &str, points: &[Tenths], mandatory_for: Option<u8>) -> Criterion {
        Criterion {
            code: code.into(),
            text: code.into(),
            guidance: String::new(),
            evidence: String::new(),
            options: points.iter().copied().map(option).collect(),
            mandatory_for,
        }
    }

    /// A small set in the shape of Decision 148: A 40, B 25, C 35.
    fn sample() -> CriteriaSet {
        let part = |code: &str, max, criteria| Part {
            code: code.into(),
            name: code.into(),
            max,
            criteria,
        };
        CriteriaSet {
            parts: vec![
                part(
                    "A",
                    400,
                    vec![
                        criterion("A1", &[0, 100, 200], Some(3)),
                        criterion("A2", &[0, 50, 200], None),
                    ],
                ),
                part("B", 250, vec![criterion("B1", &[0, 125, 250], None)]),
                part("C", 350, vec![criterion("C1", &[0, 200, 350], Some(4))]),
            ],
        }
    }

    #[test]
    fn the_sample_set_is_valid_and_a_broken_one_is_told_why() {
        assert!(validate(&sample()).is_empty());
        let mut broken = sample();
        broken.parts[1]
            .criteria
            .push(criterion("A1", &[10], Some(7)));
        assert_eq!(
            validate(&broken),
            vec![
                SetProblem::PartSum("B".into(), 260, 250),
                SetProblem::DuplicateCode("A1".into()),
                SetProblem::TooFewOptions("A1".into()),
                SetProblem::BadLevel("A1".into()),
            ]
        );
    }

    #[test]
    fn a_full_sheet_scores_its_parts_and_stars() {
        let set = sample();
        let sheet: Sheet = [("A1", 2), ("A2", 1), ("B1", 2), ("C1", 1)]
            .into_iter()
            .map(|(c, i)| (c.to_owned(), i))
            .collect();
        let r = score(&set, &sheet);
        assert_eq!(
            r.parts,
            vec![
                ("A".into(), 250, 400),
                ("B".into(), 250, 250),
                ("C".into(), 200, 350)
            ]
        );
        assert_eq!((r.total, r.complete, r.stars), (700, true, 4));
        let mut failing = sheet.clone();
        failing.insert("C1".into(), 0);
        let r = score(&set, &failing);
        assert_eq!((r.total, r.failures.clone()), (500, vec![("C1".into(), 4)]));
        assert_eq!(r.stars, 3, "a 4★-mandatory failure keeps it at 3★ at most");
    }

    #[test]
    fn bands_and_aggregation() {
        assert_eq!(
            [
                stars_for(1000),
                stars_for(900),
                stars_for(899),
                stars_for(500),
                stars_for(499),
                stars_for(0)
            ],
            [5, 5, 4, 3, 2, 1]
        );
        assert_eq!(aggregate(&[700, 725, 750], Aggregation::Mean), Some(725));
        assert_eq!(
            aggregate(&[700, 701], Aggregation::Mean),
            Some(701),
            "half up"
        );
        assert_eq!(
            aggregate(&[500, 900, 700, 650], Aggregation::Median),
            Some(675)
        );
        assert_eq!(aggregate(&[], Aggregation::Mean), None);
    }

    #[test]
    fn the_council_caps_only_for_failures_most_members_found() {
        let set = sample();
        let full: Sheet = [("A1", 2), ("A2", 1), ("B1", 2), ("C1", 2)]
            .into_iter()
            .map(|(c, i)| (c.to_owned(), i))
            .collect();
        let mut failing = full.clone();
        failing.insert("C1".into(), 0);
        let sheets = |n_failing: usize| {
            (0..3)
                .map(|i| score(&set, if i < n_failing { &failing } else { &full }))
                .collect::<Vec<_>>()
        };
        let one = council_result(&sheets(1), Aggregation::Mean).unwrap();
        assert!(one.barred.is_empty());
        let two = council_result(&sheets(2), Aggregation::Mean).unwrap();
        assert_eq!(two.barred, vec![4]);
        assert!(two.stars <= 3);
        assert!(council_result(&[], Aggregation::Mean).is_none());
        assert!(far_from(600, 700) && !far_from(650, 700));
    }

    fn any_sheet() -> impl Strategy<Value = Sheet> {
        proptest::collection::btree_map("(A1|A2|B1|C1|X9)", 0usize..4, 0..6)
    }

    proptest! {
        #[test]
        fn totals_stay_within_the_parts_maxima(sheet in any_sheet()) {
            let r = score(&sample(), &sheet);
            prop_assert!(r.total <= 1000);
            for (_, subtotal, max) in &r.parts {
                prop_assert!(subtotal <= max);
            }
            prop_assert_eq!(r.total, r.parts.iter().map(|(_, s, _)| s).sum::<Tenths>());
        }

        #[test]
        fn stars_grow_with_the_score(a in 0u32..=1000, b in 0u32..=1000) {
            let (lo, hi) = (a.min(b), a.max(b));
            prop_assert!(stars_for(lo) <= stars_for(hi));
        }

        #[test]
        fn a_mandatory_failure_never_raises_a_result(stars in 1u8..=5, levels in proptest::collection::vec(3u8..=5, 0..4)) {
            let after = capped(stars, levels.clone());
            prop_assert!(after <= stars);
            prop_assert!(after >= 1);
            for level in levels {
                prop_assert!(after < level);
            }
        }

        #[test]
        fn the_council_result_stays_within_its_sheets(sheets in proptest::collection::vec(any_sheet(), 1..8)) {
            let set = sample();
            let results: Vec<SheetResult> = sheets.iter().map(|s| score(&set, s)).collect();
            let r = council_result(&results, Aggregation::Mean).unwrap();
            let lo = results.iter().map(|s| s.total).min().unwrap();
            let hi = results.iter().map(|s| s.total).max().unwrap();
            prop_assert!(lo <= r.score && r.score <= hi);
            prop_assert!(r.stars <= stars_for(r.score));
            prop_assert!(!r.national || r.score >= NATIONAL_FROM);
        }

        #[test]
        fn each_parts_subtotal_is_its_sheets_subtotals_aggregated(sheets in proptest::collection::vec(any_sheet(), 1..8), median in any::<bool>()) {
            let set = sample();
            let how = if median { Aggregation::Median } else { Aggregation::Mean };
            let results: Vec<SheetResult> = sheets.iter().map(|s| score(&set, s)).collect();
            let r = council_result(&results, how).unwrap();
            prop_assert_eq!(r.parts.len(), set.parts.len());
            for (i, (code, points, max)) in r.parts.iter().enumerate() {
                prop_assert_eq!(code, &set.parts[i].code);
                prop_assert_eq!(*max, set.parts[i].max);
                let lo = results.iter().map(|s| s.parts[i].1).min().unwrap();
                let hi = results.iter().map(|s| s.parts[i].1).max().unwrap();
                prop_assert!(lo <= *points && points <= max && *points <= hi);
            }
            // With a mean, the parts add up to the score but for each part's rounding.
            if !median {
                let sum: Tenths = r.parts.iter().map(|(_, p, _)| p).sum();
                prop_assert!(sum.abs_diff(r.score) <= u32::try_from(r.parts.len()).unwrap());
            }
            // One sheet: the council's parts are that sheet's.
            let one = council_result(&results[..1], how).unwrap();
            prop_assert_eq!(one.parts, results[0].parts.clone());
        }

        #[test]
        fn a_sheet_scores_the_same_after_a_round_trip_through_json(sheet in any_sheet()) {
            let set = sample();
            let set_again: CriteriaSet = serde_json::from_str(&serde_json::to_string(&set).unwrap()).unwrap();
            let sheet_again: Sheet = serde_json::from_str(&serde_json::to_string(&sheet).unwrap()).unwrap();
            prop_assert_eq!(score(&set, &sheet), score(&set_again, &sheet_again));
        }

        #[test]
        fn the_aggregate_lies_between_the_lowest_and_highest_total(totals in proptest::collection::vec(0u32..=1000, 1..12)) {
            let (lo, hi) = (*totals.iter().min().unwrap(), *totals.iter().max().unwrap());
            for how in [Aggregation::Mean, Aggregation::Median] {
                let agg = aggregate(&totals, how).unwrap();
                prop_assert!(lo <= agg && agg <= hi, "{:?} {}", how, agg);
            }
        }
    }
}

#[cfg(test)]
mod sample_set {
    use super::*;

    /// The shipped sample set (`app/seed/criteria-sample-148.json`) passes the same validation
    /// as an administrator's import.
    #[test]
    fn the_shipped_sample_set_is_valid() {
        let set: CriteriaSet =
            serde_json::from_str(include_str!("../../seed/criteria-sample-148.json")).unwrap();
        assert_eq!(validate(&set), vec![]);
        let maxima: Vec<Tenths> = set.parts.iter().map(|p| p.max).collect();
        assert_eq!(
            maxima,
            vec![400, 250, 350],
            "Decision 148: A 40, B 25, C 35"
        );
        let best: Sheet = set
            .parts
            .iter()
            .flat_map(|p| &p.criteria)
            .map(|c| {
                let i = (0..c.options.len())
                    .max_by_key(|i| c.options[*i].points)
                    .unwrap();
                (c.code.clone(), i)
            })
            .collect();
        assert_eq!(
            (score(&set, &best).total, score(&set, &best).stars),
            (1000, 5)
        );
    }
}
