//! `/dashboard`: KPI tiles, charts and the matching products for the province, a commune or a
//! producer. A light page: the server renders it all. The filters live in the address
//! (`?year=&commune=&group=&stars=&kind=`): changing one — or clicking a bar, which narrows the
//! filters to it — loads the server's new rendering in place, without reloading the page (a
//! `LiveRegion`), and every tile, chart and the list follow; a state's bar opens the dossier
//! list.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::area_gate::SignedInGate;
use crate::components::chart::BarChartView;
use crate::components::error::ErrorMessage;
use crate::components::live_region::LiveRegion;
use crate::components::pager::Pager;
use crate::domain::dates::iso_date;
use crate::functions::reports::dashboard::get_dashboard;
use crate::i18n::{Locale, t, t_string, use_i18n};
use crate::models::reports::dashboard::{Dashboard, DashboardFilter};

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <SignedInGate>
            <DashboardView />
        </SignedInGate>
    }
}

#[component]
fn DashboardView() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        DashboardFilter {
            year: get("year"),
            commune: get("commune"),
            group: get("group"),
            stars: get("stars"),
            kind: get("kind"),
            page: get("page"),
        }
    });
    let data = Resource::new(move || filter.get(), get_dashboard);
    view! {
        <h1>{t!(i18n, dashboard.title)}</h1>
        <crate::components::help::HelpPanel screen="dashboard" />
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || {
                let english = i18n.get_locale() == Locale::en;
                Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <LiveRegion><Body d english /></LiveRegion> }.into_any(),
                        Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Body(d: Dashboard, english: bool) -> impl IntoView {
    let i18n = use_i18n();
    let tiles = d
        .tiles
        .iter()
        .map(|tile| {
            let label = match tile.key.as_str() {
                "valid" => t_string!(i18n, dashboard.valid).to_string(),
                "new_this_year" => t_string!(i18n, dashboard.new_this_year).to_string(),
                "expiring" => format!(
                    "{} {} {}",
                    t_string!(i18n, dashboard.expiring),
                    d.expiring_days,
                    t_string!(i18n, dashboard.expiring_days)
                ),
                "pipeline" => t_string!(i18n, dashboard.pipeline).to_string(),
                "trade" => t_string!(i18n, dashboard.trade).to_string(),
                _ if d.districts => t_string!(i18n, dashboard.districts_with).to_string(),
                _ => t_string!(i18n, dashboard.communes_with).to_string(),
            };
            let target = tile.target.map(|t| {
                view! { <span class="tile-target">" / "{t}" "{t!(i18n, dashboard.of_target)}</span> }
            });
            let body = view! {
                <span class="tile-value" data-testid="tile-value">{tile.value}</span>
                {target}
                <span class="tile-label">{label}</span>
            };
            let inner = match tile.href.clone() {
                Some(href) => view! { <a href=href>{body}</a> }.into_any(),
                None => body.into_any(),
            };
            view! { <li class="tile" data-testid=format!("tile-{}", tile.key)>{inner}</li> }
        })
        .collect_view();
    let charts = d
        .charts
        .iter()
        .map(|chart| {
            let title = match chart.key.as_str() {
                "by_commune" if d.districts => t_string!(i18n, dashboard.by_district),
                "by_commune" => t_string!(i18n, dashboard.by_commune),
                "by_group" => t_string!(i18n, dashboard.by_group),
                "by_type" => t_string!(i18n, dashboard.by_type),
                "by_year" => t_string!(i18n, dashboard.by_year),
                "by_state" => t_string!(i18n, dashboard.by_state),
                _ => t_string!(i18n, dashboard.by_stars),
            };
            let testid: &'static str = match chart.key.as_str() {
                "by_commune" => "chart-by_commune",
                "by_group" => "chart-by_group",
                "by_type" => "chart-by_type",
                "by_year" => "chart-by_year",
                "by_state" => "chart-by_state",
                _ => "chart-by_stars",
            };
            view! {
                <section class="chart-card">
                    <h2>{title}</h2>
                    {(chart.of > chart.items.len()).then(|| {
                        let (shown, of) = (chart.items.len(), chart.of);
                        view! {
                            <p class="muted small" data-testid=format!("{testid}-shown")>
                                {t!(i18n, dashboard.shown)}" "{shown}" / "{of}" "{t!(i18n, dashboard.shown_end)}
                            </p>
                        }
                    })}
                    <BarChartView items=chart.items.clone() title=title testid english />
                </section>
            }
        })
        .collect_view();
    let actions = d
        .actions
        .iter()
        .map(|a| {
            let badge = if a.count > 0 { "count-badge" } else { "muted" };
            view! {
                <li data-testid="action-item" data-count=a.count>
                    <a href=a.href.clone()>{a.label.get(english).to_owned()}</a>
                    " "<span class=badge>{a.count}</span>
                </li>
            }
        })
        .collect_view();
    let products = d.products.clone();
    let count = d.product_count;
    let (page, pages) = (d.page, d.pages);
    let params: Vec<(&'static str, String)> = vec![
        ("year", d.filter.year.clone()),
        ("commune", d.filter.commune.clone()),
        ("group", d.filter.group.clone()),
        ("stars", d.filter.stars.clone()),
        ("kind", d.filter.kind.clone()),
    ];
    view! {
        <p class="muted" data-testid="dashboard-scope">{d.scope_name.clone()}" · "{iso_date(&d.as_of)}</p>
        <Filters d=d.clone() english />
        <ul class="tiles" data-testid="tiles">{tiles}</ul>
        <p class="muted">{t!(i18n, dashboard.click_hint)}</p>
        <div class="chart-grid">{charts}</div>
        <section>
            <h2>{t!(i18n, dashboard.actions)}</h2>
            <ul class="action-list" data-testid="actions">{actions}</ul>
        </section>
        <section>
            <h2>{t!(i18n, dashboard.list)}" ("<span data-testid="product-count">{count}</span>")"</h2>
            {if products.is_empty() {
                view! { <p class="empty" data-testid="dashboard-empty">{t!(i18n, dashboard.no_match)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="data-table" data-testid="dashboard-products">
                            <thead><tr>
                                <th>{t!(i18n, dashboard.product)}</th>
                                <th>{t!(i18n, dashboard.commune)}</th>
                                <th>{t!(i18n, dashboard.stars)}</th>
                                <th>{t!(i18n, dashboard.valid_until)}</th>
                            </tr></thead>
                            <tbody>
                                {products.into_iter().map(|p| view! {
                                    <tr data-testid="dashboard-product">
                                        <td><a href=format!("/products/{}", p.id) rel="external">{p.name}</a></td>
                                        <td>{p.commune_name}</td>
                                        <td>{"★".repeat(usize::try_from(p.stars).unwrap_or(0))}</td>
                                        <td>{iso_date(&p.valid_until)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {(pages > 1).then(|| view! {
                        <Pager path="/dashboard" params page pages=pages has_more=page < pages />
                    })}
                }.into_any()
            }}
        </section>
    }
}

/// The filters: a plain GET form, which the page's `LiveRegion` follows on each change.
/// Without JavaScript its button submits it.
#[component]
fn Filters(d: Dashboard, english: bool) -> impl IntoView {
    let i18n = use_i18n();
    let option = |value: String, label: String, current: &str| {
        let selected = value == current;
        view! { <option value=value selected=selected>{label}</option> }
    };
    let f = d.filter.clone();
    view! {
        <form method="get" action="/dashboard" class="filters" data-testid="dashboard-filters">
            <label>{t!(i18n, dashboard.year)}
                <select name="year" data-testid="filter-year">
                    {d.years.iter().map(|y| option(y.to_string(), y.to_string(), &f.year)).collect_view()}
                </select>
            </label>
            {(!d.communes.is_empty()).then(|| view! {
                <label>{t!(i18n, dashboard.unit)}
                    <select name="commune" data-testid="filter-commune">
                        {option(String::new(), t_string!(i18n, dashboard.all).to_owned(), &f.commune)}
                        {d.communes.iter().map(|(c, n)| option(c.clone(), n.clone(), &f.commune)).collect_view()}
                    </select>
                </label>
            })}
            <label>{t!(i18n, dashboard.group)}
                <select name="group" data-testid="filter-group">
                    {option(String::new(), t_string!(i18n, dashboard.all).to_owned(), &f.group)}
                    {d.groups.iter().map(|(c, n)| option(c.clone(), format!("{c} {}", n.get(english)), &f.group)).collect_view()}
                </select>
            </label>
            <label>{t!(i18n, dashboard.stars)}
                <select name="stars" data-testid="filter-stars">
                    {option(String::new(), t_string!(i18n, dashboard.all).to_owned(), &f.stars)}
                    {(3..=5).map(|s| option(s.to_string(), format!("{s} ★"), &f.stars)).collect_view()}
                </select>
            </label>
            <input type="hidden" name="kind" value=f.kind.clone() />
            <noscript><button type="submit">"OK"</button></noscript>
            <a href="/dashboard" class="link-button" data-testid="filter-reset">{t!(i18n, dashboard.reset)}</a>
        </form>
    }
}
