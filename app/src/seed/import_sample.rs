//! A synthetic province list of any length for the import benchmark (`server import-sample`):
//! the flat template sheet with products spread over the 65 communes, two products per
//! subject, certificates of 2019–2025. Deterministic; all names say "mẫu" (sample).
use chrono::NaiveDate;

use crate::domain::import::cells::Cell;
use crate::services::imports::template::{FLAT, SheetSpec, write_sheets};

const UNITS_CSV: &str = include_str!("../../seed/lang-son-units.csv");
const GROUPS: [&str; 6] = ["I.1.a", "I.1.b", "I.2.a", "I.3.a", "II.1", "III"];

/// The workbook with `rows` product rows.
///
/// # Errors
/// Only if the writer fails.
pub fn workbook(rows: usize) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let communes: Vec<&str> = UNITS_CSV
        .lines()
        .filter(|l| l.contains(",commune,"))
        .filter_map(|l| l.split(',').nth(1))
        .collect();
    let header: Vec<Cell> = FLAT
        .iter()
        .map(|f| Cell::Text(f.header(false).to_owned()))
        .collect();
    let mut sheet = vec![header];
    for i in 0..rows {
        let subject = i / 2;
        let commune = communes
            .get(subject % communes.len().max(1))
            .copied()
            .unwrap_or("Chi Lăng");
        let year = 2019 + i32::try_from(i % 7).unwrap_or(0);
        let day = NaiveDate::from_ymd_opt(
            year,
            1 + u32::try_from(i % 12).unwrap_or(0),
            1 + u32::try_from(i % 28).unwrap_or(0),
        )
        .unwrap_or_default();
        let values: Vec<Cell> = FLAT
            .iter()
            .map(|f| {
                use crate::domain::import::headers::Field::*;
                match f {
                    ProductName => Cell::Text(format!("Sản phẩm mẫu {i}")),
                    Group => Cell::Text(GROUPS[i % GROUPS.len()].to_owned()),
                    SubjectName => Cell::Text(format!("HTX mẫu {subject}")),
                    SubjectType => Cell::Text("HTX".to_owned()),
                    TaxCode => Cell::Text(format!("49{:08}", subject)),
                    Commune => Cell::Text(commune.to_owned()),
                    Stars => Cell::Number(if i % 9 == 0 { 4.0 } else { 3.0 }),
                    Score => Cell::Number(if i % 9 == 0 { 75.0 } else { 62.5 }),
                    DecisionNumber => Cell::Text(format!("{}/QĐ-UBND", 1000 + i % 500)),
                    DecisionDate => Cell::Date(day),
                    _ => Cell::Empty,
                }
            })
            .collect();
        sheet.push(values);
    }
    write_sheets(&[SheetSpec {
        name: "Danh sách OCOP".to_owned(),
        title: Some("DANH SÁCH MẪU (benchmark)".to_owned()),
        rows: sheet,
    }])
}
