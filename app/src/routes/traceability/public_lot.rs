//! `/lots/:id`: a lot's public trace — what a lot's QR stamp opens: the product and its
//! subject, whether its OCOP certificate is valid (a clear warning when not), the lot's dates
//! and raw-material origin, and its timeline from raw material to pack. Served as a light page
//! (`light.rs`): HTML, no script.
use crate::components::labels::{CertificateStatus, Stars};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::traceability::lots::{EventView, LotView};
use leptos::prelude::*;

/// The page's body (`light::document` puts the site frame around it).
#[component]
pub fn PublicLotView(l: LotView) -> impl IntoView {
    let i18n = use_i18n();
    let name = l.product_name.clone();
    view! {
        <article class="public-product lot-trace" data-testid="lot-trace">
            <p class="muted">{t!(i18n, lots.trace_title)}</p>
            <h1><a href=format!("/products/{}", l.product_id) rel="external">{name}</a></h1>
            <CertificateStanding certificate=l.certificate.clone() />
            <LotFacts l=l.clone() />
            <h2>{t!(i18n, lots.events)}</h2>
            <LotTimeline events=l.events.clone() />
        </article>
    }
}

/// The product's certificate: stars and "valid", or a warning that it may not carry the mark.
#[component]
pub fn CertificateStanding(
    certificate: Option<crate::models::producers::products::PublicCertificate>,
) -> impl IntoView {
    let i18n = use_i18n();
    certificate.map(|c| {
        let certified = matches!(c.status.as_str(), "valid" | "expiring");
        view! {
            <p class=if certified { "certificate-verdict" } else { "certificate-verdict warning" } data-testid="product-certificate" data-status=c.status.clone() role=(!certified).then_some("alert")>
                {certified.then(|| view! { <Stars stars=c.stars />" " })}
                <CertificateStatus status=c.status.clone() />" "
                {if certified { t!(i18n, products.public_certified).into_any() } else { t!(i18n, products.public_not_certified).into_any() }}
                " "<a href=format!("/certificates/{}", c.number)>{c.number.clone()}</a>
                " ("{t!(i18n, certificates.valid_until)}" "{c.valid_until.clone()}")"
            </p>
        }
    })
}

/// A lot's facts: code, subject, dates, quantity, origin.
#[component]
pub fn LotFacts(l: LotView) -> impl IntoView {
    let i18n = use_i18n();
    let quantity = l
        .quantity
        .clone()
        .map(|q| format!("{q} {}", l.unit.clone().unwrap_or_default()));
    let origin = match (l.origin_commune_name.clone(), l.origin_note.clone()) {
        (Some(c), Some(n)) => Some(format!("{n} — {c}")),
        (c, n) => c.or(n),
    };
    view! {
        <dl class="facts">
            <dt>{t!(i18n, lots.code)}</dt><dd class="code" data-testid="lot-code">{l.code.clone()}</dd>
            <dt>{t!(i18n, certificates.subject)}</dt><dd><a href=format!("/subjects/{}", l.subject_id)>{l.subject_name.clone()}</a></dd>
            {(!l.commune_name.is_empty()).then(|| view! { <dt>{t!(i18n, certificates.commune)}</dt><dd>{l.commune_name.clone()}</dd> })}
            <dt>{t!(i18n, lots.produced_on)}</dt><dd>{l.produced_on.clone()}</dd>
            {l.expires_on.clone().map(|d| view! { <dt>{t!(i18n, lots.expires_on)}</dt><dd>{d}</dd> })}
            {quantity.map(|q| view! { <dt>{t!(i18n, lots.quantity)}</dt><dd>{q}</dd> })}
            {origin.map(|o| view! { <dt>{t!(i18n, lots.origin)}</dt><dd>{o}</dd> })}
        </dl>
    }
}

/// The lot's events, oldest first.
#[component]
pub fn LotTimeline(
    events: Vec<EventView>,
    /// On the producer's page: a photo upload under each event (its size limit), and the
    /// signal to reload after one.
    #[prop(optional)]
    uploads: Option<(usize, RwSignal<u32>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    if events.is_empty() {
        return view! { <p class="empty">{t!(i18n, lots.no_events)}</p> }.into_any();
    }
    view! {
        <ol class="timeline" data-testid="timeline">
            {events.into_iter().map(|e| {
                let kind = e.kind.clone();
                let place = [e.place.clone(), e.commune_name.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ");
                view! {
                    <li data-testid="timeline-event" data-kind=e.kind.clone()>
                        <strong>{move || event_kind(i18n, &kind)}</strong>" · "<span class="muted">{e.happened_at.clone()}</span>
                        {(!place.is_empty()).then(|| view! { <div>{place.clone()}</div> })}
                        {e.actor_name.clone().map(|a| view! { <div>{a}</div> })}
                        {(!e.inputs.is_empty()).then(|| view! { <div>{t!(i18n, lots.from_lots)}": "{e.inputs.join(", ")}</div> })}
                        {e.note.clone().map(|n| view! { <div class="muted">{n}</div> })}
                        {(!e.photos.is_empty()).then(|| view! {
                            <ul class="photo-grid event-photos">
                                {e.photos.iter().map(|id| view! {
                                    <li class="photo" data-testid="event-photo"><a href=format!("/files/{id}") target="_blank" rel="noopener"><img src=format!("/files/{id}/thumb") alt="" loading="lazy" /></a></li>
                                }).collect_view()}
                            </ul>
                        })}
                        {uploads.map(|(max_mb, reload)| view! {
                            <details class="event-photo-upload">
                                <summary>{t!(i18n, lots.add_photo)}</summary>
                                <crate::components::file_upload::FileUpload endpoint="/api/upload_event_photo"
                                    fields=vec![("event_id", e.id.to_string())] max_mb
                                    on_done=move |()| reload.update(|n| *n += 1) testid="upload-event-photo"
                                    accept=crate::components::file_upload::ACCEPT_IMAGES />
                            </details>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// An event kind's name in the visitor's language.
pub fn event_kind(i18n: leptos_i18n::I18nContext<crate::i18n::Locale>, kind: &str) -> String {
    match kind {
        "harvest" => t_string!(i18n, lots.kind_harvest).to_string(),
        "processing" => t_string!(i18n, lots.kind_processing).to_string(),
        "packing" => t_string!(i18n, lots.kind_packing).to_string(),
        "quality_test" => t_string!(i18n, lots.kind_quality_test).to_string(),
        "shipping" => t_string!(i18n, lots.kind_shipping).to_string(),
        _ => t_string!(i18n, lots.kind_sale).to_string(),
    }
}
