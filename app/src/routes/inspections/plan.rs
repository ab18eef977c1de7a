//! `/inspection-plans/new`: officials plan inspections — kind, date, team, purpose and the
//! certified products of their commune (the province: of every commune), ticked. Desk work, on
//! a page of the whole client; once saved, the (light) list of planned inspections opens.
use leptos::prelude::*;

use crate::components::area_gate::SignedInGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::domain::inspection::InspectionKind;
use crate::functions::inspections::{PlanInspections, list_plan_candidates};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::inspections::{MAX_PRODUCTS_PER_PLAN, PlanCandidate};
use crate::routes::inspections::pair;

#[component]
pub fn InspectionPlanPage() -> impl IntoView {
    view! {
        <SignedInGate>
            <PlanLoader />
        </SignedInGate>
    }
}

#[component]
fn PlanLoader() -> impl IntoView {
    let i18n = use_i18n();
    let candidates = Resource::new(|| (), |_| list_plan_candidates());
    view! {
        <p><a href="/inspections" rel="external">"← "{t!(i18n, inspections.back)}</a></p>
        <h1>{t!(i18n, inspections.plan_title)}</h1>
        <crate::components::help::HelpPanel screen="inspections.plan" />
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match candidates.await {
                    Ok(c) if c.is_empty() => view! { <p class="empty">{t!(i18n, inspections.no_candidates)}</p> }.into_any(),
                    Ok(c) => view! { <PlanForm candidates=c /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn PlanForm(candidates: Vec<PlanCandidate>) -> impl IntoView {
    let i18n = use_i18n();
    let plan = ServerAction::<PlanInspections>::new();
    // The list is a light page: a full page load.
    Effect::new(move |_| {
        if matches!(plan.value().get(), Some(Ok(_))) {
            let _ = window()
                .location()
                .set_href("/inspections?state=planned&planned=1");
        }
    });
    let error = Signal::derive(move || plan.value().get().and_then(Result::err));
    view! {
        <section class="panel" data-testid="plan-form">
            <p class="muted">{t!(i18n, inspections.plan_hint)}</p>
            <FormError error />
            <ActionForm action=plan attr:class="stack-form wide-form">
                <label for="plan-kind">{t!(i18n, inspections.kind)}</label>
                <select id="plan-kind" name="input[kind]" required>
                    {[InspectionKind::Periodic, InspectionKind::AdHoc].into_iter().map(|k| view! {
                        <option value=k.as_str()>{pair(i18n, k.label())}</option>
                    }).collect_view()}
                </select>
                <FieldError error field="kind" />
                <label for="plan-date">{t!(i18n, inspections.planned_on)}</label>
                <input id="plan-date" name="input[planned_on]" type="date" required />
                <FieldError error field="planned_on" />
                <label for="plan-team">{t!(i18n, inspections.team)}</label>
                <input id="plan-team" name="input[team]" required maxlength="500" />
                <FieldError error field="team" />
                <label for="plan-purpose">{t!(i18n, inspections.purpose)}</label>
                <textarea id="plan-purpose" name="input[purpose]" rows="2" maxlength="2000"></textarea>
                <FieldError error field="purpose" />
                <fieldset data-problem="product_ids" data-label=move || t_string!(i18n, inspections.plan_products).to_string()>
                    <legend>{t!(i18n, inspections.plan_products)}" (≤ "{MAX_PRODUCTS_PER_PLAN}")"</legend>
                    <ul class="check-list">
                        // Indexed names: the form's decoder reads `a[0]`, `a[3]`… as one list.
                        {candidates.into_iter().enumerate().map(|(index, c)| view! {
                            <li>
                                <label class="radio">
                                    <input type="checkbox" name=format!("input[product_ids][{index}]") value=c.product_id.to_string() data-testid="plan-product" />
                                    " "{c.product_name}" "{"★".repeat(usize::from(c.stars))}
                                    <span class="muted">" · "{c.subject_name}" · "{c.commune_name}</span>
                                </label>
                            </li>
                        }).collect_view()}
                    </ul>
                </fieldset>
                <FieldError error field="product_ids" />
                <button type="submit" disabled=move || plan.pending().get() data-testid="plan-submit">{t!(i18n, inspections.plan_submit)}</button>
            </ActionForm>
        </section>
    }
}
