//! Whether a producer keeps its information complete: the rule the producer's home lists gaps
//! by and the adoption figures count with. Pure, so both use the same words.
//!
//! The rule ("thông tin đầy đủ"):
//! - the subject's profile has an address, a phone or an e-mail, a legal representative (not
//!   required of a household business) and an introduction;
//! - each of its products has a description, a photo, a GTIN, a label entered with no
//!   mandatory item missing or malformed, and was updated within the last 365 days.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// After this many days without an update, a product's information counts as stale.
pub const STALE_AFTER_DAYS: i64 = 365;

/// What a subject's profile lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SubjectGap {
    NoAddress,
    NoContact,
    NoRepresentative,
    NoIntroduction,
}

impl SubjectGap {
    pub const ALL: [SubjectGap; 4] = [
        SubjectGap::NoAddress,
        SubjectGap::NoContact,
        SubjectGap::NoRepresentative,
        SubjectGap::NoIntroduction,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SubjectGap::NoAddress => "no_address",
            SubjectGap::NoContact => "no_contact",
            SubjectGap::NoRepresentative => "no_representative",
            SubjectGap::NoIntroduction => "no_introduction",
        }
    }

    /// (Vietnamese, English): what to add.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            SubjectGap::NoAddress => ("Chưa có địa chỉ", "No address"),
            SubjectGap::NoContact => (
                "Chưa có số điện thoại hoặc thư điện tử",
                "No phone number or e-mail",
            ),
            SubjectGap::NoRepresentative => (
                "Chưa có người đại diện theo pháp luật",
                "No legal representative",
            ),
            SubjectGap::NoIntroduction => ("Chưa có lời giới thiệu", "No introduction"),
        }
    }

    /// The profile form's field to fix it in.
    pub fn field(self) -> &'static str {
        match self {
            SubjectGap::NoAddress => "address",
            SubjectGap::NoContact => "phone",
            SubjectGap::NoRepresentative => "legal_representative",
            SubjectGap::NoIntroduction => "introduction",
        }
    }
}

/// What a product's information lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProductGap {
    NoDescription,
    NoPhoto,
    NoGtin,
    NoLabel,
    /// Entered, with mandatory items missing or malformed.
    LabelFaults,
    Stale,
}

impl ProductGap {
    pub const ALL: [ProductGap; 6] = [
        ProductGap::NoDescription,
        ProductGap::NoPhoto,
        ProductGap::NoGtin,
        ProductGap::NoLabel,
        ProductGap::LabelFaults,
        ProductGap::Stale,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProductGap::NoDescription => "no_description",
            ProductGap::NoPhoto => "no_photo",
            ProductGap::NoGtin => "no_gtin",
            ProductGap::NoLabel => "no_label",
            ProductGap::LabelFaults => "label_faults",
            ProductGap::Stale => "stale",
        }
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            ProductGap::NoDescription => ("Chưa có mô tả sản phẩm", "No description"),
            ProductGap::NoPhoto => ("Chưa có ảnh sản phẩm", "No photo"),
            ProductGap::NoGtin => ("Chưa có mã số mã vạch (GTIN)", "No barcode number (GTIN)"),
            ProductGap::NoLabel => ("Chưa khai báo nhãn", "Label not entered"),
            ProductGap::LabelFaults => (
                "Nhãn còn mục bắt buộc thiếu hoặc sai",
                "Label has mandatory items missing or wrong",
            ),
            ProductGap::Stale => (
                "Thông tin chưa cập nhật hơn một năm",
                "Information not updated for over a year",
            ),
        }
    }

    /// Where to fix it, for product `id`.
    pub fn href(self, id: i32) -> String {
        match self {
            ProductGap::NoDescription | ProductGap::Stale => {
                format!("/producer/products/{id}#description")
            }
            ProductGap::NoPhoto => format!("/producer/products/{id}#photos"),
            ProductGap::NoGtin => format!("/producer/products/{id}#gtin"),
            ProductGap::NoLabel | ProductGap::LabelFaults => format!("/labels/{id}"),
        }
    }
}

/// What the rule reads of a subject's profile.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubjectFacts {
    pub subject_type: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub legal_representative: Option<String>,
    pub introduction: Option<String>,
}

fn blank(value: &Option<String>) -> bool {
    value.as_deref().is_none_or(|v| v.trim().is_empty())
}

pub fn subject_gaps(s: &SubjectFacts) -> Vec<SubjectGap> {
    let mut gaps = Vec::new();
    if blank(&s.address) {
        gaps.push(SubjectGap::NoAddress);
    }
    if blank(&s.phone) && blank(&s.email) {
        gaps.push(SubjectGap::NoContact);
    }
    // A household business is its own representative.
    if s.subject_type != "HO" && blank(&s.legal_representative) {
        gaps.push(SubjectGap::NoRepresentative);
    }
    if blank(&s.introduction) {
        gaps.push(SubjectGap::NoIntroduction);
    }
    gaps
}

/// What the rule reads of a product.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductFacts {
    pub description: Option<String>,
    pub photos: u32,
    pub gtin: Option<String>,
    /// `None`: no label entered; else the number of mandatory items missing or malformed.
    pub label_faults: Option<u32>,
    /// The last day its information (form, photos or label) changed.
    pub updated_on: NaiveDate,
}

pub fn product_gaps(p: &ProductFacts, today: NaiveDate) -> Vec<ProductGap> {
    let mut gaps = Vec::new();
    if blank(&p.description) {
        gaps.push(ProductGap::NoDescription);
    }
    if p.photos == 0 {
        gaps.push(ProductGap::NoPhoto);
    }
    if blank(&p.gtin) {
        gaps.push(ProductGap::NoGtin);
    }
    match p.label_faults {
        None => gaps.push(ProductGap::NoLabel),
        Some(n) if n > 0 => gaps.push(ProductGap::LabelFaults),
        Some(_) => {}
    }
    if (today - p.updated_on).num_days() > STALE_AFTER_DAYS {
        gaps.push(ProductGap::Stale);
    }
    gaps
}

/// A subject is complete when neither its profile nor any of its products has a gap.
pub fn complete(subject: &[SubjectGap], products: &[Vec<ProductGap>]) -> bool {
    subject.is_empty() && products.iter().all(Vec::is_empty)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn full_product() -> ProductFacts {
        ProductFacts {
            description: Some("Na dai Chi Lăng".into()),
            photos: 2,
            gtin: Some("8930000000000".into()),
            label_faults: Some(0),
            updated_on: day("2026-01-01"),
        }
    }

    fn full_subject(kind: &str) -> SubjectFacts {
        SubjectFacts {
            subject_type: kind.into(),
            address: Some("Thôn Quán Thanh".into()),
            phone: Some("0912345678".into()),
            email: None,
            legal_representative: Some("Vi Văn A".into()),
            introduction: Some("Hợp tác xã".into()),
        }
    }

    #[test]
    fn each_gap_by_hand() {
        let today = day("2026-12-06");
        assert!(product_gaps(&full_product(), today).is_empty());
        let bare = ProductFacts {
            description: Some("  ".into()),
            photos: 0,
            gtin: None,
            label_faults: None,
            updated_on: day("2025-12-05"),
        };
        assert_eq!(
            product_gaps(&bare, today),
            vec![
                ProductGap::NoDescription,
                ProductGap::NoPhoto,
                ProductGap::NoGtin,
                ProductGap::NoLabel,
                ProductGap::Stale,
            ]
        );
        // 365 days is still within the year; a label with faults is its own gap.
        let edge = ProductFacts {
            label_faults: Some(2),
            updated_on: day("2025-12-06"),
            ..full_product()
        };
        assert_eq!(product_gaps(&edge, today), vec![ProductGap::LabelFaults]);

        assert!(subject_gaps(&full_subject("HTX")).is_empty());
        let household = SubjectFacts {
            legal_representative: None,
            phone: None,
            email: Some("a@b.vn".into()),
            ..full_subject("HO")
        };
        assert!(
            subject_gaps(&household).is_empty(),
            "no representative asked"
        );
        assert_eq!(
            subject_gaps(&SubjectFacts {
                subject_type: "DN".into(),
                ..Default::default()
            }),
            SubjectGap::ALL.to_vec()
        );
    }

    #[test]
    fn every_gap_has_words_and_a_place_to_fix_it() {
        for g in ProductGap::ALL {
            assert!(!g.label().0.is_empty() && !g.label().1.is_empty());
            assert!(g.href(7).contains("/7"));
        }
        for g in SubjectGap::ALL {
            assert!(!g.label().0.is_empty() && !g.field().is_empty());
        }
    }

    proptest! {
        /// A subject is complete exactly when no part has a gap; adding a product can only
        /// make a complete subject incomplete, never the reverse.
        #[test]
        fn complete_means_no_gap_anywhere(
            photos in 0u32..3,
            faults in proptest::option::of(0u32..3),
            age in 0i64..800,
            described in any::<bool>(),
        ) {
            let today = day("2026-12-06");
            let p = ProductFacts {
                description: described.then(|| "x".to_owned()),
                photos,
                label_faults: faults,
                updated_on: today - chrono::Duration::days(age),
                ..full_product()
            };
            let gaps = product_gaps(&p, today);
            let expected = photos > 0 && faults == Some(0) && age <= STALE_AFTER_DAYS && described;
            prop_assert_eq!(gaps.is_empty(), expected);
            let before = vec![product_gaps(&full_product(), today)];
            let after = vec![before[0].clone(), gaps.clone()];
            prop_assert!(complete(&[], &before));
            prop_assert_eq!(complete(&[], &after), gaps.is_empty());
            prop_assert!(!complete(&[SubjectGap::NoAddress], &before));
        }
    }
}
