//! The rules of the product form: what each field must look like. Pure, shared by the server
//! (authoritative) and pages.
use crate::domain::gtin::{self, GtinProblem};
use crate::domain::reason::Reason;
use crate::models::producers::products::ProductInput;

pub const MAX_STORY_CHARS: usize = 20_000;
/// A billion đồng: no OCOP product's retail price comes near.
const MAX_PRICE: i64 = 1_000_000_000;

/// A product form that passed the rules, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductFields {
    pub name: String,
    pub group_code: String,
    pub description: Option<String>,
    pub net_quantity: Option<String>,
    pub packaging: Option<String>,
    pub shelf_life: Option<String>,
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    pub raw_material_area: Option<String>,
    pub story: Option<String>,
    pub gtin: Option<String>,
    pub points_of_sale: Option<String>,
}

/// The field that is wrong and why (stable keys the pages translate).
pub type FieldProblem = (&'static str, Reason);

/// Checks and normalises the form (the group's existence is the service's to check).
///
/// # Errors
/// The first field that breaks a rule.
pub fn parse(input: &ProductInput) -> Result<ProductFields, FieldProblem> {
    let name = text(&input.name, "name", 300)?.ok_or(("name", Reason::Required))?;
    let group_code =
        text(&input.group_code, "group_code", 16)?.ok_or(("group_code", Reason::Required))?;
    let price_min = price(&input.price_min, "price_min")?;
    let price_max = price(&input.price_max, "price_max")?;
    if let (Some(min), Some(max)) = (price_min, price_max)
        && min > max
    {
        return Err(("price_max", Reason::PriceRange));
    }
    let gtin = text(&input.gtin, "gtin", 20)?
        .map(|g| {
            gtin::parse(&g).map_err(|problem| match problem {
                GtinProblem::Format => ("gtin", Reason::GtinFormat),
                GtinProblem::CheckDigit { .. } => ("gtin", Reason::GtinCheckDigit),
            })
        })
        .transpose()?;
    Ok(ProductFields {
        name,
        group_code,
        description: text(&input.description, "description", 4000)?,
        net_quantity: text(&input.net_quantity, "net_quantity", 100)?,
        packaging: text(&input.packaging, "packaging", 200)?,
        shelf_life: text(&input.shelf_life, "shelf_life", 100)?,
        price_min,
        price_max,
        raw_material_area: text(&input.raw_material_area, "raw_material_area", 500)?,
        story: text(&input.story, "story", MAX_STORY_CHARS)?,
        gtin,
        points_of_sale: text(&input.points_of_sale, "points_of_sale", 2000)?,
    })
}

/// Trimmed text, `None` when empty.
pub(crate) fn text(
    value: &str,
    field: &'static str,
    max: usize,
) -> Result<Option<String>, FieldProblem> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err((field, Reason::TooLong));
    }
    Ok((!value.is_empty()).then(|| value.to_owned()))
}

/// Đồng, as people type it: "120.000", "120 000" or "120000" (a trailing "đ" is fine).
fn price(value: &str, field: &'static str) -> Result<Option<i64>, FieldProblem> {
    let digits: String = value
        .trim()
        .trim_end_matches(['đ', 'Đ'])
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | ','))
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    match digits.parse::<i64>() {
        Ok(n) if (0..=MAX_PRICE).contains(&n) => Ok(Some(n)),
        _ => Err((field, Reason::OutOfRange)),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// A change that spoils a good form, and the problem it must cause.
    type Spoil = (fn(&mut ProductInput), FieldProblem);

    fn form() -> ProductInput {
        ProductInput {
            name: " Miến dong Bình Gia ".into(),
            group_code: "I.3".into(),
            price_min: "45.000".into(),
            price_max: "120 000đ".into(),
            gtin: "893 4588 012228".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_form_is_normalised() {
        let p = parse(&form()).unwrap();
        assert_eq!(p.name, "Miến dong Bình Gia");
        assert_eq!((p.price_min, p.price_max), (Some(45_000), Some(120_000)));
        assert_eq!(p.gtin.as_deref(), Some("8934588012228"));
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases: [Spoil; 6] = [
            (|f| f.name = String::new(), ("name", Reason::Required)),
            (
                |f| f.group_code = " ".into(),
                ("group_code", Reason::Required),
            ),
            (
                |f| f.price_min = "500.000".into(),
                ("price_max", Reason::PriceRange),
            ),
            (
                |f| f.price_max = "mười nghìn".into(),
                ("price_max", Reason::OutOfRange),
            ),
            (
                |f| f.gtin = "8934588012227".into(),
                ("gtin", Reason::GtinCheckDigit),
            ),
            (
                |f| f.story = "x".repeat(MAX_STORY_CHARS + 1),
                ("story", Reason::TooLong),
            ),
        ];
        for (spoil, problem) in cases {
            let mut f = form();
            spoil(&mut f);
            assert_eq!(parse(&f), Err(problem));
        }
    }

    proptest! {
        #[test]
        fn any_price_text_is_parsed_or_refused_without_panicking(p in "\\PC{0,16}") {
            let mut f = form();
            f.price_min = p;
            f.price_max = String::new();
            let _ = parse(&f);
        }
    }
}
