//! The public catalogue (`/catalog`): every product with a valid OCOP certificate, searched
//! without regard to diacritics, filtered, sorted and paged.
use serde::{Deserialize, Serialize};

/// Products per page (fifty cards: one long scroll on a phone, covers load lazily).
pub const PAGE_SIZE: u64 = 50;

/// The catalogue's query string as typed (`?q=&group=&commune=&stars=&kind=&sort=&page=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogQuery {
    pub q: String,
    /// A product group or sub-group code ("I", "II.1").
    pub group: String,
    pub commune: String,
    /// "3", "4" or "5".
    pub stars: String,
    /// A subject type: "DN", "HTX", "THT", "HO".
    pub kind: String,
    /// "name" (default), "stars" or "newest".
    pub sort: String,
    /// 1-based.
    pub page: u64,
}

/// One product card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogCard {
    pub id: i32,
    pub name: String,
    pub stars: u8,
    pub group_name: String,
    pub commune_name: String,
    pub subject_name: String,
    pub cover_file_id: Option<i32>,
    /// `dd/mm/yyyy`.
    pub valid_until: String,
}

/// One page of results with what the filter form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogPage {
    pub query: CatalogQuery,
    pub cards: Vec<CatalogCard>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// (code, name) of the product groups and sub-groups, in code order.
    pub groups: Vec<(String, String)>,
    /// (code, name) of the communes, by name.
    pub communes: Vec<(String, String)>,
}

impl CatalogQuery {
    /// The query string of this query on another page (for the pager's links).
    pub fn on_page(&self, page: u64) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        for (key, value) in [
            ("q", &self.q),
            ("group", &self.group),
            ("commune", &self.commune),
            ("stars", &self.stars),
            ("kind", &self.kind),
            ("sort", &self.sort),
        ] {
            if !value.trim().is_empty() {
                pairs.push((key, value.trim().to_owned()));
            }
        }
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", crate::domain::text::percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_links_keep_the_filters() {
        let q = CatalogQuery {
            q: "mật ong".into(),
            stars: "4".into(),
            ..Default::default()
        };
        assert_eq!(q.on_page(1), "q=m%E1%BA%ADt%20ong&stars=4");
        assert_eq!(q.on_page(3), "q=m%E1%BA%ADt%20ong&stars=4&page=3");
        assert_eq!(CatalogQuery::default().on_page(1), "");
    }
}

/// A round the province decided, as it publishes it (`/decisions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedRound {
    pub id: i32,
    pub name: String,
    pub decision_number: String,
    pub decision_date: String,
    pub decision_signer: Option<String>,
    /// Certificates the round issued (with its later decisions).
    pub certified: usize,
}

/// One product the round recognised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedRow {
    /// Its public page, when its producer is active.
    pub product_id: Option<i32>,
    pub product_name: String,
    pub subject_name: String,
    pub commune_name: String,
    pub stars: u8,
    pub certificate_number: String,
    /// `domain::certificate::Validity::as_str`, or "superseded".
    pub status: String,
    /// A later decision of the same round (a dossier left out, decided afterwards).
    pub later_decision: Option<String>,
}

/// A decided round's list of recognised products, by stars then name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedResults {
    pub round: PublishedRound,
    pub rows: Vec<PublishedRow>,
}
