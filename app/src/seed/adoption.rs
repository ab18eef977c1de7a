//! The demo's subject that uses the system fully (issue 24): Đồng Bành, whose member signed in
//! three days ago, keeps its profile and every product complete (a description, a photo, a
//! GTIN, a label with nothing missing), through the same services a producer uses. Chi Lăng's
//! bar on the adoption page then shows a subject that counts, beside the many that do not yet,
//! and a trainer can show what "complete" looks like.
use std::collections::BTreeMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use crate::auth::Actor;
use crate::entities::{admin_unit, product, product_group, product_label, subject};
use crate::models::producers::subject_profile::SubjectProfileInput;
use crate::seed::labels::content_for;
use crate::seed::rounds::account;
use crate::services::files::store::FileStore;
use crate::services::files::uploads::{Upload, UploadLimits};
use crate::services::producers::{product_photos, subject_profile};
use crate::services::traceability::labels::{self, LabelInput};

/// The demo producer whose subject is complete.
const COMPLETE_PRODUCER: &str = "dongbanh@demo.vn";

fn failed(what: &'static str) -> impl Fn(crate::services::ServiceError) -> DbErr {
    move |e| DbErr::Custom(format!("demo complete subject ({what}): {e}"))
}

/// Completes Đồng Bành's profile and products; returns how many products it completed.
///
/// # Errors
/// A database error, or a service refusing a step (a bug in this plan).
pub async fn seed_complete_subject(
    db: &DatabaseConnection,
    files: &dyn FileStore,
) -> Result<u64, DbErr> {
    let producer = account(db, COMPLETE_PRODUCER).await?;
    let Actor::User {
        subject_id: Some(subject_id),
        ..
    } = producer
    else {
        return Err(DbErr::Custom(format!("{COMPLETE_PRODUCER} has no subject")));
    };
    let Some(s) = subject::Entity::find_by_id(subject_id).one(db).await? else {
        return Err(DbErr::RecordNotFound(format!("subject {subject_id}")));
    };
    subject_profile::update_profile(db, &producer, profile(&s), None)
        .await
        .map_err(failed("profile"))?;
    let commune = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(s.commune_code.clone()))
        .one(db)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    let products = product::Entity::find()
        .filter(product::Column::SubjectId.eq(subject_id))
        .order_by_asc(product::Column::Id)
        .all(db)
        .await?;
    let mut completed = 0;
    for p in products {
        describe(db, &p).await?;
        let photo = Upload {
            name: format!("san-pham-{}.png", p.id),
            bytes: crate::seed::dossiers::demo_png(p.id * 13),
        };
        product_photos::add_photo(
            db,
            files,
            &UploadLimits::default(),
            &producer,
            p.id,
            photo,
            None,
        )
        .await
        .map_err(failed("photo"))?;
        relabel(db, &producer, &p, &s, &commune).await?;
        completed += 1;
    }
    Ok(completed)
}

/// The profile as the cooperative's director would fill it in.
fn profile(s: &subject::Model) -> SubjectProfileInput {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    SubjectProfileInput {
        subject_id: s.id,
        version: s.version,
        name: s.name.clone(),
        subject_type: s.subject_type.clone(),
        tax_code: s
            .tax_code
            .clone()
            .unwrap_or_else(|| "4900 801 234".to_owned()),
        address: text(&s.address),
        legal_representative: "Lộc Văn Bành".to_owned(),
        phone: "0912 801 234".to_owned(),
        email: COMPLETE_PRODUCER.to_owned(),
        founded_year: "2017".to_owned(),
        member_count: "27".to_owned(),
        local_workers: "35".to_owned(),
        introduction: "Hợp tác xã của 27 hộ trồng và chế biến nông sản trên đất Chi Lăng: \
                       vùng nguyên liệu riêng, sơ chế và đóng gói tại xưởng của hợp tác xã, \
                       bán qua cửa hàng OCOP của tỉnh và các sàn thương mại điện tử."
            .to_owned(),
        latitude: "21.6581".to_owned(),
        longitude: "106.6267".to_owned(),
        ..Default::default()
    }
}

/// A description where the press record had none; saving it dates the product's information.
async fn describe(db: &DatabaseConnection, p: &product::Model) -> Result<(), DbErr> {
    let mut row: product::ActiveModel = p.clone().into();
    if p.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
        row.description = Set(Some(format!(
            "{} của HTX Đồng Bành: nguyên liệu từ vùng trồng của các hộ thành viên, \
             chế biến và đóng gói tại xưởng của hợp tác xã.",
            p.name
        )));
    }
    row.updated_at = Set(Some(crate::clock::now()));
    row.update(db).await?;
    Ok(())
}

/// The label written again without the faults the demo gives some labels to show.
async fn relabel(
    db: &DatabaseConnection,
    producer: &Actor,
    p: &product::Model,
    s: &subject::Model,
    commune: &str,
) -> Result<(), DbErr> {
    let group = product_group::Entity::find_by_id(p.product_group_id)
        .one(db)
        .await?
        .map(|g| g.code)
        .unwrap_or_default();
    if group.starts_with("VI") {
        return Ok(());
    }
    let label = product_label::Entity::find_by_id(p.id).one(db).await?;
    let content: BTreeMap<String, String> = content_for(p, s, &group, commune, false)
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    let input = LabelInput {
        content,
        shows_mark: label.as_ref().is_some_and(|l| l.shows_ocop_mark),
        shown_stars: label
            .as_ref()
            .and_then(|l| l.shown_stars)
            .map(|n| n.to_string())
            .unwrap_or_default(),
        version: label.as_ref().map_or(0, |l| l.version),
    };
    labels::save(db, producer, p.id, input)
        .await
        .map_err(failed("label"))?;
    Ok(())
}
