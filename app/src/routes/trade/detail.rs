//! `/trade-events/{id}`: one event — its participants (the organiser sees all, a producer
//! their own), a producer's application, the organiser's invitation, answers to either, and the
//! organiser's record of each product's results (participated, sales, contracts).
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::area_gate::SignedInGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::domain::trade_event::{Participation, answer, Side};
use crate::functions::trade::{ActOnParticipation, get_trade_event};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::trade::{ParticipantRow, TradeEventView};
use crate::routes::inspections::pair;
use crate::routes::trade::vnd;

#[component]
pub fn TradeEventPage() -> impl IntoView {
    view! {
        <SignedInGate>
            <TradeEvent />
        </SignedInGate>
    }
}

#[component]
fn TradeEvent() -> impl IntoView {
    let params = use_params_map();
    let act = ServerAction::<ActOnParticipation>::new();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok());
    let event = Resource::new(
        move || (id(), act.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_trade_event(id).await,
                None => Err(crate::models::AppError::NotFound),
            }
        },
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match event.await {
                    Ok(e) => view! { <EventBody e act /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn EventBody(e: TradeEventView, act: ServerAction<ActOnParticipation>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || act.value().get().and_then(Result::err));
    let ev = e.event.clone();
    let event_id = ev.id;
    let side = if e.as_organiser { Side::Organiser } else { Side::Producer };
    let (as_organiser, results_open) = (e.as_organiser, e.results_open);
    view! {
        <p><a href="/trade-events">"← "{t!(i18n, trade.title)}</a></p>
        <h1 data-testid="trade-event-title">{ev.name.clone()}</h1>
        <crate::components::help::HelpPanel screen="trade.detail" />
        <dl class="facts">
            <dt>{t!(i18n, trade.kind)}</dt><dd>{pair(i18n, ev.kind.label())}</dd>
            <dt>{t!(i18n, trade.dates)}</dt><dd>{ev.starts_on.clone()}" – "{ev.ends_on.clone()}</dd>
            <dt>{t!(i18n, trade.place)}</dt><dd>{ev.place.clone()}</dd>
            <dt>{t!(i18n, trade.organiser)}</dt><dd>{ev.organiser.clone()}</dd>
            <dt>{t!(i18n, trade.taking_part)}</dt><dd data-testid="trade-totals">{ev.taking_part}{ev.sales_vnd.map(|s| format!(" · {}", vnd(s)))}</dd>
            {e.note.clone().map(|n| view! { <dt>{t!(i18n, trade.note_read)}</dt><dd class="prewrap">{n}</dd> })}
        </dl>
        <FormError error />
        {(!e.choices.is_empty()).then(|| {
            let (action, title, button) = if e.as_organiser {
                ("invite", t_string!(i18n, trade.invite).to_string(), t_string!(i18n, trade.invite_submit).to_string())
            } else {
                ("apply", t_string!(i18n, trade.apply).to_string(), t_string!(i18n, trade.apply_submit).to_string())
            };
            view! {
                <section class="panel" data-testid="join-form">
                    <h2>{title}</h2>
                    <ActionForm action=act attr:class="stack-form wide-form">
                        <input type="hidden" name="input[event_id]" value=event_id />
                        <input type="hidden" name="input[action]" value=action />
                        <label for="join-product">{t!(i18n, trade.product)}</label>
                        <select id="join-product" name="input[product_id]" required>
                            {e.choices.clone().into_iter().map(|c| view! { <option value=c.product_id>{c.name}</option> }).collect_view()}
                        </select>
                        <FieldError error field="product_id" />
                        <label for="join-note">{t!(i18n, trade.note)}</label>
                        <textarea id="join-note" name="input[note]" rows="2" maxlength="2000"></textarea>
                        <button type="submit" disabled=move || act.pending().get() data-testid="join-submit">{button}</button>
                    </ActionForm>
                </section>
            }
        })}
        <section class="panel">
            <h2>{t!(i18n, trade.participants)}</h2>
            {if e.participants.is_empty() {
                view! { <p class="empty">{t!(i18n, trade.no_participants)}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards" data-testid="participants">
                        {e.participants.into_iter().map(|p| view! {
                            <Participant p event_id side act as_organiser results_open />
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Participant(
    p: ParticipantRow,
    event_id: i32,
    side: Side,
    act: ServerAction<ActOnParticipation>,
    as_organiser: bool,
    results_open: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let may_answer = answer(p.state, crate::domain::trade_event::Answer::Accept, side).is_some();
    let may_record = as_organiser && results_open && p.state == Participation::Confirmed;
    let id = p.id;
    let hidden = move |action: &'static str| view! {
        <input type="hidden" name="input[event_id]" value=event_id />
        <input type="hidden" name="input[participation_id]" value=id />
        <input type="hidden" name="input[action]" value=action />
    };
    let results = p.participated.map(|took_part| {
        let did = if took_part { t_string!(i18n, trade.participated_yes) } else { t_string!(i18n, trade.participated_no) };
        format!(
            "{did} · {} · {} {}",
            p.sales_vnd.map(vnd).unwrap_or_else(|| "—".into()),
            p.contracts.unwrap_or_default(),
            t_string!(i18n, trade.contracts_short)
        )
    });
    view! {
        <li class="card" data-testid="participant" data-state=p.state.as_str()>
            <h3 class="card-title">{p.product_name}</h3>
            <p class="muted">{p.subject_name}" · "<span class="badge">{pair(i18n, p.state.label())}</span></p>
            {p.note.map(|n| view! { <p class="prewrap">{n}</p> })}
            {results.map(|r| view! { <p data-testid="participant-results">{r}</p> })}
            {may_answer.then(|| view! {
                <div class="button-row">
                    <ActionForm action=act attr:class="inline-form">
                        {hidden("accept")}
                        <button type="submit" data-testid="accept-participation">{t!(i18n, trade.accept)}</button>
                    </ActionForm>
                    <ActionForm action=act attr:class="inline-form">
                        {hidden("decline")}
                        <button type="submit" class="secondary" data-testid="decline-participation">{t!(i18n, trade.decline)}</button>
                    </ActionForm>
                </div>
            })}
            {may_record.then(|| view! {
                <details class="inline-details" open=p.participated.is_none()>
                    <summary>{t!(i18n, trade.record)}</summary>
                    <ActionForm action=act attr:class="stack-form" attr:data-testid="results-form">
                        {hidden("record")}
                        <fieldset class="level-choice" data-problem="participated">
                            <legend>{t!(i18n, trade.participated)}</legend>
                            <label class="radio"><input type="radio" name="input[participated]" value="yes" required checked=p.participated != Some(false) />{t!(i18n, trade.participated_yes)}</label>
                            <label class="radio"><input type="radio" name="input[participated]" value="no" checked=p.participated == Some(false) />{t!(i18n, trade.participated_no)}</label>
                        </fieldset>
                        <label for=format!("sales-{id}")>{t!(i18n, trade.sales)}</label>
                        <input id=format!("sales-{id}") name="input[sales]" inputmode="numeric" maxlength="20"
                            value=p.sales_vnd.map(|s| s.to_string()).unwrap_or_default() />
                        <label for=format!("contracts-{id}")>{t!(i18n, trade.contracts)}</label>
                        <input id=format!("contracts-{id}") name="input[contracts]" inputmode="numeric" maxlength="6"
                            value=p.contracts.map(|c| c.to_string()).unwrap_or_default() />
                        <button type="submit" data-testid="results-submit">{t!(i18n, trade.record)}</button>
                    </ActionForm>
                </details>
            })}
        </li>
    }
}
