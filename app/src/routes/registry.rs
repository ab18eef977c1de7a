//! The officials' registries: `/registry/products` and `/registry/subjects` — a commune
//! officer sees their commune's, the province any commune's or all. Search ignores
//! diacritics; filters live in the address (bookmarkable, work without JavaScript); 25 rows a
//! page; the products export to XLSX with the same filters.
use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_query_map;

use crate::components::area_gate::{NotAllowed, SignedInGate};
use crate::components::error::ErrorMessage;
use crate::components::pager::{Pager, href_with};
use crate::functions::registry::{list_registry_products, list_registry_subjects};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::AppError;
use crate::models::registry::{ProductEntry, RegistryFilter, RegistryPage, SubjectEntry};

fn filter_from_query() -> Memo<RegistryFilter> {
    let query = use_query_map();
    Memo::new(move |_| {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        RegistryFilter {
            commune: get("commune"),
            query: get("q"),
            status: get("status"),
            page: get("page").parse().unwrap_or(1),
        }
    })
}

fn params(f: &RegistryFilter) -> Vec<(&'static str, String)> {
    vec![
        ("commune", f.commune.clone()),
        ("q", f.query.clone()),
        ("status", f.status.clone()),
    ]
}

/// The search form: words, the commune (the province only), and for products the status.
#[component]
fn Filters<T: Clone + Send + Sync + 'static>(
    page: RegistryPage<T>,
    action: &'static str,
    products: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let f = page.filter.clone();
    view! {
        <Form method="GET" action=action attr:class="filter-form" attr:data-testid="registry-filters">
            <label>{t!(i18n, registry.search)}
                <input type="search" name="q" maxlength="100" value=f.query.clone() data-testid="registry-q" />
            </label>
            {(!page.communes.is_empty()).then(|| view! {
                <label>{t!(i18n, registry.commune)}
                    <select name="commune" data-testid="registry-commune">
                        <option value="">{t!(i18n, registry.all_communes)}</option>
                        {page.communes.iter().map(|(code, name)| view! {
                            <option value=code.clone() selected=*code == f.commune>{name.clone()}</option>
                        }).collect_view()}
                    </select>
                </label>
            })}
            {products.then(|| view! {
                <label>{t!(i18n, registry.status)}
                    <select name="status" data-testid="registry-status">
                        {[("", t_string!(i18n, registry.all).to_string()),
                          ("certified", t_string!(i18n, registry.certified).to_string()),
                          ("lapsed", t_string!(i18n, registry.lapsed).to_string()),
                          ("none", t_string!(i18n, registry.uncertified).to_string())]
                            .into_iter()
                            .map(|(v, label)| view! { <option value=v selected=f.status == v>{label}</option> })
                            .collect_view()}
                    </select>
                </label>
            })}
            <button type="submit" data-testid="registry-apply">{t!(i18n, registry.apply)}</button>
        </Form>
    }
}

fn refused(e: AppError) -> AnyView {
    match e {
        AppError::Forbidden => view! { <NotAllowed /> }.into_any(),
        e => view! { <ErrorMessage error=e /> }.into_any(),
    }
}

#[component]
pub fn RegistryProductsPage() -> impl IntoView {
    let i18n = use_i18n();
    let filter = filter_from_query();
    let data = Resource::new(move || filter.get(), list_registry_products);
    view! {
        <SignedInGate>
            <h1>{t!(i18n, registry.products_title)}</h1>
            <crate::components::help::HelpPanel screen="registry.products" />
            <p><A href="/registry/subjects">{t!(i18n, registry.to_subjects)}</A></p>
            <Transition fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <Products page /> }.into_any(),
                        Err(e) => refused(e),
                    }
                })}
            </Transition>
        </SignedInGate>
    }
}

#[component]
fn Products(page: RegistryPage<ProductEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let export = href_with("/registry/products.xlsx", &params(&page.filter));
    let status_name = move |s: &str| match s {
        "valid" => t_string!(i18n, registry.valid).to_string(),
        "expiring" => t_string!(i18n, registry.expiring).to_string(),
        "expired" => t_string!(i18n, registry.expired).to_string(),
        "revoked" => t_string!(i18n, registry.revoked).to_string(),
        _ => t_string!(i18n, registry.uncertified).to_string(),
    };
    let rows = page.rows.clone();
    view! {
        <p class="muted" data-testid="registry-scope">{page.scope_name.clone()}</p>
        <Filters page=page.clone() action="/registry/products" products=true />
        <p><span data-testid="registry-total" data-total=page.total>{t!(i18n, registry.found)}" "{page.total}</span>" · "
            <a href=export rel="external" download data-testid="registry-export">{t!(i18n, registry.export)}</a></p>
        {if rows.is_empty() {
            view! { <p class="empty" data-testid="registry-empty">{t!(i18n, registry.empty)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="data-table cards-on-phone" data-testid="registry-products">
                        <thead><tr>
                            <th>{t!(i18n, registry.product)}</th>
                            <th>{t!(i18n, registry.subject)}</th>
                            <th>{t!(i18n, registry.commune)}</th>
                            <th>{t!(i18n, registry.group)}</th>
                            <th>{t!(i18n, registry.status)}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|p| view! {
                                <tr data-testid="registry-product">
                                    <td><a href=format!("/products/{}", p.id) rel="external">{p.name.clone()}</a></td>
                                    <td data-label=move || t_string!(i18n, registry.subject).to_string()><A href=format!("/subjects/{}", p.subject_id)>{p.subject_name.clone()}</A></td>
                                    <td data-label=move || t_string!(i18n, registry.commune).to_string()>{p.commune_name.clone()}</td>
                                    <td data-label=move || t_string!(i18n, registry.group).to_string()>{p.group_code.clone()}</td>
                                    <td data-status=p.status.clone() data-label=move || t_string!(i18n, registry.status).to_string()>
                                        {p.stars.map(|s| "★".repeat(usize::try_from(s).unwrap_or(0))).unwrap_or_default()}" "
                                        {status_name(&p.status)}
                                        {(!p.valid_until.is_empty()).then(|| format!(" · {}", p.valid_until))}
                                        // The product's inspections after certification.
                                        {(!p.valid_until.is_empty()).then(|| view! {
                                            " · "<a href=format!("/inspections?product={}", p.id) data-testid="inspection-history-link">{t!(i18n, inspections.open_product_history)}</a>
                                        })}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        {(page.pages > 1).then(|| view! {
            <Pager path="/registry/products" params=params(&page.filter) page=page.page pages=page.pages has_more=page.page < page.pages />
        })}
    }
}

#[component]
pub fn RegistrySubjectsPage() -> impl IntoView {
    let i18n = use_i18n();
    let filter = filter_from_query();
    let data = Resource::new(move || filter.get(), list_registry_subjects);
    view! {
        <SignedInGate>
            <h1>{t!(i18n, registry.subjects_title)}</h1>
            <crate::components::help::HelpPanel screen="registry.subjects" />
            <p><A href="/registry/products">{t!(i18n, registry.to_products)}</A></p>
            <Transition fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <Subjects page /> }.into_any(),
                        Err(e) => refused(e),
                    }
                })}
            </Transition>
        </SignedInGate>
    }
}

#[component]
fn Subjects(page: RegistryPage<SubjectEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = page.rows.clone();
    view! {
        <p class="muted" data-testid="registry-scope">{page.scope_name.clone()}</p>
        <Filters page=page.clone() action="/registry/subjects" products=false />
        <p data-testid="registry-total" data-total=page.total>{t!(i18n, registry.found)}" "{page.total}</p>
        {if rows.is_empty() {
            view! { <p class="empty" data-testid="registry-empty">{t!(i18n, registry.empty)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="data-table cards-on-phone" data-testid="registry-subjects">
                        <thead><tr>
                            <th>{t!(i18n, registry.subject)}</th>
                            <th>{t!(i18n, registry.kind)}</th>
                            <th>{t!(i18n, registry.commune)}</th>
                            <th>{t!(i18n, registry.tax_code)}</th>
                            <th>{t!(i18n, registry.products_count)}</th>
                            <th>{t!(i18n, registry.accounts)}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|s| view! {
                                <tr data-testid="registry-subject">
                                    <td><A href=format!("/registry/subjects/{}", s.id)>{s.name.clone()}</A>
                                        {(s.status != "active").then(|| view! { <br /><span class=format!("badge status-{}", s.status)>{crate::components::labels::status_label(i18n, &s.status)}</span> })}</td>
                                    <td data-label=move || t_string!(i18n, registry.kind).to_string()>{kind_name(i18n, &s.kind)}</td>
                                    <td data-label=move || t_string!(i18n, registry.commune).to_string()>{s.commune_name.clone()}</td>
                                    <td data-label=move || t_string!(i18n, registry.tax_code).to_string()>{s.tax_code.clone()}</td>
                                    <td data-label=move || t_string!(i18n, registry.products_count).to_string()>{s.products}" ("{s.certified}" "{t!(i18n, registry.in_force)}")"</td>
                                    <td data-label=move || t_string!(i18n, registry.accounts).to_string()>{if s.members == 0 { t_string!(i18n, registry.no_account).to_string() } else { s.members.to_string() }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        {(page.pages > 1).then(|| view! {
            <Pager path="/registry/subjects" params=params(&page.filter) page=page.page pages=page.pages has_more=page.page < page.pages />
        })}
    }
}

/// A subject's kind by its name ("Hợp tác xã"), not its code.
fn kind_name(i18n: leptos_i18n::I18nContext<crate::i18n::Locale>, code: &str) -> String {
    match code {
        "HTX" => t_string!(i18n, register.type_HTX),
        "DN" => t_string!(i18n, register.type_DN),
        "THT" => t_string!(i18n, register.type_THT),
        "HO" => t_string!(i18n, register.type_HO),
        other => other,
    }
    .to_string()
}
