//! A horizontal bar chart as SVG, from `domain::chart`'s layout (the PDF report draws the same
//! layout). A bar with a link is an SVG link (`<a>` inside `<svg>`): only the server renders
//! such charts (light pages), and the browser's parser makes it an SVG element. Built in the
//! browser, the view macro's `<a>` would be an HTML element, which an `<svg>` does not draw.
use leptos::prelude::*;

use crate::domain::chart::{BarChart, ChartItem, bar_chart};

const WIDTH: f32 = 380.0;
const ROW: f32 = 22.0;

/// `title` names the chart for screen readers; `testid` marks it for tests.
#[component]
pub fn BarChartView(
    items: Vec<ChartItem>,
    #[prop(into)] title: String,
    #[prop(optional)] testid: &'static str,
    /// Label the bars in English where the item has an English label.
    #[prop(optional)]
    english: bool,
) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="muted chart-empty" data-testid=testid>"—"</p> }.into_any();
    }
    // Bars that are links are read out one by one; a picture's parts would not be.
    let role = if items.iter().any(|item| item.href.is_some()) {
        "group"
    } else {
        "img"
    };
    let chart: BarChart = bar_chart(items, WIDTH, ROW, 0.42);
    let view_box = format!("0 0 {} {}", chart.width, chart.height);
    let bar_x = chart.bar_x;
    let bar_height = chart.bar_height;
    let bars = chart
        .bars
        .into_iter()
        .map(|bar| {
            let text_y = bar.y + bar_height * 0.8;
            // Cut with an ellipsis so a cut label does not read as a whole one; the full label
            // is in the bar's tooltip.
            let full = if english && !bar.item.label_en.is_empty() {
                bar.item.label_en.clone()
            } else {
                bar.item.label.clone()
            };
            let label = crate::domain::chart::short_label(&full, 24);
            let parts = view! {
                <title>{format!("{full}: {}", bar.item.value)}</title>
                <text x="0" y=text_y class="chart-label">{label}</text>
                <rect x=bar_x y=bar.y width=bar.length.max(1.0) height=bar_height rx="2" />
                <text x=bar_x + bar.length + 6.0 y=text_y class="chart-value">{bar.item.value}</text>
            };
            let (key, value) = (bar.item.key.clone(), bar.item.value);
            match bar.item.href.clone() {
                Some(href) => view! {
                    <a href=href class="chart-bar link" data-key=key data-value=value>{parts}</a>
                }
                .into_any(),
                None => view! { <g class="chart-bar" data-key=key data-value=value>{parts}</g> }.into_any(),
            }
        })
        .collect_view();
    view! {
        <svg class="bar-chart" viewBox=view_box role=role aria-label=title data-testid=testid
            xmlns="http://www.w3.org/2000/svg">
            {bars}
        </svg>
    }
    .into_any()
}
