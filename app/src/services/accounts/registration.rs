//! Producer registration, its approval by the commune, and signing in.
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
use crate::services::input::{invalid, optional, required, taken, unique_to_field};

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
    let full_name = required(&input.full_name, "full_name", 200)?;
    let email = optional(&input.email)
        .map(|e| contact::normalize_email(e).ok_or(invalid("email", Reason::InvalidEmail)))
        .transpose()?;
    let phone = optional(&input.phone)
        .map(|p| contact::normalize_phone(p).ok_or(invalid("phone", Reason::InvalidPhone)))
        .transpose()?;
    if email.is_none() && phone.is_none() {
        return Err(invalid("phone", Reason::ContactRequired));
    }
    let context = [
        full_name.as_str(),
        phone.as_deref().unwrap_or(""),
        email.as_deref().unwrap_or(""),
    ];
    password::check(&input.password, &context)
        .map_err(|problem| invalid("password", problem.reason()))?;
    // Hashed before the transaction opens: Argon2 takes a while, and a write transaction held
    // open that long would stall every other writer (SQLite has one).
    let hash = hashing::hash(input.password).await?;
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
    let (subject, subject_is_new) = match input.subject {
        SubjectChoice::New(new) => (create_subject(&txn, new).await?, true),
        SubjectChoice::Join { subject_id } => {
            let existing = subject::Entity::find_by_id(subject_id)
                .one(&txn)
                .await?
                .filter(|s| s.status == SubjectStatus::Active)
                .ok_or(invalid("subject_id", Reason::UnknownSubject))?;
            (existing, false)
        }
    };
    let user = user_account::ActiveModel {
        full_name: Set(full_name.clone()),
        email: Set(email),
        phone: Set(phone),
        password_hash: Set(hash.into_stored()),
        role: Set(Role::Producer),
        commune_code: Set(Some(subject.commune_code.clone())),
        subject_id: Set(Some(subject.id)),
        status: Set(AccountStatus::Pending),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(unique_to_field)?;
    let what = if subject_is_new {
        "new subject"
    } else {
        "joins subject"
    };
    audit::append(
        &txn,
        Entry::account(
            None,
            "account.register",
            user.id,
            format!(
                "{full_name}: producer, {what} #{} {}, pending",
                subject.id, subject.name
            ),
            ip,
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(user.id)
}

async fn create_subject(
    db: &impl sea_orm::ConnectionTrait,
    new: NewSubjectInput,
) -> Result<subject::Model, ServiceError> {
    if !SUBJECT_TYPES.contains(&new.subject_type.as_str()) {
        return Err(invalid("subject_type", Reason::UnknownSubjectType));
    }
    let name = required(&new.name, "subject_name", 300)?;
    let commune = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(new.commune_code.trim()))
        .filter(admin_unit::Column::Level.eq("commune"))
        .filter(admin_unit::Column::ValidTo.is_null())
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
        created_at: Set(chrono::Utc::now()),
        status: Set(SubjectStatus::Pending),
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
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(unique_to_field)?;
    audit::append(
        &txn,
        Entry::account(
            None,
            "account.create_admin",
            user.id,
            format!("{full_name}: administrator, active (server create-admin)"),
            None,
        ),
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
    let mut row: user_account::ActiveModel = account.into();
    row.status = Set(account_status);
    row.status_reason = Set((!approve).then(|| reason.chars().take(1000).collect()));
    row.update(&txn).await?;
    audit::append(
        &txn,
        Entry::account(
            actor.user_id(),
            if approve {
                "account.approve"
            } else {
                "account.reject"
            },
            user_id,
            if approve {
                format!("{name}: pending → active")
            } else {
                format!("{name}: pending → rejected ({reason})")
            },
            ip,
        ),
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

/// Why signing in failed, as the person may be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInError {
    /// Unknown login or wrong password: the two are never told apart.
    WrongCredentials,
    Pending,
    Rejected(Option<String>),
    Locked,
    /// Every password check was taken for a while: try again in a moment.
    Busy,
    Db(String),
}

/// Checks a login (email or phone) and password, and returns the active account.
///
/// # Errors
/// See `SignInError`. The account's state is told only after the right password.
pub async fn authenticate(
    db: &DatabaseConnection,
    login: &str,
    password: &str,
) -> Result<user_account::Model, SignInError> {
    let column_value = if login.contains('@') {
        contact::normalize_email(login).map(|e| (user_account::Column::Email, e))
    } else {
        contact::normalize_phone(login).map(|p| (user_account::Column::Phone, p))
    };
    let account = match column_value {
        Some((column, value)) => user_account::Entity::find()
            .filter(column.eq(value))
            .one(db)
            .await
            .map_err(|e| SignInError::Db(e.to_string()))?,
        None => None,
    };
    let stored = account
        .as_ref()
        .map(|a| hashing::PasswordHash::from_stored(a.password_hash.clone()));
    if !hashing::verify(password.to_owned(), stored)
        .await
        .map_err(|_| SignInError::Busy)?
    {
        return Err(SignInError::WrongCredentials);
    }
    let account = account.ok_or(SignInError::WrongCredentials)?;
    match account.status {
        AccountStatus::Active => Ok(account),
        AccountStatus::Pending => Err(SignInError::Pending),
        AccountStatus::Rejected => Err(SignInError::Rejected(account.status_reason)),
        AccountStatus::Locked => Err(SignInError::Locked),
    }
}

/// The account behind a session, if it still exists and is active.
///
/// # Errors
/// A database error.
pub async fn find_active(
    db: &DatabaseConnection,
    user_id: i32,
) -> Result<Option<user_account::Model>, ServiceError> {
    Ok(user_account::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .filter(|a| a.status == AccountStatus::Active))
}

/// The key sign-in failures are counted under: the login as the account would be found.
pub fn login_key(login: &str) -> String {
    let login = login.trim();
    contact::normalize_email(login)
        .or_else(|| contact::normalize_phone(login))
        .unwrap_or_else(|| login.to_lowercase())
}

/// Audits the start of a burst of failed sign-ins for a login.
///
/// # Errors
/// A database error.
pub async fn record_failure_burst(
    db: &DatabaseConnection,
    login_key: &str,
    address: &str,
) -> Result<(), ServiceError> {
    let login: String = login_key.chars().take(254).collect();
    audit::append(
        db,
        Entry {
            actor_user_id: None,
            action: "account.login_failure_burst",
            target_type: "login",
            target_id: Some(login.chars().take(64).collect()),
            summary: format!("{login}: repeated wrong passwords, sign-in slowed down"),
            ip: Some(address.chars().take(64).collect()),
        },
    )
    .await?;
    Ok(())
}

/// Changes a user's own password after checking the current one, and cancels the password links
/// still open for the account; audited.
///
/// # Errors
/// `Invalid` on `current_password` (wrong) or `new_password` (rules, or unchanged); `NotFound` if
/// the account is no longer active; a database error.
pub async fn change_password(
    db: &DatabaseConnection,
    user_id: i32,
    current: &str,
    new: &str,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    let account = find_active(db, user_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let stored = hashing::PasswordHash::from_stored(account.password_hash.clone());
    if !hashing::verify(current.to_owned(), Some(stored)).await? {
        return Err(invalid("current_password", Reason::WrongPassword));
    }
    if new == current {
        return Err(invalid("new_password", Reason::SamePassword));
    }
    let context = [
        account.full_name.as_str(),
        account.phone.as_deref().unwrap_or(""),
        account.email.as_deref().unwrap_or(""),
    ];
    password::check(new, &context).map_err(|problem| invalid("new_password", problem.reason()))?;
    let hash = hashing::hash(new.to_owned()).await?;
    let txn = db.begin().await?;
    let name = account.full_name.clone();
    let mut row: user_account::ActiveModel = account.into();
    row.password_hash = Set(hash.into_stored());
    row.password_changed_at = Set(Some(chrono::Utc::now()));
    row.update(&txn).await?;
    // Links issued before the owner chose a new password are cancelled with it.
    crate::services::accounts::reset_links::cancel_open_links(&txn, user_id).await?;
    audit::append(
        &txn,
        Entry::account(
            Some(user_id),
            "account.change_password",
            user_id,
            format!("{name}: password changed by its owner"),
            ip,
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
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
