//! `/admin/audit`: the append-only audit log, newest first, 50 a page, filtered by action,
//! actor, target account and dates (a GET form: bookmarkable, works before the wasm loads).
use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_query_map;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::ErrorMessage;
use crate::components::pager::Pager;
use crate::functions::audit::browse_audit_log;
use crate::i18n::{t, use_i18n};
use crate::models::audit::{AUDIT_ACTIONS, AuditRow};

#[component]
pub fn AuditPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Admin>
            <AuditBrowser />
        </AreaGate>
    }
}

const FILTERS: [&str; 5] = ["action", "actor", "target", "from", "to"];

#[component]
fn AuditBrowser() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let entries = Resource::new(
        move || {
            FILTERS
                .map(param)
                .to_vec()
                .into_iter()
                .chain([param("page")])
                .collect::<Vec<_>>()
        },
        |p| {
            browse_audit_log(
                p[0].clone(),
                p[1].clone(),
                p[2].clone(),
                p[3].clone(),
                p[4].clone(),
                p[5].clone(),
            )
        },
    );
    let action = move || param("action");
    let from = move || param("from");
    let to = move || param("to");
    view! {
        <h1>{t!(i18n, audit.title)}</h1>
        <Form method="GET" action="/admin/audit" attr:class="filter-form">
            <label>
                {t!(i18n, audit.action)}
                <select name="action">
                    <option value="" selected=move || action().is_empty()>{t!(i18n, admin.all)}</option>
                    <option value="account." selected=move || action() == "account.">{t!(i18n, audit.all_account)}</option>
                    {AUDIT_ACTIONS
                        .into_iter()
                        .map(|a| view! { <option value=a selected=move || action() == a>{a}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                {t!(i18n, audit.from)}
                <input type="date" name="from" value=from prop:value=from />
            </label>
            <label>
                {t!(i18n, audit.to)}
                <input type="date" name="to" value=to prop:value=to />
            </label>
            // Kept when set by a link from an account's page.
            <input type="hidden" name="actor" value=move || param("actor") />
            <input type="hidden" name="target" value=move || param("target") />
            <button type="submit">{t!(i18n, admin.filter)}</button>
            <A href="/admin/audit">{t!(i18n, audit.clear)}</A>
        </Form>
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(page) => {
                        let params = FILTERS.into_iter().map(|f| (f, param(f))).collect();
                        view! {
                            <AuditTable rows=page.rows />
                            <Pager path="/admin/audit" params page=page.page has_more=page.has_more />
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Audit entries as a table; actors and target accounts link to the account's page.
#[component]
pub fn AuditTable(rows: Vec<AuditRow>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="empty" data-testid="audit-empty">{t!(i18n, audit.empty)}</p> }
            .into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="data-table" data-testid="audit">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, audit.at)}</th>
                        <th scope="col">{t!(i18n, audit.who)}</th>
                        <th scope="col">{t!(i18n, audit.action)}</th>
                        <th scope="col">{t!(i18n, audit.summary)}</th>
                        <th scope="col" class="wide-only">{t!(i18n, audit.ip)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! { <AuditLine row /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn AuditLine(row: AuditRow) -> impl IntoView {
    let who = match row.actor_user_id {
        Some(id) => {
            let name = if row.actor_name.is_empty() {
                format!("#{id}")
            } else {
                row.actor_name
            };
            view! { <A href=format!("/admin/accounts/{id}")>{name}</A> }.into_any()
        }
        None => "—".into_any(),
    };
    let target = (row.target_type == "user_account")
        .then_some(row.target_id)
        .flatten()
        .map(|id| view! { " " <A href=format!("/admin/accounts/{id}")>"#"{id}</A> });
    view! {
        <tr data-testid="audit-row">
            <td class="nowrap">{row.at}</td>
            <td>{who}</td>
            <td class="code">{row.action}</td>
            <td>{row.summary}{target}</td>
            <td class="wide-only">{row.ip.unwrap_or_default()}</td>
        </tr>
    }
}
