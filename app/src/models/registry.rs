//! The officials' registries on the wire: a commune's (or the province's) products and
//! subjects, searchable, filtered and paged.
use serde::{Deserialize, Serialize};

/// Rows per page.
pub const REGISTRY_PAGE: usize = 25;

/// From the page's address. A commune officer's commune is imposed by the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryFilter {
    #[serde(default)]
    pub commune: String,
    /// Words of the name, the producer, the tax code (diacritics optional); `q` in addresses.
    #[serde(default, alias = "q")]
    pub query: String,
    /// Products: "certified" (a certificate in force), "lapsed" (expired or revoked), "none";
    /// empty for all.
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub page: usize,
}

impl RegistryFilter {
    /// Each value cut to its longest sensible length before any work is done with it.
    #[must_use]
    pub fn bounded(self) -> Self {
        RegistryFilter {
            commune: self.commune.chars().take(16).collect(),
            query: self.query.chars().take(100).collect(),
            status: self.status.chars().take(16).collect(),
            page: self.page.min(100_000),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductEntry {
    pub id: i32,
    pub name: String,
    pub subject_id: i32,
    pub subject_name: String,
    pub commune_name: String,
    pub group_code: String,
    /// The stars of its latest certificate, if any.
    pub stars: Option<i16>,
    /// "valid", "expiring", "expired", "revoked" or "none".
    pub status: String,
    /// dd/mm/yyyy; empty without a certificate.
    pub valid_until: String,
    pub certificate: String,
    /// "registered", "import", "press", "invented".
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectEntry {
    pub id: i32,
    pub name: String,
    /// "DN", "HTX", "THT", "HO".
    pub kind: String,
    pub commune_name: String,
    pub tax_code: String,
    pub phone: String,
    pub products: usize,
    /// Products with a certificate in force.
    pub certified: usize,
    /// Accounts of its members (none yet for an imported subject).
    pub members: usize,
    pub source: String,
    /// "active", "pending", "rejected" or "inactive".
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryPage<T> {
    pub rows: Vec<T>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    /// The filter applied (with the imposed commune).
    pub filter: RegistryFilter,
    /// The communes the province may choose from (empty for a commune officer), and the
    /// name of the commune shown.
    pub communes: Vec<(String, String)>,
    pub scope_name: String,
}
