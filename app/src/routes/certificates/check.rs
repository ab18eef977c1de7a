//! `/certificates/:number`: what a certificate's QR code opens — whether the certificate is
//! valid, expiring, expired, revoked or replaced, for which product of which subject. An
//! unknown number gets the 404 page.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::error::ErrorMessage;
use crate::components::labels::{CertificateStatus, Stars, points};
use crate::functions::certificates::check_certificate;
use crate::i18n::{t, use_i18n};
use crate::models::AppError;
use crate::models::evaluation::rounds::CertificateCheck;

#[component]
pub fn CertificatePage() -> impl IntoView {
    let params = use_params_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let check = Resource::new(number, check_certificate);
    view! {
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match check.await {
                    Ok(c) => view! { <Certificate check=c /> }.into_any(),
                    Err(AppError::NotFound) => view! { <crate::routes::public::not_found::NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Certificate(check: CertificateCheck) -> impl IntoView {
    let i18n = use_i18n();
    let c = check.row;
    let status = c.status.clone();
    let note = move || match status.as_str() {
        "valid" | "expiring" => t!(i18n, certificates.valid_note).into_any(),
        "superseded" => t!(i18n, certificates.superseded_note).into_any(),
        _ => t!(i18n, certificates.invalid_note).into_any(),
    };
    view! {
        <article class=format!("certificate-check status-{}", c.status) data-testid="certificate-check" data-status=c.status.clone()>
            <p class="muted">{t!(i18n, certificates.check_title)}</p>
            <h1><a href=format!("/products/{}", c.product_id) rel="external" data-testid="certificate-product">{c.product_name.clone()}</a></h1>
            <p class="certificate-verdict"><CertificateStatus status=c.status.clone() />" "{note}</p>
            <dl class="facts">
                <dt>{t!(i18n, certificates.number)}</dt><dd data-testid="certificate-number">{c.number.clone()}</dd>
                <dt>{t!(i18n, certificates.stars)}</dt><dd><Stars stars=c.stars />" · "{t!(i18n, certificates.score)}" "<span data-testid="certificate-score">{points(c.score)}</span></dd>
                <dt>{t!(i18n, certificates.subject)}</dt><dd>{c.subject_name.clone()}</dd>
                {check.subject_address.map(|a| view! { <dt>{t!(i18n, certificates.address)}</dt><dd>{a}</dd> })}
                <dt>{t!(i18n, certificates.commune)}</dt><dd>{c.commune_name.clone()}</dd>
                <dt>{t!(i18n, certificates.group)}</dt><dd>{check.group_name}</dd>
                <dt>{t!(i18n, certificates.decision)}</dt><dd>{c.decision_number.clone()}" ("{crate::domain::dates::iso_date(&c.decision_date)}")"<crate::routes::certificates::ministry::MinistryNote row=c.clone() /></dd>
                <dt>{t!(i18n, certificates.valid_until)}</dt><dd data-testid="valid-until">{crate::domain::dates::iso_date(&c.valid_until)}</dd>
                {c.revoke_reason.clone().map(|r| view! { <dt>{t!(i18n, certificates.revoke_reason)}</dt><dd>{r}</dd> })}
                {c.replaced_by.clone().map(|n| view! {
                    <dt>{t!(i18n, certificates.replaced_by)}</dt>
                    <dd><A href=format!("/certificates/{n}") attr:data-testid="replaced-by">{n.clone()}</A></dd>
                })}
            </dl>
            <p><A href="/">{t!(i18n, certificates.home)}</A></p>
        </article>
    }
}
