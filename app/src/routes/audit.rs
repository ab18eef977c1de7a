//! `/admin/audit`: the append-only audit log, newest first, 50 a page, filtered by action,
//! actor, target account and dates (a GET form: bookmarkable, works before the wasm loads).
use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_query_map;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::ErrorMessage;
use crate::components::pager::Pager;
use crate::domain::audit_action::{AuditAction, family_name};
use crate::functions::audit::browse_audit_log;
use crate::i18n::Locale;
use crate::i18n::{t, use_i18n};
use crate::models::audit::AuditRow;

/// The log's resource starts here, before the gate has the session: started inside the gate, it
/// began after `App`'s hydration had ended, fetched the log again, and a sign-in logged between
/// the server's page and that fetch (another user's, say) made the browser's rows differ from
/// the server's — the page failed to hydrate (csp.spec.ts, under load). The server function
/// checks the role itself.
#[component]
pub fn AuditPage() -> impl IntoView {
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
    view! {
        <AreaGate area=Area::Admin>
            <AuditBrowser entries />
        </AreaGate>
    }
}

const FILTERS: [&str; 5] = ["action", "actor", "target", "from", "to"];

type AuditEntries = Resource<Result<crate::models::audit::AuditPage, crate::models::AppError>>;

#[component]
fn AuditBrowser(entries: AuditEntries) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let action = move || param("action");
    let from = move || param("from");
    let to = move || param("to");
    view! {
        <h1>{t!(i18n, audit.title)}</h1>
        <crate::components::help::HelpPanel screen="admin.audit" />
        <Form method="GET" action="/admin/audit" attr:class="filter-form">
            <label>
                {t!(i18n, audit.action)}
                <select name="action">
                    <option value="" selected=move || action().is_empty()>{t!(i18n, admin.all)}</option>
                    {families()
                        .into_iter()
                        .map(|(family, actions)| view! { <ActionGroup family actions selected=Signal::derive(action) /> })
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

/// The actions by family, in the order of `AuditAction::ALL`.
fn families() -> Vec<(&'static str, Vec<AuditAction>)> {
    let mut families: Vec<(&'static str, Vec<AuditAction>)> = Vec::new();
    for action in AuditAction::ALL {
        match families.iter_mut().find(|(f, _)| *f == action.family()) {
            Some((_, actions)) => actions.push(*action),
            None => families.push((action.family(), vec![*action])),
        }
    }
    families
}

/// One family of actions in the filter: "all of them" first, then each by its name.
#[component]
fn ActionGroup(
    family: &'static str,
    actions: Vec<AuditAction>,
    selected: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let english = move || i18n.get_locale() == Locale::en;
    let label = family_name(family);
    let all = format!("{family}.");
    let all_value = all.clone();
    view! {
        <optgroup label=move || label.get(english()).to_owned()>
            <option value=all_value selected=move || selected.get() == all>
                {t!(i18n, audit.all_of)}" "{move || family_name(family).get(english()).to_lowercase()}
            </option>
            {actions
                .into_iter()
                .map(|a| {
                    let name = a.name();
                    view! {
                        <option value=a.as_str() selected=move || selected.get() == a.as_str()>
                            {move || name.get(english()).to_owned()}
                        </option>
                    }
                })
                .collect_view()}
        </optgroup>
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
    let i18n = use_i18n();
    let sentence = row.sentence;
    let sentence = move || sentence.get(i18n.get_locale() == Locale::en).to_owned();
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
            <td data-action=row.action>{sentence}{target}</td>
            <td class="wide-only">{row.ip.unwrap_or_default()}</td>
        </tr>
    }
}
