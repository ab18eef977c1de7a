//! The programme's six top-level product groups (Decision 148/QĐ-TTg), by which dossiers are
//! filtered and sub-councils formed. The detailed groups below them are master data.

/// Code, Vietnamese and English short names, in the programme's order.
pub const TOP_GROUPS: [(&str, &str, &str); 6] = [
    ("I", "Thực phẩm", "Food"),
    ("II", "Đồ uống", "Beverages"),
    ("III", "Dược liệu", "Medicinal herbs"),
    ("IV", "Thủ công mỹ nghệ", "Handicrafts"),
    ("V", "Sinh vật cảnh", "Ornamental plants"),
    ("VI", "Dịch vụ du lịch", "Tourism services"),
];

/// Whether `code` is one of the six top-level groups, exactly as stored ("I", not "i" or "I.1").
pub fn is_top_group(code: &str) -> bool {
    TOP_GROUPS.iter().any(|(c, _, _)| *c == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_six_codes_as_stored() {
        assert!(is_top_group("I") && is_top_group("VI"));
        for not in ["", "i", "I.1", "VII", " II"] {
            assert!(!is_top_group(not), "{not:?}");
        }
    }
}
