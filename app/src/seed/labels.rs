//! Demo labels: every demo product gets its label's content, written as such labels are, with
//! the OCOP mark and the stars of its certificate when it has one — so the expired and revoked
//! certificates of the demo set show the mark warning, as they would in the province. A few
//! labels carry typical faults (a date written year first, no ingredients) for trainers to
//! show, and the first certified products get a label artwork.
use std::collections::BTreeMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryOrder,
};

use crate::entities::{admin_unit, label_artwork, product, product_group, product_label, subject};
use crate::services::files::store::FileStore;
use crate::services::files::uploads::{self, Purpose, Upload, UploadLimits};

/// How many products get a demo artwork (each is a picture to re-encode).
const WITH_ARTWORK: usize = 12;

/// Adds the demo labels unless there are labels already; returns how many.
///
/// # Errors
/// A database error.
pub async fn seed_labels(db: &DatabaseConnection, files: &dyn FileStore) -> Result<u64, DbErr> {
    if product_label::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let products = product::Entity::find()
        .order_by_asc(product::Column::Id)
        .all(db)
        .await?;
    let groups: BTreeMap<i32, String> = product_group::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g.code))
        .collect();
    let communes: BTreeMap<String, String> = admin_unit::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.code, u.name))
        .collect();
    let mut made = 0;
    let mut artworks = 0;
    for p in products {
        let Some(s) = subject::Entity::find_by_id(p.subject_id).one(db).await? else {
            continue;
        };
        let group = groups.get(&p.product_group_id).cloned().unwrap_or_default();
        if group.starts_with("VI") {
            continue;
        }
        let commune = communes.get(&s.commune_code).cloned().unwrap_or_default();
        let content = content_for(&p, &s, &group, &commune, true);
        let certificate = crate::services::certificates::register::current(db, p.id)
            .await
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        product_label::ActiveModel {
            product_id: Set(p.id),
            content_json: Set(serde_json::to_string(&content).unwrap_or_default()),
            shows_ocop_mark: Set(certificate.is_some()),
            shown_stars: Set(certificate.as_ref().map(|c| c.stars)),
            version: Set(1),
            updated_by: Set(None),
            updated_at: Set(crate::clock::now()),
        }
        .insert(db)
        .await?;
        made += 1;
        if certificate.is_some() && artworks < WITH_ARTWORK {
            let upload = Upload {
                name: format!("nhan-{}.png", p.id),
                bytes: crate::seed::dossiers::demo_png(p.id * 7),
            };
            let limits = UploadLimits::default();
            let file = uploads::store(
                db,
                files,
                &limits,
                upload,
                (s.id, None),
                Purpose::LabelArtwork,
            )
            .await
            .map_err(|e| DbErr::Custom(e.to_string()))?;
            label_artwork::ActiveModel {
                product_id: Set(p.id),
                file_id: Set(file.id),
                version_no: Set(1),
                uploaded_by: Set(None),
                uploaded_at: Set(crate::clock::now()),
                ..Default::default()
            }
            .insert(db)
            .await?;
            artworks += 1;
        }
    }
    Ok(made)
}

/// A label's content as such labels are written; with `typical_faults`, some products' labels
/// get the faults trainers show.
pub(crate) fn content_for(
    p: &product::Model,
    s: &subject::Model,
    group: &str,
    commune: &str,
    typical_faults: bool,
) -> BTreeMap<&'static str, String> {
    let mut c = BTreeMap::new();
    c.insert("name", p.name.clone());
    c.insert(
        "organisation",
        format!(
            "{}, {}",
            s.name,
            s.address.clone().unwrap_or_else(|| commune.to_owned())
        ),
    );
    c.insert(
        "origin",
        format!("Sản xuất tại: {commune}, tỉnh Lạng Sơn, Việt Nam"),
    );
    let food = ["I", "II", "III"]
        .iter()
        .any(|g| group == *g || group.starts_with(&format!("{g}.")));
    if food {
        let liquor = group == "II.1" || group.starts_with("II.1.");
        let default_quantity = if liquor { "500 ml" } else { "500 g" };
        c.insert(
            "net_quantity",
            p.net_quantity
                .clone()
                .filter(|q| q.chars().any(|ch| ch.is_ascii_digit()))
                .unwrap_or_else(|| default_quantity.to_owned()),
        );
        // Every seventh label writes its dates year first — a fault the check names.
        let format = if typical_faults && p.id % 7 == 0 {
            "yyyy-mm-dd"
        } else {
            "dd-mm-yyyy"
        };
        c.insert("manufactured_on", format!("NSX: in trên bao bì ({format})"));
        c.insert(
            "expiry",
            format!(
                "HSD: {} kể từ ngày sản xuất; in trên bao bì ({format})",
                p.shelf_life
                    .clone()
                    .unwrap_or_else(|| "12 tháng".to_owned())
            ),
        );
        // Every eleventh leaves out the ingredients.
        if !typical_faults || p.id % 11 != 0 {
            c.insert(
                "ingredients",
                format!("100% {} (nguyên liệu địa phương)", p.name),
            );
        }
        c.insert(
            "instructions",
            "Bảo quản nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp. Đậy kín sau khi mở."
                .to_owned(),
        );
        if liquor {
            c.insert("ethanol", "29% vol".to_owned());
            c.insert("lot_code", "Số lô: in trên nắp chai".to_owned());
            c.insert(
                "warnings",
                "Không dùng cho người dưới 18 tuổi và phụ nữ mang thai. Đã uống rượu, bia thì không lái xe."
                    .to_owned(),
            );
        }
    } else if group.starts_with("IV") {
        c.insert("materials", "Tre, mây, gỗ tự nhiên".to_owned());
    }
    c
}
