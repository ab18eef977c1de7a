//! Place names as rows write them, matched through the administrative-unit history: "xã Chi
//! Lăng", "X. Chi Lang", "TT. Đồng Mỏ, H. Chi Lăng" — diacritics, case and the unit's kind
//! (xã / phường / thị trấn / huyện / thành phố) do not matter. A former unit leads to the one
//! in force today through its successor; a district named beside a commune tells apart two
//! communes of the same name. What the row said is kept beside what it became.
use crate::domain::text::fold;

use super::problem::{Note, Problem};

/// A unit as the matcher needs it (from `admin_unit`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub code: String,
    pub name: String,
    /// `bare_name(name)`, made once (a file of 20,000 rows compares against it each row).
    pub bare: String,
    /// "district" or "commune".
    pub level: String,
    /// In force today (no end date, or one not passed).
    pub current: bool,
    /// A commune's district: its parent while districts existed, else its former district.
    pub district_code: Option<String>,
    /// The unit that took it over when it ended.
    pub successor_code: Option<String>,
}

/// Words that name a unit's kind, folded, longest first.
const KINDS: &[&str] = &[
    "thanh pho",
    "thi tran",
    "thi xa",
    "phuong",
    "huyen",
    "xa",
    "tp",
    "tt",
    "tx",
    "p",
    "h",
    "x",
];

/// The name without its kind: "TT. Đồng Mỏ" → "dong mo", "Xã Chi Lăng" → "chi lang".
pub fn bare_name(text: &str) -> String {
    let folded = fold(text);
    for kind in KINDS {
        if let Some(rest) = folded.strip_prefix(&format!("{kind} ")) {
            return rest.to_owned();
        }
    }
    folded
}

/// The commune and district named in an address ("Thôn Quán Thanh, xã Chi Lăng, huyện Chi
/// Lăng, tỉnh Lạng Sơn"): the parts that start with a unit's kind.
pub fn from_address(address: &str) -> (Option<String>, Option<String>) {
    let (mut commune, mut district) = (None, None);
    for part in address.split([',', ';', '-']) {
        let folded = fold(part);
        let starts = |kinds: &[&str]| kinds.iter().any(|k| folded.starts_with(&format!("{k} ")));
        if district.is_none() && starts(&["huyen", "h", "thanh pho", "tp", "thi xa", "tx"]) {
            district = Some(part.trim().to_owned());
        } else if commune.is_none() && starts(&["xa", "x", "phuong", "p", "thi tran", "tt"]) {
            commune = Some(part.trim().to_owned());
        }
    }
    (commune, district)
}

/// Where a row's place landed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    /// The commune in force today.
    pub code: String,
    /// Set when the row named a former unit.
    pub note: Option<Note>,
}

/// The commune in force today for a row's commune and (former) district names.
///
/// # Errors
/// `Missing` when neither is given, `UnknownPlace`, `PlaceMismatch` (the commune exists but
/// not in that district), `AmbiguousPlace`.
pub fn place(units: &[Unit], commune: &str, district: &str) -> Result<Placed, Problem> {
    let (c, d) = (bare_name(commune), bare_name(district));
    if c.is_empty() {
        // A district alone does not say which of its communes.
        return Err(Problem::Missing);
    }
    let districts: Vec<&Unit> = units
        .iter()
        .filter(|u| u.level == "district" && !d.is_empty() && u.bare == d)
        .collect();
    if !d.is_empty() && districts.is_empty() {
        return Err(Problem::UnknownPlace(district.trim().to_owned()));
    }
    let named: Vec<&Unit> = units
        .iter()
        .filter(|u| u.level == "commune" && u.bare == c)
        .collect();
    if named.is_empty() {
        return Err(Problem::UnknownPlace(commune.trim().to_owned()));
    }
    let in_district: Vec<&Unit> = named
        .iter()
        .copied()
        .filter(|u| {
            districts
                .iter()
                .any(|d| u.district_code.as_deref() == Some(d.code.as_str()))
        })
        .collect();
    let chosen = match (districts.is_empty(), in_district.as_slice()) {
        (false, [one]) => *one,
        (false, []) => {
            return Err(Problem::PlaceMismatch {
                commune: commune.trim().to_owned(),
                district: district.trim().to_owned(),
            });
        }
        (false, _) => return Err(Problem::AmbiguousPlace(commune.trim().to_owned())),
        // No district: the unit in force today wins over former ones of the same name.
        (true, _) => {
            let current: Vec<&Unit> = named.iter().copied().filter(|u| u.current).collect();
            match (current.as_slice(), named.as_slice()) {
                ([one], _) | ([], [one]) => *one,
                _ => return Err(Problem::AmbiguousPlace(commune.trim().to_owned())),
            }
        }
    };
    let now = successor_today(units, chosen)
        .ok_or_else(|| Problem::UnknownPlace(commune.trim().to_owned()))?;
    let note = (now.code != chosen.code).then(|| Note::PlaceThen {
        said: said(commune, district),
        now: now.name.clone(),
    });
    Ok(Placed {
        code: now.code.clone(),
        note,
    })
}

fn said(commune: &str, district: &str) -> String {
    if district.trim().is_empty() {
        commune.trim().to_owned()
    } else {
        format!("{}, {}", commune.trim(), district.trim())
    }
}

/// Follows successors to a unit in force (at most a few steps; a loop finds none).
fn successor_today<'a>(units: &'a [Unit], start: &'a Unit) -> Option<&'a Unit> {
    let mut unit = start;
    for _ in 0..10 {
        if unit.current {
            return Some(unit);
        }
        let next = unit.successor_code.as_deref()?;
        unit = units.iter().find(|u| u.code == next)?;
    }
    None
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn unit(
        code: &str,
        name: &str,
        level: &str,
        current: bool,
        district: Option<&str>,
        next: Option<&str>,
    ) -> Unit {
        Unit {
            code: code.into(),
            name: name.into(),
            bare: bare_name(name),
            level: level.into(),
            current,
            district_code: district.map(Into::into),
            successor_code: next.map(Into::into),
        }
    }

    /// Two districts; today's Chi Lăng commune (of the former Chi Lăng district); a former
    /// "Chi Lăng" commune of Tràng Định, merged into today's Tràng Định commune.
    fn units() -> Vec<Unit> {
        vec![
            unit("180", "Tràng Định", "district", false, None, None),
            unit("187", "Chi Lăng", "district", false, None, None),
            unit("06463", "Chi Lăng", "commune", true, Some("187"), None),
            unit("06046", "Tràng Định", "commune", true, Some("180"), None),
            unit(
                "T01",
                "Chi Lăng",
                "commune",
                false,
                Some("180"),
                Some("06046"),
            ),
        ]
    }

    #[test]
    fn names_match_whatever_their_kind_case_and_accents() {
        let u = units();
        for (commune, district) in [
            ("xã Chi Lăng", ""),
            ("X. Chi Lang", "H. Chi Lăng"),
            ("CHI LĂNG", "huyện Chi Lăng"),
            (" Chi  Lăng ", "Huyện Chi Lăng"),
        ] {
            assert_eq!(
                place(&u, commune, district).map(|p| p.code),
                Ok("06463".into()),
                "{commune}, {district}"
            );
        }
    }

    #[test]
    fn a_former_commune_lands_on_the_commune_in_force_and_keeps_what_it_said() {
        let placed = place(&units(), "xã Chi Lăng", "huyện Tràng Định").unwrap();
        assert_eq!(placed.code, "06046");
        assert_eq!(
            placed.note,
            Some(Note::PlaceThen {
                said: "xã Chi Lăng, huyện Tràng Định".into(),
                now: "Tràng Định".into()
            })
        );
    }

    #[test]
    fn what_cannot_be_placed_is_said() {
        let u = units();
        assert_eq!(place(&u, "", ""), Err(Problem::Missing));
        assert!(matches!(
            place(&u, "Xã Mới", ""),
            Err(Problem::UnknownPlace(_))
        ));
        assert!(matches!(
            place(&u, "Chi Lăng", "huyện Lộc Bình"),
            Err(Problem::UnknownPlace(_))
        ));
        assert_eq!(place(&u, "", "huyện Chi Lăng"), Err(Problem::Missing));
        let without_former: Vec<Unit> = u.into_iter().filter(|x| x.code != "T01").collect();
        assert_eq!(
            place(&without_former, "xã Chi Lăng", "huyện Tràng Định"),
            Err(Problem::PlaceMismatch {
                commune: "xã Chi Lăng".into(),
                district: "huyện Tràng Định".into()
            })
        );
    }

    #[test]
    fn an_address_names_its_commune_and_district() {
        assert_eq!(
            from_address("Thôn Quán Thanh, xã Chi Lăng, huyện Chi Lăng, tỉnh Lạng Sơn"),
            (Some("xã Chi Lăng".into()), Some("huyện Chi Lăng".into()))
        );
        assert_eq!(
            from_address("Khối 5, TT. Đồng Mỏ"),
            (Some("TT. Đồng Mỏ".into()), None)
        );
        assert_eq!(from_address("Lạng Sơn"), (None, None));
    }

    proptest! {
        #[test]
        fn any_text_is_safe(c in "\\PC{0,60}", d in "\\PC{0,60}") {
            let _ = place(&units(), &c, &d);
            let _ = from_address(&c);
        }
    }
}
