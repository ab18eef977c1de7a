//! Production lots and their timeline (TCVN 12850: identify – capture – share). A lot's code
//! must fit a GS1 Digital Link (`/10/<lot>`: character set 82, at most 20 characters); events
//! have a kind, a time and a place, and processing events may name the lots that went in.
use crate::domain::reason::Reason;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::product_form::FieldProblem;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventKind {
    Harvest,
    Processing,
    Packing,
    QualityTest,
    Shipping,
    Sale,
}

impl EventKind {
    pub const ALL: [EventKind; 6] = [
        EventKind::Harvest,
        EventKind::Processing,
        EventKind::Packing,
        EventKind::QualityTest,
        EventKind::Shipping,
        EventKind::Sale,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Harvest => "harvest",
            EventKind::Processing => "processing",
            EventKind::Packing => "packing",
            EventKind::QualityTest => "quality_test",
            EventKind::Shipping => "shipping",
            EventKind::Sale => "sale",
        }
    }

    pub fn parse(value: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// Only processing turns other lots into this one.
    pub fn takes_inputs(self) -> bool {
        self == EventKind::Processing
    }
}

/// The new-lot form as typed (dates as `YYYY-MM-DD`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotInput {
    pub code: String,
    pub produced_on: String,
    pub expires_on: String,
    pub quantity: String,
    pub unit: String,
    pub origin_commune_code: String,
    pub origin_note: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LotFacts {
    pub code: String,
    pub produced_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub quantity: Option<String>,
    pub unit: Option<String>,
    pub origin_commune_code: Option<String>,
    pub origin_note: Option<String>,
}

fn optional(value: &str, max: usize, field: &'static str) -> Result<Option<String>, FieldProblem> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err((field, Reason::TooLong));
    }
    Ok((!value.is_empty()).then(|| value.to_owned()))
}

/// Whether a lot code fits a Digital Link: 1–20 characters of GS1's set 82.
pub fn valid_code(code: &str) -> bool {
    crate::domain::digital_link::valid_value(code)
}

/// Checks the new-lot form.
///
/// # Errors
/// The first wrong field: `code`/`required` or `lot_code`, `produced_on`/`invalid_date`,
/// `expires_on`/`invalid_date` or `before_start`, `quantity`/`out_of_range`, `too_long`.
pub fn parse_lot(input: &LotInput) -> Result<LotFacts, FieldProblem> {
    let code = input.code.trim();
    if code.is_empty() {
        return Err(("code", Reason::Required));
    }
    if !valid_code(code) {
        return Err(("code", Reason::LotCode));
    }
    let date = |value: &str, field: &'static str| {
        NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
            .map_err(|_| (field, Reason::InvalidDate))
    };
    let produced_on = date(&input.produced_on, "produced_on")?;
    let expires_on = if input.expires_on.trim().is_empty() {
        None
    } else {
        Some(date(&input.expires_on, "expires_on")?)
    };
    if expires_on.is_some_and(|e| e < produced_on) {
        return Err(("expires_on", Reason::BeforeStart));
    }
    let quantity = optional(&input.quantity, 32, "quantity")?;
    if quantity
        .as_deref()
        .is_some_and(|q| !matches!(q.replace(['.', ','], "").parse::<u64>(), Ok(n) if n > 0))
    {
        return Err(("quantity", Reason::OutOfRange));
    }
    Ok(LotFacts {
        code: code.to_owned(),
        produced_on,
        expires_on,
        quantity,
        unit: optional(&input.unit, 16, "unit")?,
        origin_commune_code: optional(&input.origin_commune_code, 16, "origin_commune_code")?,
        origin_note: optional(&input.origin_note, 1000, "origin_note")?,
    })
}

/// The add-event form as typed (`happened_at` as `<input type=datetime-local>` sends it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventInput {
    pub kind: String,
    pub happened_at: String,
    pub commune_code: String,
    pub place: String,
    pub actor_name: String,
    pub note: String,
    /// Ids of the lots that went in (processing only), comma-separated as the page sends them.
    pub inputs: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventFacts {
    pub kind: EventKind,
    /// Local time in Vietnam, as typed.
    pub happened_at: NaiveDateTime,
    pub commune_code: Option<String>,
    pub place: Option<String>,
    pub actor_name: Option<String>,
    pub note: Option<String>,
    pub inputs: Vec<i32>,
}

/// Checks the add-event form.
///
/// # Errors
/// `kind`/`required`, `happened_at`/`invalid_date`, a `too_long` field, or `inputs`/
/// `inputs_processing_only` when a non-processing event names input lots (`unknown_lot` when
/// one is not a number).
pub fn parse_event(input: &EventInput) -> Result<EventFacts, FieldProblem> {
    let kind = EventKind::parse(input.kind.trim()).ok_or(("kind", Reason::Required))?;
    let text = input.happened_at.trim();
    let happened_at = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| ("happened_at", Reason::InvalidDate))?;
    let mut inputs = input
        .inputs
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(|id| {
            id.parse::<i32>()
                .map_err(|_| ("inputs", Reason::UnknownLot))
        })
        .collect::<Result<Vec<i32>, FieldProblem>>()?;
    inputs.sort_unstable();
    inputs.dedup();
    if !inputs.is_empty() && !kind.takes_inputs() {
        return Err(("inputs", Reason::InputsProcessingOnly));
    }
    Ok(EventFacts {
        kind,
        happened_at,
        commune_code: optional(&input.commune_code, 16, "commune_code")?,
        place: optional(&input.place, 300, "place")?,
        actor_name: optional(&input.actor_name, 200, "actor_name")?,
        note: optional(&input.note, 2000, "note")?,
        inputs,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn lot(code: &str, produced: &str, expires: &str) -> LotInput {
        LotInput {
            code: code.into(),
            produced_on: produced.into(),
            expires_on: expires.into(),
            quantity: "1.200".into(),
            unit: "kg".into(),
            ..LotInput::default()
        }
    }

    #[test]
    fn a_lot_needs_a_code_that_fits_a_digital_link_and_dates_in_order() {
        assert!(parse_lot(&lot("NA-2026-08", "2026-08-10", "2026-08-20")).is_ok());
        assert_eq!(
            parse_lot(&lot(" ", "2026-08-10", "")),
            Err(("code", Reason::Required))
        );
        assert_eq!(
            parse_lot(&lot("Lô 1", "2026-08-10", "")),
            Err(("code", Reason::LotCode))
        );
        assert_eq!(
            parse_lot(&lot("A123456789012345678901", "2026-08-10", "")),
            Err(("code", Reason::LotCode))
        );
        assert_eq!(
            parse_lot(&lot("L1", "10/08/2026", "")),
            Err(("produced_on", Reason::InvalidDate))
        );
        assert_eq!(
            parse_lot(&lot("L1", "2026-08-10", "2026-08-01")),
            Err(("expires_on", Reason::BeforeStart))
        );
        let mut zero = lot("L1", "2026-08-10", "");
        zero.quantity = "0".into();
        assert_eq!(parse_lot(&zero), Err(("quantity", Reason::OutOfRange)));
    }

    #[test]
    fn only_processing_takes_input_lots() {
        let mut event = EventInput {
            kind: "packing".into(),
            happened_at: "2026-08-12T07:30".into(),
            inputs: "3".into(),
            ..EventInput::default()
        };
        assert_eq!(
            parse_event(&event),
            Err(("inputs", Reason::InputsProcessingOnly))
        );
        event.kind = "processing".into();
        event.inputs = "3, 3,2".into();
        assert_eq!(parse_event(&event).unwrap().inputs, vec![2, 3]);
        event.happened_at = "hôm qua".into();
        assert_eq!(
            parse_event(&event),
            Err(("happened_at", Reason::InvalidDate))
        );
    }

    proptest! {
        /// Every code the form accepts builds a Digital Link that parses back to it.
        #[test]
        fn accepted_codes_survive_a_digital_link(code in "[A-Za-z0-9!%&()*+,\\-./:;<=>?_]{1,20}") {
            prop_assume!(!code.trim().is_empty() && code.trim() == code);
            let facts = parse_lot(&lot(&code, "2026-01-01", "")).unwrap();
            let link = crate::domain::digital_link::DigitalLink {
                lot: Some(facts.code.clone()),
                ..crate::domain::digital_link::for_gtin("8934588012228").unwrap()
            };
            let uri = crate::domain::digital_link::build("", &link);
            prop_assert_eq!(crate::domain::digital_link::parse(&uri, None).unwrap().lot, Some(facts.code));
        }
    }
}
