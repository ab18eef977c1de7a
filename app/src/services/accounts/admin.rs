//! Account administration by administrators and provincial officers: officials' accounts,
//! the account list, one account's page, locking and role changes. Every change is audited in
//! the same transaction.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use crate::domain::status::AccountStatus;
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use crate::auth::{Action, Actor, Resource, Role, allowed, hashing};
use crate::domain::{contact, text};
use crate::entities::{admin_unit, subject, user_account};
use crate::models::accounts::admin::{
    ACCOUNTS_PER_PAGE, AccountDetail, AccountFilter, AccountPage, AccountRow, OfficialInput,
    ResetLink,
};
use crate::models::audit::AuditFilter;
use crate::services::ServiceError;
use crate::services::accounts::reset_links;
use crate::services::audit::{self, Entry};
use crate::services::input::{invalid, optional, required, taken, unique_to_field};
use crate::services::master_data::units::commune_names;

/// Creates an official's account (any role but producer), active, with no usable password:
/// the returned one-time link lets its owner set one.
///
/// # Errors
/// `Denied` unless the actor may create that role; `Invalid` naming the field (unknown role,
/// name, contact, commune, duplicates); a database error.
pub async fn create_official(
    db: &DatabaseConnection,
    actor: &Actor,
    input: OfficialInput,
    ip: Option<String>,
    delivery: reset_links::Delivery,
) -> Result<ResetLink, ServiceError> {
    // Who may create accounts at all is told before anything about the input.
    allowed(actor, Action::ListAccounts, Resource::Nothing).map_err(ServiceError::Denied)?;
    let role = Role::parse(&input.role)
        .filter(|r| *r != Role::Producer)
        .ok_or(invalid("role", Reason::UnknownRole))?;
    let resource = Resource::Account {
        user_id: 0,
        role,
        commune_code: None,
    };
    allowed(actor, Action::CreateAccount, resource).map_err(ServiceError::Denied)?;
    let full_name = required(&input.full_name, "full_name", 200)?;
    let email = optional(&input.email)
        .map(|e| contact::normalize_email(e).ok_or(invalid("email", Reason::InvalidEmail)))
        .transpose()?;
    let phone = optional(&input.phone)
        .map(|p| contact::normalize_phone(p).ok_or(invalid("phone", Reason::InvalidPhone)))
        .transpose()?;
    if email.is_none() && phone.is_none() {
        return Err(invalid("email", Reason::ContactRequired));
    }
    // A random password nobody knows: the account is usable only after the link is redeemed.
    // Hashed before the transaction opens, so the write lock is not held through Argon2.
    let unusable = hashing::hash(reset_links::random_token()).await?;
    let txn = db.begin().await?;
    let commune_code = commune_for(&txn, role, &input.commune_code).await?;
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
    let account = user_account::ActiveModel {
        full_name: Set(full_name.clone()),
        email: Set(email),
        phone: Set(phone),
        password_hash: Set(unusable.into_stored()),
        role: Set(role),
        commune_code: Set(commune_code.clone()),
        status: Set(AccountStatus::Active),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(unique_to_field)?;
    crate::services::training::attendance::link_account(&txn, &account).await?;
    let by = actor.user_id();
    let commune = match &commune_code {
        Some(code) => Some(audit::commune_name(&txn, code).await?),
        None => None,
    };
    audit::append(
        &txn,
        Entry::account(
            by,
            AuditAction::AccountCreate,
            account.id,
            format!(
                "{full_name}: {}{}, active",
                role.as_str(),
                commune_code.map(|c| format!(" of {c}")).unwrap_or_default()
            ),
            ip.clone(),
        )
        .with("name", &full_name)
        .with("role", role)
        .with("commune", commune.unwrap_or_default()),
    )
    .await?;
    let link = reset_links::issue(&txn, &account, by, ip, delivery).await?;
    txn.commit().await?;
    Ok(link)
}

/// A commune officer must name a current commune; other officials belong to the province.
async fn commune_for(
    db: &impl ConnectionTrait,
    role: Role,
    commune_code: &str,
) -> Result<Option<String>, ServiceError> {
    // A commune officer works for one commune; a council or advisory member may name the
    // commune they live in, so that its dossiers flag them as conflicted automatically.
    let code = match (role, optional(commune_code)) {
        (Role::CommuneOfficer, None) => return Err(invalid("commune_code", Reason::Required)),
        (Role::CommuneOfficer | Role::CouncilMember | Role::AdvisoryMember, Some(code)) => code,
        _ => return Ok(None),
    };
    let commune = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.eq(code))
        .filter(admin_unit::Column::Level.eq("commune"))
        .filter(crate::services::master_data::units::unit_in_force_today())
        .one(db)
        .await?
        .ok_or(invalid("commune_code", Reason::UnknownCommune))?;
    Ok(Some(commune.code))
}

/// One page of the accounts matching the filter, by name. The name/contact search folds
/// diacritics in memory: a province has thousands of accounts, not millions.
///
/// # Errors
/// `Denied` for anyone but administrators and provincial officers; a database error.
pub async fn list_accounts(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &AccountFilter,
) -> Result<AccountPage, ServiceError> {
    allowed(actor, Action::ListAccounts, Resource::Nothing).map_err(ServiceError::Denied)?;
    let mut query = user_account::Entity::find().order_by_asc(user_account::Column::FullName);
    if let Some(role) = Role::parse(filter.role.trim()) {
        query = query.filter(user_account::Column::Role.eq(role));
    }
    if let Some(status) = AccountStatus::parse(filter.status.trim()) {
        query = query.filter(user_account::Column::Status.eq(status));
    }
    let needle = text::fold(&filter.query);
    let accounts: Vec<_> = query
        .find_also_related(subject::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter(|(a, _)| needle.is_empty() || matches_search(a, &needle))
        .collect();
    let total = accounts.len();
    let pages = total.div_ceil(ACCOUNTS_PER_PAGE).max(1);
    let page = filter.page.clamp(1, pages);
    let communes = commune_names(db).await?;
    let rows = accounts
        .into_iter()
        .skip((page - 1) * ACCOUNTS_PER_PAGE)
        .take(ACCOUNTS_PER_PAGE)
        .filter_map(|(a, s)| to_row(a, s.map(|s| s.name), &communes))
        .collect();
    Ok(AccountPage {
        rows,
        total,
        page,
        pages,
    })
}

fn matches_search(account: &user_account::Model, needle: &str) -> bool {
    text::fold(&account.full_name).contains(needle)
        || account
            .email
            .as_deref()
            .is_some_and(|e| text::fold(e).contains(needle))
        || account
            .phone
            .as_deref()
            .is_some_and(|p| p.contains(&needle.replace(' ', "")))
}

/// One account as an officer sees it, with what they may do to it and its recent history.
///
/// # Errors
/// `Denied` for anyone but administrators and provincial officers; `NotFound`.
pub async fn account_detail(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
) -> Result<AccountDetail, ServiceError> {
    allowed(actor, Action::ListAccounts, Resource::Nothing).map_err(ServiceError::Denied)?;
    let (account, subject) = user_account::Entity::find_by_id(user_id)
        .find_also_related(subject::Entity)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let role = account.role;
    let resource = Resource::Account {
        user_id,
        role,
        commune_code: account.commune_code.as_deref(),
    };
    let may = |action| allowed(actor, action, resource).is_ok();
    let (may_lock, may_reset) = (may(Action::LockAccount), may(Action::IssueResetLink));
    let may_change_role = may(Action::ChangeRole);
    let assignable_roles = if may_change_role {
        Role::ALL
            .into_iter()
            .filter(|r| *r != Role::Producer && may_create(actor, *r))
            .collect()
    } else {
        Vec::new()
    };
    let history = audit::browse(
        db,
        actor,
        &AuditFilter {
            target_user_id: Some(user_id),
            page: 1,
            ..Default::default()
        },
    )
    .await?
    .rows;
    let communes = commune_names(db).await?;
    let status_reason = account.status_reason.clone();
    let created_at = crate::domain::dates::time(account.created_at);
    let commune_code = account.commune_code.clone();
    let subject_id = account.subject_id;
    let row = to_row(account, subject.map(|s| s.name), &communes).ok_or(ServiceError::NotFound)?;
    Ok(AccountDetail {
        account: row,
        commune_code,
        subject_id,
        status_reason,
        created_at,
        may_lock,
        may_reset,
        may_change_role,
        assignable_roles,
        history,
    })
}

fn may_create(actor: &Actor, role: Role) -> bool {
    let resource = Resource::Account {
        user_id: 0,
        role,
        commune_code: None,
    };
    allowed(actor, Action::CreateAccount, resource).is_ok()
}

/// Locks an active account (a reason is required; its sessions end at their next request) or
/// unlocks a locked one.
///
/// # Errors
/// `Denied`; `NotFound`; `Conflict(Reason::NotActive)` / `Conflict(Reason::NotLocked)`; `Invalid` for a
/// lock without a reason.
pub async fn set_locked(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    lock: bool,
    reason: &str,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    let txn = db.begin().await?;
    let (account, _) = crate::services::accounts::registration::account_for(
        &txn,
        actor,
        Action::LockAccount,
        user_id,
    )
    .await?;
    let (from, to) = if lock {
        (AccountStatus::Active, AccountStatus::Locked)
    } else {
        (AccountStatus::Locked, AccountStatus::Active)
    };
    if account.status != from {
        return Err(ServiceError::Conflict(if lock {
            Reason::NotActive
        } else {
            Reason::NotLocked
        }));
    }
    let reason = reason.trim();
    if lock && reason.is_empty() {
        return Err(invalid("reason", Reason::ReasonRequired));
    }
    let name = account.full_name.clone();
    let mut row: user_account::ActiveModel = account.into();
    row.status = Set(to);
    row.status_reason = Set(lock.then(|| reason.chars().take(1000).collect()));
    row.update(&txn).await?;
    let because = if reason.is_empty() {
        String::new()
    } else {
        format!(" ({reason})")
    };
    audit::append(
        &txn,
        Entry::account(
            actor.user_id(),
            if lock {
                AuditAction::AccountLock
            } else {
                AuditAction::AccountUnlock
            },
            user_id,
            format!("{name}: {} → {}{because}", from.as_str(), to.as_str()),
            ip,
        )
        .with("name", &name)
        .with("reason", reason.chars().take(1000).collect::<String>()),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Gives an official another role (and, for a commune officer, a commune).
///
/// # Errors
/// `Denied` unless the actor may change this account and create the new role; `NotFound`;
/// `Invalid` for an unknown role or commune.
pub async fn change_role(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    new_role: &str,
    commune_code: &str,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    let txn = db.begin().await?;
    let (account, role) = crate::services::accounts::registration::account_for(
        &txn,
        actor,
        Action::ChangeRole,
        user_id,
    )
    .await?;
    let new_role = Role::parse(new_role)
        .filter(|r| *r != Role::Producer)
        .ok_or(invalid("role", Reason::UnknownRole))?;
    if !may_create(actor, new_role) {
        return Err(ServiceError::Denied(crate::auth::Denied::NotAllowed));
    }
    let new_commune = commune_for(&txn, new_role, commune_code).await?;
    let before = describe(role, account.commune_code.as_deref());
    let after = describe(new_role, new_commune.as_deref());
    let name = account.full_name.clone();
    let old_commune = match &account.commune_code {
        Some(code) => Some(audit::commune_name(&txn, code).await?),
        None => None,
    };
    let new_commune_name = match &new_commune {
        Some(code) => Some(audit::commune_name(&txn, code).await?),
        None => None,
    };
    let mut row: user_account::ActiveModel = account.into();
    row.role = Set(new_role);
    row.commune_code = Set(new_commune);
    row.update(&txn).await?;
    audit::append(
        &txn,
        Entry::account(
            actor.user_id(),
            AuditAction::AccountRoleChange,
            user_id,
            format!("{name}: {before} → {after}"),
            ip,
        )
        .with("name", &name)
        .with("from", audit::role_at(role, old_commune.as_deref()))
        .with("to", audit::role_at(new_role, new_commune_name.as_deref())),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn describe(role: Role, commune: Option<&str>) -> String {
    match commune {
        Some(c) => format!("{} of {c}", role.as_str()),
        None => role.as_str().to_owned(),
    }
}

fn to_row(
    account: user_account::Model,
    subject_name: Option<String>,
    communes: &HashMap<String, String>,
) -> Option<AccountRow> {
    Some(AccountRow {
        user_id: account.id,
        role: account.role,
        commune_name: account
            .commune_code
            .as_ref()
            .map(|c| communes.get(c).cloned().unwrap_or_else(|| c.clone())),
        full_name: account.full_name,
        email: account.email,
        phone: account.phone,
        subject_name,
        status: account.status.as_str().to_owned(),
        last_login: account
            .last_login_at
            .map(crate::domain::dates::time)
            .unwrap_or_default(),
    })
}
