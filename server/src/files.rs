//! `/files/{id}` and `/files/{id}/thumb`: stored files through the access check of
//! `app::services::downloads` (the session decides who is asking).
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::context::{Ctx, Refusal};

pub async fn file(ctx: Ctx, Path(id): Path<i32>, request: HeaderMap) -> Response {
    let range = request.get(header::RANGE).and_then(|r| r.to_str().ok());
    serve(ctx, id, false, range).await
}

pub async fn thumbnail(ctx: Ctx, Path(id): Path<i32>) -> Response {
    serve(ctx, id, true, None).await
}

async fn serve(ctx: Ctx, id: i32, thumb: bool, range: Option<&str>) -> Response {
    let (db, files) = (&ctx.state.db, ctx.state.files.as_ref());
    match app::services::downloads::download(db, files, &ctx.actor, id, thumb, range).await {
        Ok(download) => {
            let mut response = download.bytes.into_response();
            if let Some((part, size)) = download.part {
                *response.status_mut() = StatusCode::PARTIAL_CONTENT;
                let served = format!("bytes {}-{}/{size}", part.start, part.end - 1);
                if let Ok(value) = HeaderValue::from_str(&served) {
                    response.headers_mut().insert(header::CONTENT_RANGE, value);
                }
            }
            let headers = response.headers_mut();
            if !thumb {
                headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
            }
            if let Ok(media_type) = HeaderValue::from_str(&download.media_type) {
                headers.insert(header::CONTENT_TYPE, media_type);
            }
            // Shown in the browser (PDF viewer, image), saved under its name.
            let disposition = format!(
                "inline; filename*=UTF-8''{}",
                percent_encode(&download.name)
            );
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            // An uploaded file is the uploader's content: in the browser's PDF viewer it runs
            // sandboxed (no script, no same-origin access), whatever it holds. The dossier page
            // shows it in a frame; no other site may frame it.
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("sandbox; frame-ancestors 'self'"),
            );
            headers.insert(
                header::X_FRAME_OPTIONS,
                HeaderValue::from_static("SAMEORIGIN"),
            );
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=3600"),
            );
            response
        }
        // A file the actor may not read is "not found" already (ids cannot be probed).
        Err(err) => Refusal(err).into_response(),
    }
}

/// RFC 5987: everything but unreserved characters as %XX of its UTF-8 bytes.
fn percent_encode(name: &str) -> String {
    app::domain::text::percent_encode(name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_percent_encoded() {
        assert_eq!(
            super::percent_encode("kế hoạch.pdf"),
            "k%E1%BA%BF%20ho%E1%BA%A1ch.pdf"
        );
    }
}
