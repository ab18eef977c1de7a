//! `/admin/api-tokens`: the open data API's tokens for machine clients — the administrator
//! creates one for a partner (a note saying for whom, its scopes, its last day), sees its secret
//! once to hand over, and sees every token's use and state, revoking one after confirming.
use leptos::prelude::*;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::confirm_submit::ConfirmSubmit;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::saved_count::saved_count;
use crate::functions::api_tokens::{CreateApiToken, RevokeApiToken, api_tokens};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::api_tokens::TokenRow;

#[component]
pub fn ApiTokensPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Admin>
            <Tokens />
        </AreaGate>
    }
}

#[component]
fn Tokens() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateApiToken>::new();
    let revoke = ServerAction::<RevokeApiToken>::new();
    let (created, revoked) = (saved_count(create), saved_count(revoke));
    let tokens = Resource::new(move || (created.get(), revoked.get()), |_| api_tokens());
    view! {
        <h1>{t!(i18n, api_tokens.title)}</h1>
        <p class="muted">{t!(i18n, api_tokens.intro)}" "<a href="/open/v1/docs">"/open/v1/docs"</a></p>
        {move || revoke.value().get().and_then(Result::err).map(|e| view! { <ErrorMessage error=e /> })}
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match tokens.await {
                    // Only an administrator gets the list, and so the form.
                    Ok(rows) => view! {
                        <NewToken create />
                        <h2>{t!(i18n, api_tokens.list)}</h2>
                        {if rows.is_empty() {
                            view! { <p class="empty" data-testid="tokens-empty">{t!(i18n, api_tokens.empty)}</p> }.into_any()
                        } else {
                            view! { <TokenTable rows revoke /> }.into_any()
                        }}
                    }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn NewToken(create: ServerAction<CreateApiToken>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    // Emptied once a token is made, so a second press does not make another by mistake.
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(form)) = (create.value().get(), form.get()) {
            form.reset();
        }
    });
    view! {
        <section class="panel" data-testid="token-form">
            <h2>{t!(i18n, api_tokens.create)}</h2>
            {move || create.value().get().and_then(Result::ok).map(|made| view! {
                <div class="notice" role="status" data-testid="token-created">
                    <p><strong>{t!(i18n, api_tokens.created)}</strong></p>
                    // A read-only field: one tap selects the whole secret to copy it.
                    <input class="secret" readonly value=made.secret data-testid="token-secret"
                        aria-label=t_string!(i18n, api_tokens.created)
                        on:focus=|ev| {
                            use leptos::wasm_bindgen::JsCast;
                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok()) {
                                input.select();
                            }
                        } />
                    <p>{t!(i18n, api_tokens.once)}</p>
                </div>
            })}
            <FormError error />
            <ActionForm action=create node_ref=form attr:class="stack-form wide-form">
                <label for="token-note">{t!(i18n, api_tokens.note)}</label>
                <input id="token-note" name="note" required maxlength="200" data-testid="token-note" />
                <p class="hint">{t!(i18n, api_tokens.note_hint)}</p>
                <FieldError error field="note" />
                <fieldset>
                    <legend>{t!(i18n, api_tokens.scopes)}</legend>
                    <label><input type="checkbox" name="public_read" checked data-testid="scope-public" />" "{t!(i18n, api_tokens.public_read)}</label>
                    <label><input type="checkbox" name="private_read" data-testid="scope-private" />" "{t!(i18n, api_tokens.private_read)}</label>
                </fieldset>
                <FieldError error field="scopes" />
                <label for="token-expires">{t!(i18n, api_tokens.expires_on)}</label>
                <input id="token-expires" name="expires_on" type="date" required data-testid="token-expires" />
                <p class="hint">{t!(i18n, api_tokens.expires_hint)}</p>
                <FieldError error field="expires_on" />
                <button type="submit" disabled=move || create.pending().get() data-testid="token-submit">{t!(i18n, api_tokens.create)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn TokenTable(rows: Vec<TokenRow>, revoke: ServerAction<RevokeApiToken>) -> impl IntoView {
    let i18n = use_i18n();
    let state = move |s: &str| match s {
        "active" => t_string!(i18n, api_tokens.active),
        "expired" => t_string!(i18n, api_tokens.expired),
        _ => t_string!(i18n, api_tokens.revoked),
    };
    let scope = move |s: &str| match s {
        "private_read" => t_string!(i18n, api_tokens.private_read),
        _ => t_string!(i18n, api_tokens.public_read),
    };
    view! {
        <div class="table-wrap">
            <table class="data-table cards-on-phone" data-testid="tokens">
                <thead><tr>
                    <th>{t!(i18n, api_tokens.token)}</th>
                    <th>{t!(i18n, api_tokens.scopes)}</th>
                    <th>{t!(i18n, api_tokens.expires_on)}</th>
                    <th>{t!(i18n, api_tokens.last_used)}</th>
                    <th>{t!(i18n, api_tokens.state)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let active = row.state == "active";
                        let scopes = row.scopes.iter().map(|s| scope(s)).collect::<Vec<_>>().join(", ");
                        view! {
                            <tr data-testid="token-row" data-state=row.state.clone()>
                                <td><code>{row.prefix}"…"</code><br />{row.note}<br /><span class="muted">{row.created_at}</span></td>
                                <td data-label=t_string!(i18n, api_tokens.scopes)>{scopes}</td>
                                <td data-label=t_string!(i18n, api_tokens.expires_on)>{row.expires_on}</td>
                                <td data-label=t_string!(i18n, api_tokens.last_used)>
                                    {row.last_used_at.unwrap_or_else(|| t_string!(i18n, api_tokens.never).to_owned())}
                                    <br /><span class="muted">{row.use_count}" "{t!(i18n, api_tokens.uses)}</span>
                                </td>
                                <td data-label=t_string!(i18n, api_tokens.state)>
                                    <strong>{state(&row.state)}</strong>
                                    {active.then(|| view! {
                                        <ActionForm action=revoke attr:class="inline-form">
                                            <input type="hidden" name="id" value=row.id />
                                            <ConfirmSubmit label=move || t_string!(i18n, api_tokens.revoke) pending=revoke.pending() testid="token-revoke" danger=true>
                                                {t!(i18n, api_tokens.revoke_confirm)}
                                            </ConfirmSubmit>
                                        </ActionForm>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
