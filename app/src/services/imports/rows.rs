//! A sheet's rows read into what they say about a subject, its product and the product's
//! certificate, each cell through `domain::import::cells` and each place through the
//! administrative-unit history. Blank rows, section headings ("I. Huyện Chi Lăng") and the
//! totals row at the bottom are skipped.
use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};

use crate::domain::import::cells::{self, Cell};
use crate::domain::import::headers::Field;
use crate::domain::import::places::{self, Unit};
use crate::domain::import::problem::{MAX_CELL_CHARS, Note, Problem};
use crate::domain::text::fold;
use crate::models::imports::CellProblem;

use super::workbook::Sheet;

/// Master data a row is read against.
pub struct Lookups {
    pub units: Vec<Unit>,
    /// Product groups: (id, code, folded name).
    pub groups: Vec<(i32, String, String)>,
    pub today: NaiveDate,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SubjectPart {
    pub name: String,
    pub kind: Option<&'static str>,
    pub address: Option<String>,
    pub commune_code: Option<String>,
    pub tax_code: Option<String>,
    pub phone: Option<String>,
    pub representative: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProductPart {
    pub name: String,
    pub group_id: Option<i32>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CertificatePart {
    pub stars: u8,
    pub decided: NaiveDate,
    pub decision_number: String,
    pub number: Option<String>,
    pub score: Option<u32>,
}

/// One row as read, before it is matched against the database.
#[derive(Clone, Debug, PartialEq)]
pub struct RowData {
    pub sheet: String,
    pub row: u32,
    pub skipped: bool,
    /// Header → text, as the row had it (kept with what it created).
    pub said: BTreeMap<String, String>,
    pub subject: Option<SubjectPart>,
    pub product: Option<ProductPart>,
    pub certificate: Option<CertificatePart>,
    pub problems: Vec<CellProblem>,
    pub notes: Vec<Note>,
}

/// The rows of `sheet` below its header row (`header` is its index in `sheet.rows`), read
/// with `fields` (one per column).
pub fn read_rows(
    sheet: &Sheet,
    header: usize,
    headers: &[String],
    fields: &[Option<Field>],
    lookups: &Lookups,
) -> Vec<RowData> {
    let column: HashMap<Field, usize> = fields
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.map(|f| (f, i)))
        .collect();
    sheet
        .rows
        .iter()
        .skip(header + 1)
        .map(|(n, cells)| read_row(&sheet.name, *n, cells, headers, &column, lookups))
        .collect()
}

struct Reader<'a> {
    cells: &'a [Cell],
    headers: &'a [String],
    column: &'a HashMap<Field, usize>,
    problems: Vec<CellProblem>,
}

impl Reader<'_> {
    fn cell(&self, field: Field) -> &Cell {
        self.column
            .get(&field)
            .and_then(|i| self.cells.get(*i))
            .unwrap_or(&Cell::Empty)
    }

    fn header(&self, field: Field) -> String {
        self.column
            .get(&field)
            .and_then(|i| self.headers.get(*i))
            .cloned()
            .unwrap_or_else(|| field.header(false).to_owned())
    }

    fn problem(&mut self, field: Field, problem: Problem) {
        let column = self.header(field);
        self.problems.push(CellProblem { column, problem });
    }

    /// A cell through `parse`; a problem is noted and read as blank.
    fn get<T>(
        &mut self,
        field: Field,
        parse: impl Fn(&Cell) -> Result<Option<T>, Problem>,
    ) -> Option<T> {
        match parse(self.cell(field)) {
            Ok(value) => value,
            Err(problem) => {
                self.problem(field, problem);
                None
            }
        }
    }

    /// A cell's text within what its column in the database holds.
    fn text(&mut self, field: Field) -> Option<String> {
        let max = match field {
            Field::SubjectName | Field::ProductName => 300,
            Field::Representative => 200,
            Field::DecisionNumber | Field::CertificateNumber => 64,
            _ => MAX_CELL_CHARS,
        };
        self.get(field, |cell| match cells::text(cell)? {
            Some(t) if t.chars().count() > max => Err(Problem::TooLong(max)),
            t => Ok(t),
        })
    }
}

/// Blank rows, section headings (a name or a numeral alone: "I. Huyện Chi Lăng") and totals
/// rows ("Tổng cộng") are not data.
fn is_skipped(cells: &[Cell], column: &HashMap<Field, usize>) -> bool {
    let filled: Vec<String> = cells
        .iter()
        .map(Cell::text)
        .filter(|t| !t.is_empty())
        .collect();
    let totals = filled.iter().any(|t| {
        let f = fold(t);
        matches!(f.as_str(), "tong" | "cong" | "tong cong" | "total")
            || f.starts_with("tong cong ")
            || f.starts_with("tong so ")
    });
    let details = column
        .iter()
        .filter(|(f, _)| **f != Field::ProductName)
        .filter_map(|(_, i)| cells.get(*i))
        .any(|c| !c.is_blank());
    filled.len() <= 1 || totals || !details
}

fn read_row(
    sheet: &str,
    n: u32,
    cells: &[Cell],
    headers: &[String],
    column: &HashMap<Field, usize>,
    lookups: &Lookups,
) -> RowData {
    // What the row said, kept with what it creates: each value cut at 200 characters and the
    // whole at about 2,000, however wide the sheet.
    let mut said = BTreeMap::new();
    let mut room = 2_000usize;
    for (h, c) in headers.iter().zip(cells) {
        if h.is_empty() || c.is_blank() || room == 0 {
            continue;
        }
        let value: String = c.text().chars().take(200.min(room)).collect();
        room = room.saturating_sub(value.chars().count() + h.chars().count());
        said.insert(h.clone(), value);
    }
    let mut row = RowData {
        sheet: sheet.to_owned(),
        row: n,
        skipped: is_skipped(cells, column),
        said,
        subject: None,
        product: None,
        certificate: None,
        problems: Vec::new(),
        notes: Vec::new(),
    };
    if row.skipped {
        return row;
    }
    let mut r = Reader {
        cells,
        headers,
        column,
        problems: Vec::new(),
    };
    let product_name = r.text(Field::ProductName);
    let subject_name = r.text(Field::SubjectName);
    if product_name.is_none() && subject_name.is_none() && r.problems.is_empty() {
        r.problem(Field::ProductName, Problem::Missing);
    }
    row.subject = subject(&mut r, subject_name, lookups, &mut row.notes);
    if let Some(name) = product_name {
        if row.subject.is_none()
            && !r
                .problems
                .iter()
                .any(|p| p.column == r.header(Field::SubjectName))
        {
            r.problem(Field::SubjectName, Problem::Missing);
        }
        let group = r.text(Field::Group);
        let group_id = group
            .as_deref()
            .and_then(|g| find_group(&lookups.groups, g));
        if let (Some(g), None) = (&group, group_id) {
            r.problem(Field::Group, Problem::UnknownGroup(g.clone()));
        }
        let note = r.text(Field::Note);
        row.product = Some(ProductPart {
            name,
            group_id,
            note,
        });
        row.certificate = certificate(&mut r, lookups, &mut row.notes);
    }
    row.problems = r.problems;
    row
}

fn subject(
    r: &mut Reader<'_>,
    name: Option<String>,
    lookups: &Lookups,
    notes: &mut Vec<Note>,
) -> Option<SubjectPart> {
    let name = name?;
    let kind_text = r.text(Field::SubjectType);
    let kind = match &kind_text {
        Some(t) => {
            let kind = cells::subject_type(t);
            if kind.is_none() {
                r.problem(Field::SubjectType, Problem::SubjectType(t.clone()));
            }
            kind
        }
        None => {
            let kind = cells::subject_type(&name);
            if let Some(k) = kind {
                notes.push(Note::TypeFromName(k.to_owned()));
            }
            kind
        }
    };
    let address = r.text(Field::Address);
    let (mut commune, mut district) = (r.text(Field::Commune), r.text(Field::District));
    if commune.is_none()
        && let Some(a) = &address
    {
        let (c, d) = places::from_address(a);
        commune = c;
        district = district.or(d);
    }
    let commune_code = match (&commune, &district) {
        (None, None) => None,
        (c, d) => {
            let (c, d) = (c.clone().unwrap_or_default(), d.clone().unwrap_or_default());
            match places::place(&lookups.units, &c, &d) {
                Ok(placed) => {
                    notes.extend(placed.note);
                    Some(placed.code)
                }
                Err(problem) => {
                    let field = match &problem {
                        Problem::UnknownPlace(v) if fold(v) == fold(&d) => Field::District,
                        _ => Field::Commune,
                    };
                    r.problem(field, problem);
                    None
                }
            }
        }
    };
    let tax_code = r.get(Field::TaxCode, cells::tax_code);
    let phone = r.text(Field::Phone).and_then(|p| {
        let normal = crate::domain::contact::normalize_phone(&p);
        if normal.is_none() {
            notes.push(Note::PhoneIgnored(p));
        }
        normal
    });
    let representative = r.text(Field::Representative);
    Some(SubjectPart {
        name,
        kind,
        address,
        commune_code,
        tax_code,
        phone,
        representative,
    })
}

fn certificate(
    r: &mut Reader<'_>,
    lookups: &Lookups,
    notes: &mut Vec<Note>,
) -> Option<CertificatePart> {
    let stars = r.get(Field::Stars, cells::stars);
    let date = r.get(Field::DecisionDate, cells::date);
    let this_year = lookups.today.year();
    let year = r.get(Field::Year, |c| cells::year(c, this_year));
    let decision_number = r.text(Field::DecisionNumber);
    let number = r.text(Field::CertificateNumber);
    let score = r.get(Field::Score, cells::score);
    // Only a year: the decision is taken as dated 31 December (today, for this year's).
    let decided = match (date, year) {
        (Some(d), _) if !d.year_only => Some(d.day),
        (Some(d), _) => {
            notes.push(Note::YearOnly(d.day.year()));
            Some(d.day.min(lookups.today))
        }
        (None, Some(y)) => {
            notes.push(Note::YearOnly(y));
            NaiveDate::from_ymd_opt(y, 12, 31).map(|d| d.min(lookups.today))
        }
        (None, None) => None,
    };
    let Some(stars) = stars else {
        let stars_said = r
            .problems
            .iter()
            .any(|p| p.column == r.header(Field::Stars));
        if (decided.is_some() || decision_number.is_some()) && !stars_said {
            r.problem(Field::Stars, Problem::Missing);
        }
        return None;
    };
    let Some(decided) = decided else {
        // A date that could not be read is already said.
        let date_said = r
            .problems
            .iter()
            .any(|p| p.column == r.header(Field::DecisionDate));
        if !date_said {
            r.problem(Field::DecisionDate, Problem::DecisionMissing);
        }
        return None;
    };
    if decided > lookups.today {
        r.problem(
            Field::DecisionDate,
            Problem::FutureDate(decided.format("%d/%m/%Y").to_string()),
        );
        return None;
    }
    if stars == 5 {
        notes.push(Note::NationalStars);
    }
    Some(CertificatePart {
        stars,
        decided,
        decision_number: decision_number.unwrap_or_default(),
        number: number.map(|n| n.replace('/', "-")),
        score,
    })
}

/// A group by code ("I.1.a", any case) or by name (diacritics ignored).
pub fn find_group(groups: &[(i32, String, String)], text: &str) -> Option<i32> {
    let code = text.trim().to_uppercase().replace(' ', "");
    let folded = fold(text);
    groups
        .iter()
        .find(|(_, c, _)| c.to_uppercase() == code)
        .or_else(|| groups.iter().find(|(_, _, name)| *name == folded))
        .map(|(id, _, _)| *id)
}
