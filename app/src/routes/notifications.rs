//! `/notifications`: the signed-in account's notifications, newest first; opening the page
//! does not mark them read, the button does.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::area_gate::SignedInGate;
use crate::components::error::ErrorMessage;
use crate::components::saved_count::saved_count;
use crate::functions::notifications::{MarkNotificationsRead, list_notifications};
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    view! {
        <SignedInGate>
            <NotificationList />
        </SignedInGate>
    }
}

#[component]
fn NotificationList() -> impl IntoView {
    let i18n = use_i18n();
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let marked = saved_count(mark);
    let list = Resource::new(move || marked.get(), |_| list_notifications());
    // Ideas live in the producer's or the commune's area.
    let session = crate::components::session::use_session();
    let ideas_path = move || match session.user.get().and_then(Result::ok).flatten() {
        Some(user) if user.role == crate::auth::Role::CommuneOfficer => "/commune/ideas".to_owned(),
        _ => "/producer/ideas".to_owned(),
    };
    let kind_label = move |kind: &str| match kind {
        "dossier.submit" => t_string!(i18n, notifications.dossier_submit).to_string(),
        "dossier.resubmit" => t_string!(i18n, notifications.dossier_resubmit).to_string(),
        "dossier.return" => t_string!(i18n, notifications.dossier_return).to_string(),
        "dossier.check" => t_string!(i18n, notifications.dossier_check).to_string(),
        "dossier.forward" => t_string!(i18n, notifications.dossier_forward).to_string(),
        "dossier.withdraw" => t_string!(i18n, notifications.dossier_withdraw).to_string(),
        "dossier.comment" => t_string!(i18n, notifications.dossier_comment).to_string(),
        "idea.submit" => t_string!(i18n, notifications.idea_submit).to_string(),
        "idea.accept" => t_string!(i18n, notifications.idea_accept).to_string(),
        "idea.decline" => t_string!(i18n, notifications.idea_decline).to_string(),
        "round.decided" => t_string!(i18n, notifications.round_decided).to_string(),
        "round.not_reached" => t_string!(i18n, notifications.round_not_reached).to_string(),
        "round.deferred" => t_string!(i18n, notifications.round_deferred).to_string(),
        "round.brought_back" => t_string!(i18n, notifications.round_brought_back).to_string(),
        "round.sheets_due" => t_string!(i18n, notifications.round_sheets_due).to_string(),
        "certificate.expiring" => t_string!(i18n, notifications.certificate_expiring).to_string(),
        "certificate.revoked" => t_string!(i18n, notifications.certificate_revoked).to_string(),
        "certificate.ministry" => t_string!(i18n, notifications.certificate_ministry).to_string(),
        "inspection.planned" => t_string!(i18n, notifications.inspection_planned).to_string(),
        "inspection.compliant" => t_string!(i18n, notifications.inspection_compliant).to_string(),
        "inspection.correction" => t_string!(i18n, notifications.inspection_correction).to_string(),
        "inspection.answered" => t_string!(i18n, notifications.inspection_answered).to_string(),
        "inspection.accepted" => t_string!(i18n, notifications.inspection_accepted).to_string(),
        "inspection.refused" => t_string!(i18n, notifications.inspection_refused).to_string(),
        "inspection.revocation_proposed" => t_string!(i18n, notifications.inspection_revocation_proposed).to_string(),
        "inspection.cancelled" => t_string!(i18n, notifications.inspection_cancelled).to_string(),
        "trade.applied" => t_string!(i18n, notifications.trade_applied).to_string(),
        "trade.invited" => t_string!(i18n, notifications.trade_invited).to_string(),
        "trade.confirmed" => t_string!(i18n, notifications.trade_confirmed).to_string(),
        "trade.declined" => t_string!(i18n, notifications.trade_declined).to_string(),
        "report.submitted" => t_string!(i18n, notifications.report_submitted).to_string(),
        "report.returned" => t_string!(i18n, notifications.report_returned).to_string(),
        "report.accepted" => t_string!(i18n, notifications.report_accepted).to_string(),
        _ => t_string!(i18n, notifications.other).to_string(),
    };
    view! {
        <div class="page-head">
            <h1>{t!(i18n, notifications.title)}</h1>
            <crate::components::help::HelpPanel screen="notifications" />
            <ActionForm action=mark attr:class="inline-form">
                <button type="submit" class="secondary" data-testid="mark-read">{t!(i18n, notifications.mark_read)}</button>
            </ActionForm>
        </div>
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(rows) if rows.is_empty() => view! { <p class="empty">{t!(i18n, notifications.empty)}</p> }.into_any(),
                    Ok(rows) => view! {
                        <ul class="notifications" data-testid="notifications">
                            {rows.into_iter().map(|n| {
                                let label = kind_label(&n.kind);
                                view! {
                                    <li class=if n.unread { "unread" } else { "" } data-testid="notification">
                                        <span class="muted">{n.at}</span>" "
                                        <strong>{label}</strong>": "{n.about}" "
                                        {match n.dossier_id {
                                            Some(id) => view! { <A href=format!("/dossiers/{id}")>{t!(i18n, notifications.open)}</A> }.into_any(),
                                            None if n.kind.starts_with("idea.") => view! { <A href=ideas_path>{t!(i18n, ideas.title)}</A> }.into_any(),
                                            None if n.kind.starts_with("certificate.") => view! { <A href="/producer/certificates">{t!(i18n, certificates.mine)}</A> }.into_any(),
                                            None if n.kind.starts_with("report.") => view! { <A href="/reports">{t!(i18n, notifications.open_report)}</A> }.into_any(),
                                            None if n.kind.starts_with("inspection.") => view! { <a href="/inspections">{t!(i18n, notifications.open_inspections)}</a> }.into_any(),
                                            None if n.kind.starts_with("trade.") => view! { <a href="/trade-events">{t!(i18n, notifications.open_trade)}</a> }.into_any(),
                                            None if n.kind == "round.sheets_due" => view! { <A href="/council">{t!(i18n, notifications.open_sheets)}</A> }.into_any(),
                                            None => ().into_any(),
                                        }}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}
