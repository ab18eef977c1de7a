//! `/adoption`: how far the province (by commune) or a commune is from the target that every
//! subject with OCOP products and every official use the system — the rules named, the gap
//! to 100 %, each commune a bar that opens its list of who is not there yet, and that list as
//! CSV for the supervision team.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::components::area_gate::SignedInGate;
use crate::components::error::ErrorMessage;
use crate::domain::adoption::{OfficialTally, SubjectTally};
use crate::functions::adoption::get_adoption;
use crate::i18n::{t, t_string, use_i18n};
use crate::models::adoption::{AdoptionPage, AdoptionRow, MissingRow};
use crate::routes::inspections::pair;

#[component]
pub fn AdoptionPage() -> impl IntoView {
    view! {
        <SignedInGate>
            <Adoption />
        </SignedInGate>
    }
}

#[component]
fn Adoption() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let commune = move || query.read().get("commune").filter(|c| !c.is_empty());
    let page = Resource::new(commune, get_adoption);
    view! {
        <h1>{t!(i18n, adoption.title)}</h1>
        <crate::components::help::HelpPanel screen="adoption" />
        <p class="muted">{t!(i18n, adoption.intro)}" "<A href="/trainings" attr:data-testid="trainings-link">{t!(i18n, adoption.trainings)}</A></p>
        <details class="rule" data-testid="adoption-rules">
            <summary>{t!(i18n, adoption.rules_title)}</summary>
            <ul>
                <li>{t!(i18n, adoption.rule_active)}</li>
                <li>{t!(i18n, adoption.rule_subject)}</li>
                <li>{t!(i18n, adoption.rule_official)}</li>
            </ul>
        </details>
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <Figures p /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Figures(p: AdoptionPage) -> impl IntoView {
    let i18n = use_i18n();
    let csv = match &p.selected {
        Some(code) => format!("/adoption.csv?commune={code}"),
        None => "/adoption.csv".to_owned(),
    };
    let gap = p.subjects.total - p.subjects.using;
    let list_title = if p.selected.is_some() {
        p.selected_name.clone()
    } else {
        String::new()
    };
    view! {
        <h2 data-testid="adoption-scope">{p.scope_name.clone()}</h2>
        <p class="big-figure" data-testid="adoption-percent">
            <strong>{p.percent}" %"</strong>" "{t!(i18n, adoption.using_share)}
            {(gap > 0).then(|| view! { " — "{t!(i18n, adoption.gap_before)}" "<strong data-testid="adoption-gap">{gap}</strong>" "{t!(i18n, adoption.gap_after)} })}
        </p>
        <div class="tile-row">
            <SubjectTiles t=p.subjects />
            <OfficialTiles title=t!(i18n, adoption.officers).into_any() t=p.officers testid="officer-tiles" />
            {p.province.then(|| view! { <OfficialTiles title=t!(i18n, adoption.council).into_any() t=p.council testid="council-tiles" /> })}
        </div>
        <p><a href=csv rel="external" download data-testid="adoption-csv">{t!(i18n, adoption.download)}</a></p>
        {p.province.then(|| view! { <CommuneBars rows=p.rows.clone() selected=p.selected.clone() /> })}
        <section class="panel" id="missing-list" data-testid="missing-list">
            <h2>{t!(i18n, adoption.missing_title)}{(!list_title.is_empty()).then(|| format!(" — {list_title}"))}</h2>
            {(p.province && p.selected.is_none()).then(|| view! { <p class="hint">{t!(i18n, adoption.pick_commune)}</p> })}
            <MissingTable rows=p.missing />
        </section>
    }
}

#[component]
fn SubjectTiles(t: SubjectTally) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel tally" data-testid="subject-tiles">
            <h3>{t!(i18n, adoption.subjects)}</h3>
            <dl class="facts">
                <dt>{t!(i18n, adoption.with_ocop)}</dt><dd data-testid="subjects-total">{t.total}</dd>
                <dt>{t!(i18n, adoption.with_account)}</dt><dd>{t.with_account}</dd>
                <dt>{t!(i18n, adoption.active)}</dt><dd data-testid="subjects-active">{t.active}</dd>
                <dt>{t!(i18n, adoption.complete)}</dt><dd>{t.complete}</dd>
                <dt>{t!(i18n, adoption.trained)}</dt><dd data-testid="subjects-trained">{t.trained}</dd>
                <dt>{t!(i18n, adoption.using)}</dt><dd data-testid="subjects-using">{t.using}</dd>
            </dl>
        </section>
    }
}

#[component]
fn OfficialTiles(title: AnyView, t: OfficialTally, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel tally" data-testid=testid>
            <h3>{title}</h3>
            <dl class="facts">
                <dt>{t!(i18n, adoption.accounts)}</dt><dd>{t.total}</dd>
                <dt>{t!(i18n, adoption.active)}</dt><dd>{t.active}</dd>
                <dt>{t!(i18n, adoption.worked)}</dt><dd>{t.worked}</dd>
                <dt>{t!(i18n, adoption.trained)}</dt><dd>{t.trained}</dd>
            </dl>
        </section>
    }
}

/// A bar per commune (the furthest from the target first); each opens its list.
#[component]
fn CommuneBars(rows: Vec<AdoptionRow>, selected: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel" data-testid="commune-bars">
            <h2>{t!(i18n, adoption.by_commune)}</h2>
            {rows.is_empty().then(|| view! { <p class="empty">{t!(i18n, adoption.no_communes)}</p> })}
            <ul class="bar-list">
                {rows.into_iter().map(|r| {
                    let current = selected.as_deref() == Some(r.code.as_str());
                    view! {
                        <li class:current=current>
                            <A href=format!("/adoption?commune={}#missing-list", r.code) attr:data-testid="commune-bar" attr:aria-current=current.then_some("true")>
                                <span class="bar-label">{r.name.clone()}</span>
                                <span class="bar-track"><span class="bar-fill" style=format!("width: {}%", r.percent)></span></span>
                                <span class="bar-value">{r.percent}" % · "{r.subjects.using}" / "{r.subjects.total}</span>
                            </A>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn MissingTable(rows: Vec<MissingRow>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="empty" data-testid="missing-empty">{t!(i18n, adoption.nobody_missing)}</p> }
            .into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="data-table cards-on-phone">
                <thead><tr>
                    <th>{t!(i18n, adoption.name)}</th>
                    <th>{t!(i18n, adoption.unit)}</th>
                    <th>{t!(i18n, adoption.missing)}</th>
                    <th>{t!(i18n, adoption.last_sign_in)}</th>
                    <th>{t!(i18n, adoption.trained)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr data-testid=format!("missing-{}", r.kind)>
                            <td>{r.name}</td>
                            <td data-label=move || t_string!(i18n, adoption.unit).to_string()>{r.unit}</td>
                            <td data-label=move || t_string!(i18n, adoption.missing).to_string() data-testid="missing-reason">{pair(i18n, r.missing.label())}</td>
                            <td data-label=move || t_string!(i18n, adoption.last_sign_in).to_string()>{r.last_sign_in.unwrap_or_else(|| "—".into())}</td>
                            <td data-label=move || t_string!(i18n, adoption.trained).to_string()>{if r.trained { t!(i18n, adoption.yes).into_any() } else { t!(i18n, adoption.no).into_any() }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
