//! The Content-Security-Policy of every response. Scripts run only from this site, and the
//! inline scripts Leptos writes into a page (hydration, streamed resources) only with the
//! page's nonce; WebAssembly may compile (`'wasm-unsafe-eval'`); nothing may frame the site.
//! Styles allow inline `style` attributes (chart bars take their width from one).

/// The policy; `nonce` is the page's when it has inline scripts.
pub fn policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => "'self' 'wasm-unsafe-eval'".to_owned(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Where the router's security-headers middleware learns the nonce of the page being
/// rendered: it puts an empty slot in the request's extensions, and `note_page_nonce` (run
/// with the page's context) fills it with the nonce Leptos put on the page's scripts.
#[derive(Clone, Debug, Default)]
pub struct NonceSlot(pub std::sync::Arc<std::sync::OnceLock<String>>);

/// Fills the request's `NonceSlot` with the page's nonce (server only, in the page's context).
#[cfg(feature = "ssr")]
pub fn note_page_nonce() {
    use leptos::prelude::use_context;
    let (Some(parts), Some(nonce)) = (
        use_context::<axum::http::request::Parts>(),
        leptos::nonce::use_nonce(),
    ) else {
        return;
    };
    if let Some(slot) = parts.extensions.get::<NonceSlot>() {
        let _ = slot.0.set(nonce.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::policy;

    #[test]
    fn scripts_need_the_nonce_and_nothing_frames_the_site() {
        let page = policy(Some("abc"));
        assert!(page.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval';"));
        assert!(page.contains("frame-ancestors 'none'"));
        assert!(!policy(None).contains("nonce"));
        assert!(!page.contains("'unsafe-eval'") && !page.contains("script-src 'unsafe-inline'"));
    }
}
