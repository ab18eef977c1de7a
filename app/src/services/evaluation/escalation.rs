//! The council's minutes of a round and the national escalation: products of 90 points and
//! more go to the Ministry as one zip archive holding the minutes page, the council's score
//! sheets (XLSX, one sheet per product) and each product's dossier documents.
use crate::domain::reason::Reason;
use std::collections::HashMap;
use std::io::Write;

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sea_orm::DatabaseConnection;
use zip::write::SimpleFileOptions;

use crate::auth::Actor;
use crate::domain::round::{Panel, Phase};
use crate::domain::scoring::Tenths;
use crate::entities::stored_file;
use crate::models::evaluation::rounds::{Minutes, ResultRow};
use crate::services::ServiceError;
use crate::services::evaluation::results::{self, choices, set, submitted};
use crate::services::evaluation::round_data::RoundData;
use crate::services::files::store::FileStore;
use crate::services::guards::manage_rounds;

/// The minutes of a round in deliberation or decided, for the provincial officer.
///
/// # Errors
/// `Denied` for anyone else; `NotFound`; `Conflict(Reason::Phase)` before deliberation.
pub async fn minutes(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: i32,
) -> Result<Minutes, ServiceError> {
    manage_rounds(actor)?;
    let (data, results) = results::load(db, round_id).await?;
    if data.phase < Phase::Deliberation {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    Ok(minutes_of(&data, results.rows))
}

fn minutes_of(data: &RoundData, rows: Vec<ResultRow>) -> Minutes {
    let r = &data.round;
    let mut members: Vec<String> = data
        .members
        .iter()
        .filter(|m| m.panel == Panel::Council.as_str())
        .map(|m| data.user_name(m.user_id))
        .collect();
    members.sort();
    Minutes {
        round_id: r.id,
        round_name: r.name.clone(),
        year: r.year,
        phase: data.phase.as_str().to_owned(),
        aggregation: r.aggregation.clone(),
        scoring_from: r.scoring_from.to_string(),
        scoring_until: r.scoring_until.to_string(),
        decision_number: r.decision_number.clone(),
        decision_date: r.decision_date.map(crate::domain::dates::date),
        decision_signer: r.decision_signer.clone(),
        members,
        // A dossier left out of the decision is proposed to nobody until it is decided.
        rows: rows
            .into_iter()
            .map(|row| ResultRow {
                national: row.national && !row.awaiting_decision,
                ..row
            })
            .collect(),
    }
}

/// The escalation archive of a round (`ho-so-de-nghi-5-sao-…zip`), with its file name.
///
/// # Errors
/// As `minutes`; `Conflict(Reason::NoNational)` when no product reached 90 points.
pub async fn archive(
    db: &DatabaseConnection,
    files: &dyn FileStore,
    actor: &Actor,
    round_id: i32,
) -> Result<(String, Vec<u8>), ServiceError> {
    manage_rounds(actor)?;
    let (data, results) = results::load(db, round_id).await?;
    if data.phase < Phase::Deliberation {
        return Err(ServiceError::Conflict(Reason::Phase));
    }
    let minutes = minutes_of(&data, results.rows);
    let national: Vec<&ResultRow> = minutes.rows.iter().filter(|r| r.national).collect();
    if national.is_empty() {
        return Err(ServiceError::Conflict(Reason::NoNational));
    }
    let documents = documents(db, national.iter().map(|r| r.dossier_id)).await?;
    let sheets = score_sheets_xlsx(&data, &national).map_err(internal)?;

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    let mut add = |name: &str, bytes: &[u8]| -> Result<(), ServiceError> {
        zip.start_file(name, options).map_err(internal)?;
        zip.write_all(bytes).map_err(internal)
    };
    let html = crate::documents::minutes::standalone_html(&minutes);
    add("bien-ban-hoi-dong.html", html.as_bytes())?;
    add("phieu-cham-diem.xlsx", &sheets)?;
    for row in &national {
        let folder = format!("ho-so/{}-{}", row.dossier_id, slug(&row.product_name));
        for (n, (item, file)) in documents
            .get(&row.dossier_id)
            .into_iter()
            .flatten()
            .enumerate()
        {
            // A document whose bytes are gone is left out rather than failing the archive.
            let Some(bytes) = files.get(&file.sha256).await.map_err(internal)? else {
                tracing::warn!(file = file.id, "escalation: stored file missing");
                continue;
            };
            add(
                &format!(
                    "{folder}/{:02}-{item}-{}",
                    n + 1,
                    file_slug(&file.original_name)
                ),
                &bytes,
            )?;
        }
    }
    let bytes = zip.finish().map_err(internal)?.into_inner();
    Ok((
        format!(
            "ho-so-de-nghi-5-sao-dot-{}-{}.zip",
            minutes.round_id, minutes.year
        ),
        bytes,
    ))
}

fn internal(err: impl std::fmt::Display) -> ServiceError {
    tracing::error!(error = %err, "escalation archive");
    ServiceError::Db(sea_orm::DbErr::Custom("escalation archive".into()))
}

/// Each dossier's documents: (checklist item, stored file), in upload order.
async fn documents(
    db: &DatabaseConnection,
    dossier_ids: impl Iterator<Item = i32>,
) -> Result<HashMap<i32, Vec<(String, stored_file::Model)>>, ServiceError> {
    let mut by_dossier: HashMap<i32, Vec<(String, stored_file::Model)>> = HashMap::new();
    for (d, file) in crate::services::dossiers::documents::with_files(db, dossier_ids).await? {
        by_dossier
            .entry(d.dossier_id)
            .or_default()
            .push((d.item_code, file));
    }
    Ok(by_dossier)
}

/// One sheet per product: each criterion's points on each council member's submitted sheet,
/// with the totals beneath.
fn score_sheets_xlsx(data: &RoundData, rows: &[&ResultRow]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    for row in rows {
        let Some(entry) = data.entry(row.dossier_id) else {
            continue;
        };
        let set = set(data, entry.criteria_set_id);
        let sheets: Vec<_> = submitted(data, row.dossier_id, Panel::Council)
            .map(|s| (data.user_name(s.user_id), choices(s)))
            .collect();
        let ws = workbook.add_worksheet();
        ws.set_name(format!("HS {}", row.dossier_id))?;
        ws.write_string_with_format(0, 0, &row.product_name, &bold)?;
        ws.write_string(1, 0, format!("{} — {}", row.subject_name, row.commune_name))?;
        let headers = ["Mã / Code", "Tiêu chí / Criterion", "Tối đa / Max"];
        for (col, h) in (0u16..).zip(headers) {
            ws.write_string_with_format(3, col, h, &bold)?;
        }
        for (col, (member, _)) in (3u16..).zip(&sheets) {
            ws.write_string_with_format(3, col, member, &bold)?;
        }
        let mut r = 4u32;
        for part in &set.parts {
            for c in &part.criteria {
                ws.write_string(r, 0, &c.code)?;
                ws.write_string(r, 1, &c.text)?;
                ws.write_number(r, 2, points(c.best()))?;
                for (col, (_, picks)) in (3u16..).zip(&sheets) {
                    if let Some(option) = picks.get(&c.code).and_then(|i| c.options.get(*i)) {
                        ws.write_number(r, col, points(option.points))?;
                    }
                }
                r += 1;
            }
        }
        ws.write_string_with_format(r, 1, "Tổng điểm / Total", &bold)?;
        for (col, (member, _)) in (3u16..).zip(&sheets) {
            let total = row
                .totals
                .iter()
                .find(|t| &t.member == member)
                .map_or(0, |t| t.total);
            ws.write_number_with_format(r, col, points(total), &bold)?;
        }
        ws.set_column_width(1, 48)?;
    }
    workbook.save_to_buffer()
}

fn points(tenths: Tenths) -> f64 {
    f64::from(tenths) / 10.0
}

/// A file-name-safe ASCII form of a Vietnamese name ("Mật ong Hữu Lũng" → "mat-ong-huu-lung").
fn slug(name: &str) -> String {
    let folded = crate::domain::text::fold(name).replace(' ', "-");
    let cut: String = folded.chars().take(60).collect();
    if cut.is_empty() {
        "tep".to_owned()
    } else {
        cut
    }
}

/// `slug` of a file name, keeping its extension.
fn file_slug(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !ext.is_empty() && ext.len() <= 5 => {
            format!("{}.{}", slug(stem), slug(ext))
        }
        _ => slug(name),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_become_ascii_slugs() {
        assert_eq!(super::slug("Mật ong Hữu Lũng"), "mat-ong-huu-lung");
        assert_eq!(
            super::file_slug("Phiếu kiểm nghiệm (2026).PDF"),
            "phieu-kiem-nghiem-2026.pdf"
        );
        assert_eq!(super::file_slug("???"), "tep");
    }
}
