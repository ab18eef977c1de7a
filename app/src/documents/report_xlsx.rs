//! A report as XLSX: a first sheet with the report's heading, targets and written sections,
//! then one sheet per figures table — Vietnamese headers, numbers stored as numbers.
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::models::reports::periodic::{FigureTable, ReportView};

/// A sheet name for a table (Excel allows 31 characters and no `[]:*?/\`).
fn sheet_name(table: &FigureTable) -> String {
    let name = match table.key.as_str() {
        "certified" => "Hạng sao",
        "groups" => "Nhóm sản phẩm",
        "subgroups" => "Phân nhóm",
        "subject_types" => "Loại hình chủ thể",
        "certificates" => "Giấy chứng nhận",
        "ideas" => "Ý tưởng",
        "dossiers" => "Hồ sơ",
        "subjects" => "Chủ thể",
        "communes" => "Theo xã",
        "trade" => "Xúc tiến thương mại",
        other => other,
    };
    name.chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

fn write_table(sheet: &mut Worksheet, table: &FigureTable, bold: &Format) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, &table.title.vi, bold)?;
    sheet.write_string_with_format(2, 0, "Chỉ tiêu", bold)?;
    for (col, header) in table.columns.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16 + 1, &header.vi, bold)?;
    }
    for (n, row) in table.rows.iter().enumerate() {
        let r = n as u32 + 3;
        let format = if row.key == "total" { Some(bold) } else { None };
        match format {
            Some(f) => sheet.write_string_with_format(r, 0, &row.label.vi, f)?,
            None => sheet.write_string(r, 0, &row.label.vi)?,
        };
        for (col, value) in row.values.iter().enumerate() {
            sheet.write_number(r, col as u16 + 1, *value as f64)?;
        }
    }
    sheet.set_column_width(0, 44)?;
    for col in 1..=table.columns.len() as u16 {
        sheet.set_column_width(col, 18)?;
    }
    Ok(())
}

/// The workbook's bytes.
///
/// # Errors
/// An `XlsxError` from the writer (a bug: every input is valid text and numbers).
pub fn render(report: &ReportView) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let title = Format::new().set_bold().set_font_size(14);
    let sheet = workbook.add_worksheet();
    sheet.set_name("Báo cáo")?;
    sheet.set_column_width(0, 34)?;
    sheet.set_column_width(1, 90)?;
    sheet.write_string_with_format(0, 0, &report.period.name.vi, &title)?;
    let facts = [
        ("Đơn vị", report.scope_name.clone()),
        (
            "Số liệu từ ngày",
            format!(
                "{} đến {}",
                crate::domain::dates::iso_date(&report.figures.window.0),
                crate::domain::dates::iso_date(&report.figures.window.1)
            ),
        ),
        (
            "So sánh cùng kỳ",
            format!(
                "{} đến {}",
                crate::domain::dates::iso_date(&report.figures.previous.0),
                crate::domain::dates::iso_date(&report.figures.previous.1)
            ),
        ),
        (
            "Hạn nộp",
            crate::domain::dates::iso_date(&report.period.due_on),
        ),
        ("Tình trạng", report.state.clone()),
        (
            "Ngày tính số liệu",
            crate::domain::dates::iso_date(&report.figures.computed_on),
        ),
    ];
    for (n, (label, value)) in facts.iter().enumerate() {
        sheet.write_string_with_format(n as u32 + 2, 0, *label, &bold)?;
        sheet.write_string(n as u32 + 2, 1, value)?;
    }
    let mut row = facts.len() as u32 + 3;
    sheet.write_string_with_format(row, 0, "Chỉ tiêu năm", &bold)?;
    sheet.write_string_with_format(row, 1, "Đạt / Chỉ tiêu", &bold)?;
    for line in &report.figures.targets {
        row += 1;
        sheet.write_string(row, 0, &line.label.vi)?;
        sheet.write_number(row, 1, line.achieved as f64)?;
        if let Some(target) = line.target {
            sheet.write_number(row, 2, target as f64)?;
        }
    }
    row += 2;
    for (label, text) in [
        ("Kết quả thực hiện", &report.results),
        ("Khó khăn, vướng mắc", &report.difficulties),
        ("Đề xuất, kiến nghị", &report.proposals),
    ] {
        sheet.write_string_with_format(row, 0, label, &bold)?;
        sheet.write_string_with_format(row, 1, text.as_str(), &wrap)?;
        row += 1;
    }
    for table in &report.figures.tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(table))?;
        write_table(sheet, table, &bold)?;
    }
    workbook.save_to_buffer()
}
