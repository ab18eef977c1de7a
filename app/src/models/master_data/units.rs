use serde::{Deserialize, Serialize};

/// Longest search text `/units` accepts; names are far shorter.
pub const MAX_QUERY_CHARS: usize = 100;

/// Which administrative units the master-data page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum UnitFilter {
    /// Communes and wards in force since 2025-07-01.
    #[default]
    CurrentCommunes,
    /// The district-level units abolished on 2025-07-01, kept for historical records.
    FormerDistricts,
}

impl UnitFilter {
    /// The value used in the page address (`/units?level=…`).
    pub fn as_param(self) -> &'static str {
        match self {
            UnitFilter::CurrentCommunes => "communes",
            UnitFilter::FormerDistricts => "districts",
        }
    }

    pub fn from_param(value: &str) -> Self {
        match value {
            "districts" => UnitFilter::FormerDistricts,
            _ => UnitFilter::CurrentCommunes,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRow {
    pub code: String,
    pub name: String,
    /// As written in Vietnamese: tỉnh, huyện, thành phố, xã, phường.
    pub kind: String,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    /// For a commune: the former district it was carved from (best guess, editable later).
    pub former_district: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductGroupNode {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub children: Vec<ProductGroupNode>,
}
