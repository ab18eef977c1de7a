//! The dashboard (`/dashboard`) on the wire: filters, KPI tiles, charts, a list and the
//! viewer's to-do list.
use serde::{Deserialize, Serialize};

use crate::domain::chart::ChartItem;
use crate::models::reports::periodic::Text;

/// Filters from the page's query string; empty means all. A commune officer's commune and a
/// producer's subject are imposed by the server whatever is asked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardFilter {
    /// "2026"; empty: this year.
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub commune: String,
    /// A top-level group ("I") or a sub-group ("I.1").
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub stars: String,
    /// "DN", "HTX", "THT", "HO".
    #[serde(default)]
    pub kind: String,
    /// The page of the product list, from 1; empty: the first.
    #[serde(default)]
    pub page: String,
}

impl DashboardFilter {
    /// The query string for these filters with one changed (`/dashboard?…`). Changing a
    /// filter goes back to the list's first page.
    pub fn with(&self, key: &str, value: &str) -> String {
        let mut pairs = vec![
            ("year", self.year.clone()),
            ("commune", self.commune.clone()),
            ("group", self.group.clone()),
            ("stars", self.stars.clone()),
            ("kind", self.kind.clone()),
            ("page", String::new()),
        ];
        for pair in &mut pairs {
            if pair.0 == key {
                pair.1 = value.to_owned();
            }
        }
        let query: Vec<String> = pairs
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::domain::text::percent_encode(&v)))
            .collect();
        if query.is_empty() {
            "/dashboard".to_owned()
        } else {
            format!("/dashboard?{}", query.join("&"))
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tile {
    /// "valid", "new_this_year", "expiring", "pipeline", "communes".
    pub key: String,
    pub value: i64,
    pub target: Option<i64>,
    /// Where clicking the tile leads.
    pub href: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chart {
    /// "by_commune", "by_group", "by_type", "by_stars", "by_year", "by_state".
    pub key: String,
    pub items: Vec<ChartItem>,
    /// How many bars there were before the chart kept the largest (`items` may be fewer).
    pub of: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardProduct {
    pub id: i32,
    pub name: String,
    pub commune_name: String,
    pub stars: i16,
    pub valid_until: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    pub label: Text,
    pub count: i64,
    pub href: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// The filters applied (with the imposed commune, and the year filled in).
    pub filter: DashboardFilter,
    pub scope_name: String,
    /// "province", "commune" or "producer".
    pub level: String,
    /// The day counted: today, or 31 December of an earlier year chosen.
    pub as_of: String,
    pub years: Vec<i16>,
    /// Choices for the filters: (code, name).
    pub communes: Vec<(String, String)>,
    /// Whether those are the former districts (a year before July 2025).
    #[serde(default)]
    pub districts: bool,
    pub groups: Vec<(String, Text)>,
    pub tiles: Vec<Tile>,
    pub charts: Vec<Chart>,
    /// Valid products matching the filters (one page of 50, most stars first) and how many.
    pub products: Vec<DashboardProduct>,
    pub product_count: i64,
    /// The list's page (from 1) and how many pages there are (at least 1).
    pub page: usize,
    pub pages: usize,
    pub actions: Vec<ActionItem>,
    /// A certificate counts as expiring this many days before its end
    /// (`CERTIFICATE_EXPIRING_DAYS`).
    pub expiring_days: i64,
}
