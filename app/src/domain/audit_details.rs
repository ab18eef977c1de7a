//! The details an audit entry keeps for its sentence: named values, each either the same in
//! every language (a product's name, a file name) or worded per language (a state, a size, a
//! score). Kept as JSON beside the entry, so the sentence is written in the reader's language
//! when it is read, not when it happened.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::auth::Role;
use crate::domain::dossier::DossierState;
use crate::domain::dossier_form::DossierCycle;
use crate::domain::round::Phase;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Same(String),
    Both { vi: String, en: String },
}

impl Value {
    pub fn both(vi: impl Into<String>, en: impl Into<String>) -> Value {
        Value::Both {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, english: bool) -> &str {
        match self {
            Value::Same(s) => s,
            Value::Both { vi, en } => {
                if english {
                    en
                } else {
                    vi
                }
            }
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Same(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Same(s)
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Value {
        Value::Same(s.clone())
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Same(n.to_string())
    }
}

impl From<i32> for Value {
    fn from(n: i32) -> Value {
        Value::Same(n.to_string())
    }
}

impl From<usize> for Value {
    fn from(n: usize) -> Value {
        Value::Same(n.to_string())
    }
}

impl From<DossierState> for Value {
    fn from(state: DossierState) -> Value {
        let (vi, en) = state.label();
        Value::both(vi, en)
    }
}

impl From<Phase> for Value {
    fn from(phase: Phase) -> Value {
        let (vi, en) = match phase {
            Phase::Preparation => ("Chuẩn bị", "Preparation"),
            Phase::AdvisoryReview => ("Tổ tư vấn xem xét", "Advisory review"),
            Phase::Scoring => ("Hội đồng chấm điểm", "Council scoring"),
            Phase::Deliberation => ("Thảo luận", "Deliberation"),
            Phase::Decided => ("Đã quyết định", "Decided"),
        };
        Value::both(vi, en)
    }
}

impl From<DossierCycle> for Value {
    fn from(cycle: DossierCycle) -> Value {
        let (vi, en) = match cycle {
            DossierCycle::FirstRecognition => ("đánh giá lần đầu", "first recognition"),
            DossierCycle::ReRecognition => ("công nhận lại", "re-recognition"),
            DossierCycle::Upgrade => ("nâng hạng", "upgrade"),
        };
        Value::both(vi, en)
    }
}

impl From<crate::domain::lot::EventKind> for Value {
    fn from(kind: crate::domain::lot::EventKind) -> Value {
        use crate::domain::lot::EventKind::*;
        let (vi, en) = match kind {
            Harvest => ("thu hoạch", "harvest"),
            Processing => ("chế biến", "processing"),
            Packing => ("đóng gói", "packing"),
            QualityTest => ("kiểm nghiệm chất lượng", "quality test"),
            Shipping => ("vận chuyển", "shipping"),
            Sale => ("bán hàng", "sale"),
        };
        Value::both(vi, en)
    }
}

impl From<Role> for Value {
    fn from(role: Role) -> Value {
        let (vi, en) = match role {
            Role::Producer => ("chủ thể sản xuất", "producer"),
            Role::CommuneOfficer => ("cán bộ xã", "commune officer"),
            Role::ProvincialOfficer => ("cán bộ tỉnh", "provincial officer"),
            Role::AdvisoryMember => ("thành viên tổ tư vấn", "advisory group member"),
            Role::CouncilMember => ("thành viên hội đồng", "council member"),
            Role::Administrator => ("quản trị hệ thống", "administrator"),
        };
        Value::both(vi, en)
    }
}

/// A file's size as people read it: "3,6 KB" / "3.6 KB".
pub fn size(bytes: i64) -> Value {
    let (number, unit) = if bytes < 1024 {
        return Value::both(format!("{bytes} byte"), format!("{bytes} bytes"));
    } else if bytes < 1024 * 1024 {
        (bytes as f64 / 1024.0, "KB")
    } else {
        (bytes as f64 / (1024.0 * 1024.0), "MB")
    };
    let en = format!("{number:.1} {unit}");
    Value::both(en.replace('.', ","), en)
}

/// Points kept in tenths: "59,0" / "59.0".
pub fn points(tenths: i64) -> Value {
    let en = format!("{}.{}", tenths / 10, (tenths % 10).abs());
    Value::both(en.replace('.', ","), en)
}

/// A yes/no setting.
pub fn yes_no(on: bool) -> Value {
    if on {
        Value::both("có", "yes")
    } else {
        Value::both("không", "no")
    }
}

/// The named values of one entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Details(BTreeMap<String, Value>);

impl Details {
    pub fn new() -> Details {
        Details::default()
    }

    /// Adds a value; an empty one is left out, so its segment of the sentence is too.
    #[must_use]
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Details {
        let value = value.into();
        if !value.get(false).trim().is_empty() {
            self.0.insert(key.to_owned(), value);
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, key: &str, english: bool) -> Option<&str> {
        self.0.get(key).map(|v| v.get(english))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_points_read_the_way_each_language_writes_numbers() {
        assert_eq!(size(3609), Value::both("3,5 KB", "3.5 KB"));
        assert_eq!(size(900), Value::both("900 byte", "900 bytes"));
        assert_eq!(size(5 * 1024 * 1024), Value::both("5,0 MB", "5.0 MB"));
        assert_eq!(points(590), Value::both("59,0", "59.0"));
        assert_eq!(points(843), Value::both("84,3", "84.3"));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn details_survive_json_and_empty_values_are_left_out() {
        let details = Details::new()
            .with("file", "anh.png")
            .with("to", DossierState::Submitted)
            .with("reason", "  ");
        let json = serde_json::to_string(&details).unwrap();
        assert_eq!(
            json,
            r#"{"file":"anh.png","to":{"vi":"Đã nộp xã","en":"Submitted"}}"#
        );
        assert_eq!(serde_json::from_str::<Details>(&json).unwrap(), details);
        assert_eq!(details.get("to", true), Some("Submitted"));
        assert_eq!(details.get("reason", false), None);
    }
}
