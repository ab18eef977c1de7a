//! Product ideas as producers and communes see them.
use serde::{Deserialize, Serialize};

use crate::domain::product_idea::IdeaState;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaRow {
    pub id: i32,
    pub version: i32,
    pub name: String,
    pub group_code: String,
    pub description: String,
    pub raw_materials: String,
    pub subject_name: String,
    pub commune_name: String,
    pub state: IdeaState,
    pub commune_comment: Option<String>,
    /// The product it became, if any.
    pub product_id: Option<i32>,
    pub created_at: String,
    /// The viewer may accept or decline it now (its commune's officer, while it waits).
    pub may_decide: bool,
    /// The viewer may turn it into a product (its subject's member, once accepted).
    pub may_make_product: bool,
}
