//! `/trade-events`: fairs, exhibitions, livestream sales and e-commerce campaigns — the
//! province's for everyone, a commune's for its producers — with how many products take part
//! and their sales; officials record new ones below the list.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::area_gate::SignedInGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::domain::trade_event::EventKind;
use crate::functions::trade::{CreateTradeEvent, list_trade_events};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::trade::TradeEventRow;
use crate::routes::inspections::pair;
use crate::routes::trade::vnd;

#[component]
pub fn TradeEventsPage() -> impl IntoView {
    view! {
        <SignedInGate>
            <TradeEvents />
        </SignedInGate>
    }
}

#[component]
fn TradeEvents() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateTradeEvent>::new();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/trade-events/{id}"), Default::default());
        }
    });
    let events = Resource::new(|| (), |_| list_trade_events());
    view! {
        <h1>{t!(i18n, trade.title)}</h1>
        <crate::components::help::HelpPanel screen="trade.list" />
        <p class="muted">{t!(i18n, trade.intro)}</p>
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match events.await {
                    Ok(page) => view! {
                        {if page.events.is_empty() {
                            view! { <p class="empty" data-testid="trade-empty">{t!(i18n, trade.empty)}</p> }.into_any()
                        } else {
                            view! { <EventTable rows=page.events /> }.into_any()
                        }}
                        {page.may_organise.then(|| view! { <EventForm create /> })}
                    }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn EventTable(rows: Vec<TradeEventRow>) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |key: &'static str| match key {
        "kind" => t_string!(i18n, trade.kind).to_string(),
        "dates" => t_string!(i18n, trade.dates).to_string(),
        "place" => t_string!(i18n, trade.place).to_string(),
        _ => t_string!(i18n, trade.taking_part).to_string(),
    };
    view! {
        <div class="table-wrap">
            <table class="data-table cards-on-phone" data-testid="trade-events">
                <thead><tr>
                    <th>{t!(i18n, trade.name)}</th>
                    <th>{t!(i18n, trade.kind)}</th>
                    <th>{t!(i18n, trade.dates)}</th>
                    <th>{t!(i18n, trade.place)}</th>
                    <th>{t!(i18n, trade.taking_part)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|e| view! {
                        <tr data-testid="trade-event">
                            <td><A href=format!("/trade-events/{}", e.id)>{e.name}</A>
                                {(!e.commune_name.is_empty()).then(|| view! { <br /><span class="muted">{e.commune_name}</span> })}</td>
                            <td data-label=label("kind")>{pair(i18n, e.kind.label())}</td>
                            <td data-label=label("dates")>{e.starts_on}" – "{e.ends_on}</td>
                            <td data-label=label("place")>{e.place}<br /><span class="muted">{e.organiser}</span></td>
                            <td data-label=label("taking_part")>{e.taking_part}{e.sales_vnd.map(|s| format!(" · {}", vnd(s)))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn EventForm(create: ServerAction<CreateTradeEvent>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    view! {
        <section class="panel" data-testid="trade-event-form">
            <h2>{t!(i18n, trade.create)}</h2>
            <FormError error />
            <ActionForm action=create attr:class="stack-form wide-form">
                <label for="event-name">{t!(i18n, trade.name)}</label>
                <input id="event-name" name="input[name]" required maxlength="300" />
                <FieldError error field="name" />
                <label for="event-kind">{t!(i18n, trade.kind)}</label>
                <select id="event-kind" name="input[kind]" required>
                    {EventKind::ALL.into_iter().map(|k| view! { <option value=k.as_str()>{pair(i18n, k.label())}</option> }).collect_view()}
                </select>
                <FieldError error field="kind" />
                <label for="event-starts">{t!(i18n, trade.starts_on)}</label>
                <input id="event-starts" name="input[starts_on]" type="date" required />
                <FieldError error field="starts_on" />
                <label for="event-ends">{t!(i18n, trade.ends_on)}</label>
                <input id="event-ends" name="input[ends_on]" type="date" required />
                <FieldError error field="ends_on" />
                <label for="event-place">{t!(i18n, trade.place)}</label>
                <input id="event-place" name="input[place]" required maxlength="300" />
                <FieldError error field="place" />
                <label for="event-organiser">{t!(i18n, trade.organiser)}</label>
                <input id="event-organiser" name="input[organiser]" required maxlength="300" />
                <FieldError error field="organiser" />
                <label for="event-note">{t!(i18n, trade.note)}</label>
                <textarea id="event-note" name="input[note]" rows="2" maxlength="2000"></textarea>
                <FieldError error field="note" />
                <button type="submit" disabled=move || create.pending().get() data-testid="trade-event-submit">{t!(i18n, trade.create)}</button>
            </ActionForm>
        </section>
    }
}
