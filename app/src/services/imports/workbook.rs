//! Reading an uploaded spreadsheet (`.xlsx`, or `.csv` in UTF-8) into sheets of cells, bounded
//! before the work: the archive's unpacked size and entry count are checked first (a small
//! file must not unpack to gigabytes), cells are streamed so a far-away cell cannot make a
//! huge grid, and rows and columns are counted as they come.
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};

use crate::domain::import::cells::{Cell, excel_day};
use crate::domain::import::problem::MAX_CELL_CHARS;

/// A cell's text cut one character past the longest a cell may hold (so that it is still
/// found too long), counted against the file's budget.
fn capped(text: &str, budget: &mut usize) -> Result<Cell, ReadError> {
    let kept: String = text.chars().take(MAX_CELL_CHARS + 1).collect();
    let n = kept.chars().count();
    if n > *budget {
        return Err(ReadError::TooBig);
    }
    *budget -= n;
    Ok(Cell::Text(kept))
}

/// Rows read from all sheets together; more is refused (split the file).
pub const MAX_ROWS: usize = 20_000;
/// Columns read; cells further right are ignored.
pub const MAX_COLUMNS: u32 = 60;
const MAX_SHEETS: usize = 12;
/// Characters of text kept from all cells together: a small file of one long shared string
/// used in every cell must not become gigabytes.
const MAX_TEXT_CHARS: usize = 40_000_000;
/// Characters kept of a sheet's name.
const MAX_NAME_CHARS: usize = 64;
const MAX_UNPACKED: u64 = 200 * 1024 * 1024;
const MAX_ENTRIES: usize = 2_000;

/// One sheet: its non-blank rows, numbered as the spreadsheet shows them (from 1), each with
/// its cells by column (from 0).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<(u32, Vec<Cell>)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Not an `.xlsx` or a text `.csv` (an old `.xls`, a PDF, a damaged file).
    Unreadable,
    /// Unpacks to more than the limit.
    TooBig,
    TooManyRows,
    /// No sheet holds a row.
    Empty,
}

/// The sheets of `bytes`.
///
/// # Errors
/// See `ReadError`.
pub fn read(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let sheets = if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)?
    } else {
        // A PDF, an image or an old binary .xls is no text this reads.
        let binary = bytes.starts_with(b"%PDF") || bytes.iter().take(8192).any(|b| *b == 0);
        if binary {
            return Err(ReadError::Unreadable);
        }
        vec![read_csv(bytes)?]
    };
    if sheets.iter().all(|s| s.rows.is_empty()) {
        return Err(ReadError::Empty);
    }
    Ok(sheets)
}

fn check_archive(bytes: &[u8]) -> Result<(), ReadError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ReadError::Unreadable)?;
    if archive.len() > MAX_ENTRIES {
        return Err(ReadError::TooBig);
    }
    let mut unpacked = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|_| ReadError::Unreadable)?;
        unpacked = unpacked.saturating_add(entry.size());
    }
    if unpacked > MAX_UNPACKED {
        return Err(ReadError::TooBig);
    }
    Ok(())
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    check_archive(bytes)?;
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|_| ReadError::Unreadable)?;
    let names: Vec<String> = workbook
        .sheet_names()
        .into_iter()
        .take(MAX_SHEETS)
        .collect();
    let mut total = 0usize;
    let mut budget = MAX_TEXT_CHARS;
    let mut sheets = Vec::new();
    for name in names {
        let mut rows: BTreeMap<u32, Vec<Cell>> = BTreeMap::new();
        let mut reader = workbook
            .worksheet_cells_reader(&name)
            .map_err(|_| ReadError::Unreadable)?;
        while let Some(cell) = reader.next_cell().map_err(|_| ReadError::Unreadable)? {
            let (row, column) = cell.get_position();
            if column >= MAX_COLUMNS {
                continue;
            }
            let value = convert(cell.get_value(), &mut budget)?;
            if value.is_blank() {
                continue;
            }
            let cells = match rows.get_mut(&row) {
                Some(cells) => cells,
                None => {
                    total += 1;
                    if total > MAX_ROWS {
                        return Err(ReadError::TooManyRows);
                    }
                    rows.entry(row).or_default()
                }
            };
            let column = column as usize;
            if cells.len() <= column {
                cells.resize(column + 1, Cell::Empty);
            }
            cells[column] = value;
        }
        sheets.push(Sheet {
            name: name.chars().take(MAX_NAME_CHARS).collect(),
            rows: rows.into_iter().map(|(r, cells)| (r + 1, cells)).collect(),
        });
    }
    Ok(sheets)
}

fn convert(value: &DataRef<'_>, budget: &mut usize) -> Result<Cell, ReadError> {
    Ok(match value {
        DataRef::Int(n) => Cell::Number(*n as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => capped(s, budget)?,
        DataRef::SharedString(s) => capped(s, budget)?,
        DataRef::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_owned()),
        DataRef::DateTime(d) if d.is_datetime() => {
            excel_day(d.as_f64().floor()).map_or_else(|| Cell::Number(d.as_f64()), Cell::Date)
        }
        DataRef::DateTime(d) => Cell::Number(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => capped(s, budget)?,
        DataRef::Error(_) | DataRef::Empty => Cell::Empty,
    })
}

/// A CSV file: UTF-8 (a byte-order mark is skipped); `,`, `;` or tab.
fn read_csv(bytes: &[u8]) -> Result<Sheet, ReadError> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|_| ReadError::Unreadable)?;
    if text.contains('\0') {
        return Err(ReadError::Unreadable);
    }
    // The delimiter the first lines hold most of in one line (a title line may hold none).
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| {
            text.lines()
                .take(30)
                .map(|line| line.bytes().filter(|b| b == d).count())
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| ReadError::Unreadable)?;
        // The line the row starts on, as an editor shows it (blank lines are not records).
        let n = record
            .position()
            .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
        let mut budget = usize::MAX;
        let cells: Vec<Cell> = record
            .iter()
            .take(MAX_COLUMNS as usize)
            .map(|v| capped(v, &mut budget))
            .collect::<Result<_, _>>()?;
        if cells.iter().all(Cell::is_blank) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(ReadError::TooManyRows);
        }
        rows.push((n, cells));
    }
    Ok(Sheet {
        name: "CSV".to_owned(),
        rows,
    })
}

/// Reads at most `limit` bytes of `reader` (the upload is already bounded; this is for the CLI).
pub fn read_bounded(reader: impl Read, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::other("file too large"));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_with_a_title_line_is_split_by_the_delimiter_of_its_table() {
        let csv = "DANH SÁCH SẢN PHẨM OCOP\n\nSTT;Tên sản phẩm;Chủ thể\n1;Na, quả tươi;HTX A\n";
        let sheet = &read(csv.as_bytes()).unwrap()[0];
        assert_eq!(sheet.rows.len(), 3, "the blank line is not a row");
        assert_eq!(sheet.rows[2].0, 4, "rows keep the file's numbers");
        assert_eq!(sheet.rows[2].1[1].text(), "Na, quả tươi");
    }

    #[test]
    fn a_huge_cell_is_cut_where_it_can_still_be_found_too_long() {
        let csv = format!("Tên sản phẩm;Chủ thể\n{};HTX A\n", "x".repeat(100_000));
        let sheet = &read(csv.as_bytes()).unwrap()[0];
        assert_eq!(
            sheet.rows[1].1[0].text().chars().count(),
            MAX_CELL_CHARS + 1
        );
    }

    #[test]
    fn what_is_not_a_sheet_is_refused() {
        assert_eq!(read(b"%PDF-1.7 ..."), Err(ReadError::Unreadable));
        assert_eq!(read(b"a\0b"), Err(ReadError::Unreadable));
        assert_eq!(read(b"PK\x03\x04 broken zip"), Err(ReadError::Unreadable));
        assert_eq!(read(b" \n \n"), Err(ReadError::Empty));
    }
}
