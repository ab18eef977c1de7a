//! The Ministry's answer to a 5★ proposal, on the province's certificate list: a form on each
//! certificate awaiting it, and what was answered on each that has it.
use leptos::prelude::*;

use crate::components::confirm_submit::ConfirmSubmit;
use crate::components::field_error::FieldError;
use crate::components::labels::Stars;
use crate::functions::certificates::RecordMinistryResult;
use crate::i18n::{t, t_string, use_i18n};
use crate::models::AppError;
use crate::models::evaluation::rounds::CertificateRow;

/// The form: the Ministry's decision number and date and the stars it granted (5 unless the
/// officer picks otherwise).
#[component]
pub fn MinistryForm(
    number: String,
    record: ServerAction<RecordMinistryResult>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class="inline-details" data-testid="ministry-details">
            <summary>{t!(i18n, certificates.ministry_record)}</summary>
            <ActionForm action=record attr:class="stack-form" attr:data-testid="ministry-form">
                <input type="hidden" name="input[number]" value=number.clone() />
                <label>{t!(i18n, certificates.ministry_decision)}<input name="input[decision]" required maxlength="64" /></label>
                <FieldError error field="decision" />
                <label>{t!(i18n, certificates.ministry_date)}<input name="input[date]" type="date" required /></label>
                <FieldError error field="date" />
                <label for=format!("stars-{number}")>{t!(i18n, certificates.ministry_stars)}</label>
                <select id=format!("stars-{number}") name="input[stars]">
                        <option value="5" selected>"5 ★"</option>
                        <option value="4">"4 ★"</option>
                        <option value="3">"3 ★"</option>
                    </select>
                <FieldError error field="stars" />
                // A certificate may be issued in the Ministry's name: asked to confirm first.
                <ConfirmSubmit
                    label=move || t_string!(i18n, certificates.ministry_record).to_string()
                    pending=record.pending()
                    testid="ministry"
                >
                    {t!(i18n, certificates.ministry_confirm)}
                </ConfirmSubmit>
            </ActionForm>
        </details>
    }
}

/// What the Ministry answered (on a proposing certificate), or that it was proposed, or that
/// the certificate is the Ministry's own.
#[component]
pub fn MinistryNote(row: CertificateRow) -> impl IntoView {
    let i18n = use_i18n();
    if row.by_ministry {
        return view! { <br /><span class="muted" data-testid="by-ministry">{t!(i18n, certificates.ministry_issuer)}</span> }.into_any();
    }
    match (row.ministry_decision, row.ministry_stars) {
        (Some(decision), Some(stars)) => {
            let date = row
                .ministry_decision_date
                .map(|d| crate::domain::dates::iso_date(&d))
                .unwrap_or_default();
            view! {
                <br /><span class="muted" data-testid="ministry-answer">
                    {t!(i18n, certificates.ministry_answer)}": "<Stars stars />" — "{decision}" ("{date}")"
                </span>
            }
            .into_any()
        }
        _ if row.national => {
            view! { <br /><span class="muted">{t!(i18n, certificates.ministry_proposed)}</span> }
                .into_any()
        }
        _ => ().into_any(),
    }
}
