//! GS1 Digital Link URIs (DOMAIN.md, Codes and traceability): `https://<host>/01/<GTIN-14>`
//! with the key qualifiers 22 (consumer product variant), 10 (batch/lot) and 21 (serial) in that
//! order, and data attributes such as 17 (expiry, YYMMDD) in the query. Building and parsing
//! are pure, so the resolver, the QR stamps and the tests share them; the parser never panics,
//! whatever the path.
use serde::{Deserialize, Serialize};

use crate::domain::gtin::{self, GtinProblem};

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
    /// AI 17, `YYMMDD`, from the query.
    pub expiry: Option<String>,
}

/// Why a path is not a Digital Link this resolver accepts (each gets a clear 400 page).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PathProblem {
    /// The path does not start with `/01/`.
    NotGtinPath,
    /// The GTIN is not exactly 14 digits.
    GtinLength,
    /// The GTIN's check digit is wrong; this is the right one.
    CheckDigit(u8),
    /// A qualifier other than 22, 10, 21, or one missing its value.
    UnknownQualifier,
    /// Qualifiers repeated or not in the order 22, 10, 21.
    QualifierOrder,
    /// A value that is empty, longer than 20 characters or outside GS1's character set 82.
    BadValue,
}

/// The qualifiers allowed after a GTIN, in the order they must come.
const QUALIFIERS: [&str; 3] = ["22", "10", "21"];

/// The URI of `link` on `base` (e.g. `https://ocop.langson.gov.vn`).
pub fn build(base: &str, link: &DigitalLink) -> String {
    let mut uri = format!("{}/01/{}", base.trim_end_matches('/'), link.gtin14);
    for (ai, value) in QUALIFIERS
        .iter()
        .zip([&link.variant, &link.lot, &link.serial])
    {
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

/// Parses a request path (`/01/…`) and its query string (without `?`).
///
/// # Errors
/// The first `PathProblem` met.
pub fn parse(path: &str, query: Option<&str>) -> Result<DigitalLink, PathProblem> {
    let rest = path.strip_prefix("/01/").ok_or(PathProblem::NotGtinPath)?;
    let mut segments = rest.trim_end_matches('/').split('/');
    let gtin14 = segments.next().unwrap_or_default();
    if gtin14.len() != 14 || !gtin14.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PathProblem::GtinLength);
    }
    if let Err(GtinProblem::CheckDigit { expected }) = gtin::parse(gtin14) {
        return Err(PathProblem::CheckDigit(expected));
    }
    let mut link = DigitalLink {
        gtin14: gtin14.to_owned(),
        ..DigitalLink::default()
    };
    let mut next_allowed = 0;
    while let Some(ai) = segments.next() {
        let position = QUALIFIERS
            .iter()
            .position(|q| *q == ai)
            .ok_or(PathProblem::UnknownQualifier)?;
        if position < next_allowed {
            return Err(PathProblem::QualifierOrder);
        }
        next_allowed = position + 1;
        let value = segments.next().ok_or(PathProblem::UnknownQualifier)?;
        let value = decode(value)
            .filter(|v| valid_value(v))
            .ok_or(PathProblem::BadValue)?;
        match position {
            0 => link.variant = Some(value),
            1 => link.lot = Some(value),
            _ => link.serial = Some(value),
        }
    }
    link.expiry = query.and_then(|q| {
        q.split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == "17")
            .map(|(_, v)| v.to_owned())
            .filter(|v| v.len() == 6 && v.bytes().all(|b| b.is_ascii_digit()))
    });
    Ok(link)
}

/// GS1 AI encodable character set 82, at most 20 characters (lot and serial values).
pub fn valid_value(value: &str) -> bool {
    let n = value.chars().count();
    (1..=20).contains(&n)
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!\"%&'()*+,-./:;<=>?_".contains(&b))
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
}

/// "gs1:pip" or "https://gs1.org/voc/pip" → "pip".
pub fn short_type(link_type: &str) -> &str {
    link_type
        .strip_prefix("gs1:")
        .or_else(|| link_type.strip_prefix(VOC))
        .unwrap_or(link_type)
}

/// The `linkType` a query string asks for (`gs1%3Apip` decoded), if any.
pub fn requested_type(query: Option<&str>) -> Option<String> {
    query.and_then(|q| {
        q.split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == "linkType")
            .map(|(_, v)| v.replace("%3A", ":").replace("%3a", ":"))
    })
}

/// Whether the client asks for the whole link set (`?linkType=linkset` or `all`, or an
/// `Accept` naming `application/linkset+json`) rather than to be redirected.
pub fn wants_linkset(link_type: Option<&str>, accept: Option<&str>) -> bool {
    matches!(link_type, Some("linkset" | "all"))
        || accept.is_some_and(|a| a.contains("application/linkset+json"))
}

/// Whether the link asks for the certificate rather than the product.
pub fn wants_certificate(link_type: Option<&str>) -> bool {
    link_type.map(short_type) == Some("certificationInfo")
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

/// Where a person is sent: the certificate's check page when `certificationInfo` is asked
/// for and the product has one; else the recorded lot's trace page (`lot_page`) when the link
/// names a lot the producer recorded; else the product page.
pub fn redirect_path(
    target: &Target,
    link: &DigitalLink,
    link_type: Option<&str>,
    lot_page: Option<i32>,
) -> String {
    if wants_certificate(link_type) {
        if let Some(number) = &target.certificate {
            return format!("/certificates/{number}");
        }
        return product_page(target, link);
    }
    match lot_page {
        Some(lot_id) if link.lot.is_some() => format!("/lots/{lot_id}"),
        _ => product_page(target, link),
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
/// URIs: its page as `defaultLink` and `pip`, its certificate as `certificationInfo`.
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
    let page = LinkTarget {
        href: format!("{base}{}", product_page(target, link)),
        title: format!("{} — thông tin sản phẩm / product information", target.name),
        media_type: "text/html",
        hreflang: ["vi", "en"],
    };
    let mut links = std::collections::BTreeMap::new();
    links.insert(format!("{VOC}defaultLink"), vec![page.clone()]);
    links.insert(format!("{VOC}pip"), vec![page]);
    if let Some(number) = &target.certificate {
        links.insert(
            format!("{VOC}certificationInfo"),
            vec![LinkTarget {
                href: format!("{base}/certificates/{number}"),
                title: format!("Giấy chứng nhận OCOP {number} / OCOP certificate"),
                media_type: "text/html",
                hreflang: ["vi", "en"],
            }],
        );
    }
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
mod tests {
    use proptest::prelude::*;

    use super::*;

    const GTIN14: &str = "08934588012228";

    #[test]
    fn a_product_and_a_lot_build_and_parse_back() {
        let product = for_gtin("8934588012228").unwrap();
        assert_eq!(product.gtin14, GTIN14);
        assert_eq!(
            build("https://ocop.langson.gov.vn/", &product),
            "https://ocop.langson.gov.vn/01/08934588012228"
        );
        let lot = DigitalLink {
            lot: Some("NA/2026-08".into()),
            expiry: Some("261231".into()),
            ..product
        };
        let uri = build("http://h", &lot);
        assert_eq!(uri, "http://h/01/08934588012228/10/NA%2F2026-08?17=261231");
        let (path, query) = uri["http://h".len()..].split_once('?').unwrap();
        assert_eq!(parse(path, Some(query)), Ok(lot));
    }

    #[test]
    fn malformed_paths_are_told_apart() {
        assert_eq!(
            parse("/02/08934588012228", None),
            Err(PathProblem::NotGtinPath)
        );
        assert_eq!(
            parse("/01/8934588012228", None),
            Err(PathProblem::GtinLength)
        );
        assert_eq!(
            parse("/01/08934588012227", None),
            Err(PathProblem::CheckDigit(8))
        );
        assert_eq!(
            parse("/01/08934588012228/21/1/10/A", None),
            Err(PathProblem::QualifierOrder)
        );
        assert_eq!(
            parse("/01/08934588012228/10/A/10/B", None),
            Err(PathProblem::QualifierOrder)
        );
        assert_eq!(
            parse("/01/08934588012228/99/A", None),
            Err(PathProblem::UnknownQualifier)
        );
        assert_eq!(
            parse("/01/08934588012228/10", None),
            Err(PathProblem::UnknownQualifier)
        );
        assert_eq!(
            parse("/01/08934588012228/10/L%C3%B4", None),
            Err(PathProblem::BadValue),
            "character set 82 has no Vietnamese letters"
        );
        assert_eq!(
            parse("/01/08934588012228/10/%ZZ", None),
            Err(PathProblem::BadValue)
        );
        assert!(parse("/01/08934588012228/22/V1/10/L1/21/S1", None).is_ok());
    }

    fn cs82() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[A-Za-z0-9!\"%&'()*+,\\-./:;<=>?_]{1,20}").unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn build_then_parse_is_the_identity(
            body in "[0-9]{12}",
            variant in proptest::option::of(cs82()),
            lot in proptest::option::of(cs82()),
            serial in proptest::option::of(cs82()),
        ) {
            let gtin13 = format!("{body}{}", gtin::check_digit(&body));
            let link = DigitalLink { variant, lot, serial, ..for_gtin(&gtin13).unwrap() };
            prop_assert_eq!(link.gtin14.len(), 14);
            prop_assert!(link.gtin14.starts_with('0'));
            let uri = build("", &link);
            prop_assert_eq!(parse(&uri, None), Ok(link));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        /// The resolver's parser on arbitrary paths: an answer, never a panic.
        #[test]
        fn any_path_gets_an_answer(tail in "(/[0-9A-Za-z%/._-]{0,12}){0,6}", query in proptest::option::of(".{0,20}")) {
            let _ = parse(&format!("/01{tail}"), query.as_deref());
            let _ = parse(&tail, query.as_deref());
        }
    }

    fn honey(certificate: Option<&str>) -> Target {
        Target {
            product_id: 7,
            name: "Mật ong".into(),
            certificate: certificate.map(str::to_owned),
        }
    }

    #[test]
    fn each_link_type_sends_a_person_to_its_page() {
        let product = for_gtin("8934588012228").unwrap();
        let lot = DigitalLink {
            lot: Some("NA 01".into()),
            ..product.clone()
        };
        let cert = Some("gs1:certificationInfo");
        let full = Some("https://gs1.org/voc/certificationInfo");
        let t = honey(Some("LS-2025-0001"));
        assert_eq!(redirect_path(&t, &product, None, None), "/products/7");
        assert_eq!(
            redirect_path(&t, &lot, None, None),
            "/products/7?lot=NA%2001"
        );
        assert_eq!(redirect_path(&t, &lot, None, Some(3)), "/lots/3");
        assert_eq!(
            redirect_path(&t, &product, Some("gs1:pip"), Some(3)),
            "/products/7"
        );
        for asked in [cert, full] {
            assert_eq!(
                redirect_path(&t, &lot, asked, Some(3)),
                "/certificates/LS-2025-0001"
            );
        }
        // No certificate: the product page, not a dead link.
        assert_eq!(
            redirect_path(&honey(None), &lot, cert, Some(3)),
            "/products/7?lot=NA%2001"
        );
    }

    #[test]
    fn the_link_set_names_the_page_and_the_certificate_as_gs1_link_types() {
        let link = DigitalLink {
            expiry: Some("261231".into()),
            ..for_gtin("8934588012228").unwrap()
        };
        let set = link_set("http://h", &link, &honey(Some("LS-2025-0001")));
        let entry = &set.linkset[0];
        assert_eq!(
            entry.anchor, "http://h/01/08934588012228",
            "no expiry in the anchor"
        );
        assert_eq!(
            entry.links[&format!("{VOC}pip")][0].href,
            "http://h/products/7"
        );
        assert_eq!(
            entry.links[&format!("{VOC}defaultLink")],
            entry.links[&format!("{VOC}pip")]
        );
        assert_eq!(
            entry.links[&format!("{VOC}certificationInfo")][0].href,
            "http://h/certificates/LS-2025-0001"
        );
        let without = link_set("http://h", &link, &honey(None));
        assert!(
            !without.linkset[0]
                .links
                .contains_key(&format!("{VOC}certificationInfo"))
        );
        assert_eq!(
            requested_type(Some("17=261231&linkType=gs1%3Apip")).as_deref(),
            Some("gs1:pip")
        );
        assert!(
            wants_linkset(Some("all"), None)
                && wants_linkset(None, Some("application/linkset+json"))
        );
        assert!(!wants_linkset(Some("gs1:pip"), Some("text/html")));
    }
}
