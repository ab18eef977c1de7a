//! Who may read: the open data API's public reads need no token; a client that sends one
//! (`Authorization: Bearer ocop_…`) is checked — known, not revoked, not expired, in scope —
//! held to its rate (`RateLimit::api_tokens`, `API_REQUESTS_PER_MINUTE`) and counted. Private reads need a token with
//! the private scope. Refusals are problems: 401 for a missing or unusable token, 403 for one
//! out of scope, 429 past the rate (with `Retry-After`).
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;

use app::domain::api_token::{Refused, Scope};
use app::i18n::Locale;
use app::state::AppState;

/// Longer than any secret: not looked at.
const MAX_AUTHORIZATION: usize = 200;

/// Lets the request through, or answers why not.
pub async fn gate(state: &AppState, headers: &HeaderMap, needs: Scope) -> Result<(), Response> {
    let english = crate::public_pages::locale_of(headers, None) == Locale::en;
    let Some(given) = headers.get(header::AUTHORIZATION) else {
        return match needs {
            Scope::PublicRead => Ok(()),
            Scope::PrivateRead => Err(refuse(Refused::Unknown, english)),
        };
    };
    let secret = given
        .to_str()
        .ok()
        .filter(|v| v.len() <= MAX_AUTHORIZATION)
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, secret)| secret.trim())
        .unwrap_or_default();
    let token = app::services::open_data::tokens::authenticate(
        &state.db,
        secret,
        needs,
        app::clock::today(),
    )
    .await
    .map_err(|refused| refuse(refused, english))?;
    match state.api_tokens.check(&token.id.to_string()).await {
        Ok(true) => {
            app::services::open_data::tokens::record_use(&state.db, &token).await;
            Ok(())
        }
        Ok(false) => {
            let mut response = problem(
                StatusCode::TOO_MANY_REQUESTS,
                english,
                ("Quá nhiều yêu cầu", "Too many requests"),
                (
                    "Mã truy cập này đã gọi quá số lần cho phép trong một phút. Vui lòng chờ một phút rồi thử lại.",
                    "This token made more requests in a minute than it may. Please wait a minute and try again.",
                ),
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
            Err(response)
        }
        Err(err) => {
            tracing::error!(error = %err, "api token rate");
            Err(problem(
                StatusCode::SERVICE_UNAVAILABLE,
                english,
                ("Hệ thống đang bận", "Server busy"),
                ("Vui lòng thử lại sau.", "Please try again later."),
            ))
        }
    }
}

fn refuse(refused: Refused, english: bool) -> Response {
    let (status, challenge, detail) = match refused {
        Refused::Unknown => (
            StatusCode::UNAUTHORIZED,
            "Bearer realm=\"open data\"",
            (
                "Cần một mã truy cập hợp lệ: Authorization: Bearer ocop_… (xin quản trị viên cấp).",
                "A valid token is needed: Authorization: Bearer ocop_… (ask an administrator for one).",
            ),
        ),
        Refused::Revoked => (
            StatusCode::UNAUTHORIZED,
            "Bearer realm=\"open data\", error=\"invalid_token\"",
            (
                "Mã truy cập này đã bị thu hồi.",
                "This token has been revoked.",
            ),
        ),
        Refused::Expired => (
            StatusCode::UNAUTHORIZED,
            "Bearer realm=\"open data\", error=\"invalid_token\"",
            (
                "Mã truy cập này đã hết hạn. Xin quản trị viên cấp mã mới.",
                "This token has expired. Ask an administrator for a new one.",
            ),
        ),
        Refused::OutOfScope => (
            StatusCode::FORBIDDEN,
            "Bearer realm=\"open data\", error=\"insufficient_scope\"",
            (
                "Mã truy cập này không có quyền đọc dữ liệu này.",
                "This token may not read this.",
            ),
        ),
    };
    let title = if status == StatusCode::FORBIDDEN {
        ("Không được phép", "Forbidden")
    } else {
        ("Cần xác thực", "Unauthorized")
    };
    let mut response = problem(status, english, title, detail);
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(challenge),
    );
    response
}

fn problem(
    status: StatusCode,
    english: bool,
    title: (&str, &str),
    detail: (&str, &str),
) -> Response {
    let pick = |(vi, en): (&str, &str)| if english { en } else { vi }.to_owned();
    let mut response = crate::problem::problem(status, &pick(title), &pick(detail));
    crate::resolver::open_to_any_origin(response.headers_mut());
    response
}
