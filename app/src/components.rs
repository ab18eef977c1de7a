//! Reusable UI pieces.
pub mod area_gate;
pub mod error;
pub mod field_error;
pub mod layout;
pub mod session;

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
