//! What a dossier is for (its cycle) and the fields of the product registration form
//! (phiếu đăng ký sản phẩm) filled in online. Pure, shared by the server and pages.
use crate::domain::reason::Reason;
use serde::{Deserialize, Serialize};

use crate::domain::product_form::{FieldProblem, text};

/// The evaluation a dossier asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DossierCycle {
    /// A product evaluated for the first time (đánh giá lần đầu).
    FirstRecognition,
    /// Before the 36-month certificate expires (công nhận lại).
    ReRecognition,
    /// A certified product aiming for more stars (nâng hạng).
    Upgrade,
}

impl DossierCycle {
    pub const ALL: [DossierCycle; 3] = [
        DossierCycle::FirstRecognition,
        DossierCycle::ReRecognition,
        DossierCycle::Upgrade,
    ];

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            DossierCycle::FirstRecognition => "first",
            DossierCycle::ReRecognition => "re_recognition",
            DossierCycle::Upgrade => "upgrade",
        }
    }

    pub fn parse(value: &str) -> Option<DossierCycle> {
        DossierCycle::ALL.into_iter().find(|c| c.as_str() == value)
    }

    /// Re-recognition and upgrade are for products that already hold stars.
    pub fn needs_certified_product(self) -> bool {
        self != DossierCycle::FirstRecognition
    }
}

/// The registration form as typed (every field a string, so a refused form is shown back as
/// typed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierFormInput {
    /// "2 tấn/năm", "50.000 chai/năm".
    pub annual_output: String,
    /// Million đồng last year.
    pub annual_revenue: String,
    pub workers: String,
    pub raw_material_source: String,
    pub markets: String,
    /// The stars the producer assesses the product at (3, 4 or 5), optional.
    pub self_assessed_stars: String,
}

/// Names of the form's fields, in the order pages and histories list them.
pub const FIELDS: [&str; 6] = [
    "annual_output",
    "annual_revenue",
    "workers",
    "raw_material_source",
    "markets",
    "self_assessed_stars",
];

/// Checks and normalises the form; an empty field is allowed while drafting (what must be
/// there before submitting is `missing_for_submission`).
///
/// # Errors
/// The first field that breaks a rule.
pub fn parse(input: &DossierFormInput) -> Result<DossierFormInput, FieldProblem> {
    let revenue = number(&input.annual_revenue, "annual_revenue", 10_000_000)?;
    let workers = number(&input.workers, "workers", 100_000)?;
    let stars = number(&input.self_assessed_stars, "self_assessed_stars", 5)?;
    if stars.is_some_and(|s| s < 3) {
        return Err(("self_assessed_stars", Reason::OutOfRange));
    }
    let show = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    Ok(DossierFormInput {
        annual_output: text(&input.annual_output, "annual_output", 200)?.unwrap_or_default(),
        annual_revenue: show(revenue),
        workers: show(workers),
        raw_material_source: text(&input.raw_material_source, "raw_material_source", 1000)?
            .unwrap_or_default(),
        markets: text(&input.markets, "markets", 1000)?.unwrap_or_default(),
        self_assessed_stars: show(stars),
    })
}

/// The fields a submission needs and lacks (everything but the self-assessment).
pub fn missing_for_submission(form: &DossierFormInput) -> Vec<&'static str> {
    pairs(form)
        .into_iter()
        .filter(|(field, value)| *field != "self_assessed_stars" && value.trim().is_empty())
        .map(|(field, _)| field)
        .collect()
}

/// (field, value) in `FIELDS` order, for snapshots and histories.
pub fn pairs(form: &DossierFormInput) -> Vec<(&'static str, String)> {
    let values = [
        &form.annual_output,
        &form.annual_revenue,
        &form.workers,
        &form.raw_material_source,
        &form.markets,
        &form.self_assessed_stars,
    ];
    FIELDS
        .into_iter()
        .zip(values)
        .map(|(f, v)| (f, v.clone()))
        .collect()
}

/// A whole number people typed ("1.200", "1 200"), within 0..=max.
fn number(value: &str, field: &'static str, max: i64) -> Result<Option<i64>, FieldProblem> {
    let digits: String = value
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | ','))
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    match digits.parse::<i64>() {
        Ok(n) if (0..=max).contains(&n) => Ok(Some(n)),
        _ => Err((field, Reason::OutOfRange)),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn form() -> DossierFormInput {
        DossierFormInput {
            annual_output: " 2 tấn/năm ".into(),
            annual_revenue: "1.200".into(),
            workers: "12".into(),
            raw_material_source: "Vùng trồng hồi xã Văn Quan".into(),
            markets: "Lạng Sơn, Hà Nội".into(),
            self_assessed_stars: String::new(),
        }
    }

    #[test]
    fn a_good_form_is_normalised_and_may_be_submitted() {
        let f = parse(&form()).unwrap();
        assert_eq!(f.annual_output, "2 tấn/năm");
        assert_eq!(f.annual_revenue, "1200");
        assert!(missing_for_submission(&f).is_empty());
        assert_eq!(pairs(&f).len(), FIELDS.len());
    }

    #[test]
    fn bad_numbers_are_named_and_blanks_block_submission_only() {
        let mut f = form();
        f.self_assessed_stars = "2".into();
        assert_eq!(parse(&f), Err(("self_assessed_stars", Reason::OutOfRange)));
        f.self_assessed_stars = "4".into();
        f.workers = "mười".into();
        assert_eq!(parse(&f), Err(("workers", Reason::OutOfRange)));
        let blank = parse(&DossierFormInput::default()).unwrap();
        assert_eq!(
            missing_for_submission(&blank),
            [
                "annual_output",
                "annual_revenue",
                "workers",
                "raw_material_source",
                "markets"
            ]
        );
    }

    #[test]
    fn cycles_round_trip() {
        for c in DossierCycle::ALL {
            assert_eq!(DossierCycle::parse(c.as_str()), Some(c));
        }
        assert!(!DossierCycle::FirstRecognition.needs_certified_product());
    }

    proptest! {
        #[test]
        fn parsing_twice_changes_nothing(revenue in "\\PC{0,12}", workers in "[0-9 .]{0,8}") {
            let mut f = form();
            f.annual_revenue = revenue;
            f.workers = workers;
            if let Ok(once) = parse(&f) {
                prop_assert_eq!(parse(&once), Ok(once.clone()));
            }
        }
    }
}
