//! Training sessions (tập huấn): the Department, or a commune for its own people, trains
//! officials (running evaluations, managing accounts) and producers (signing in, registering,
//! keeping product information complete). Attendance is by account, or by name and subject for
//! someone without an account yet — linked to their account once they register with the same
//! phone or e-mail.
use serde::{Deserialize, Serialize};

use crate::domain::contact::{normalize_email, normalize_phone};

/// The most attendees one session lists (a hall of the province holds about 200).
pub const MAX_ATTENDEES: usize = 300;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Audience {
    Officials,
    Producers,
}

impl Audience {
    pub const ALL: [Audience; 2] = [Audience::Officials, Audience::Producers];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Officials => "officials",
            Audience::Producers => "producers",
        }
    }

    pub fn parse(value: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.as_str() == value)
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Audience::Officials => ("Cán bộ quản lý", "Officials"),
            Audience::Producers => ("Chủ thể sản xuất", "Producers"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mode {
    InPerson,
    Online,
}

impl Mode {
    pub const ALL: [Mode; 2] = [Mode::InPerson, Mode::Online];

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::InPerson => "in_person",
            Mode::Online => "online",
        }
    }

    pub fn parse(value: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.as_str() == value)
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Mode::InPerson => ("Trực tiếp", "In person"),
            Mode::Online => ("Trực tuyến", "Online"),
        }
    }
}

/// The key an attendee without an account is matched by when they register: a phone in
/// national form, or an e-mail in lower case; `None` for anything else.
pub fn contact_key(input: &str) -> Option<String> {
    let input = input.trim();
    if input.contains('@') {
        normalize_email(input)
    } else {
        normalize_phone(input)
    }
}

/// Whether an attendee's contact (`contact_key`) names an account with this e-mail or phone.
pub fn names_account(contact: &str, email: Option<&str>, phone: Option<&str>) -> bool {
    Some(contact) == email || Some(contact) == phone
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_round_trip_and_contacts_normalise() {
        for a in Audience::ALL {
            assert_eq!(Audience::parse(a.as_str()), Some(a));
        }
        for m in Mode::ALL {
            assert_eq!(Mode::parse(m.as_str()), Some(m));
        }
        assert_eq!(Audience::parse("public"), None);
        assert_eq!(contact_key(" 0912 345 678 ").as_deref(), Some("0912345678"));
        assert_eq!(contact_key("+84912345678").as_deref(), Some("0912345678"));
        assert_eq!(
            contact_key("Vi.Lang@Demo.VN").as_deref(),
            Some("vi.lang@demo.vn")
        );
        assert_eq!(contact_key("không có"), None);
        assert!(names_account("0912345678", None, Some("0912345678")));
        assert!(!names_account("0912345678", Some("a@b.vn"), None));
    }

    proptest! {
        /// A phone typed with spaces or the country code finds the same account.
        #[test]
        fn a_phone_matches_however_it_is_typed(digits in "[35789][0-9]{8}") {
            let national = format!("0{digits}");
            let spaced = format!("+84 {} {}", &digits[..3], &digits[3..]);
            let key = contact_key(&spaced);
            prop_assert_eq!(key.as_deref(), Some(national.as_str()));
            prop_assert!(names_account(&national, None, key.as_deref()));
        }
    }
}
