//! `server import FILE [--commit --by EMAIL]`: the importer for operators. Without `--commit`
//! it prints what the file would do — rows new, matching, in error (each error with its row and
//! column) — and changes nothing; with it, the file is imported as one batch in the name of a
//! provincial officer or administrator, exactly as from the browser.
use std::path::Path;

use app::models::imports::{PreviewData, Verdict};

/// Prints the preview; returns whether any row is in error.
fn print(preview: &PreviewData) -> bool {
    let t = &preview.totals;
    println!(
        "rows {}: new {}, update {}, unchanged {}, error {}, skipped {} — would create {} subjects, {} products, {} certificates",
        t.rows,
        t.new,
        t.update,
        t.same,
        t.error,
        t.skipped,
        t.subjects_new,
        t.products_new,
        t.certificates_new
    );
    for sheet in &preview.sheets {
        match sheet.header_row {
            Some(row) => println!("sheet \"{}\": header on row {row}", sheet.name),
            None => println!("sheet \"{}\": no header row, not read", sheet.name),
        }
        for c in sheet
            .columns
            .iter()
            .filter(|c| c.field.is_none() && !c.header.is_empty())
        {
            println!("  column \"{}\" not recognised (ignored)", c.header);
        }
    }
    for row in preview.rows.iter().filter(|r| r.verdict == Verdict::Error) {
        for p in &row.problems {
            println!(
                "error: sheet \"{}\" row {}, column \"{}\": {} | {}",
                row.sheet,
                row.row,
                p.column,
                p.problem.message(false),
                p.problem.message(true)
            );
        }
    }
    t.error > 0
}

pub async fn run(
    db: &sea_orm::DatabaseConnection,
    store: &dyn app::services::files::store::FileStore,
    file: &Path,
    commit: bool,
    by: Option<String>,
) -> Result<(), Box<dyn std::error::Error>> {
    let bytes = app::services::imports::workbook::read_bounded(
        std::fs::File::open(file)?,
        app::services::imports::MAX_FILE_BYTES as u64,
    )?;
    let today = app::services::today_in_vietnam();
    let started = std::time::Instant::now();
    let preview = app::services::imports::check_file(db, bytes.clone(), today).await?;
    let in_error = print(&preview);
    println!(
        "read and checked in {:.2} s ({:.0} rows/s)",
        started.elapsed().as_secs_f64(),
        preview.totals.rows as f64 / started.elapsed().as_secs_f64().max(1e-6)
    );
    if !commit {
        println!("nothing changed (add --commit --by EMAIL to import)");
        return Ok(());
    }
    if in_error {
        return Err("rows in error: correct the file first".into());
    }
    let email = by.ok_or("--commit needs --by EMAIL (a provincial officer or administrator)")?;
    let account = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        app::entities::user_account::Entity::find()
            .filter(app::entities::user_account::Column::Email.eq(email.to_lowercase()))
            .one(db)
            .await?
            .ok_or("no account with that e-mail")?
    };
    let actor = app::auth::current::to_actor(&account);
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let started = std::time::Instant::now();
    let batch = app::services::imports::upload(db, store, &actor, &name, bytes, today).await?;
    let fingerprint = {
        use sea_orm::EntityTrait;
        app::entities::import_batch::Entity::find_by_id(batch)
            .one(db)
            .await?
            .ok_or("batch vanished")?
            .fingerprint
    };
    let totals = app::services::imports::commit(
        db,
        store,
        &actor,
        batch,
        &fingerprint,
        &app::services::certificates::register::CertificateSettings::default(),
        today,
        None,
    )
    .await?;
    println!(
        "imported as batch {batch} in {:.2} s ({:.0} rows/s): {} subjects, {} products, {} certificates created, {} rows updated",
        started.elapsed().as_secs_f64(),
        totals.rows as f64 / started.elapsed().as_secs_f64().max(1e-6),
        totals.subjects_new,
        totals.products_new,
        totals.certificates_new,
        totals.update
    );
    Ok(())
}
