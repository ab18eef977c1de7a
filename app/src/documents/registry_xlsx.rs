//! A registry's products as an XLSX sheet, one row each, with Vietnamese headers (the same
//! spellings the importer reads, so an exported list can be corrected and imported back).
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::models::registry::ProductEntry;

const HEADERS: [&str; 9] = [
    "Tên sản phẩm",
    "Chủ thể",
    "Xã/phường",
    "Nhóm sản phẩm",
    "Số sao",
    "Trạng thái",
    "Số giấy chứng nhận",
    "Hiệu lực đến",
    "Nguồn dữ liệu",
];

fn status(key: &str) -> &'static str {
    match key {
        "valid" => "Còn hiệu lực",
        "expiring" => "Sắp hết hạn",
        "expired" => "Hết hạn",
        "revoked" => "Đã thu hồi",
        _ => "Chưa có giấy chứng nhận",
    }
}

/// The rows as a workbook.
///
/// # Errors
/// Only if the writer fails (it writes to memory).
pub fn products(rows: &[ProductEntry]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name("San pham OCOP")?;
    for (col, header) in (0u16..).zip(HEADERS) {
        sheet.write_string_with_format(0, col, header, &bold)?;
    }
    for (row, p) in (1u32..).zip(rows) {
        sheet.write_string(row, 0, &p.name)?;
        sheet.write_string(row, 1, &p.subject_name)?;
        sheet.write_string(row, 2, &p.commune_name)?;
        sheet.write_string(row, 3, &p.group_code)?;
        if let Some(stars) = p.stars {
            sheet.write_number(row, 4, f64::from(stars))?;
        }
        sheet.write_string(row, 5, status(&p.status))?;
        sheet.write_string(row, 6, &p.certificate)?;
        sheet.write_string(row, 7, &p.valid_until)?;
        sheet.write_string(row, 8, &p.source)?;
    }
    for (col, width) in [
        (0, 36),
        (1, 36),
        (2, 18),
        (3, 12),
        (4, 8),
        (5, 20),
        (6, 16),
        (7, 12),
        (8, 12),
    ] {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}
