//! Certificates after they are issued: the officers' and the producer's lists, the public
//! check behind a certificate's QR code, and revocation.
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::evaluation::rounds::{CertificateCheck, CertificateRow};

/// Certificates in one state ("" for all); a producer gets their own.
#[server(prefix = "/api", endpoint = "list_certificates")]
pub async fn list_certificates(state: String) -> Result<Vec<CertificateRow>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::certificates::register::list(
        &ctx.db,
        &ctx.actor,
        &state,
        ctx.today,
        &ctx.app.certificates,
    )
    .await?)
}

/// The public check behind a certificate's QR code.
#[server(prefix = "/api", endpoint = "check_certificate")]
pub async fn check_certificate(number: String) -> Result<CertificateCheck, AppError> {
    let app = crate::state::app_state()?;
    let today = crate::services::today_in_vietnam();
    Ok(
        crate::services::certificates::register::check(&app.db, &number, today, &app.certificates)
            .await?,
    )
}

#[server(prefix = "/api", endpoint = "revoke_certificate")]
pub async fn revoke_certificate(
    number: String,
    reason: String,
    decision: String,
    date: String,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::certificates::register::revoke(
        &ctx.db, &ctx.actor, &number, &reason, &decision, &date,
    )
    .await?)
}
