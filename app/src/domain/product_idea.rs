//! Product-idea registration (phiếu đăng ký ý tưởng sản phẩm, step 2 of the OCOP cycle): a
//! producer proposes an idea, the commune accepts it or declines it with a reason, and an
//! accepted idea can become a product. Pure rules, shared by the server and pages.
use crate::domain::reason::Reason;
use serde::{Deserialize, Serialize};

use crate::domain::product_form::{FieldProblem, text};

// Stored as its text (`as_str`) in a plain string column: the entity's field has this type,
// so a query compares with the enum, never with a string literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum IdeaState {
    /// Waiting for the commune.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "submitted"))]
    Submitted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "accepted"))]
    Accepted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "declined"))]
    Declined,
}

impl IdeaState {
    pub const ALL: [IdeaState; 3] = [
        IdeaState::Submitted,
        IdeaState::Accepted,
        IdeaState::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IdeaState::Submitted => "submitted",
            IdeaState::Accepted => "accepted",
            IdeaState::Declined => "declined",
        }
    }

    pub fn parse(value: &str) -> Option<IdeaState> {
        IdeaState::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// The idea form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaInput {
    pub name: String,
    /// A product group or sub-group code of Decision 148.
    pub group_code: String,
    /// What the product is, who it is for, what makes it local.
    pub description: String,
    pub raw_materials: String,
}

/// Checks and trims the form.
///
/// # Errors
/// The first field that breaks a rule.
pub fn parse(input: &IdeaInput) -> Result<IdeaInput, FieldProblem> {
    Ok(IdeaInput {
        name: text(&input.name, "name", 300)?.ok_or(("name", Reason::Required))?,
        group_code: text(&input.group_code, "group_code", 16)?
            .ok_or(("group_code", Reason::Required))?,
        description: text(&input.description, "description", 4000)?
            .ok_or(("description", Reason::Required))?,
        raw_materials: text(&input.raw_materials, "raw_materials", 1000)?.unwrap_or_default(),
    })
}

/// The commune's decision: only a submitted idea is decided, and a decline needs a reason.
///
/// # Errors
/// `("state", Reason::ChangedMeanwhile)` for an idea already decided; `("comment", Reason::Required)`
/// for a decline without a reason.
pub fn decide(state: IdeaState, accept: bool, comment: &str) -> Result<IdeaState, FieldProblem> {
    if state != IdeaState::Submitted {
        return Err(("state", Reason::ChangedMeanwhile));
    }
    if !accept && comment.trim().is_empty() {
        return Err(("comment", Reason::Required));
    }
    Ok(if accept {
        IdeaState::Accepted
    } else {
        IdeaState::Declined
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_idea_needs_a_name_group_and_description() {
        let good = IdeaInput {
            name: " Trà hoa vàng ".into(),
            group_code: "I.5".into(),
            description: "Trà từ hoa vàng rừng Bình Liêu.".into(),
            raw_materials: String::new(),
        };
        assert_eq!(parse(&good).unwrap().name, "Trà hoa vàng");
        let mut bad = good.clone();
        bad.description = "  ".into();
        assert_eq!(parse(&bad), Err(("description", Reason::Required)));
    }

    #[test]
    fn only_waiting_ideas_are_decided_and_a_decline_says_why() {
        assert_eq!(
            decide(IdeaState::Submitted, true, ""),
            Ok(IdeaState::Accepted)
        );
        assert_eq!(
            decide(IdeaState::Submitted, false, " "),
            Err(("comment", Reason::Required))
        );
        assert_eq!(
            decide(IdeaState::Submitted, false, "Trùng sản phẩm"),
            Ok(IdeaState::Declined)
        );
        for state in [IdeaState::Accepted, IdeaState::Declined] {
            for accept in [true, false] {
                assert!(decide(state, accept, "x").is_err());
            }
            assert_eq!(IdeaState::parse(state.as_str()), Some(state));
        }
    }
}
