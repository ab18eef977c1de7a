//! Evaluation rounds, score sheets, results and certificates as pages see them.
use serde::{Deserialize, Serialize};

pub use crate::domain::round::RoundInput;
use crate::domain::scoring::{CriteriaSet, Sheet, Tenths};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundRow {
    pub id: i32,
    pub name: String,
    pub year: i16,
    /// `Phase::as_str`.
    pub phase: String,
    pub dossier_count: usize,
    pub member_count: usize,
    pub decision_number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub user_id: i32,
    pub name: String,
    /// "council" or "advisory".
    pub panel: String,
    /// A sub-council of this product group only.
    pub group_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundDossierRow {
    pub dossier_id: i32,
    pub product_name: String,
    /// None when the round hides producers from its members.
    pub subject_name: Option<String>,
    pub commune_name: String,
    pub group_code: String,
    pub criteria_set_name: String,
    /// Council sheets submitted / council members assigned.
    pub submitted: usize,
    pub expected: usize,
    pub score: Option<Tenths>,
    pub stars: Option<u8>,
    /// For a member: "none", "draft" or "submitted"; "conflict" or "unassigned" when they
    /// may not score it.
    pub my_sheet: Option<String>,
    /// Left out of the round's decision and not decided yet (its council sheets stay open).
    pub deferred: bool,
}

/// Someone who could join the round, or a dossier that could.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i32,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundView {
    pub row: RoundRow,
    pub input: RoundInput,
    pub version: i32,
    pub decision_date: Option<String>,
    pub decision_signer: Option<String>,
    pub members: Vec<MemberRow>,
    pub dossiers: Vec<RoundDossierRow>,
    /// For the provincial officer: forwarded dossiers in no round, and officials who may join.
    pub waiting_dossiers: Vec<Choice>,
    pub possible_members: Vec<Choice>,
    pub manages: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetDocument {
    pub file_id: i32,
    pub item: String,
    pub name: String,
    pub media_type: String,
}

/// Another member's sheet, when the round lets this member see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherSheet {
    pub member: String,
    pub total: Tenths,
    pub stars: u8,
    pub submitted: bool,
}

/// The scoring screen of one member for one dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetView {
    pub round_id: i32,
    pub round_name: String,
    pub phase: String,
    pub panel: String,
    pub dossier_id: i32,
    pub product_name: String,
    pub subject_name: Option<String>,
    pub set_name: String,
    pub set: CriteriaSet,
    pub choices: Sheet,
    /// 0 before the first save.
    pub version: i32,
    pub submitted: bool,
    pub reopen_reason: Option<String>,
    /// Why the member may not change it now (`ScoreRefused` as a key), if so.
    pub locked_because: Option<String>,
    /// The scoring window is over: drafts are saved, nothing is submitted until extended.
    pub submit_closed: bool,
    pub documents: Vec<SheetDocument>,
    pub others: Option<Vec<OtherSheet>>,
}

/// One member's total for one dossier in the results table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberTotal {
    pub user_id: i32,
    pub member: String,
    pub total: Tenths,
    pub submitted: bool,
    /// Far from the product's score: to be discussed.
    pub far: bool,
}

/// The spread of one criterion's points across the submitted sheets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionSpread {
    pub code: String,
    pub min: Tenths,
    pub max: Tenths,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultRow {
    pub dossier_id: i32,
    pub product_name: String,
    pub subject_name: String,
    pub commune_name: String,
    pub totals: Vec<MemberTotal>,
    pub score: Option<Tenths>,
    pub stars: Option<u8>,
    /// Star levels barred by mandatory criteria the council failed.
    pub barred: Vec<u8>,
    pub national: bool,
    pub spread: Option<(Tenths, Tenths)>,
    /// Criteria on which submitted sheets differ, widest first.
    pub criteria: Vec<CriterionSpread>,
    /// Advisory group's mean, kept apart.
    pub advisory_score: Option<Tenths>,
    /// The certificate the decision issued.
    pub certificate: Option<String>,
    /// The council's remarks for the producer (written in scoring or deliberation).
    pub remarks: Option<String>,
    /// Why the officer left it out of the round's decision.
    pub deferred_reason: Option<String>,
    /// Left out and not decided yet.
    pub awaiting_decision: bool,
    /// "number · date · signer" of its own decision, when it was decided after the round's.
    pub later_decision: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundResults {
    pub round_id: i32,
    pub phase: String,
    pub aggregation: String,
    pub rows: Vec<ResultRow>,
    /// Across the round: members far from the panel, criteria that divide it.
    pub disagreement: crate::domain::disagreement::RoundDisagreement,
}

/// The council's minutes (biên bản) of a round from deliberation on: who sat, each product's
/// totals, score and stars, and the products proposed for national evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Minutes {
    pub round_id: i32,
    pub round_name: String,
    pub year: i16,
    pub phase: String,
    pub aggregation: String,
    pub scoring_from: String,
    pub scoring_until: String,
    pub decision_number: Option<String>,
    pub decision_date: Option<String>,
    pub decision_signer: Option<String>,
    /// Council members, by name.
    pub members: Vec<String>,
    pub rows: Vec<ResultRow>,
}

impl Minutes {
    pub fn national_count(&self) -> usize {
        self.rows.iter().filter(|r| r.national).count()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionInput {
    pub number: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub signer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateRow {
    pub number: String,
    pub product_id: i32,
    pub product_name: String,
    pub subject_name: String,
    pub commune_name: String,
    pub stars: u8,
    pub score: Tenths,
    pub decision_number: String,
    pub decision_date: String,
    pub valid_until: String,
    /// `Validity::as_str`, or "superseded".
    pub status: String,
    pub national: bool,
    pub revoke_reason: Option<String>,
    /// Proposed for 5★, in force, and the Ministry's answer not yet recorded.
    pub awaiting_ministry: bool,
    /// Issued on the Ministry's decision.
    pub by_ministry: bool,
    /// The Ministry's answer recorded on a proposing certificate: decision, date, stars.
    pub ministry_decision: Option<String>,
    pub ministry_decision_date: Option<String>,
    pub ministry_stars: Option<u8>,
    /// The number of the certificate that replaced this one, if any.
    #[serde(default)]
    pub replaced_by: Option<String>,
}

/// The Ministry's answer to a 5★ proposal, as typed: the proposing certificate's number, the
/// Ministry's decision number, its date (`YYYY-MM-DD`) and the stars it granted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinistryResultInput {
    pub number: String,
    pub decision: String,
    pub date: String,
    pub stars: String,
}

/// Certificates on one page of the officers' register.
pub const CERTIFICATES_PER_PAGE: usize = 25;

/// What the register is filtered by, as typed in the address bar.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateFilter {
    /// "valid", "expiring", "expired", "revoked", "superseded", "national" (awaiting the
    /// Ministry), or "" for all.
    pub state: String,
    /// Words of the number, product, producer or commune (diacritics optional).
    pub query: String,
    pub page: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificatePage {
    pub rows: Vec<CertificateRow>,
    /// How many certificates match the filter (over all pages).
    pub total: usize,
    pub page: usize,
    pub pages: usize,
}

/// What the public verification page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateCheck {
    pub row: CertificateRow,
    pub subject_address: Option<String>,
    pub group_name: String,
}
