//! `/rounds/:id/minutes`: the council's minutes, ready to print (the browser's print removes the
//! site's header), and the escalation archive of the ≥ 90-point products to download.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::area_gate::SignedInGate;
use crate::components::error::ErrorMessage;
use crate::components::minutes::MinutesDocument;
use crate::functions::evaluation::rounds::get_round_minutes;
use crate::i18n::{t, use_i18n};
use crate::models::AppError;

#[component]
pub fn MinutesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let round_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let minutes = Resource::new(round_id, get_round_minutes);
    view! {
        <SignedInGate>
            <div class="no-print"><crate::components::help::HelpPanel screen="rounds.minutes" /></div>
            <Transition fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match minutes.await {
                        Ok(m) => {
                            let id = m.round_id;
                            let national = m.national_count();
                            let round_name = m.round_name.clone();
                            view! {
                                <div class="no-print actions">
                                    <A href=format!("/rounds/{id}")>"← "{round_name}</A>
                                    " "<button type="button" on:click=move |_| { let _ = window().print(); } data-testid="print-minutes">{t!(i18n, rounds.print)}</button>
                                    {(national > 0).then(|| view! {
                                        " "<a class="button" href=format!("/rounds/{id}/escalation.zip") download data-testid="escalation-zip">
                                            {t!(i18n, rounds.escalation_zip)}" ("{national}")"
                                        </a>
                                    })}
                                </div>
                                <MinutesDocument minutes=m />
                            }.into_any()
                        }
                        Err(AppError::Conflict { .. }) => view! { <p class="notice">{t!(i18n, rounds.minutes_later)}</p> }.into_any(),
                        Err(AppError::NotFound) => view! { <crate::routes::public::not_found::NotFound /> }.into_any(),
                        Err(AppError::Forbidden) => view! { <crate::components::area_gate::NotAllowed /> }.into_any(),
                        Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </SignedInGate>
    }
}
