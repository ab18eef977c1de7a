//! Phone numbers and email addresses as people type them.

/// A Vietnamese phone number in its national form ("0912345678"), from what a person typed:
/// spaces, dots, dashes and brackets are ignored, and "+84"/"84" becomes "0". Mobile numbers
/// have 10 digits (03, 05, 07, 08, 09); landlines 11 digits (02…).
pub fn normalize_phone(input: &str) -> Option<String> {
    let kept: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    let digits = if let Some(rest) = kept.strip_prefix("+84") {
        format!("0{rest}")
    } else if kept.starts_with("84") && kept.len() == 11 {
        format!("0{}", &kept[2..])
    } else {
        kept
    };
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let ok = match digits.as_bytes() {
        [b'0', b'3' | b'5' | b'7' | b'8' | b'9', ..] => digits.len() == 10,
        [b'0', b'2', ..] => digits.len() == 11,
        _ => false,
    };
    ok.then_some(digits)
}

/// An email address trimmed and lower-cased, if it has the shape `local@domain.tld`.
/// (Whether it exists can only be known by writing to it.)
pub fn normalize_email(input: &str) -> Option<String> {
    let email = input.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let valid = !local.is_empty()
        && local.len() <= 64
        && email.len() <= 254
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        // No display name, comment or quoting: what is stored is exactly where mail goes.
        && !email.chars().any(|c| {
            c.is_whitespace() || c.is_control() || ",;<>()[]\"\\:".contains(c)
        })
        && !domain.contains('@');
    valid.then_some(email)
}

/// Vietnamese tax codes: an organisation's 10 digits, or 10 digits, a dash and 3 digits for a
/// branch; or, for individuals and household businesses, the 12-digit personal identification
/// number, which replaced their tax code from 1 July 2025 (Circular 86/2024/TT-BTC, art. 35).
pub fn normalize_tax_code(input: &str) -> Option<String> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let (main, branch) = compact.split_once('-').unwrap_or((compact.as_str(), ""));
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    let ok = (digits(main, 10) && (branch.is_empty() || digits(branch, 3)))
        || (digits(main, 12) && branch.is_empty() && !compact.contains('-'));
    ok.then_some(compact)
}

#[cfg(test)]
mod tests {
    use super::{normalize_email, normalize_phone, normalize_tax_code};
    use proptest::prelude::*;

    #[test]
    fn phones_as_people_type_them() {
        assert_eq!(
            normalize_phone("0912 345 678").as_deref(),
            Some("0912345678")
        );
        assert_eq!(
            normalize_phone("+84 912.345.678").as_deref(),
            Some("0912345678")
        );
        assert_eq!(
            normalize_phone("84912345678").as_deref(),
            Some("0912345678")
        );
        assert_eq!(
            normalize_phone("(0205) 3812 345").as_deref(),
            Some("02053812345")
        );
        assert_eq!(normalize_phone("091234567"), None, "too short");
        assert_eq!(normalize_phone("0112345678"), None, "no such prefix");
        assert_eq!(normalize_phone("09123abc78"), None);
        assert_eq!(normalize_phone(""), None);
    }

    #[test]
    fn tax_codes_of_organisations_branches_and_households() {
        assert_eq!(
            normalize_tax_code("4900123456").as_deref(),
            Some("4900123456")
        );
        assert_eq!(
            normalize_tax_code("4900123456-001").as_deref(),
            Some("4900123456-001")
        );
        // A household business's owner: the personal identification number (Lạng Sơn: 020…).
        assert_eq!(
            normalize_tax_code("020 190 012 345").as_deref(),
            Some("020190012345")
        );
        for bad in [
            "490012345",
            "49001234567",
            "020190012345-001",
            "4900123456-01",
            "49001234ab",
            "",
        ] {
            assert_eq!(normalize_tax_code(bad), None, "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert_eq!(
            normalize_email(" Hoa@Example.VN ").as_deref(),
            Some("hoa@example.vn")
        );
        assert_eq!(normalize_email("hoa@example"), None);
        assert_eq!(normalize_email("@example.vn"), None);
        assert_eq!(normalize_email("a b@example.vn"), None);
        assert_eq!(normalize_email("a@b@example.vn"), None);
        // Nothing a mail program would read as a name with another address behind it.
        assert_eq!(normalize_email("a<evil@attacker.vn>"), None);
        assert_eq!(normalize_email("\"a\"@example.vn"), None);
        assert_eq!(normalize_email("a(c)@example.vn"), None);
    }

    proptest! {
        #[test]
        fn a_normalized_phone_normalizes_to_itself(p in "\\PC{0,20}") {
            if let Some(n) = normalize_phone(&p) {
                prop_assert_eq!(normalize_phone(&n), Some(n.clone()));
                prop_assert!(n.starts_with('0'));
            }
        }

        #[test]
        fn every_mobile_number_is_accepted(rest in "[35789][0-9]{8}") {
            let phone = format!("0{rest}");
            prop_assert_eq!(normalize_phone(&phone), Some(phone.clone()));
        }
    }
}
