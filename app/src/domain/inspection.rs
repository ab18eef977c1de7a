//! Monitoring certified products (kiểm tra, giám sát sau công nhận): the province, or a commune
//! for its own, plans an inspection of a certified product (in the annual plan or ad hoc),
//! records the visit with findings per area, and decides: compliant; a correction required by a
//! date, which the producer answers with evidence and the inspector accepts or refuses; or a
//! proposal to revoke the certificate, which the province decides by revoking it. The
//! regulations know revocation (thu hồi), not suspension: there is no suspended state.
//!
//! One table says which party may take which action from which state, as for dossiers.
use serde::{Deserialize, Serialize};

// Stored as its text (`as_str`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum InspectionState {
    /// Planned, the visit not yet recorded.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "planned"))]
    Planned,
    /// Visited and found compliant.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "compliant"))]
    Compliant,
    /// The producer must correct what was found by a date.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "correction_requested"))]
    CorrectionRequested,
    /// The producer answered with evidence; the inspector has to judge it.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "correction_answered"))]
    CorrectionAnswered,
    /// The correction was accepted.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "corrected"))]
    Corrected,
    /// The inspector proposes to revoke the certificate; the province decides.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "revocation_proposed"))]
    RevocationProposed,
    /// The certificate was revoked on this inspection's basis.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "revoked"))]
    Revoked,
    /// Called off before the visit.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "cancelled"))]
    Cancelled,
}

impl InspectionState {
    pub const ALL: [InspectionState; 8] = [
        InspectionState::Planned,
        InspectionState::Compliant,
        InspectionState::CorrectionRequested,
        InspectionState::CorrectionAnswered,
        InspectionState::Corrected,
        InspectionState::RevocationProposed,
        InspectionState::Revoked,
        InspectionState::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InspectionState::Planned => "planned",
            InspectionState::Compliant => "compliant",
            InspectionState::CorrectionRequested => "correction_requested",
            InspectionState::CorrectionAnswered => "correction_answered",
            InspectionState::Corrected => "corrected",
            InspectionState::RevocationProposed => "revocation_proposed",
            InspectionState::Revoked => "revoked",
            InspectionState::Cancelled => "cancelled",
        }
    }

    pub fn parse(value: &str) -> Option<InspectionState> {
        InspectionState::ALL
            .into_iter()
            .find(|s| s.as_str() == value)
    }

    /// Its name for people, Vietnamese and English.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            InspectionState::Planned => ("Đã lên kế hoạch", "Planned"),
            InspectionState::Compliant => ("Đạt yêu cầu", "Compliant"),
            InspectionState::CorrectionRequested => ("Yêu cầu khắc phục", "Correction required"),
            InspectionState::CorrectionAnswered => {
                ("Đã báo cáo khắc phục, chờ xem xét", "Correction answered")
            }
            InspectionState::Corrected => ("Đã khắc phục", "Corrected"),
            InspectionState::RevocationProposed => ("Đề nghị thu hồi", "Revocation proposed"),
            InspectionState::Revoked => ("Đã thu hồi chứng nhận", "Certificate revoked"),
            InspectionState::Cancelled => ("Đã hủy", "Cancelled"),
        }
    }

    /// Whether nothing more happens to it.
    pub fn closed(self) -> bool {
        available(self, &Party::ALL).is_empty()
    }

    /// Whether the visit has been recorded.
    pub fn visited(self) -> bool {
        !matches!(self, InspectionState::Planned | InspectionState::Cancelled)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InspectionAction {
    /// The visit found everything in order.
    RecordCompliant,
    /// The visit (or a refused answer) asks the producer to correct by a date.
    RequireCorrection,
    /// Propose to the province to revoke the certificate.
    ProposeRevocation,
    /// Call off a planned inspection.
    Cancel,
    /// The producer's answer to a correction, with evidence.
    Answer,
    AcceptCorrection,
    /// The answer does not settle it: back to the producer, with a note.
    RefuseCorrection,
    /// The province revokes the certificate on the inspection's basis.
    Revoke,
}

impl InspectionAction {
    pub const ALL: [InspectionAction; 8] = [
        InspectionAction::RecordCompliant,
        InspectionAction::RequireCorrection,
        InspectionAction::ProposeRevocation,
        InspectionAction::Cancel,
        InspectionAction::Answer,
        InspectionAction::AcceptCorrection,
        InspectionAction::RefuseCorrection,
        InspectionAction::Revoke,
    ];
}

/// The side an actor is on for one inspection. A provincial officer is both an inspector and
/// the province (who revokes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Party {
    /// A member of the subject whose product is inspected.
    Producer,
    /// An officer of the product's commune, or of the province.
    Inspector,
    /// A provincial officer, who decides revocations.
    Province,
}

impl Party {
    pub const ALL: [Party; 3] = [Party::Producer, Party::Inspector, Party::Province];
}

use InspectionAction as A;
use InspectionState as S;
use Party as P;

/// Every allowed move: (from, action, by whom, to). Anything not here is refused.
pub const TRANSITIONS: &[(InspectionState, InspectionAction, Party, InspectionState)] = &[
    (S::Planned, A::RecordCompliant, P::Inspector, S::Compliant),
    (
        S::Planned,
        A::RequireCorrection,
        P::Inspector,
        S::CorrectionRequested,
    ),
    (
        S::Planned,
        A::ProposeRevocation,
        P::Inspector,
        S::RevocationProposed,
    ),
    (S::Planned, A::Cancel, P::Inspector, S::Cancelled),
    (
        S::CorrectionRequested,
        A::Answer,
        P::Producer,
        S::CorrectionAnswered,
    ),
    (
        S::CorrectionAnswered,
        A::AcceptCorrection,
        P::Inspector,
        S::Corrected,
    ),
    (
        S::CorrectionAnswered,
        A::RefuseCorrection,
        P::Inspector,
        S::CorrectionRequested,
    ),
    // A correction never made (or not enough) may end in a proposal to revoke.
    (
        S::CorrectionRequested,
        A::ProposeRevocation,
        P::Inspector,
        S::RevocationProposed,
    ),
    (
        S::CorrectionAnswered,
        A::ProposeRevocation,
        P::Inspector,
        S::RevocationProposed,
    ),
    (S::RevocationProposed, A::Revoke, P::Province, S::Revoked),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refused {
    /// The action exists from this state, but another party takes it.
    NotYourTurn,
    /// Nobody may take this action from this state (it changed meanwhile, say).
    NotFromThisState,
}

/// The state after one of `parties` (the actor's sides) takes `action` from `from`.
///
/// # Errors
/// `NotYourTurn` if only another party may do it now; `NotFromThisState` otherwise.
pub fn transition(
    from: InspectionState,
    action: InspectionAction,
    parties: &[Party],
) -> Result<InspectionState, Refused> {
    let mut possible = TRANSITIONS
        .iter()
        .filter(|(f, a, _, _)| *f == from && *a == action)
        .peekable();
    if possible.peek().is_none() {
        return Err(Refused::NotFromThisState);
    }
    possible
        .find(|(_, _, p, _)| parties.contains(p))
        .map(|(_, _, _, to)| *to)
        .ok_or(Refused::NotYourTurn)
}

/// Whether any of `parties` takes `action` from any state at all (a producer never records a
/// visit): such a request is refused as not theirs, whatever the state.
pub fn ever_takes(parties: &[Party], action: InspectionAction) -> bool {
    TRANSITIONS
        .iter()
        .any(|(_, a, p, _)| *a == action && parties.contains(p))
}

/// The actions `parties` may take now, for the forms a page shows.
pub fn available(from: InspectionState, parties: &[Party]) -> Vec<InspectionAction> {
    let mut out: Vec<InspectionAction> = TRANSITIONS
        .iter()
        .filter(|(f, _, p, _)| *f == from && parties.contains(p))
        .map(|(_, a, _, _)| *a)
        .collect();
    out.dedup();
    out
}

/// Whether a correction is overdue: still awaited from the producer after its date.
pub fn overdue(
    state: InspectionState,
    due: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
) -> bool {
    state == InspectionState::CorrectionRequested && due.is_some_and(|due| due < today)
}

/// Planned within the annual plan, or ad hoc (on a complaint, a market finding).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum InspectionKind {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "periodic"))]
    Periodic,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "ad_hoc"))]
    AdHoc,
}

impl InspectionKind {
    pub fn parse(value: &str) -> Option<InspectionKind> {
        match value {
            "periodic" => Some(InspectionKind::Periodic),
            "ad_hoc" => Some(InspectionKind::AdHoc),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            InspectionKind::Periodic => "periodic",
            InspectionKind::AdHoc => "ad_hoc",
        }
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            InspectionKind::Periodic => {
                ("Định kỳ, theo kế hoạch năm", "Periodic, in the annual plan")
            }
            InspectionKind::AdHoc => ("Đột xuất", "Ad hoc"),
        }
    }
}

/// What an inspection looks at (the plan's list: raw materials, process, facilities, use of the
/// label and the OCOP mark, food safety).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Area {
    RawMaterials,
    Process,
    Facilities,
    LabelAndMark,
    FoodSafety,
}

impl Area {
    pub const ALL: [Area; 5] = [
        Area::RawMaterials,
        Area::Process,
        Area::Facilities,
        Area::LabelAndMark,
        Area::FoodSafety,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Area::RawMaterials => "raw_materials",
            Area::Process => "process",
            Area::Facilities => "facilities",
            Area::LabelAndMark => "label_mark",
            Area::FoodSafety => "food_safety",
        }
    }

    pub fn parse(value: &str) -> Option<Area> {
        Area::ALL.into_iter().find(|a| a.as_str() == value)
    }

    /// The form field of the inspector's note on it.
    pub fn note_field(self) -> &'static str {
        match self {
            Area::RawMaterials => "raw_materials_note",
            Area::Process => "process_note",
            Area::Facilities => "facilities_note",
            Area::LabelAndMark => "label_mark_note",
            Area::FoodSafety => "food_safety_note",
        }
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Area::RawMaterials => ("Nguồn nguyên liệu", "Raw materials"),
            Area::Process => ("Quy trình sản xuất", "Production process"),
            Area::Facilities => ("Cơ sở vật chất, nhà xưởng", "Facilities"),
            Area::LabelAndMark => ("Nhãn và sử dụng biểu trưng OCOP", "Label and OCOP mark use"),
            Area::FoodSafety => ("An toàn thực phẩm", "Food safety"),
        }
    }
}

/// The inspector's judgement of one area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Finding {
    Met,
    NotMet,
    NotChecked,
}

impl Finding {
    pub const ALL: [Finding; 3] = [Finding::Met, Finding::NotMet, Finding::NotChecked];

    pub fn as_str(self) -> &'static str {
        match self {
            Finding::Met => "met",
            Finding::NotMet => "not_met",
            Finding::NotChecked => "not_checked",
        }
    }

    pub fn parse(value: &str) -> Option<Finding> {
        Finding::ALL.into_iter().find(|f| f.as_str() == value)
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Finding::Met => ("Đạt", "Met"),
            Finding::NotMet => ("Không đạt", "Not met"),
            Finding::NotChecked => ("Không kiểm tra", "Not checked"),
        }
    }
}

/// Whether a verdict fits the findings: "compliant" needs no area not met, and at least one
/// area actually checked and met.
pub fn verdict_fits(action: InspectionAction, findings: &[(Area, Finding)]) -> bool {
    match action {
        InspectionAction::RecordCompliant => {
            findings.iter().all(|(_, f)| *f != Finding::NotMet)
                && findings.iter().any(|(_, f)| *f == Finding::Met)
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests;
