//! The public face of a product: its page (`/products/{id}`, what a QR scan opens) and the
//! lookup of a GTIN for the Digital Link resolver. Only products of active subjects are shown.
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::domain::{certificate, digital_link, ean13};
use crate::entities::{admin_unit, product, product_group, subject};
use crate::models::products::{PublicCertificate, PublicProduct};
use crate::services::ServiceError;
use crate::services::certificates::CertificateSettings;

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
    let p = product::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let s = subject::Entity::find_by_id(p.subject_id)
        .one(db)
        .await?
        .filter(|s| s.status == "active")
        .ok_or(ServiceError::NotFound)?;
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
    let certificate = crate::services::certificates::current(db, id)
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
            valid_until: c.valid_until.format("%d/%m/%Y").to_string(),
        });
    let photos = crate::services::product_photos::photos_of(db, id)
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
    let label_facts = crate::services::labels::public_facts(db, &p).await?;
    let points_of_sale = p
        .points_of_sale
        .as_deref()
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let documents = crate::services::public_documents::published(db, id).await?;
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
        qr_svg: crate::services::qr::svg(&qr_link),
        qr_link,
        barcode_svg: p.gtin.as_deref().and_then(ean13::svg),
        digital_link: link,
        gtin: p.gtin,
    })
}

/// What the resolver needs of the product a Digital Link names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub product_id: i32,
    pub name: String,
    /// Its current certificate's number, if it has one (valid or not: the page says which).
    pub certificate: Option<String>,
}

/// The product whose GTIN, padded to 14 digits, is `gtin14`, if its subject is active.
///
/// # Errors
/// A database error.
pub async fn by_gtin14(
    db: &DatabaseConnection,
    gtin14: &str,
) -> Result<Option<Resolved>, ServiceError> {
    if gtin14.len() != 14 || !gtin14.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    // Stored as typed (8, 12, 13 or 14 digits): try each unpadded form.
    let forms: Vec<String> = [8, 12, 13, 14]
        .into_iter()
        .filter(|n| gtin14[..14 - n].bytes().all(|b| b == b'0'))
        .map(|n| gtin14[14 - n..].to_owned())
        .collect();
    let Some(p) = product::Entity::find()
        .filter(product::Column::Gtin.is_in(forms))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let active = subject::Entity::find_by_id(p.subject_id)
        .one(db)
        .await?
        .is_some_and(|s| s.status == "active");
    if !active {
        return Ok(None);
    }
    let certificate = crate::services::certificates::current(db, p.id)
        .await?
        .map(|c| c.number);
    Ok(Some(Resolved {
        product_id: p.id,
        name: p.name,
        certificate,
    }))
}
