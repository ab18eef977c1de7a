//! The AI table against GS1's syntax rules: every format is well-formed, values made to a
//! format pass it, and each rule (length, character set, check digit, real dates) rejects
//! what it must — with an independent oracle (chrono's calendar) for the dates.
use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;

#[test]
fn every_format_in_the_table_is_well_formed() {
    for (code, format, _) in TABLE {
        assert!(
            (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()),
            "{code}"
        );
        for part in format.split(' ') {
            assert!(well_formed(part), "{code}: {part}");
        }
    }
    let mut codes: Vec<_> = TABLE.iter().map(|(c, _, _)| c).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), TABLE.len(), "no AI twice");
}

/// `[N|X][..]<length>[,<check>]`, optionally in brackets.
fn well_formed(part: &str) -> bool {
    let inner = part.trim_start_matches('[').trim_end_matches(']');
    let (spec, check) = inner.split_once(',').unwrap_or((inner, ""));
    let known_check = ["", "csum", "yymmdd", "yymmd0", "yymmddhh", "hhmm"].contains(&check);
    let kind = spec.starts_with('N') || spec.starts_with('X');
    let length = spec[1..].trim_start_matches("..");
    kind && known_check && !length.is_empty() && length.bytes().all(|b| b.is_ascii_digit())
}

#[test]
fn a_value_one_character_too_long_fails() {
    for (code, format, _) in TABLE.iter().filter(|(_, f, _)| !f.contains(' ')) {
        let (spec, check) = format.split_once(',').unwrap_or((format, ""));
        let max: usize = spec[1..].trim_start_matches("..").parse().unwrap();
        assert!(!valid(format, &"1".repeat(max + 1)), "{code}");
        if check.is_empty() {
            assert!(valid(format, &"1".repeat(max)), "{code}");
        }
    }
}

#[test]
fn keys_qualifiers_and_attributes_are_told_apart() {
    for key in [
        "00", "01", "253", "255", "401", "402", "414", "417", "8003", "8004", "8006",
    ] {
        assert_eq!(lookup(key).map(|a| a.role), Some(Role::PrimaryKey), "{key}");
    }
    for qualifier in ["10", "21", "22", "235", "254", "8011", "8019", "8020"] {
        assert_eq!(
            lookup(qualifier).map(|a| a.role),
            Some(Role::Qualifier),
            "{qualifier}"
        );
    }
    for attribute in [
        "11", "15", "17", "3103", "3925", "7003", "91", "715", "7230",
    ] {
        assert_eq!(
            lookup(attribute).map(|a| a.role),
            Some(Role::Attribute),
            "{attribute}"
        );
    }
    for unknown in [
        "", "1", "14", "19", "3106", "3170", "3946", "9", "999", "12345", "1a",
    ] {
        assert_eq!(lookup(unknown), None, "{unknown:?}");
    }
}

#[test]
fn the_rules_of_a_format_hold() {
    assert!(valid("N6,yymmd0", "261200"), "day 00: the month only");
    assert!(!valid("N6,yymmdd", "261200"));
    assert!(valid("N6,yymmdd", "280229") && !valid("N6,yymmdd", "270229"));
    assert!(!valid("N6,yymmd0", "261301") && !valid("N6,yymmd0", "260431"));
    assert!(valid("N14,csum", "08934588012228") && !valid("N14,csum", "08934588012227"));
    assert!(valid("N3 X..9", "704ABC") && !valid("N3 X..9", "704"));
    assert!(valid("N3 [N..12]", "704") && valid("N3 [N..12]", "704123"));
    assert!(!valid("N3 [N..12]", "70"), "a fixed part must be whole");
    assert!(valid("N6,yymmdd N4,hhmm", "2612312359"));
    assert!(!valid("N6,yymmdd N4,hhmm", "2612312460"));
    assert!(!valid("X..20", "") && !valid("N..8", ""), "never empty");
    assert!(
        !valid("X..20", "Lô-1") && !valid("X..20", "a b"),
        "character set 82 only"
    );
    assert!(!valid("N6", "12345a") && !valid("N6", "1234567"));
}

/// A value made to `format`: each component filled with characters its kind allows, at a
/// length it allows; checked components get real dates or a right check digit.
pub(crate) fn value_for(format: &'static str) -> impl Strategy<Value = String> {
    let parts: Vec<BoxedStrategy<String>> = format
        .split(' ')
        .map(|component| {
            let optional = component.starts_with('[');
            let inner = component.trim_start_matches('[').trim_end_matches(']');
            let (spec, check) = inner.split_once(',').unwrap_or((inner, ""));
            let variable = spec[1..].starts_with("..");
            let max: usize = spec[1..].trim_start_matches("..").parse().unwrap();
            let (min, max) = if variable { (1, max) } else { (max, max) };
            let part: BoxedStrategy<String> = match (spec.as_bytes()[0], check) {
                (_, "yymmdd" | "yymmd0") => date().boxed(),
                (_, "yymmddhh") => (date(), 0..24u32)
                    .prop_map(|(d, h)| format!("{d}{h:02}"))
                    .boxed(),
                (_, "hhmm") => (0..24u32, 0..60u32)
                    .prop_map(|(h, m)| format!("{h:02}{m:02}"))
                    .boxed(),
                (_, "csum") => proptest::string::string_regex(&format!("[0-9]{{{}}}", max - 1))
                    .unwrap()
                    .prop_map(|body| format!("{body}{}", crate::domain::gtin::check_digit(&body)))
                    .boxed(),
                (b'N', _) => proptest::string::string_regex(&format!("[0-9]{{{min},{max}}}"))
                    .unwrap()
                    .boxed(),
                _ => proptest::string::string_regex(&format!(
                    "[A-Za-z0-9!\"%&'()*+,\\-./:;<=>?_]{{{min},{max}}}"
                ))
                .unwrap()
                .boxed(),
            };
            if optional {
                prop_oneof![Just(String::new()), part].boxed()
            } else {
                part
            }
        })
        .collect();
    parts.prop_map(|parts| parts.concat())
}

fn date() -> impl Strategy<Value = String> {
    (0..100i32, 1..=12u32, 1..=28u32).prop_map(|(y, m, d)| format!("{y:02}{m:02}{d:02}"))
}

/// A data attribute of the table and a value of its format.
pub(crate) fn any_attribute() -> impl Strategy<Value = (&'static str, String)> {
    let attributes: Vec<_> = TABLE
        .iter()
        .filter(|(_, _, role)| *role == Role::Attribute)
        .map(|(c, f, _)| (*c, *f))
        .collect();
    proptest::sample::select(attributes).prop_flat_map(|(c, f)| (Just(c), value_for(f)))
}

/// A key or key qualifier of the table.
pub(crate) fn any_key_or_qualifier() -> impl Strategy<Value = &'static str> {
    let keys: Vec<_> = TABLE
        .iter()
        .filter(|(_, _, role)| *role != Role::Attribute)
        .map(|(c, _, _)| *c)
        .collect();
    proptest::sample::select(keys)
}

fn any_ai() -> impl Strategy<Value = (&'static str, &'static str)> {
    proptest::sample::select(TABLE.iter().map(|(c, f, _)| (*c, *f)).collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    #[test]
    fn values_made_to_an_ais_format_pass_it(
        (format, value) in any_ai().prop_flat_map(|(_, f)| (Just(f), value_for(f)))
    ) {
        prop_assert!(valid(format, &value), "{format}: {value:?}");
    }

    /// Dates against chrono's calendar (years 2000–2099): six digits are a date exactly
    /// when chrono agrees, and day 00 only where the AI allows it.
    #[test]
    fn dates_are_real_dates(yy in 0..100i32, mm in 0..15u32, dd in 0..33u32) {
        let digits = format!("{yy:02}{mm:02}{dd:02}");
        let real = NaiveDate::from_ymd_opt(2000 + yy, mm, dd).is_some();
        prop_assert_eq!(valid("N6,yymmdd", &digits), real, "{}", digits);
        let month_only = dd == 0 && (1..=12).contains(&mm);
        prop_assert_eq!(valid("N6,yymmd0", &digits), real || month_only, "{}", digits);
    }

    /// A check digit is right for exactly one last digit.
    #[test]
    fn one_check_digit_in_ten_is_right(body in "[0-9]{13}") {
        let right = (0..10).filter(|d| valid("N14,csum", &format!("{body}{d}"))).count();
        prop_assert_eq!(right, 1);
    }

    /// Whatever the code and value: an answer, never a panic.
    #[test]
    fn any_code_and_value_get_an_answer(code in "[0-9a-z]{0,5}", value in ".{0,40}") {
        if let Some(ai) = lookup(&code) {
            let _ = valid(ai.format, &value);
        }
    }
}
