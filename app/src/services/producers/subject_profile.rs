//! Subjects (chủ thể): the public profile of an active subject, kept by its members, and its
//! member accounts for those who may see them (its members, its commune's officers, the
//! province).
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::domain::status::SubjectStatus;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::subject_profile::{self, SubjectProfile};
use crate::entities::{admin_unit, product, subject, user_account};
use crate::models::producers::subject_profile::{
    SubjectMember, SubjectProduct, SubjectProfileInput, SubjectView,
};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::input::invalid;

/// A subject's page. An active subject is public; a pending or rejected one is shown only to
/// those who may see its members (anyone else gets `NotFound`, not a hint that it exists).
///
/// # Errors
/// `NotFound`; a database error.
pub async fn subject_view(
    db: &DatabaseConnection,
    actor: &Actor,
    subject_id: i32,
) -> Result<SubjectView, ServiceError> {
    let s = subject::Entity::find_by_id(subject_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let resource = Resource::Subject {
        id: s.id,
        commune_code: &s.commune_code,
    };
    let may_view_members = allowed(actor, Action::ViewSubject, resource).is_ok();
    let may_edit = allowed(actor, Action::EditSubject, resource).is_ok();
    let may_correct = allowed(actor, Action::CorrectSubject, resource).is_ok();
    let may_move = allowed(actor, Action::MoveSubject, resource).is_ok();
    if s.status != SubjectStatus::Active && !may_view_members {
        return Err(ServiceError::NotFound);
    }
    let commune_name = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(s.commune_code.as_str()))
        .one(db)
        .await?
        .map(|u| u.name)
        .unwrap_or_else(|| s.commune_code.clone());
    let rows = product::Entity::find()
        .filter(product::Column::SubjectId.eq(s.id))
        .order_by_asc(product::Column::NameFolded)
        .all(db)
        .await?;
    let covers =
        crate::services::producers::product_photos::covers(db, rows.iter().map(|p| p.id)).await?;
    let products = rows
        .into_iter()
        .map(|p| SubjectProduct {
            cover_file_id: covers.get(&p.id).copied(),
            id: p.id,
            name: p.name,
            stars: p.stars,
        })
        .collect();
    Ok(SubjectView {
        products,
        id: s.id,
        name: s.name,
        subject_type: s.subject_type,
        commune_code: s.commune_code,
        commune_name,
        address: s.address,
        tax_code: s.tax_code,
        status: s.status.as_str().to_owned(),
        legal_representative: s.legal_representative,
        phone: s.phone,
        email: s.email,
        website: s.website,
        founded_year: s.founded_year,
        member_count: s.member_count,
        local_workers: s.local_workers,
        introduction: s.introduction,
        latitude: s.latitude,
        longitude: s.longitude,
        version: s.version,
        may_view_members,
        may_edit,
        may_correct,
        may_move,
    })
}

/// The accounts acting for a subject, by name.
///
/// # Errors
/// `Denied` unless the actor is a member, an officer of its commune or provincial; `NotFound`.
pub async fn subject_members(
    db: &DatabaseConnection,
    actor: &Actor,
    subject_id: i32,
) -> Result<Vec<SubjectMember>, ServiceError> {
    let s = subject::Entity::find_by_id(subject_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let resource = Resource::Subject {
        id: s.id,
        commune_code: &s.commune_code,
    };
    allowed(actor, Action::ViewSubject, resource).map_err(ServiceError::Denied)?;
    Ok(user_account::Entity::find()
        .filter(user_account::Column::SubjectId.eq(subject_id))
        .order_by_asc(user_account::Column::FullName)
        .all(db)
        .await?
        .into_iter()
        .map(|a| {
            let account = Resource::Account {
                user_id: a.id,
                role: a.role,
                commune_code: a.commune_code.as_deref(),
            };
            SubjectMember {
                may_issue_link: a.status == crate::domain::status::AccountStatus::Active
                    && allowed(actor, Action::IssueResetLink, account).is_ok(),
                user_id: a.id,
                role: a.role,
                full_name: a.full_name,
                status: a.status.as_str().to_owned(),
                joined: crate::domain::dates::day(a.created_at),
            }
        })
        .collect())
}

/// Saves a subject's profile, if the form was loaded from the current version; audited with
/// the fields that changed. The commune is not editable here: moving a subject changes who
/// checks its dossiers, so the province does it (`subject_corrections::move_to_commune`).
///
/// # Errors
/// `Denied` unless the actor is an active member of the subject, an officer of its commune or
/// provincial; `NotFound`; `Invalid` naming the field; `Conflict(Reason::ChangedMeanwhile)` if
/// someone saved since the form was loaded.
pub async fn update_profile(
    db: &DatabaseConnection,
    actor: &Actor,
    input: SubjectProfileInput,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    let current = subject::Entity::find_by_id(input.subject_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let resource = Resource::Subject {
        id: current.id,
        commune_code: &current.commune_code,
    };
    // Its members keep it; its commune's officers and the province correct it.
    allowed(actor, Action::EditSubject, resource)
        .or_else(|_| allowed(actor, Action::CorrectSubject, resource))
        .map_err(ServiceError::Denied)?;
    let this_year = chrono::Datelike::year(&crate::clock::now());
    let profile = subject_profile::parse(&input, this_year)
        .map_err(|(field, reason)| invalid(field, reason))?;
    if let Some(tax_code) = &profile.tax_code {
        let other = subject::Entity::find()
            .filter(subject::Column::TaxCode.eq(tax_code.as_str()))
            .filter(subject::Column::Id.ne(current.id))
            .one(db)
            .await?;
        if other.is_some() {
            return Err(invalid("tax_code", Reason::TaxCodeTaken));
        }
    }
    let changed = changed_fields(&current, &profile);
    if changed.is_empty() {
        return Ok(());
    }
    let txn = db.begin().await?;
    // Only the version the form was loaded with is updated: a concurrent save makes this match
    // no row, and the second person is told instead of overwriting the first.
    let updated = subject::Entity::update_many()
        .col_expr(subject::Column::Name, profile.name.clone().into())
        .col_expr(
            subject::Column::SubjectType,
            profile.subject_type.clone().into(),
        )
        .col_expr(subject::Column::TaxCode, profile.tax_code.clone().into())
        .col_expr(subject::Column::Address, profile.address.clone().into())
        .col_expr(
            subject::Column::LegalRepresentative,
            profile.legal_representative.clone().into(),
        )
        .col_expr(subject::Column::Phone, profile.phone.clone().into())
        .col_expr(subject::Column::Email, profile.email.clone().into())
        .col_expr(subject::Column::Website, profile.website.clone().into())
        .col_expr(subject::Column::FoundedYear, profile.founded_year.into())
        .col_expr(subject::Column::MemberCount, profile.member_count.into())
        .col_expr(subject::Column::LocalWorkers, profile.local_workers.into())
        .col_expr(
            subject::Column::Introduction,
            profile.introduction.clone().into(),
        )
        .col_expr(subject::Column::Latitude, profile.latitude.into())
        .col_expr(subject::Column::Longitude, profile.longitude.into())
        .col_expr(subject::Column::Version, (input.version + 1).into())
        .filter(subject::Column::Id.eq(current.id))
        .filter(subject::Column::Version.eq(input.version))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ServiceError::Conflict(Reason::ChangedMeanwhile));
    }
    audit::append(
        &txn,
        Entry {
            actor_user_id: actor.user_id(),
            action: AuditAction::SubjectUpdate,
            target_type: "subject",
            target_id: Some(current.id.to_string()),
            summary: format!("{}: {}", profile.name, changed.join("; ")),
            ip,
            details: Default::default(),
        }
        .with("name", &profile.name)
        .with("fields", worded(&changed)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// "field: before → after" for each field the save changes (the audit summary).
/// The changes with each field by its name on the form, for the sentence of the audit entry.
fn worded(changed: &[String]) -> crate::domain::audit_details::Value {
    let (mut vi, mut en) = (Vec::new(), Vec::new());
    for change in changed {
        let (field, rest) = change.split_once(": ").unwrap_or((change, ""));
        let (name_vi, name_en) = match field {
            "name" => ("Tên", "Name"),
            "type" => ("Loại hình", "Type"),
            "tax_code" => ("Mã số thuế", "Tax code"),
            "address" => ("Địa chỉ", "Address"),
            "legal_representative" => ("Người đại diện", "Legal representative"),
            "phone" => ("Điện thoại", "Phone"),
            "email" => ("Thư điện tử", "E-mail"),
            "website" => ("Trang web", "Website"),
            "founded_year" => ("Năm thành lập", "Founded"),
            "member_count" => ("Số thành viên", "Members"),
            "local_workers" => ("Lao động địa phương", "Local workers"),
            "latitude" => ("Vĩ độ", "Latitude"),
            "longitude" => ("Kinh độ", "Longitude"),
            "introduction" => ("Giới thiệu", "Introduction"),
            other => (other, other),
        };
        let with = |name: &str| {
            if rest.is_empty() {
                name.to_owned()
            } else {
                format!("{name}: {rest}")
            }
        };
        vi.push(with(name_vi));
        en.push(with(name_en));
    }
    crate::domain::audit_details::Value::both(vi.join("; "), en.join("; "))
}

fn changed_fields(current: &subject::Model, new: &SubjectProfile) -> Vec<String> {
    fn show<T: std::fmt::Display>(value: &Option<T>) -> String {
        value
            .as_ref()
            .map_or_else(|| "—".to_owned(), ToString::to_string)
    }
    let pairs = [
        ("name", current.name.clone(), new.name.clone()),
        (
            "type",
            current.subject_type.clone(),
            new.subject_type.clone(),
        ),
        ("tax_code", show(&current.tax_code), show(&new.tax_code)),
        ("address", show(&current.address), show(&new.address)),
        (
            "legal_representative",
            show(&current.legal_representative),
            show(&new.legal_representative),
        ),
        ("phone", show(&current.phone), show(&new.phone)),
        ("email", show(&current.email), show(&new.email)),
        ("website", show(&current.website), show(&new.website)),
        (
            "founded_year",
            show(&current.founded_year),
            show(&new.founded_year),
        ),
        (
            "member_count",
            show(&current.member_count),
            show(&new.member_count),
        ),
        (
            "local_workers",
            show(&current.local_workers),
            show(&new.local_workers),
        ),
        ("latitude", show(&current.latitude), show(&new.latitude)),
        ("longitude", show(&current.longitude), show(&new.longitude)),
    ];
    let mut changed: Vec<String> = pairs
        .into_iter()
        .filter(|(_, before, after)| before != after)
        .map(|(field, before, after)| format!("{field}: {before} → {after}"))
        .collect();
    // The introduction is long: say that it changed, not what it was.
    if current.introduction != new.introduction {
        changed.push("introduction".to_owned());
    }
    changed
}
