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

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn encode(value: &str) -> String {
    crate::domain::text::percent_encode(value)
}

/// Percent-decodes; `None` for a broken escape or bytes that are not UTF-8.
fn decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = value.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
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
}
