//! Server functions, in the same capability folders as the services. Each is thin: the request
//! context (`ctx`: database, actor, client address, public base, today) → one service (which
//! checks the actor may act) → the error mapped for the wire.
pub mod accounts;
pub mod adoption;
pub mod api_tokens;
pub mod audit;
pub mod certificates;
pub mod dossiers;
pub mod evaluation;
pub mod help;
pub mod imports;
pub mod inspections;
pub mod mail;
pub mod master_data;
pub mod notifications;
pub mod producers;
pub mod registry;
pub mod reports;
pub mod traceability;
pub mod trade;
pub mod training;
#[cfg(feature = "ssr")]
pub mod uploads;
pub mod work_areas;

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

/// The language this browser chose ("en" once the visitor switched to English, else "vi"):
/// the switch keeps it in a cookie, which e-mails to the account then follow.
#[cfg(feature = "ssr")]
pub(crate) fn browser_language() -> &'static str {
    let english =
        leptos::prelude::use_context::<axum::http::request::Parts>().is_some_and(|parts| {
            parts
                .headers
                .get_all(axum::http::header::COOKIE)
                .iter()
                .filter_map(|h| h.to_str().ok())
                .flat_map(|h| h.split(';'))
                .any(|pair| pair.trim() == "i18n_pref_locale=en")
        });
    if english { "en" } else { "vi" }
}

/// What every server function starts from: the database, the actor, the client's address,
/// the public base address (`PUBLIC_URL`, else the request's host) and today's date in Vietnam.
#[cfg(feature = "ssr")]
pub(crate) struct Ctx {
    pub app: crate::state::AppState,
    pub db: sea_orm::DatabaseConnection,
    pub actor: crate::auth::Actor,
    pub ip: Option<String>,
    pub base: String,
    pub today: chrono::NaiveDate,
}

#[cfg(feature = "ssr")]
impl Ctx {
    /// Notes in the audit log what this request just did, with the client's address (for the
    /// actions whose services do not write their own entry).
    ///
    /// # Errors
    /// `Internal` on a database failure.
    pub(crate) async fn audit(
        &self,
        action: crate::domain::audit_action::AuditAction,
        (target_type, target_id): (&str, String),
        summary: String,
        details: crate::domain::audit_details::Details,
    ) -> Result<(), crate::models::AppError> {
        crate::services::audit::append(
            &self.db,
            crate::services::audit::Entry {
                actor_user_id: self.actor.user_id(),
                action,
                target_type,
                target_id: Some(target_id),
                summary,
                ip: self.ip.clone(),
                details,
            },
        )
        .await
        .map_err(|err| {
            tracing::error!(error = %err, action = action.as_str(), "audit");
            crate::models::AppError::Internal
        })
    }
}

/// The request context of the server function being run.
///
/// # Errors
/// `Internal` when the state or the session layer is missing, or the session store fails.
#[cfg(feature = "ssr")]
pub(crate) async fn ctx() -> Result<Ctx, crate::models::AppError> {
    let app = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&app).await?;
    let ip = crate::auth::current::client_ip(&app).await;
    Ok(Ctx {
        db: app.db.clone(),
        base: request_base(&app),
        today: crate::services::today_in_vietnam(),
        app,
        actor,
        ip,
    })
}
