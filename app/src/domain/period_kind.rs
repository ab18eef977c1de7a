//! The kinds of report period: the communes' half-year and annual reports, the Department's
//! nine-month report, and the province's own ad hoc reports and multi-year reviews.
use serde::{Deserialize, Serialize};

/// Which report a period is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PeriodKind {
    /// 1 January – 30 June, due 25 June (communes).
    HalfYear,
    /// 1 January – 30 September (the Department's own report to the Province).
    NineMonth,
    /// The calendar year, due 30 November.
    Annual,
    /// The province's own report for a period and title it chooses (stored "adhoc_<n>").
    AdHoc,
    /// A review of several years (the 2021–2025 review), figures per year side by side
    /// (stored "review_<n>").
    Review,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 5] = [
        PeriodKind::HalfYear,
        PeriodKind::NineMonth,
        PeriodKind::Annual,
        PeriodKind::AdHoc,
        PeriodKind::Review,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::HalfYear => "half_year",
            PeriodKind::NineMonth => "nine_month",
            PeriodKind::Annual => "annual",
            PeriodKind::AdHoc => "adhoc",
            PeriodKind::Review => "review",
        }
    }

    /// Whether each period of this kind is made by the province with its own title (several a
    /// year: its stored kind carries a serial number).
    pub fn titled(self) -> bool {
        matches!(self, PeriodKind::AdHoc | PeriodKind::Review)
    }

    /// The kind of a stored value: "annual", or "adhoc_3" for the third ad hoc period.
    pub fn parse(value: &str) -> Option<PeriodKind> {
        let (base, serial) = match value.split_once('_') {
            Some((base, n)) if n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() => {
                (base, true)
            }
            _ => (value, false),
        };
        // A titled kind always carries its serial number; the others never do.
        PeriodKind::ALL
            .into_iter()
            .find(|k| k.as_str() == base && k.titled() == serial)
    }

    pub fn name_vi(self) -> &'static str {
        match self {
            PeriodKind::HalfYear => "6 tháng đầu năm",
            PeriodKind::NineMonth => "9 tháng",
            PeriodKind::Annual => "năm",
            PeriodKind::AdHoc => "đột xuất",
            PeriodKind::Review => "tổng kết giai đoạn",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            PeriodKind::HalfYear => "first half-year",
            PeriodKind::NineMonth => "nine months",
            PeriodKind::Annual => "year",
            PeriodKind::AdHoc => "ad hoc",
            PeriodKind::Review => "multi-year review",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titled_kinds_carry_a_serial_number_the_others_none() {
        assert_eq!(PeriodKind::parse("annual"), Some(PeriodKind::Annual));
        assert_eq!(PeriodKind::parse("half_year"), Some(PeriodKind::HalfYear));
        assert_eq!(PeriodKind::parse("adhoc_3"), Some(PeriodKind::AdHoc));
        assert_eq!(PeriodKind::parse("review_12"), Some(PeriodKind::Review));
        assert_eq!(PeriodKind::parse("annual_3"), None);
        assert_eq!(PeriodKind::parse("adhoc_x"), None);
        assert_eq!(PeriodKind::parse("adhoc_"), None);
        assert_eq!(PeriodKind::parse(""), None);
        assert_eq!(PeriodKind::parse("adhoc"), None);
    }
}
