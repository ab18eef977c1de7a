//! `/admin/accounts`: every account, searchable (name, email, phone; diacritics ignored) and
//! filtered by role and state, 25 a page. The filters are a GET form, so a filtered list can be
//! bookmarked and works before the wasm loads.
use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_query_map;

use crate::auth::{Area, Role};
use crate::components::area_gate::AreaGate;
use crate::components::error::ErrorMessage;
use crate::components::labels::{AccountStatus, RoleName, role_label, status_label};
use crate::components::pager::Pager;
use crate::functions::accounts::admin::list_accounts;
use crate::i18n::{t, use_i18n};
use crate::models::accounts::admin::{AccountPage, AccountRow};

#[component]
pub fn AccountsPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Admin>
            <AccountList />
        </AreaGate>
    }
}

#[component]
fn AccountList() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let accounts = Resource::new(
        move || (param("q"), param("role"), param("status"), param("page")),
        |(q, role, status, page)| list_accounts(q, role, status, page),
    );
    let q = move || param("q");
    let role = move || param("role");
    let status = move || param("status");
    view! {
        <div class="page-head">
            <h1>{t!(i18n, admin.accounts_title)}</h1>
            <crate::components::help::HelpPanel screen="admin.accounts" />
            <A href="/admin/accounts/new" attr:class="button" attr:data-testid="new-official">
                {t!(i18n, admin.new_official)}
            </A>
        </div>
        <Form method="GET" action="/admin/accounts" attr:class="filter-form">
            <label>
                {t!(i18n, admin.search)}
                <input type="search" name="q" maxlength="100" value=q prop:value=q />
            </label>
            <label>
                {t!(i18n, admin.role)}
                <select name="role">
                    <option value="" selected=move || role().is_empty()>{t!(i18n, admin.all)}</option>
                    {Role::ALL
                        .into_iter()
                        .map(|r| {
                            view! {
                                <option value=r.as_str() selected=move || role() == r.as_str()>
                                    {move || role_label(i18n, r)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                {t!(i18n, admin.status)}
                <select name="status">
                    <option value="" selected=move || status().is_empty()>{t!(i18n, admin.all)}</option>
                    {["pending", "active", "rejected", "locked"]
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=s selected=move || status() == s>
                                    {move || status_label(i18n, s)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <button type="submit">{t!(i18n, admin.filter)}</button>
        </Form>
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match accounts.await {
                    Ok(page) => {
                        let params = vec![("q", q()), ("role", role()), ("status", status())];
                        view! { <AccountTable page params /> }.into_any()
                    }
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn AccountTable(page: AccountPage, params: Vec<(&'static str, String)>) -> impl IntoView {
    let i18n = use_i18n();
    if page.rows.is_empty() {
        return view! { <p class="empty" data-testid="accounts-empty">{t!(i18n, admin.no_accounts)}</p> }
            .into_any();
    }
    let total = page.total;
    let has_more = page.page < page.pages;
    view! {
        <p class="muted" data-testid="accounts-count">{total}" "{t!(i18n, admin.accounts_found)}</p>
        <div class="table-wrap">
            <table class="data-table" data-testid="accounts">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, admin.col_name)}</th>
                        <th scope="col" class="wide-only">{t!(i18n, admin.col_contact)}</th>
                        <th scope="col">{t!(i18n, admin.role)}</th>
                        <th scope="col" class="wide-only">{t!(i18n, admin.col_place)}</th>
                        <th scope="col">{t!(i18n, admin.status)}</th>
                        <th scope="col" class="wide-only">{t!(i18n, admin.col_last_login)}</th>
                    </tr>
                </thead>
                <tbody>
                    {page.rows.into_iter().map(|row| view! { <AccountLine row /> }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager path="/admin/accounts" params page=page.page pages=page.pages has_more />
    }
    .into_any()
}

#[component]
fn AccountLine(row: AccountRow) -> impl IntoView {
    let contact = [row.email, row.phone]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let place = [row.subject_name, row.commune_name]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let href = format!("/admin/accounts/{}", row.user_id);
    view! {
        <tr data-testid="account-row">
            <td><A href=href>{row.full_name}</A></td>
            <td class="wide-only">{contact}</td>
            <td><RoleName role=row.role /></td>
            <td class="wide-only">{place}</td>
            <td><AccountStatus status=row.status /></td>
            <td class="wide-only">{row.last_login}</td>
        </tr>
    }
}

/// Shown under the title of the pages that create or change an account.
#[component]
pub fn BackToAccounts() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p>
            <A href="/admin/accounts">"← "{t!(i18n, admin.accounts_title)}</A>
        </p>
    }
}
