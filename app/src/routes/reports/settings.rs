//! `/admin/report-settings`: the report periods (dates covered, due dates; a new year's
//! periods; an ad hoc report or a multi-year review of the province's) and each year's targets for the province and communes. Every row is its own small
//! form, so a refusal shows under the row it is about and keeps what was typed.
use leptos::prelude::*;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::saved_count::reload_on_success;
use crate::functions::reports::periodic::{
    AddReportCustom, AddReportYear, SaveReportPeriod, SaveReportTarget, get_report_settings,
};
use crate::i18n::{Locale, t, use_i18n};
use crate::models::reports::periodic::{PeriodRow, TargetRow};

#[component]
pub fn ReportSettingsPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Admin>
            <Settings />
        </AreaGate>
    }
}

#[component]
fn Settings() -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let data = Resource::new(move || reload.get(), |_| get_report_settings());
    let add_year = ServerAction::<AddReportYear>::new();
    reload_on_success(add_year, reload);
    let year_error = Signal::derive(move || add_year.value().get().and_then(Result::err));
    view! {
        <h1>{t!(i18n, reports.settings_title)}</h1>
        <crate::components::help::HelpPanel screen="admin.report_settings" />
        <p class="muted">{t!(i18n, reports.settings_hint)}</p>
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || {
                let english = i18n.get_locale() == Locale::en;
                Suspend::new(async move {
                    match data.await {
                        Ok(s) => view! {
                            <h2>{t!(i18n, reports.periods)}</h2>
                            <ul class="checklist-rows" data-testid="report-periods">
                                {s.periods.into_iter().map(|p| view! { <PeriodForm p english reload /> }).collect_view()}
                            </ul>
                            <ActionForm action=add_year attr:class="inline-form" attr:data-testid="add-year" attr:novalidate=true>
                                <label>{t!(i18n, reports.year)}<input name="year" type="number" min="2019" max="2100" required /></label>
                                <button type="submit">{t!(i18n, reports.add_year)}</button>
                            </ActionForm>
                            <FieldError error=year_error field="year" />
                            <h2>{t!(i18n, reports.targets_title)}</h2>
                            <ul class="checklist-rows" data-testid="report-targets">
                                {s.targets.into_iter().map(|t| view! { <TargetForm t=Some(t) communes=Vec::new() reload /> }).collect_view()}
                            </ul>
                            <h3>{t!(i18n, reports.set_target)}</h3>
                            <TargetForm t=None communes=s.communes reload />
                        }.into_any(),
                        Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    }
                })
            }}
        </Transition>
        // Outside the list that reloads after it, so its notice and link stay.
        <h2>{t!(i18n, reports.custom_title)}</h2>
        <CustomPeriodForm reload />
    }
}

#[component]
fn PeriodForm(p: PeriodRow, english: bool, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveReportPeriod>::new();
    reload_on_success(save, reload);
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let audience = if p.audience == "department" {
        view! { <span class="badge">{t!(i18n, reports.audience_department)}</span> }.into_any()
    } else {
        view! { <span class="badge">{t!(i18n, reports.audience_commune)}</span> }.into_any()
    };
    view! {
        <li data-testid=format!("period-{}-{}", p.kind, p.year)>
            <ActionForm action=save attr:class="stack-form">
                <strong>{p.name.get(english).to_owned()}</strong>" "{audience}
                <input type="hidden" name="period_id" value=p.id />
                <div class="grid-form">
                    <label>{t!(i18n, reports.starts_on)}<input type="date" name="starts_on" value=p.starts_on.clone() required /></label>
                    <label>{t!(i18n, reports.ends_on)}<input type="date" name="ends_on" value=p.ends_on.clone() required /></label>
                    <label>{t!(i18n, reports.due)}<input type="date" name="due_on" value=p.due_on.clone() required data-testid="due-on" /></label>
                </div>
                <FieldError error field="starts_on" />
                <FieldError error field="ends_on" />
                <FieldError error field="due_on" />
                <FormError error />
                <button type="submit" data-testid="save-period">{t!(i18n, reports.save_row)}</button>
            </ActionForm>
        </li>
    }
}

/// An ad hoc report or a multi-year review: its kind, title and dates; once added, a link to it.
#[component]
fn CustomPeriodForm(reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddReportCustom>::new();
    reload_on_success(add, reload);
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let added = move || add.value().get().and_then(Result::ok);
    view! {
        <ActionForm action=add attr:class="stack-form wide-form" attr:data-testid="add-custom">
            <FormError error />
            <label for="custom-kind">{t!(i18n, reports.custom_kind)}</label>
            <select id="custom-kind" name="input[kind]" required>
                <option value="adhoc">{t!(i18n, reports.kind_adhoc)}</option>
                <option value="review">{t!(i18n, reports.kind_review)}</option>
            </select>
            <FieldError error field="kind" />
            <label for="custom-title">{t!(i18n, reports.custom_name)}</label>
            <input id="custom-title" name="input[title]" required maxlength="200" />
            <FieldError error field="title" />
            <label for="custom-start">{t!(i18n, reports.starts_on)}</label>
            <input id="custom-start" type="date" name="input[starts_on]" required />
            <FieldError error field="starts_on" />
            <label for="custom-end">{t!(i18n, reports.ends_on)}</label>
            <input id="custom-end" type="date" name="input[ends_on]" required />
            <FieldError error field="ends_on" />
            <label for="custom-due">{t!(i18n, reports.due)}</label>
            <input id="custom-due" type="date" name="input[due_on]" required />
            <FieldError error field="due_on" />
            <button type="submit" disabled=move || add.pending().get()>{t!(i18n, reports.custom_add)}</button>
        </ActionForm>
        {move || added().map(|id| view! {
            <p class="notice" role="status" data-testid="custom-added">
                {t!(i18n, reports.custom_added)}" "
                <a href=format!("/reports/{id}/20")>{t!(i18n, reports.custom_open)}</a>
            </p>
        })}
    }
}

/// A target row (`Some`: year and locality fixed) or the form for a new one.
#[component]
fn TargetForm(
    t: Option<TargetRow>,
    communes: Vec<(String, String)>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveReportTarget>::new();
    reload_on_success(save, reload);
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let testid = t.as_ref().map_or("target-new".to_owned(), |t| {
        format!("target-{}-{}", t.year, t.scope_code)
    });
    let head = match &t {
        Some(t) => view! {
            <strong>{t.year}" · "{t.scope_name.clone()}</strong>
            <input type="hidden" name="year" value=t.year />
            <input type="hidden" name="scope_code" value=t.scope_code.clone() />
        }
        .into_any(),
        None => view! {
            <label>{t!(i18n, reports.year)}<input name="year" type="number" min="2019" max="2100" required /></label>
            <FieldError error field="year" />
            <label>{t!(i18n, reports.scope)}
                <select name="scope_code" data-testid="target-scope">
                    <option value="20">"Tỉnh Lạng Sơn"</option>
                    {communes.into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                </select>
            </label>
            <FieldError error field="scope_code" />
        }
        .into_any(),
    };
    let (new_3star, national) = t.as_ref().map_or((String::new(), String::new()), |t| {
        (t.new_3star.to_string(), t.national.to_string())
    });
    view! {
        <li data-testid=testid>
            <ActionForm action=save attr:class="stack-form" attr:novalidate=true>
                {head}
                <div class="grid-form">
                    <label>{t!(i18n, reports.new_3star)}<input name="new_3star" type="number" min="0" required value=new_3star data-testid="target-new-3star" /></label>
                    <label>{t!(i18n, reports.national)}<input name="national" type="number" min="0" required value=national data-testid="target-national" /></label>
                </div>
                <FieldError error field="new_3star" />
                <FieldError error field="national" />
                <FormError error />
                <button type="submit" data-testid="save-target">{t!(i18n, reports.save_row)}</button>
            </ActionForm>
        </li>
    }
}
