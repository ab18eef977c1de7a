//! A product label against the label checklist (Decree 43/2017/NĐ-CP as amended by Decree
//! 111/2021/NĐ-CP): which items apply to a product type, whether each is present, missing or
//! malformed, and whether the OCOP mark and stars the label shows are backed by a valid
//! certificate. The checklist itself is master data (`label_checklist_item`), so a new decree
//! changes rows, not code; only the kinds of check below are code.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::certificate::Validity;
use crate::domain::label_format as format;

/// How an item's text is checked beyond being present.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CheckKind {
    /// Any text of at least two characters.
    Text,
    /// Says where it was made: "Sản xuất tại …" or "Xuất xứ …".
    Origin,
    /// A number with a unit of measure: "500 g", "750 ml", "10 gói".
    Quantity,
    /// States a date in day-month-year order: "dd-mm-yy", "dd/mm/yyyy" or a date such as
    /// "15-10-2026" (Decree 43 writes dates day first).
    Date,
    /// An alcohol content in percent by volume: "29% vol".
    Ethanol,
}

impl CheckKind {
    pub const ALL: [CheckKind; 5] = [
        CheckKind::Text,
        CheckKind::Origin,
        CheckKind::Quantity,
        CheckKind::Date,
        CheckKind::Ethanol,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::Text => "text",
            CheckKind::Origin => "origin",
            CheckKind::Quantity => "quantity",
            CheckKind::Date => "date",
            CheckKind::Ethanol => "ethanol",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One checklist row as the rules need it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    /// Product-group codes it is for, separated by spaces ("I II III", "II.1"); empty for all.
    pub groups: String,
    /// Mandatory; otherwise "if any" (checked only when filled in).
    pub required: bool,
    pub check: CheckKind,
}

/// Whether an item for `groups` applies to a product of `group_code`: a listed code is the
/// product's group or one of its ancestors ("II" and "II.1" both cover "II.1").
pub fn applies_to(groups: &str, group_code: &str) -> bool {
    groups.trim().is_empty()
        || groups.split_whitespace().any(|g| {
            group_code == g
                || group_code
                    .strip_prefix(g)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
}

/// What is wrong with a filled-in item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    TooShort,
    OriginWording,
    QuantityUnit,
    /// A date, or a date format, that is not day-month-year.
    DateOrder,
    /// No date or date format at all ("see the bottom of the box" without a format).
    DateMissing,
    EthanolPercent,
}

impl Problem {
    pub fn as_str(self) -> &'static str {
        match self {
            Problem::TooShort => "too_short",
            Problem::OriginWording => "origin_wording",
            Problem::QuantityUnit => "quantity_unit",
            Problem::DateOrder => "date_order",
            Problem::DateMissing => "date_missing",
            Problem::EthanolPercent => "ethanol_percent",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Present,
    Missing,
    Malformed(Problem),
    /// An "if any" item left empty.
    NotGiven,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Present => "present",
            Status::Missing => "missing",
            Status::Malformed(_) => "malformed",
            Status::NotGiven => "not_given",
        }
    }

    /// Whether the label fails the checklist on this item.
    pub fn is_fault(self) -> bool {
        matches!(self, Status::Missing | Status::Malformed(_))
    }
}

/// The check of one item's text.
pub fn check_value(item: &ChecklistItem, value: &str) -> Status {
    let value = value.trim();
    if value.is_empty() {
        return if item.required {
            Status::Missing
        } else {
            Status::NotGiven
        };
    }
    match problem(item.check, value) {
        Some(p) => Status::Malformed(p),
        None => Status::Present,
    }
}

fn problem(kind: CheckKind, value: &str) -> Option<Problem> {
    match kind {
        CheckKind::Text => (value.chars().count() < 2).then_some(Problem::TooShort),
        CheckKind::Origin => {
            let folded = crate::domain::text::fold(value);
            (!(folded.contains("san xuat tai") || folded.contains("xuat xu")))
                .then_some(Problem::OriginWording)
        }
        CheckKind::Quantity => (!format::has_quantity(value)).then_some(Problem::QuantityUnit),
        CheckKind::Date => format::date_problem(value),
        CheckKind::Ethanol => (!format::has_percent(value)).then_some(Problem::EthanolPercent),
    }
}

/// The result of one item on a product's label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemCheck {
    pub code: String,
    pub status: Status,
}

/// Checks `content` (item code → text) against the `items` that apply to `group_code`, in
/// the checklist's order.
pub fn check_label(
    items: &[ChecklistItem],
    group_code: &str,
    content: &BTreeMap<String, String>,
) -> Vec<ItemCheck> {
    items
        .iter()
        .filter(|item| applies_to(&item.groups, group_code))
        .map(|item| ItemCheck {
            code: item.code.clone(),
            status: check_value(item, content.get(&item.code).map_or("", String::as_str)),
        })
        .collect()
}

/// What a label claims about OCOP.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkClaim {
    pub shows_mark: bool,
    /// The stars printed with the mark.
    pub stars: Option<u8>,
}

/// The product's current certificate, as far as the mark depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateFacts {
    pub stars: u8,
    pub validity: Validity,
}

/// Whether the mark on the label is allowed (DOMAIN.md: only while the certificate is valid,
/// with its stars).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MarkCheck {
    /// The label shows no OCOP mark: nothing to check.
    NotShown,
    Allowed,
    NoCertificate,
    Expired,
    Revoked,
    StarsDiffer {
        label: Option<u8>,
        certificate: u8,
    },
}

impl MarkCheck {
    pub fn is_warning(self) -> bool {
        !matches!(self, MarkCheck::NotShown | MarkCheck::Allowed)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MarkCheck::NotShown => "not_shown",
            MarkCheck::Allowed => "allowed",
            MarkCheck::NoCertificate => "no_certificate",
            MarkCheck::Expired => "expired",
            MarkCheck::Revoked => "revoked",
            MarkCheck::StarsDiffer { .. } => "stars_differ",
        }
    }
}

pub fn mark_check(claim: MarkClaim, certificate: Option<CertificateFacts>) -> MarkCheck {
    if !claim.shows_mark {
        return MarkCheck::NotShown;
    }
    let Some(cert) = certificate else {
        return MarkCheck::NoCertificate;
    };
    match cert.validity {
        Validity::Revoked => MarkCheck::Revoked,
        Validity::Expired => MarkCheck::Expired,
        Validity::Valid | Validity::Expiring if claim.stars != Some(cert.stars) => {
            MarkCheck::StarsDiffer {
                label: claim.stars,
                certificate: cert.stars,
            }
        }
        Validity::Valid | Validity::Expiring => MarkCheck::Allowed,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn item(code: &str, groups: &str, required: bool, check: CheckKind) -> ChecklistItem {
        ChecklistItem {
            code: code.into(),
            name_vi: code.into(),
            name_en: code.into(),
            groups: groups.into(),
            required,
            check,
        }
    }

    /// The shipped checklist's shape: common items, food items, liquor extras, handicraft.
    fn checklist() -> Vec<ChecklistItem> {
        vec![
            item("name", "I II III IV V", true, CheckKind::Text),
            item("origin", "I II III IV V", true, CheckKind::Origin),
            item("net_quantity", "I II III", true, CheckKind::Quantity),
            item("manufactured_on", "I II III", true, CheckKind::Date),
            item("warnings", "I II III", false, CheckKind::Text),
            item("ethanol", "II.1", true, CheckKind::Ethanol),
            item("materials", "IV", true, CheckKind::Text),
        ]
    }

    fn content(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn codes(checks: &[ItemCheck]) -> Vec<&str> {
        checks.iter().map(|c| c.code.as_str()).collect()
    }

    #[test]
    fn items_follow_the_product_type() {
        let food = check_label(&checklist(), "I.3.c", &BTreeMap::new());
        assert_eq!(
            codes(&food),
            [
                "name",
                "origin",
                "net_quantity",
                "manufactured_on",
                "warnings"
            ]
        );
        let liquor = check_label(&checklist(), "II.1", &BTreeMap::new());
        assert!(codes(&liquor).contains(&"ethanol"));
        let tea = check_label(&checklist(), "II.2", &BTreeMap::new());
        assert!(!codes(&tea).contains(&"ethanol"));
        let craft = check_label(&checklist(), "IV", &BTreeMap::new());
        assert_eq!(codes(&craft), ["name", "origin", "materials"]);
        // Tourism services carry no goods label.
        assert!(check_label(&checklist(), "VI", &BTreeMap::new()).is_empty());
        // "II.1" is not a prefix of "II.10".
        assert!(!applies_to("II.1", "II.10"));
    }

    #[test]
    fn a_complete_liquor_label_passes() {
        let label = content(&[
            ("name", "Rượu Mẫu Sơn"),
            (
                "origin",
                "Sản xuất tại: xã Mẫu Sơn, tỉnh Lạng Sơn, Việt Nam",
            ),
            ("net_quantity", "Thể tích thực: 750 ml"),
            ("manufactured_on", "NSX: xem trên nắp chai (dd-mm-yyyy)"),
            ("ethanol", "Độ cồn: 29% vol"),
        ]);
        let checks = check_label(&checklist(), "II.1", &label);
        assert!(checks.iter().all(|c| !c.status.is_fault()), "{checks:?}");
        let warnings = checks
            .iter()
            .find(|c| c.code == "warnings")
            .map(|c| c.status);
        assert_eq!(warnings, Some(Status::NotGiven));
    }

    #[test]
    fn faults_are_named() {
        let label = content(&[
            ("name", "Rượu"),
            ("origin", "Lạng Sơn"),
            ("net_quantity", "750"),
            ("manufactured_on", "2026-10-15"),
            ("ethanol", "29 độ"),
        ]);
        let checks = check_label(&checklist(), "II.1", &label);
        let status = |code: &str| checks.iter().find(|c| c.code == code).map(|c| c.status);
        assert_eq!(status("name"), Some(Status::Present));
        assert_eq!(
            status("origin"),
            Some(Status::Malformed(Problem::OriginWording))
        );
        assert_eq!(
            status("net_quantity"),
            Some(Status::Malformed(Problem::QuantityUnit))
        );
        assert_eq!(
            status("manufactured_on"),
            Some(Status::Malformed(Problem::DateOrder))
        );
        assert_eq!(
            status("ethanol"),
            Some(Status::Malformed(Problem::EthanolPercent))
        );
        let empty = check_label(&checklist(), "II.1", &BTreeMap::new());
        assert!(
            empty
                .iter()
                .filter(|c| c.code != "warnings")
                .all(|c| c.status == Status::Missing)
        );
    }

    #[test]
    fn dates_must_be_day_first() {
        let date = item("d", "", true, CheckKind::Date);
        for ok in [
            "dd-mm-yy",
            "DD/MM/YYYY",
            "NSX: 15-10-2026",
            "HSD 15.10.26",
            "ngày/tháng/năm",
            "In trên đáy hộp theo dạng dd-mm-yyyy",
            "1/2/2026",
        ] {
            assert_eq!(check_value(&date, ok), Status::Present, "{ok}");
        }
        for (bad, why) in [
            ("2026-10-15", Problem::DateOrder),
            ("10/15/2026", Problem::DateOrder),
            ("mm/dd/yyyy", Problem::DateOrder),
            ("yyyy-mm-dd", Problem::DateOrder),
            ("15-10-202", Problem::DateOrder),
            ("Xem trên bao bì", Problem::DateMissing),
            ("15 tháng 10", Problem::DateMissing),
        ] {
            assert_eq!(check_value(&date, bad), Status::Malformed(why), "{bad}");
        }
    }

    #[test]
    fn quantities_and_percentages() {
        let q = item("q", "", true, CheckKind::Quantity);
        for ok in [
            "500 g",
            "1,5 kg",
            "750ml",
            "Khối lượng tịnh: 200 G",
            "10 gói x 20 g",
        ] {
            assert_eq!(check_value(&q, ok), Status::Present, "{ok}");
        }
        for bad in ["500", "gram", "0 g", "nửa cân"] {
            assert_eq!(
                check_value(&q, bad),
                Status::Malformed(Problem::QuantityUnit),
                "{bad}"
            );
        }
        let e = item("e", "", true, CheckKind::Ethanol);
        assert_eq!(check_value(&e, "29,5 % vol"), Status::Present);
        assert_eq!(
            check_value(&e, "150%"),
            Status::Malformed(Problem::EthanolPercent)
        );
    }

    fn cert(stars: u8, validity: Validity) -> Option<CertificateFacts> {
        Some(CertificateFacts { stars, validity })
    }

    #[test]
    fn the_mark_needs_a_valid_certificate_with_the_same_stars() {
        let shows = |stars| MarkClaim {
            shows_mark: true,
            stars: Some(stars),
        };
        let hidden = MarkClaim {
            shows_mark: false,
            stars: None,
        };
        assert_eq!(mark_check(hidden, None), MarkCheck::NotShown);
        assert_eq!(
            mark_check(hidden, cert(3, Validity::Expired)),
            MarkCheck::NotShown
        );
        assert_eq!(
            mark_check(shows(3), cert(3, Validity::Valid)),
            MarkCheck::Allowed
        );
        assert_eq!(
            mark_check(shows(4), cert(4, Validity::Expiring)),
            MarkCheck::Allowed
        );
        assert_eq!(
            mark_check(shows(3), cert(3, Validity::Expired)),
            MarkCheck::Expired
        );
        assert_eq!(
            mark_check(shows(3), cert(3, Validity::Revoked)),
            MarkCheck::Revoked
        );
        assert_eq!(mark_check(shows(3), None), MarkCheck::NoCertificate);
        assert_eq!(
            mark_check(shows(4), cert(3, Validity::Valid)),
            MarkCheck::StarsDiffer {
                label: Some(4),
                certificate: 3
            }
        );
        assert!(mark_check(shows(3), cert(3, Validity::Expired)).is_warning());
    }

    proptest! {
        #[test]
        fn every_real_date_written_day_first_passes(
            day in 1u32..=28, month in 1u32..=12, year in 2000u32..2100, sep in "[-/.]",
            short in any::<bool>(),
        ) {
            let date = item("d", "", true, CheckKind::Date);
            let year = if short { format!("{:02}", year % 100) } else { year.to_string() };
            let text = format!("{day:02}{sep}{month:02}{sep}{year}");
            prop_assert_eq!(check_value(&date, &text), Status::Present);
            // The same date year first is refused.
            let iso = format!("{year}{sep}{month:02}{sep}{day:02}");
            if !short {
                prop_assert_eq!(check_value(&date, &iso), Status::Malformed(Problem::DateOrder));
            }
        }

        #[test]
        fn any_content_is_checked_without_panic(values in proptest::collection::vec(".{0,40}", 7)) {
            let items = checklist();
            let label: BTreeMap<String, String> =
                items.iter().map(|i| i.code.clone()).zip(values).collect();
            let checks = check_label(&items, "II.1", &label);
            prop_assert_eq!(checks.len(), 6);
        }
    }
}
