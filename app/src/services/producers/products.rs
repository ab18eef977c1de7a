//! The product registry of a subject, kept by its members: create and edit products with their
//! specifications, price range and story. Saves name the version they were loaded from, so a
//! concurrent edit is refused rather than lost; every save is audited.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::domain::status::SubjectStatus;
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::gtin::to_gtin14;
use crate::domain::product_form::{self, ProductFields};
use crate::domain::text::fold;
use crate::entities::{product, product_group, subject};
use crate::models::producers::products::{ProductDetail, ProductInput, ProductRow};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::guards::member_subject;
use crate::services::input::invalid;

/// The subject's products, by name, for its members.
///
/// # Errors
/// `Denied` unless the actor is a member of the subject; `NotFound`.
pub async fn list_for_subject(
    db: &DatabaseConnection,
    actor: &Actor,
    subject_id: i32,
) -> Result<Vec<ProductRow>, ServiceError> {
    let owner = member_subject(db, actor, subject_id).await?;
    let groups = groups_by_id(db).await?;
    let today = crate::services::today_in_vietnam();
    Ok(product::Entity::find()
        .filter(product::Column::SubjectId.eq(owner.id))
        .order_by_asc(product::Column::NameFolded)
        .all(db)
        .await?
        .into_iter()
        .map(|p| {
            let (group_code, group_name) =
                groups.get(&p.product_group_id).cloned().unwrap_or_default();
            ProductRow {
                id: p.id,
                name: p.name,
                group_code,
                group_name,
                stars: p.stars,
                certified_year: p.certified_year,
                stars_valid: p.listed_until.is_some_and(|last| last >= today),
            }
        })
        .collect())
}

/// One product. Public for an active subject; otherwise for its members only.
///
/// # Errors
/// `NotFound` (also when the viewer may not see it).
pub async fn product_detail(
    db: &DatabaseConnection,
    actor: &Actor,
    product_id: i32,
) -> Result<ProductDetail, ServiceError> {
    let (p, owner) = product::Entity::find_by_id(product_id)
        .find_also_related(subject::Entity)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let owner = owner.ok_or(ServiceError::NotFound)?;
    let resource = Resource::Subject {
        id: owner.id,
        commune_code: &owner.commune_code,
    };
    let may_edit = allowed(actor, Action::EditSubject, resource).is_ok();
    if owner.status != SubjectStatus::Active && !may_edit {
        return Err(ServiceError::NotFound);
    }
    let (group_code, group_name) = groups_by_id(db)
        .await?
        .remove(&p.product_group_id)
        .unwrap_or_default();
    Ok(ProductDetail {
        id: p.id,
        subject_id: owner.id,
        name: p.name,
        group_code,
        group_name,
        stars: p.stars,
        description: p.description,
        net_quantity: p.net_quantity,
        packaging: p.packaging,
        shelf_life: p.shelf_life,
        price_min: p.price_min,
        price_max: p.price_max,
        raw_material_area: p.raw_material_area,
        story: p.story,
        points_of_sale: p.points_of_sale,
        photos: crate::services::producers::product_photos::photos_of(db, p.id).await?,
        max_upload_mb: crate::services::files::uploads::UploadLimits::default().max_bytes
            / (1024 * 1024),
        gtin: p.gtin,
        version: p.version,
        may_edit,
    })
}

/// Creates (`product_id` 0) or updates a product of the actor's subject; returns its id.
///
/// # Errors
/// `Denied` unless the actor is a member of the product's subject; `NotFound`; `Invalid`
/// naming the field (including an unknown group or a GTIN another product uses);
/// `Conflict(Reason::ChangedMeanwhile)` for a stale form.
pub async fn save_product(
    db: &DatabaseConnection,
    actor: &Actor,
    subject_id: i32,
    input: ProductInput,
    ip: Option<String>,
) -> Result<i32, ServiceError> {
    let owner = member_subject(db, actor, subject_id).await?;
    let fields = product_form::parse(&input).map_err(|(field, reason)| invalid(field, reason))?;
    let group = product_group::Entity::find()
        .filter(product_group::Column::Scheme.eq("148"))
        .filter(product_group::Column::Code.eq(fields.group_code.as_str()))
        .one(db)
        .await?
        .ok_or(invalid("group_code", Reason::UnknownGroup))?;
    // A retired group stays on the products filed under it, but no product newly takes it.
    if !crate::services::master_data::units::group_in_use_today(&group) {
        let kept = product::Entity::find_by_id(input.product_id)
            .one(db)
            .await?
            .is_some_and(|p| p.product_group_id == group.id);
        if !kept {
            return Err(invalid("group_code", Reason::UnknownGroup));
        }
    }
    if let Some(gtin) = &fields.gtin {
        let other = product::Entity::find()
            .filter(product::Column::Gtin.eq(gtin.as_str()))
            .filter(product::Column::Id.ne(input.product_id))
            .one(db)
            .await?;
        if other.is_some() {
            return Err(invalid("gtin", Reason::GtinTaken));
        }
    }
    let txn = db.begin().await?;
    let (id, action) = if input.product_id == 0 {
        (
            create(&txn, &owner, group.id, &fields).await?,
            AuditAction::ProductCreate,
        )
    } else {
        update(&txn, owner.id, group.id, &input, &fields).await?;
        (input.product_id, AuditAction::ProductUpdate)
    };
    audit::append(
        &txn,
        Entry {
            actor_user_id: actor.user_id(),
            action,
            target_type: "product",
            target_id: Some(id.to_string()),
            summary: format!("{} ({}), subject #{}", fields.name, group.code, owner.id),
            ip,
            details: Default::default(),
        }
        .with("product", &fields.name)
        .with(
            "group",
            crate::domain::audit_details::Value::both(&group.name_vi, &group.name_en),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

async fn create(
    txn: &impl ConnectionTrait,
    owner: &subject::Model,
    group_id: i32,
    f: &ProductFields,
) -> Result<i32, ServiceError> {
    let row = product::ActiveModel {
        name_folded: Set(fold(&f.name)),
        name: Set(f.name.clone()),
        subject_id: Set(owner.id),
        product_group_id: Set(group_id),
        commune_code: Set(owner.commune_code.clone()),
        data_source: Set("registered".to_owned()),
        created_at: Set(crate::clock::now()),
        description: Set(f.description.clone()),
        net_quantity: Set(f.net_quantity.clone()),
        packaging: Set(f.packaging.clone()),
        shelf_life: Set(f.shelf_life.clone()),
        price_min: Set(f.price_min),
        price_max: Set(f.price_max),
        raw_material_area: Set(f.raw_material_area.clone()),
        story: Set(f.story.clone()),
        gtin: Set(f.gtin.clone()),
        gtin14: Set(f.gtin.as_deref().map(to_gtin14)),
        points_of_sale: Set(f.points_of_sale.clone()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(row.id)
}

/// Updates only the version the form was loaded with, and only within the owner's products.
async fn update(
    txn: &impl ConnectionTrait,
    owner_id: i32,
    group_id: i32,
    input: &ProductInput,
    f: &ProductFields,
) -> Result<(), ServiceError> {
    let exists = product::Entity::find_by_id(input.product_id)
        .filter(product::Column::SubjectId.eq(owner_id))
        .one(txn)
        .await?
        .is_some();
    if !exists {
        return Err(ServiceError::NotFound);
    }
    let updated = product::Entity::update_many()
        .col_expr(product::Column::Name, f.name.clone().into())
        .col_expr(product::Column::NameFolded, fold(&f.name).into())
        .col_expr(product::Column::ProductGroupId, group_id.into())
        .col_expr(product::Column::Description, f.description.clone().into())
        .col_expr(product::Column::NetQuantity, f.net_quantity.clone().into())
        .col_expr(product::Column::Packaging, f.packaging.clone().into())
        .col_expr(product::Column::ShelfLife, f.shelf_life.clone().into())
        .col_expr(product::Column::PriceMin, f.price_min.into())
        .col_expr(product::Column::PriceMax, f.price_max.into())
        .col_expr(
            product::Column::RawMaterialArea,
            f.raw_material_area.clone().into(),
        )
        .col_expr(product::Column::Story, f.story.clone().into())
        .col_expr(product::Column::Gtin, f.gtin.clone().into())
        .col_expr(
            product::Column::Gtin14,
            f.gtin.as_deref().map(to_gtin14).into(),
        )
        .col_expr(
            product::Column::PointsOfSale,
            f.points_of_sale.clone().into(),
        )
        .col_expr(product::Column::Version, (input.version + 1).into())
        .col_expr(
            product::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(crate::clock::now()),
        )
        .filter(product::Column::Id.eq(input.product_id))
        .filter(product::Column::SubjectId.eq(owner_id))
        .filter(product::Column::Version.eq(input.version))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    Ok(())
}

/// (code, Vietnamese name) of every product group by id.
async fn groups_by_id(
    db: &DatabaseConnection,
) -> Result<HashMap<i32, (String, String)>, ServiceError> {
    Ok(product_group::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, (g.code, g.name_vi)))
        .collect())
}
