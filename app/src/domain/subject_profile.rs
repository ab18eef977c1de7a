//! The rules of a subject's profile form: what each field must look like. Pure, so the server
//! enforces them and a page could check them as the user types.
use crate::domain::contact;
use crate::domain::reason::Reason;
use crate::models::producers::subject_profile::SubjectProfileInput;

pub const SUBJECT_TYPES: [&str; 4] = ["DN", "HTX", "THT", "HO"];
pub const MAX_INTRODUCTION_CHARS: usize = 4000;

/// A profile that passed the rules, normalised (trimmed, phone in national form, …).
#[derive(Debug, Clone, PartialEq)]
pub struct SubjectProfile {
    pub name: String,
    pub subject_type: String,
    pub tax_code: Option<String>,
    pub address: Option<String>,
    pub legal_representative: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub founded_year: Option<i16>,
    pub member_count: Option<i32>,
    pub local_workers: Option<i32>,
    pub introduction: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// The field that is wrong and why (stable keys the pages translate).
pub type FieldProblem = (&'static str, Reason);

/// Checks and normalises the form. `this_year` bounds the founding year.
///
/// # Errors
/// The first field that breaks a rule.
pub fn parse(input: &SubjectProfileInput, this_year: i32) -> Result<SubjectProfile, FieldProblem> {
    let name = text(&input.name, "name", 300)?.ok_or(("name", Reason::Required))?;
    if !SUBJECT_TYPES.contains(&input.subject_type.as_str()) {
        return Err(("subject_type", Reason::UnknownSubjectType));
    }
    let tax_code = text(&input.tax_code, "tax_code", 32)?
        .map(|t| contact::normalize_tax_code(&t).ok_or(("tax_code", Reason::InvalidTaxCode)))
        .transpose()?;
    if tax_code.is_none() && input.subject_type != "HO" {
        return Err(("tax_code", Reason::TaxCodeRequired));
    }
    let phone = text(&input.phone, "phone", 20)?
        .map(|p| contact::normalize_phone(&p).ok_or(("phone", Reason::InvalidPhone)))
        .transpose()?;
    let email = text(&input.email, "email", 254)?
        .map(|e| contact::normalize_email(&e).ok_or(("email", Reason::InvalidEmail)))
        .transpose()?;
    let website = text(&input.website, "website", 300)?;
    if let Some(site) = &website {
        let lower = site.to_lowercase();
        let host = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"));
        if !host.is_some_and(|h| h.contains('.') && !h.contains(char::is_whitespace)) {
            return Err(("website", Reason::InvalidWebsite));
        }
    }
    let founded_year = number(
        &input.founded_year,
        "founded_year",
        1900,
        i64::from(this_year),
    )?
    .map(|y| y as i16);
    let member_count = number(&input.member_count, "member_count", 0, 1_000_000)?.map(|n| n as i32);
    let local_workers =
        number(&input.local_workers, "local_workers", 0, 1_000_000)?.map(|n| n as i32);
    let latitude = coordinate(&input.latitude, "latitude", 90.0)?;
    let longitude = coordinate(&input.longitude, "longitude", 180.0)?;
    if latitude.is_some() != longitude.is_some() {
        let missing = if latitude.is_none() {
            "latitude"
        } else {
            "longitude"
        };
        return Err((missing, Reason::CoordinatesPair));
    }
    if let (Some(lat), Some(lon)) = (latitude, longitude)
        && !in_vietnam(lat, lon)
    {
        return Err(("latitude", Reason::CoordinatesOutsideVietnam));
    }
    Ok(SubjectProfile {
        name,
        subject_type: input.subject_type.clone(),
        tax_code,
        address: text(&input.address, "address", 500)?,
        legal_representative: text(&input.legal_representative, "legal_representative", 200)?,
        phone,
        email,
        website,
        founded_year,
        member_count,
        local_workers,
        introduction: text(&input.introduction, "introduction", MAX_INTRODUCTION_CHARS)?,
        latitude,
        longitude,
    })
}

/// Trimmed text, `None` when empty.
fn text(value: &str, field: &'static str, max: usize) -> Result<Option<String>, FieldProblem> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err((field, Reason::TooLong));
    }
    Ok((!value.is_empty()).then(|| value.to_owned()))
}

/// A whole number within bounds, `None` when empty; spaces and dots between thousands allowed.
fn number(
    value: &str,
    field: &'static str,
    min: i64,
    max: i64,
) -> Result<Option<i64>, FieldProblem> {
    let digits: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    match digits.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err((field, Reason::OutOfRange)),
    }
}

/// Within mainland Vietnam's bounding box, generously. A producer's place outside it is a
/// slip: the two numbers swapped (a latitude of 106.76) or one typed for the other (21.85,
/// 21.85 is in Sudan).
fn in_vietnam(latitude: f64, longitude: f64) -> bool {
    (8.0..=23.5).contains(&latitude) && (102.0..=110.0).contains(&longitude)
}

/// Decimal degrees ("21.85" or "21,85"), `None` when empty.
fn coordinate(value: &str, field: &'static str, bound: f64) -> Result<Option<f64>, FieldProblem> {
    let value = value.trim().replace(',', ".");
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= bound => Ok(Some(v)),
        Ok(v) if v.is_finite() => Err((field, Reason::CoordinatesOutsideVietnam)),
        _ => Err((field, Reason::OutOfRange)),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// A change that spoils a good form, and the problem it must cause.
    type Spoil = (fn(&mut SubjectProfileInput), FieldProblem);

    fn form() -> SubjectProfileInput {
        SubjectProfileInput {
            subject_id: 1,
            version: 0,
            name: "  HTX Hồi Văn Quan  ".into(),
            subject_type: "HTX".into(),
            tax_code: "4900 123 456".into(),
            phone: "0912.345.678".into(),
            website: "https://hoivanquan.vn".into(),
            founded_year: "2015".into(),
            member_count: "1.200".into(),
            latitude: "21,85".into(),
            longitude: "106.76".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_form_is_normalised() {
        let p = parse(&form(), 2026).unwrap();
        assert_eq!(p.name, "HTX Hồi Văn Quan");
        assert_eq!(p.tax_code.as_deref(), Some("4900123456"));
        assert_eq!(p.phone.as_deref(), Some("0912345678"));
        assert_eq!(p.member_count, Some(1200));
        assert_eq!((p.latitude, p.longitude), (Some(21.85), Some(106.76)));
        assert_eq!(p.address, None);
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases: [Spoil; 12] = [
            (|f| f.name = " ".into(), ("name", Reason::Required)),
            (
                |f| f.subject_type = "XYZ".into(),
                ("subject_type", Reason::UnknownSubjectType),
            ),
            (
                |f| f.tax_code = String::new(),
                ("tax_code", Reason::TaxCodeRequired),
            ),
            (
                |f| f.tax_code = "12345".into(),
                ("tax_code", Reason::InvalidTaxCode),
            ),
            (
                |f| f.website = "hoivanquan".into(),
                ("website", Reason::InvalidWebsite),
            ),
            (
                |f| f.founded_year = "2030".into(),
                ("founded_year", Reason::OutOfRange),
            ),
            (
                |f| f.member_count = "-3".into(),
                ("member_count", Reason::OutOfRange),
            ),
            (
                |f| f.longitude = String::new(),
                ("longitude", Reason::CoordinatesPair),
            ),
            (
                |f| f.latitude = "106.76".into(),
                ("latitude", Reason::CoordinatesOutsideVietnam),
            ),
            (
                |f| f.longitude = "phía đông".into(),
                ("longitude", Reason::OutOfRange),
            ),
            (
                |f| {
                    f.latitude = "21.85".into();
                    f.longitude = "21.85".into();
                },
                ("latitude", Reason::CoordinatesOutsideVietnam),
            ),
            (
                |f| f.introduction = "x".repeat(4001),
                ("introduction", Reason::TooLong),
            ),
        ];
        for (spoil, problem) in cases {
            let mut f = form();
            spoil(&mut f);
            assert_eq!(parse(&f, 2026), Err(problem));
        }
        let mut household = form();
        household.subject_type = "HO".into();
        household.tax_code = String::new();
        assert!(
            parse(&household, 2026).is_ok(),
            "households may have no tax code"
        );
    }

    proptest! {
        #[test]
        fn any_input_is_parsed_or_refused_without_panicking(
            name in "\\PC{0,40}", year in "\\PC{0,8}", lat in "\\PC{0,12}", count in "\\PC{0,12}"
        ) {
            let mut f = form();
            f.name = name;
            f.founded_year = year;
            f.latitude = lat;
            f.member_count = count;
            let _ = parse(&f, 2026);
        }
    }
}
