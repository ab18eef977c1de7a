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
        Err(LinkProblem::NotGtinPath)
    );
    assert_eq!(
        parse("/01/8934588012228", None),
        Err(LinkProblem::GtinLength)
    );
    assert_eq!(
        parse("/01/08934588012227", None),
        Err(LinkProblem::CheckDigit(8))
    );
    assert_eq!(
        parse("/01/08934588012228/21/1/10/A", None),
        Err(LinkProblem::QualifierOrder)
    );
    assert_eq!(
        parse("/01/08934588012228/10/A/10/B", None),
        Err(LinkProblem::QualifierOrder)
    );
    assert_eq!(
        parse("/01/08934588012228/99/A", None),
        Err(LinkProblem::UnknownQualifier)
    );
    assert_eq!(
        parse("/01/08934588012228/10", None),
        Err(LinkProblem::UnknownQualifier)
    );
    assert_eq!(
        parse("/01/08934588012228/10/L%C3%B4", None),
        Err(LinkProblem::BadValue),
        "character set 82 has no Vietnamese letters"
    );
    assert_eq!(
        parse("/01/08934588012228/10/%ZZ", None),
        Err(LinkProblem::BadValue)
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

fn honey(certificate: Option<&str>, lot_page: Option<i32>) -> Target {
    Target {
        product_id: 7,
        name: "Mật ong".into(),
        certificate: certificate.map(str::to_owned),
        lot_page,
    }
}

#[test]
fn each_link_type_sends_a_person_to_its_page_or_nowhere() {
    let product = for_gtin("8934588012228").unwrap();
    let lot = DigitalLink {
        lot: Some("NA 01".into()),
        ..product.clone()
    };
    let cert = Some("gs1:certificationInfo");
    let full = Some("https://gs1.org/voc/certificationInfo");
    let t = honey(Some("LS-2025-0001"), None);
    let path = |t: &Target, link: &DigitalLink, asked: Option<&str>| redirect_path(t, link, asked);
    assert_eq!(path(&t, &product, None).as_deref(), Some("/products/7"));
    assert_eq!(
        path(&t, &lot, None).as_deref(),
        Some("/products/7?lot=NA%2001")
    );
    let recorded = honey(Some("LS-2025-0001"), Some(3));
    assert_eq!(path(&recorded, &lot, None).as_deref(), Some("/lots/3"));
    assert_eq!(
        path(&recorded, &lot, Some("gs1:traceability")).as_deref(),
        Some("/lots/3")
    );
    assert_eq!(
        path(&recorded, &lot, Some("gs1:pip")).as_deref(),
        Some("/products/7?lot=NA%2001")
    );
    for asked in [cert, full] {
        assert_eq!(
            path(&recorded, &lot, asked).as_deref(),
            Some("/certificates/LS-2025-0001")
        );
    }
    // A link type the item does not have: nothing, never another link instead.
    assert_eq!(path(&honey(None, Some(3)), &lot, cert), None);
    assert_eq!(
        path(&t, &lot, Some("gs1:traceability")),
        None,
        "lot not recorded"
    );
    assert_eq!(path(&t, &product, Some("gs1:recipeInfo")), None);
    assert_eq!(path(&t, &product, Some("")), None);
}

#[test]
fn the_query_string_is_passed_on() {
    assert_eq!(pass_query("/products/7", None), "/products/7");
    assert_eq!(pass_query("/products/7", Some("")), "/products/7");
    assert_eq!(
        pass_query("/products/7", Some("foo=bar")),
        "/products/7?foo=bar"
    );
    assert_eq!(
        pass_query("/products/7?lot=A", Some("foo=bar&17=261231")),
        "/products/7?lot=A&foo=bar&17=261231"
    );
}

#[test]
fn the_link_set_names_the_page_and_the_certificate_as_gs1_link_types() {
    let link = DigitalLink {
        expiry: Some("261231".into()),
        ..for_gtin("8934588012228").unwrap()
    };
    let set = link_set("http://h", &link, &honey(Some("LS-2025-0001"), None));
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
    let without = link_set("http://h", &link, &honey(None, None));
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
        wants_linkset(Some("all"), None) && wants_linkset(None, Some("application/linkset+json"))
    );
    assert!(!wants_linkset(Some("gs1:pip"), Some("text/html")));
}

const HONEY: &str = "/01/08934588012228";

#[test]
fn the_query_is_checked_as_gs1_data_attributes() {
    let q = |query: &str| parse(HONEY, Some(query));
    let ai = |code: &str| code.to_owned();
    assert_eq!(q("17=261231").unwrap().expiry.as_deref(), Some("261231"));
    assert!(q("15=261200&3103=000500&linkType=gs1:pip&utm_source=tem").is_ok());
    assert_eq!(q("17=261332"), Err(LinkProblem::BadAiValue(ai("17"))));
    assert_eq!(
        q("7003=2612312460"),
        Err(LinkProblem::BadAiValue(ai("7003")))
    );
    assert_eq!(q("3103=5"), Err(LinkProblem::BadAiValue(ai("3103"))));
    assert_eq!(q("17="), Err(LinkProblem::EmptyAi(ai("17"))));
    assert_eq!(q("17"), Err(LinkProblem::EmptyAi(ai("17"))));
    assert_eq!(
        q("17=261231&17=261231"),
        Err(LinkProblem::RepeatedAi(ai("17")))
    );
    assert_eq!(q("10=NA-01"), Err(LinkProblem::KeyInQuery(ai("10"))));
    assert_eq!(
        q("01=08934588012228"),
        Err(LinkProblem::KeyInQuery(ai("01")))
    );
    assert_eq!(q("19=1"), Err(LinkProblem::UnknownAi(ai("19"))));
    assert_eq!(
        q("12345678901=1"),
        Err(LinkProblem::UnknownAi(ai("123456")))
    );
    assert_eq!(
        q("%31%37=261399"),
        Err(LinkProblem::BadAiValue(ai("17"))),
        "an AI percent-encoded is still one"
    );
    assert!(q("").is_ok() && q("&&").is_ok() && q("=x").is_ok());
}

#[test]
fn qualifier_235_stands_alone_after_the_gtin() {
    let link = parse(&format!("{HONEY}/235/TPX-0001_a"), None).unwrap();
    assert_eq!(link.extension.as_deref(), Some("TPX-0001_a"));
    assert_eq!(build("", &link), format!("{HONEY}/235/TPX-0001_a"));
    for path in ["/235/A/10/B", "/10/B/235/A", "/22/V/235/A", "/235/A/235/B"] {
        assert_eq!(
            parse(&format!("{HONEY}{path}"), None),
            Err(LinkProblem::QualifierOrder),
            "{path}"
        );
    }
    let long = "A".repeat(29);
    assert_eq!(
        parse(&format!("{HONEY}/235/{long}"), None),
        Err(LinkProblem::BadValue)
    );
    assert!(parse(&format!("{HONEY}/235/{}", &long[1..]), None).is_ok());
}

/// A link as GS1's syntax allows it: a GTIN, the 22/10/21 chain or 235 alone.
fn any_link() -> impl Strategy<Value = DigitalLink> {
    let chain = (
        proptest::option::of(cs82()),
        proptest::option::of(cs82()),
        proptest::option::of(cs82()),
    )
        .prop_map(|(variant, lot, serial)| (variant, lot, serial, None));
    let extension = proptest::string::string_regex("[A-Za-z0-9!\"%&'()*+,\\-./:;<=>?_]{1,28}")
        .unwrap()
        .prop_map(|x| (None, None, None, Some(x)));
    ("[0-9]{13}", prop_oneof![chain, extension]).prop_map(
        |(body, (variant, lot, serial, extension))| DigitalLink {
            gtin14: format!("{body}{}", gtin::check_digit(&body)),
            variant,
            lot,
            serial,
            extension,
            expiry: None,
        },
    )
}

/// A parameter that is not the link's: its name has a character other than a digit.
fn noise() -> impl Strategy<Value = String> {
    ("[A-Za-z_][A-Za-z0-9_]{0,10}", "[^&#]{0,20}").prop_map(|(k, v)| format!("{k}={v}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Any link with any distinct data attributes (valid values, percent-encoded) and any other
    /// parameters, in any order, parses to the link, with its expiry when 17 is among them; a
    /// trailing slash changes nothing.
    #[test]
    fn valid_links_with_attributes_parse(
        link in any_link(),
        attributes in proptest::collection::vec(crate::domain::gs1_ai::tests::any_attribute(), 0..6),
        others in proptest::collection::vec(noise(), 0..4),
        seed in any::<u64>(),
    ) {
        let mut attributes = attributes;
        attributes.sort_by_key(|(ai, _)| *ai);
        attributes.dedup_by_key(|(ai, _)| *ai);
        let mut params: Vec<String> = attributes
            .iter()
            .map(|(ai, v)| format!("{ai}={}", crate::domain::text::percent_encode(v)))
            .chain(others)
            .collect();
        let n = params.len().max(1);
        params.rotate_left((seed as usize) % n);
        let query = params.join("&");
        let path = build("", &link);
        let expected = DigitalLink {
            expiry: attributes.iter().find(|(ai, _)| *ai == "17").map(|(_, v)| v.clone()),
            ..link
        };
        prop_assert_eq!(parse(&path, Some(&query)), Ok(expected.clone()));
        prop_assert_eq!(parse(&format!("{path}/"), Some(&query)), Ok(expected));
    }

    /// Parameters that are not AIs never change the answer, whatever the link.
    #[test]
    fn other_parameters_are_ignored(
        tail in "(/[0-9A-Za-z%._-]{0,14}){0,5}",
        query in "[0-9A-Za-z%=&._-]{0,30}",
        extra in noise(),
    ) {
        let path = format!("{HONEY}{tail}");
        prop_assert_eq!(parse(&path, Some(&format!("{query}&{extra}"))), parse(&path, Some(&query)));
    }

    /// A key or key qualifier in the query is refused: it belongs in the path.
    #[test]
    fn keys_in_the_query_are_refused(ai in crate::domain::gs1_ai::tests::any_key_or_qualifier(), value in "[0-9A-Z]{1,12}") {
        prop_assert_eq!(parse(HONEY, Some(&format!("{ai}={value}"))), Err(LinkProblem::KeyInQuery(ai.to_owned())));
    }

    /// The same AI twice, or with no value, is refused and named.
    #[test]
    fn repeated_and_empty_attributes_are_refused((ai, value) in crate::domain::gs1_ai::tests::any_attribute()) {
        let once = format!("{ai}={}", crate::domain::text::percent_encode(&value));
        prop_assert_eq!(parse(HONEY, Some(&format!("{once}&{once}"))), Err(LinkProblem::RepeatedAi(ai.to_owned())));
        prop_assert_eq!(parse(HONEY, Some(&format!("{ai}="))), Err(LinkProblem::EmptyAi(ai.to_owned())));
    }

    /// A name of digits that GS1 does not define is refused as an unknown AI.
    #[test]
    fn unknown_ais_are_refused(code in "[0-9]{1,8}") {
        prop_assume!(crate::domain::gs1_ai::lookup(&code).is_none());
        let shown: String = code.chars().take(6).collect();
        prop_assert_eq!(parse(HONEY, Some(&format!("{code}=1"))), Err(LinkProblem::UnknownAi(shown)));
    }
}
