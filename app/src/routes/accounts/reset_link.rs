//! A freshly issued one-time link: when it was mailed, only where to; otherwise shown once to
//! hand over (selected on focus for copying, or printed). Only its hash is stored, so it cannot
//! be shown again later.
use leptos::prelude::*;

use crate::i18n::{t, use_i18n};
use crate::models::accounts::admin::ResetLink;

#[component]
pub fn ResetLinkBox(link: ResetLink) -> impl IntoView {
    let i18n = use_i18n();
    if link.sent_via.is_some() {
        return view! {
            <div class="notice" role="status" data-testid="reset-link-sent">
                {t!(i18n, admin.link_sent)}" "<strong>{link.contact}</strong>"."
            </div>
        }
        .into_any();
    }
    // The browser knows the address people reach this site by; the server may sit behind a proxy.
    let url = format!(
        "{}{}",
        window().location().origin().unwrap_or_default(),
        link.path
    );
    view! {
        <div class="notice reset-link" role="status" data-testid="reset-link">
            <p>
                <strong>{link.full_name}</strong>" — "{t!(i18n, admin.link_intro)}" "
                {link.contact}
            </p>
            // Selected on focus, ready to copy.
            <p><input type="text" readonly value=url.clone() class="link-field" data-testid="reset-link-url" aria-label="URL" on:focus=select_all /></p>
            // On paper the whole address, not the part a field shows.
            <p class="print-only link-text">{url}</p>
            <p class="muted">{t!(i18n, admin.link_expires)}" "{link.expires_at}</p>
            <p class="no-print">
                <button type="button" class="secondary" data-testid="print-link" on:click=|_| { let _ = window().print(); }>
                    {t!(i18n, admin.link_print)}
                </button>
            </p>
        </div>
    }
    .into_any()
}

/// Selects the whole link when the field gets focus, ready to copy (an event handler: the
/// Content-Security-Policy refuses inline `onfocus` attributes).
fn select_all(ev: leptos::ev::FocusEvent) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
    {
        input.select();
    }
}
