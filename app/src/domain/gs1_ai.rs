//! GS1 Application Identifiers (AIs) as a Digital Link carries them: which AIs exist, what
//! part each plays (a primary key, a key qualifier, or a data attribute), and whether a value
//! has the AI's format. Formats are written as GS1's Barcode Syntax Dictionary writes them:
//! components one after another, `N6` six digits, `N..8` one to eight digits, `X..20` one to
//! twenty characters of character set 82, `[…]` an optional component, and after a comma a
//! check (`csum` a GS1 check digit; `yymmdd` a real date; `yymmd0` a date whose day may be 00
//! when only the month is known; `hhmm` a time of day; `yymmddhh` a date and hour). Pure.

/// What an AI is in a Digital Link: keys and their qualifiers belong in the path, data
/// attributes in the query string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    PrimaryKey,
    Qualifier,
    Attribute,
}

/// One AI: its format and its part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ai {
    pub format: &'static str,
    pub role: Role,
}

use Role::{Attribute as A, PrimaryKey as K, Qualifier as Q};

/// The AIs with a fixed code (families with a digit for decimals are in `lookup`).
const TABLE: &[(&str, &str, Role)] = &[
    ("00", "N18,csum", K),
    ("01", "N14,csum", K),
    ("02", "N14,csum", A),
    ("10", "X..20", Q),
    ("11", "N6,yymmd0", A),
    ("12", "N6,yymmd0", A),
    ("13", "N6,yymmd0", A),
    ("15", "N6,yymmd0", A),
    ("16", "N6,yymmd0", A),
    ("17", "N6,yymmd0", A),
    ("20", "N2", A),
    ("21", "X..20", Q),
    ("22", "X..20", Q),
    ("235", "X..28", Q),
    ("240", "X..30", A),
    ("241", "X..30", A),
    ("242", "N..6", A),
    ("243", "X..20", A),
    ("250", "X..30", A),
    ("251", "X..30", A),
    ("253", "N13,csum [X..17]", K),
    ("254", "X..20", Q),
    ("255", "N13,csum [N..12]", K),
    ("30", "N..8", A),
    ("37", "N..8", A),
    ("400", "X..30", A),
    ("401", "X..30", K),
    ("402", "N17,csum", K),
    ("403", "X..30", A),
    ("410", "N13,csum", A),
    ("411", "N13,csum", A),
    ("412", "N13,csum", A),
    ("413", "N13,csum", A),
    ("414", "N13,csum", K),
    ("415", "N13,csum", K),
    ("416", "N13,csum", A),
    ("417", "N13,csum", K),
    ("420", "X..20", A),
    ("421", "N3 X..9", A),
    ("422", "N3", A),
    ("423", "N3 [N..12]", A),
    ("424", "N3", A),
    ("425", "N3 [N..12]", A),
    ("426", "N3", A),
    ("427", "X..3", A),
    ("4300", "X..35", A),
    ("4301", "X..35", A),
    ("4302", "X..70", A),
    ("4303", "X..70", A),
    ("4304", "X..70", A),
    ("4305", "X..70", A),
    ("4306", "X..70", A),
    ("4307", "X2", A),
    ("4308", "X..30", A),
    ("4309", "N20", A),
    ("4310", "X..35", A),
    ("4311", "X..35", A),
    ("4312", "X..70", A),
    ("4313", "X..70", A),
    ("4314", "X..70", A),
    ("4315", "X..70", A),
    ("4316", "X..70", A),
    ("4317", "X2", A),
    ("4318", "X..20", A),
    ("4319", "X..30", A),
    ("4320", "X..35", A),
    ("4321", "N1", A),
    ("4322", "N1", A),
    ("4323", "N1", A),
    ("4324", "N6,yymmdd N4,hhmm", A),
    ("4325", "N6,yymmdd N4,hhmm", A),
    ("4326", "N6,yymmdd", A),
    ("7001", "N13", A),
    ("7002", "X..30", A),
    ("7003", "N6,yymmdd N4,hhmm", A),
    ("7004", "N..4", A),
    ("7005", "X..12", A),
    ("7006", "N6,yymmdd", A),
    ("7007", "N6,yymmdd [N6,yymmdd]", A),
    ("7008", "X..3", A),
    ("7009", "X..10", A),
    ("7010", "X..2", A),
    ("7020", "X..20", A),
    ("7021", "X..20", A),
    ("7022", "X..20", A),
    ("7023", "X..30", A),
    ("7040", "N1 X3", A),
    ("7240", "X..20", A),
    ("8001", "N14", A),
    ("8002", "X..20", A),
    ("8003", "N14,csum [X..16]", K),
    ("8004", "X..30", K),
    ("8005", "N6", A),
    ("8006", "N14,csum N4", K),
    ("8007", "X..34", A),
    ("8008", "N8,yymmddhh [N..4]", A),
    ("8009", "X..50", A),
    ("8010", "X..30", K),
    ("8011", "N..12", Q),
    ("8012", "X..20", A),
    ("8013", "X..25", K),
    ("8017", "N18,csum", K),
    ("8018", "N18,csum", K),
    ("8019", "N..10", Q),
    ("8020", "X..25", Q),
    ("8026", "N14,csum N4", A),
    ("8110", "X..70", A),
    ("8111", "N4", A),
    ("8112", "X..70", A),
    ("8200", "X..70", A),
    ("90", "X..30", A),
];

/// The AI with this code, if GS1 defines it: in the table, in a family, or one of the open
/// ranges.
pub fn lookup(code: &str) -> Option<Ai> {
    if let Some((_, format, role)) = TABLE.iter().find(|(c, _, _)| *c == code) {
        return Some(Ai {
            format,
            role: *role,
        });
    }
    let format = other(code).or_else(|| family(code))?;
    Some(Ai { format, role: A })
}

/// Four-digit AIs whose last digit counts decimals (trade measures, amounts) or numbers a
/// series (processors, certification references).
fn family(code: &str) -> Option<&'static str> {
    if code.len() != 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let prefix: u16 = code.get(..3)?.parse().ok()?;
    let last = code.as_bytes()[3] - b'0';
    match (prefix, last) {
        (310..=316 | 320..=329 | 330..=337 | 340..=349 | 350..=357 | 360..=369, 0..=5) => {
            Some("N6")
        }
        (390 | 392, _) => Some("N..15"),
        (391 | 393, _) => Some("N3 N..15"),
        (394, 0..=3) => Some("N4"),
        (395, 0..=5) => Some("N6"),
        (703, _) => Some("N3 X..27"),
        (723, _) => Some("X2 X..28"),
        _ => None,
    }
}

/// Two-digit AIs 91–99 (company internal) and three-digit 710–716 (national healthcare
/// reimbursement numbers) are also AIs.
fn other(code: &str) -> Option<&'static str> {
    match code {
        "91" | "92" | "93" | "94" | "95" | "96" | "97" | "98" | "99" => Some("X..90"),
        "710" | "711" | "712" | "713" | "714" | "715" | "716" => Some("X..20"),
        _ => None,
    }
}

/// Whether `value` has the format `format` (see the module's notes).
pub fn valid(format: &str, value: &str) -> bool {
    let mut rest = value;
    for component in format.split(' ') {
        let (optional, component) = match component.strip_prefix('[') {
            Some(inner) => (true, inner.trim_end_matches(']')),
            None => (false, component),
        };
        if optional && rest.is_empty() {
            continue;
        }
        let (spec, check) = component.split_once(',').unwrap_or((component, ""));
        let Some((kind, length)) = spec.split_at_checked(1) else {
            return false;
        };
        let (variable, max) = match length.strip_prefix("..") {
            Some(max) => (true, max),
            None => (false, length),
        };
        let Ok(max) = max.parse::<usize>() else {
            return false;
        };
        let taken = if variable {
            rest.len()
        } else {
            max.min(rest.len())
        };
        let Some((part, after)) = rest.split_at_checked(taken) else {
            return false;
        };
        let length_ok = if variable {
            (1..=max).contains(&part.len())
        } else {
            part.len() == max
        };
        let charset_ok = match kind {
            "N" => part.bytes().all(|b| b.is_ascii_digit()),
            _ => part.bytes().all(is_cs82),
        };
        if !(length_ok && charset_ok && passes(check, part)) {
            return false;
        }
        rest = after;
    }
    rest.is_empty()
}

/// GS1's AI encodable character set 82.
pub fn is_cs82(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!\"%&'()*+,-./:;<=>?_".contains(&b)
}

/// The check named after a component's comma.
fn passes(check: &str, digits: &str) -> bool {
    let number = |range: std::ops::Range<usize>| -> u32 {
        digits.get(range).and_then(|d| d.parse().ok()).unwrap_or(99)
    };
    match check {
        "csum" => digits
            .split_at_checked(digits.len().saturating_sub(1))
            .is_some_and(|(body, last)| {
                !body.is_empty()
                    && last.chars().next().and_then(|c| c.to_digit(10))
                        == Some(u32::from(crate::domain::gtin::check_digit(body)))
            }),
        "yymmdd" => real_date(number(0..2), number(2..4), number(4..6), false),
        "yymmd0" => real_date(number(0..2), number(2..4), number(4..6), true),
        "yymmddhh" => {
            real_date(number(0..2), number(2..4), number(4..6), false) && number(6..8) < 24
        }
        "hhmm" => number(0..2) < 24 && number(2..4) < 60,
        _ => true,
    }
}

/// Whether day `dd` of month `mm` of year `yy` exists (years ending 00 are 2000, a leap year);
/// `day_zero` allows day 00 (the month only).
fn real_date(yy: u32, mm: u32, dd: u32, day_zero: bool) -> bool {
    let days = match mm {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if yy.is_multiple_of(4) => 29,
        2 => 28,
        _ => return false,
    };
    yy < 100 && ((1..=days).contains(&dd) || (day_zero && dd == 0))
}

#[cfg(test)]
pub(crate) mod tests;
