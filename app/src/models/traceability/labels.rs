//! Product labels: the checklist master data, a product's label with its check, and the short
//! result shown in a dossier.
use serde::{Deserialize, Serialize};

pub use crate::domain::label::{CertificateFacts, ChecklistItem, MarkCheck, Status};

/// One item of a product's label: the checklist row, what the producer entered and its check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelItemView {
    pub item: ChecklistItem,
    pub basis: String,
    pub value: String,
    pub status: Status,
}

/// An uploaded version of the label artwork.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArtworkView {
    pub file_id: i32,
    pub version_no: i32,
    pub name: String,
    pub is_image: bool,
    /// `dd/mm/yyyy hh:mm`, Vietnam time.
    pub uploaded_at: String,
}

/// The product's current certificate as the mark check saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelCertificate {
    pub number: String,
    pub stars: u8,
    /// `domain::certificate::Validity::as_str`.
    pub status: String,
    pub valid_until: String,
}

/// A product's label page (`/labels/{product_id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductLabelView {
    pub product_id: i32,
    pub product_name: String,
    pub group_code: String,
    pub group_name: String,
    /// The items that apply to the product's type, in checklist order.
    pub items: Vec<LabelItemView>,
    pub shows_mark: bool,
    pub shown_stars: Option<u8>,
    pub certificate: Option<LabelCertificate>,
    /// The same, for checking the mark live in the form.
    pub certificate_facts: Option<CertificateFacts>,
    pub mark: MarkCheck,
    /// Newest first.
    pub artworks: Vec<ArtworkView>,
    /// 0 while nothing was saved.
    pub version: i32,
    /// A member of the subject (the others read).
    pub may_edit: bool,
    /// The standards and test reports of its dossiers, and which are public.
    pub documents: Vec<PublicDocumentView>,
    pub max_upload_mb: usize,
}

/// The label's result in a dossier page: what fails and whether the mark is allowed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelSummary {
    pub product_id: i32,
    /// Whether the producer has entered label content.
    pub entered: bool,
    pub applicable: usize,
    /// Names (Vietnamese, English) of mandatory items missing.
    pub missing: Vec<(String, String)>,
    /// Names of items filled in but malformed.
    pub malformed: Vec<(String, String)>,
    pub mark: MarkCheck,
    pub artwork_versions: usize,
}

/// A standard or test report filed in the product's dossiers, which the producer may make
/// public with the product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicDocumentView {
    pub file_id: i32,
    /// `product_standard` or `test_report`.
    pub item_code: String,
    pub name: String,
    pub public: bool,
}

/// A checklist row on the master-data page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistRow {
    pub id: i32,
    pub item: ChecklistItem,
    pub sort: i32,
    pub basis: String,
    pub active: bool,
}

/// The editable fields of a checklist row, as typed (named `row[…]` on the page; the
/// checkboxes send `true` when ticked and nothing otherwise).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistRowInput {
    #[serde(default)]
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    #[serde(default)]
    pub groups: String,
    #[serde(default)]
    pub required: bool,
    pub check: String,
    pub sort: String,
    #[serde(default)]
    pub basis: String,
    #[serde(default)]
    pub active: bool,
}
