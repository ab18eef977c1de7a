//! Certificate lists: the province's by state, searchable and 25 a page, with revocation
//! (`/province/certificates`); a producer's own with a reminder to apply for re-recognition
//! before expiry (`/producer/certificates`). On a phone each certificate is a card.
use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_query_map;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::confirm_submit::ConfirmSubmit;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::labels::{CertificateStatus, Stars, points};
use crate::components::pager::Pager;
use crate::components::saved_count::saved_count;
use crate::functions::certificates::{RecordMinistryResult, RevokeCertificate, list_certificates};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::evaluation::rounds::{CertificatePage, CertificateRow};
use crate::routes::certificates::ministry::{MinistryForm, MinistryNote};

const STATES: [&str; 7] = [
    "",
    "valid",
    "expiring",
    "expired",
    "revoked",
    "superseded",
    "national",
];

#[component]
pub fn ProvinceCertificatesPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Province>
            <Certificates province=true />
        </AreaGate>
    }
}

#[component]
pub fn ProducerCertificatesPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Producer>
            <Certificates province=false />
        </AreaGate>
    }
}

#[component]
fn Certificates(province: bool) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let state = move || param("state");
    let search = move || param("q");
    let revoke = ServerAction::<RevokeCertificate>::new();
    let revoked = saved_count(revoke);
    let record = ServerAction::<RecordMinistryResult>::new();
    let recorded = saved_count(record);
    let rows = Resource::new(
        move || {
            (
                state(),
                search(),
                param("page"),
                revoked.get() + recorded.get(),
            )
        },
        |(s, q, page, _)| list_certificates(s, q, page),
    );
    let error = Signal::derive(move || revoke.value().get().and_then(Result::err));
    let ministry_error = Signal::derive(move || record.value().get().and_then(Result::err));
    let actions = RowActions {
        revoke,
        error,
        record,
        ministry_error,
    };
    let tab = move |s: &'static str| {
        let label = move || match s {
            "valid" => t_string!(i18n, certificates.valid).to_string(),
            "expiring" => t_string!(i18n, certificates.expiring).to_string(),
            "expired" => t_string!(i18n, certificates.expired).to_string(),
            "revoked" => t_string!(i18n, certificates.revoked).to_string(),
            "superseded" => t_string!(i18n, certificates.superseded).to_string(),
            "national" => t_string!(i18n, certificates.national).to_string(),
            _ => t_string!(i18n, certificates.all).to_string(),
        };
        let href = if s.is_empty() {
            "/province/certificates".to_owned()
        } else {
            format!("/province/certificates?state={s}")
        };
        view! { <A href=href attr:class=move || if state() == s { "tab active" } else { "tab" }>{label}</A> }
    };
    view! {
        <h1>{if province { t!(i18n, certificates.title).into_any() } else { t!(i18n, certificates.mine).into_any() }}</h1>
        <crate::components::help::HelpPanel screen={if province { "certificates.province" } else { "certificates.producer" }} />
        {province.then(|| view! {
            <nav class="tabs">{STATES.into_iter().map(tab).collect_view()}</nav>
            <Form method="GET" action="/province/certificates" attr:class="filter-form">
                <input type="hidden" name="state" value=state prop:value=state />
                <label>
                    {t!(i18n, certificates.search)}
                    <input type="search" name="q" maxlength="100" value=search prop:value=search
                        data-testid="certificate-search" />
                </label>
                <button type="submit">{t!(i18n, admin.filter)}</button>
            </Form>
        })}
        <FormError error />
        <FormError error=ministry_error />
        {move || match record.value().get() {
            Some(Ok(issued)) => Some(view! {
                <p class="notice" role="status" data-testid="ministry-saved">
                    {t!(i18n, certificates.ministry_saved)}
                    {issued.map(|n| view! { " "{t!(i18n, certificates.ministry_issued)}" "<A href=format!("/certificates/{n}")>{n.clone()}</A> })}
                </p>
            }),
            _ => None,
        }}
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(page) if page.rows.is_empty() => view! { <p class="empty" data-testid="certificates-empty">{t!(i18n, certificates.empty)}</p> }.into_any(),
                    Ok(page) => {
                        let params = vec![("state", state()), ("q", search())];
                        view! { <CertificateTable page params province actions /> }.into_any()
                    }
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The province's actions on a row, with the errors they answered.
#[derive(Clone, Copy)]
struct RowActions {
    revoke: ServerAction<RevokeCertificate>,
    error: Signal<Option<crate::models::AppError>>,
    record: ServerAction<RecordMinistryResult>,
    ministry_error: Signal<Option<crate::models::AppError>>,
}

#[component]
fn CertificateTable(
    page: CertificatePage,
    params: Vec<(&'static str, String)>,
    province: bool,
    actions: RowActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let expiring = !province && page.rows.iter().any(|r| r.status == "expiring");
    let has_more = page.page < page.pages;
    // Which tab the rows belong to: while the next tab loads, the last one's rows stay shown.
    let shown = params
        .iter()
        .find(|(key, _)| *key == "state")
        .map(|(_, value)| value.clone());
    view! {
        {expiring.then(|| view! {
            <p class="notice" data-testid="renew-reminder">{t!(i18n, certificates.reminder)}" "<A href="/producer/dossiers">{t!(i18n, dossiers.title)}</A></p>
        })}
        {province.then(|| view! { <p class="muted" data-testid="certificates-count">{page.total}" "{t!(i18n, certificates.found)}</p> })}
        <table class="data-table cards-on-phone" data-testid="certificates" data-state=shown>
            <thead><tr>
                <th>{t!(i18n, certificates.number)}</th>
                <th>{t!(i18n, certificates.product)}</th>
                <th>{t!(i18n, certificates.stars)}</th>
                <th>{t!(i18n, certificates.valid_until)}</th>
                <th>{t!(i18n, certificates.state)}</th>
                {province.then(|| view! { <th></th> })}
            </tr></thead>
            <tbody>
                {page.rows.into_iter().map(|row| view! { <CertificateLine row province actions /> }).collect_view()}
            </tbody>
        </table>
        {(page.pages > 1).then(|| view! {
            <Pager path="/province/certificates" params page=page.page pages=page.pages has_more />
        })}
    }
}

#[component]
fn CertificateLine(row: CertificateRow, province: bool, actions: RowActions) -> impl IntoView {
    let i18n = use_i18n();
    let RowActions {
        revoke,
        error,
        record,
        ministry_error,
    } = actions;
    let awaiting = province && row.awaiting_ministry;
    let note = row.clone();
    let may_revoke = province && matches!(row.status.as_str(), "valid" | "expiring");
    let n = row.number.clone();
    let (page, pdf) = (
        format!("/certificates/{n}"),
        format!("/certificates/{n}/pdf"),
    );
    view! {
        <tr data-testid="certificate-row" data-status=row.status.clone()>
            <td data-label=move || t_string!(i18n, certificates.number).to_string()><A href=page>{row.number.clone()}</A>" · "<a href=pdf download>"PDF"</a></td>
            <td data-label=move || t_string!(i18n, certificates.product).to_string()>{row.product_name.clone()}<br /><span class="muted">{row.subject_name.clone()}" · "{row.commune_name.clone()}</span></td>
            <td data-label=move || t_string!(i18n, certificates.stars).to_string()><Stars stars=row.stars />" "{points(row.score)}</td>
            <td data-label=move || t_string!(i18n, certificates.valid_until).to_string()>{crate::domain::dates::iso_date(&row.valid_until)}</td>
            <td data-label=move || t_string!(i18n, certificates.state).to_string()><CertificateStatus status=row.status.clone() />{row.revoke_reason.clone().map(|r| view! { <br /><span class="muted">{r}</span> })}<MinistryNote row=note /></td>
            {province.then(|| view! {
                <td>
                    {awaiting.then(|| view! { <MinistryForm number=n.clone() record error=ministry_error /> })}
                    {may_revoke.then(|| view! {
                        <details class="inline-details">
                            <summary>{t!(i18n, certificates.revoke)}</summary>
                            <ActionForm action=revoke attr:class="stack-form">
                                <input type="hidden" name="number" value=n.clone() />
                                <label>{t!(i18n, certificates.revoke_reason)}<input name="reason" required maxlength="1000" /></label>
                                <FieldError error field="reason" />
                                <label>{t!(i18n, certificates.revoke_decision)}<input name="decision" required maxlength="64" /></label>
                                <FieldError error field="decision" />
                                <label>{t!(i18n, certificates.revoke_date)}<input name="date" type="date" required /></label>
                                <FieldError error field="date" />
                                <ConfirmSubmit
                                    label=move || t_string!(i18n, certificates.revoke).to_string()
                                    pending=revoke.pending()
                                    testid="list-revoke"
                                    danger=true
                                >
                                    {t!(i18n, certificates.revoke_confirm)}
                                </ConfirmSubmit>
                            </ActionForm>
                        </details>
                    })}
                </td>
            })}
        </tr>
    }
}
