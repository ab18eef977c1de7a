//! Imports on the wire: a batch's preview (each row's verdict, the columns and how they were
//! read), its totals, and the list of batches.
use serde::{Deserialize, Serialize};

use crate::domain::import::headers::Field;
use crate::domain::import::problem::{Note, Problem};

/// Rows of the preview per page.
pub const PREVIEW_PAGE: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Creates a subject, a product or a certificate (and may update others).
    New,
    /// Matches existing records and changes some of them.
    Update,
    /// Matches existing records; nothing changes.
    Same,
    Error,
    /// A blank, heading or totals row.
    Skipped,
}

impl Verdict {
    pub fn key(self) -> &'static str {
        match self {
            Verdict::New => "new",
            Verdict::Update => "update",
            Verdict::Same => "same",
            Verdict::Error => "error",
            Verdict::Skipped => "skipped",
        }
    }
}

/// One value a row changes on a record that exists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: Field,
    pub before: String,
    pub after: String,
}

/// A problem in a cell: the column's header as the file has it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellProblem {
    pub column: String,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowView {
    pub sheet: String,
    /// As the spreadsheet numbers it (from 1).
    pub row: u32,
    pub verdict: Verdict,
    pub product: String,
    pub subject: String,
    /// The commune in force today, by name.
    pub commune: String,
    pub stars: Option<u8>,
    /// dd/mm/yyyy.
    pub decided: String,
    pub changes: Vec<Change>,
    pub problems: Vec<CellProblem>,
    pub notes: Vec<Note>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub rows: usize,
    pub new: usize,
    pub update: usize,
    pub same: usize,
    pub error: usize,
    pub skipped: usize,
    pub subjects_new: usize,
    pub products_new: usize,
    pub certificates_new: usize,
}

/// A column of a sheet and the field it was read as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnView {
    pub index: usize,
    pub header: String,
    pub field: Option<Field>,
    /// Recognised from its header (not chosen by the officer).
    pub recognised: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetView {
    pub name: String,
    /// The header's row as the spreadsheet numbers it; none: no header found (nothing read).
    pub header_row: Option<u32>,
    pub columns: Vec<ColumnView>,
}

/// What a preview keeps (`import_batch.preview`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewData {
    pub sheets: Vec<SheetView>,
    pub rows: Vec<RowView>,
    pub totals: Totals,
}

/// A page of a batch's preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub batch_id: i32,
    pub file_name: String,
    /// "previewed", "imported" or "undone".
    pub state: String,
    pub sheets: Vec<SheetView>,
    pub totals: Totals,
    /// The rows of this page (errors first when the filter is "error").
    pub rows: Vec<RowView>,
    pub filter: String,
    pub page: usize,
    pub pages: usize,
    /// What the import's confirmation must send back (the data it was shown).
    pub fingerprint: String,
    /// Nothing is in error and something would change.
    pub can_import: bool,
    /// Imported, and nothing has been built on it yet.
    pub can_undo: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchRow {
    pub id: i32,
    pub file_name: String,
    pub state: String,
    pub by: String,
    /// dd/mm/yyyy hh:mm, Vietnam time.
    pub at: String,
    pub totals: Totals,
}
