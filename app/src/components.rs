//! Reusable UI pieces.
pub mod area_gate;
pub mod chart;
pub mod commune_options;
pub mod confirm_submit;
pub mod error;
pub mod error_summary;
pub mod field_error;
pub mod file_upload;
pub mod help;
pub mod hydration;
pub mod island_i18n;
pub mod labels;
pub mod layout;
pub mod live_region;
pub mod minutes;
pub mod pager;
pub mod saved_count;
pub mod session;
pub mod text_area;

/// A numeric route parameter (0 when missing or not a number: the server answers "not found").
pub fn id_param(name: &'static str) -> impl Fn() -> i32 + Copy + Send + Sync + 'static {
    use leptos::prelude::Read;
    let params = leptos_router::hooks::use_params_map();
    move || {
        params
            .read()
            .get(name)
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or(0)
    }
}

/// Sets the HTTP status of a server-rendered page; nothing to do once in the browser.
pub fn set_http_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Sets the status of a failing server function's response. Not for a plain HTML form post
/// (no JavaScript): Leptos answers that with a redirect back to the form, which a status here
/// would break.
pub fn set_api_error_status(code: u16) {
    #[cfg(feature = "ssr")]
    {
        let from_html_form = leptos::prelude::use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.headers.get(axum::http::header::ACCEPT).cloned())
            .and_then(|accept| accept.to_str().ok().map(|a| a.contains("text/html")))
            .unwrap_or(false);
        if !from_html_form {
            set_http_status(code);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
