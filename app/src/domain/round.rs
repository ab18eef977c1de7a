//! Evaluation rounds (đợt đánh giá) and what their phase allows, after pretalx's review phases:
//! the active phase switches scoring on or off, and the round's settings say whether members
//! see each other's scores and the producer's identity. One pure function answers "may this
//! member score this dossier now?", another "may they see the others' sheets?".
use crate::domain::reason::Reason;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::product_form::FieldProblem;
use crate::domain::scoring::Aggregation;

// Stored as its text (`as_str`) in a plain string column: the entity's field has this type,
// so a query compares with the enum, never with a string literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum Phase {
    /// Dossiers join, members and assignments are set up.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "preparation"))]
    Preparation,
    /// The advisory group pre-reviews (its own sheets).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "advisory_review"))]
    AdvisoryReview,
    /// Council members score.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "scoring"))]
    Scoring,
    /// The council discusses the results; sheets are locked.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "deliberation"))]
    Deliberation,
    /// The decision is recorded and certificates issued.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "decided"))]
    Decided,
}

impl Phase {
    pub const ALL: [Phase; 5] = [
        Phase::Preparation,
        Phase::AdvisoryReview,
        Phase::Scoring,
        Phase::Deliberation,
        Phase::Decided,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Preparation => "preparation",
            Phase::AdvisoryReview => "advisory_review",
            Phase::Scoring => "scoring",
            Phase::Deliberation => "deliberation",
            Phase::Decided => "decided",
        }
    }

    pub fn parse(value: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.as_str() == value)
    }

    /// The phase after this one (rounds only move forward).
    pub fn next(self) -> Option<Phase> {
        let i = Phase::ALL.iter().position(|p| *p == self)?;
        Phase::ALL.get(i + 1).copied()
    }
}

/// Which group a member belongs to in a round; each keeps its own sheets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Panel {
    Advisory,
    Council,
}

impl Panel {
    pub fn as_str(self) -> &'static str {
        match self {
            Panel::Advisory => "advisory",
            Panel::Council => "council",
        }
    }

    pub fn parse(value: &str) -> Option<Panel> {
        [Panel::Advisory, Panel::Council]
            .into_iter()
            .find(|p| p.as_str() == value)
    }

    /// The phase in which this panel fills in sheets.
    pub fn scoring_phase(self) -> Phase {
        match self {
            Panel::Advisory => Phase::AdvisoryReview,
            Panel::Council => Phase::Scoring,
        }
    }
}

/// When members see the other members' sheets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OthersVisible {
    Never,
    AfterOwnSubmitted,
    Always,
}

impl OthersVisible {
    pub const ALL: [OthersVisible; 3] = [
        OthersVisible::Never,
        OthersVisible::AfterOwnSubmitted,
        OthersVisible::Always,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OthersVisible::Never => "never",
            OthersVisible::AfterOwnSubmitted => "after_own",
            OthersVisible::Always => "always",
        }
    }

    pub fn parse(value: &str) -> Option<OthersVisible> {
        OthersVisible::ALL.into_iter().find(|o| o.as_str() == value)
    }
}

/// One member's standing on one dossier of a round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    pub panel: Panel,
    pub assigned: bool,
    /// Declared by the member or found by the system (their subject, their commune).
    pub conflicted: bool,
    pub own_sheet_submitted: bool,
    /// The dossier was left out of the round's decision and is not decided yet.
    pub deferred: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScoreRefused {
    NotAssigned,
    Conflicted,
    /// The round is not in this panel's scoring phase.
    PhaseClosed,
    /// Submitted sheets are locked until an officer reopens them.
    AlreadySubmitted,
}

/// Whether the member may fill in (or change) their sheet for the dossier now.
///
/// # Errors
/// The first reason it may not, in the order listed in `ScoreRefused`.
pub fn may_score(phase: Phase, s: Standing) -> Result<(), ScoreRefused> {
    if !s.assigned {
        Err(ScoreRefused::NotAssigned)
    } else if s.conflicted {
        Err(ScoreRefused::Conflicted)
    } else if !sheets_open(phase, s.panel, s.deferred) {
        Err(ScoreRefused::PhaseClosed)
    } else if s.own_sheet_submitted {
        Err(ScoreRefused::AlreadySubmitted)
    } else {
        Ok(())
    }
}

/// Whether a panel's sheets on a dossier are open (to fill in, submit or reopen): in the
/// panel's own phase; and the council's, on a dossier left out of the round's decision, until
/// it is decided later (the test report awaited may change its score).
pub fn sheets_open(phase: Phase, panel: Panel, deferred: bool) -> bool {
    phase == panel.scoring_phase()
        || (deferred && panel == Panel::Council && phase > Phase::Scoring)
}

/// Whether the member may see the other members' sheets of the dossier now. From
/// deliberation on, every assigned, unconflicted member sees them (that is what deliberation
/// is for), except on a dossier left out of the decision, whose sheets are still open.
pub fn may_see_others(phase: Phase, setting: OthersVisible, s: Standing) -> bool {
    if !s.assigned || s.conflicted {
        return false;
    }
    // A dossier left out of the decision is still scored: the round's setting holds for it.
    if phase >= Phase::Deliberation && !sheets_open(phase, s.panel, s.deferred) {
        return true;
    }
    match setting {
        OthersVisible::Never => false,
        OthersVisible::AfterOwnSubmitted => s.own_sheet_submitted,
        OthersVisible::Always => true,
    }
}

/// The round form as typed (dates as `YYYY-MM-DD`, as `<input type=date>` sends them; the
/// checkboxes send `true` when ticked and nothing otherwise).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundInput {
    pub name: String,
    pub year: String,
    pub dossier_deadline: String,
    pub scoring_from: String,
    pub scoring_until: String,
    #[serde(default)]
    pub assigned_only: bool,
    /// `OthersVisible::as_str`.
    pub others_visible: String,
    #[serde(default)]
    pub identity_hidden: bool,
    /// `Aggregation::as_str`.
    pub aggregation: String,
}

/// A round's settings once checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundSettings {
    pub name: String,
    pub year: i16,
    pub dossier_deadline: NaiveDate,
    pub scoring_from: NaiveDate,
    pub scoring_until: NaiveDate,
    pub assigned_only: bool,
    pub others_visible: OthersVisible,
    pub identity_hidden: bool,
    pub aggregation: Aggregation,
}

/// Checks the round form.
///
/// # Errors
/// The first wrong field: `required`, `too_long`, `invalid_year`, `invalid_date`, or
/// `scoring_until`/`before_start` when the scoring window ends before it starts.
pub fn parse_settings(input: &RoundInput) -> Result<RoundSettings, FieldProblem> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(("name", Reason::Required));
    }
    if name.chars().count() > 300 {
        return Err(("name", Reason::TooLong));
    }
    let year = input
        .year
        .trim()
        .parse::<i16>()
        .ok()
        .filter(|y| (2018..=2100).contains(y))
        .ok_or(("year", Reason::InvalidYear))?;
    let date = |value: &str, field: &'static str| {
        NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
            .map_err(|_| (field, Reason::InvalidDate))
    };
    let dossier_deadline = date(&input.dossier_deadline, "dossier_deadline")?;
    let scoring_from = date(&input.scoring_from, "scoring_from")?;
    let scoring_until = date(&input.scoring_until, "scoring_until")?;
    if scoring_until < scoring_from {
        return Err(("scoring_until", Reason::BeforeStart));
    }
    Ok(RoundSettings {
        name: name.to_owned(),
        year,
        dossier_deadline,
        scoring_from,
        scoring_until,
        assigned_only: input.assigned_only,
        others_visible: OthersVisible::parse(&input.others_visible)
            .unwrap_or(OthersVisible::AfterOwnSubmitted),
        identity_hidden: input.identity_hidden,
        aggregation: Aggregation::parse(&input.aggregation).unwrap_or(Aggregation::Mean),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standing(assigned: bool, conflicted: bool, submitted: bool) -> Standing {
        Standing {
            panel: Panel::Council,
            assigned,
            conflicted,
            own_sheet_submitted: submitted,
            deferred: false,
        }
    }

    #[test]
    fn round_form_checks_names_years_and_the_scoring_window() {
        let good = RoundInput {
            name: "Đợt 1 năm 2026".into(),
            year: "2026".into(),
            dossier_deadline: "2026-05-31".into(),
            scoring_from: "2026-06-10".into(),
            scoring_until: "2026-06-30".into(),
            others_visible: "never".into(),
            aggregation: "median".into(),
            ..RoundInput::default()
        };
        let settings = parse_settings(&good).unwrap();
        assert_eq!(settings.others_visible, OthersVisible::Never);
        assert_eq!(settings.aggregation, Aggregation::Median);
        let bad = |f: fn(&mut RoundInput)| {
            let mut input = good.clone();
            f(&mut input);
            parse_settings(&input).unwrap_err()
        };
        assert_eq!(bad(|i| i.name = " ".into()), ("name", Reason::Required));
        assert_eq!(
            bad(|i| i.year = "20x6".into()),
            ("year", Reason::InvalidYear)
        );
        assert_eq!(
            bad(|i| i.scoring_from = "30/06/2026".into()),
            ("scoring_from", Reason::InvalidDate)
        );
        assert_eq!(
            bad(|i| i.scoring_until = "2026-06-01".into()),
            ("scoring_until", Reason::BeforeStart)
        );
    }

    #[test]
    fn only_assigned_unconflicted_members_score_in_their_phase_once() {
        for phase in Phase::ALL {
            for assigned in [false, true] {
                for conflicted in [false, true] {
                    for submitted in [false, true] {
                        let got = may_score(phase, standing(assigned, conflicted, submitted));
                        let expected =
                            assigned && !conflicted && !submitted && phase == Phase::Scoring;
                        assert_eq!(
                            got.is_ok(),
                            expected,
                            "{phase:?} {assigned} {conflicted} {submitted}"
                        );
                    }
                }
            }
            assert_eq!(Phase::parse(phase.as_str()), Some(phase));
        }
        let advisory = Standing {
            panel: Panel::Advisory,
            ..standing(true, false, false)
        };
        assert_eq!(may_score(Phase::AdvisoryReview, advisory), Ok(()));
        assert_eq!(
            may_score(Phase::Scoring, advisory),
            Err(ScoreRefused::PhaseClosed)
        );
    }

    #[test]
    fn a_deferred_dossier_keeps_the_councils_sheets_open_until_it_is_decided() {
        for phase in Phase::ALL {
            for panel in [Panel::Advisory, Panel::Council] {
                let deferred = Standing {
                    panel,
                    deferred: true,
                    ..standing(true, false, false)
                };
                let expected = phase == panel.scoring_phase()
                    || (panel == Panel::Council && phase >= Phase::Scoring);
                assert_eq!(
                    may_score(phase, deferred).is_ok(),
                    expected,
                    "{phase:?} {panel:?}"
                );
                assert_eq!(sheets_open(phase, panel, true), expected);
                assert_eq!(
                    sheets_open(phase, panel, false),
                    phase == panel.scoring_phase()
                );
            }
        }
        // Still blind as the round says while it is scored.
        let blank = Standing {
            deferred: true,
            ..standing(true, false, false)
        };
        assert!(!may_see_others(
            Phase::Deliberation,
            OthersVisible::Never,
            blank
        ));
        assert!(!may_see_others(
            Phase::Decided,
            OthersVisible::AfterOwnSubmitted,
            blank
        ));
        let done = Standing {
            deferred: true,
            ..standing(true, false, true)
        };
        assert!(may_see_others(
            Phase::Decided,
            OthersVisible::AfterOwnSubmitted,
            done
        ));
        // Still once per sheet, and never for a conflicted or unassigned member.
        let submitted = Standing {
            deferred: true,
            ..standing(true, false, true)
        };
        assert_eq!(
            may_score(Phase::Decided, submitted),
            Err(ScoreRefused::AlreadySubmitted)
        );
        let conflicted = Standing {
            deferred: true,
            ..standing(true, true, false)
        };
        assert_eq!(
            may_score(Phase::Deliberation, conflicted),
            Err(ScoreRefused::Conflicted)
        );
    }

    #[test]
    fn others_scores_stay_hidden_as_the_round_says() {
        let before = standing(true, false, false);
        let after = standing(true, false, true);
        assert!(!may_see_others(
            Phase::Scoring,
            OthersVisible::AfterOwnSubmitted,
            before
        ));
        assert!(may_see_others(
            Phase::Scoring,
            OthersVisible::AfterOwnSubmitted,
            after
        ));
        assert!(!may_see_others(Phase::Scoring, OthersVisible::Never, after));
        assert!(may_see_others(
            Phase::Deliberation,
            OthersVisible::Never,
            before
        ));
        assert!(!may_see_others(
            Phase::Deliberation,
            OthersVisible::Always,
            standing(true, true, true)
        ));
        assert!(!may_see_others(
            Phase::Scoring,
            OthersVisible::Always,
            standing(false, false, false)
        ));
    }

    #[test]
    fn rounds_move_forward_only() {
        assert_eq!(Phase::Preparation.next(), Some(Phase::AdvisoryReview));
        assert_eq!(Phase::Decided.next(), None);
        for p in Phase::ALL {
            if let Some(n) = p.next() {
                assert!(n > p);
            }
        }
    }
}
