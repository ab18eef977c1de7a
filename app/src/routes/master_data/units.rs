//! `/units`: administrative units (current communes or former districts, searchable without
//! diacritics) and the product-group tree. The search is a GET form, so it works before the
//! wasm loads and the address can be shared.
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::components::error::ErrorMessage;
use crate::functions::master_data::units::{list_units, product_groups};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::master_data::units::{MAX_QUERY_CHARS, ProductGroupNode, UnitFilter, UnitRow};

#[component]
pub fn UnitsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let filter = move || UnitFilter::from_param(&query.read().get("level").unwrap_or_default());
    let units = Resource::new(move || (filter(), search()), |(f, q)| list_units(f, q));
    let groups = Resource::new(|| (), |_| product_groups());

    view! {
        <h1>{t!(i18n, units.title)}</h1>
        <section aria-labelledby="units-heading">
            <h2 id="units-heading">{t!(i18n, units.units_heading)}</h2>
            <Form method="GET" action="/units" attr:class="search-form">
                <label for="unit-search">{t!(i18n, units.search_label)}</label>
                <div class="search-row">
                    <input
                        id="unit-search"
                        type="search"
                        name="q"
                        maxlength=MAX_QUERY_CHARS
                        // `value` for the server-rendered page, `prop:value` once hydrated.
                        value=search
                        prop:value=search
                        placeholder=move || t_string!(i18n, units.search_placeholder).to_string()
                    />
                    <button type="submit">{t!(i18n, units.search_button)}</button>
                </div>
                <fieldset class="level-choice">
                    <legend>{t!(i18n, units.level_label)}</legend>
                    <LevelOption value=UnitFilter::CurrentCommunes current=filter>
                        {t!(i18n, units.level_communes)}
                    </LevelOption>
                    <LevelOption value=UnitFilter::FormerDistricts current=filter>
                        {t!(i18n, units.level_districts)}
                    </LevelOption>
                </fieldset>
            </Form>
            <Transition fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match units.await {
                        Ok(rows) => view! { <UnitsTable rows /> }.into_any(),
                        Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <section aria-labelledby="groups-heading">
            <h2 id="groups-heading">{t!(i18n, units.groups_heading)}</h2>
            <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match groups.await {
                        Ok(tree) if tree.is_empty() => {
                            view! { <p class="empty">{t!(i18n, units.groups_empty)}</p> }.into_any()
                        }
                        Ok(tree) => view! { <GroupTree nodes=tree /> }.into_any(),
                        Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A radio button that submits the form when chosen (with JavaScript; without it the user presses
/// the search button).
#[component]
fn LevelOption(
    value: UnitFilter,
    current: impl Fn() -> UnitFilter + Copy + Send + Sync + 'static,
    children: Children,
) -> impl IntoView {
    view! {
        <label class="radio">
            <input
                type="radio"
                name="level"
                value=value.as_param()
                checked=move || current() == value
                prop:checked=move || current() == value
                on:change=submit_form
            />
            {children()}
        </label>
    }
}

#[component]
fn UnitsTable(rows: Vec<UnitRow>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="empty" data-testid="units-empty">{t!(i18n, units.empty)}</p> }
            .into_any();
    }
    let count = rows.len();
    view! {
        <p class="muted" data-testid="units-count">{count}" "{t!(i18n, units.count)}</p>
        <div class="table-wrap">
            <table class="data-table" data-testid="units-table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, units.col_code)}</th>
                        <th scope="col">{t!(i18n, units.col_name)}</th>
                        <th scope="col" class="wide-only">{t!(i18n, units.col_kind)}</th>
                        <th scope="col">{t!(i18n, units.col_former_district)}</th>
                        <th scope="col" class="wide-only">{t!(i18n, units.col_valid)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|u| {
                            let valid = match (u.valid_from, u.valid_to) {
                                (Some(from), _) => {
                                    view! { {t!(i18n, units.from)}" "{from} }.into_any()
                                }
                                (None, Some(to)) => {
                                    view! { {t!(i18n, units.until)}" "{to} }.into_any()
                                }
                                (None, None) => "—".into_any(),
                            };
                            view! {
                                <tr>
                                    <td class="code">{u.code}</td>
                                    <td>{u.name}</td>
                                    <td class="wide-only">{u.kind}</td>
                                    <td>{u.former_district.unwrap_or_default()}</td>
                                    <td class="wide-only">{valid}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn GroupTree(nodes: Vec<ProductGroupNode>) -> impl IntoView {
    view! {
        <ul class="group-tree">
            {nodes.into_iter().map(|n| view! { <GroupItem node=n /> }).collect_view()}
        </ul>
    }
}

#[component]
fn GroupItem(node: ProductGroupNode) -> impl IntoView {
    let i18n = use_i18n();
    let name_en = node.name_en.clone();
    let name_vi = node.name_vi.clone();
    // Vietnamese first; the English name follows when the interface is in English.
    let english =
        move || (i18n.get_locale() == crate::i18n::Locale::en).then(|| format!(" — {name_en}"));
    // `into_any` breaks the recursive type GroupItem → GroupTree → GroupItem.
    let children =
        (!node.children.is_empty()).then(|| view! { <GroupTree nodes=node.children /> }.into_any());
    view! {
        <li>
            <span class="code">{node.code}</span>" "{name_vi}<span class="muted">{english}</span>
            {children}
        </li>
    }
}

/// Submits the radio's form (the page's `Form`, which navigates in the browser). An event
/// handler, not an inline `onchange` attribute: the Content-Security-Policy refuses those.
fn submit_form(ev: leptos::ev::Event) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.form())
    {
        let _ = form.request_submit();
    }
}
