//! Everything about one round in a fixed number of queries (one per table, whatever the number
//! of dossiers and members), and the standing of a member on a dossier computed from it. The
//! round pages, the scoring screen and the results table all read through this, so none of them
//! queries per dossier or per member.
use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::round::{Panel, Phase, Standing};
use crate::entities::{
    admin_unit, criteria_set, dossier, evaluation_round, product, round_conflict, round_dossier,
    round_member, score_sheet, subject, user_account,
};
use crate::services::ServiceError;

pub(crate) struct RoundData {
    pub round: evaluation_round::Model,
    pub phase: Phase,
    pub members: Vec<round_member::Model>,
    pub users: HashMap<i32, user_account::Model>,
    pub entries: Vec<round_dossier::Model>,
    pub dossiers: HashMap<i32, dossier::Model>,
    pub products: HashMap<i32, product::Model>,
    pub subjects: HashMap<i32, subject::Model>,
    pub commune_names: HashMap<String, String>,
    /// Declared conflicts: (dossier, user).
    pub declared: HashSet<(i32, i32)>,
    pub sheets: Vec<score_sheet::Model>,
    pub sets: HashMap<i32, criteria_set::Model>,
}

/// Loads round `id` with its members, dossiers, sheets and what they refer to.
///
/// # Errors
/// `NotFound`; a database error.
pub(crate) async fn load(db: &impl ConnectionTrait, id: i32) -> Result<RoundData, ServiceError> {
    let round = evaluation_round::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let phase = round.phase;
    let members = round_member::Entity::find()
        .filter(round_member::Column::RoundId.eq(id))
        .order_by_asc(round_member::Column::Id)
        .all(db)
        .await?;
    let entries = round_dossier::Entity::find()
        .filter(round_dossier::Column::RoundId.eq(id))
        .order_by_asc(round_dossier::Column::Id)
        .all(db)
        .await?;
    let users = by_id(
        user_account::Entity::find()
            .filter(user_account::Column::Id.is_in(members.iter().map(|m| m.user_id)))
            .all(db)
            .await?,
        |u| u.id,
    );
    let dossiers = by_id(
        dossier::Entity::find()
            .filter(dossier::Column::Id.is_in(entries.iter().map(|e| e.dossier_id)))
            .all(db)
            .await?,
        |d| d.id,
    );
    let products = by_id(
        product::Entity::find()
            .filter(product::Column::Id.is_in(dossiers.values().map(|d| d.product_id)))
            .all(db)
            .await?,
        |p| p.id,
    );
    let subjects = by_id(
        subject::Entity::find()
            .filter(subject::Column::Id.is_in(dossiers.values().map(|d| d.subject_id)))
            .all(db)
            .await?,
        |s| s.id,
    );
    let commune_codes: HashSet<&str> = dossiers.values().map(|d| d.commune_code.as_str()).collect();
    let commune_names = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.is_in(commune_codes))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.code, u.name))
        .collect();
    let declared = round_conflict::Entity::find()
        .filter(round_conflict::Column::RoundId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.dossier_id, c.user_id))
        .collect();
    let sheets = score_sheet::Entity::find()
        .filter(score_sheet::Column::RoundId.eq(id))
        .order_by_asc(score_sheet::Column::Id)
        .all(db)
        .await?;
    let sets = by_id(
        criteria_set::Entity::find()
            .filter(criteria_set::Column::Id.is_in(entries.iter().map(|e| e.criteria_set_id)))
            .all(db)
            .await?,
        |s| s.id,
    );
    Ok(RoundData {
        round,
        phase,
        members,
        users,
        entries,
        dossiers,
        products,
        subjects,
        commune_names,
        declared,
        sheets,
        sets,
    })
}

fn by_id<T>(rows: Vec<T>, id: impl Fn(&T) -> i32) -> HashMap<i32, T> {
    rows.into_iter().map(|r| (id(&r), r)).collect()
}

impl RoundData {
    pub fn member(&self, user_id: i32) -> Option<&round_member::Model> {
        self.members.iter().find(|m| m.user_id == user_id)
    }

    pub fn entry(&self, dossier_id: i32) -> Option<&round_dossier::Model> {
        self.entries.iter().find(|e| e.dossier_id == dossier_id)
    }

    pub fn sheet(&self, dossier_id: i32, user_id: i32) -> Option<&score_sheet::Model> {
        self.sheets
            .iter()
            .find(|s| s.dossier_id == dossier_id && s.user_id == user_id)
    }

    pub fn user_name(&self, user_id: i32) -> String {
        self.users
            .get(&user_id)
            .map(|u| u.full_name.clone())
            .unwrap_or_default()
    }

    pub fn product_name(&self, dossier_id: i32) -> String {
        self.dossiers
            .get(&dossier_id)
            .and_then(|d| self.products.get(&d.product_id))
            .map(|p| p.name.clone())
            .unwrap_or_default()
    }

    pub fn subject_name(&self, dossier_id: i32) -> String {
        self.dossiers
            .get(&dossier_id)
            .and_then(|d| self.subjects.get(&d.subject_id))
            .map(|s| s.name.clone())
            .unwrap_or_default()
    }

    pub fn commune_name(&self, dossier_id: i32) -> String {
        self.dossiers
            .get(&dossier_id)
            .and_then(|d| self.commune_names.get(&d.commune_code))
            .cloned()
            .unwrap_or_default()
    }

    /// Whether the member has a part in the dossier: a member of its subject, or living in or
    /// working for its commune (the account's commune). Found by the system, not declared.
    pub fn automatic_conflict(&self, user_id: i32, dossier_id: i32) -> bool {
        let (Some(user), Some(d)) = (self.users.get(&user_id), self.dossiers.get(&dossier_id))
        else {
            return false;
        };
        user.subject_id == Some(d.subject_id)
            || user.commune_code.as_deref() == Some(d.commune_code.as_str())
    }

    pub fn conflicted(&self, user_id: i32, dossier_id: i32) -> bool {
        self.declared.contains(&(dossier_id, user_id))
            || self.automatic_conflict(user_id, dossier_id)
    }

    /// The member's standing on the dossier (`None` if they are not a member).
    pub fn standing(&self, user_id: i32, dossier_id: i32) -> Option<Standing> {
        let member = self.member(user_id)?;
        let entry = self.entry(dossier_id)?;
        Some(Standing {
            panel: Panel::parse(&member.panel).unwrap_or(Panel::Council),
            assigned: member
                .group_code
                .as_deref()
                .is_none_or(|g| g == entry.group_code),
            conflicted: self.conflicted(user_id, dossier_id),
            own_sheet_submitted: self
                .sheet(dossier_id, user_id)
                .is_some_and(|s| s.submitted_at.is_some()),
            deferred: entry.deferred(),
        })
    }

    /// Council members who are assigned to the dossier and not conflicted.
    pub fn expected_council(&self, dossier_id: i32) -> Vec<i32> {
        self.members
            .iter()
            .filter(|m| m.panel == Panel::Council.as_str())
            .filter(|m| {
                self.standing(m.user_id, dossier_id)
                    .is_some_and(|s| s.assigned && !s.conflicted)
            })
            .map(|m| m.user_id)
            .collect()
    }
}
