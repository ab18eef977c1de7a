//! What a producer's information lacks (`domain::completeness`), as the home lists it.
use serde::{Deserialize, Serialize};

use crate::models::reports::periodic::Text;

/// One gap, in words, with where to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapView {
    /// `SubjectGap::as_str` or `ProductGap::as_str`.
    pub key: String,
    pub label: Text,
    pub href: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductGapsView {
    pub id: i32,
    pub name: String,
    pub gaps: Vec<GapView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletenessView {
    pub subject_name: String,
    pub subject: Vec<GapView>,
    /// Products with a gap only.
    pub products: Vec<ProductGapsView>,
    pub products_total: usize,
}

impl CompletenessView {
    pub fn complete(&self) -> bool {
        self.subject.is_empty() && self.products.is_empty()
    }
}
