//! What the resolver says of itself: the resolver description file at
//! `/.well-known/gs1resolver` (GS1-Conformant Resolver standard: its name, root, the primary
//! keys and link-type vocabulary it supports, its languages), and the JSON-LD context its link
//! sets point to, so a linked-data client can read them as RDF.
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use app::domain::digital_link::{LINK_TYPES, VOC};
use app::state::AppState;

/// Where the link sets' JSON-LD context is served.
pub const CONTEXT_PATH: &str = "/open/v1/linkset-context.jsonld";

pub async fn description(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let base = state.public_base(headers.get(header::HOST).and_then(|h| h.to_str().ok()));
    let body = serde_json::json!({
        "name": "OCOP Lạng Sơn — GS1 Digital Link resolver",
        "resolverRoot": base,
        "supportedPrimaryKeys": ["01"],
        "supportedLinkType": [{
            "namespace": VOC,
            "prefix": "gs1:",
            "profile": format!("{VOC}?show=linktypes"),
        }],
        "linkTypesInUse": LINK_TYPES.map(|t| format!("gs1:{t}")),
        "linkTypeDefaultCanBeLinkset": false,
        "linksetContext": format!("{base}{CONTEXT_PATH}"),
        "supportedLanguages": ["vi", "en"],
        "contact": format!("{base}/open/v1/docs"),
    });
    json(body.to_string(), "application/json")
}

/// The JSON-LD context of the link sets (`Link: <…>; rel="…json-ld#context"`): anchors and
/// hrefs are IRIs, the link relations are GS1's vocabulary written in full.
pub async fn context() -> Response {
    let body = serde_json::json!({
        "@context": {
            "@version": 1.1,
            "linkset": "@graph",
            "anchor": "@id",
            "href": "@id",
            "gs1": VOC,
            "schema": "https://schema.org/",
            "dcterms": "http://purl.org/dc/terms/",
            "itemDescription": "schema:description",
            "title": "dcterms:title",
            "type": "dcterms:format",
            "hreflang": "dcterms:language",
        }
    });
    json(body.to_string(), "application/ld+json")
}

fn json(body: String, media_type: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    super::open_to_any_origin(headers);
    response
}
