//! The demo's certified history up to two years ago (2019–2024 for a demo made in 2026), as the
//! province kept it before this system: a workbook laid out like a provincial list (a merged
//! title, the province's own header spellings, a heading row per year, stars written "3 sao",
//! dates typed day first) made from the demo's products, then uploaded, previewed and imported
//! through the importer as the provincial officer — so every demo build exercises the
//! importer, and trainers find the batch on `/admin/imports`. Last year's round is decided in
//! the system (`rounds`), as the province's first round run here. Years and days come from the
//! demo's calendar (`calendar`).
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::auth::Actor;
use crate::domain::import::cells::Cell;
use crate::entities::{admin_unit, product, product_group, subject};
use crate::seed::calendar::{DemoCalendar, WRITTEN_IN};
use crate::services::certificates::register::CertificateSettings;
use crate::services::files::store::FileStore;
use crate::services::imports::{self, template};

/// The province's best-known products, evaluated again when their certificates ran out: in
/// the demo they hold the certificate of three years ago — still valid, expiring within weeks,
/// so their producer's next step is the re-evaluation — and their first one is in the
/// history too. A search for "na chi lang" always finds it certified.
const RENEWED: [&str; 1] = ["Na Chi Lăng"];

/// The year the demo certifies a product of the data set in (before `calendar` moves it): a
/// renewed product whose certificate ran out holds that of three years ago.
#[must_use]
pub fn renewed_year(product: &str, year: Option<i16>) -> Option<i16> {
    let renewed = i16::try_from(WRITTEN_IN - 3).ok()?;
    match year {
        // Expired by the demo's today: decided four or more years ago.
        Some(y) if RENEWED.contains(&product) && i32::from(y) + 4 <= WRITTEN_IN => Some(renewed),
        other => other,
    }
}

/// The first and last years the history holds; later certificates come from rounds in the
/// system.
#[must_use]
pub fn imported_years(calendar: DemoCalendar) -> (i32, i32) {
    (calendar.shift(2019), calendar.year() - 2)
}

/// The name the demo's history batch carries on `/admin/imports`.
#[must_use]
pub fn history_file(calendar: DemoCalendar) -> String {
    let (first, last) = imported_years(calendar);
    format!("Danh sách OCOP {first}–{last} (minh họa).xlsx")
}

/// The headers as the province's list spells them (not the template's).
const HEADERS: [&str; 10] = [
    "TT",
    "Tên sản phẩm OCOP",
    "Phân nhóm",
    "Tên chủ thể",
    "Loại hình chủ thể",
    "Xã/phường",
    "Hạng sao",
    "Điểm đánh giá",
    "Số QĐ",
    "Ngày QĐ",
];

/// One certified product in the province's list.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    product: String,
    group: String,
    subject: String,
    kind: &'static str,
    commune: String,
    stars: u8,
    /// Tenths of a point.
    score: u32,
    decision: String,
    decided: NaiveDate,
}

/// The number of the province's decision for a year's round.
#[must_use]
pub fn decision_number(year: i32) -> String {
    format!("{}/QĐ-UBND", 1800 + (year - 2019) * 37)
}

/// A deterministic score within the product's star band, in tenths of a point.
#[must_use]
pub fn score_for(product_id: i32, stars: u8) -> u32 {
    let spread = u32::try_from(product_id.rem_euclid(97)).unwrap_or(0) * 2;
    match stars {
        5 => 900 + spread.min(99),
        4 => 700 + spread.min(189),
        _ => 500 + spread.min(189),
    }
}

fn kind_as_written(subject_type: &str) -> &'static str {
    match subject_type {
        "DN" => "Doanh nghiệp",
        "HTX" => "Hợp tác xã",
        "THT" => "Tổ hợp tác",
        _ => "Hộ kinh doanh",
    }
}

/// The rows of the list, oldest decision first: each product certified up to two years ago,
/// the first 3★ certificate of some 4★ products of the last four years (three years before
/// their 4★), and the first certificate of the renewed products.
async fn rows(db: &DatabaseConnection, calendar: DemoCalendar) -> Result<Vec<Row>, DbErr> {
    let last_imported = calendar.year() - 2;
    let products = product::Entity::find()
        .filter(product::Column::Stars.gte(3))
        .filter(product::Column::CertifiedYear.is_not_null())
        .order_by_asc(product::Column::Id)
        .all(db)
        .await?;
    let subjects: std::collections::HashMap<i32, subject::Model> = subject::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let communes: std::collections::HashMap<String, admin_unit::Model> = admin_unit::Entity::find()
        .filter(admin_unit::Column::Level.eq("commune"))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.code.clone(), u))
        .collect();
    let groups: std::collections::HashMap<i32, String> = product_group::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g.code))
        .collect();
    let mut rows = Vec::new();
    for p in &products {
        let (Some(s), Some(year), Some(stars)) =
            (subjects.get(&p.subject_id), p.certified_year, p.stars)
        else {
            continue;
        };
        let commune = communes
            .get(&s.commune_code)
            .map(|c| format!("{} {}", c.kind, c.name))
            .ok_or_else(|| DbErr::Custom(format!("demo history: no commune for {}", s.name)))?;
        let row = |stars: u8, decision: String, decided: NaiveDate| Row {
            product: p.name.clone(),
            group: groups.get(&p.product_group_id).cloned().unwrap_or_default(),
            subject: s.name.clone(),
            kind: kind_as_written(&s.subject_type),
            commune: commune.clone(),
            stars,
            score: score_for(p.id, stars),
            decision,
            decided,
        };
        let stars = u8::try_from(stars).unwrap_or(0);
        let year = i32::from(year);
        let earlier = year - 3;
        if RENEWED.contains(&p.name.as_str()) {
            rows.push(row(
                stars,
                decision_number(earlier),
                calendar.decision_day(earlier),
            ));
        } else if stars == 4 && year > last_imported - 3 && p.id % 5 == 0 {
            rows.push(row(
                3,
                format!("{}/QĐ-UBND", 100 + p.id),
                calendar.decision_day(earlier),
            ));
        }
        if year <= last_imported {
            rows.push(row(
                stars,
                decision_number(year),
                calendar.decision_day(year),
            ));
        }
    }
    rows.sort_by_key(|r| r.decided);
    Ok(rows)
}

/// The workbook: a merged title, the header, then each year's heading and its rows.
fn workbook(rows: &[Row], calendar: DemoCalendar) -> Result<Vec<u8>, DbErr> {
    let (first, last) = imported_years(calendar);
    let text = |s: &str| Cell::Text(s.to_owned());
    let mut cells = vec![HEADERS.iter().map(|h| text(h)).collect::<Vec<_>>()];
    let mut year = 0;
    for (n, r) in rows.iter().enumerate() {
        if r.decided.year() != year {
            year = r.decided.year();
            cells.push(vec![text(&format!("Năm {year}"))]);
        }
        cells.push(vec![
            Cell::Number(f64::from(u32::try_from(n + 1).unwrap_or(0))),
            text(&r.product),
            text(&r.group),
            text(&r.subject),
            text(r.kind),
            text(&r.commune),
            text(&format!("{} sao", r.stars)),
            Cell::Number(f64::from(r.score) / 10.0),
            text(&r.decision),
            text(&r.decided.format("%d/%m/%Y").to_string()),
        ]);
    }
    template::write_sheets(&[template::SheetSpec {
        name: "Danh sách OCOP".to_owned(),
        title: Some(format!(
            "DANH SÁCH SẢN PHẨM OCOP TỈNH LẠNG SƠN ĐƯỢC CÔNG NHẬN {first}–{last} (minh họa)"
        )),
        rows: cells,
    }])
    .map_err(|e| DbErr::Custom(format!("demo history workbook: {e}")))
}

/// The history workbook of the demo set (`server demo-history FILE` writes it for trainers).
///
/// # Errors
/// A database error, or the writer failing.
pub async fn history_workbook(
    db: &DatabaseConnection,
    calendar: DemoCalendar,
) -> Result<Vec<u8>, DbErr> {
    workbook(&rows(db, calendar).await?, calendar)
}

/// Uploads, previews and imports the history as `province`; returns how many certificates.
///
/// # Errors
/// A database error, or `DbErr::Custom` naming the rows the importer refused, or saying the
/// list made subjects or products of its own (it must match the demo's, or the demo drifted).
pub async fn import_history(
    db: &DatabaseConnection,
    files: &dyn FileStore,
    province: &Actor,
    calendar: DemoCalendar,
) -> Result<u64, DbErr> {
    let today = calendar.today();
    let fail = |what: &str| {
        let what = what.to_owned();
        move |e: crate::services::ServiceError| DbErr::Custom(format!("demo history ({what}): {e}"))
    };
    let bytes = history_workbook(db, calendar).await?;
    let name = history_file(calendar);
    let batch = imports::upload(db, files, province, &name, bytes, today)
        .await
        .map_err(fail("upload"))?;
    let preview = imports::preview(db, province, batch, "all", 1)
        .await
        .map_err(fail("preview"))?;
    let t = &preview.totals;
    if t.error > 0 || t.update > 0 || t.subjects_new > 0 || t.products_new > 0 {
        let refused: Vec<String> = preview
            .rows
            .iter()
            .filter(|r| !r.problems.is_empty() || !r.changes.is_empty())
            .take(5)
            .map(|r| format!("row {}: {} {:?}", r.row, r.product, r.problems))
            .collect();
        return Err(DbErr::Custom(format!(
            "demo history does not match the demo set: {t:?} {refused:?}"
        )));
    }
    let settings = CertificateSettings::default();
    let done = imports::commit(
        db,
        files,
        province,
        batch,
        &preview.fingerprint,
        &settings,
        today,
        None,
    )
    .await
    .map_err(fail("import"))?;
    Ok(u64::try_from(done.certificates_new).unwrap_or(0))
}
