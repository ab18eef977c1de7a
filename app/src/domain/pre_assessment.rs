//! The commune's pre-assessment of a dossier (Decision 1489/QĐ-TTg, 2025): four criteria, each
//! met or not with a short justification, which make the commune's assessment report.
use crate::domain::reason::Reason;
use serde::{Deserialize, Serialize};

use crate::domain::product_form::{FieldProblem, text};

/// The four criteria, in the order of the report.
pub const CRITERIA: [&str; 4] = ["raw_materials", "labour", "idea_origin", "local_identity"];

/// The form's field names per criterion.
pub const VERDICT_FIELDS: [&str; 4] = [
    "raw_materials_verdict",
    "labour_verdict",
    "idea_origin_verdict",
    "local_identity_verdict",
];
pub const JUSTIFICATION_FIELDS: [&str; 4] = [
    "raw_materials_justification",
    "labour_justification",
    "idea_origin_justification",
    "local_identity_justification",
];

/// One criterion as typed: "met", "not_met" or "" (not yet judged), and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionInput {
    pub verdict: String,
    pub justification: String,
}

/// The whole pre-assessment, criteria in `CRITERIA` order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreAssessmentInput {
    pub criteria: [CriterionInput; 4],
    /// The commune's conclusion and proposal, optional.
    pub conclusion: String,
}

/// The pre-assessment form as it arrives from the page, one field per input (named as in
/// `VERDICT_FIELDS`, `JUSTIFICATION_FIELDS` and `conclusion`); an unchecked verdict arrives
/// missing and becomes "", which `parse` names as the field to fill.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PreAssessmentForm {
    pub raw_materials_verdict: String,
    pub raw_materials_justification: String,
    pub labour_verdict: String,
    pub labour_justification: String,
    pub idea_origin_verdict: String,
    pub idea_origin_justification: String,
    pub local_identity_verdict: String,
    pub local_identity_justification: String,
    pub conclusion: String,
}

impl From<PreAssessmentForm> for PreAssessmentInput {
    fn from(f: PreAssessmentForm) -> Self {
        let c = |verdict, justification| CriterionInput {
            verdict,
            justification,
        };
        PreAssessmentInput {
            criteria: [
                c(f.raw_materials_verdict, f.raw_materials_justification),
                c(f.labour_verdict, f.labour_justification),
                c(f.idea_origin_verdict, f.idea_origin_justification),
                c(f.local_identity_verdict, f.local_identity_justification),
            ],
            conclusion: f.conclusion,
        }
    }
}

/// A judged criterion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub met: bool,
    pub justification: String,
}

/// A complete pre-assessment: every criterion judged and justified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreAssessment {
    pub criteria: [Criterion; 4],
    pub conclusion: Option<String>,
}

impl PreAssessment {
    pub fn met_count(&self) -> usize {
        self.criteria.iter().filter(|c| c.met).count()
    }
}

/// Checks a pre-assessment; field names are `<criterion>_verdict`,
/// `<criterion>_justification` and `conclusion`.
///
/// # Errors
/// The first criterion left unjudged or unjustified, or a text too long.
pub fn parse(input: &PreAssessmentInput) -> Result<PreAssessment, FieldProblem> {
    let mut criteria = Vec::with_capacity(4);
    for (i, c) in input.criteria.iter().enumerate() {
        let met = match c.verdict.trim() {
            "met" => true,
            "not_met" => false,
            _ => return Err((VERDICT_FIELDS[i], Reason::Required)),
        };
        let justification = text(&c.justification, JUSTIFICATION_FIELDS[i], 2000)?
            .ok_or((JUSTIFICATION_FIELDS[i], Reason::Required))?;
        criteria.push(Criterion { met, justification });
    }
    let criteria: [Criterion; 4] = criteria
        .try_into()
        .map_err(|_| ("conclusion", Reason::Required))?;
    Ok(PreAssessment {
        criteria,
        conclusion: text(&input.conclusion, "conclusion", 4000)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(verdict: &str) -> CriterionInput {
        CriterionInput {
            verdict: verdict.into(),
            justification: "Nguyên liệu hồi từ vùng trồng của xã".into(),
        }
    }

    #[test]
    fn every_criterion_must_be_judged_and_justified() {
        let mut input = PreAssessmentInput {
            criteria: [
                judged("met"),
                judged("met"),
                judged("not_met"),
                judged("met"),
            ],
            conclusion: String::new(),
        };
        let ok = parse(&input).unwrap();
        assert_eq!(ok.met_count(), 3);
        assert_eq!(ok.conclusion, None);
        input.criteria[1].verdict = String::new();
        assert_eq!(parse(&input), Err(("labour_verdict", Reason::Required)));
        input.criteria[1].verdict = "met".into();
        input.criteria[3].justification = "  ".into();
        assert_eq!(
            parse(&input),
            Err(("local_identity_justification", Reason::Required))
        );
        input.criteria[3].verdict = "maybe".into();
        assert_eq!(
            parse(&input),
            Err(("local_identity_verdict", Reason::Required))
        );
    }

    #[test]
    fn criteria_names_match_the_field_names() {
        for (i, name) in CRITERIA.iter().enumerate() {
            let mut input = PreAssessmentInput {
                criteria: [judged("met"), judged("met"), judged("met"), judged("met")],
                conclusion: String::new(),
            };
            input.criteria[i].verdict.clear();
            let (field, _) = parse(&input).unwrap_err();
            assert_eq!(field, format!("{name}_verdict"));
        }
    }
}
