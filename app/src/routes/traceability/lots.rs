//! The producer's lots: a product's lots with the new-lot form (`/producer/products/:id/lots`)
//! and one lot's page (`/producer/lots/:id`) with its QR code and timeline, where events are
//! added from a phone in a few taps (kind as large buttons, the time filled in).
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::area_gate::SignedInGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::id_param;
use crate::components::saved_count::reload_on_success;
use crate::domain::lot::EventKind;
use crate::functions::traceability::lots::{AddLotEvent, CreateLot, get_lot, list_product_lots};
use crate::i18n::{t, use_i18n};
use crate::models::AppError;
use crate::models::traceability::lots::{LotView, ProductLots};
use crate::routes::traceability::public_lot::{
    CertificateStanding, LotFacts, LotTimeline, event_kind,
};

fn failure(e: AppError) -> AnyView {
    match e {
        AppError::NotFound => view! { <crate::routes::public::not_found::NotFound /> }.into_any(),
        AppError::Forbidden => view! { <crate::components::area_gate::NotAllowed /> }.into_any(),
        e => view! { <ErrorMessage error=e /> }.into_any(),
    }
}

#[component]
pub fn ProductLotsPage() -> impl IntoView {
    let product_id = id_param("id");
    let lots = Resource::new(product_id, list_product_lots);
    view! {
        <SignedInGate>
            <Transition fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match lots.await {
                        Ok(l) => view! { <LotList l /> }.into_any(),
                        Err(e) => failure(e),
                    }
                })}
            </Transition>
        </SignedInGate>
    }
}

#[component]
fn LotList(l: ProductLots) -> impl IntoView {
    let i18n = use_i18n();
    let product_id = l.product_id;
    let crumb = l.product_name.clone();
    view! {
        <p class="breadcrumb"><A href=format!("/producer/products/{product_id}")>{crumb}</A></p>
        <h1>{t!(i18n, lots.for_product)}" "{l.product_name.clone()}</h1>
        <crate::components::help::HelpPanel screen="lots.list" />
        {l.may_edit.then(|| view! { <NewLotForm product_id commune_code=l.commune_code.clone() communes=l.communes.clone() /> })}
        {if l.lots.is_empty() {
            view! { <p class="empty" data-testid="lots-empty">{t!(i18n, lots.empty)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="data-table" data-testid="lots">
                        <thead><tr>
                            <th scope="col">{t!(i18n, lots.code)}</th>
                            <th scope="col">{t!(i18n, lots.produced_on)}</th>
                            <th scope="col" class="wide-only">{t!(i18n, lots.expires_on)}</th>
                            <th scope="col" class="wide-only">{t!(i18n, lots.quantity)}</th>
                            <th scope="col">{t!(i18n, lots.event_count)}</th>
                        </tr></thead>
                        <tbody>
                            {l.lots.into_iter().map(|r| view! {
                                <tr data-testid="lot-row">
                                    <td><A href=format!("/producer/lots/{}", r.id)>{r.code}</A></td>
                                    <td>{r.produced_on}</td>
                                    <td class="wide-only">{r.expires_on.unwrap_or_default()}</td>
                                    <td class="wide-only">{r.quantity.map(|q| format!("{q} {}", r.unit.unwrap_or_default())).unwrap_or_default()}</td>
                                    <td>{r.event_count}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

#[component]
fn NewLotForm(
    product_id: i32,
    commune_code: String,
    communes: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateLot>::new();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/producer/lots/{id}"), Default::default());
        }
    });
    view! {
        <details class="panel" data-testid="new-lot" open>
            <summary>{t!(i18n, lots.new_lot)}</summary>
            <FormError error />
            <ActionForm action=create attr:class="stack-form wide-form" attr:data-testid="lot-form">
                <input type="hidden" name="product_id" value=product_id />
                <label for="lot-code">{t!(i18n, lots.code)}</label>
                <input id="lot-code" name="lot[code]" required maxlength="20" autocapitalize="characters" aria-describedby="lot-code-hint" />
                <p class="hint" id="lot-code-hint">{t!(i18n, lots.code_hint)}</p>
                <FieldError error field="code" />
                <label for="lot-produced">{t!(i18n, lots.produced_on)}</label>
                <input id="lot-produced" name="lot[produced_on]" type="date" required />
                <FieldError error field="produced_on" />
                <label for="lot-expires">{t!(i18n, lots.expires_on)}</label>
                <input id="lot-expires" name="lot[expires_on]" type="date" />
                <FieldError error field="expires_on" />
                <label for="lot-quantity">{t!(i18n, lots.quantity)}</label>
                <input id="lot-quantity" name="lot[quantity]" inputmode="decimal" maxlength="32" />
                <FieldError error field="quantity" />
                <label for="lot-unit">{t!(i18n, lots.unit)}</label>
                <input id="lot-unit" name="lot[unit]" maxlength="16" placeholder="kg, chai, hộp" />
                <label for="lot-origin">{t!(i18n, lots.origin_commune)}</label>
                <select id="lot-origin" name="lot[origin_commune_code]">
                    <option value="">"—"</option>
                    {communes.into_iter().map(|(code, name)| {
                        let selected = code == commune_code;
                        view! { <option value=code selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
                <FieldError error field="origin_commune_code" />
                <label for="lot-origin-note">{t!(i18n, lots.origin_note)}</label>
                <input id="lot-origin-note" name="lot[origin_note]" maxlength="1000" />
                <button type="submit" data-testid="create-lot" disabled=move || create.pending().get()>{t!(i18n, lots.create)}</button>
            </ActionForm>
        </details>
    }
}

#[component]
pub fn LotPage() -> impl IntoView {
    let lot_id = id_param("id");
    let add = ServerAction::<AddLotEvent>::new();
    let reload = RwSignal::new(0u32);
    reload_on_success(add, reload);
    let lot = Resource::new(move || (lot_id(), reload.get()), |(id, _)| get_lot(id));
    view! {
        <SignedInGate>
            <Transition fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match lot.await {
                        Ok(l) => view! { <Lot l add reload /> }.into_any(),
                        Err(e) => failure(e),
                    }
                })}
            </Transition>
        </SignedInGate>
    }
}

#[component]
fn Lot(l: LotView, add: ServerAction<AddLotEvent>, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    // Browser tests wait for this: the event form answers in place only once hydrated.
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    let crumb = l.product_name.clone();
    view! {
        {move || interactive.get().then(|| view! { <span data-testid="lot-interactive" hidden></span> })}
        <p class="breadcrumb"><A href=format!("/producer/products/{}/lots", l.product_id)>{crumb}</A></p>
        <h1>{t!(i18n, lots.title)}" "<span class="code">{l.code.clone()}</span></h1>
        <crate::components::help::HelpPanel screen="lots.detail" />
        <CertificateStanding certificate=l.certificate.clone() />
        <div class="lot-head">
            <LotFacts l=l.clone() />
            {l.qr_svg.clone().map(|svg| view! {
                <figure class="qr">
                    <div inner_html=svg></div>
                    <figcaption class="muted code" data-testid="lot-link">{l.digital_link.clone().unwrap_or_default()}</figcaption>
                    <a href=format!("/lots/{}/qr.png", l.id) download data-testid="lot-qr-png">{t!(i18n, products.qr_png)}</a>
                </figure>
            })}
        </div>
        <p class="actions">
            <a href=format!("/lots/{}", l.id) rel="external" data-testid="public-lot-link">{t!(i18n, lots.public_page)}</a>
            " · "<a href=format!("/lots/{}/epcis.jsonld", l.id) download data-testid="lot-epcis">{t!(i18n, lots.epcis)}</a>
        </p>
        <StampSheet lot_id=l.id />
        {l.may_edit.then(|| view! { <AddEventForm lot_id=l.id commune_code=l.subject_commune_code.clone() now=l.now_local.clone() others=l.other_lots.clone() add /> })}
        <h2>{t!(i18n, lots.events)}</h2>
        {if l.may_edit {
            view! { <LotTimeline events=l.events.clone() uploads=(l.max_upload_mb, reload) /> }.into_any()
        } else {
            view! { <LotTimeline events=l.events.clone() /> }.into_any()
        }}
    }
}

#[component]
fn AddEventForm(
    lot_id: i32,
    commune_code: String,
    now: String,
    others: Vec<(i32, String)>,
    add: ServerAction<AddLotEvent>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let picked = RwSignal::new(Vec::<i32>::new());
    let inputs = move || {
        picked
            .get()
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(",")
    };
    view! {
        <section class="panel" data-testid="add-event">
            <h2>{t!(i18n, lots.add_event)}</h2>
            <FormError error />
            <ActionForm action=add attr:class="stack-form" attr:data-testid="event-form">
                <input type="hidden" name="lot_id" value=lot_id />
                <input type="hidden" name="event[commune_code]" value=commune_code />
                <input type="hidden" name="event[inputs]" prop:value=inputs />
                <fieldset class="kind-choice">
                    <legend>{t!(i18n, lots.kind)}</legend>
                    {EventKind::ALL.into_iter().enumerate().map(|(i, k)| view! {
                        <label class="kind-option">
                            <input type="radio" name="event[kind]" value=k.as_str() checked=i == 0 required />
                            " "{move || event_kind(i18n, k.as_str())}
                        </label>
                    }).collect_view()}
                </fieldset>
                <FieldError error field="kind" />
                <label for="event-time">{t!(i18n, lots.happened_at)}</label>
                <input id="event-time" name="event[happened_at]" type="datetime-local" required value=now />
                <FieldError error field="happened_at" />
                <label for="event-place">{t!(i18n, lots.place)}</label>
                <input id="event-place" name="event[place]" maxlength="300" />
                <label for="event-actor">{t!(i18n, lots.actor_name)}</label>
                <input id="event-actor" name="event[actor_name]" maxlength="200" />
                <label for="event-note">{t!(i18n, lots.note)}</label>
                <textarea id="event-note" name="event[note]" rows="2" maxlength="2000"></textarea>
                {(!others.is_empty()).then(|| view! {
                    <fieldset>
                        <legend>{t!(i18n, lots.inputs)}</legend>
                        {others.into_iter().map(|(id, code)| view! {
                            <label class="check">
                                <input type="checkbox" data-testid="input-lot" on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    picked.update(|p| { p.retain(|x| *x != id); if on { p.push(id); } });
                                } />" "{code}
                            </label>
                        }).collect_view()}
                    </fieldset>
                })}
                <FieldError error field="inputs" />
                <button type="submit" data-testid="save-event" disabled=move || add.pending().get()>{t!(i18n, lots.save_event)}</button>
            </ActionForm>
        </section>
    }
}

/// The printable sheet of QR stamps: stamp width and count, a preview in the page, the PDF.
#[component]
fn StampSheet(lot_id: i32) -> impl IntoView {
    let i18n = use_i18n();
    let size = RwSignal::new("40".to_owned());
    let count = RwSignal::new("16".to_owned());
    let preview = RwSignal::new(false);
    let url = move || {
        format!(
            "/lots/{lot_id}/stamps.pdf?size={}&count={}",
            size.get(),
            count.get()
        )
    };
    view! {
        <section class="panel stamp-sheet" data-testid="stamp-sheet">
            <h2>{t!(i18n, lots.stamps)}</h2>
            <p class="muted">{t!(i18n, lots.stamps_hint)}</p>
            <div class="inline-form">
                <label for="stamp-size">{t!(i18n, lots.stamp_size)}</label>
                <select id="stamp-size" on:change=move |ev| size.set(event_target_value(&ev))>
                    {["30", "40", "50", "60"].into_iter().map(|mm| view! { <option value=mm selected=mm == "40">{mm}" mm"</option> }).collect_view()}
                </select>
                <label for="stamp-count">{t!(i18n, lots.stamp_count)}</label>
                <input id="stamp-count" type="number" min="1" max="500" inputmode="numeric" prop:value=count on:input=move |ev| count.set(event_target_value(&ev)) />
                <button type="button" class="secondary" data-testid="stamp-preview" on:click=move |_| preview.set(true)>{t!(i18n, lots.stamp_preview)}</button>
                <a class="button" href=url download data-testid="stamp-pdf">{t!(i18n, lots.stamp_download)}</a>
            </div>
            {move || preview.get().then(|| view! { <iframe class="stamp-preview" src=url title=move || crate::i18n::t_string!(i18n, lots.stamps).to_string()></iframe> })}
        </section>
    }
}
