//! A dossier that joined a round, with the criteria set it is scored against and, once
//! decided, its score and stars; or why it was left out of the round's decision.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round_dossier")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    pub dossier_id: i32,
    pub criteria_set_id: i32,
    /// The product's top-level group ("I"), for sub-councils.
    pub group_code: String,
    /// Tenths of a point, set by the decision.
    pub score: Option<i32>,
    pub stars: Option<i16>,
    /// The council's subtotal of each part, set by the decision (`DecidedParts` as JSON).
    pub parts_json: Option<String>,
    /// The council's remarks for the producer, written in deliberation.
    pub remarks: Option<String>,
    /// Why the officer left it out of the round's decision (kept once it is decided later).
    pub deferred_reason: Option<String>,
    /// The decision that ended it: the round's, or its own when it was decided later.
    pub decision_number: Option<String>,
    pub decision_date: Option<chrono::NaiveDate>,
    pub decision_signer: Option<String>,
}

impl Model {
    /// Left out of the round's decision and not decided since: its council sheets stay open.
    pub fn deferred(&self) -> bool {
        self.deferred_reason.is_some() && self.stars.is_none()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
