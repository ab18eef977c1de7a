//! Column headers as provinces write them: "Tên sản phẩm", "TEN SAN PHAM", "Tên sản phẩm
//! OCOP ", "Số QĐ", "Hạng sao"… are all recognised (diacritics, case, punctuation and extra
//! words after a known name do not matter). A column that is not recognised is left for the
//! officer to map.
use serde::{Deserialize, Serialize};

use crate::domain::text::fold;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    ProductName,
    SubjectName,
    SubjectType,
    Address,
    Commune,
    District,
    TaxCode,
    Phone,
    Representative,
    Group,
    Stars,
    Year,
    DecisionNumber,
    DecisionDate,
    CertificateNumber,
    Score,
    Note,
}

impl Field {
    pub const ALL: [Field; 17] = [
        Field::ProductName,
        Field::SubjectName,
        Field::SubjectType,
        Field::Address,
        Field::Commune,
        Field::District,
        Field::TaxCode,
        Field::Phone,
        Field::Representative,
        Field::Group,
        Field::Stars,
        Field::Year,
        Field::DecisionNumber,
        Field::DecisionDate,
        Field::CertificateNumber,
        Field::Score,
        Field::Note,
    ];

    /// The stable key (mapping forms, the template's hidden row).
    pub fn key(self) -> &'static str {
        match self {
            Field::ProductName => "product_name",
            Field::SubjectName => "subject_name",
            Field::SubjectType => "subject_type",
            Field::Address => "address",
            Field::Commune => "commune",
            Field::District => "district",
            Field::TaxCode => "tax_code",
            Field::Phone => "phone",
            Field::Representative => "representative",
            Field::Group => "group",
            Field::Stars => "stars",
            Field::Year => "year",
            Field::DecisionNumber => "decision_number",
            Field::DecisionDate => "decision_date",
            Field::CertificateNumber => "certificate_number",
            Field::Score => "score",
            Field::Note => "note",
        }
    }

    pub fn parse(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The template's header: the first of the spellings below, as a person writes it.
    pub fn header(self, english: bool) -> &'static str {
        match (self, english) {
            (Field::ProductName, false) => "Tên sản phẩm",
            (Field::ProductName, true) => "Product",
            (Field::SubjectName, false) => "Chủ thể",
            (Field::SubjectName, true) => "Producer",
            (Field::SubjectType, false) => "Loại hình",
            (Field::SubjectType, true) => "Kind of producer",
            (Field::Address, false) => "Địa chỉ",
            (Field::Address, true) => "Address",
            (Field::Commune, false) => "Xã/phường",
            (Field::Commune, true) => "Commune",
            (Field::District, false) => "Huyện",
            (Field::District, true) => "District (former)",
            (Field::TaxCode, false) => "Mã số thuế",
            (Field::TaxCode, true) => "Tax code",
            (Field::Phone, false) => "Điện thoại",
            (Field::Phone, true) => "Phone",
            (Field::Representative, false) => "Người đại diện",
            (Field::Representative, true) => "Representative",
            (Field::Group, false) => "Nhóm sản phẩm",
            (Field::Group, true) => "Product group",
            (Field::Stars, false) => "Số sao",
            (Field::Stars, true) => "Stars",
            (Field::Year, false) => "Năm công nhận",
            (Field::Year, true) => "Year recognised",
            (Field::DecisionNumber, false) => "Số quyết định",
            (Field::DecisionNumber, true) => "Decision number",
            (Field::DecisionDate, false) => "Ngày quyết định",
            (Field::DecisionDate, true) => "Decision date",
            (Field::CertificateNumber, false) => "Số giấy chứng nhận",
            (Field::CertificateNumber, true) => "Certificate number",
            (Field::Score, false) => "Điểm",
            (Field::Score, true) => "Score",
            (Field::Note, false) => "Ghi chú",
            (Field::Note, true) => "Note",
        }
    }
}

/// Spellings, folded (`text::fold`). A header equal to one, or starting with one of two words
/// or more, is recognised.
const SPELLINGS: &[(Field, &[&str])] = &[
    (
        Field::ProductName,
        &[
            "ten san pham",
            "san pham",
            "ten sp",
            "sp ocop",
            "san pham ocop",
            "product",
            "product name",
        ],
    ),
    (
        Field::SubjectName,
        &[
            "chu the",
            "ten chu the",
            "chu the san xuat",
            "chu the ocop",
            "ten chu the ocop",
            "don vi san xuat",
            "co so san xuat",
            "ten doanh nghiep",
            "ten co so",
            "ten don vi",
            "don vi",
            "producer",
            "subject",
        ],
    ),
    (
        Field::SubjectType,
        &[
            "loai hinh",
            "loai hinh chu the",
            "loai hinh doanh nghiep",
            "loai hinh to chuc",
            "kind of producer",
            "type",
        ],
    ),
    (
        Field::Address,
        &["dia chi", "dia chi chu the", "dia chi san xuat", "address"],
    ),
    (
        Field::Commune,
        &[
            "xa phuong",
            "xa",
            "phuong",
            "xa phuong thi tran",
            "xa thi tran",
            "don vi hanh chinh cap xa",
            "commune",
        ],
    ),
    (
        Field::District,
        &[
            "huyen",
            "huyen thanh pho",
            "huyen tp",
            "huyen cu",
            "huyen thi xa thanh pho",
            "district",
            "district former",
        ],
    ),
    (
        Field::TaxCode,
        &["ma so thue", "mst", "ma so doanh nghiep", "tax code"],
    ),
    (
        Field::Phone,
        &[
            "dien thoai",
            "so dien thoai",
            "sdt",
            "dt",
            "phone",
            "lien he",
        ],
    ),
    (
        Field::Representative,
        &[
            "nguoi dai dien",
            "dai dien",
            "chu co so",
            "giam doc",
            "representative",
        ],
    ),
    (
        Field::Group,
        &[
            "nhom san pham",
            "nhom",
            "phan nhom",
            "ma nhom",
            "bo san pham",
            "nganh hang",
            "product group",
            "group",
        ],
    ),
    (
        Field::Stars,
        &[
            "so sao",
            "hang sao",
            "xep hang",
            "ket qua xep hang",
            "ket qua danh gia",
            "sao",
            "hang",
            "stars",
        ],
    ),
    (
        Field::Year,
        &[
            "nam cong nhan",
            "nam",
            "nam dat",
            "nam danh gia",
            "year recognised",
            "year",
        ],
    ),
    (
        Field::DecisionNumber,
        &[
            "so quyet dinh",
            "quyet dinh",
            "so qd",
            "qd",
            "quyet dinh cong nhan",
            "qd cong nhan",
            "decision number",
            "decision",
        ],
    ),
    (
        Field::DecisionDate,
        &[
            "ngay quyet dinh",
            "ngay qd",
            "ngay cong nhan",
            "ngay ky",
            "ngay ky quyet dinh",
            "ngay ban hanh",
            "decision date",
        ],
    ),
    (
        Field::CertificateNumber,
        &[
            "so giay chung nhan",
            "so chung nhan",
            "ma chung nhan",
            "so gcn",
            "gcn",
            "certificate number",
        ],
    ),
    (
        Field::Score,
        &["diem", "tong diem", "diem danh gia", "so diem", "score"],
    ),
    (Field::Note, &["ghi chu", "note", "notes"]),
];

/// Headers that are a row number, never data.
const ROW_NUMBER: &[&str] = &["stt", "tt", "so tt", "so thu tu", "no"];

/// The field a header names, if it is recognised.
pub fn recognise(header: &str) -> Option<Field> {
    let h = fold(header);
    if h.is_empty() || ROW_NUMBER.contains(&h.as_str()) {
        return None;
    }
    let exact = SPELLINGS
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()))
        .map(|(f, _)| *f);
    exact.or_else(|| {
        // The longest spelling of two words or more that starts the header.
        SPELLINGS
            .iter()
            .flat_map(|(f, names)| names.iter().map(move |n| (*f, *n)))
            .filter(|(_, n)| n.contains(' ') && h.starts_with(&format!("{n} ")))
            .max_by_key(|(_, n)| n.len())
            .map(|(f, _)| f)
    })
}

/// Each column's field: recognised headers, the first of a field kept (a second "Ghi chú"
/// column is left unmapped), and the officer's choices over them (`chosen`, by column).
pub fn map_columns(headers: &[String], chosen: &[(usize, Option<Field>)]) -> Vec<Option<Field>> {
    let mut fields: Vec<Option<Field>> = headers.iter().map(|h| recognise(h)).collect();
    for (column, choice) in chosen {
        if let Some(slot) = fields.get_mut(*column) {
            *slot = *choice;
            if let Some(field) = choice {
                // A field chosen for this column is taken from any other.
                for (i, other) in fields.iter_mut().enumerate() {
                    if i != *column && *other == Some(*field) {
                        *other = None;
                    }
                }
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    for slot in &mut fields {
        if let Some(field) = slot
            && !seen.insert(*field)
        {
            *slot = None;
        }
    }
    fields
}

/// Which of the first rows is the header: the one naming the most fields, at least two of
/// them, one a product or a subject (title rows above it, merged or not, are skipped).
pub fn header_row(rows: &[Vec<String>]) -> Option<usize> {
    rows.iter()
        .enumerate()
        .take(30)
        .map(|(i, row)| {
            let fields: Vec<Field> = row.iter().filter_map(|h| recognise(h)).collect();
            let named = fields
                .iter()
                .any(|f| matches!(f, Field::ProductName | Field::SubjectName));
            (i, if named { fields.len() } else { 0 })
        })
        .filter(|(_, n)| *n >= 2)
        .max_by_key(|(i, n)| (*n, std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn common_spellings_are_recognised() {
        for (header, field) in [
            ("Tên sản phẩm", Field::ProductName),
            ("TEN SAN PHAM", Field::ProductName),
            ("  Tên sản phẩm OCOP ", Field::ProductName),
            ("Chủ thể", Field::SubjectName),
            ("Tên chủ thể sản xuất", Field::SubjectName),
            ("Loại hình", Field::SubjectType),
            ("Địa chỉ", Field::Address),
            ("Xã/phường", Field::Commune),
            ("Xã, phường, thị trấn", Field::Commune),
            ("Huyện", Field::District),
            ("Huyện/TP", Field::District),
            ("Số sao", Field::Stars),
            ("Hạng sao", Field::Stars),
            ("Hạng sao OCOP", Field::Stars),
            ("Năm công nhận", Field::Year),
            ("Số quyết định", Field::DecisionNumber),
            ("Số QĐ công nhận", Field::DecisionNumber),
            ("Ngày quyết định", Field::DecisionDate),
            ("Ngày QĐ", Field::DecisionDate),
            ("Mã số thuế", Field::TaxCode),
            ("MST", Field::TaxCode),
            ("Điện thoại", Field::Phone),
            ("Số điện thoại liên hệ", Field::Phone),
            ("Nhóm sản phẩm", Field::Group),
            ("Ghi chú", Field::Note),
        ] {
            assert_eq!(recognise(header), Some(field), "{header}");
        }
        for other in [
            "STT",
            "TT",
            "",
            "Năm thành lập",
            "Diện tích vùng nguyên liệu",
        ] {
            assert_eq!(recognise(other), None, "{other}");
        }
    }

    #[test]
    fn the_header_row_is_found_below_title_rows_and_the_officer_maps_the_rest() {
        let rows: Vec<Vec<String>> = [
            vec!["DANH SÁCH SẢN PHẨM OCOP TỈNH LẠNG SƠN", "", ""],
            vec!["(Kèm theo báo cáo số 12/BC-SNN)", "", ""],
            vec!["STT", "Tên sản phẩm", "Chủ thể", "Hạng sao", "Vùng trồng"],
            vec!["1", "Na Chi Lăng", "HTX Đồng Bành", "4", "Chi Lăng"],
        ]
        .iter()
        .map(|r| r.iter().map(|s| (*s).to_owned()).collect())
        .collect();
        assert_eq!(header_row(&rows), Some(2));
        let mapped = map_columns(&rows[2], &[]);
        assert_eq!(
            mapped,
            vec![
                None,
                Some(Field::ProductName),
                Some(Field::SubjectName),
                Some(Field::Stars),
                None
            ]
        );
        let chosen = map_columns(&rows[2], &[(4, Some(Field::Commune)), (3, None)]);
        assert_eq!((chosen[3], chosen[4]), (None, Some(Field::Commune)));
        let moved = map_columns(&rows[2], &[(4, Some(Field::ProductName))]);
        assert_eq!((moved[1], moved[4]), (None, Some(Field::ProductName)));
        assert_eq!(header_row(&rows[..2]), None, "no header: nothing to import");
    }

    #[test]
    fn every_field_has_a_key_and_its_template_header_is_recognised() {
        for f in Field::ALL {
            assert_eq!(Field::parse(f.key()), Some(f));
            assert_eq!(recognise(f.header(false)), Some(f), "{f:?}");
            assert_eq!(recognise(f.header(true)), Some(f), "{f:?}");
        }
    }

    proptest! {
        #[test]
        fn any_header_text_is_safe(h in "\\PC{0,120}") {
            let _ = recognise(&h);
            let _ = map_columns(&[h.clone(), h], &[(7, Some(Field::Note))]);
        }
    }
}
