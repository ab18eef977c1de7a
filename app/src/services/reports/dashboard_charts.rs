//! The dashboard's charts: valid products by commune (province only), stars, group, kind of
//! producer, certificates per year and dossiers by state — each bar a link that narrows the
//! dashboard (or opens the dossier list) to it.
use std::collections::{BTreeMap, HashMap};

use chrono::Datelike;

use crate::domain::chart::ChartItem;
use crate::domain::dossier::DossierState;
use crate::entities::product_group;
use crate::models::reports::dashboard::{Chart, DashboardFilter};
use crate::services::reports::dashboard::{Counts, DECIDED, FIRST_YEAR, PIPELINE};
use crate::services::reports::figures::subject_type_name;

/// What the charts are drawn from, besides the counts.
pub(super) struct ChartContext<'a> {
    /// The filters in force: each bar's link changes one of them.
    pub applied: &'a DashboardFilter,
    pub groups: &'a [product_group::Model],
    pub commune_names: &'a HashMap<&'a str, &'a str>,
    /// The year shown: the per-year chart runs from the first year to it.
    pub year: i16,
    pub dossiers_page: &'a str,
    /// The chart by commune is the province's.
    pub province: bool,
}

/// The charts, in the order the page shows them.
pub(super) fn charts(counts: &Counts, cx: &ChartContext<'_>) -> Vec<Chart> {
    let mut charts = vec![
        chart("by_stars", star_items(counts, cx.applied)),
        chart("by_group", group_items(counts, cx)),
        chart("by_type", type_items(counts, cx.applied)),
        chart("by_year", year_items(counts, cx)),
        chart("by_state", state_items(counts, cx.dossiers_page)),
    ];
    if cx.province {
        let (items, of) = commune_items(counts, cx);
        charts.insert(
            0,
            Chart {
                of,
                ..chart("by_commune", items)
            },
        );
    }
    charts
}

fn chart(key: &str, items: Vec<ChartItem>) -> Chart {
    Chart {
        key: key.into(),
        of: items.len(),
        items,
    }
}

/// The 20 communes with the most valid products, and how many communes have any.
fn commune_items(counts: &Counts, cx: &ChartContext<'_>) -> (Vec<ChartItem>, usize) {
    let mut items: Vec<ChartItem> = counts
        .by_commune
        .iter()
        .map(|(code, n)| ChartItem {
            key: code.clone(),
            label: cx
                .commune_names
                .get(code.as_str())
                .unwrap_or(&code.as_str())
                .to_string(),
            value: *n,
            label_en: String::new(),
            href: Some(cx.applied.with("commune", code)),
        })
        .collect();
    crate::domain::chart::largest_first(&mut items);
    let of = items.len();
    items.truncate(20);
    (items, of)
}

/// Valid products by top-level group (codes are paths: "I.1.a" belongs to group "I").
fn group_items(counts: &Counts, cx: &ChartContext<'_>) -> Vec<ChartItem> {
    let top_of: HashMap<i32, &str> = cx
        .groups
        .iter()
        .map(|g| (g.id, g.code.split('.').next().unwrap_or_default()))
        .collect();
    let mut per_group: BTreeMap<&str, i64> = BTreeMap::new();
    for (id, n) in &counts.by_group_id {
        *per_group
            .entry(top_of.get(id).copied().unwrap_or("?"))
            .or_default() += n;
    }
    let group_names: HashMap<&str, (&str, &str)> = cx
        .groups
        .iter()
        .map(|g| (g.code.as_str(), (g.name_vi.as_str(), g.name_en.as_str())))
        .collect();
    per_group
        .into_iter()
        .map(|(code, n)| ChartItem {
            key: code.to_owned(),
            label: format!("{code} {}", group_names.get(code).map_or("", |n| n.0)),
            label_en: format!("{code} {}", group_names.get(code).map_or("", |n| n.1)),
            value: n,
            href: Some(cx.applied.with("group", code)),
        })
        .collect()
}

fn type_items(counts: &Counts, applied: &DashboardFilter) -> Vec<ChartItem> {
    counts
        .by_type
        .iter()
        .map(|(code, n)| ChartItem {
            key: code.clone(),
            label: subject_type_name(code).vi,
            label_en: subject_type_name(code).en,
            value: *n,
            href: Some(applied.with("kind", code)),
        })
        .collect()
}

fn star_items(counts: &Counts, applied: &DashboardFilter) -> Vec<ChartItem> {
    (3..=5)
        .map(|s: i16| ChartItem {
            key: s.to_string(),
            label: format!("{s} ★"),
            value: counts
                .by_stars
                .iter()
                .filter(|(k, _)| *k == s)
                .map(|(_, n)| n)
                .sum(),
            label_en: String::new(),
            href: Some(applied.with("stars", &s.to_string())),
        })
        .collect()
}

/// Certificates decided per year, from the programme's first year to the one shown.
fn year_items(counts: &Counts, cx: &ChartContext<'_>) -> Vec<ChartItem> {
    let mut per_year: BTreeMap<i16, i64> = (FIRST_YEAR..=cx.year).map(|y| (y, 0)).collect();
    for (day, n) in &counts.by_day {
        *per_year.entry(day.year() as i16).or_default() += n;
    }
    per_year
        .into_iter()
        .map(|(y, n)| ChartItem {
            key: y.to_string(),
            label: y.to_string(),
            value: n,
            label_en: String::new(),
            href: Some(cx.applied.with("year", &y.to_string())),
        })
        .collect()
}

/// Dossiers still moving, then those decided, by state; a bar opens the dossier list in that
/// state.
fn state_items(counts: &Counts, dossiers_page: &str) -> Vec<ChartItem> {
    PIPELINE
        .iter()
        .chain(DECIDED.iter())
        .map(|s| ChartItem {
            key: (*s).to_owned(),
            label: DossierState::parse(s)
                .map_or_else(|| (*s).to_owned(), |st| st.label().0.to_owned()),
            label_en: DossierState::parse(s)
                .map_or_else(|| (*s).to_owned(), |st| st.label().1.to_owned()),
            value: counts
                .by_state
                .iter()
                .filter(|(k, _)| k == s)
                .map(|(_, n)| n)
                .sum(),
            href: Some(format!("{dossiers_page}?state={s}")),
        })
        .collect()
}
