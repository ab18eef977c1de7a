//! Cells as people type them: dates as 15/12/2021, 15-12-21, an Excel serial number or only
//! "năm 2021"; stars as 3, "3 sao", "★★★" or "ba sao"; tax codes as text or as a number that
//! lost its leading zero. Nothing here panics, whatever a cell holds.
use chrono::{Datelike, NaiveDate};

use super::problem::{MAX_CELL_CHARS, Problem};
use crate::domain::text::fold;

/// One cell as the workbook reader hands it over.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// The cell as text, trimmed and with runs of spaces collapsed: a whole number without
    /// ".0", a date as dd/mm/yyyy.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.split_whitespace().collect::<Vec<_>>().join(" "),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        }
    }

    pub fn is_blank(&self) -> bool {
        self.text().is_empty()
    }
}

/// A cell's text, or `TooLong`; `None` when it is blank.
pub fn text(cell: &Cell) -> Result<Option<String>, Problem> {
    let t = cell.text();
    if t.chars().count() > MAX_CELL_CHARS {
        return Err(Problem::TooLong(MAX_CELL_CHARS));
    }
    Ok((!t.is_empty()).then_some(t))
}

/// A date read from a cell: a full day, or only a year (then `year_only`, dated 31 December).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRead {
    pub day: NaiveDate,
    pub year_only: bool,
}

/// Excel counts days from 30 December 1899 (its 1900 leap-year bug included).
pub fn excel_day(serial: f64) -> Option<NaiveDate> {
    // 1 January 1990 to the end of 2099: anything else is not a decision date.
    if !(32_874.0..73_051.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial as u64))
}

fn year_end(year: i32) -> Option<DateRead> {
    (1990..=2099).contains(&year).then(|| DateRead {
        day: NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default(),
        year_only: true,
    })
}

/// A date in any of the forms people type; `None` when the cell is blank.
///
/// # Errors
/// `NotADate` with what was read.
pub fn date(cell: &Cell) -> Result<Option<DateRead>, Problem> {
    let read = match cell {
        Cell::Empty => return Ok(None),
        Cell::Date(d) => Some(DateRead {
            day: *d,
            year_only: false,
        }),
        Cell::Number(n) if n.fract() == 0.0 && (1990.0..=2099.0).contains(n) => year_end(*n as i32),
        Cell::Number(n) => excel_day(*n).map(|day| DateRead {
            day,
            year_only: false,
        }),
        Cell::Text(_) => {
            let t = cell.text();
            if t.is_empty() {
                return Ok(None);
            }
            if t.chars().count() > 60 {
                return Err(Problem::NotADate(t.chars().take(60).collect()));
            }
            date_text(&t)
        }
    };
    read.map(Some)
        .ok_or_else(|| Problem::NotADate(cell.text().chars().take(60).collect()))
}

/// "15/12/2021", "15-12-21", "15.12.2021", "2021-12-15", "ngày 15 tháng 12 năm 2021",
/// "năm 2021", "2021"; the numbers are taken in order, so words around them do not matter.
fn date_text(text: &str) -> Option<DateRead> {
    let folded = fold(text);
    let numbers: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    let num = |s: &str| s.parse::<i32>().ok();
    let full_year = |y: i32, digits: usize| if digits <= 2 { 2000 + y } else { y };
    match numbers.as_slice() {
        [y] if y.len() == 4 => year_end(num(y)?),
        [a, b, c] => {
            let (a_n, b_n, c_n) = (num(a)?, num(b)?, num(c)?);
            let (y, m, d) = if a.len() == 4 {
                (a_n, b_n, c_n)
            } else {
                (full_year(c_n, c.len()), b_n, a_n)
            };
            let day = NaiveDate::from_ymd_opt(y, u32::try_from(m).ok()?, u32::try_from(d).ok()?)?;
            (1990..=2099).contains(&day.year()).then_some(DateRead {
                day,
                year_only: false,
            })
        }
        _ => None,
    }
}

/// A year of recognition ("2021", "năm 2021", 2021, or the year of a date); `None` when blank.
///
/// # Errors
/// `NotAYear`.
pub fn year(cell: &Cell, this_year: i32) -> Result<Option<i32>, Problem> {
    let t = cell.text();
    if t.is_empty() {
        return Ok(None);
    }
    let year = match date(cell) {
        Ok(Some(read)) => Some(read.day.year()),
        _ => None,
    };
    year.filter(|y| (2018..=this_year).contains(y))
        .map(Some)
        .ok_or_else(|| Problem::NotAYear(t.chars().take(60).collect()))
}

/// Stars as written: "3", 3, "3 sao", "3★", "★★★", "⭐⭐⭐⭐", "ba sao", "4 sao (nâng hạng)".
/// Only 3, 4 and 5 are OCOP ratings a certificate has; `None` when blank.
///
/// # Errors
/// `NotStars` when no rating can be read; `StarsOutOfRange` for 1, 2, 6 ….
pub fn stars(cell: &Cell) -> Result<Option<u8>, Problem> {
    let t = cell.text();
    if t.is_empty() {
        return Ok(None);
    }
    let shown: String = t.chars().take(60).collect();
    let marks = t.chars().filter(|c| matches!(c, '★' | '⭐' | '*')).count();
    let digits: Option<u32> = t
        .split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .and_then(|s| s.parse().ok());
    let n = match (digits, marks) {
        (Some(n), _) => Some(n),
        (None, m) if m > 0 => u32::try_from(m).ok(),
        _ => {
            let folded = fold(&t);
            let first = folded.split(' ').next().unwrap_or_default();
            match first {
                "mot" => Some(1),
                "hai" => Some(2),
                "ba" => Some(3),
                "bon" => Some(4),
                "nam" => Some(5),
                _ => None,
            }
        }
    };
    match n {
        None => Err(Problem::NotStars(shown)),
        Some(n @ 3..=5) => Ok(Some(n as u8)),
        Some(_) => Err(Problem::StarsOutOfRange(shown)),
    }
}

/// A score out of 100 ("78", 78.5, "78,5 điểm"), kept in tenths; `None` when blank.
///
/// # Errors
/// `NotAScore`.
pub fn score(cell: &Cell) -> Result<Option<u32>, Problem> {
    let t = cell.text();
    if t.is_empty() {
        return Ok(None);
    }
    let value = match cell {
        Cell::Number(n) => Some(*n),
        _ => {
            let number: String = t
                .chars()
                .skip_while(|c| !c.is_ascii_digit())
                .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
                .map(|c| if c == ',' { '.' } else { c })
                .collect();
            number.parse::<f64>().ok()
        }
    };
    value
        .filter(|v| (0.0..=100.0).contains(v))
        .map(|v| Some((v * 10.0).round() as u32))
        .ok_or_else(|| Problem::NotAScore(t.chars().take(60).collect()))
}

/// A tax code kept as text: a number that lost its leading zero gets it back (an
/// organisation's tax code has 10 digits, a household's personal identification number 12, and
/// neither 9 nor 11 are valid lengths). `None` when blank.
///
/// # Errors
/// `TaxCode` for anything that is not one.
pub fn tax_code(cell: &Cell) -> Result<Option<String>, Problem> {
    let text = cell.text();
    let all_digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let t = match cell {
        Cell::Number(n) if n.fract() == 0.0 && (0.0..1e10).contains(n) => {
            format!("{:010}", *n as u64)
        }
        Cell::Number(n) if n.fract() == 0.0 && (1e10..1e12).contains(n) => {
            format!("{:012}", *n as u64)
        }
        // Nine or eleven digits as text: a number that went through a spreadsheet and lost
        // its zero.
        _ if all_digits && matches!(text.len(), 9 | 11) => format!("0{text}"),
        _ => text,
    };
    if t.is_empty() {
        return Ok(None);
    }
    crate::domain::contact::normalize_tax_code(&t)
        .map(Some)
        .ok_or_else(|| Problem::TaxCode(t.chars().take(60).collect()))
}

/// The kind of subject ("DN", "HTX", "THT", "HO") from a "Loại hình" cell, or from the start
/// of the subject's name when the cell is blank (`from_name` then).
pub fn subject_type(value: &str) -> Option<&'static str> {
    let f = fold(value);
    let starts = |p: &str| f == p || f.starts_with(&format!("{p} "));
    if starts("htx") || starts("hop tac xa") {
        Some("HTX")
    } else if starts("tht") || starts("to hop tac") || starts("tht sx") {
        Some("THT")
    } else if starts("ho")
        || starts("ho kinh doanh")
        || starts("ho san xuat")
        || starts("hkd")
        || starts("co so")
        || starts("ca nhan")
    {
        Some("HO")
    } else if starts("dn")
        || starts("doanh nghiep")
        || starts("cong ty")
        || starts("cty")
        || starts("ct")
        || starts("dntn")
        || starts("chi nhanh")
    {
        Some("DN")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn day(y: i32, m: u32, d: u32) -> DateRead {
        DateRead {
            day: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            year_only: false,
        }
    }

    #[test]
    fn dates_in_the_forms_people_type() {
        for (cell, want) in [
            (t("15/12/2021"), day(2021, 12, 15)),
            (t(" 5/1/2022 "), day(2022, 1, 5)),
            (t("15-12-21"), day(2021, 12, 15)),
            (t("15.12.2021"), day(2021, 12, 15)),
            (t("2021-12-15"), day(2021, 12, 15)),
            (t("ngày 15 tháng 12 năm 2021"), day(2021, 12, 15)),
            (Cell::Number(44545.0), day(2021, 12, 15)),
            (Cell::Date(day(2023, 3, 1).day), day(2023, 3, 1)),
        ] {
            assert_eq!(date(&cell), Ok(Some(want)), "{cell:?}");
        }
        let year = date(&t("năm 2021")).unwrap().unwrap();
        assert_eq!((year.day, year.year_only), (day(2021, 12, 31).day, true));
        assert!(date(&Cell::Number(2020.0)).unwrap().unwrap().year_only);
        assert_eq!(date(&Cell::Empty), Ok(None));
        assert_eq!(date(&t("   ")), Ok(None));
        for bad in [
            "32/13/2021",
            "31/02/2021",
            "hôm qua",
            "12/2021",
            "15/12/1850",
        ] {
            assert_eq!(date(&t(bad)), Err(Problem::NotADate(bad.into())), "{bad}");
        }
    }

    #[test]
    fn stars_in_the_forms_people_type() {
        for (cell, want) in [
            (t("3"), 3),
            (Cell::Number(4.0), 4),
            (t("3 sao"), 3),
            (t("4★"), 4),
            (t("★★★"), 3),
            (t("⭐⭐⭐⭐"), 4),
            (t("Ba sao"), 3),
            (t("4 sao (nâng hạng từ 3 sao)"), 4),
            (t("5"), 5),
        ] {
            assert_eq!(stars(&cell), Ok(Some(want)), "{cell:?}");
        }
        assert_eq!(stars(&t("6")), Err(Problem::StarsOutOfRange("6".into())));
        assert_eq!(
            stars(&t("2 sao")),
            Err(Problem::StarsOutOfRange("2 sao".into()))
        );
        assert_eq!(stars(&t("đạt")), Err(Problem::NotStars("đạt".into())));
        assert_eq!(stars(&Cell::Empty), Ok(None));
    }

    #[test]
    fn tax_codes_keep_their_leading_zero() {
        assert_eq!(
            tax_code(&Cell::Number(100109106.0)),
            Ok(Some("0100109106".into()))
        );
        assert_eq!(tax_code(&t("4900123456")), Ok(Some("4900123456".into())));
        assert_eq!(tax_code(&t("100109106")), Ok(Some("0100109106".into())));
        assert_eq!(
            tax_code(&t("4900123456-001")),
            Ok(Some("4900123456-001".into()))
        );
        // A household's personal identification number, typed or read as a number.
        assert_eq!(
            tax_code(&t("020190012345")),
            Ok(Some("020190012345".into()))
        );
        assert_eq!(
            tax_code(&Cell::Number(20190012345.0)),
            Ok(Some("020190012345".into()))
        );
        assert_eq!(tax_code(&t("20190012345")), Ok(Some("020190012345".into())));
        assert_eq!(tax_code(&t("49001")), Err(Problem::TaxCode("49001".into())));
        assert_eq!(tax_code(&Cell::Empty), Ok(None));
    }

    #[test]
    fn scores_years_and_kinds() {
        assert_eq!(score(&t("78,5 điểm")), Ok(Some(785)));
        assert_eq!(score(&Cell::Number(91.0)), Ok(Some(910)));
        assert_eq!(score(&t("120")), Err(Problem::NotAScore("120".into())));
        assert_eq!(year(&t("năm 2021"), 2026), Ok(Some(2021)));
        assert_eq!(year(&Cell::Number(2019.0), 2026), Ok(Some(2019)));
        assert_eq!(
            year(&t("2030"), 2026),
            Err(Problem::NotAYear("2030".into()))
        );
        assert_eq!(subject_type("Hợp tác xã"), Some("HTX"));
        assert_eq!(subject_type("HTX Đồng Bành"), Some("HTX"));
        assert_eq!(subject_type("Công ty TNHH Hoa Hồi"), Some("DN"));
        assert_eq!(subject_type("Hộ kinh doanh"), Some("HO"));
        assert_eq!(subject_type("Tổ hợp tác"), Some("THT"));
        assert_eq!(subject_type("Chùa"), None);
        assert_eq!(Cell::Number(12.0).text(), "12");
        assert_eq!(t("  Na   Chi Lăng ").text(), "Na Chi Lăng");
    }

    proptest! {
        #[test]
        fn no_cell_makes_a_reader_panic(s in "\\PC{0,80}", n in proptest::num::f64::ANY) {
            for cell in [Cell::Text(s.clone()), Cell::Number(n)] {
                let _ = date(&cell);
                let _ = stars(&cell);
                let _ = score(&cell);
                let _ = tax_code(&cell);
                let _ = year(&cell, 2026);
                let _ = text(&cell);
                let _ = subject_type(&cell.text());
            }
        }

        #[test]
        fn a_date_written_day_first_reads_back(d in 1u32..=28, m in 1u32..=12, y in 1990i32..2099) {
            let written = format!("{d}/{m}/{y}");
            prop_assert_eq!(date(&Cell::Text(written)).unwrap().unwrap().day,
                NaiveDate::from_ymd_opt(y, m, d).unwrap());
        }
    }
}
