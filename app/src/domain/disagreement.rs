//! Disagreement across a whole round, for the council's deliberation: how far each member's
//! totals sit from the panel's score on average, and the criteria on which the sheets differed
//! most over all the round's dossiers.
use serde::{Deserialize, Serialize};

use crate::domain::scoring::Tenths;

/// One member over the round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDeviation {
    pub member: String,
    /// Dossiers where the member submitted a sheet and the panel has a score.
    pub dossiers: u32,
    /// The mean of (member's total − panel's score), in tenths: above zero, more generous.
    pub mean_signed: i64,
    /// The mean distance from the panel's score, in tenths.
    pub mean_distance: Tenths,
}

/// One criterion over the round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionOverRound {
    pub code: String,
    pub text: String,
    /// Dossiers on which the sheets gave it different points.
    pub dossiers: u32,
    /// Its widest spread (max − min points) on one dossier.
    pub widest: Tenths,
    /// Its mean spread over those dossiers.
    pub mean_spread: Tenths,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundDisagreement {
    /// Farthest from the panel first.
    pub members: Vec<MemberDeviation>,
    /// Widest spread first.
    pub criteria: Vec<CriterionOverRound>,
}

/// The round's disagreement from each dossier's (member, total, panel score) and each
/// dossier's (criterion code, text, min, max) where the sheets differed.
/// Members are told apart by their account (`user_id`), criteria by their set and code (two
/// product groups' sets may both have an "A1").
pub fn over_round<'a>(
    totals: impl IntoIterator<Item = ((i32, &'a str), Tenths, Tenths)>,
    spreads: impl IntoIterator<Item = ((i32, &'a str), &'a str, Tenths, Tenths)>,
) -> RoundDisagreement {
    use std::collections::BTreeMap;
    let mut by_member: BTreeMap<i32, (&str, u32, i64, u64)> = BTreeMap::new();
    for ((user, member), total, score) in totals {
        let entry = by_member.entry(user).or_insert((member, 0, 0, 0));
        entry.1 += 1;
        entry.2 += i64::from(total) - i64::from(score);
        entry.3 += u64::from(total.abs_diff(score));
    }
    let mut members: Vec<MemberDeviation> = by_member
        .into_values()
        .map(|(member, n, signed, distance)| MemberDeviation {
            member: member.to_owned(),
            dossiers: n,
            mean_signed: signed / i64::from(n.max(1)),
            mean_distance: Tenths::try_from(distance / u64::from(n.max(1))).unwrap_or(Tenths::MAX),
        })
        .collect();
    members.sort_by(|a, b| {
        b.mean_distance
            .cmp(&a.mean_distance)
            .then_with(|| a.member.cmp(&b.member))
    });
    let mut by_code: BTreeMap<(i32, &str), (&str, u32, Tenths, u64)> = BTreeMap::new();
    for (key, text, min, max) in spreads {
        let entry = by_code.entry(key).or_insert((text, 0, 0, 0));
        let spread = max.saturating_sub(min);
        entry.1 += 1;
        entry.2 = entry.2.max(spread);
        entry.3 += u64::from(spread);
    }
    let mut criteria: Vec<CriterionOverRound> = by_code
        .into_iter()
        .map(|((_, code), (text, n, widest, sum))| CriterionOverRound {
            code: code.to_owned(),
            text: text.to_owned(),
            dossiers: n,
            widest,
            mean_spread: Tenths::try_from(sum / u64::from(n.max(1))).unwrap_or(Tenths::MAX),
        })
        .collect();
    criteria.sort_by(|a, b| {
        b.widest
            .cmp(&a.widest)
            .then_with(|| b.dossiers.cmp(&a.dossiers))
            .then_with(|| a.code.cmp(&b.code))
    });
    RoundDisagreement { members, criteria }
}

/// The round's disagreement as CSV (UTF-8 with a byte-order mark, so Excel reads the
/// Vietnamese): the members, a blank line, the criteria.
pub fn to_csv(d: &RoundDisagreement) -> String {
    let points = |t: i64| format!("{:.1}", t as f64 / 10.0);
    let quoted = crate::domain::text::csv_cell;
    let mut out = String::from("\u{feff}");
    out.push_str("Thành viên / Member,Số hồ sơ / Dossiers,Chênh lệch trung bình / Mean difference,Khoảng cách trung bình / Mean distance\n");
    for m in &d.members {
        out.push_str(&format!(
            "{},{},{},{}\n",
            quoted(&m.member),
            m.dossiers,
            points(m.mean_signed),
            points(i64::from(m.mean_distance))
        ));
    }
    out.push_str("\nMã / Code,Tiêu chí / Criterion,Số hồ sơ chấm khác nhau / Dossiers that differ,Chênh lệch lớn nhất / Widest,Chênh lệch trung bình / Mean spread\n");
    for c in &d.criteria {
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            quoted(&c.code),
            quoted(&c.text),
            c.dossiers,
            points(i64::from(c.widest)),
            points(i64::from(c.mean_spread))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn members_are_ranked_by_their_distance_and_criteria_by_their_widest_spread() {
        let d = over_round(
            [
                ((1, "An"), 700, 650),
                ((1, "An"), 600, 650),
                ((2, "Bình"), 500, 650),
                ((2, "Bình"), 650, 650),
                // Another member of the same name is another member.
                ((3, "An"), 650, 650),
            ],
            [
                ((1, "A1"), "Nguyên liệu", 0, 20),
                ((1, "B2"), "=Bao bì", 10, 50),
                ((1, "A1"), "Nguyên liệu", 5, 15),
                ((2, "A1"), "Mẫu mã", 0, 5),
            ],
        );
        assert_eq!(d.members.len(), 3);
        assert_eq!(d.criteria.len(), 3, "A1 of two sets are two criteria");
        assert_eq!(d.members[0].member, "Bình");
        assert_eq!(
            (d.members[0].mean_signed, d.members[0].mean_distance),
            (-75, 75)
        );
        assert_eq!(
            (d.members[1].mean_signed, d.members[1].mean_distance),
            (0, 50)
        );
        assert_eq!(d.criteria[0].code, "B2");
        assert_eq!(
            (
                d.criteria[1].dossiers,
                d.criteria[1].widest,
                d.criteria[1].mean_spread
            ),
            (2, 20, 15)
        );
        let csv = to_csv(&d);
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("\"Bình\",2,-7.5,7.5"), "{csv}");
        assert!(csv.contains("\"B2\",\"'=Bao bì\",1,4.0,4.0"), "{csv}");
    }

    proptest! {
        #[test]
        fn the_distance_is_never_below_the_signed_difference(
            rows in proptest::collection::vec((0u32..1000, 0u32..1000), 1..20)
        ) {
            let d = over_round(rows.iter().map(|(t, s)| ((1, "X"), *t, *s)), []);
            let m = &d.members[0];
            prop_assert_eq!(m.dossiers as usize, rows.len());
            prop_assert!(i64::from(m.mean_distance) >= m.mean_signed.abs() - 1);
        }
    }
}
