//! `/producer/products`: the subject's products, each opening its form; a button adds one.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::ErrorMessage;
use crate::functions::producers::products::list_my_products;
use crate::i18n::{t, use_i18n};
use crate::models::producers::products::ProductRow;

#[component]
pub fn ProductsPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Producer>
            <ProductList />
        </AreaGate>
    }
}

#[component]
fn ProductList() -> impl IntoView {
    let i18n = use_i18n();
    let products = Resource::new(|| (), |_| list_my_products());
    view! {
        <div class="page-head">
            <h1>{t!(i18n, products.title)}</h1>
            <crate::components::help::HelpPanel screen="products.list" />
            <A href="/producer/products/new" attr:class="button" attr:data-testid="new-product">
                {t!(i18n, products.add)}
            </A>
        </div>
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match products.await {
                    Ok(rows) if rows.is_empty() => {
                        view! { <p class="empty" data-testid="products-empty">{t!(i18n, products.empty)}</p> }
                            .into_any()
                    }
                    Ok(rows) => view! { <ProductTable rows /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
        <crate::routes::producers::info_gaps::InfoGaps />
    }
}

#[component]
fn ProductTable(rows: Vec<ProductRow>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table class="data-table" data-testid="products">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, products.name)}</th>
                        <th scope="col" class="wide-only">{t!(i18n, products.group)}</th>
                        <th scope="col">{t!(i18n, products.stars)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|p| {
                            let stars = match (p.stars, p.certified_year) {
                                (Some(s), Some(y)) => format!("{}★ ({y})", s),
                                (Some(s), None) => format!("{s}★"),
                                _ => "—".to_owned(),
                            };
                            // Stars of a certificate that no longer holds are shown struck out,
                            // with the next step: a dossier for re-recognition.
                            let lapsed = p.stars.is_some() && !p.stars_valid;
                            view! {
                                <tr data-testid="product-row">
                                    <td><A href=format!("/producer/products/{}", p.id)>{p.name}</A></td>
                                    <td class="wide-only"><span class="code">{p.group_code}</span>" "{p.group_name}</td>
                                    <td class=if lapsed { "stars lapsed" } else { "stars" } data-testid="product-stars">
                                        {if lapsed {
                                            view! {
                                                <s>{stars}</s>" "
                                                <span class="muted small">{t!(i18n, products.stars_lapsed)}</span>" "
                                                <A href="/producer/dossiers">{t!(i18n, products.apply_again)}</A>
                                            }
                                                .into_any()
                                        } else {
                                            view! { {stars} }.into_any()
                                        }}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
