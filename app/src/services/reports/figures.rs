//! A report's figures: the facts of its locality counted over its window and the same window a
//! year earlier, laid out as the tables every rendering shares (page, XLSX, PDF).
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::domain::report::{
    CertKind, CertTally, Window, progress_percent, tally_certificates, tally_received,
    tally_subjects,
};
use crate::domain::trade_event::{TradeTally, tally_trade};
use crate::models::reports::periodic::{FigureRow, FigureTable, ReportFigures, TargetLine, Text};
use crate::services::reports::facts::Facts;

/// The year's targets for the report's locality.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Targets {
    pub new_3star: Option<i64>,
    pub national: Option<i64>,
}

/// Names for the codes the tables list: product groups and the units of the province's table.
#[derive(Clone, Debug, Default)]
pub struct Names {
    pub groups: HashMap<String, Text>,
    /// The rows of the province's table by unit: (code, name) of the units in force at the
    /// window's end.
    pub communes: Vec<(String, String)>,
    /// The unit each commune's records count under (`services::reports::unit_layout`).
    pub unit_of: HashMap<String, String>,
    /// Whether those units are the districts (a window that ended before 1 July 2025).
    pub districts: bool,
    /// Said under the figures when the units changed within the window.
    pub unit_note: Option<Text>,
}

pub fn subject_type_name(code: &str) -> Text {
    match code {
        "DN" => Text::new("Doanh nghiệp", "Enterprises"),
        "HTX" => Text::new("Hợp tác xã", "Cooperatives"),
        "THT" => Text::new("Tổ hợp tác", "Cooperative groups"),
        "HO" => Text::new("Hộ sản xuất, kinh doanh", "Household businesses"),
        other => Text::new(other, other),
    }
}

fn state_name(code: &str) -> Text {
    match code {
        "submitted" => Text::new("Đã nộp, chờ xử lý", "Submitted, waiting"),
        "accepted" => Text::new("Đã chấp nhận", "Accepted"),
        "declined" => Text::new("Không chấp nhận", "Declined"),
        other => match crate::domain::dossier::DossierState::parse(other) {
            Some(state) => Text::new(state.label().0, state.label().1),
            None => Text::new(other, other),
        },
    }
}

fn now_and_before() -> Vec<Text> {
    vec![
        Text::new("Kỳ này", "This period"),
        Text::new("Cùng kỳ năm trước", "Same period last year"),
    ]
}

fn row(key: impl Into<String>, label: Text, values: Vec<i64>) -> FigureRow {
    FigureRow {
        key: key.into(),
        label,
        values,
    }
}

fn total_row(rows: &[FigureRow]) -> FigureRow {
    let width = rows.first().map_or(0, |r| r.values.len());
    let values = (0..width)
        .map(|i| rows.iter().map(|r| r.values[i]).sum())
        .collect();
    row("total", Text::new("Tổng cộng", "Total"), values)
}

/// A breakdown (current and last year) with a row per key present in either, then the total.
fn breakdown(
    key: &str,
    title: Text,
    now: &BTreeMap<String, i64>,
    before: &BTreeMap<String, i64>,
    name: impl Fn(&str) -> Text,
) -> FigureTable {
    let keys: BTreeSet<&String> = now.keys().chain(before.keys()).collect();
    let mut rows: Vec<FigureRow> = keys
        .into_iter()
        .map(|k| {
            let v = |m: &BTreeMap<String, i64>| m.get(k).copied().unwrap_or(0);
            row(k.clone(), name(k), vec![v(now), v(before)])
        })
        .collect();
    rows.push(total_row(&rows));
    FigureTable {
        key: key.to_owned(),
        title,
        columns: now_and_before(),
        rows,
    }
}

fn certified_table(now: &CertTally, before: &CertTally) -> FigureTable {
    let stars: BTreeSet<i16> = (3..=5)
        .chain(now.by_stars_kind.keys().map(|(s, _)| *s))
        .chain(before.by_stars_kind.keys().map(|(s, _)| *s))
        .collect();
    let mut rows: Vec<FigureRow> = stars
        .into_iter()
        .map(|s| {
            let count =
                |t: &CertTally, k: CertKind| t.by_stars_kind.get(&(s, k)).copied().unwrap_or(0);
            let kinds: Vec<i64> = CertKind::ALL.iter().map(|k| count(now, *k)).collect();
            let total: i64 = kinds.iter().sum();
            let last: i64 = CertKind::ALL.iter().map(|k| count(before, *k)).sum();
            let mut values = kinds;
            values.extend([total, last]);
            row(
                format!("{s}"),
                Text::new(format!("{s} sao"), format!("{s} stars")),
                values,
            )
        })
        .collect();
    rows.push(total_row(&rows));
    FigureTable {
        key: "certified".into(),
        title: Text::new(
            "Sản phẩm được công nhận theo hạng sao",
            "Products certified, by stars",
        ),
        columns: vec![
            Text::new("Mới", "New"),
            Text::new("Công nhận lại", "Re-recognised"),
            Text::new("Nâng hạng", "Upgraded"),
            Text::new("Tổng", "Total"),
            Text::new("Cùng kỳ năm trước", "Same period last year"),
        ],
        rows,
    }
}

fn received_table(
    key: &str,
    title: Text,
    list: &[crate::domain::report::Received],
    now: Window,
    before: Window,
) -> FigureTable {
    let (n, by_now) = tally_received(list, now);
    let (b, by_before) = tally_received(list, before);
    let mut table = breakdown(key, title, &by_now, &by_before, state_name);
    if let Some(last) = table.rows.last_mut() {
        // The total of a received list is the number received.
        last.label = Text::new("Tổng số tiếp nhận", "Received in total");
        last.values = vec![n, b];
    }
    table
}

/// Sales in millions of đồng, rounded: how reports write money.
fn millions(vnd: i64) -> i64 {
    vnd.saturating_add(500_000) / 1_000_000
}

fn trade_table(now: TradeTally, before: TradeTally) -> FigureTable {
    let pair = |f: fn(&TradeTally) -> i64| vec![f(&now), f(&before)];
    FigureTable {
        key: "trade".into(),
        title: Text::new(
            "Xúc tiến thương mại (sự kiện bắt đầu trong kỳ)",
            "Trade promotion (events that started in the period)",
        ),
        columns: now_and_before(),
        rows: vec![
            row(
                "events",
                Text::new(
                    "Sự kiện có sản phẩm OCOP tham gia",
                    "Events with OCOP products taking part",
                ),
                pair(|t| t.events),
            ),
            row(
                "products",
                Text::new("Sản phẩm OCOP tham gia", "OCOP products taking part"),
                pair(|t| t.products),
            ),
            row(
                "participations",
                Text::new("Lượt sản phẩm tham gia", "Places taken by products"),
                pair(|t| t.participations),
            ),
            row(
                "sales",
                Text::new(
                    "Doanh thu tại sự kiện (triệu đồng)",
                    "Sales at the events (million đồng)",
                ),
                pair(|t| millions(t.sales_vnd)),
            ),
            row(
                "contracts",
                Text::new("Hợp đồng đã ký", "Contracts signed"),
                pair(|t| t.contracts),
            ),
        ],
    }
}

/// Progress towards the year's targets, from the certificates of 1 January to the window's end.
fn target_lines(year: &CertTally, targets: Targets) -> Vec<TargetLine> {
    vec![
        TargetLine {
            key: "new_3star".into(),
            label: Text::new(
                "Sản phẩm mới đạt 3 sao trở lên trong năm",
                "New products of 3 stars or more this year",
            ),
            target: targets.new_3star,
            achieved: year.new_3star,
            percent: progress_percent(year.new_3star, targets.new_3star),
        },
        TargetLine {
            key: "national".into(),
            label: Text::new(
                "Hồ sơ đề xuất đánh giá 5 sao trong năm",
                "Dossiers proposed for 5 stars this year",
            ),
            target: targets.national,
            achieved: year.national,
            percent: progress_percent(year.national, targets.national),
        },
    ]
}

/// Counts `facts` over `window` (and a year earlier) seen on `today`.
pub fn compute(
    facts: &Facts,
    window: Window,
    today: NaiveDate,
    targets: Targets,
    names: &Names,
    with_communes: bool,
) -> ReportFigures {
    let before = window.year_before();
    let certs = facts.cert_facts();
    let now_t = tally_certificates(&certs, window, today);
    let before_t = tally_certificates(&certs, before, today);
    let group_name = |code: &str| {
        names
            .groups
            .get(code)
            .map(|t| Text::new(format!("{code} {}", t.vi), format!("{code} {}", t.en)))
            .unwrap_or_else(|| Text::new(code, code))
    };
    let mut tables = vec![
        certified_table(&now_t, &before_t),
        breakdown(
            "groups",
            Text::new(
                "Sản phẩm được công nhận theo nhóm",
                "Products certified, by group",
            ),
            &now_t.by_group,
            &before_t.by_group,
            group_name,
        ),
        breakdown(
            "subgroups",
            Text::new("Theo phân nhóm", "By sub-group"),
            &now_t.by_subgroup,
            &before_t.by_subgroup,
            group_name,
        ),
        breakdown(
            "subject_types",
            Text::new("Theo loại hình chủ thể", "By kind of producer"),
            &now_t.by_subject_type,
            &before_t.by_subject_type,
            subject_type_name,
        ),
        FigureTable {
            key: "certificates".into(),
            title: Text::new("Giấy chứng nhận", "Certificates"),
            columns: now_and_before(),
            rows: vec![
                row(
                    "valid",
                    Text::new("Còn hiệu lực cuối kỳ", "Valid at the period's end"),
                    vec![now_t.valid_at_end, before_t.valid_at_end],
                ),
                row(
                    "expired",
                    Text::new("Hết hiệu lực trong kỳ", "Expired in the period"),
                    vec![now_t.expired, before_t.expired],
                ),
                row(
                    "revoked",
                    Text::new("Bị thu hồi trong kỳ", "Revoked in the period"),
                    vec![now_t.revoked, before_t.revoked],
                ),
                row(
                    "national",
                    Text::new("Đề xuất đánh giá 5 sao", "Proposed for 5 stars"),
                    vec![now_t.national, before_t.national],
                ),
            ],
        },
        received_table(
            "ideas",
            Text::new("Ý tưởng sản phẩm", "Product ideas"),
            &Facts::received(&facts.ideas),
            window,
            before,
        ),
        received_table(
            "dossiers",
            Text::new(
                "Hồ sơ sản phẩm (tình trạng hiện nay)",
                "Product dossiers (state today)",
            ),
            &Facts::received(&facts.dossiers),
            window,
            before,
        ),
    ];
    let subjects = facts.subject_dates();
    let (types_now, new_now) = tally_subjects(&subjects, window);
    let (types_before, new_before) = tally_subjects(&subjects, before);
    let mut subject_table = breakdown(
        "subjects",
        Text::new(
            "Chủ thể OCOP (lũy kế cuối kỳ)",
            "OCOP producers (at the period's end)",
        ),
        &types_now,
        &types_before,
        subject_type_name,
    );
    subject_table.rows.push(row(
        "new",
        Text::new(
            "Trong đó đăng ký mới trong kỳ",
            "Of which registered in the period",
        ),
        vec![new_now, new_before],
    ));
    tables.push(subject_table);
    let trade = facts.trade_facts();
    tables.push(trade_table(
        tally_trade(&trade, window),
        tally_trade(&trade, before),
    ));
    if with_communes {
        tables.push(communes_table(facts, window, today, names));
    }
    let targets = target_lines(
        &tally_certificates(&certs, window.year_to_date(), today),
        targets,
    );
    ReportFigures {
        window: (window.start.to_string(), window.end.to_string()),
        previous: (before.start.to_string(), before.end.to_string()),
        computed_on: today.to_string(),
        tables,
        targets,
        unit_note: with_communes.then(|| names.unit_note.clone()).flatten(),
    }
}

/// A review's figures year by year: a column for each calendar year of the window (cut to
/// it), then the whole window.
pub fn by_year_table(facts: &Facts, window: Window, today: NaiveDate) -> FigureTable {
    use chrono::Datelike;
    let mut windows: Vec<(Text, Window)> = (window.start.year()..=window.end.year())
        .filter_map(|y| {
            let start = NaiveDate::from_ymd_opt(y, 1, 1)?.max(window.start);
            let end = NaiveDate::from_ymd_opt(y, 12, 31)?.min(window.end);
            Some((
                Text::new(y.to_string(), y.to_string()),
                Window { start, end },
            ))
        })
        .collect();
    windows.push((Text::new("Cả giai đoạn", "Whole period"), window));
    let certs = facts.cert_facts();
    let tallies: Vec<CertTally> = windows
        .iter()
        .map(|(_, w)| tally_certificates(&certs, *w, today))
        .collect();
    let dossiers = Facts::received(&facts.dossiers);
    let ideas = Facts::received(&facts.ideas);
    let subjects = facts.subject_dates();
    let trade = facts.trade_facts();
    let of_stars = |t: &CertTally, stars: i16| -> i64 {
        t.by_stars_kind
            .iter()
            .filter(|((s, _), _)| *s == stars)
            .map(|(_, n)| n)
            .sum()
    };
    let per_tally = |key: &str, label: Text, f: &dyn Fn(&CertTally) -> i64| {
        row(key, label, tallies.iter().map(f).collect())
    };
    let per_window = |key: &str, label: Text, f: &dyn Fn(Window) -> i64| {
        row(key, label, windows.iter().map(|(_, w)| f(*w)).collect())
    };
    let rows = vec![
        per_tally(
            "certified",
            Text::new("Sản phẩm được công nhận", "Products certified"),
            &|t| t.certified,
        ),
        per_tally("3", Text::new("— đạt 3 sao", "— 3 stars"), &|t| {
            of_stars(t, 3)
        }),
        per_tally("4", Text::new("— đạt 4 sao", "— 4 stars"), &|t| {
            of_stars(t, 4)
        }),
        per_tally("5", Text::new("— đạt 5 sao", "— 5 stars"), &|t| {
            of_stars(t, 5)
        }),
        per_tally(
            "new_3star",
            Text::new(
                "Sản phẩm mới đạt 3 sao trở lên",
                "New products of 3★ or more",
            ),
            &|t| t.new_3star,
        ),
        per_tally(
            "national",
            Text::new("Đề nghị Trung ương đánh giá 5 sao", "Put forward for 5★"),
            &|t| t.national,
        ),
        per_tally(
            "valid",
            Text::new("Còn hiệu lực cuối kỳ", "Valid at the end"),
            &|t| t.valid_at_end,
        ),
        per_window(
            "dossiers",
            Text::new("Hồ sơ tiếp nhận", "Dossiers received"),
            &|w| tally_received(&dossiers, w).0,
        ),
        per_window(
            "ideas",
            Text::new("Ý tưởng sản phẩm", "Product ideas"),
            &|w| tally_received(&ideas, w).0,
        ),
        per_window(
            "subjects",
            Text::new("Chủ thể mới", "New producers"),
            &|w| tally_subjects(&subjects, w).1,
        ),
        per_window(
            "trade_products",
            Text::new(
                "Sản phẩm tham gia xúc tiến thương mại",
                "Products in trade promotion",
            ),
            &|w| tally_trade(&trade, w).products,
        ),
    ];
    FigureTable {
        key: "by_year".into(),
        title: Text::new("Kết quả từng năm trong giai đoạn", "Year by year"),
        columns: windows.into_iter().map(|(label, _)| label).collect(),
        rows,
    }
}

/// The province's report: each unit's certified, valid and received counts — the communes,
/// or the districts of a window before 1 July 2025.
fn communes_table(facts: &Facts, window: Window, today: NaiveDate, names: &Names) -> FigureTable {
    let by_commune = facts.by_unit(&names.unit_of);
    let empty = Facts::default();
    let values = |own: &Facts| {
        let t = tally_certificates(&own.cert_facts(), window, today);
        let (dossiers, _) = tally_received(&Facts::received(&own.dossiers), window);
        let trade = tally_trade(&own.trade_facts(), window);
        vec![t.certified, t.valid_at_end, dossiers, trade.products]
    };
    let mut rows: Vec<FigureRow> = names
        .communes
        .iter()
        .map(|(code, name)| {
            let own = by_commune.get(code).unwrap_or(&empty);
            row(
                code.clone(),
                Text::new(name.clone(), name.clone()),
                values(own),
            )
        })
        .collect();
    // Records of a unit that leads to none of the rows (a unit added without its history):
    // one row of their own, so the total still counts every record.
    let mut unplaced = vec![0; 4];
    for (code, own) in &by_commune {
        if !names.communes.iter().any(|(c, _)| c == code) {
            for (sum, v) in unplaced.iter_mut().zip(values(own)) {
                *sum += v;
            }
        }
    }
    if unplaced.iter().any(|v| *v > 0) {
        rows.push(row(
            "unplaced",
            Text::new("Đơn vị chưa xác định", "Unit not known"),
            unplaced,
        ));
    }
    rows.push(total_row(&rows));
    FigureTable {
        key: "communes".into(),
        title: if names.districts {
            Text::new(
                "Tổng hợp theo huyện, thành phố (đơn vị hành chính của kỳ báo cáo)",
                "By district (the administrative units of the period)",
            )
        } else {
            Text::new("Tổng hợp theo xã, phường", "By commune")
        },
        columns: vec![
            Text::new("Công nhận trong kỳ", "Certified in the period"),
            Text::new("Còn hiệu lực cuối kỳ", "Valid at the end"),
            Text::new("Hồ sơ tiếp nhận", "Dossiers received"),
            Text::new("Sản phẩm tham gia XTTM", "Products in trade promotion"),
        ],
        rows,
    }
}
