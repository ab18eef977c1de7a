//! Dossier lists: the producer's (`/producer/dossiers`, with "open a dossier"), the commune's
//! inbox by state with counts and forwarding (`/commune/dossiers`), and the province's
//! filtered list of forwarded dossiers (`/province/dossiers`). Filters are in the address, so
//! a list can be bookmarked. The commune's and the province's are light pages (`pages`): the
//! server renders them, and only the commune's ticking and forwarding runs in the browser (an
//! island), which loads the page again once the dossiers are forwarded.
use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_query_map;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::island_i18n::IslandI18n;
use crate::components::labels::{DossierStateBadge, cycle_label, dossier_state_label};
use crate::components::pager::{Pager, href_with};
use crate::domain::dossier::DossierState;
use crate::domain::dossier_form::DossierCycle;
use crate::functions::dossiers::{CreateDossier, ForwardDossiers, dossier_products, list_dossiers};
use crate::i18n::{Locale, t, t_string, use_i18n};
use crate::models::dossiers::{DossierList, DossierRow};

#[component]
pub fn ProducerDossiersPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Producer>
            <ProducerDossiers />
        </AreaGate>
    }
}

#[component]
pub fn CommuneDossiersPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Commune>
            <DossierInbox path="/commune/dossiers" forwarding=true />
        </AreaGate>
    }
}

#[component]
pub fn ProvinceDossiersPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Province>
            <DossierInbox path="/province/dossiers" forwarding=false />
        </AreaGate>
    }
}

#[component]
fn ProducerDossiers() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateDossier>::new();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/dossiers/{id}"), Default::default());
        }
    });
    let dossiers = Resource::new(
        || (),
        |_| {
            list_dossiers(
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                1,
            )
        },
    );
    let products = Resource::new(|| (), |_| dossier_products());
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    view! {
        <h1>{t!(i18n, dossiers.title)}</h1>
        <crate::components::help::HelpPanel screen="dossiers.producer" />
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match dossiers.await {
                    Ok(list) if list.rows.is_empty() => view! { <p class="empty" data-testid="dossiers-empty">{t!(i18n, dossiers.empty)}</p> }.into_any(),
                    Ok(list) => view! { <DossierTable rows=list.rows selectable=false /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
        <section class="panel">
            <h2>{t!(i18n, dossiers.open_new)}</h2>
            <FormError error />
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let products = products.await.unwrap_or_default();
                    if products.is_empty() {
                        return view! {
                            <p class="empty">{t!(i18n, dossiers.no_products)}" "<A href="/producer/products/new">{t!(i18n, products.add)}</A></p>
                        }.into_any();
                    }
                    view! {
                        <ActionForm action=create attr:class="stack-form" attr:data-testid="new-dossier">
                            <label for="product_id">{t!(i18n, dossiers.product)}</label>
                            <select id="product_id" name="product_id" required>
                                {products.into_iter().map(|p| {
                                    let stars = p.stars.map(|s| format!(" ({s}★)")).unwrap_or_default();
                                    view! { <option value=p.product_id.to_string()>{p.name}{stars}</option> }
                                }).collect_view()}
                            </select>
                            <FieldError error field="product_id" />
                            <label for="cycle">{t!(i18n, dossiers.cycle)}</label>
                            <select id="cycle" name="cycle" required>
                                {DossierCycle::ALL.into_iter().map(|c| view! {
                                    <option value=c.as_str()>{move || cycle_label(i18n, c)}</option>
                                }).collect_view()}
                            </select>
                            <FieldError error field="cycle" />
                            <button type="submit" disabled=move || create.pending().get()>{t!(i18n, dossiers.create)}</button>
                        </ActionForm>
                    }.into_any()
                })}
            </Suspense>
        </section>
    }
}

/// The commune's inbox or the province's list: state tabs with counts, filters (province),
/// the table, and — for the commune — forwarding the ticked checked dossiers.
#[component]
fn DossierInbox(path: &'static str, forwarding: bool) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let dossiers = Resource::new(
        move || {
            (
                param("state"),
                param("commune"),
                param("group"),
                param("cycle"),
                param("page"),
            )
        },
        |(state, commune, group, cycle, page)| {
            list_dossiers(state, commune, group, cycle, page.parse().unwrap_or(1))
        },
    );
    let title = move || {
        if forwarding {
            t_string!(i18n, dossiers.inbox_title).to_string()
        } else {
            t_string!(i18n, dossiers.province_title).to_string()
        }
    };
    // Set by the forwarding island when it loads the list again (`ForwardInbox`).
    let forwarded = forwarding && param("forwarded") == "1";
    view! {
        <h1>{title}</h1>
        <crate::components::help::HelpPanel screen={if forwarding { "dossiers.commune" } else { "dossiers.province" }} />
        {forwarded.then(|| view! { <p class="notice" role="status" data-testid="forward-done">{t!(i18n, dossiers.done)}</p> })}
        {(!forwarding).then(|| view! { <ProvinceFilters path /> })}
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match dossiers.await {
                    Ok(list) => {
                        let params = vec![
                            ("state", param("state")),
                            ("commune", param("commune")),
                            ("group", param("group")),
                            ("cycle", param("cycle")),
                        ];
                        view! { <InboxBody list path params forwarding /> }.into_any()
                    }
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn InboxBody(
    list: DossierList,
    path: &'static str,
    params: Vec<(&'static str, String)>,
    forwarding: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = params[0].1.clone();
    let others: Vec<(&'static str, String)> = params[1..].to_vec();
    let total: u64 = list.counts.iter().map(|(_, n)| n).sum();
    let tab = |label: String, state: &str, count: u64, active: bool| {
        let mut all = others.clone();
        all.push(("state", state.to_owned()));
        let href = href_with(path, &all);
        view! {
            <A href=href attr:class=if active { "tab active" } else { "tab" } attr:data-testid=format!("tab-{}", if state.is_empty() { "all" } else { state })>
                {label}" "<span class="count">{count}</span>
            </A>
        }
    };
    let tabs = std::iter::once(tab(
        t_string!(i18n, dossiers.all).to_string(),
        "",
        total,
        current.is_empty(),
    ))
    .chain(list.counts.iter().map(|(s, n)| {
        tab(
            dossier_state_label(i18n, *s),
            s.as_str(),
            *n,
            current == s.as_str(),
        )
    }))
    .collect_view();
    let empty = list.rows.is_empty();
    let mut after_forward = params.clone();
    after_forward.push(("forwarded", "1".to_owned()));
    let after_forward = href_with(path, &after_forward);
    let pager = view! { <Pager path params page=list.page pages=list.pages has_more=list.page < list.pages /> };
    view! {
        <nav class="tabs" aria-label=move || t_string!(i18n, dossiers.state).to_string()>{tabs}</nav>
        {if empty {
            view! { <p class="empty" data-testid="dossiers-empty">{t!(i18n, dossiers.empty_filtered)}</p> }.into_any()
        } else if forwarding {
            view! {
                <ForwardInbox after_forward>
                    <DossierTable rows=list.rows selectable=true />
                    {pager}
                </ForwardInbox>
            }
            .into_any()
        } else {
            view! { <DossierTable rows=list.rows selectable=false />{pager} }.into_any()
        }}
    }
}

/// The forwarding form, with the commune's rows and pager as `children` (rendered by the
/// server, tick boxes included): an island, which reads the ticked boxes as they change. Once
/// the dossiers are forwarded the page is loaded again at `after_forward` (the same list,
/// saying it is done), so the counts and states come fresh from the server.
#[island]
fn ForwardInbox(after_forward: String, children: Children) -> impl IntoView {
    let forward = ServerAction::<ForwardDossiers>::new();
    let selected = RwSignal::new(Vec::<i32>::new());
    Effect::new(move |_| {
        if matches!(forward.value().get(), Some(Ok(()))) {
            let _ = window().location().set_href(&after_forward);
        }
    });
    // Boxes the browser kept ticked (going back to the page) count as well.
    Effect::new(move |_| selected.set(ticked_dossiers()));
    view! {
        <IslandI18n>
            <div on:change=move |_| selected.set(ticked_dossiers())>{children()}</div>
            <ForwardForm forward selected />
        </IslandI18n>
    }
}

/// The ids of the ticked dossiers (the boxes' values).
fn ticked_dossiers() -> Vec<i32> {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let Ok(boxes) = document().query_selector_all("[data-testid=select-dossier]:checked")
        else {
            return Vec::new();
        };
        (0..boxes.length())
            .filter_map(|index| boxes.item(index))
            .filter_map(|node| node.dyn_into::<web_sys::HtmlInputElement>().ok())
            .filter_map(|input| input.value().parse::<i32>().ok())
            .collect()
    }
    #[cfg(not(feature = "hydrate"))]
    Vec::new()
}

/// The rows of a dossier list, with tick boxes where they can be forwarded (`selectable`).
#[component]
fn DossierTable(rows: Vec<DossierRow>, selectable: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table class="data-table" data-testid="dossiers">
                <thead>
                    <tr>
                        {selectable.then(|| view! { <th scope="col"><span class="visually-hidden">"✓"</span></th> })}
                        <th scope="col">{t!(i18n, dossiers.product)}</th>
                        <th scope="col" class="wide-only">{t!(i18n, dossiers.subject)}</th>
                        <th scope="col" class="wide-only">{t!(i18n, dossiers.commune)}</th>
                        <th scope="col" class="wide-only">{t!(i18n, dossiers.cycle)}</th>
                        <th scope="col">{t!(i18n, dossiers.state)}</th>
                        <th scope="col" class="wide-only">{t!(i18n, dossiers.updated)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|d| {
                        let id = d.id;
                        let tick = selectable.then(|| {
                            let enabled = d.state == DossierState::Checked;
                            view! {
                                <td>
                                    <input type="checkbox" value=id disabled=!enabled data-testid="select-dossier"
                                        aria-label=d.product_name.clone() />
                                </td>
                            }
                        });
                        view! {
                            <tr data-testid="dossier-row">
                                {tick}
                                <td><a href=format!("/dossiers/{id}")>{d.product_name}</a><span class="muted code">" "{d.group_code}</span></td>
                                <td class="wide-only">{d.subject_name}</td>
                                <td class="wide-only">{d.commune_name}</td>
                                <td class="wide-only">{move || cycle_label(i18n, d.cycle)}</td>
                                <td><DossierStateBadge state=d.state /></td>
                                <td class="wide-only">{d.updated_at}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn ForwardForm(
    forward: ServerAction<ForwardDossiers>,
    selected: RwSignal<Vec<i32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || forward.value().get().and_then(Result::err));
    let ids = move || {
        selected
            .read()
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(",")
    };
    view! {
        <section class="panel" data-testid="forward-panel">
            <h2>{t!(i18n, dossiers.forward_title)}</h2>
            <p class="muted">{t!(i18n, dossiers.forward_hint)}</p>
            <FormError error />
            <ActionForm action=forward attr:class="stack-form">
                <input type="hidden" name="dossier_ids" value=ids prop:value=ids />
                <FieldError error field="dossier_ids" />
                <label for="forward-note">{t!(i18n, dossiers.forward_note)}</label>
                <textarea id="forward-note" name="note" rows="3" maxlength="4000" required></textarea>
                <FieldError error field="note" />
                <button type="submit" disabled=move || forward.pending().get() || selected.read().is_empty() data-testid="forward-submit">
                    {t!(i18n, dossiers.forward)}" ("{move || selected.read().len()}")"
                </button>
            </ActionForm>
        </section>
    }
}

/// The province's filters: commune, product group, cycle (the state is in the tabs).
#[component]
fn ProvinceFilters(path: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let commune = param("commune");
    view! {
        <Form method="GET" action=path attr:class="filter-form">
            <input type="hidden" name="state" value=move || param("state") />
            <label>
                {t!(i18n, dossiers.commune)}
                <select name="commune">
                    <crate::components::commune_options::CommuneOptions selected=Some(commune) />
                </select>
            </label>
            <label>
                {t!(i18n, dossiers.group)}
                <select name="group">
                    <option value="">{t!(i18n, dossiers.all)}</option>
                    {crate::domain::product_group::TOP_GROUPS.into_iter().map(|(g, vi, en)| view! {
                        <option value=g selected=move || param("group") == g>
                            {g}" · "{move || if i18n.get_locale() == Locale::en { en } else { vi }}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                {t!(i18n, dossiers.cycle)}
                <select name="cycle">
                    <option value="">{t!(i18n, dossiers.all)}</option>
                    {DossierCycle::ALL.into_iter().map(|c| view! {
                        <option value=c.as_str() selected=move || param("cycle") == c.as_str()>{move || cycle_label(i18n, c)}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="submit">{t!(i18n, dossiers.filter)}</button>
        </Form>
    }
}
