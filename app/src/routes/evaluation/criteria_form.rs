//! Editing a criteria set in a form (beside JSON and XLSX): parts, criteria with their guidance,
//! evidence and mandatory level, graded options with points — checked live in the browser by
//! `scoring::validate` (the check the server repeats on save).
//!
//! Typing changes the draft without redrawing the form (so the cursor stays where it is); only
//! adding or removing a criterion or an option redraws it.
use leptos::prelude::*;

use crate::components::error::FormError;
use crate::components::field_error::FieldError;
use crate::domain::scoring::{CriteriaSet, Criterion, GradedOption, Tenths};
use crate::functions::evaluation::criteria_sets::SaveCriteriaSet;
use crate::i18n::{t, use_i18n};
use crate::routes::evaluation::criteria::{Problems, open_saved_set, points};

/// Where a change applies: (part, criterion, option).
type At = (usize, usize, usize);

#[component]
pub fn SetFormEditor(
    group_code: String,
    name: String,
    set: CriteriaSet,
    frozen: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let draft = RwSignal::new(set);
    // Bumped when criteria or options are added or removed: the form is redrawn from the draft.
    let shape = RwSignal::new(0u32);
    let problems = Memo::new(move |_| draft.with(crate::domain::scoring::validate));
    let save = ServerAction::<SaveCriteriaSet>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    open_saved_set(save);
    let name = RwSignal::new(name);
    let submit = move |_| {
        save.dispatch(SaveCriteriaSet {
            group_code: group_code.clone(),
            name: name.get_untracked(),
            json: draft.with_untracked(|d| serde_json::to_string(d).unwrap_or_default()),
        });
    };
    let edit = move |change: Box<dyn FnOnce(&mut CriteriaSet)>| draft.update(|d| change(d));
    let reshape = move |change: Box<dyn FnOnce(&mut CriteriaSet)>| {
        draft.update(|d| change(d));
        shape.update(|n| *n += 1);
    };
    view! {
        <details class="panel" data-testid="criteria-form-editor">
            <summary>{t!(i18n, criteria.edit_form)}</summary>
            <p class="muted">{if frozen { t!(i18n, criteria.frozen_note).into_any() } else { t!(i18n, criteria.edit_note).into_any() }}</p>
            <label for="form-set-name">{t!(i18n, criteria.name)}</label>
            <input id="form-set-name" class="full-width" maxlength="300" prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) />
            {move || {
                shape.track();
                draft.get_untracked().parts.into_iter().enumerate().map(|(p, part)| view! {
                    <fieldset class="part-editor">
                        <legend>{part.code.clone()}". "{part.name.clone()}" ("{points(part.max)}")"</legend>
                        {part.criteria.into_iter().enumerate().map(|(c, criterion)| view! {
                            <CriterionEditor at=(p, c, 0) criterion edit reshape />
                        }).collect_view()}
                        <button type="button" class="secondary" on:click=move |_| reshape(Box::new(move |d| {
                            let n = d.parts[p].criteria.len() + 1;
                            let code = format!("{}{n}", d.parts[p].code);
                            d.parts[p].criteria.push(new_criterion(code));
                        }))>{t!(i18n, criteria.add_criterion)}</button>
                    </fieldset>
                }).collect_view()
            }}
            {move || view! { <Problems problems=problems.get() /> }}
            <FormError error />
            <FieldError error field="json" />
            <FieldError error field="name" />
            <button type="button" data-testid="save-criteria-form"
                disabled=move || save.pending().get() || !problems.with(Vec::is_empty)
                on:click=submit>{t!(i18n, criteria.save)}</button>
        </details>
    }
}

fn new_criterion(code: String) -> Criterion {
    Criterion {
        code,
        text: String::new(),
        guidance: String::new(),
        evidence: String::new(),
        options: vec![
            GradedOption {
                text: String::new(),
                points: 0
            };
            2
        ],
        mandatory_for: None,
    }
}

type Change = Box<dyn FnOnce(&mut CriteriaSet)>;

#[component]
fn CriterionEditor(
    at: At,
    criterion: Criterion,
    edit: impl Fn(Change) + Copy + Send + Sync + 'static,
    reshape: impl Fn(Change) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let (p, c, _) = at;
    let field = move |apply: fn(&mut Criterion, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            edit(Box::new(move |d| {
                if let Some(criterion) =
                    d.parts.get_mut(p).and_then(|part| part.criteria.get_mut(c))
                {
                    apply(criterion, value);
                }
            }));
        }
    };
    let level = criterion
        .mandatory_for
        .map(|l| l.to_string())
        .unwrap_or_default();
    view! {
        <div class="criterion-editor" data-testid="criterion-editor">
            <div class="row">
                <input class="code" aria-label="Mã / Code" maxlength="16" prop:value=criterion.code.clone() on:input=field(|c, v| c.code = v) />
                <input class="grow" aria-label=move || crate::i18n::t_string!(i18n, criteria.criterion).to_string() prop:value=criterion.text.clone() on:input=field(|c, v| c.text = v) />
                <select aria-label=move || crate::i18n::t_string!(i18n, criteria.mandatory_for).to_string() on:change=field(|c, v| c.mandatory_for = v.parse().ok())>
                    <option value="" selected=level.is_empty()>"—"</option>
                    {["3", "4", "5"].into_iter().map(|l| view! { <option value=l selected=level == l>{t!(i18n, criteria.mandatory_for)}" "{l}"★"</option> }).collect_view()}
                </select>
                <button type="button" class="secondary" aria-label="×" on:click=move |_| reshape(Box::new(move |d| {
                    if let Some(part) = d.parts.get_mut(p) && c < part.criteria.len() {
                        part.criteria.remove(c);
                    }
                }))>{t!(i18n, criteria.remove)}</button>
            </div>
            <input placeholder=move || crate::i18n::t_string!(i18n, criteria.guidance).to_string() prop:value=criterion.guidance.clone() on:input=field(|c, v| c.guidance = v) />
            <input placeholder=move || crate::i18n::t_string!(i18n, criteria.evidence).to_string() prop:value=criterion.evidence.clone() on:input=field(|c, v| c.evidence = v) />
            <ol class="options">
                {criterion.options.into_iter().enumerate().map(|(o, option)| view! {
                    <OptionEditor at=(p, c, o) option edit reshape />
                }).collect_view()}
            </ol>
            <button type="button" class="secondary" on:click=move |_| reshape(Box::new(move |d| {
                if let Some(criterion) = d.parts.get_mut(p).and_then(|part| part.criteria.get_mut(c)) {
                    criterion.options.push(GradedOption { text: String::new(), points: 0 });
                }
            }))>{t!(i18n, criteria.add_option)}</button>
        </div>
    }
}

#[component]
fn OptionEditor(
    at: At,
    option: GradedOption,
    edit: impl Fn(Change) + Copy + Send + Sync + 'static,
    reshape: impl Fn(Change) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let (p, c, o) = at;
    let apply = move |change: Box<dyn FnOnce(&mut GradedOption) + Send + Sync>| {
        edit(Box::new(move |d| {
            if let Some(option) = d
                .parts
                .get_mut(p)
                .and_then(|part| part.criteria.get_mut(c))
                .and_then(|criterion| criterion.options.get_mut(o))
            {
                change(option);
            }
        }));
    };
    view! {
        <li class="row">
            <input class="grow" aria-label=move || crate::i18n::t_string!(i18n, criteria.option).to_string() prop:value=option.text.clone()
                on:input=move |ev| { let v = event_target_value(&ev); apply(Box::new(move |opt| opt.text = v)); } />
            <input class="points-input" type="number" min="0" step="0.1" inputmode="decimal" aria-label=move || crate::i18n::t_string!(i18n, criteria.points).to_string()
                prop:value=points(option.points)
                on:input=move |ev| { let t = tenths(&event_target_value(&ev)); apply(Box::new(move |opt| opt.points = t)); } />
            <button type="button" class="secondary" aria-label="×" on:click=move |_| reshape(Box::new(move |d| {
                if let Some(criterion) = d.parts.get_mut(p).and_then(|part| part.criteria.get_mut(c))
                    && o < criterion.options.len()
                {
                    criterion.options.remove(o);
                }
            }))>"×"</button>
        </li>
    }
}

/// Typed points ("2.5", "2,5") as tenths; anything else counts as 0 (the check shows the sum).
fn tenths(value: &str) -> Tenths {
    value
        .trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0 && *v <= 1000.0)
        // Bounded above, so the cast cannot overflow.
        .map_or(0, |v| (v * 10.0).round() as Tenths)
}
