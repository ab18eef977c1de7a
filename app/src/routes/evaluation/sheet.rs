//! `/rounds/:id/dossiers/:dossier`: a member's scoring screen, a light page. The dossier's
//! documents on one side (a link opens each in the viewer beside it, no script needed), the
//! criteria on the other with one option each, all rendered by the server. Each option carries
//! its points and each criterion its mandatory level, so one small island
//! (`ScoreSheetForm`) reads the set and the picks from the page as they change and keeps the
//! summary current — part subtotals, the total, the star band and mandatory failures, computed
//! by `domain::scoring`, the code the server runs on every save. Each pick saves a draft (one
//! save at a time; a pick made meanwhile is sent right after); "submit" locks it.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::area_gate::{NotAllowed, SignedInGate};
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::island_i18n::IslandI18n;
use crate::components::labels::{Stars, points};
use crate::domain::scoring::{self, SheetResult};
use crate::functions::evaluation::rounds::{SaveScoreSheet, get_score_sheet};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::AppError;
use crate::models::evaluation::rounds::{OtherSheet, SheetDocument, SheetView};

#[component]
pub fn ScoreSheetPage() -> impl IntoView {
    let params = use_params_map();
    let ids = move || {
        let p = params.read();
        let id = |k: &str| p.get(k).and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
        (id("id"), id("dossier"))
    };
    let sheet = Resource::new(ids, |(round, dossier)| get_score_sheet(round, dossier));
    view! {
        <SignedInGate>
            <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match sheet.await {
                        Ok(s) => view! { <Scoring sheet=s /> }.into_any(),
                        Err(AppError::NotFound) => view! { <crate::routes::public::not_found::NotFound /> }.into_any(),
                        Err(AppError::Forbidden) => view! { <NotAllowed /> }.into_any(),
                        Err(e) => {
                            crate::components::set_http_status(e.http_status());
                            view! { <ErrorMessage error=e /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </SignedInGate>
    }
}

/// The screen as the server renders it, with the sheet's result as saved; the criteria go into
/// the island as its children.
#[component]
fn Scoring(sheet: SheetView) -> impl IntoView {
    let i18n = use_i18n();
    let result = scoring::score(&sheet.set, &sheet.choices);
    let criteria_count: usize = sheet.set.parts.iter().map(|p| p.criteria.len()).sum();
    let choices = sheet.choices.clone();
    // A mandatory criterion scored below its level is marked where it stands, not only named in
    // the summary (the island keeps the mark current).
    let failing: Vec<String> = result
        .failures
        .iter()
        .map(|(code, _)| code.clone())
        .collect();
    let criteria = sheet.set.parts.clone().into_iter().map(|part| view! {
        <fieldset class="sheet-part" data-part=part.code.clone() data-max=part.max>
            <legend>{part.code.clone()}". "{part.name.clone()}" ("{points(part.max)}")"</legend>
            {part.criteria.into_iter().map(|c| {
                let chosen = choices.get(&c.code).copied();
                let name = format!("c-{}", c.code);
                let is_failing = failing.contains(&c.code).then_some("");
                view! {
                    <fieldset class="criterion" data-testid="criterion" data-code=c.code.clone() data-mandatory=c.mandatory_for data-failing=is_failing>
                        <legend><span class="code">{c.code.clone()}</span>" "{c.text.clone()}
                            {c.mandatory_for.map(|l| view! { " "<span class="badge mandatory">{t!(i18n, criteria.mandatory_for)}" "{l}"★"</span> })}
                        </legend>
                        <CriterionHints guidance=c.guidance.clone() evidence=c.evidence.clone() />
                        {c.options.into_iter().enumerate().map(|(i, o)| view! {
                            <label class="option">
                                <input type="radio" name=name.clone() value=i data-points=o.points checked=chosen == Some(i) />
                                " "{o.text.clone()}" "<span class="points">"("{points(o.points)}")"</span>
                            </label>
                        }).collect_view()}
                    </fieldset>
                }
            }).collect_view()}
        </fieldset>
    }).collect_view();
    let round_id = sheet.round_id;
    // "Draft saved" only while the member may still change it.
    let saved = sheet.version > 0 && sheet.locked_because.is_none();
    view! {
        <p class="breadcrumb"><a href=format!("/rounds/{round_id}")>{sheet.round_name.clone()}</a></p>
        <h1 data-testid="sheet-product">{sheet.product_name.clone()}</h1>
        <crate::components::help::HelpPanel screen="rounds.sheet" />
        <p class="muted">
            {sheet.subject_name.clone()}
            {sheet.subject_name.is_some().then_some(" · ")}
            {sheet.set_name.clone()}
        </p>
        {sheet.reopen_reason.clone().map(|r| view! { <p class="notice" data-testid="reopen-reason">{t!(i18n, rounds.reopened_because)}" "{r}</p> })}
        <div class="scoring">
            <SheetDocuments documents=sheet.documents.clone() />
            <div class="scoring-criteria">
                <ScoreSummary result answered=sheet.choices.len() criteria_count saved />
                <ScoreSheetForm
                    round_id
                    dossier_id=sheet.dossier_id
                    version=sheet.version
                    locked=sheet.locked_because.clone()
                    closed=sheet.submit_closed
                    answered=sheet.choices.len()
                    criteria_count
                >
                    {criteria}
                </ScoreSheetForm>
                {sheet.others.clone().map(|others| view! { <OtherSheets others /> })}
            </div>
        </div>
    }
}

/// The sheet's result, which the island keeps current (each `data-live` element).
#[component]
fn ScoreSummary(
    result: SheetResult,
    answered: usize,
    criteria_count: usize,
    saved: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="score-summary" aria-live="polite" data-testid="score-summary">
            <strong data-testid="live-total" data-live="total" data-total=result.total>{points(result.total)}</strong>
            " / 100 · "
            <span class=page::stars_class(result.stars) data-live="stars" data-stars=result.stars>
                {page::stars_text(
                    result.stars,
                    answered,
                    (t_string!(i18n, rounds.below_three_stars), t_string!(i18n, rounds.not_scored_yet)),
                )}
            </span>
            " · "
            <span data-testid="answered" data-live="answered">{format!("{answered}/{criteria_count}")}</span>
            <ul class="part-totals">
                {result.parts.into_iter().map(|(code, got, max)| view! {
                    <li data-testid="part-total" data-part=code.clone()>
                        {code.clone()}": "<span data-live=format!("part-{code}")>{points(got)}</span>"/"{points(max)}
                    </li>
                }).collect_view()}
            </ul>
            <p class="warning" data-testid="mandatory-failures" data-live="failures-note" hidden=result.failures.is_empty()>
                {t!(i18n, rounds.mandatory_failed)}" "<span data-live="failures">{failed(&result.failures)}</span>
            </p>
            <p class="muted save-state" data-live="save-state">{if saved { t_string!(i18n, rounds.saved) } else { "" }}</p>
        </div>
    }
}

/// The criteria (`children`, rendered by the server: a radio group `c-<code>` each, every
/// option with its `data-points`) and the submit button. On every pick the set and the picks
/// are read from the page, the summary is updated and the draft saved.
#[island]
fn ScoreSheetForm(
    round_id: i32,
    dossier_id: i32,
    version: i32,
    locked: Option<String>,
    closed: bool,
    answered: usize,
    criteria_count: usize,
    children: Children,
) -> impl IntoView {
    view! {
        <IslandI18n>
            <SheetForm round_id dossier_id version locked closed answered criteria_count>{children()}</SheetForm>
        </IslandI18n>
    }
}

#[component]
fn SheetForm(
    round_id: i32,
    dossier_id: i32,
    version: i32,
    locked: Option<String>,
    closed: bool,
    answered: usize,
    criteria_count: usize,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(version);
    let locked = RwSignal::new(locked);
    let answered = RwSignal::new(answered);
    // A pick made while a save is under way, sent once it is answered.
    let dirty = RwSignal::new(false);
    let submitting = RwSignal::new(false);
    let save = ServerAction::<SaveScoreSheet>::new();
    let send = move |submit: bool| {
        dirty.set(false);
        submitting.set(submit);
        page::show_text("save-state", t_string!(i18n, rounds.saving));
        let (_, picks) = page::sheet();
        save.dispatch(SaveScoreSheet {
            round_id,
            dossier_id,
            version: version.get_untracked(),
            choices: serde_json::to_string(&picks).unwrap_or_default(),
            submit,
        });
    };
    // After each answer: keep the new version, and lock once submitted, or send what was
    // picked meanwhile.
    Effect::new(move |_| match save.value().get() {
        Some(Ok(v)) => {
            version.set(v);
            if submitting.get_untracked() {
                page::show_text("save-state", "");
                locked.set(Some("submitted".to_owned()));
            } else {
                page::show_text("save-state", t_string!(i18n, rounds.saved));
                if dirty.get_untracked() {
                    send(false);
                }
            }
        }
        Some(Err(_)) => page::show_text("save-state", ""),
        None => {}
    });
    // A pick: the summary at once, then the draft.
    let picked = move |_| {
        if locked.get_untracked().is_some() {
            return;
        }
        let (set, picks) = page::sheet();
        answered.set(picks.len());
        let words = (
            t_string!(i18n, rounds.below_three_stars).to_string(),
            t_string!(i18n, rounds.not_scored_yet).to_string(),
        );
        page::show(
            &scoring::score(&set, &picks),
            picks.len(),
            criteria_count,
            (&words.0, &words.1),
        );
        if save.pending().get_untracked() {
            dirty.set(true);
        } else {
            send(false);
        }
    };
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let locked_note = move || {
        locked.get().map(|why| match why.as_str() {
            "submitted" => t_string!(i18n, rounds.locked_submitted).to_string(),
            "conflicted" => t_string!(i18n, rounds.locked_conflicted).to_string(),
            "not_assigned" => t_string!(i18n, rounds.sheet_unassigned).to_string(),
            _ => t_string!(i18n, rounds.locked_phase).to_string(),
        })
    };
    view! {
        {move || locked_note().map(|n| view! { <p class="notice" role="status" data-testid="sheet-locked">{n}</p> })}
        <FormError error />
        <FieldError error field="choices" />
        <fieldset class="sheet-criteria" disabled=move || locked.get().is_some() on:change=picked>
            {children()}
        </fieldset>
        // Submitting cannot be undone by the member: asked first. Once locked, the notice
        // stands here too, where the button was.
        {move || match locked_note() {
            // Past the scoring window the draft is still saved; submitting waits for an extension.
            None if closed => view! {
                <p class="notice" role="status" data-testid="scoring-closed">{t_string!(i18n, rounds.scoring_closed)}</p>
            }.into_any(),
            None => view! {
                <button type="button" class="primary" data-testid="submit-sheet"
                    disabled=move || save.pending().get() || answered.get() < criteria_count
                    on:click=move |_| {
                        if window().confirm_with_message(t_string!(i18n, rounds.submit_confirm)) == Ok(true) {
                            send(true);
                        }
                    }>
                    {t_string!(i18n, rounds.submit_sheet)}
                </button>
                <p class="muted">{t_string!(i18n, rounds.submit_hint)}</p>
            }.into_any(),
            Some(note) => view! { <p class="notice" role="status">{note}</p> }.into_any(),
        }}
    }
}

/// The scoring screen as the island reads and writes it in the browser (no-ops on the server).
mod page {
    use crate::domain::scoring::{CriteriaSet, Sheet, SheetResult};

    /// The set as the page shows it (codes, points, mandatory levels; no texts) and the picks.
    #[cfg(feature = "hydrate")]
    pub fn sheet() -> (CriteriaSet, Sheet) {
        use crate::domain::scoring::{Criterion, GradedOption, Part};
        use leptos::prelude::document;
        use leptos::wasm_bindgen::JsCast;
        fn all(within: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
            let Ok(list) = within.query_selector_all(selector) else {
                return Vec::new();
            };
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
                .collect()
        }
        fn number<T: std::str::FromStr>(element: &web_sys::Element, name: &str) -> Option<T> {
            element.get_attribute(name)?.parse().ok()
        }
        let mut set = CriteriaSet { parts: Vec::new() };
        let mut picks = Sheet::new();
        let Some(root) = document().document_element() else {
            return (set, picks);
        };
        for part in all(&root, ".sheet-criteria .sheet-part") {
            let mut criteria = Vec::new();
            for criterion in all(&part, ".criterion") {
                let code = criterion.get_attribute("data-code").unwrap_or_default();
                let mut options = Vec::new();
                for (i, radio) in all(&criterion, "input[type=radio]").into_iter().enumerate() {
                    let checked = radio
                        .dyn_ref::<web_sys::HtmlInputElement>()
                        .is_some_and(web_sys::HtmlInputElement::checked);
                    if checked {
                        picks.insert(code.clone(), i);
                    }
                    let points = number(&radio, "data-points").unwrap_or(0);
                    options.push(GradedOption {
                        text: String::new(),
                        points,
                    });
                }
                criteria.push(Criterion {
                    code,
                    text: String::new(),
                    guidance: String::new(),
                    evidence: String::new(),
                    options,
                    mandatory_for: number(&criterion, "data-mandatory"),
                });
            }
            set.parts.push(Part {
                code: part.get_attribute("data-part").unwrap_or_default(),
                name: String::new(),
                max: number(&part, "data-max").unwrap_or(0),
                criteria,
            });
        }
        (set, picks)
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn sheet() -> (CriteriaSet, Sheet) {
        (CriteriaSet { parts: Vec::new() }, Sheet::new())
    }

    /// Writes a result into the summary (`ScoreSummary`).
    pub fn show(result: &SheetResult, answered: usize, count: usize, words: (&str, &str)) {
        show_text("total", &super::points(result.total));
        set_attribute("total", "data-total", &result.total.to_string());
        show_text("answered", &format!("{answered}/{count}"));
        for (code, got, _) in &result.parts {
            show_text(&format!("part-{code}"), &super::points(*got));
        }
        show_text("failures", &super::failed(&result.failures));
        set_hidden("failures-note", result.failures.is_empty());
        mark_failing(&result.failures);
        show_text("stars", &stars_text(result.stars, answered, words));
        set_attribute("stars", "data-stars", &result.stars.to_string());
        set_attribute("stars", "class", stars_class(result.stars));
    }

    pub fn stars_class(stars: u8) -> &'static str {
        if stars < 3 { "stars below" } else { "stars" }
    }

    /// "★★★★☆" for 4 stars; below 3, words (as `labels::Stars` says it). A sheet with no
    /// criterion scored yet says so (`words.1`) rather than give 0 points a star level: by the
    /// rules <30 points is 1★, which on a blank sheet reads as a verdict.
    pub fn stars_text(stars: u8, answered: usize, (below_three, unscored): (&str, &str)) -> String {
        if answered == 0 {
            return unscored.to_owned();
        }
        if stars < 3 {
            return format!("{below_three} ({stars}/5)");
        }
        let filled = usize::from(stars.min(5));
        format!("{}{}", "★".repeat(filled), "☆".repeat(5 - filled))
    }

    /// Marks each criterion (`data-failing`) that is scored below its mandatory level.
    fn mark_failing(failures: &[(String, u8)]) {
        #[cfg(feature = "hydrate")]
        if let Ok(list) = leptos::prelude::document().query_selector_all(".criterion[data-code]") {
            use leptos::wasm_bindgen::JsCast;
            for element in (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
            {
                let code = element.get_attribute("data-code").unwrap_or_default();
                let failing = failures.iter().any(|(c, _)| *c == code);
                let _ = element.toggle_attribute_with_force("data-failing", failing);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = failures;
    }

    /// The text of the summary's element `data-live=<name>`.
    pub fn show_text(name: &str, text: &str) {
        #[cfg(feature = "hydrate")]
        if let Ok(Some(element)) =
            leptos::prelude::document().query_selector(&format!("[data-live=\"{name}\"]"))
        {
            element.set_text_content(Some(text));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (name, text);
    }

    /// An attribute of the summary's element `data-live=<name>`.
    fn set_attribute(name: &str, attribute: &str, value: &str) {
        #[cfg(feature = "hydrate")]
        if let Ok(Some(element)) =
            leptos::prelude::document().query_selector(&format!("[data-live=\"{name}\"]"))
        {
            let _ = element.set_attribute(attribute, value);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (name, attribute, value);
    }

    /// Shows or hides the summary's element `data-live=<name>`.
    fn set_hidden(name: &str, hidden: bool) {
        #[cfg(feature = "hydrate")]
        if let Ok(Some(element)) =
            leptos::prelude::document().query_selector(&format!("[data-live=\"{name}\"]"))
        {
            let _ = element.toggle_attribute_with_force("hidden", hidden);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (name, hidden);
    }
}

/// The dossier's documents beside the criteria: a list whose links open each one in the
/// viewer below it (a named frame), the first one to begin with.
#[component]
fn SheetDocuments(documents: Vec<SheetDocument>) -> impl IntoView {
    let i18n = use_i18n();
    let first = documents.first().map(|d| format!("/files/{}", d.file_id));
    view! {
        <aside class="scoring-documents" data-testid="sheet-documents">
            <h2>{t!(i18n, rounds.documents)}</h2>
            {documents.is_empty().then(|| view! { <p class="empty">{t!(i18n, rounds.no_documents)}</p> })}
            <ul class="document-list">
                {documents.into_iter().map(|d| {
                    let href = format!("/files/{}", d.file_id);
                    view! {
                        <li>
                            <a href=href.clone() target="sheet-document">{d.item.clone()}</a>
                            " "<a href=href target="_blank" rel="noopener" class="muted">{d.name.clone()}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {first.map(|src| view! {
                <iframe class="document-view" name="sheet-document" src=src title=t_string!(i18n, rounds.documents)></iframe>
            })}
        </aside>
    }
}

/// The other members' sheets, when the round's visibility rule shows them.
#[component]
fn OtherSheets(others: Vec<OtherSheet>) -> impl IntoView {
    let i18n = use_i18n();
    let none_yet = others.is_empty();
    view! {
        <section class="panel" data-testid="other-sheets">
            <h2>{t!(i18n, rounds.other_sheets)}</h2>
            {none_yet.then(|| view! { <p class="muted">{t!(i18n, rounds.no_other_sheets)}</p> })}
            <ul>
                {others.into_iter().map(|o| view! {
                    <li>{o.member}": "{points(o.total)}" "<Stars stars=o.stars />{(!o.submitted).then(|| view! { " ("{t!(i18n, rounds.sheet_draft)}")" })}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

fn failed(failures: &[(String, u8)]) -> String {
    let failed: Vec<String> = failures
        .iter()
        .map(|(code, level)| format!("{code} ({level}★)"))
        .collect();
    failed.join(", ")
}

/// A criterion's guidance and the document that evidences it, when the set gives them.
#[component]
pub fn CriterionHints(guidance: String, evidence: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {(!guidance.is_empty()).then(|| view! { <p class="hint">{guidance}</p> })}
        {(!evidence.is_empty()).then(|| view! { <p class="hint">{t!(i18n, criteria.evidence)}": "{evidence}</p> })}
    }
}

#[cfg(test)]
mod tests {
    use super::page::{stars_class, stars_text};

    #[test]
    fn the_summary_writes_stars_as_the_labels_do() {
        let words = ("Chưa đạt 3 sao", "chưa chấm");
        assert_eq!(stars_text(4, 3, words), "★★★★☆");
        assert_eq!(stars_text(5, 1, words), "★★★★★");
        assert_eq!(stars_text(2, 12, words), "Chưa đạt 3 sao (2/5)");
        // A blank sheet has no star level yet, whatever 0 points would give.
        assert_eq!(stars_text(1, 0, words), "chưa chấm");
        assert_eq!(stars_class(2), "stars below");
        assert_eq!(stars_class(3), "stars");
    }
}
