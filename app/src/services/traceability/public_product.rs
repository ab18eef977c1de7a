//! The public face of a product: its page (`/products/{id}`, what a QR scan opens) and the
//! lookup of a GTIN for the Digital Link resolver. Only products of active subjects are shown.
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::status::SubjectStatus;
use crate::domain::{certificate, digital_link, ean13};
use crate::entities::{admin_unit, product, product_group, product_photo, subject};
use crate::models::producers::products::{PublicCertificate, PublicProduct};
use crate::services::ServiceError;
use crate::services::certificates::register::CertificateSettings;

/// A product as anyone may see it; `base` is the public address its Digital Link starts with.
///
/// # Errors
/// `NotFound` for an unknown product or one whose subject is not active.
pub async fn product(
    db: &DatabaseConnection,
    id: i32,
    base: &str,
    today: chrono::NaiveDate,
    settings: &CertificateSettings,
) -> Result<PublicProduct, ServiceError> {
    // Each query is a round trip to the database's worker: the product comes with its subject.
    let (p, s) = match product::Entity::find_by_id(id)
        .find_also_related(subject::Entity)
        .one(db)
        .await?
    {
        Some((p, Some(s))) if s.status == SubjectStatus::Active => (p, s),
        _ => return Err(ServiceError::NotFound),
    };
    let group_name = product_group::Entity::find_by_id(p.product_group_id)
        .one(db)
        .await?
        .map(|g| g.name_vi)
        .unwrap_or_default();
    let commune_name = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(&s.commune_code))
        .one(db)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    // The current certificate: the newest one not replaced by another.
    let certificate = crate::services::certificates::register::current(db, id)
        .await?
        .map(|c| PublicCertificate {
            status: certificate::validity(
                c.valid_until,
                c.revoked_on.is_some(),
                today,
                settings.expiring_within_days,
            )
            .as_str()
            .to_owned(),
            number: c.number,
            stars: u8::try_from(c.stars).unwrap_or_default(),
            valid_until: crate::domain::dates::date(c.valid_until),
        });
    // The page shows the photos alone (not their files' names): one query.
    let photos = product_photo::Entity::find()
        .filter(product_photo::Column::ProductId.eq(id))
        .order_by_desc(product_photo::Column::IsCover)
        .order_by_asc(product_photo::Column::Sort)
        .all(db)
        .await?
        .into_iter()
        .map(|photo| photo.file_id)
        .collect();
    let link = p
        .gtin
        .as_deref()
        .and_then(|g| digital_link::for_gtin(g).ok())
        .map(|l| digital_link::build(base, &l));
    let qr_link = link
        .clone()
        .unwrap_or_else(|| format!("{base}/products/{id}"));
    let label_facts = crate::services::traceability::labels::public_facts(db, &p).await?;
    let points_of_sale = p
        .points_of_sale
        .as_deref()
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let documents = crate::services::traceability::public_documents::published(db, id).await?;
    Ok(PublicProduct {
        documents,
        points_of_sale,
        label_facts,
        id,
        name: p.name,
        group_name,
        subject_id: s.id,
        subject_name: s.name,
        subject_address: s.address,
        commune_name,
        description: p.description,
        story: p.story,
        net_quantity: p.net_quantity,
        shelf_life: p.shelf_life,
        raw_material_area: p.raw_material_area,
        price_min: p.price_min,
        price_max: p.price_max,
        photos,
        certificate,
        qr_svg: crate::documents::qr::svg(&qr_link),
        qr_link,
        barcode_svg: p.gtin.as_deref().and_then(ean13::svg),
        digital_link: link,
        gtin: p.gtin,
    })
}
