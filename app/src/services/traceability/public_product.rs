//! The public face of a product: its page (`/products/{id}`, what a QR scan opens) and the
//! lookup of a GTIN for the Digital Link resolver. Only products of active subjects are shown.
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement};

use crate::domain::status::SubjectStatus;
use crate::domain::{certificate, digital_link, ean13};
use crate::models::producers::products::{PublicCertificate, PublicProduct};
use crate::models::traceability::labels::PublicDocumentView;
use crate::services::ServiceError;
use crate::services::certificates::register::CertificateSettings;

/// One row holding everything the page shows of a product.
#[derive(Debug, FromQueryResult)]
struct PageRow {
    id: i32,
    name: String,
    group_name: Option<String>,
    subject_id: i32,
    subject_name: String,
    subject_address: Option<String>,
    subject_status: SubjectStatus,
    commune_name: Option<String>,
    description: Option<String>,
    story: Option<String>,
    net_quantity: Option<String>,
    shelf_life: Option<String>,
    raw_material_area: Option<String>,
    price_min: Option<i64>,
    price_max: Option<i64>,
    gtin: Option<String>,
    points_of_sale: Option<String>,
    /// The current certificate (the newest one not replaced by another), if any.
    certificate_number: Option<String>,
    certificate_stars: Option<i16>,
    certificate_valid_until: Option<chrono::NaiveDate>,
    certificate_revoked_on: Option<chrono::NaiveDate>,
    /// The label's content (item code → text), when the product has a label.
    label_json: Option<String>,
    /// JSON arrays built by the database: photo file ids, the cover first; the public
    /// documents as [file id, item code, file name]; the active label checklist items (only
    /// when there is a label) as [code, Vietnamese name, English name, check kind].
    photos: String,
    documents: String,
    checklist: String,
}

/// The page's one statement. Each query is a round trip to the database's worker thread:
/// with the nine queries this page used to make, a fresh render spent most of its time
/// switching threads (a profile at 20,000 products). The lists come as JSON arrays built by
/// the database, the one part written per backend.
fn page_statement(backend: DbBackend, id: i32) -> Statement {
    let (photos, documents, checklist) = match backend {
        DbBackend::Postgres => (
            "COALESCE(json_agg(ph.file_id ORDER BY ph.is_cover DESC, ph.sort), '[]')::text",
            "COALESCE(json_agg(json_build_array(d.file_id, d.item_code, f.original_name) \
             ORDER BY d.id), '[]')::text",
            "COALESCE(json_agg(json_build_array(i.code, i.name_vi, i.name_en, i.check_kind) \
             ORDER BY i.sort, i.id), '[]')::text",
        ),
        _ => (
            "json_group_array(ph.file_id ORDER BY ph.is_cover DESC, ph.sort)",
            "json_group_array(json_array(d.file_id, d.item_code, f.original_name) ORDER BY d.id)",
            "json_group_array(json_array(i.code, i.name_vi, i.name_en, i.check_kind) \
             ORDER BY i.sort, i.id)",
        ),
    };
    let sql = format!(
        "SELECT p.id, p.name, p.description, p.story, p.net_quantity, p.shelf_life, \
           p.raw_material_area, p.price_min, p.price_max, p.gtin, p.points_of_sale, \
           s.id AS subject_id, s.name AS subject_name, s.address AS subject_address, \
           s.status AS subject_status, \
           (SELECT g.name_vi FROM product_group g WHERE g.id = p.product_group_id) AS group_name, \
           (SELECT u.name FROM admin_unit u WHERE u.code = s.commune_code ORDER BY u.id LIMIT 1) \
             AS commune_name, \
           c.number AS certificate_number, c.stars AS certificate_stars, \
           c.valid_until AS certificate_valid_until, c.revoked_on AS certificate_revoked_on, \
           l.content_json AS label_json, \
           (SELECT {photos} FROM product_photo ph WHERE ph.product_id = p.id) AS photos, \
           (SELECT {documents} FROM public_document d JOIN stored_file f ON f.id = d.file_id \
             WHERE d.product_id = p.id) AS documents, \
           (SELECT {checklist} FROM label_checklist_item i \
             WHERE i.active AND l.product_id IS NOT NULL) AS checklist \
         FROM product p \
         JOIN subject s ON s.id = p.subject_id \
         LEFT JOIN product_label l ON l.product_id = p.id \
         LEFT JOIN certificate c ON c.id = (SELECT c2.id FROM certificate c2 \
           WHERE c2.product_id = p.id AND c2.superseded_by IS NULL \
           ORDER BY c2.decision_date DESC LIMIT 1) \
         WHERE p.id = $1"
    );
    Statement::from_sql_and_values(backend, sql, [id.into()])
}

/// A JSON array the database built, or a database error naming what could not be read.
fn list<T: serde::de::DeserializeOwned>(json: &str, what: &str) -> Result<Vec<T>, ServiceError> {
    serde_json::from_str(json)
        .map_err(|e| ServiceError::Db(sea_orm::DbErr::Custom(format!("{what}: {e}"))))
}

/// A product as anyone may see it; `base` is the public address its Digital Link starts with.
///
/// # Errors
/// `NotFound` for an unknown product or one whose subject is not active.
pub async fn product(
    db: &impl ConnectionTrait,
    id: i32,
    base: &str,
    today: chrono::NaiveDate,
    settings: &CertificateSettings,
) -> Result<PublicProduct, ServiceError> {
    let row = match PageRow::find_by_statement(page_statement(db.get_database_backend(), id))
        .one(db)
        .await?
    {
        Some(row) if row.subject_status == SubjectStatus::Active => row,
        _ => return Err(ServiceError::NotFound),
    };
    let certificate = match (
        row.certificate_number,
        row.certificate_stars,
        row.certificate_valid_until,
    ) {
        (Some(number), Some(stars), Some(valid_until)) => Some(PublicCertificate {
            status: certificate::validity(
                valid_until,
                row.certificate_revoked_on.is_some(),
                today,
                settings.expiring_within_days,
            )
            .as_str()
            .to_owned(),
            number,
            stars: u8::try_from(stars).unwrap_or_default(),
            valid_until: crate::domain::dates::date(valid_until),
        }),
        _ => None,
    };
    let label_facts = match &row.label_json {
        Some(content) => crate::services::traceability::labels::facts_shown(
            content,
            // Items of a check kind this build does not know are left out, as
            // `label_checklist::item_of` does.
            list::<(String, String, String, String)>(&row.checklist, "label checklist")?
                .into_iter()
                .filter(|(_, _, _, kind)| crate::domain::label::CheckKind::parse(kind).is_some())
                .map(|(code, name_vi, name_en, _)| (code, name_vi, name_en)),
        ),
        None => Vec::new(),
    };
    let documents = list::<(i32, String, String)>(&row.documents, "public documents")?
        .into_iter()
        .map(|(file_id, item_code, name)| PublicDocumentView {
            file_id,
            item_code,
            name,
            public: true,
        })
        .collect();
    let link = row
        .gtin
        .as_deref()
        .and_then(|g| digital_link::for_gtin(g).ok())
        .map(|l| digital_link::build(base, &l));
    let qr_link = link
        .clone()
        .unwrap_or_else(|| format!("{base}/products/{id}"));
    let points_of_sale = row
        .points_of_sale
        .as_deref()
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    Ok(PublicProduct {
        documents,
        points_of_sale,
        label_facts,
        id: row.id,
        name: row.name,
        group_name: row.group_name.unwrap_or_default(),
        subject_id: row.subject_id,
        subject_name: row.subject_name,
        subject_address: row.subject_address,
        commune_name: row.commune_name.unwrap_or_default(),
        description: row.description,
        story: row.story,
        net_quantity: row.net_quantity,
        shelf_life: row.shelf_life,
        raw_material_area: row.raw_material_area,
        price_min: row.price_min,
        price_max: row.price_max,
        photos: list(&row.photos, "photos")?,
        certificate,
        qr_svg: crate::documents::qr::svg(&qr_link),
        qr_link,
        barcode_svg: row.gtin.as_deref().and_then(ean13::svg),
        digital_link: link,
        gtin: row.gtin,
    })
}
