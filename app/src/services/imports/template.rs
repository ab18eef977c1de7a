//! The import template (`.xlsx`): one flat sheet "one row per certified product" as the
//! province keeps its list, three sheets for those who keep subjects, products and
//! certificates apart, and a guide sheet. Tax codes are text cells (their leading zero stays),
//! dates are day/month/year. `write_sheets` also makes filled workbooks (tests, demo, bench).
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::domain::import::cells::Cell;
use crate::domain::import::headers::Field;

/// A sheet to write: an optional title merged over the header's width (as province files
/// have), then the rows (the first is usually the header).
pub struct SheetSpec {
    pub name: String,
    pub title: Option<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The flat sheet's columns, in the template's order.
pub const FLAT: [Field; 15] = [
    Field::ProductName,
    Field::Group,
    Field::SubjectName,
    Field::SubjectType,
    Field::TaxCode,
    Field::Address,
    Field::Commune,
    Field::District,
    Field::Phone,
    Field::Representative,
    Field::Stars,
    Field::Score,
    Field::DecisionNumber,
    Field::DecisionDate,
    Field::Note,
];

const SUBJECTS: [Field; 9] = [
    Field::SubjectName,
    Field::SubjectType,
    Field::TaxCode,
    Field::Address,
    Field::Commune,
    Field::District,
    Field::Phone,
    Field::Representative,
    Field::Note,
];

const PRODUCTS: [Field; 5] = [
    Field::ProductName,
    Field::Group,
    Field::SubjectName,
    Field::Commune,
    Field::Note,
];

const CERTIFICATES: [Field; 9] = [
    Field::ProductName,
    Field::SubjectName,
    Field::Commune,
    Field::Stars,
    Field::Score,
    Field::DecisionNumber,
    Field::DecisionDate,
    Field::CertificateNumber,
    Field::Note,
];

/// What the guide sheet says, one line each (Vietnamese, then English).
const GUIDE: &[&str] = &[
    "HƯỚNG DẪN NHẬP DỮ LIỆU OCOP / HOW TO FILL THIS TEMPLATE",
    "Điền trang \"Danh sách OCOP\" (mỗi dòng một sản phẩm đã được công nhận), hoặc điền riêng ba trang Chủ thể, Sản phẩm, Giấy chứng nhận.",
    "Fill the sheet \"Danh sách OCOP\" (one row per certified product), or the three sheets for producers, products and certificates.",
    "Số sao: 3, 4 hoặc 5 (\"3 sao\", \"★★★\" cũng được). Stars: 3, 4 or 5.",
    "Ngày quyết định: ngày/tháng/năm, ví dụ 15/12/2021; nếu chỉ biết năm, ghi năm vào cột Năm công nhận.",
    "Decision date: day/month/year, e.g. 15/12/2021; if only the year is known, put it in a \"Năm công nhận\" column.",
    "Xã/phường: tên xã hiện nay, hoặc tên xã cũ kèm cột Huyện (đơn vị trước 1/7/2025).",
    "Commune: today's name, or a former commune with its district (units before 1 July 2025).",
    "Loại hình: Doanh nghiệp, HTX, Tổ hợp tác, Hộ kinh doanh. Kind: firm, cooperative, cooperative group, household.",
    "Nhóm sản phẩm: mã nhóm (ví dụ I.1.a) hoặc tên nhóm. Product group: a code (e.g. I.1.a) or a name.",
    "Mã số thuế giữ dạng chữ để không mất số 0 ở đầu. Keep tax codes as text so a leading zero stays.",
    "Nhập lại cùng một tệp không tạo bản trùng; tệp đã sửa sẽ cập nhật những gì thay đổi.",
    "Importing the same file again changes nothing; a corrected file updates what changed.",
];

fn header_row(fields: &[Field]) -> Vec<Cell> {
    fields
        .iter()
        .map(|f| Cell::Text(f.header(false).to_owned()))
        .collect()
}

/// The empty template.
///
/// # Errors
/// Only if the writer fails (it writes to memory).
pub fn template() -> Result<Vec<u8>, XlsxError> {
    let sheet = |name: &str, title: Option<&str>, fields: &[Field]| SheetSpec {
        name: name.to_owned(),
        title: title.map(str::to_owned),
        rows: vec![header_row(fields)],
    };
    write_sheets(&[
        sheet(
            "Danh sách OCOP",
            Some("DANH SÁCH SẢN PHẨM OCOP ĐƯỢC CÔNG NHẬN"),
            &FLAT,
        ),
        sheet("Chủ thể", None, &SUBJECTS),
        sheet("Sản phẩm", None, &PRODUCTS),
        sheet("Giấy chứng nhận", None, &CERTIFICATES),
        SheetSpec {
            name: "Hướng dẫn".to_owned(),
            title: None,
            rows: GUIDE
                .iter()
                .map(|l| vec![Cell::Text((*l).to_owned())])
                .collect(),
        },
    ])
}

/// A workbook of `sheets`.
///
/// # Errors
/// Only if the writer fails (it writes to memory).
pub fn write_sheets(sheets: &[SheetSpec]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for spec in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(&spec.name)?;
        let mut row = 0u32;
        let width = spec.rows.first().map_or(1, Vec::len).max(1);
        if let Some(title) = &spec.title {
            let last = u16::try_from(width - 1).unwrap_or(0);
            if last > 0 {
                sheet.merge_range(0, 0, 0, last, title, &bold)?;
            } else {
                sheet.write_string_with_format(0, 0, title, &bold)?;
            }
            row = 2;
        }
        let header_at = row;
        for cells in &spec.rows {
            for (col, cell) in (0u16..).zip(cells) {
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) if row == header_at => {
                        sheet.write_string_with_format(row, col, t, &bold)?;
                    }
                    Cell::Text(t) => {
                        sheet.write_string_with_format(row, col, t, &text)?;
                    }
                    Cell::Number(n) => {
                        sheet.write_number(row, col, *n)?;
                    }
                    Cell::Date(d) => {
                        let excel = rust_xlsxwriter::ExcelDateTime::from_ymd(
                            u16::try_from(chrono::Datelike::year(d)).unwrap_or(2000),
                            u8::try_from(chrono::Datelike::month(d)).unwrap_or(1),
                            u8::try_from(chrono::Datelike::day(d)).unwrap_or(1),
                        )?;
                        sheet.write_datetime_with_format(row, col, &excel, &date)?;
                    }
                }
            }
            row += 1;
        }
        for col in 0..u16::try_from(width).unwrap_or(1) {
            sheet.set_column_width(col, 18)?;
        }
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::imports::workbook;

    #[test]
    fn the_template_reads_back_with_every_header_recognised_and_no_rows() {
        let bytes = template().unwrap();
        let sheets = workbook::read(&bytes).unwrap();
        assert_eq!(sheets.len(), 5);
        let flat = &sheets[0];
        assert_eq!(flat.name, "Danh sách OCOP");
        let header: Vec<String> = flat.rows[1].1.iter().map(Cell::text).collect();
        assert_eq!(flat.rows[1].0, 3, "a title, a blank row, then the header");
        let fields = crate::domain::import::headers::map_columns(&header, &[]);
        assert!(fields.iter().all(Option::is_some), "{header:?}");
        assert_eq!(flat.rows.len(), 2, "no example row to import by mistake");
    }
}
