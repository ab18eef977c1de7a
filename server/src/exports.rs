//! Downloads made on request: a criteria set as XLSX, a round's escalation archive, a lot's
//! stamp sheet and EPCIS document, a report's files, public QR images. The services check who
//! may have them; this turns their answer into a response.
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use app::services::ServiceError;
use app::state::AppState;

use crate::context::{Ctx, Refusal};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub async fn criteria_xlsx(ctx: Ctx, Path(id): Path<i32>) -> Response {
    let result =
        app::services::evaluation::criteria_sets::export_xlsx(&ctx.state.db, &ctx.actor, id).await;
    attachment(result, XLSX)
}

/// `/registry/products.xlsx?commune=&q=&status=`: the products registry as filtered on its page.
pub async fn registry_xlsx(
    ctx: Ctx,
    axum::extract::Query(filter): axum::extract::Query<app::models::registry::RegistryFilter>,
) -> Response {
    let filter = filter.bounded();
    let result = app::services::registry::export_products(
        &ctx.state.db,
        &ctx.actor,
        &filter,
        ctx.today,
        ctx.state.certificates.expiring_within_days,
    )
    .await;
    attachment(result, XLSX)
}

/// The import template (the province's officers only).
pub async fn import_template(ctx: Ctx) -> Response {
    attachment(app::services::imports::template_file(&ctx.actor), XLSX)
}

pub async fn escalation_zip(ctx: Ctx, Path(id): Path<i32>) -> Response {
    let result = app::services::evaluation::escalation::archive(
        &ctx.state.db,
        ctx.state.files.as_ref(),
        &ctx.actor,
        id,
    )
    .await;
    attachment(result, "application/zip")
}

/// A round's disagreement across its dossiers (members' distance from the panel, criteria
/// that divide it), as CSV for the council's deliberation.
pub async fn disagreement_csv(ctx: Ctx, Path(id): Path<i32>) -> Response {
    let result =
        app::services::evaluation::results::disagreement_csv(&ctx.state.db, &ctx.actor, id).await;
    attachment(result, "text/csv; charset=utf-8")
}

/// `/adoption.csv?commune=`: who does not use the system yet, for the supervision team.
pub async fn adoption_csv(
    ctx: Ctx,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    let commune = query
        .get("commune")
        .map(|c| c.chars().take(16).collect::<String>());
    let result = app::services::adoption::missing_csv(
        &ctx.state.db,
        &ctx.actor,
        commune.as_deref(),
        ctx.today,
    )
    .await;
    attachment(result, "text/csv; charset=utf-8")
}

/// `/help/guides/{role}.pdf`: a role's one-page quick guide (public: a handout).
pub async fn role_guide(Path(file): Path<String>) -> Response {
    let role = file.strip_suffix(".pdf").unwrap_or(&file);
    attachment(app::services::help::guide_pdf(role), "application/pdf")
}

/// A training session's sign-in sheet, for its organisers to print.
pub async fn training_sign_in(ctx: Ctx, Path(id): Path<i32>) -> Response {
    let result =
        app::services::training::sessions::sign_in_sheet(&ctx.state.db, &ctx.actor, id).await;
    attachment(result, "application/pdf")
}

/// `?size=<mm>&count=<n>`: the lot's stamp sheet, shown in the browser (the page previews it
/// in a frame) and saved under its name.
pub async fn lot_stamps(
    ctx: Ctx,
    Path(id): Path<i32>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    let number = |key: &str, default: u32| {
        query
            .get(key)
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(default)
    };
    let layout = app::documents::stamp_sheet::Layout::new(number("size", 40), number("count", 16));
    let result = app::services::traceability::lots::stamps(
        &ctx.state.db,
        &ctx.actor,
        id,
        &ctx.base,
        ctx.today,
        &ctx.state.certificates,
        layout,
    )
    .await;
    let mut response = attachment(result, "application/pdf");
    // Inline: the lot page previews the sheet in a frame; the file name still applies on save.
    if let Some(value) = response.headers().get(header::CONTENT_DISPOSITION).cloned()
        && let Ok(text) = value.to_str()
        && let Ok(inline) = HeaderValue::from_str(&text.replacen("attachment", "inline", 1))
    {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, inline);
    }
    response
}

/// `/reports/{period}/{scope}/report.xlsx` and `…/report.pdf`: a periodic report's files.
pub async fn report_xlsx(ctx: Ctx, path: Path<(i32, String)>) -> Response {
    report_file(
        ctx,
        path,
        app::services::reports::periodic::ExportFormat::Xlsx,
    )
    .await
}

pub async fn report_pdf(ctx: Ctx, path: Path<(i32, String)>) -> Response {
    report_file(
        ctx,
        path,
        app::services::reports::periodic::ExportFormat::Pdf,
    )
    .await
}

async fn report_file(
    ctx: Ctx,
    Path((period, scope)): Path<(i32, String)>,
    format: app::services::reports::periodic::ExportFormat,
) -> Response {
    let result = app::services::reports::periodic::export(
        &ctx.state.db,
        &ctx.actor,
        period,
        &scope,
        ctx.today,
        format,
    )
    .await;
    let media = match format {
        app::services::reports::periodic::ExportFormat::Xlsx => XLSX,
        app::services::reports::periodic::ExportFormat::Pdf => "application/pdf",
    };
    attachment(result, media)
}

/// The lot's events as an EPCIS 2.0 JSON-LD document.
pub async fn lot_epcis(ctx: Ctx, Path(id): Path<i32>) -> Response {
    let result = app::services::traceability::epcis::lot_document(
        &ctx.state.db,
        &ctx.actor,
        id,
        &ctx.base,
        ctx.today,
        &ctx.state.certificates,
    )
    .await;
    attachment(result, "application/ld+json")
}

/// `/products/{id}/qr.png` and `/lots/{id}/qr.png`: the QR code of a public page's link as a
/// PNG image (for producers' own labels and leaflets); public like the pages.
pub async fn product_qr(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Path(id): Path<i32>,
) -> Response {
    let (base, today) = base_and_today(&state, &headers);
    let link = app::services::traceability::public_product::product(
        &state.db,
        id,
        &base,
        today,
        &state.certificates,
    )
    .await
    .map(|p| p.qr_link);
    qr_png(link, &format!("qr-san-pham-{id}.png"))
}

pub async fn lot_qr(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Path(id): Path<i32>,
) -> Response {
    let (base, today) = base_and_today(&state, &headers);
    let link = app::services::traceability::lots::public_trace(
        &state.db,
        id,
        &base,
        today,
        &state.certificates,
    )
    .await
    .map(|l| {
        l.digital_link
            .unwrap_or_else(|| format!("{base}/lots/{id}"))
    });
    qr_png(link, &format!("qr-lo-{id}.png"))
}

fn qr_png(link: Result<String, ServiceError>, name: &str) -> Response {
    let result = link.and_then(|link| {
        app::documents::qr::png(&link, 10)
            .map(|bytes| (name.to_owned(), bytes))
            .ok_or(ServiceError::Invalid {
                field: "qr",
                reason: app::domain::reason::Reason::TooLong,
            })
    });
    attachment(result, "image/png")
}

/// The public address the request came to (`PUBLIC_URL` first) and today's date in Vietnam:
/// what links, QR codes and certificate standings depend on.
pub(crate) fn base_and_today(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> (String, sea_orm::prelude::ChronoDate) {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    (state.public_base(host), app::services::today_in_vietnam())
}

/// A file to save (`Content-Disposition: attachment`), or the refusal's answer.
pub(crate) fn attachment(
    result: Result<(String, Vec<u8>), ServiceError>,
    media_type: &'static str,
) -> Response {
    match result {
        Ok((name, bytes)) => {
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
            if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(err) => Refusal(err).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use axum::http::StatusCode;

    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    use crate::test_support::{demo_app, sign_in};

    async fn get(app: &axum::Router, path: &str, cookie: Option<&str>) -> (StatusCode, Vec<u8>) {
        let (status, body) = crate::test_support::get_bytes(app, path, cookie).await;
        (StatusCode::from_u16(status).unwrap(), body)
    }

    #[tokio::test]
    async fn a_report_downloads_as_xlsx_and_pdf_for_its_commune_and_the_province_only() {
        let t = demo_app(app::state::AuthSettings::default()).await;
        // A period every commune of the demo reported for.
        let annual = app::seed::reports::demo_periods(&t.db, app::clock::today())
            .await
            .unwrap()
            .unwrap()
            .before_last;
        let base = format!("/reports/{}/06463/report", annual.id);
        let (xlsx, pdf) = (format!("{base}.xlsx"), format!("{base}.pdf"));
        assert_eq!(get(&t.router, &pdf, None).await.0, StatusCode::UNAUTHORIZED);
        for email in [
            "dongbanh@demo.vn",
            "xa.trangdinh@demo.vn",
            "hoidong@demo.vn",
        ] {
            let cookie = sign_in(&t.router, email, None).await;
            assert_eq!(
                get(&t.router, &xlsx, Some(&cookie)).await.0,
                StatusCode::FORBIDDEN,
                "{email}"
            );
        }
        for email in ["xa.chilang@demo.vn", "so.nnmt@demo.vn"] {
            let cookie = sign_in(&t.router, email, None).await;
            let (status, body) = get(&t.router, &xlsx, Some(&cookie)).await;
            assert_eq!(
                (status, &body[..2]),
                (StatusCode::OK, &b"PK"[..]),
                "{email}"
            );
            let (status, body) = get(&t.router, &pdf, Some(&cookie)).await;
            assert_eq!(
                (status, &body[..5]),
                (StatusCode::OK, &b"%PDF-"[..]),
                "{email}"
            );
        }
        let province = sign_in(&t.router, "so.nnmt@demo.vn", None).await;
        let missing = get(&t.router, "/reports/9999/06463/report.pdf", Some(&province)).await;
        assert_eq!(missing.0, StatusCode::NOT_FOUND);
    }

    /// A demo round with submitted sheets: its disagreement across the round, as CSV, for the
    /// province only; each member appears with their mean distance from the panel.
    #[tokio::test]
    async fn a_rounds_disagreement_downloads_as_csv_for_the_province_only() {
        let t = demo_app(app::state::AuthSettings::default()).await;
        let sheet = app::entities::score_sheet::Entity::find()
            .filter(app::entities::score_sheet::Column::SubmittedAt.is_not_null())
            .filter(app::entities::score_sheet::Column::Panel.eq("council"))
            .one(&t.db)
            .await
            .unwrap()
            .expect("a submitted demo sheet");
        let path = format!("/rounds/{}/disagreement.csv", sheet.round_id);
        assert_eq!(
            get(&t.router, &path, None).await.0,
            StatusCode::UNAUTHORIZED
        );
        for email in ["dongbanh@demo.vn", "xa.chilang@demo.vn", "hoidong@demo.vn"] {
            let cookie = sign_in(&t.router, email, None).await;
            assert_eq!(
                get(&t.router, &path, Some(&cookie)).await.0,
                StatusCode::FORBIDDEN,
                "{email}"
            );
        }
        let province = sign_in(&t.router, "so.nnmt@demo.vn", None).await;
        let (status, body) = get(&t.router, &path, Some(&province)).await;
        assert_eq!(status, StatusCode::OK);
        let csv = String::from_utf8(body).unwrap();
        assert!(csv.starts_with("\u{feff}Thành viên / Member"), "{csv}");
        assert!(
            csv.lines().nth(1).is_some_and(|l| l.starts_with('"')),
            "a member: {csv}"
        );
        assert!(csv.contains("Mã / Code"), "{csv}");
    }

    #[tokio::test]
    async fn a_criteria_set_downloads_as_xlsx_for_those_who_read_sets_only() {
        let t = demo_app(app::state::AuthSettings::default()).await;
        let (status, _) = get(&t.router, "/admin/criteria/1/xlsx", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let producer = sign_in(&t.router, "dongbanh@demo.vn", None).await;
        let (status, _) = get(&t.router, "/admin/criteria/1/xlsx", Some(&producer)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let province = sign_in(&t.router, "so.nnmt@demo.vn", None).await;
        let (status, body) = get(&t.router, "/admin/criteria/1/xlsx", Some(&province)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(&body[..2], b"PK");
        let (status, _) = get(&t.router, "/admin/criteria/999/xlsx", Some(&province)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // The demo's open round is still scoring: no escalation archive yet.
        let open = app::entities::evaluation_round::Entity::find()
            .filter(app::entities::evaluation_round::Column::Phase.eq("scoring"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let path = format!("/rounds/{}/escalation.zip", open.id);
        assert_eq!(
            get(&t.router, &path, Some(&province)).await.0,
            StatusCode::CONFLICT
        );
        assert_eq!(
            get(&t.router, &path, Some(&producer)).await.0,
            StatusCode::FORBIDDEN
        );
    }

    #[tokio::test]
    async fn qr_codes_of_public_pages_download_as_png() {
        let t = demo_app(app::state::AuthSettings::default()).await;
        for path in ["/products/1/qr.png", "/lots/1/qr.png"] {
            let (status, body) = get(&t.router, path, None).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert_eq!(&body[1..4], b"PNG");
        }
        assert_eq!(
            get(&t.router, "/lots/99999/qr.png", None).await.0,
            StatusCode::NOT_FOUND
        );
    }

    #[tokio::test]
    async fn a_lots_stamp_sheet_is_for_those_who_see_its_subject() {
        let t = demo_app(app::state::AuthSettings::default()).await;
        let producer = sign_in(&t.router, "dongbanh@demo.vn", None).await;
        let subject = app::entities::user_account::Entity::find()
            .filter(app::entities::user_account::Column::Email.eq("dongbanh@demo.vn"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .subject_id;
        let lot = app::entities::lot::Entity::find()
            .filter(app::entities::lot::Column::SubjectId.eq(subject))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let path = format!("/lots/{}/stamps.pdf?size=30&count=40", lot.id);
        assert_eq!(
            get(&t.router, &path, None).await.0,
            StatusCode::UNAUTHORIZED
        );
        let other = sign_in(&t.router, "thachden@demo.vn", None).await;
        assert_eq!(
            get(&t.router, &path, Some(&other)).await.0,
            StatusCode::FORBIDDEN
        );
        let (status, body) = get(&t.router, &path, Some(&producer)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(&body[..5], b"%PDF-");
    }
}
