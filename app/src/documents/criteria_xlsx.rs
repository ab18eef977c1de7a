//! A criteria set as a spreadsheet, for administrators who keep Appendix III in Excel: written
//! with `rust_xlsxwriter`, read back with `calamine`.
//!
//! Layout of the one sheet: the group code and the set's name in the first rows, then a header
//! row, then one row per graded option. A criterion's columns (part, code, text, …) may be left
//! blank on its second and later options — they carry on from the row above — so a sheet typed
//! by hand reads as naturally as the one exported. Points are written as points (2.5), kept in
//! tenths inside.
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::domain::scoring::{CriteriaSet, Criterion, GradedOption, Part, Tenths};

const GROUP_LABEL: &str = "Nhóm sản phẩm / Product group";
const NAME_LABEL: &str = "Tên bộ tiêu chí / Set name";
const VERSION_LABEL: &str = "Phiên bản / Version";
/// The header row; the importer finds it by its first cell.
const HEADERS: [&str; 10] = [
    "Phần / Part",
    "Tên phần / Part name",
    "Điểm tối đa của phần / Part maximum",
    "Mã tiêu chí / Code",
    "Tiêu chí / Criterion",
    "Hướng dẫn chấm / Guidance",
    "Minh chứng / Evidence",
    "Bắt buộc để đạt (sao) / Mandatory for (stars)",
    "Phương án / Option",
    "Điểm / Points",
];

/// A set read from a spreadsheet, with the group and name its first rows give (possibly empty).
#[derive(Debug, PartialEq, Eq)]
pub struct ImportedSet {
    pub group_code: String,
    pub name: String,
    pub set: CriteriaSet,
}

/// Why a spreadsheet could not be read as a criteria set. Rows are counted as Excel shows them.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadProblem {
    /// Not an XLSX file, or it has no sheet.
    Unreadable,
    /// No header row ("Phần / Part" in column A).
    NoHeader,
    /// No option rows under the header.
    Empty,
    /// A row without a part or criterion code to carry on from.
    MissingCode(u32),
    /// Points or a part maximum that is not a number ≥ 0 with at most one decimal.
    BadPoints(u32),
    /// A star level that is not a whole number.
    BadLevel(u32),
}

/// The set as an XLSX workbook.
///
/// # Errors
/// Only if the writer fails (it writes to memory).
pub fn write(
    group_code: &str,
    name: &str,
    version: i32,
    set: &CriteriaSet,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Bo tieu chi")?;
    sheet.write_string_with_format(0, 0, GROUP_LABEL, &bold)?;
    sheet.write_string(0, 1, group_code)?;
    sheet.write_string_with_format(1, 0, NAME_LABEL, &bold)?;
    sheet.write_string(1, 1, name)?;
    sheet.write_string_with_format(2, 0, VERSION_LABEL, &bold)?;
    sheet.write_number(2, 1, f64::from(version))?;
    for (col, header) in (0u16..).zip(HEADERS) {
        sheet.write_string_with_format(4, col, header, &bold)?;
    }
    let mut row = 5u32;
    for part in &set.parts {
        for c in &part.criteria {
            for (i, option) in c.options.iter().enumerate() {
                // Only the first option row repeats the part and criterion (the rest carry on).
                if i == 0 {
                    sheet.write_string(row, 0, &part.code)?;
                    sheet.write_string(row, 1, &part.name)?;
                    sheet.write_number(row, 2, as_points(part.max))?;
                    sheet.write_string(row, 3, &c.code)?;
                    sheet.write_string_with_format(row, 4, &c.text, &wrap)?;
                    sheet.write_string_with_format(row, 5, &c.guidance, &wrap)?;
                    sheet.write_string_with_format(row, 6, &c.evidence, &wrap)?;
                    if let Some(level) = c.mandatory_for {
                        sheet.write_number(row, 7, f64::from(level))?;
                    }
                }
                sheet.write_string_with_format(row, 8, &option.text, &wrap)?;
                sheet.write_number(row, 9, as_points(option.points))?;
                row += 1;
            }
        }
    }
    for (col, width) in [
        (0, 8),
        (1, 24),
        (2, 10),
        (3, 9),
        (4, 36),
        (5, 36),
        (6, 28),
        (7, 12),
        (8, 40),
        (9, 8),
    ] {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_freeze_panes(5, 0)?;
    workbook.save_to_buffer()
}

fn as_points(tenths: Tenths) -> f64 {
    f64::from(tenths) / 10.0
}

/// Reads the first sheet of an XLSX file as a criteria set (not yet validated: the caller runs
/// `scoring::validate`, as for JSON).
///
/// # Errors
/// The first `ReadProblem` met, top to bottom.
pub fn read(bytes: &[u8]) -> Result<ImportedSet, ReadProblem> {
    let mut workbook =
        Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|_| ReadProblem::Unreadable)?;
    let range = workbook
        .worksheet_range_at(0)
        .and_then(Result::ok)
        .ok_or(ReadProblem::Unreadable)?;
    let first_row = range.start().map_or(0, |(r, _)| r);
    let mut imported = ImportedSet {
        group_code: String::new(),
        name: String::new(),
        set: CriteriaSet { parts: Vec::new() },
    };
    let mut header_seen = false;
    for (n, cells) in (first_row + 1..).zip(range.rows()) {
        let cell = |col: usize| cells.get(col).map(text).unwrap_or_default();
        if !header_seen {
            let label = cell(0);
            if label.starts_with("Phần") || label.starts_with("Part") {
                header_seen = true;
            } else if label.starts_with("Nhóm") || label.starts_with("Product group") {
                imported.group_code = cell(1);
            } else if label.starts_with("Tên bộ") || label.starts_with("Set name") {
                imported.name = cell(1);
            }
            continue;
        }
        if cells.iter().all(|c| text(c).is_empty()) {
            continue;
        }
        add_row(&mut imported.set, n, &cell)?;
    }
    if !header_seen {
        return Err(ReadProblem::NoHeader);
    }
    if imported.set.parts.is_empty() {
        return Err(ReadProblem::Empty);
    }
    Ok(imported)
}

/// Adds one option row: a new part or criterion where the row names one, else the option joins
/// the criterion above.
fn add_row(
    set: &mut CriteriaSet,
    n: u32,
    cell: &dyn Fn(usize) -> String,
) -> Result<(), ReadProblem> {
    let part_code = cell(0);
    if !part_code.is_empty() && set.parts.last().is_none_or(|p| p.code != part_code) {
        set.parts.push(Part {
            code: part_code,
            name: cell(1),
            max: tenths(&cell(2)).ok_or(ReadProblem::BadPoints(n))?,
            criteria: Vec::new(),
        });
    }
    let part = set.parts.last_mut().ok_or(ReadProblem::MissingCode(n))?;
    let code = cell(3);
    if !code.is_empty() && part.criteria.last().is_none_or(|c| c.code != code) {
        let level = cell(7);
        part.criteria.push(Criterion {
            code,
            text: cell(4),
            guidance: cell(5),
            evidence: cell(6),
            options: Vec::new(),
            mandatory_for: if level.is_empty() {
                None
            } else {
                Some(level.parse::<u8>().map_err(|_| ReadProblem::BadLevel(n))?)
            },
        });
    }
    let criterion = part
        .criteria
        .last_mut()
        .ok_or(ReadProblem::MissingCode(n))?;
    criterion.options.push(GradedOption {
        text: cell(8),
        points: tenths(&cell(9)).ok_or(ReadProblem::BadPoints(n))?,
    });
    Ok(())
}

/// A cell as trimmed text; whole numbers without ".0" (Excel stores 5 as 5.0).
fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// "2.5" or "2,5" (Vietnamese decimal comma) → 25 tenths; `None` if negative, not a number or
/// finer than a tenth.
fn tenths(value: &str) -> Option<Tenths> {
    let number: f64 = value.replace(',', ".").parse().ok()?;
    let scaled = number * 10.0;
    if !(0.0..=10_000.0).contains(&scaled) || (scaled - scaled.round()).abs() > 1e-6 {
        return None;
    }
    // In range and whole: the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Some(scaled.round() as Tenths)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> CriteriaSet {
        serde_json::from_str(include_str!("../../seed/criteria-sample-148.json")).unwrap()
    }

    #[test]
    fn a_set_survives_the_round_trip_through_xlsx() {
        let set = sample();
        let bytes = write("I", "Bộ mẫu — Thực phẩm", 3, &set).unwrap();
        let back = read(&bytes).unwrap();
        assert_eq!(back.group_code, "I");
        assert_eq!(back.name, "Bộ mẫu — Thực phẩm");
        assert_eq!(back.set, set);
    }

    #[test]
    fn points_read_with_a_comma_or_a_point_and_never_below_zero() {
        assert_eq!(tenths("2,5"), Some(25));
        assert_eq!(tenths("2.5"), Some(25));
        assert_eq!(tenths("10"), Some(100));
        assert_eq!(tenths("-1"), None);
        assert_eq!(tenths("2.55"), None);
        assert_eq!(tenths("năm"), None);
    }

    #[test]
    fn a_file_that_is_not_a_spreadsheet_or_has_no_header_is_told_apart() {
        assert_eq!(read(b"not a zip"), Err(ReadProblem::Unreadable));
        let mut workbook = Workbook::new();
        workbook
            .add_worksheet()
            .write_string(0, 0, "Xin chào")
            .unwrap();
        let bytes = workbook.save_to_buffer().unwrap();
        assert_eq!(read(&bytes), Err(ReadProblem::NoHeader));
    }

    #[test]
    fn a_bad_cell_is_reported_with_its_row() {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        for (col, header) in (0u16..).zip(HEADERS) {
            sheet.write_string(0, col, header).unwrap();
        }
        let row = [
            "A",
            "Phần A",
            "40",
            "A1",
            "Nguyên liệu",
            "",
            "",
            "",
            "Có",
            "hai",
        ];
        for (col, value) in (0u16..).zip(row) {
            sheet.write_string(1, col, value).unwrap();
        }
        let bytes = workbook.save_to_buffer().unwrap();
        assert_eq!(read(&bytes), Err(ReadProblem::BadPoints(2)));
    }
}
