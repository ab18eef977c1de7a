//! What can be wrong with a cell of an imported sheet, said with the value that was read so
//! the officer finds it in the file ("“6” is not a star rating"). An error keeps its row out
//! of the import; a note is shown and the row is imported.
use serde::{Deserialize, Serialize};

/// The longest text kept from one cell; longer is an error, not silently cut.
pub const MAX_CELL_CHARS: usize = 500;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// A column the row needs is empty ("Tên sản phẩm" for a product).
    Missing,
    /// Longer than the field holds (its most characters).
    TooLong(usize),
    NotADate(String),
    NotStars(String),
    /// A star rating no OCOP certificate has (below 3, or above 5).
    StarsOutOfRange(String),
    NotAYear(String),
    NotAScore(String),
    TaxCode(String),
    SubjectType(String),
    UnknownGroup(String),
    UnknownPlace(String),
    /// The commune's name exists, but not in the district the row names.
    PlaceMismatch {
        commune: String,
        district: String,
    },
    /// The name fits several units and nothing on the row tells which.
    AmbiguousPlace(String),
    /// Stars without a decision date or year: a certificate needs one.
    DecisionMissing,
    /// A decision dated after today.
    FutureDate(String),
    /// The certificate number already belongs to another product.
    CertificateTaken(String),
    /// The same certificate is on an earlier row of the file (its number).
    Duplicate(u32),
}

/// A remark that does not stop the row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Note {
    /// Only a year was given: the decision is taken as dated 31 December of it.
    YearOnly(i32),
    /// Not a phone number: left out.
    PhoneIgnored(String),
    /// The kind of subject was read from its name ("HTX …").
    TypeFromName(String),
    /// The place was found through the unit that held it then (a former commune or district).
    PlaceThen { said: String, now: String },
    /// A star rating the province does not issue (5★ is the Ministry's): kept as given.
    NationalStars,
}

fn quote(value: &str, english: bool) -> String {
    if english {
        format!("\"{value}\"")
    } else {
        format!("“{value}”")
    }
}

impl Problem {
    pub fn message(&self, english: bool) -> String {
        let q = |v: &str| quote(v, english);
        match (self, english) {
            (Problem::Missing, false) => "Thiếu nội dung: cột này cần có giá trị.".into(),
            (Problem::Missing, true) => "Missing: this column needs a value.".into(),
            (Problem::TooLong(max), false) => format!("Nội dung quá dài (tối đa {max} ký tự)."),
            (Problem::TooLong(max), true) => format!("Too long ({max} characters at most)."),
            (Problem::NotADate(v), false) => format!(
                "{} không phải ngày; hãy viết ngày/tháng/năm, ví dụ 15/12/2021.",
                q(v)
            ),
            (Problem::NotADate(v), true) => {
                format!(
                    "{} is not a date; write day/month/year, e.g. 15/12/2021.",
                    q(v)
                )
            }
            (Problem::NotStars(v), false) => {
                format!("{} không phải hạng sao; hãy ghi 3, 4 hoặc 5.", q(v))
            }
            (Problem::NotStars(v), true) => {
                format!("{} is not a star rating; write 3, 4 or 5.", q(v))
            }
            (Problem::StarsOutOfRange(v), false) => format!(
                "{} không phải hạng sao OCOP được công nhận (3, 4 hoặc 5 sao).",
                q(v)
            ),
            (Problem::StarsOutOfRange(v), true) => format!(
                "{} is not a certified OCOP star rating (3, 4 or 5 stars).",
                q(v)
            ),
            (Problem::NotAYear(v), false) => {
                format!("{} không phải năm (từ 2018 đến nay).", q(v))
            }
            (Problem::NotAYear(v), true) => format!("{} is not a year (2018 to now).", q(v)),
            (Problem::NotAScore(v), false) => {
                format!("{} không phải điểm (từ 0 đến 100).", q(v))
            }
            (Problem::NotAScore(v), true) => format!("{} is not a score (0 to 100).", q(v)),
            (Problem::TaxCode(v), false) => format!(
                "{} không phải mã số thuế (10 chữ số, chi nhánh: 10 số - 3 số; hộ kinh doanh: 12 số định danh cá nhân).",
                q(v)
            ),
            (Problem::TaxCode(v), true) => format!(
                "{} is not a tax code (10 digits; branches: 10 digits - 3 digits; household businesses: the 12-digit personal identification number).",
                q(v)
            ),
            (Problem::SubjectType(v), false) => format!(
                "{} không phải loại hình chủ thể; hãy ghi Doanh nghiệp, HTX, Tổ hợp tác hoặc Hộ kinh doanh.",
                q(v)
            ),
            (Problem::SubjectType(v), true) => format!(
                "{} is not a kind of producer; write Doanh nghiệp, HTX, Tổ hợp tác or Hộ kinh doanh.",
                q(v)
            ),
            (Problem::UnknownGroup(v), false) => format!(
                "Không có nhóm sản phẩm {}; hãy ghi mã nhóm (ví dụ I.1.a) hoặc tên nhóm.",
                q(v)
            ),
            (Problem::UnknownGroup(v), true) => format!(
                "No product group {}; write a group code (e.g. I.1.a) or a group name.",
                q(v)
            ),
            (Problem::UnknownPlace(v), false) => format!(
                "Không tìm thấy xã/phường hay huyện {} trong danh mục đơn vị hành chính.",
                q(v)
            ),
            (Problem::UnknownPlace(v), true) => format!(
                "No commune or district {} in the administrative units.",
                q(v)
            ),
            (Problem::PlaceMismatch { commune, district }, false) => format!(
                "Xã {} không thuộc huyện {} trong danh mục; hãy sửa tên hoặc thêm xã cũ vào danh mục đơn vị hành chính.",
                q(commune),
                q(district)
            ),
            (Problem::PlaceMismatch { commune, district }, true) => format!(
                "Commune {} is not in district {} in the units list; correct the name or add the former commune to the administrative units.",
                q(commune),
                q(district)
            ),
            (Problem::AmbiguousPlace(v), false) => format!(
                "Có nhiều đơn vị tên {}; hãy ghi thêm huyện (cũ) để phân biệt.",
                q(v)
            ),
            (Problem::AmbiguousPlace(v), true) => format!(
                "Several units are named {}; add the (former) district to tell them apart.",
                q(v)
            ),
            (Problem::DecisionMissing, false) => {
                "Có hạng sao nhưng thiếu ngày quyết định hoặc năm công nhận.".into()
            }
            (Problem::DecisionMissing, true) => {
                "Stars are given but no decision date or year of recognition.".into()
            }
            (Problem::FutureDate(v), false) => format!("Ngày {} còn ở tương lai.", q(v)),
            (Problem::FutureDate(v), true) => format!("The date {} is in the future.", q(v)),
            (Problem::CertificateTaken(v), false) => {
                format!("Số giấy chứng nhận {} đã thuộc một sản phẩm khác.", q(v))
            }
            (Problem::CertificateTaken(v), true) => format!(
                "Certificate number {} already belongs to another product.",
                q(v)
            ),
            (Problem::Duplicate(row), false) => {
                format!("Trùng giấy chứng nhận với dòng {row} của tệp.")
            }
            (Problem::Duplicate(row), true) => {
                format!("The same certificate as row {row} of the file.")
            }
        }
    }
}

impl Note {
    pub fn message(&self, english: bool) -> String {
        let q = |v: &str| quote(v, english);
        match (self, english) {
            (Note::YearOnly(y), false) => {
                format!("Chỉ có năm: ngày quyết định lấy là 31/12/{y}.")
            }
            (Note::YearOnly(y), true) => {
                format!("Only a year: the decision is taken as dated 31/12/{y}.")
            }
            (Note::PhoneIgnored(v), false) => {
                format!("{} không phải số điện thoại: bỏ qua.", q(v))
            }
            (Note::PhoneIgnored(v), true) => format!("{} is not a phone number: left out.", q(v)),
            (Note::TypeFromName(v), false) => format!("Loại hình lấy theo tên: {v}."),
            (Note::TypeFromName(v), true) => format!("Kind of producer read from the name: {v}."),
            (Note::PlaceThen { said, now }, false) => format!("{said} → nay là {now}."),
            (Note::PlaceThen { said, now }, true) => format!("{said} → now {now}."),
            (Note::NationalStars, false) => {
                "5 sao là hạng do Bộ công nhận: ghi như trong tệp.".into()
            }
            (Note::NationalStars, true) => {
                "5 stars are granted by the Ministry: kept as in the file.".into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_names_the_value_in_both_languages() {
        let problems = [
            Problem::NotStars("6".into()),
            Problem::StarsOutOfRange("6".into()),
            Problem::NotADate("32/13/2021".into()),
            Problem::TaxCode("12345".into()),
            Problem::UnknownPlace("Xã Mới".into()),
        ];
        for p in problems {
            let (vi, en) = (p.message(false), p.message(true));
            assert_ne!(vi, en);
            let value = match &p {
                Problem::NotStars(v)
                | Problem::StarsOutOfRange(v)
                | Problem::NotADate(v)
                | Problem::TaxCode(v)
                | Problem::UnknownPlace(v) => v.clone(),
                _ => unreachable!(),
            };
            assert!(vi.contains(&value) && en.contains(&value), "{vi} / {en}");
        }
    }
}
