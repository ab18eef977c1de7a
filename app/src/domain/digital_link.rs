//! GS1 Digital Link URIs (DOMAIN.md, Codes and traceability): `https://<host>/01/<GTIN-14>`
//! with the key qualifiers 22 (consumer product variant), 10 (batch/lot) and 21 (serial) in that
//! order — or 235 (a third party's serialised extension) alone — and data attributes such as 17
//! (expiry, YYMMDD) in the query. Building and parsing are pure, so the resolver, the QR
//! stamps and the tests share them; the parser checks the whole link (`query` checks the data
//! attributes against GS1's AI table) and never panics, whatever the path.
use serde::{Deserialize, Serialize};

use crate::domain::gs1_ai;
use crate::domain::gtin::{self, GtinProblem};

mod messages;
mod query;

/// The identifiers of a Digital Link: a trade item, optionally one variant, lot or unit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigitalLink {
    /// Always 14 digits, check digit valid.
    pub gtin14: String,
    /// AI 22.
    pub variant: Option<String>,
    /// AI 10.
    pub lot: Option<String>,
    /// AI 21.
    pub serial: Option<String>,
    /// AI 235 (instead of 22, 10 and 21).
    pub extension: Option<String>,
    /// AI 17, `YYMMDD`, from the query.
    pub expiry: Option<String>,
}

/// Why a link is not a Digital Link (each gets a 400 answer saying so). The AIs named are
/// at most a few digits: an unknown one is cut to `query::SHOWN_DIGITS`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkProblem {
    /// The path does not start with `/01/`.
    NotGtinPath,
    /// The GTIN is not exactly 14 digits.
    GtinLength,
    /// The GTIN's check digit is wrong; this is the right one.
    CheckDigit(u8),
    /// A qualifier other than 22, 10, 21 or 235, or one missing its value.
    UnknownQualifier,
    /// Qualifiers repeated, not in the order 22, 10, 21, or 235 with another.
    QualifierOrder,
    /// A value that is empty, too long or outside GS1's character set 82.
    BadValue,
    /// A query parameter named by digits that is not a GS1 AI.
    UnknownAi(String),
    /// A key or key qualifier in the query: it belongs in the path.
    KeyInQuery(String),
    /// The same AI twice in the query.
    RepeatedAi(String),
    /// An AI in the query with no value.
    EmptyAi(String),
    /// An AI whose value does not have its format (a date that does not exist, letters in a
    /// number, too long).
    BadAiValue(String),
}

/// The qualifiers allowed after a GTIN, in the order they must come, with their formats.
const QUALIFIERS: [(&str, &str); 3] = [("22", "X..20"), ("10", "X..20"), ("21", "X..20")];
/// The qualifier that may come after a GTIN instead of those.
const EXTENSION: (&str, &str) = ("235", "X..28");

/// The URI of `link` on `base` (e.g. `https://ocop.langson.gov.vn`).
pub fn build(base: &str, link: &DigitalLink) -> String {
    let mut uri = format!("{}/01/{}", base.trim_end_matches('/'), link.gtin14);
    let qualifiers = QUALIFIERS
        .iter()
        .zip([&link.variant, &link.lot, &link.serial])
        .chain([(&EXTENSION, &link.extension)]);
    for ((ai, _), value) in qualifiers {
        if let Some(value) = value {
            uri.push_str(&format!("/{ai}/{}", encode(value)));
        }
    }
    if let Some(expiry) = &link.expiry {
        uri.push_str(&format!("?17={expiry}"));
    }
    uri
}

/// The Digital Link of a product's GTIN (any length: it is padded to 14 digits).
///
/// # Errors
/// The GTIN's own problem.
pub fn for_gtin(gtin_input: &str) -> Result<DigitalLink, GtinProblem> {
    let gtin = gtin::parse(gtin_input)?;
    Ok(DigitalLink {
        gtin14: gtin::to_gtin14(&gtin),
        ..DigitalLink::default()
    })
}

/// Parses a request path (`/01/…`, a trailing slash tolerated) and its query string (without
/// `?`): the path's key and qualifiers, and the query's GS1 data attributes. Parameters not
/// named by digits (`linkType`, `context`, anything else) are not the link's and are ignored.
///
/// # Errors
/// The first `LinkProblem` met.
pub fn parse(path: &str, query: Option<&str>) -> Result<DigitalLink, LinkProblem> {
    let rest = path.strip_prefix("/01/").ok_or(LinkProblem::NotGtinPath)?;
    let mut segments = rest.strip_suffix('/').unwrap_or(rest).split('/');
    let gtin14 = segments.next().unwrap_or_default();
    if gtin14.len() != 14 || !gtin14.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LinkProblem::GtinLength);
    }
    if let Err(GtinProblem::CheckDigit { expected }) = gtin::parse(gtin14) {
        return Err(LinkProblem::CheckDigit(expected));
    }
    let mut link = DigitalLink {
        gtin14: gtin14.to_owned(),
        ..DigitalLink::default()
    };
    let mut next_allowed = 0;
    while let Some(ai) = segments.next() {
        let position = QUALIFIERS
            .iter()
            .chain([&EXTENSION])
            .position(|(q, _)| *q == ai)
            .ok_or(LinkProblem::UnknownQualifier)?;
        // 235 only right after the GTIN; nothing after it.
        let out_of_order = if position == QUALIFIERS.len() {
            next_allowed > 0
        } else {
            position < next_allowed
        };
        if out_of_order {
            return Err(LinkProblem::QualifierOrder);
        }
        next_allowed = position + 1;
        let value = segments.next().ok_or(LinkProblem::UnknownQualifier)?;
        let format = QUALIFIERS
            .iter()
            .chain([&EXTENSION])
            .nth(position)
            .map(|(_, f)| *f);
        let value = decode(value)
            .filter(|v| format.is_some_and(|f| gs1_ai::valid(f, v)))
            .ok_or(LinkProblem::BadValue)?;
        let slot = match position {
            0 => &mut link.variant,
            1 => &mut link.lot,
            2 => &mut link.serial,
            _ => &mut link.extension,
        };
        *slot = Some(value);
    }
    let attributes = query::attributes(query)?;
    link.expiry = attributes
        .into_iter()
        .find(|(ai, _)| ai == "17")
        .map(|(_, value)| value);
    Ok(link)
}

/// GS1 AI encodable character set 82, at most 20 characters (lot and serial values).
pub fn valid_value(value: &str) -> bool {
    gs1_ai::valid("X..20", value)
}

/// GS1's vocabulary: link types are `gs1:pip` or this prefix followed by the name.
pub const VOC: &str = "https://gs1.org/voc/";

/// What the resolver knows of the product a link names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub product_id: i32,
    pub name: String,
    /// Its current certificate's number, if it has one.
    pub certificate: Option<String>,
    /// The trace page of the lot the link names, if the producer recorded that lot.
    pub lot_page: Option<i32>,
}

/// "gs1:pip" or "https://gs1.org/voc/pip" → "pip".
pub fn short_type(link_type: &str) -> &str {
    link_type
        .strip_prefix("gs1:")
        .or_else(|| link_type.strip_prefix(VOC))
        .unwrap_or(link_type)
}

/// The `linkType` a query string asks for (percent-decoded), if any.
pub fn requested_type(query: Option<&str>) -> Option<String> {
    query.and_then(|q| {
        q.split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == "linkType")
            .and_then(|(_, v)| crate::domain::text::percent_decode(v))
    })
}

/// Whether the client asks for the whole link set (`?linkType=linkset` or `all`, or an
/// `Accept` naming `application/linkset+json`) rather than to be redirected.
pub fn wants_linkset(link_type: Option<&str>, accept: Option<&str>) -> bool {
    matches!(link_type.map(short_type), Some("linkset" | "all"))
        || accept.is_some_and(|a| a.contains("application/linkset+json"))
}

/// The product page (the lot, when the link names one, is carried along for the page).
pub fn product_page(target: &Target, link: &DigitalLink) -> String {
    match &link.lot {
        Some(lot) => format!(
            "/products/{}?lot={}",
            target.product_id,
            lot.bytes()
                .map(|b| if b.is_ascii_alphanumeric() || b == b'-' {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                })
                .collect::<String>()
        ),
        None => format!("/products/{}", target.product_id),
    }
}

/// One link an item has: its GS1 link type (short name), path and title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemLink {
    pub link_type: &'static str,
    pub path: String,
    pub title: String,
}

/// The GS1 link types this resolver can answer, in a link set's order.
pub const LINK_TYPES: [&str; 4] = ["defaultLink", "pip", "certificationInfo", "traceability"];

/// The links of `target` named by `link`: the default one (the recorded lot's trace page when
/// the link names one, else the product page), the product page (`pip`), the current
/// certificate's check page (`certificationInfo`) and the lot's trace page (`traceability`)
/// when they exist.
pub fn links(target: &Target, link: &DigitalLink) -> Vec<ItemLink> {
    let product = ItemLink {
        link_type: "pip",
        path: product_page(target, link),
        title: format!("{} — thông tin sản phẩm / product information", target.name),
    };
    let lot = target
        .lot_page
        .zip(link.lot.as_ref())
        .map(|(id, code)| ItemLink {
            link_type: "traceability",
            path: format!("/lots/{id}"),
            title: format!("Lô {code} — truy xuất nguồn gốc / lot traceability"),
        });
    let certificate = target.certificate.as_ref().map(|number| ItemLink {
        link_type: "certificationInfo",
        path: format!("/certificates/{number}"),
        title: format!("Giấy chứng nhận OCOP {number} / OCOP certificate"),
    });
    let default = ItemLink {
        link_type: "defaultLink",
        ..lot.clone().unwrap_or_else(|| product.clone())
    };
    [Some(default), Some(product), certificate, lot]
        .into_iter()
        .flatten()
        .collect()
}

/// Where a person asking for `link_type` (none: the default link) is sent, or `None` when the
/// item has no link of that type (the resolver answers 404, never another link instead).
pub fn redirect_path(
    target: &Target,
    link: &DigitalLink,
    link_type: Option<&str>,
) -> Option<String> {
    let wanted = link_type.map_or("defaultLink", short_type);
    links(target, link)
        .into_iter()
        .find(|l| l.link_type == wanted)
        .map(|l| l.path)
}

/// `target` with the request's query string passed on (GS1-Conformant Resolver: the target
/// receives what the link carried, e.g. a campaign's parameters).
pub fn pass_query(target: &str, query: Option<&str>) -> String {
    match query.filter(|q| !q.is_empty()) {
        None => target.to_owned(),
        Some(query) if target.contains('?') => format!("{target}&{query}"),
        Some(query) => format!("{target}?{query}"),
    }
}

/// One link of a link set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkTarget {
    pub href: String,
    pub title: String,
    #[serde(rename = "type")]
    pub media_type: &'static str,
    pub hreflang: [&'static str; 2],
}

/// The RFC 9264 link set of the product (`{"linkset": [ … ]}`), with GS1's link types as full
/// URIs (`links` says which).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkSet {
    pub linkset: [LinkSetEntry; 1],
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkSetEntry {
    pub anchor: String,
    #[serde(rename = "itemDescription")]
    pub item_description: String,
    #[serde(flatten)]
    pub links: std::collections::BTreeMap<String, Vec<LinkTarget>>,
}

/// The link set of `target` named by `link`, on `base`.
pub fn link_set(base: &str, link: &DigitalLink, target: &Target) -> LinkSet {
    let links = links(target, link)
        .into_iter()
        .map(|l| {
            let target = LinkTarget {
                href: format!("{base}{}", l.path),
                title: l.title,
                media_type: "text/html",
                hreflang: ["vi", "en"],
            };
            (format!("{VOC}{}", l.link_type), vec![target])
        })
        .collect();
    LinkSet {
        linkset: [LinkSetEntry {
            anchor: anchor(base, link),
            item_description: target.name.clone(),
            links,
        }],
    }
}

/// The link's anchor: the link itself without its data attributes (expiry).
pub fn anchor(base: &str, link: &DigitalLink) -> String {
    build(
        base,
        &DigitalLink {
            expiry: None,
            ..link.clone()
        },
    )
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn encode(value: &str) -> String {
    crate::domain::text::percent_encode(value)
}

/// Percent-decodes; `None` for a broken escape or bytes that are not UTF-8.
fn decode(value: &str) -> Option<String> {
    crate::domain::text::percent_decode(value)
}

#[cfg(test)]
mod tests;
