//! Importing the province's spreadsheets of subjects, products and certificates: an uploaded
//! file is read (`workbook`), its rows understood (`rows`) and matched (`plan`) into a preview
//! kept on an `import_batch`; the officer may map columns that were not recognised; on
//! confirmation the same plan, made again in one transaction, is carried out (`apply`) and
//! audited; a batch can be undone as a whole while nothing is built on it (`undo`).
//! Only the province (provincial officers and administrators) imports.
pub mod apply;
mod batches;
pub mod plan;
mod plan_load;
pub mod rows;
pub mod template;
pub mod undo;
pub mod workbook;

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, TransactionTrait,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::audit_action::AuditAction;
use crate::domain::import::cells::Cell;
use crate::domain::import::headers::{self, Field};
use crate::domain::import::places::Unit;
use crate::domain::reason::Reason;
use crate::domain::text::fold;
use crate::entities::{admin_unit, import_batch, product_group};
use crate::models::imports::{
    ColumnView, ImportPreview, PREVIEW_PAGE, PreviewData, SheetView, Totals, Verdict,
};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::certificates::register::CertificateSettings;
use crate::services::files::store::FileStore;
use crate::services::input::invalid;
use crate::services::reports::facts::PROVINCE_CODE;

pub use batches::batches;
use plan::Plan;
use rows::Lookups;
use workbook::{ReadError, Sheet};

/// The largest file accepted (a province's list is far smaller; 5,000 rows are ~400 KB).
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// A column the officer chose: sheet, column (from 0), field (none: ignore the column).
pub type Choice = (String, usize, Option<Field>);

fn may_import(actor: &Actor) -> Result<(), ServiceError> {
    allowed(actor, Action::ImportData, Resource::Nothing).map_err(ServiceError::Denied)
}

fn read_error(e: ReadError) -> ServiceError {
    invalid(
        "file",
        match e {
            ReadError::Unreadable => Reason::SheetUnreadable,
            ReadError::TooBig => Reason::SheetUnpackedTooLarge,
            ReadError::TooManyRows => Reason::SheetTooManyRows,
            ReadError::Empty => Reason::SheetEmpty,
        },
    )
}

/// Reads the file off the async threads (a 20,000-row file takes a moment).
async fn read_sheets(bytes: Vec<u8>) -> Result<Vec<Sheet>, ServiceError> {
    tokio::task::spawn_blocking(move || workbook::read(&bytes))
        .await
        .map_err(|_| invalid("file", Reason::SheetUnreadable))?
        .map_err(read_error)
}

async fn lookups(
    db: &impl ConnectionTrait,
    today: NaiveDate,
) -> Result<(Lookups, HashMap<String, String>, HashMap<i32, String>), ServiceError> {
    let units = admin_unit::Entity::find()
        .filter(admin_unit::Column::Level.is_in(["district", "commune"]))
        .all(db)
        .await?;
    let names = units
        .iter()
        .map(|u| (u.code.clone(), u.name.clone()))
        .collect();
    let units = units
        .into_iter()
        .map(|u| Unit {
            current: u.valid_to.is_none_or(|to| to >= today),
            district_code: u
                .former_district_code
                .clone()
                .or_else(|| u.parent_code.clone().filter(|p| p != PROVINCE_CODE)),
            successor_code: u.successor_code,
            bare: crate::domain::import::places::bare_name(&u.name),
            code: u.code,
            name: u.name,
            level: u.level,
        })
        .collect();
    let groups = product_group::Entity::find()
        .filter(
            product_group::Column::Scheme
                .eq(crate::services::master_data::units::CURRENT_GROUP_SCHEME),
        )
        .all(db)
        .await?;
    let codes = groups.iter().map(|g| (g.id, g.code.clone())).collect();
    let groups = groups
        .into_iter()
        .map(|g| (g.id, g.code, fold(&g.name_vi)))
        .collect();
    Ok((
        Lookups {
            units,
            groups,
            today,
        },
        names,
        codes,
    ))
}

/// The preview of `sheets` under the officer's `choices`, planned against `db`.
async fn build(
    db: &impl ConnectionTrait,
    sheets: &[Sheet],
    choices: &[Choice],
    today: NaiveDate,
) -> Result<(Plan, Vec<SheetView>), ServiceError> {
    let (lookups, unit_names, group_codes) = lookups(db, today).await?;
    let mut views = Vec::new();
    let mut all_rows = Vec::new();
    for sheet in sheets {
        let texts: Vec<Vec<String>> = sheet
            .rows
            .iter()
            .take(30)
            .map(|(_, cells)| cells.iter().map(Cell::text).collect())
            .collect();
        let Some(header) = headers::header_row(&texts) else {
            views.push(SheetView {
                name: sheet.name.clone(),
                header_row: None,
                columns: Vec::new(),
            });
            continue;
        };
        // Headers are named in every problem and every row's record: kept short.
        let names: Vec<String> = texts[header]
            .iter()
            .map(|h| h.chars().take(100).collect())
            .collect();
        let chosen: Vec<(usize, Option<Field>)> = choices
            .iter()
            .filter(|(s, _, _)| *s == sheet.name)
            .map(|(_, c, f)| (*c, *f))
            .collect();
        let fields = headers::map_columns(&names, &chosen);
        views.push(SheetView {
            name: sheet.name.clone(),
            header_row: Some(sheet.rows[header].0),
            columns: names
                .iter()
                .zip(&fields)
                .enumerate()
                .map(|(index, (h, f))| ColumnView {
                    index,
                    header: h.clone(),
                    field: *f,
                    recognised: !chosen.iter().any(|(c, _)| *c == index) && f.is_some(),
                })
                .collect(),
        });
        all_rows.extend(rows::read_rows(sheet, header, &names, &fields, &lookups));
    }
    if views.iter().all(|v| v.header_row.is_none()) {
        return Err(invalid("file", Reason::SheetNoHeader));
    }
    let mut plan = Plan::load(db, unit_names, group_codes).await?;
    plan.plan(all_rows);
    Ok((plan, views))
}

fn preview_data(plan: &Plan, sheets: Vec<SheetView>) -> PreviewData {
    PreviewData {
        sheets,
        rows: plan.rows.iter().map(|r| r.view.clone()).collect(),
        totals: plan.totals(),
    }
}

/// Reads an uploaded file and keeps its preview as a new batch; returns the batch's id.
///
/// # Errors
/// `Denied` unless the actor is provincial; `Invalid` (`file`) for a file too large, unreadable,
/// with too many rows or without a header row; a database or file-store error.
pub async fn upload(
    db: &DatabaseConnection,
    files: &dyn FileStore,
    actor: &Actor,
    file_name: &str,
    bytes: Vec<u8>,
    today: NaiveDate,
) -> Result<i32, ServiceError> {
    may_import(actor)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(invalid("file", Reason::FileTooLarge));
    }
    if bytes.is_empty() {
        return Err(invalid("file", Reason::FileEmpty));
    }
    let sha = files
        .put(&bytes)
        .await
        .map_err(|e| ServiceError::Db(sea_orm::DbErr::Custom(format!("file store: {e}"))))?;
    let sheets = read_sheets(bytes).await?;
    let (plan, views) = build(db, &sheets, &[], today).await?;
    let data = preview_data(&plan, views);
    let batch = import_batch::ActiveModel {
        file_name: Set(file_name.chars().take(200).collect()),
        file_sha256: Set(sha),
        state: Set("previewed".to_owned()),
        mapping: Set("[]".to_owned()),
        preview: Set(serde_json::to_string(&data).unwrap_or_default()),
        totals: Set(serde_json::to_string(&data.totals).unwrap_or_default()),
        fingerprint: Set(plan.fingerprint()),
        created_by: Set(actor.user_id().unwrap_or_default()),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(batch.id)
}

/// The preview of a file without keeping anything (the operator's `server import FILE`).
///
/// # Errors
/// As `upload`, but for the actor.
pub async fn check_file(
    db: &impl ConnectionTrait,
    bytes: Vec<u8>,
    today: NaiveDate,
) -> Result<PreviewData, ServiceError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(invalid("file", Reason::FileTooLarge));
    }
    let sheets = read_sheets(bytes).await?;
    let (plan, views) = build(db, &sheets, &[], today).await?;
    Ok(preview_data(&plan, views))
}

async fn own_batch(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<import_batch::Model, ServiceError> {
    may_import(actor)?;
    import_batch::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

async fn file_of(
    files: &dyn FileStore,
    batch: &import_batch::Model,
) -> Result<Vec<Sheet>, ServiceError> {
    let bytes = files
        .get(&batch.file_sha256)
        .await
        .map_err(|e| ServiceError::Db(sea_orm::DbErr::Custom(format!("file store: {e}"))))?
        .ok_or(ServiceError::NotFound)?;
    read_sheets(bytes).await
}

/// Reads the batch's file again with the officer's column choices (a still open batch).
///
/// # Errors
/// As `upload`; `Conflict` (`import_closed`) once imported or undone; `Invalid` (`mapping`)
/// for a sheet or column that is not in the file.
pub async fn remap(
    db: &DatabaseConnection,
    files: &dyn FileStore,
    actor: &Actor,
    batch_id: i32,
    choices: Vec<Choice>,
    today: NaiveDate,
) -> Result<(), ServiceError> {
    let batch = own_batch(db, actor, batch_id).await?;
    if batch.state != "previewed" {
        return Err(ServiceError::Conflict(Reason::ImportClosed));
    }
    let sheets = file_of(files, &batch).await?;
    let known = choices.iter().all(|(s, c, _)| {
        sheets.iter().any(|sheet| sheet.name == *s) && *c < workbook::MAX_COLUMNS as usize
    });
    if !known || choices.len() > 200 {
        return Err(invalid("mapping", Reason::ImportMapping));
    }
    let (plan, views) = build(db, &sheets, &choices, today).await?;
    let data = preview_data(&plan, views);
    let stored: Vec<(String, usize, Option<&str>)> = choices
        .iter()
        .map(|(s, c, f)| (s.clone(), *c, f.map(Field::key)))
        .collect();
    // Only a batch still open takes the new preview (a confirmation may have come meanwhile).
    let stored = import_batch::Entity::update_many()
        .col_expr(
            import_batch::Column::Mapping,
            Expr::value(serde_json::to_string(&stored).unwrap_or_default()),
        )
        .col_expr(
            import_batch::Column::Preview,
            Expr::value(serde_json::to_string(&data).unwrap_or_default()),
        )
        .col_expr(
            import_batch::Column::Totals,
            Expr::value(serde_json::to_string(&data.totals).unwrap_or_default()),
        )
        .col_expr(
            import_batch::Column::Fingerprint,
            Expr::value(plan.fingerprint()),
        )
        .filter(import_batch::Column::Id.eq(batch.id))
        .filter(import_batch::Column::State.eq("previewed"))
        .exec(db)
        .await?;
    if stored.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::ImportClosed));
    }
    Ok(())
}

/// Sets what one column holds (`field` none: ignore it) and reads the file again.
///
/// # Errors
/// As `remap`.
#[allow(clippy::too_many_arguments)]
pub async fn choose_column(
    db: &DatabaseConnection,
    files: &dyn FileStore,
    actor: &Actor,
    batch_id: i32,
    sheet: &str,
    column: usize,
    field: Option<Field>,
    today: NaiveDate,
) -> Result<(), ServiceError> {
    let batch = own_batch(db, actor, batch_id).await?;
    let mut choices = choices_of(&batch);
    choices.retain(|(s, c, _)| !(s == sheet && *c == column));
    choices.push((sheet.to_owned(), column, field));
    remap(db, files, actor, batch_id, choices, today).await
}

/// The empty template: its file name and bytes.
///
/// # Errors
/// `Denied` unless the actor is provincial.
pub fn template_file(actor: &Actor) -> Result<(String, Vec<u8>), ServiceError> {
    may_import(actor)?;
    let bytes = template::template().map_err(|e| {
        tracing::error!(error = %e, "import template");
        ServiceError::Db(sea_orm::DbErr::Custom("xlsx".into()))
    })?;
    Ok(("mau-nhap-du-lieu-ocop.xlsx".to_owned(), bytes))
}

fn choices_of(batch: &import_batch::Model) -> Vec<Choice> {
    serde_json::from_str::<Vec<(String, usize, Option<String>)>>(&batch.mapping)
        .unwrap_or_default()
        .into_iter()
        .map(|(s, c, f)| (s, c, f.as_deref().and_then(Field::parse)))
        .collect()
}

/// One page of a batch's preview: `filter` is a verdict's key or "all" (errors come first).
///
/// # Errors
/// `Denied`, `NotFound`; a database error.
pub async fn preview(
    db: &DatabaseConnection,
    actor: &Actor,
    batch_id: i32,
    filter: &str,
    page: usize,
) -> Result<ImportPreview, ServiceError> {
    let batch = own_batch(db, actor, batch_id).await?;
    let data: PreviewData = serde_json::from_str(&batch.preview).unwrap_or_default();
    let mut rows: Vec<_> = data
        .rows
        .into_iter()
        .filter(|r| filter == "all" || r.verdict.key() == filter)
        .collect();
    // Errors first, then the file's order.
    rows.sort_by_key(|r| r.verdict != Verdict::Error);
    let pages = rows.len().div_ceil(PREVIEW_PAGE).max(1);
    let page = page.clamp(1, pages);
    let shown = rows
        .into_iter()
        .skip((page - 1) * PREVIEW_PAGE)
        .take(PREVIEW_PAGE)
        .collect();
    let can_undo = batch.state == "imported" && undo::blockers(db, batch.id).await?.is_empty();
    let t = &data.totals;
    Ok(ImportPreview {
        batch_id: batch.id,
        can_import: batch.state == "previewed" && t.error == 0 && t.new + t.update > 0,
        can_undo,
        file_name: batch.file_name,
        state: batch.state,
        sheets: data.sheets,
        totals: data.totals,
        rows: shown,
        filter: filter.to_owned(),
        page,
        pages,
        fingerprint: batch.fingerprint,
    })
}

/// Imports a previewed batch in one transaction, if the data is still as previewed.
///
/// # Errors
/// `Denied`, `NotFound`; `Conflict` with `import_closed` (already imported or undone),
/// `import_has_errors`, `import_nothing` or `import_changed` (the plan made now differs from
/// the preview: preview again); a database error.
#[allow(clippy::too_many_arguments)]
pub async fn commit(
    db: &DatabaseConnection,
    files: &dyn FileStore,
    actor: &Actor,
    batch_id: i32,
    fingerprint: &str,
    settings: &CertificateSettings,
    today: NaiveDate,
    ip: Option<String>,
) -> Result<Totals, ServiceError> {
    let batch = own_batch(db, actor, batch_id).await?;
    let sheets = file_of(files, &batch).await?;
    let txn = db.begin().await?;
    // One import at a time: on PostgreSQL a lock held to the end of the transaction; on SQLite
    // the write below takes the database's write lock before anything is read.
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        txn.execute_unprepared("SELECT pg_advisory_xact_lock(2020)")
            .await?;
    }
    // Taking the batch closes it: a second confirmation (another tab) finds it imported.
    let taken = import_batch::Entity::update_many()
        .col_expr(import_batch::Column::State, Expr::value("imported"))
        .col_expr(
            import_batch::Column::ImportedAt,
            Expr::value(crate::clock::now()),
        )
        .filter(import_batch::Column::Id.eq(batch.id))
        .filter(import_batch::Column::State.eq("previewed"))
        .exec(&txn)
        .await?;
    if taken.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::ImportClosed));
    }
    let (plan, _) = build(&txn, &sheets, &choices_of(&batch), today).await?;
    let totals = plan.totals();
    if totals.error > 0 {
        return Err(ServiceError::Conflict(Reason::ImportHasErrors));
    }
    if totals.new + totals.update == 0 {
        return Err(ServiceError::Conflict(Reason::ImportNothing));
    }
    if plan.fingerprint() != fingerprint || batch.fingerprint != fingerprint {
        return Err(ServiceError::Conflict(Reason::ImportChanged));
    }
    apply::apply(&txn, &plan, batch.id, settings, crate::clock::now()).await?;
    audit::append(
        &txn,
        Entry {
            actor_user_id: actor.user_id(),
            action: AuditAction::ImportCommit,
            target_type: "import_batch",
            target_id: Some(batch.id.to_string()),
            summary: format!(
                "{}: +{} subjects, +{} products, +{} certificates, {} updated",
                batch.file_name,
                totals.subjects_new,
                totals.products_new,
                totals.certificates_new,
                totals.update
            ),
            ip,
            details: crate::domain::audit_details::Details::new(),
        }
        .with("file", batch.file_name.as_str())
        .with("subjects", totals.subjects_new.to_string())
        .with("products", totals.products_new.to_string())
        .with("certificates", totals.certificates_new.to_string())
        .with("updated", totals.update.to_string()),
    )
    .await?;
    txn.commit().await?;
    Ok(totals)
}

/// Undoes an imported batch as a whole.
///
/// # Errors
/// `Denied`, `NotFound`; `Conflict` with `import_closed` (not imported, or undone already) or
/// `import_in_use` (something was built on it); a database error.
pub async fn undo_batch(
    db: &DatabaseConnection,
    actor: &Actor,
    batch_id: i32,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    let batch = own_batch(db, actor, batch_id).await?;
    let txn = db.begin().await?;
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        txn.execute_unprepared("SELECT pg_advisory_xact_lock(2020)")
            .await?;
    }
    let taken = import_batch::Entity::update_many()
        .col_expr(import_batch::Column::State, Expr::value("undone"))
        .col_expr(
            import_batch::Column::UndoneAt,
            Expr::value(crate::clock::now()),
        )
        .col_expr(import_batch::Column::UndoneBy, Expr::value(actor.user_id()))
        .filter(import_batch::Column::Id.eq(batch.id))
        .filter(import_batch::Column::State.eq("imported"))
        .exec(&txn)
        .await?;
    if taken.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::ImportClosed));
    }
    if !undo::blockers(&txn, batch.id).await?.is_empty() {
        return Err(ServiceError::Conflict(Reason::ImportInUse));
    }
    undo::undo(&txn, batch.id).await?;
    audit::append(
        &txn,
        Entry {
            actor_user_id: actor.user_id(),
            action: AuditAction::ImportUndo,
            target_type: "import_batch",
            target_id: Some(batch.id.to_string()),
            summary: batch.file_name.clone(),
            ip,
            details: crate::domain::audit_details::Details::new(),
        }
        .with("file", batch.file_name.as_str()),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
