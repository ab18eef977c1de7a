//! The commune's pre-assessment of the four criteria: a form for the commune while it checks
//! the dossier (an island), the saved result for everyone else.
use leptos::prelude::*;

use crate::components::error::FormError;
use crate::components::field_error::FieldError;
use crate::components::island_i18n::IslandI18n;
use crate::components::live_region::refresh_on_success;
use crate::domain::pre_assessment::{
    CRITERIA, JUSTIFICATION_FIELDS, PreAssessmentInput, VERDICT_FIELDS,
};
use crate::functions::dossiers::SavePreAssessment;
use crate::i18n::{t, t_string, use_i18n};
use crate::models::dossiers::DossierView;

/// The criterion's name in the user's language.
pub fn criterion_label(i18n: leptos_i18n::I18nContext<crate::i18n::Locale>, code: &str) -> String {
    match code {
        "raw_materials" => t_string!(i18n, assessment.raw_materials).to_string(),
        "labour" => t_string!(i18n, assessment.labour).to_string(),
        "idea_origin" => t_string!(i18n, assessment.idea_origin).to_string(),
        _ => t_string!(i18n, assessment.local_identity).to_string(),
    }
}

/// `saved`: the page was fetched again after the pre-assessment was saved, which it confirms.
#[component]
pub fn AssessmentSection(d: DossierView, saved: bool) -> impl IntoView {
    let i18n = use_i18n();
    if !d.may_review {
        return view! {
            <section class="panel" data-testid="assessment">
                <h2>{t!(i18n, assessment.title)}</h2>
                {match d.assessment {
                    None => view! { <p class="muted">{t!(i18n, assessment.none)}</p> }.into_any(),
                    Some(a) => view! { <AssessmentTable a /> }.into_any(),
                }}
            </section>
        }
        .into_any();
    }
    view! {
        <section class="panel" data-testid="assessment" data-problem="assessment" tabindex="-1">
            <h2>{t!(i18n, assessment.title)}</h2>
            {saved.then(|| view! { <p class="notice" role="status" data-testid="assessment-saved">{t!(i18n, assessment.saved)}</p> })}
            <AssessmentForm dossier_id=d.id current=d.assessment.unwrap_or_default() />
        </section>
    }
    .into_any()
}

/// The commune's form; the dossier is fetched again once it is saved.
#[island]
fn AssessmentForm(dossier_id: i32, current: PreAssessmentInput) -> impl IntoView {
    let save = ServerAction::<SavePreAssessment>::new();
    refresh_on_success(save, "assessment");
    view! {
        <IslandI18n>
            <AssessmentFields save dossier_id current />
        </IslandI18n>
    }
}

#[component]
fn AssessmentFields(
    save: ServerAction<SavePreAssessment>,
    dossier_id: i32,
    current: PreAssessmentInput,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    view! {
        <FormError error />
        <ActionForm action=save attr:class="stack-form wide-form" attr:data-testid="assessment-form">
            <input type="hidden" name="dossier_id" value=dossier_id.to_string() />
            {(0..4).map(|i| {
                let (code, c) = (CRITERIA[i], current.criteria[i].clone());
                let (verdict, why) = (VERDICT_FIELDS[i], JUSTIFICATION_FIELDS[i]);
                let (verdict_name, why_name) = (format!("assessment[{verdict}]"), format!("assessment[{why}]"));
                view! {
                    <fieldset data-testid=format!("criterion-{code}")>
                        <legend>{criterion_label(i18n, code)}</legend>
                        <label class="inline">
                            <input type="radio" name=verdict_name.clone() value="met" checked=c.verdict == "met" />
                            {t!(i18n, assessment.met)}
                        </label>
                        <label class="inline">
                            <input type="radio" name=verdict_name value="not_met" checked=c.verdict == "not_met" />
                            {t!(i18n, assessment.not_met)}
                        </label>
                        <FieldError error field=verdict />
                        <label for=why>{t!(i18n, assessment.justification)}</label>
                        <textarea id=why name=why_name rows="2" maxlength="2000">{crate::components::text_area::textarea_text(&c.justification)}</textarea>
                        <FieldError error field=why />
                    </fieldset>
                }
            }).collect_view()}
            <label for="conclusion">{t!(i18n, assessment.conclusion)}</label>
            <textarea id="conclusion" name="assessment[conclusion]" rows="3" maxlength="4000">{crate::components::text_area::textarea_text(&current.conclusion)}</textarea>
            <FieldError error field="conclusion" />
            <button type="submit" disabled=move || save.pending().get()>{t!(i18n, assessment.save)}</button>
        </ActionForm>
    }
}

/// The saved pre-assessment as a table (also on the printable report).
#[component]
pub fn AssessmentTable(a: PreAssessmentInput) -> impl IntoView {
    let i18n = use_i18n();
    let met = a.criteria.iter().filter(|c| c.verdict == "met").count();
    view! {
        <table class="data-table assessment-table">
            <tbody>
                {CRITERIA.into_iter().zip(a.criteria).map(|(code, c)| {
                    let verdict = if c.verdict == "met" {
                        t_string!(i18n, assessment.met).to_string()
                    } else {
                        t_string!(i18n, assessment.not_met).to_string()
                    };
                    view! {
                        <tr>
                            <th scope="row">{move || criterion_label(i18n, code)}</th>
                            <td data-testid=format!("verdict-{code}")>{verdict}</td>
                            <td class="prewrap">{c.justification}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <p><strong>{met}"/4"</strong>" "{t!(i18n, assessment.met_count)}</p>
        {(!a.conclusion.is_empty()).then(|| view! {
            <h3>{t!(i18n, assessment.conclusion)}</h3>
            <p class="prewrap">{a.conclusion}</p>
        })}
    }
}
