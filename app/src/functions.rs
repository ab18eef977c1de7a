//! Server functions, one file per capability. Each is thin: context → actor → service (which
//! asks `auth::allowed` before doing anything) → the error mapped for the wire.
pub mod account_admin;
pub mod accounts;
pub mod audit;
pub mod criteria;
pub mod dashboard;
pub mod dossiers;
pub mod home;
pub mod labels;
pub mod lots;
pub mod notifications;
pub mod product_ideas;
pub mod products;
pub mod reports;
pub mod rounds;
pub mod subjects;
pub mod units;

/// The public address of this request: `PUBLIC_URL`, else its host (Digital Links, QR codes).
#[cfg(feature = "ssr")]
pub(crate) fn request_base(app: &crate::state::AppState) -> String {
    let host = leptos::prelude::use_context::<axum::http::request::Parts>().and_then(|parts| {
        parts
            .headers
            .get(axum::http::header::HOST)
            .and_then(|h| h.to_str().ok())
            .map(str::to_owned)
    });
    app.public_base(host.as_deref())
}
