//! Certificates after they are issued: the officers' and the producer's lists, the public
//! check behind a certificate's QR code, and revocation.
use leptos::prelude::*;

use crate::models::AppError;
#[cfg(feature = "ssr")]
use crate::models::evaluation::rounds::CertificateFilter;
use crate::models::evaluation::rounds::{CertificateCheck, CertificatePage};

/// One page of certificates in one state ("" for all) matching a search; a producer gets their
/// own. Arguments are strings straight from the address bar.
#[server(prefix = "/api", endpoint = "list_certificates")]
pub async fn list_certificates(
    state: String,
    query: String,
    page: String,
) -> Result<CertificatePage, AppError> {
    let ctx = crate::functions::ctx().await?;
    let filter = CertificateFilter {
        state: state.chars().take(16).collect(),
        query: query.chars().take(100).collect(),
        page: page.trim().parse().unwrap_or(1),
    };
    Ok(crate::services::certificates::register::browse(
        &ctx.db,
        &ctx.actor,
        &filter,
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

/// Records the Ministry's answer to a 5★ proposal; the number of the certificate it issued,
/// if any.
#[server(prefix = "/api", endpoint = "record_ministry_result")]
pub async fn record_ministry_result(
    input: crate::models::evaluation::rounds::MinistryResultInput,
) -> Result<Option<String>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::evaluation::ministry::record(
        &ctx.db,
        &ctx.actor,
        &input,
        ctx.today,
        &ctx.app.certificates,
    )
    .await?)
}
