//! Producer registration (by the producer, or by their commune's officer on their behalf) and
//! its approval by the commune; administrators' accounts.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::domain::status::{AccountStatus, SubjectStatus};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use crate::auth::{Action, Actor, Resource, Role, allowed, hashing};
use crate::domain::{contact, password};
use crate::entities::{admin_unit, subject, user_account};
use crate::models::accounts::registration::{
    NewSubjectInput, PendingRegistration, RegistrationInput, SubjectChoice, SubjectOption,
};
use crate::services::ServiceError;
use crate::services::audit::{self, Entry};
use crate::services::input::{Problems, invalid, optional, required, taken, unique_to_field};

const SUBJECT_TYPES: [&str; 4] = ["DN", "HTX", "THT", "HO"];

/// Registers a producer account, waiting (`pending`) for an officer of the subject's commune.
/// A new subject is created pending too.
///
/// # Errors
/// `Invalid` naming the field for bad or duplicate input (email, phone, tax code); a database
/// error.
pub async fn register(
    db: &DatabaseConnection,
    input: RegistrationInput,
    ip: Option<String>,
) -> Result<i32, ServiceError> {
    Ok(create_producer(db, input, ip, None).await?.0.id)
}

/// A commune officer registers a producer of their commune who cannot do it themself: the
/// account and a new subject are active at once (the officer vouches for them), and the
/// producer sets a password with the returned one-time link — mailed, or printed and handed
/// over. The password typed in the form, if any, is ignored.
///
/// # Errors
/// `Denied` unless the subject is in the officer's commune (or the actor is provincial);
/// `Invalid` naming each wrong field, as for `register`; a database error.
pub async fn register_on_behalf(
    db: &DatabaseConnection,
    actor: &Actor,
    input: RegistrationInput,
    ip: Option<String>,
    delivery: crate::services::accounts::reset_links::Delivery,
) -> Result<crate::models::accounts::admin::ResetLink, ServiceError> {
    // Who may register for others at all is told before anything about the input.
    allowed(actor, Action::RegisterForProducer, Resource::Nothing).map_err(ServiceError::Denied)?;
    let (_, link) = create_producer(db, input, ip, Some((actor, delivery))).await?;
    link.ok_or(ServiceError::NotFound)
}

/// Creates a producer's account (and a new subject, or joins one). Without an officer: the
/// producer's own registration, pending. With one: active, and a one-time link to set the
/// password, issued in the same transaction.
async fn create_producer(
    db: &DatabaseConnection,
    input: RegistrationInput,
    ip: Option<String>,
    officer: Option<(&Actor, crate::services::accounts::reset_links::Delivery)>,
) -> Result<
    (
        user_account::Model,
        Option<crate::models::accounts::admin::ResetLink>,
    ),
    ServiceError,
> {
    // Every field is checked before anything is said, so the form shows all its problems.
    let mut problems = Problems::default();
    let full_name = problems.check(required(&input.full_name, "full_name", 200));
    let email = problems.check(
        optional(&input.email)
            .map(|e| contact::normalize_email(e).ok_or(invalid("email", Reason::InvalidEmail)))
            .transpose(),
    );
    let phone = problems.check(
        optional(&input.phone)
            .map(|p| contact::normalize_phone(p).ok_or(invalid("phone", Reason::InvalidPhone)))
            .transpose(),
    );
    if optional(&input.email).is_none() && optional(&input.phone).is_none() {
        problems.add("phone", Reason::ContactRequired);
    }
    let phone_text = phone.clone().flatten().unwrap_or_default();
    let email_text = email.clone().flatten().unwrap_or_default();
    let context = [full_name.as_deref().unwrap_or(""), &phone_text, &email_text];
    if officer.is_none() {
        problems.check(
            password::check(&input.password, &context)
                .map_err(|problem| invalid("password", problem.reason())),
        );
    }
    if let SubjectChoice::New(new) = &input.subject {
        problems.check(check_new_subject(new));
    }
    // Taken addresses are said with the rest (and checked again below, inside the transaction).
    if let Some(Some(email)) = &email
        && held(db, user_account::Column::Email, email).await?
    {
        problems.add("email", Reason::EmailTaken);
    }
    if let Some(Some(phone)) = &phone
        && held(db, user_account::Column::Phone, phone).await?
    {
        problems.add("phone", Reason::PhoneTaken);
    }
    problems.finish()?;
    let (Some(full_name), Some(email), Some(phone)) = (full_name, email, phone) else {
        return Err(invalid("", Reason::FormUnreadable));
    };
    // Hashed before the transaction opens: Argon2 takes a while, and a write transaction held
    // open that long would stall every other writer (SQLite has one). Registered by an officer:
    // a random password nobody knows, until the link is redeemed.
    let password = match officer {
        None => input.password,
        Some(_) => crate::services::accounts::reset_links::random_token(),
    };
    let hash = hashing::hash(password).await?;
    let txn = db.begin().await?;
    release_rejected(&txn, email.as_deref(), phone.as_deref()).await?;
    if let Some(email) = &email
        && taken(&txn, user_account::Column::Email, email).await?
    {
        return Err(invalid("email", Reason::EmailTaken));
    }
    if let Some(phone) = &phone
        && taken(&txn, user_account::Column::Phone, phone).await?
    {
        return Err(invalid("phone", Reason::PhoneTaken));
    }
    let (subject, subject_is_new) =
        subject_for(&txn, input.subject, officer.map(|(a, _)| a)).await?;
    let user = user_account::ActiveModel {
        full_name: Set(full_name.clone()),
        email: Set(email),
        phone: Set(phone),
        password_hash: Set(hash.into_stored()),
        role: Set(Role::Producer),
        commune_code: Set(Some(subject.commune_code.clone())),
        subject_id: Set(Some(subject.id)),
        status: Set(match officer {
            None => AccountStatus::Pending,
            Some(_) => AccountStatus::Active,
        }),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(unique_to_field)?;
    // Someone listed at a training by this phone or e-mail is now this account.
    crate::services::training::attendance::link_account(&txn, &user).await?;
    let what = if subject_is_new {
        "new subject"
    } else {
        "joins subject"
    };
    let by = officer.and_then(|(actor, _)| actor.user_id());
    audit::append(
        &txn,
        Entry::account(
            by,
            AuditAction::AccountRegister,
            user.id,
            format!(
                "{full_name}: producer, {what} #{} {}, {}",
                subject.id,
                subject.name,
                if officer.is_some() {
                    "registered by an officer, active"
                } else {
                    "pending"
                }
            ),
            ip.clone(),
        )
        .with("name", &full_name)
        .with("role", Role::Producer),
    )
    .await?;
    let link = match officer {
        Some((_, delivery)) => Some(
            crate::services::accounts::reset_links::issue(&txn, &user, by, ip, delivery).await?,
        ),
        None => None,
    };
    txn.commit().await?;
    Ok((user, link))
}

/// The subject a registration names: a new one (pending for the producer's own registration,
/// active when an officer registers), or an active one to join. An officer must be of its
/// commune.
async fn subject_for(
    txn: &impl sea_orm::ConnectionTrait,
    choice: SubjectChoice,
    officer: Option<&Actor>,
) -> Result<(subject::Model, bool), ServiceError> {
    let officer_may = |commune: &str| match officer {
        Some(actor) => allowed(
            actor,
            Action::RegisterForProducer,
            Resource::Commune(commune),
        )
        .map_err(ServiceError::Denied),
        None => Ok(()),
    };
    match choice {
        SubjectChoice::New(new) => {
            officer_may(new.commune_code.trim())?;
            let status = match officer {
                None => SubjectStatus::Pending,
                Some(_) => SubjectStatus::Active,
            };
            Ok((create_subject(txn, new, status).await?, true))
        }
        SubjectChoice::Join { subject_id } => {
            let existing = subject::Entity::find_by_id(subject_id)
                .one(txn)
                .await?
                .filter(|s| s.status == SubjectStatus::Active)
                .ok_or(invalid("subject_id", Reason::UnknownSubject))?;
            officer_may(&existing.commune_code)?;
            Ok((existing, false))
        }
    }
}

/// The checks of a new subject that need no database, so they join the person's problems.
fn check_new_subject(new: &NewSubjectInput) -> Result<(), ServiceError> {
    let mut problems = Problems::default();
    if !SUBJECT_TYPES.contains(&new.subject_type.as_str()) {
        problems.add("subject_type", Reason::UnknownSubjectType);
    }
    problems.check(required(&new.name, "subject_name", 300));
    if new.commune_code.trim().is_empty() {
        problems.add("commune_code", Reason::Required);
    }
    let tax_code = problems.check(
        optional(&new.tax_code)
            .map(|t| {
                contact::normalize_tax_code(t).ok_or(invalid("tax_code", Reason::InvalidTaxCode))
            })
            .transpose(),
    );
    if tax_code == Some(None) && new.subject_type != "HO" {
        problems.add("tax_code", Reason::TaxCodeRequired);
    }
    problems.finish()
}

async fn create_subject(
    db: &impl sea_orm::ConnectionTrait,
    new: NewSubjectInput,
    status: SubjectStatus,
) -> Result<subject::Model, ServiceError> {
    if !SUBJECT_TYPES.contains(&new.subject_type.as_str()) {
        return Err(invalid("subject_type", Reason::UnknownSubjectType));
    }
    let name = required(&new.name, "subject_name", 300)?;
    let commune = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(new.commune_code.trim()))
        .filter(admin_unit::Column::Level.eq("commune"))
        .filter(crate::services::master_data::units::unit_in_force_today())
        .one(db)
        .await?
        .ok_or(invalid("commune_code", Reason::UnknownCommune))?;
    let tax_code = optional(&new.tax_code)
        .map(|t| contact::normalize_tax_code(t).ok_or(invalid("tax_code", Reason::InvalidTaxCode)))
        .transpose()?;
    if tax_code.is_none() && new.subject_type != "HO" {
        return Err(invalid("tax_code", Reason::TaxCodeRequired));
    }
    if let Some(tax_code) = &tax_code {
        // A subject whose registration was rejected gives its tax code up.
        subject::Entity::update_many()
            .col_expr(subject::Column::TaxCode, Option::<String>::None.into())
            .filter(subject::Column::TaxCode.eq(tax_code.as_str()))
            .filter(subject::Column::Status.eq(SubjectStatus::Rejected))
            .exec(db)
            .await?;
        let exists = subject::Entity::find()
            .filter(subject::Column::TaxCode.eq(tax_code.as_str()))
            .one(db)
            .await?
            .is_some();
        if exists {
            return Err(invalid("tax_code", Reason::TaxCodeTaken));
        }
    }
    let address = optional(&new.address).map(|a| a.chars().take(500).collect());
    subject::ActiveModel {
        name: Set(name),
        subject_type: Set(new.subject_type),
        commune_code: Set(commune.code),
        address: Set(address),
        tax_code: Set(tax_code),
        data_source: Set("registered".to_owned()),
        created_at: Set(crate::clock::now()),
        status: Set(status),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(unique_to_field)
}

/// Creates an active administrator account: the first one comes from `server create-admin`.
///
/// # Errors
/// `Invalid` naming the field for a bad name, email or password, or an email already in use.
pub async fn create_admin(
    db: &DatabaseConnection,
    full_name: &str,
    email: &str,
    password: &str,
) -> Result<i32, ServiceError> {
    let full_name = required(full_name, "full_name", 200)?;
    let email = contact::normalize_email(email).ok_or(invalid("email", Reason::InvalidEmail))?;
    password::check(password, &[full_name.as_str(), email.as_str()])
        .map_err(|problem| invalid("password", problem.reason()))?;
    let hash = hashing::hash(password.to_owned()).await?;
    let txn = db.begin().await?;
    if taken(&txn, user_account::Column::Email, &email).await? {
        return Err(invalid("email", Reason::EmailTaken));
    }
    let user = user_account::ActiveModel {
        full_name: Set(full_name.clone()),
        email: Set(Some(email)),
        phone: Set(None),
        password_hash: Set(hash.into_stored()),
        role: Set(Role::Administrator),
        status: Set(AccountStatus::Active),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(unique_to_field)?;
    audit::append(
        &txn,
        Entry::account(
            None,
            AuditAction::AccountCreateAdmin,
            user.id,
            format!("{full_name}: administrator, active (server create-admin)"),
            None,
        )
        .with("name", &full_name),
    )
    .await?;
    txn.commit().await?;
    Ok(user.id)
}

/// Approves or rejects a pending producer registration (a reason is required to reject).
///
/// # Errors
/// `Denied` unless the actor may decide for the account's commune; `NotFound`; `Conflict` if
/// the account is no longer pending; `Invalid` for a rejection without a reason.
pub async fn decide_registration(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    approve: bool,
    reason: &str,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    let txn = db.begin().await?;
    let (account, _) = account_for(&txn, actor, Action::DecideRegistration, user_id).await?;
    if account.status != AccountStatus::Pending {
        return Err(ServiceError::Conflict(Reason::NotPending));
    }
    let reason = reason.trim();
    if !approve && reason.is_empty() {
        return Err(invalid("reason", Reason::ReasonRequired));
    }
    let (account_status, subject_status) = if approve {
        (AccountStatus::Active, SubjectStatus::Active)
    } else {
        (AccountStatus::Rejected, SubjectStatus::Rejected)
    };
    // A subject created by this registration shares its fate.
    if let Some(subject_id) = account.subject_id
        && let Some(s) = subject::Entity::find_by_id(subject_id).one(&txn).await?
        && s.status == SubjectStatus::Pending
    {
        let mut s: subject::ActiveModel = s.into();
        s.status = Set(subject_status);
        s.update(&txn).await?;
    }
    let name = account.full_name.clone();
    // The applicant cannot sign in to read a notification yet: they are told by e-mail.
    let (kind, about) = if approve {
        ("account.approved", name.as_str())
    } else {
        ("account.rejected", reason)
    };
    let link = crate::domain::mail_text::link_for(kind, None);
    crate::services::mail::enqueue(&txn, &account, kind, about, link).await?;
    let mut row: user_account::ActiveModel = account.into();
    row.status = Set(account_status);
    row.status_reason = Set((!approve).then(|| reason.chars().take(1000).collect()));
    row.update(&txn).await?;
    audit::append(
        &txn,
        Entry::account(
            actor.user_id(),
            if approve {
                AuditAction::AccountApprove
            } else {
                AuditAction::AccountReject
            },
            user_id,
            if approve {
                format!("{name}: pending → active")
            } else {
                format!("{name}: pending → rejected ({reason})")
            },
            ip,
        )
        .with("name", &name)
        .with("reason", reason.chars().take(1000).collect::<String>()),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Registrations waiting for a decision: for a commune officer those of their commune, for the
/// province all of them; oldest first.
///
/// # Errors
/// `Denied` for anyone else; a database error.
pub async fn pending_registrations(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<PendingRegistration>, ServiceError> {
    let commune = match actor {
        Actor::User {
            role: Role::CommuneOfficer,
            commune_code,
            ..
        } => commune_code.clone(),
        _ => None,
    };
    let resource = commune
        .as_deref()
        .map_or(Resource::Nothing, Resource::Commune);
    allowed(actor, Action::ReviewRegistrations, resource).map_err(ServiceError::Denied)?;
    let mut query = user_account::Entity::find()
        .filter(user_account::Column::Status.eq(AccountStatus::Pending))
        .filter(user_account::Column::Role.eq(Role::Producer))
        .order_by_asc(user_account::Column::CreatedAt)
        .order_by_asc(user_account::Column::Id);
    if let Some(commune) = &commune {
        query = query.filter(user_account::Column::CommuneCode.eq(commune.as_str()));
    }
    let rows = query.find_also_related(subject::Entity).all(db).await?;
    Ok(rows
        .into_iter()
        .map(|(a, s)| PendingRegistration {
            user_id: a.id,
            full_name: a.full_name,
            email: a.email,
            phone: a.phone,
            subject_name: s.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
            subject_is_new: s.is_some_and(|s| s.status == SubjectStatus::Pending),
            commune_code: a.commune_code.unwrap_or_default(),
            registered_at: crate::domain::dates::time(a.created_at),
        })
        .collect())
}

/// A subject's name.
///
/// # Errors
/// A database error.
pub async fn subject_name(
    db: &DatabaseConnection,
    subject_id: i32,
) -> Result<Option<String>, ServiceError> {
    Ok(subject::Entity::find_by_id(subject_id)
        .one(db)
        .await?
        .map(|s| s.name))
}

/// A commune's name by its code.
///
/// # Errors
/// A database error.
pub async fn commune_name(
    db: &DatabaseConnection,
    code: &str,
) -> Result<Option<String>, ServiceError> {
    Ok(admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(code))
        .one(db)
        .await?
        .map(|u| format!("{} {}", u.kind, u.name)))
}

/// Active subjects of a commune, by name.
///
/// # Errors
/// A database error.
pub async fn subjects_in_commune(
    db: &DatabaseConnection,
    commune_code: &str,
) -> Result<Vec<SubjectOption>, ServiceError> {
    Ok(subject::Entity::find()
        .filter(subject::Column::CommuneCode.eq(commune_code))
        .filter(subject::Column::Status.eq(SubjectStatus::Active))
        .order_by_asc(subject::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|s| SubjectOption {
            id: s.id,
            name: s.name,
        })
        .collect())
}

/// Whether an account that is not rejected holds this e-mail or phone (a rejected one gives
/// it up when someone registers with it).
async fn held(
    db: &impl sea_orm::ConnectionTrait,
    column: user_account::Column,
    value: &str,
) -> Result<bool, ServiceError> {
    Ok(user_account::Entity::find()
        .filter(column.eq(value))
        .filter(user_account::Column::Status.ne(AccountStatus::Rejected))
        .one(db)
        .await?
        .is_some())
}

/// A rejected registration does not keep its e-mail and phone from a new one: whoever
/// registers with them again takes them over (the rejected account keeps its reason, and can
/// no longer sign in by them).
async fn release_rejected(
    txn: &impl sea_orm::ConnectionTrait,
    email: Option<&str>,
    phone: Option<&str>,
) -> Result<(), ServiceError> {
    for (column, value) in [
        (user_account::Column::Email, email),
        (user_account::Column::Phone, phone),
    ] {
        if let Some(value) = value {
            user_account::Entity::update_many()
                .col_expr(column, Option::<String>::None.into())
                .filter(column.eq(value))
                .filter(user_account::Column::Status.eq(AccountStatus::Rejected))
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}

/// Loads an account and checks that `actor` may do `action` to it.
///
/// # Errors
/// `NotFound` (also for a role this version does not know); `Denied`; a database error.
pub(crate) async fn account_for(
    db: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    action: Action,
    user_id: i32,
) -> Result<(user_account::Model, Role), ServiceError> {
    let account = user_account::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let role = account.role;
    let resource = Resource::Account {
        user_id,
        role,
        commune_code: account.commune_code.as_deref(),
    };
    allowed(actor, action, resource).map_err(ServiceError::Denied)?;
    Ok((account, role))
}
