//! Where an account and a producer (subject) stand: a registration waits for the commune, is
//! approved or rejected; an account may later be locked. Stored as the text `as_str` gives.
use serde::{Deserialize, Serialize};

/// A user account's standing: only an active account signs in.
// Stored as its text in a plain string column: the entity's field has this type, so a query
// compares with the enum, never with a string literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum AccountStatus {
    /// A producer's registration, waiting for the commune.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "pending"))]
    Pending,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "active"))]
    Active,
    /// The commune refused the registration (with a reason).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rejected"))]
    Rejected,
    /// Locked by an officer (with a reason); unlocking makes it active again.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "locked"))]
    Locked,
}

impl AccountStatus {
    pub const ALL: [AccountStatus; 4] = [
        AccountStatus::Pending,
        AccountStatus::Active,
        AccountStatus::Rejected,
        AccountStatus::Locked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Pending => "pending",
            AccountStatus::Active => "active",
            AccountStatus::Rejected => "rejected",
            AccountStatus::Locked => "locked",
        }
    }

    pub fn parse(value: &str) -> Option<AccountStatus> {
        AccountStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// A producer's standing: its public pages, products and lots show only while it is active.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum SubjectStatus {
    /// Registered with its first member's account, waiting for the commune.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "pending"))]
    Pending,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "active"))]
    Active,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rejected"))]
    Rejected,
    /// Set inactive by its commune or the province (it stopped trading, merged, or was
    /// registered twice): hidden from the public, kept with its history; may be set active again.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "inactive"))]
    Inactive,
}

impl SubjectStatus {
    pub const ALL: [SubjectStatus; 4] = [
        SubjectStatus::Pending,
        SubjectStatus::Active,
        SubjectStatus::Rejected,
        SubjectStatus::Inactive,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SubjectStatus::Pending => "pending",
            SubjectStatus::Active => "active",
            SubjectStatus::Rejected => "rejected",
            SubjectStatus::Inactive => "inactive",
        }
    }

    pub fn parse(value: &str) -> Option<SubjectStatus> {
        SubjectStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }
}
