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

/// Gives the page being rendered its policy, naming the nonce Leptos put on its scripts.
#[cfg(feature = "ssr")]
pub fn set_page_policy() {
    use leptos::prelude::use_context;
    let (Some(options), Some(nonce)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        leptos::nonce::use_nonce(),
    ) else {
        return;
    };
    if let Ok(value) = axum::http::HeaderValue::from_str(&policy(Some(&nonce.to_string()))) {
        options.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
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
