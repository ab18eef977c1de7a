//! Periodic reports and the dashboard on the wire. A report's figures are a list of tables,
//! each with its own columns, so the page, the XLSX and the PDF draw them the same way — and
//! the frozen snapshot of a submitted report is this same structure as JSON.
use serde::{Deserialize, Serialize};

/// A text in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, english: bool) -> &str {
        if english { &self.en } else { &self.vi }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureRow {
    pub key: String,
    pub label: Text,
    pub values: Vec<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureTable {
    /// "certified", "groups", "subgroups", "subject_types", "certificates", "ideas",
    /// "dossiers", "subjects", "communes".
    pub key: String,
    pub title: Text,
    pub columns: Vec<Text>,
    pub rows: Vec<FigureRow>,
}

/// Progress towards one of the year's targets, counted from 1 January to the period's end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetLine {
    pub key: String,
    pub label: Text,
    pub target: Option<i64>,
    pub achieved: i64,
    pub percent: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFigures {
    /// ISO dates: the window counted and the same days a year earlier.
    pub window: (String, String),
    pub previous: (String, String),
    /// The day the figures were computed (frozen with the snapshot).
    pub computed_on: String,
    pub tables: Vec<FigureTable>,
    pub targets: Vec<TargetLine>,
    /// Said when the administrative units changed within the window (figures frozen before
    /// this existed have none).
    #[serde(default)]
    pub unit_note: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodRow {
    pub id: i32,
    /// `domain::report::PeriodKind::as_str`.
    pub kind: String,
    pub year: i16,
    pub starts_on: String,
    pub ends_on: String,
    pub due_on: String,
    pub audience: String,
    pub name: Text,
}

/// One commune's report for a period, as the province's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommuneStatus {
    pub code: String,
    pub name: String,
    /// `ReportState::as_str`, none if never opened.
    pub state: Option<String>,
    /// `Standing::as_str`.
    pub standing: String,
    pub submitted_on: Option<String>,
}

/// A report page: its period and locality, state, written sections and figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub period: PeriodRow,
    pub scope_code: String,
    pub scope_name: String,
    /// `ReportState::as_str`; "draft" for a report not yet saved.
    pub state: String,
    pub standing: String,
    pub results: String,
    pub difficulties: String,
    pub proposals: String,
    pub review_comment: Option<String>,
    pub submitted_on: Option<String>,
    /// 0 while never saved.
    pub version: i32,
    /// The figures are the snapshot taken at submission.
    pub frozen: bool,
    pub figures: ReportFigures,
    /// The viewer may write and submit / return and accept.
    pub can_edit: bool,
    pub can_review: bool,
    /// The province reviews this report (a commune's); the province's own reports are final
    /// once submitted.
    pub reviewed: bool,
    /// The province's report: every commune's report status for the period.
    pub communes: Vec<CommuneStatus>,
    /// Why a province report of commune periods has no communes' list (the period ended
    /// before today's communes existed).
    pub communes_note: Option<Text>,
}

/// The reports page: the periods and, for each, the viewer's report or the communes' statuses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportsHome {
    pub periods: Vec<PeriodRow>,
    /// The viewer's locality: a commune's code, or the province's ("20").
    pub scope_code: String,
    pub scope_name: String,
    pub province: bool,
    /// Per period (same order): the viewer's report state and standing.
    pub mine: Vec<(Option<String>, String)>,
}

/// A year's targets for the province or a commune, as the settings page edits them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetRow {
    pub year: i16,
    pub scope_code: String,
    pub scope_name: String,
    pub new_3star: i32,
    pub national: i32,
}

/// `/admin/report-settings`: every period and target, and the communes a target may name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSettings {
    pub periods: Vec<PeriodRow>,
    pub targets: Vec<TargetRow>,
    pub communes: Vec<(String, String)>,
}

/// A report period the province makes itself: an ad hoc report (`kind` "adhoc") or a
/// multi-year review ("review", whole years), with its title and dates (`YYYY-MM-DD`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomPeriodInput {
    pub kind: String,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub due_on: String,
}
