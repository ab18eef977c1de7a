//! `/open/v1/docs`: the API's documentation as a page a partner's developer reads — how to
//! page, sync and cache, then every endpoint with its parameters and answers, all taken from
//! the OpenAPI document (so the page cannot say other than the document). Rendered on the
//! server in the site's frame; no script, nothing fetched from elsewhere.
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use leptos::prelude::*;

use app::i18n::Locale;
use app::routes::public::light;

use super::document::DOCUMENT;

/// One operation of the document, as the page lists it.
#[derive(Clone)]
struct Operation {
    method: String,
    path: String,
    summary: String,
    description: String,
    parameters: Vec<[String; 3]>,
    responses: Vec<[String; 2]>,
}

/// The document's operations, read once.
static OPERATIONS: std::sync::LazyLock<Vec<Operation>> = std::sync::LazyLock::new(operations);

fn operations() -> Vec<Operation> {
    let document: serde_json::Value = serde_json::from_str(&DOCUMENT).unwrap_or_default();
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    let mut found = Vec::new();
    for (path, item) in document["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let parameters = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| {
                    let required = if p["required"].as_bool() == Some(true) {
                        " *"
                    } else {
                        ""
                    };
                    [
                        format!("{}{required}", text(&p["name"])),
                        text(&p["in"]),
                        text(&p["description"]),
                    ]
                })
                .collect();
            let responses = op["responses"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(status, r)| [status.clone(), text(&r["description"])])
                .collect();
            found.push(Operation {
                method: method.to_uppercase(),
                path: path.clone(),
                summary: text(&op["summary"]),
                description: text(&op["description"]),
                parameters,
                responses,
            });
        }
    }
    found
}

pub async fn page(headers: HeaderMap) -> Response {
    let locale = crate::public_pages::locale_of(&headers, None);
    let english = locale == Locale::en;
    let title = if english {
        "Open data API"
    } else {
        "API dữ liệu mở"
    };
    let intro = if english { INTRO_EN } else { INTRO_VI };
    let body = light::document(locale, title, "/open/v1/docs", false, move || {
        view! {
            <section class="api-docs">
                <h1>{title}</h1>
                <ul>{intro.iter().map(|line| view! { <li>{*line}</li> }).collect_view()}</ul>
                <p>
                    <a href="/open/v1/openapi.json" data-testid="openapi-link">"OpenAPI 3.1 (JSON)"</a>
                </p>
                {OPERATIONS
                    .iter()
                    .cloned()
                    .map(|op| operation(op, english))
                    .collect_view()}
                <BulkColumns english />
            </section>
        }
        .into_any()
    });
    Html(body).into_response()
}

fn operation(op: Operation, english: bool) -> impl IntoView {
    let (name, place, meaning, status, answer) = if english {
        ("Parameter", "In", "Meaning", "Status", "Answer")
    } else {
        ("Tham số", "Vị trí", "Ý nghĩa", "Mã", "Trả lời")
    };
    let has_parameters = !op.parameters.is_empty();
    view! {
        <article class="api-operation">
            <h2><code>{op.method}" "{op.path}</code></h2>
            <p><strong>{rich(&op.summary)}</strong></p>
            <p>{rich(&op.description)}</p>
            {has_parameters.then(|| view! {
                <div class="table-wrap"><table class="data-table">
                    <thead><tr><th>{name}</th><th>{place}</th><th>{meaning}</th></tr></thead>
                    <tbody>
                        {op.parameters.into_iter().map(|[n, p, m]| view! {
                            <tr><td><code>{n}</code></td><td>{p}</td><td>{rich(&m)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table></div>
            })}
            <div class="table-wrap"><table class="data-table">
                <thead><tr><th>{status}</th><th>{answer}</th></tr></thead>
                <tbody>
                    {op.responses.into_iter().map(|[s, d]| view! {
                        <tr><td>{s}</td><td>{rich(&d)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table></div>
        </article>
    }
}

/// The bulk CSV's columns, as `bulk::CSV_COLUMNS` lists them.
#[component]
fn BulkColumns(english: bool) -> impl IntoView {
    let (title, name, meaning) = if english {
        ("Columns of /open/v1/bulk/products.csv", "Column", "Meaning")
    } else {
        ("Các cột của /open/v1/bulk/products.csv", "Cột", "Ý nghĩa")
    };
    view! {
        <article class="api-operation" data-testid="bulk-columns">
            <h2>{title}</h2>
            <div class="table-wrap"><table class="data-table">
                <thead><tr><th>{name}</th><th>{meaning}</th></tr></thead>
                <tbody>
                    {app::services::open_data::bulk::CSV_COLUMNS.iter().map(|(column, what)| view! {
                        <tr><td><code>{*column}</code></td><td>{*what}</td></tr>
                    }).collect_view()}
                </tbody>
            </table></div>
        </article>
    }
}

/// The document's text with its `code` spans as code.
fn rich(text: &str) -> impl IntoView + use<> {
    text.split('`')
        .enumerate()
        .map(|(n, part)| {
            let part = part.to_owned();
            if n % 2 == 1 {
                view! { <code>{part}</code> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
}

const INTRO_VI: [&str; 8] = [
    "Mọi địa chỉ bắt đầu bằng /open/v1/ và trả về JSON. Phiên bản v1 sẽ không đổi theo cách làm hỏng ứng dụng đang dùng.",
    "Dữ liệu công khai đọc được không cần mã. Với mã truy cập do quản trị viên cấp, gửi tiêu đề Authorization: Bearer ocop_… ; dữ liệu riêng (/open/v1/private/) cần mã có quyền private_read.",
    "Mô tả chi tiết từng địa chỉ dưới đây lấy từ tài liệu OpenAPI, viết bằng tiếng Anh cho lập trình viên.",
    "Danh sách trả theo trang: gọi lại với cursor = next_cursor cho đến khi next_cursor là null (limit tối đa 200).",
    "Đồng bộ: giữ next_changed_since của trang đầu, lần sau gọi changed_since = giá trị đó để chỉ nhận những gì đã thay đổi (có thể nhận lại một thay đổi, không bỏ sót).",
    "Mỗi câu trả lời có ETag: gửi lại trong If-None-Match để nhận 304 khi dữ liệu chưa đổi.",
    "Lỗi theo định dạng RFC 9457 (application/problem+json), nêu tên tham số sai; ngôn ngữ theo Accept-Language.",
    "Dữ liệu chỉ gồm thông tin công khai, theo giấy phép CC BY 4.0: ghi nguồn “Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn”.",
];

const INTRO_EN: [&str; 8] = [
    "Every address starts with /open/v1/ and answers JSON. Version v1 will not change in ways that break a working client.",
    "Public data needs no token. With a token an administrator gives, send Authorization: Bearer ocop_… ; private data (/open/v1/private/) needs a token with private_read.",
    "The details of each address below come from the OpenAPI document, in English for developers.",
    "Lists come in pages: ask again with cursor = next_cursor until next_cursor is null (limit at most 200).",
    "Syncing: keep the first page's next_changed_since and next time ask changed_since = it to get only what changed (a change may come twice, none is missed).",
    "Every answer has an ETag: send it back in If-None-Match to get 304 when nothing changed.",
    "Errors are RFC 9457 problems (application/problem+json) naming the wrong parameter, in the Accept-Language language.",
    "Public facts only, under CC BY 4.0: credit “Lạng Sơn Department of Agriculture and Environment”.",
];
