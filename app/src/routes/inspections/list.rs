//! `/inspections`: the inspections the viewer may see — a producer's own products, a commune's,
//! or every commune's for the province — by state (open, overdue corrections, revocations
//! proposed), one product's history (`?product=`), and, for officials, the link to planning. A
//! light page with nothing to run in the browser.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::area_gate::SignedInGate;
use crate::components::error::ErrorMessage;
use crate::components::pager::{Pager, href_with};
use crate::domain::inspection::InspectionState;
use crate::functions::inspections::list_inspections;
use crate::i18n::{t, t_string, use_i18n};
use crate::models::inspections::{InspectionPage, InspectionRow};
use crate::routes::inspections::pair;

#[component]
pub fn InspectionsPage() -> impl IntoView {
    view! {
        <SignedInGate>
            <InspectionsLoader />
        </SignedInGate>
    }
}

#[component]
fn InspectionsLoader() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.read_untracked().get(name).unwrap_or_default();
    let (state, product, page) = (param("state"), param("product"), param("page"));
    let planned = param("planned") == "1";
    let list = Resource::new(
        move || (state.clone(), product.clone(), page.clone()),
        |(state, product, page)| list_inspections(state, product, page),
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <InspectionsBody list planned state=param("state") product=param("product") /> }.into_any(),
                    Err(e) => {
                        crate::components::set_http_status(e.http_status());
                        view! { <ErrorMessage error=e /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn InspectionsBody(
    list: InspectionPage,
    planned: bool,
    state: String,
    product: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let path = "/inspections";
    let tabs = [
        ("", t_string!(i18n, inspections.tab_all).to_string()),
        ("open", t_string!(i18n, inspections.tab_open).to_string()),
        ("overdue", t_string!(i18n, inspections.tab_overdue).to_string()),
        (
            InspectionState::RevocationProposed.as_str(),
            t_string!(i18n, inspections.tab_proposed).to_string(),
        ),
    ]
    .into_iter()
    .map(|(value, label)| {
        let href = href_with(path, &[("state", value.to_owned()), ("product", product.clone())]);
        let active = state == value;
        view! {
            <a href=href class=if active { "tab active" } else { "tab" }
                data-testid=format!("tab-{}", if value.is_empty() { "all" } else { value })>{label}</a>
        }
    })
    .collect_view();
    let params = vec![("state", state.clone()), ("product", product.clone())];
    let intro = if list.may_plan {
        t!(i18n, inspections.intro).into_any()
    } else {
        t!(i18n, inspections.intro_producer).into_any()
    };
    view! {
        <h1>{t!(i18n, inspections.title)}</h1>
        <crate::components::help::HelpPanel screen="inspections.list" />
        <p class="muted">{intro}</p>
        {planned.then(|| view! { <p class="notice" role="status" data-testid="planned-done">{t!(i18n, inspections.planned_done)}</p> })}
        {list.product_name.clone().map(|name| view! {
            <p data-testid="product-history">{t!(i18n, inspections.history_of)}" "<strong>{name}</strong>" · "
                <a href=href_with(path, &[("state", state.clone())])>{t!(i18n, inspections.show_all)}</a></p>
        })}
        <nav class="tabs" aria-label=move || t_string!(i18n, inspections.state).to_string()>{tabs}</nav>
        {if list.rows.is_empty() {
            view! { <p class="empty" data-testid="inspections-empty">{t!(i18n, inspections.empty)}</p> }.into_any()
        } else {
            view! {
                <InspectionTable rows=list.rows />
                <Pager path params page=list.page pages=list.pages has_more=list.page < list.pages />
            }.into_any()
        }}
        // Planning is desk work, on a page of the whole client (`plan`): this list stays light
        // for the phones that open it.
        {list.may_plan.then(|| view! {
            <p><a href="/inspection-plans/new" class="button" data-testid="plan-link">{t!(i18n, inspections.plan_title)}</a></p>
        })}
    }
}

#[component]
fn InspectionTable(rows: Vec<InspectionRow>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table class="data-table cards-on-phone" data-testid="inspections">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, inspections.product)}</th>
                        <th scope="col">{t!(i18n, inspections.commune)}</th>
                        <th scope="col">{t!(i18n, inspections.kind)}</th>
                        <th scope="col">{t!(i18n, inspections.planned_on)}</th>
                        <th scope="col">{t!(i18n, inspections.state)}</th>
                        <th scope="col">{t!(i18n, inspections.due)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr data-testid="inspection-row" data-state=r.state.as_str()>
                            <td><a href=format!("/inspections/{}", r.id)>{r.product_name}</a><br /><span class="muted">{r.subject_name}</span></td>
                            <td data-label=move || t_string!(i18n, inspections.commune).to_string()>{r.commune_name}</td>
                            <td data-label=move || t_string!(i18n, inspections.kind).to_string()>{pair(i18n, r.kind.label())}</td>
                            <td data-label=move || t_string!(i18n, inspections.planned_on).to_string()>{r.planned_on}</td>
                            <td data-label=move || t_string!(i18n, inspections.state).to_string()><InspectionStateBadge state=r.state overdue=r.overdue /></td>
                            <td data-label=move || t_string!(i18n, inspections.due).to_string()>{r.correction_due.unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The state, and "overdue" beside a correction awaited after its date.
#[component]
pub(crate) fn InspectionStateBadge(state: InspectionState, overdue: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("badge inspection-{}", state.as_str()) data-testid="inspection-state" data-state=state.as_str()>
            {pair(i18n, state.label())}
        </span>
        {overdue.then(|| view! { " "<span class="badge overdue" data-testid="overdue">{t!(i18n, inspections.overdue)}</span> })}
    }
}
