//! `/admin/mail`: the e-mail outbox for the operator — whether the server sends e-mail, how many
//! messages wait, were sent, failed or expired (each count filters the list), the newest
//! messages with their last error, and a test message to one's own address.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::ErrorMessage;
use crate::components::saved_count::saved_count;
use crate::functions::mail::{SendTestMail, mail_outbox};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::mail::{OutboxMessage, OutboxView};

#[component]
pub fn MailPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Admin>
            <Outbox />
        </AreaGate>
    }
}

#[component]
fn Outbox() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let state = move || query.read().get("state").unwrap_or_default();
    let test = ServerAction::<SendTestMail>::new();
    let sent = saved_count(test);
    let outbox = Resource::new(move || (state(), sent.get()), |(s, _)| mail_outbox(s));
    view! {
        <h1>{t!(i18n, mail.title)}</h1>
        <crate::components::help::HelpPanel screen="admin.mail" />
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match outbox.await {
                    Ok(view) => view! { <Overview view state=state() /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
        <section>
            <h2>{t!(i18n, mail.test_title)}</h2>
            <p class="muted">{t!(i18n, mail.test_hint)}</p>
            {move || match test.value().get() {
                Some(Ok(address)) => view! {
                    <p class="notice" role="status" data-testid="test-mail-queued">{t!(i18n, mail.test_queued)}" "<strong>{address}</strong></p>
                }.into_any(),
                Some(Err(e)) => view! { <ErrorMessage error=e /> }.into_any(),
                None => ().into_any(),
            }}
            <ActionForm action=test attr:class="inline-form">
                <button type="submit" class="secondary" data-testid="send-test-mail">{t!(i18n, mail.test_button)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Overview(view: OutboxView, state: String) -> impl IntoView {
    let i18n = use_i18n();
    let status = if view.enabled {
        view! { <p class="notice" data-testid="mail-on">{t!(i18n, mail.on)}</p> }.into_any()
    } else {
        view! { <p class="notice" data-testid="mail-off">{t!(i18n, mail.off)}</p> }.into_any()
    };
    let counts = view
        .counts
        .into_iter()
        .map(|(s, n)| {
            let label = state_label(i18n, &s);
            let current = s == state;
            view! {
                <li>
                    <A href=format!("/admin/mail?state={s}") attr:class=if current { "badge current" } else { "badge" } attr:data-testid=format!("mail-count-{s}")>
                        {label}": "{n}
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        {status}
        <ul class="chips" data-testid="mail-counts">
            {counts}
            {(!state.is_empty()).then(|| view! { <li><A href="/admin/mail">{t!(i18n, mail.all)}</A></li> })}
        </ul>
        {if view.messages.is_empty() {
            view! { <p class="empty" data-testid="mail-empty">{t!(i18n, mail.empty)}</p> }.into_any()
        } else {
            view! { <MessageTable messages=view.messages /> }.into_any()
        }}
    }
}

#[component]
fn MessageTable(messages: Vec<OutboxMessage>) -> impl IntoView {
    let i18n = use_i18n();
    // Two columns, so a phone shows them whole: who and what, then how it went.
    view! {
        <table class="data-table mail-table" data-testid="mail-messages">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, mail.col_to)}</th>
                    <th scope="col">{t!(i18n, mail.col_state)}</th>
                </tr>
            </thead>
            <tbody>
                {messages.into_iter().map(|m| {
                    let state = state_label(i18n, &m.state);
                    let kind = m.kind.clone();
                    let what = move || crate::domain::mail_text::title(&kind, i18n.get_locale() == crate::i18n::Locale::en);
                    view! {
                        <tr data-testid="mail-message" data-state=m.state.clone()>
                            <td class="mail-to">
                                {m.to_address}<br />
                                <span class="muted">{what}" · "{m.created_at}</span>
                            </td>
                            <td>
                                <strong>{state}</strong>
                                {(m.attempts > 1).then(|| format!(" ({} {})", m.attempts, t_string!(i18n, mail.attempts)))}
                                {m.sent_at.map(|at| view! { <br /><span class="muted">{at}</span> })}
                                {m.last_error.map(|e| view! { <br /><span class="muted mail-error">{e}</span> })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn state_label(i18n: leptos_i18n::I18nContext<crate::i18n::Locale>, state: &str) -> String {
    match state {
        "pending" => t_string!(i18n, mail.pending),
        "sending" => t_string!(i18n, mail.sending),
        "sent" => t_string!(i18n, mail.sent),
        "failed" => t_string!(i18n, mail.failed),
        _ => t_string!(i18n, mail.expired),
    }
    .to_string()
}
