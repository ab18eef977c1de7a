//! Vietnamese text folding for search: "Tràng Định" and "trang dinh" fold to the same key.

use unicode_normalization::UnicodeNormalization;

/// Folds text to a search key: lower case, Vietnamese diacritics removed (including đ → d),
/// anything that is not a letter or digit turned into a space, and runs of spaces collapsed.
///
/// The result holds only letters, digits and single spaces, so it is safe to embed in a SQL
/// `LIKE` pattern without escaping.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut pending_space = false;
    // Lower case first (it can itself produce combining marks), then NFD splits "ị" into
    // "i" + combining marks, which are dropped.
    for c in text.to_lowercase().nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if is_combining_mark(c) => continue,
            c => c,
        };
        if c.is_alphanumeric() {
            if pending_space && !folded.is_empty() {
                folded.push(' ');
            }
            pending_space = false;
            folded.push(c);
        } else {
            pending_space = true;
        }
    }
    folded
}

/// Combining diacritical marks (U+0300–U+036F) cover every Vietnamese tone and vowel mark.
fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Percent-encodes everything but the unreserved characters of RFC 3986 (UTF-8 bytes): a
/// query-string value, a path segment, a `filename*` parameter.
pub fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Percent-decodes; `None` for a broken escape or bytes that are not UTF-8.
pub fn percent_decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = value.get(i + 1..i + 3)?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A CSV cell, quoted; one Excel would read as a formula (= + - @, a tab or a return first)
/// starts with an apostrophe: a name or a text is data, never a formula.
pub fn csv_cell(text: &str) -> String {
    let guard = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        "'"
    } else {
        ""
    };
    format!("\"{guard}{}\"", text.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::fold;
    use proptest::prelude::*;

    #[test]
    fn folds_vietnamese_names() {
        assert_eq!(fold("Tràng Định"), "trang dinh");
        assert_eq!(fold("Đình Lập"), "dinh lap");
        assert_eq!(fold("Lương Văn Tri"), "luong van tri");
        assert_eq!(fold("Thụy Hùng"), "thuy hung");
        assert_eq!(fold("Quý Hòa"), "quy hoa");
        assert_eq!(fold("Điềm He"), "diem he");
    }

    #[test]
    fn collapses_punctuation_and_spaces() {
        assert_eq!(fold("  Rau, củ,   quả  "), "rau cu qua");
        assert_eq!(fold("I.1.a"), "i 1 a");
        assert_eq!(fold(""), "");
        assert_eq!(fold("%_'"), "");
    }

    #[test]
    fn composed_and_decomposed_input_fold_alike() {
        // "ị" precomposed (U+1ECB) and as "i" + dot below (U+0323).
        assert_eq!(fold("\u{1ECB}"), fold("i\u{0323}"));
    }

    proptest! {
        #[test]
        fn folding_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
        }

        #[test]
        fn folded_text_is_safe_for_like(s in "\\PC{0,40}") {
            let folded = fold(&s);
            prop_assert!(folded.chars().all(|c| c.is_alphanumeric() || c == ' '));
            prop_assert!(!folded.starts_with(' ') && !folded.ends_with(' '));
            prop_assert!(!folded.contains("  "));
        }

        #[test]
        fn folding_ignores_case(s in "[a-zA-ZàáạảãâầấậẩẫăằắặẳẵđĐÀÁẠ ]{0,30}") {
            prop_assert_eq!(fold(&s.to_uppercase()), fold(&s.to_lowercase()));
        }
    }
}
