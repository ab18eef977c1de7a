//! `/files/{id}` and `/files/{id}/thumb`: stored files through the access check of
//! `app::services::downloads` (the session decides who is asking).
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use app::domain::byte_range::Wanted;

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
            let size = download.size;
            let (status, served) = match &download.served {
                Wanted::Whole => (StatusCode::OK, None),
                Wanted::Part(part) => (
                    StatusCode::PARTIAL_CONTENT,
                    Some(format!("bytes {}-{}/{size}", part.start, part.end - 1)),
                ),
                Wanted::Unsatisfiable => (
                    StatusCode::RANGE_NOT_SATISFIABLE,
                    Some(format!("bytes */{size}")),
                ),
            };
            let mut response = (status, download.bytes).into_response();
            let headers = response.headers_mut();
            if let Some(value) = served.and_then(|s| HeaderValue::from_str(&s).ok()) {
                headers.insert(header::CONTENT_RANGE, value);
            }
            if !thumb {
                headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
            }
            if let Ok(tag) = HeaderValue::from_str(&format!("\"{}\"", download.sha256)) {
                headers.insert(header::ETAG, tag);
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
    use axum::body::{Body, to_bytes};
    use axum::http::{Request, header};

    use crate::test_support::{answer, demo_app};

    /// Status, Content-Range and body of `path` asked with `range`.
    async fn ask(
        app: &axum::Router,
        path: &str,
        cookie: Option<&str>,
        range: &str,
    ) -> (u16, String, Vec<u8>) {
        let mut request = Request::get(path)
            .header(header::HOST, "ocop.test")
            .header(header::RANGE, range);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let response = answer(app, request.body(Body::empty()).unwrap()).await;
        let status = response.status().as_u16();
        let served = response
            .headers()
            .get(header::CONTENT_RANGE)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let body = to_bytes(response.into_body(), 64 << 20).await.unwrap();
        (status, served, body.to_vec())
    }

    #[tokio::test]
    async fn a_viewer_asking_for_part_of_a_file_gets_that_part_and_nobody_else_gets_any() {
        let app = demo_app(Default::default()).await;
        let (pdf, owner) = app.uploaded_pdf().await;
        let path = format!("/files/{}", pdf.id);
        let size = pdf.size_bytes;
        let (status, served, body) = ask(&app.router, &path, Some(&owner), "bytes=0-4").await;
        assert_eq!(
            (status, served.as_str()),
            (206, &*format!("bytes 0-4/{size}"))
        );
        assert_eq!(body, b"%PDF-");
        let (status, served, body) = ask(&app.router, &path, Some(&owner), "bytes=-6").await;
        assert_eq!(status, 206);
        assert_eq!(served, format!("bytes {}-{}/{size}", size - 6, size - 1));
        assert_eq!(body.len(), 6);
        // Past the end: nothing, and the size (a finished download resumed ends there).
        let (status, served, body) = ask(&app.router, &path, Some(&owner), "bytes=99999999-").await;
        assert_eq!(
            (status, served, body.len()),
            (416, format!("bytes */{size}"), 0)
        );
        // Several ranges or nonsense: the whole file, as HTTP allows.
        for range in ["bytes=0-1,4-5", "bytes=x"] {
            let (status, served, body) = ask(&app.router, &path, Some(&owner), range).await;
            assert_eq!((status, served.as_str()), (200, ""), "{range}");
            assert_eq!(body.len() as i64, size, "{range}");
        }
        // A range changes nothing of who may read: a stranger gets "not found".
        let (status, _, body) = ask(&app.router, &path, None, "bytes=0-4").await;
        assert_eq!(status, 404);
        assert!(!body.starts_with(b"%PDF"));
    }

    #[test]
    fn names_are_percent_encoded() {
        assert_eq!(
            super::percent_encode("kế hoạch.pdf"),
            "k%E1%BA%BF%20ho%E1%BA%A1ch.pdf"
        );
    }
}
