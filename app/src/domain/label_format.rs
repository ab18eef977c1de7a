//! How a label item's text is read: numbers with units, percentages, and dates in
//! day-month-year order (`domain::label` decides what each item needs).
use crate::domain::label::Problem;

/// Units a net quantity is given in (Vietnamese labels use SI units or counts).
const UNITS: [&str; 22] = [
    "mg", "kg", "g", "ml", "l", "lít", "lit", "gói", "goi", "hộp", "hop", "chai", "lọ", "túi",
    "cái", "chiếc", "bộ", "viên", "quả", "bánh", "m", "cm",
];

/// Whether `value` holds a positive number followed by a unit ("500 g", "1,5 kg", "750ml").
pub(crate) fn has_quantity(value: &str) -> bool {
    numbers_then(value).any(|(number, rest)| {
        number > 0.0 && {
            let word: String = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect::<String>()
                .to_lowercase();
            UNITS.contains(&word.as_str())
        }
    })
}

/// Whether `value` holds a number (0–100) followed by "%".
pub(crate) fn has_percent(value: &str) -> bool {
    numbers_then(value)
        .any(|(number, rest)| (0.0..=100.0).contains(&number) && rest.trim_start().starts_with('%'))
}

/// Each number in `value` (digits with one `,` or `.` as decimal mark) with the text after it.
fn numbers_then(value: &str) -> impl Iterator<Item = (f64, &str)> {
    let mut out = Vec::new();
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit() || bytes[i] == b',' || bytes[i] == b'.')
            {
                i += 1;
            }
            let text = value[start..i]
                .trim_end_matches([',', '.'])
                .replace(',', ".");
            let end = start + value[start..i].trim_end_matches([',', '.']).len();
            if let Ok(number) = text.parse::<f64>() {
                out.push((number, &value[end..]));
            }
        } else {
            i += 1;
        }
    }
    out.into_iter()
}

/// A date or date format in `value` must be day-month-year; at least one must be there.
pub(crate) fn date_problem(value: &str) -> Option<Problem> {
    let triples = date_triples(value);
    if triples.is_empty() {
        return Some(Problem::DateMissing);
    }
    if triples.iter().all(day_month_year) {
        None
    } else {
        Some(Problem::DateOrder)
    }
}

/// Runs of three alphanumeric parts joined by one of `-` `/` `.` ("15-10-2026", "dd/mm/yy",
/// "2026-10-15").
fn date_triples(value: &str) -> Vec<[String; 3]> {
    let lower = value.to_lowercase();
    let mut out = Vec::new();
    let tokens: Vec<(String, Option<char>)> = {
        let mut tokens = Vec::new();
        let mut current = String::new();
        for c in lower.chars() {
            if c.is_alphanumeric() {
                current.push(c);
            } else {
                if !current.is_empty() {
                    let sep = matches!(c, '-' | '/' | '.').then_some(c);
                    tokens.push((std::mem::take(&mut current), sep));
                }
                if !matches!(c, '-' | '/' | '.') {
                    // A space or other mark ends a run: record a break.
                    tokens.push((String::new(), None));
                }
            }
        }
        if !current.is_empty() {
            tokens.push((current, None));
        }
        tokens
    };
    let mut i = 0;
    while i + 2 < tokens.len() {
        let (a, s1) = &tokens[i];
        let (b, s2) = &tokens[i + 1];
        let (c, _) = &tokens[i + 2];
        if !a.is_empty() && !b.is_empty() && !c.is_empty() && s1.is_some() && s1 == s2 {
            out.push([a.clone(), b.clone(), c.clone()]);
            i += 3;
        } else {
            i += 1;
        }
    }
    out
}

fn day_month_year([d, m, y]: &[String; 3]) -> bool {
    let format = matches!(d.as_str(), "dd" | "ngày" | "ngay")
        && matches!(m.as_str(), "mm" | "tháng" | "thang")
        && matches!(y.as_str(), "yy" | "yyyy" | "năm" | "nam");
    let date = || {
        let day: u32 = d.parse().ok()?;
        let month: u32 = m.parse().ok()?;
        let year_ok = (y.len() == 2 || y.len() == 4) && y.bytes().all(|b| b.is_ascii_digit());
        ((1..=31).contains(&day)
            && d.len() <= 2
            && (1..=12).contains(&month)
            && m.len() <= 2
            && year_ok)
            .then_some(())
    };
    format || date().is_some()
}
