//! A horizontal bar chart as SVG, from `domain::chart`'s layout (the PDF report draws the same
//! layout). A bar with a link opens it when clicked (an `<a>` built outside the `<svg>` in
//! the view macro would be an HTML element, so the bar itself navigates).
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
    let chart: BarChart = bar_chart(items, WIDTH, ROW, 0.42);
    let view_box = format!("0 0 {} {}", chart.width, chart.height);
    let navigate = leptos_router::hooks::use_navigate();
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
            let link = bar.item.href.clone();
            let go = navigate.clone();
            let open = move || {
                if let Some(href) = &link {
                    go(href, Default::default());
                }
            };
            let on_key = open.clone();
            view! {
                <g class=if bar.item.href.is_some() { "chart-bar link" } else { "chart-bar" }
                    data-key=bar.item.key.clone() data-value=bar.item.value
                    role=bar.item.href.is_some().then_some("link")
                    tabindex=bar.item.href.is_some().then_some("0")
                    on:click=move |_| open()
                    on:keydown=move |e| if e.key() == "Enter" { on_key() }>
                    <title>{format!("{full}: {}", bar.item.value)}</title>
                    <text x="0" y=text_y class="chart-label">{label}</text>
                    <rect x=bar_x y=bar.y width=bar.length.max(1.0) height=bar_height rx="2" />
                    <text x=bar_x + bar.length + 6.0 y=text_y class="chart-value">{bar.item.value}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="bar-chart" viewBox=view_box role="img" aria-label=title data-testid=testid
            xmlns="http://www.w3.org/2000/svg">
            {bars}
        </svg>
    }
    .into_any()
}
