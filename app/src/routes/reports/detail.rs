//! `/reports/{period}/{scope}`: one report — its figures beside last year's and the year's
//! targets, the written sections (saved as a draft, then submitted with the figures frozen),
//! the province's review, the communes' submissions (province report), XLSX and PDF.
//! A light page: the server renders it; the two forms are islands, which load the page again
//! once the report has changed state, so what it shows comes from the server.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::area_gate::SignedInGate;
use crate::components::chart::BarChartView;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::island_i18n::IslandI18n;
use crate::domain::chart::ChartItem;
use crate::domain::dates::iso_date;
use crate::functions::reports::periodic::{ReviewReport, SaveReport, get_report};
use crate::i18n::{Locale, t, t_string, use_i18n};
use crate::models::reports::periodic::{CommuneStatus, FigureTable, ReportView, TargetLine};
use crate::routes::reports::{StandingBadge, state_text};

#[component]
pub fn ReportPage() -> impl IntoView {
    view! {
        <SignedInGate>
            <Report />
        </SignedInGate>
    }
}

#[component]
fn Report() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let period = move || {
        params
            .read()
            .get("period")
            .and_then(|p| p.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let scope = move || params.read().get("scope").unwrap_or_default();
    let report = Resource::new(move || (period(), scope()), |(p, s)| get_report(p, s));
    view! {
        <p><A href="/reports">{t!(i18n, reports.back)}</A></p>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || {
                let english = i18n.get_locale() == Locale::en;
                Suspend::new(async move {
                    match report.await {
                        Ok(r) => view! { <ReportBody r english /> }.into_any(),
                        Err(e) => {
                            crate::components::set_http_status(e.http_status());
                            view! { <ErrorMessage error=e /> }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn ReportBody(r: ReportView, english: bool) -> impl IntoView {
    let i18n = use_i18n();
    let base = format!("/reports/{}/{}", r.period.id, r.scope_code);
    let certified = r
        .figures
        .tables
        .iter()
        .find(|t| t.key == "certified")
        .map(|t| {
            t.rows
                .iter()
                .filter(|row| row.key != "total")
                .map(|row| ChartItem {
                    key: row.key.clone(),
                    label: row.label.get(english).to_owned(),
                    value: row.values.get(3).copied().unwrap_or(0),
                    ..Default::default()
                })
                .collect::<Vec<_>>()
        });
    let notice = match r.state.as_str() {
        "returned" => r.review_comment.clone().map(|c| {
            view! { <div class="notice warning" role="status" data-testid="review-comment"><strong>{t!(i18n, reports.returned_with)}</strong>" "{c}</div> }.into_any()
        }),
        "accepted" => Some(view! { <p class="notice" data-testid="accepted-note">{t!(i18n, reports.accepted_note)}</p> }.into_any()),
        _ => None,
    };
    let frozen_on = r.submitted_on.clone().unwrap_or_default();
    view! {
        <h1 data-testid="report-title">{r.period.name.get(english).to_owned()}" — "{r.scope_name.clone()}</h1>
        <crate::components::help::HelpPanel screen="reports.detail" />
        <p class="report-meta">
            <span data-testid="report-state" data-state=r.state.clone()>{state_text(i18n, &r.state, r.reviewed)}</span>" · "
            <StandingBadge standing=r.standing.clone() />" · "
            {t!(i18n, reports.due)}": "{iso_date(&r.period.due_on)}
        </p>
        <p class="actions-row">
            <a href=format!("{base}/report.xlsx") download data-testid="download-xlsx" rel="external">{t!(i18n, reports.download_xlsx)}</a>
            " · "
            <a href=format!("{base}/report.pdf") download data-testid="download-pdf" rel="external">{t!(i18n, reports.download_pdf)}</a>
        </p>
        {notice}
        <p class="muted" data-testid="figures-basis">
            {if r.frozen {
                view! { {t!(i18n, reports.frozen)}" "{iso_date(&frozen_on)}"." }.into_any()
            } else {
                view! { {t!(i18n, reports.live)}{iso_date(&r.figures.computed_on)}{t!(i18n, reports.live_end)} }.into_any()
            }}
            " "{t!(i18n, reports.previous)}" "{iso_date(&r.figures.previous.0)}" – "{iso_date(&r.figures.previous.1)}"."
        </p>
        {r.figures.unit_note.clone().map(|note| view! {
            <p class="notice" data-testid="unit-note">{note.get(english).to_owned()}</p>
        })}
        <Targets targets=r.figures.targets.clone() english />
        {certified.map(|items| view! {
            <h2>{t!(i18n, reports.chart_stars)}</h2>
            <BarChartView items title=t_string!(i18n, reports.chart_stars) testid="chart-stars" />
        })}
        <h2>{t!(i18n, reports.figures)}</h2>
        {r.figures.tables.iter().map(|table| view! { <Table table=table.clone() english /> }).collect_view()}
        {(!r.communes.is_empty()).then(|| view! { <Communes communes=r.communes.clone() period=r.period.id /> })}
        {r.communes_note.clone().map(|note| view! {
            <h2>{t!(i18n, reports.communes)}</h2>
            <p class="notice" data-testid="communes-note">{note.get(english).to_owned()}</p>
        })}
        <Sections r=r.clone() />
        {r.can_review.then(|| view! {
            <h2>{t!(i18n, reports.review)}</h2>
            <ReviewForm period_id=r.period.id scope=r.scope_code.clone() version=r.version />
        })}
    }
}

#[component]
fn Targets(targets: Vec<TargetLine>, english: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2>{t!(i18n, reports.targets)}</h2>
        <ul class="targets" data-testid="targets">
            {targets.into_iter().map(|line| {
                let percent = line.percent.unwrap_or(0).min(100);
                view! {
                    <li data-key=line.key.clone()>
                        <span>{line.label.get(english).to_owned()}</span>
                        <strong data-testid="target-achieved">{line.achieved}</strong>
                        " / "
                        {match line.target {
                            Some(t) => view! { <span>{t}</span> }.into_any(),
                            None => view! { <span class="muted">{t!(i18n, reports.no_target)}</span> }.into_any(),
                        }}
                        {line.percent.map(|p| view! {
                            <span class="progress"><span class="progress-bar" style=format!("width:{percent}%")></span></span>
                            <span>{p}"%"</span>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn Table(table: FigureTable, english: bool) -> impl IntoView {
    let i18n = use_i18n();
    // Only the total row: nothing was counted, which a row of zeros hides; say it instead.
    if table.rows.iter().all(|row| row.key == "total") {
        return view! {
            <h3>{table.title.get(english).to_owned()}</h3>
            <p class="empty" data-testid=format!("table-{}-empty", table.key)>{t!(i18n, reports.nothing_counted)}</p>
        }
        .into_any();
    }
    view! {
        <h3>{table.title.get(english).to_owned()}</h3>
        <div class="table-wrap">
            <table class="data-table figure-table" data-testid=format!("table-{}", table.key)>
                <thead><tr>
                    <th></th>
                    {table.columns.iter().map(|c| view! { <th class="num">{c.get(english).to_owned()}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {table.rows.into_iter().map(|row| view! {
                        <tr data-key=row.key.clone() class=if row.key == "total" { "total" } else { "" }>
                            <th scope="row">{row.label.get(english).to_owned()}</th>
                            {row.values.into_iter().map(|v| view! { <td class="num">{v}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Communes(communes: Vec<CommuneStatus>, period: i32) -> impl IntoView {
    let i18n = use_i18n();
    let submitted = communes
        .iter()
        .filter(|c| matches!(c.standing.as_str(), "on_time" | "late"))
        .count();
    let total = communes.len();
    view! {
        <h2>{t!(i18n, reports.communes)}</h2>
        <p data-testid="communes-summary">{submitted}"/"{total}" "{t!(i18n, reports.count_summary)}</p>
        <div class="table-wrap">
            <table class="data-table" data-testid="commune-statuses">
                <thead><tr>
                    <th>{t!(i18n, reports.commune)}</th>
                    <th>{t!(i18n, reports.status)}</th>
                    <th>{t!(i18n, reports.submitted_on)}</th>
                </tr></thead>
                <tbody>
                    {communes.into_iter().map(|c| view! {
                        <tr data-testid="commune-status" data-code=c.code.clone() data-state=c.state.clone().unwrap_or_default()>
                            <td><A href=format!("/reports/{period}/{}", c.code)>{c.name.clone()}</A></td>
                            <td><StandingBadge standing=c.standing.clone() /></td>
                            <td>{c.submitted_on.as_deref().map(iso_date).unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The written sections: a form for the author while editable, else the text.
#[component]
fn Sections(r: ReportView) -> impl IntoView {
    let i18n = use_i18n();
    if !r.can_edit {
        let section = |title: &'static str, text: String| {
            view! { <h3>{title}</h3><p class="prose">{text}</p> }
        };
        return view! {
            <h2>{t!(i18n, reports.sections)}</h2>
            <div data-testid="sections-read">
                {section(t_string!(i18n, reports.results), r.results)}
                {section(t_string!(i18n, reports.difficulties), r.difficulties)}
                {section(t_string!(i18n, reports.proposals), r.proposals)}
            </div>
        }
        .into_any();
    }
    view! {
        <h2>{t!(i18n, reports.sections)}</h2>
        <SectionsForm
            period_id=r.period.id
            scope=r.scope_code
            version=r.version
            results=r.results
            difficulties=r.difficulties
            proposals=r.proposals
        />
    }
    .into_any()
}

/// The sections' form. Saving a draft keeps the page (the form takes the report's new
/// version, so it can be saved again); submitting, once confirmed, freezes the figures and
/// loads the page again to show the report as submitted.
#[island]
fn SectionsForm(
    period_id: i32,
    scope: String,
    version: i32,
    results: String,
    difficulties: String,
    proposals: String,
) -> impl IntoView {
    let save = ServerAction::<SaveReport>::new();
    let version = RwSignal::new(version);
    let submitting = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            if submitting.get_untracked() {
                let _ = window().location().reload();
            } else {
                version.set(saved);
            }
        }
    });
    view! {
        <IslandI18n>
            <SectionsFields save version submitting period_id scope results difficulties proposals />
        </IslandI18n>
    }
}

#[component]
#[allow(clippy::too_many_arguments)] // the report's fields, as the island receives them
fn SectionsFields(
    save: ServerAction<SaveReport>,
    version: RwSignal<i32>,
    submitting: RwSignal<bool>,
    period_id: i32,
    scope: String,
    results: String,
    difficulties: String,
    proposals: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    // Typed since the last save: "saved" no longer holds.
    let edited = RwSignal::new(false);
    let done =
        move || matches!(save.value().get(), Some(Ok(_))) && !submitting.get() && !edited.get();
    let confirming = RwSignal::new(false);
    // A saved draft starts again from "submit?", as a fresh page would.
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            confirming.set(false);
            edited.set(false);
        }
    });
    view! {
        <ActionForm action=save attr:class="stack-form report-form" attr:data-testid="report-form"
            on:input=move |_| edited.set(true)>
            <input type="hidden" name="period_id" value=period_id />
            <input type="hidden" name="scope" value=scope />
            <input type="hidden" name="version" value=version.get_untracked() prop:value=move || version.get() />
            <label>{t!(i18n, reports.results)}
                <textarea name="results" rows="6" maxlength="20000" data-testid="results">{crate::components::text_area::textarea_text(&results)}</textarea>
            </label>
            <FieldError error field="results" />
            <label>{t!(i18n, reports.difficulties)}
                <textarea name="difficulties" rows="4" maxlength="20000" data-testid="difficulties">{crate::components::text_area::textarea_text(&difficulties)}</textarea>
            </label>
            <FieldError error field="difficulties" />
            <label>{t!(i18n, reports.proposals)}
                <textarea name="proposals" rows="4" maxlength="20000" data-testid="proposals">{crate::components::text_area::textarea_text(&proposals)}</textarea>
            </label>
            <FieldError error field="proposals" />
            <FormError error />
            {move || done().then(|| view! { <p class="notice" role="status">{t!(i18n, reports.saved)}</p> })}
            <div class="button-row">
                <button type="submit" data-testid="save-report" on:click=move |_| submitting.set(false)>{t!(i18n, reports.save)}</button>
                <button type="button" class="secondary" data-testid="submit-start" hidden=move || confirming.get()
                    on:click=move |_| confirming.set(true)>{t!(i18n, reports.submit)}</button>
                <button type="submit" name="submit" value="1" class="primary" data-testid="submit-report" hidden=move || !confirming.get()
                    on:click=move |_| submitting.set(true)>
                    {t!(i18n, reports.submit_confirm)}
                </button>
                <button type="button" class="link-button" hidden=move || !confirming.get()
                    on:click=move |_| confirming.set(false)>{t!(i18n, reports.cancel)}</button>
            </div>
        </ActionForm>
    }
}

/// The province's review of a submitted commune report; the page is loaded again once it is
/// accepted or returned.
#[island]
fn ReviewForm(period_id: i32, scope: String, version: i32) -> impl IntoView {
    let review = ServerAction::<ReviewReport>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = review.value().get() {
            let _ = window().location().reload();
        }
    });
    view! {
        <IslandI18n>
            <ReviewFields review period_id scope version />
        </IslandI18n>
    }
}

#[component]
fn ReviewFields(
    review: ServerAction<ReviewReport>,
    period_id: i32,
    scope: String,
    version: i32,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || review.value().get().and_then(Result::err));
    view! {
        <ActionForm action=review attr:class="stack-form" attr:data-testid="review-form">
            <input type="hidden" name="period_id" value=period_id />
            <input type="hidden" name="scope" value=scope />
            <input type="hidden" name="version" value=version />
            <label>{t!(i18n, reports.comment)}
                <textarea name="comment" rows="3" maxlength="2000" data-testid="review-comment-input"></textarea>
            </label>
            <FieldError error field="comment" />
            <FormError error />
            <div class="button-row">
                <button type="submit" name="decision" value="accept" class="primary" data-testid="accept-report">{t!(i18n, reports.accept)}</button>
                <button type="submit" name="decision" value="return" class="secondary" data-testid="return-report">{t!(i18n, reports.return_report)}</button>
            </div>
        </ActionForm>
    }
}
