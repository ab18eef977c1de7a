//! Who may do what. One function decides — `allowed(actor, action, resource)` — and every server
//! function asks it before doing anything; pages ask it only to hide what would be refused.
use serde::{Deserialize, Serialize};

// Stored as its text (`as_str`): the account's field has this type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum Role {
    /// A member of an OCOP subject (chủ thể).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "producer"))]
    Producer,
    /// Bound to one commune.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "commune_officer"))]
    CommuneOfficer,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "provincial_officer"))]
    ProvincialOfficer,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "advisory_member"))]
    AdvisoryMember,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "council_member"))]
    CouncilMember,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "administrator"))]
    Administrator,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Producer,
        Role::CommuneOfficer,
        Role::ProvincialOfficer,
        Role::AdvisoryMember,
        Role::CouncilMember,
        Role::Administrator,
    ];

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Producer => "producer",
            Role::CommuneOfficer => "commune_officer",
            Role::ProvincialOfficer => "provincial_officer",
            Role::AdvisoryMember => "advisory_member",
            Role::CouncilMember => "council_member",
            Role::Administrator => "administrator",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == value)
    }

    /// The work area this role lands in after signing in.
    pub fn area(self) -> Area {
        match self {
            Role::Producer => Area::Producer,
            Role::CommuneOfficer => Area::Commune,
            Role::ProvincialOfficer => Area::Province,
            Role::AdvisoryMember | Role::CouncilMember => Area::Council,
            Role::Administrator => Area::Admin,
        }
    }
}

/// The work areas of the site (`/producer/…`, `/commune/…`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Area {
    Producer,
    Commune,
    Province,
    Council,
    Admin,
}

impl Area {
    pub const ALL: [Area; 5] = [
        Area::Producer,
        Area::Commune,
        Area::Province,
        Area::Council,
        Area::Admin,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Area::Producer => "/producer",
            Area::Commune => "/commune",
            Area::Province => "/province",
            Area::Council => "/council",
            Area::Admin => "/admin",
        }
    }
}

/// Who is asking. Only active accounts become `User`: a pending, rejected or locked account
/// never gets a session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    Anonymous,
    User {
        user_id: i32,
        role: Role,
        /// Set for commune officers (their commune) and producers (their subject's commune).
        commune_code: Option<String>,
        /// Set for producers.
        subject_id: Option<i32>,
    },
}

impl Actor {
    /// The signed-in account's id, if any (for the audit log).
    pub fn user_id(&self) -> Option<i32> {
        match self {
            Actor::User { user_id, .. } => Some(*user_id),
            Actor::Anonymous => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    ReadPublic,
    Register,
    SignIn,
    SignOut,
    ViewOwnAccount,
    ChangeOwnPassword,
    /// A subject's page with its member accounts.
    ViewSubject,
    /// Change a subject's profile and products (its own active members only).
    EditSubject,
    /// The queue of producer registrations of a commune.
    ReviewRegistrations,
    /// Approve or reject one registration.
    DecideRegistration,
    /// Create an account for an official (the resource's role says which).
    CreateAccount,
    ListAccounts,
    LockAccount,
    IssueResetLink,
    /// The e-mail outbox's page, and a test message to oneself.
    ViewMailOutbox,
    /// Create, list and revoke the open data API's tokens.
    ManageApiTokens,
    /// Register a producer who cannot do it themself (a commune officer, for their commune).
    RegisterForProducer,
    /// Give an official another role or commune (the new role must also pass `CreateAccount`).
    ChangeRole,
    ViewAuditLog,
    /// Read the criteria sets (the province, administrators, and the members who score).
    ViewCriteria,
    /// Edit or import criteria sets (a new version once a set is in use).
    ManageCriteria,
    /// Create rounds, set their members and dossiers, move their phases, decide, revoke.
    ManageRounds,
    /// Fill in score sheets (membership and assignment are checked against the round).
    ScoreDossiers,
    /// The certificate lists (expiring, expired, revoked, superseded).
    ViewCertificates,
    /// Edit master data such as the label checklist.
    ManageMasterData,
    /// Add, rename or retire product groups: administrators only, since the groups follow the
    /// national decision (148/QĐ-TTg).
    ManageProductGroups,
    /// Read a periodic report: a commune's (`Resource::Commune`) or the province's
    /// (`Resource::Nothing`).
    ViewReport,
    /// Write and submit it: the commune's own officers; the province's report, its officers.
    WriteReport,
    /// The communes' report statuses; return or accept a submitted report.
    ReviewReports,
    /// The dashboard of the province (`Nothing`), a commune, or a subject's own.
    ViewDashboard,
    /// Import subjects, products and certificates from the province's spreadsheets.
    ImportData,
    /// The registries of subjects and products: a commune's (`Resource::Commune`) or all.
    ViewRegistry,
    /// Correct a subject's profile or set it inactive and back: its commune's officers and
    /// the province.
    CorrectSubject,
    /// Move a subject to another commune (after a merger, say): the province only.
    MoveSubject,
    /// Plan, record and judge inspections of certified products: a commune's
    /// (`Resource::Commune`, its officers and the province) or every commune's (the province).
    Inspect,
    /// Record trade-promotion events and their participants' results: a commune's
    /// (`Resource::Commune`, its officers and the province) or the province's (`Nothing`).
    PromoteTrade,
    /// Record training sessions and their attendance: a commune's (`Resource::Commune`, its
    /// officers and the province) or the Department's (`Nothing`, the province).
    RunTraining,
    /// The adoption figures and the lists of who is missing: a commune's (its officers and
    /// the province) or the province's (`Nothing`).
    ViewAdoption,
    OpenArea(Area),
}

/// What the action is about, with what decides access to it: its locality and owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource<'a> {
    Nothing,
    Commune(&'a str),
    Subject {
        id: i32,
        commune_code: &'a str,
    },
    Account {
        user_id: i32,
        role: Role,
        commune_code: Option<&'a str>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denied {
    /// Anonymous: signing in may help.
    SignInRequired,
    /// Signed in, but this role or place may not.
    NotAllowed,
}

/// Decides whether `actor` may do `action` on `resource`.
///
/// # Errors
/// `SignInRequired` for an anonymous visitor asking for anything beyond public pages,
/// registering and signing in; `NotAllowed` otherwise.
pub fn allowed(actor: &Actor, action: Action, resource: Resource<'_>) -> Result<(), Denied> {
    use Action::*;
    use Role::*;
    let (user_id, role, own_commune, own_subject) = match actor {
        Actor::Anonymous => {
            return match action {
                ReadPublic | Register | SignIn => Ok(()),
                _ => Err(Denied::SignInRequired),
            };
        }
        Actor::User {
            user_id,
            role,
            commune_code,
            subject_id,
        } => (*user_id, *role, commune_code.as_deref(), *subject_id),
    };
    let in_commune = |commune: Option<&str>| {
        role == CommuneOfficer && own_commune.is_some() && own_commune == commune
    };
    let province_wide = matches!(role, ProvincialOfficer | Administrator);
    let yes = match (action, resource) {
        (ReadPublic | SignIn | SignOut | ViewOwnAccount | ChangeOwnPassword, _) => true,
        // Registration is for visitors; a signed-in user already has an account.
        (Register, _) => false,
        (EditSubject, Resource::Subject { id, .. }) => role == Producer && own_subject == Some(id),
        (CorrectSubject, Resource::Subject { commune_code, .. }) => {
            province_wide || in_commune(Some(commune_code))
        }
        (MoveSubject, Resource::Subject { .. }) => province_wide,
        (ViewSubject, Resource::Subject { id, commune_code }) => {
            province_wide || own_subject == Some(id) || in_commune(Some(commune_code))
        }
        // Every commune's queue at once: the province only.
        (ReviewRegistrations, Resource::Nothing) => province_wide,
        (ReviewRegistrations, Resource::Commune(commune)) => {
            province_wide || in_commune(Some(commune))
        }
        (
            DecideRegistration,
            Resource::Account {
                role: Producer,
                commune_code,
                ..
            },
        ) => province_wide || in_commune(commune_code),
        (CreateAccount, Resource::Account { role: target, .. }) => match role {
            Administrator => true,
            // A provincial officer creates officials, but no administrator and no producer
            // (producers register themselves and are approved by their commune).
            ProvincialOfficer => !matches!(target, Administrator | Producer),
            _ => false,
        },
        (RegisterForProducer, Resource::Nothing) => province_wide || role == CommuneOfficer,
        (RegisterForProducer, Resource::Commune(commune)) => {
            province_wide || in_commune(Some(commune))
        }
        // A commune officer gives password links to the producers of their commune only.
        (
            IssueResetLink,
            Resource::Account {
                role: Producer,
                commune_code,
                ..
            },
        ) if role == CommuneOfficer => in_commune(commune_code),
        (ListAccounts | ViewAuditLog | ViewMailOutbox, _) => province_wide,
        (ViewCriteria, _) => province_wide || matches!(role, AdvisoryMember | CouncilMember),
        (ManageCriteria | ManageMasterData, _) => province_wide,
        (ManageProductGroups | ManageApiTokens, _) => role == Administrator,
        (ManageRounds, _) => role == ProvincialOfficer,
        (ScoreDossiers, _) => matches!(role, AdvisoryMember | CouncilMember),
        (ViewCertificates, _) => province_wide,
        (ImportData, _) => province_wide,
        (ViewReport | ViewDashboard | ViewRegistry, Resource::Nothing) => province_wide,
        (ViewReport | ViewDashboard | ViewRegistry, Resource::Commune(commune)) => {
            province_wide || in_commune(Some(commune))
        }
        (ViewDashboard, Resource::Subject { id, .. }) => own_subject == Some(id),
        (WriteReport, Resource::Commune(commune)) => in_commune(Some(commune)),
        (Inspect | PromoteTrade | RunTraining | ViewAdoption, Resource::Nothing) => {
            role == ProvincialOfficer
        }
        (Inspect | PromoteTrade | RunTraining | ViewAdoption, Resource::Commune(commune)) => {
            role == ProvincialOfficer || in_commune(Some(commune))
        }
        (WriteReport, Resource::Nothing) | (ReviewReports, _) => role == ProvincialOfficer,
        (
            LockAccount | IssueResetLink | ChangeRole,
            Resource::Account {
                user_id: target,
                role: target_role,
                ..
            },
        ) => {
            // Nobody locks themselves out or changes a producer's role by hand; a provincial
            // officer leaves administrators alone and gives password links to those below.
            let officer_may = match action {
                IssueResetLink => matches!(target_role, CommuneOfficer | Producer),
                _ => target_role != Administrator,
            };
            target != user_id
                && !(action == ChangeRole && target_role == Producer)
                && (role == Administrator || (role == ProvincialOfficer && officer_may))
        }
        (OpenArea(area), _) => {
            area == role.area() || (area == Area::Admin && role == ProvincialOfficer)
        }
        _ => false,
    };
    if yes { Ok(()) } else { Err(Denied::NotAllowed) }
}

/// The side `actor` is on for a dossier of subject `subject_id` filed in `commune_code`: a
/// member of that subject, an officer of that commune, or a provincial officer. Anyone else
/// (other producers and communes, council members, administrators) has no part in it.
/// What each party may see and do is `domain::dossier`'s business.
pub fn dossier_party(
    actor: &Actor,
    subject_id: i32,
    commune_code: &str,
) -> Option<crate::domain::dossier::Party> {
    use crate::domain::dossier::Party;
    let Actor::User {
        role,
        commune_code: own_commune,
        subject_id: own_subject,
        ..
    } = actor
    else {
        return None;
    };
    match role {
        Role::Producer if *own_subject == Some(subject_id) => Some(Party::Owner),
        Role::CommuneOfficer if own_commune.as_deref() == Some(commune_code) => {
            Some(Party::Commune)
        }
        Role::ProvincialOfficer => Some(Party::Province),
        _ => None,
    }
}

/// The sides `actor` is on for an inspection of a product of subject `subject_id` in
/// `commune_code`: its members are the producer; the commune's officers inspect; a provincial
/// officer inspects and decides revocations. Empty for anyone else.
pub fn inspection_parties(
    actor: &Actor,
    subject_id: i32,
    commune_code: &str,
) -> Vec<crate::domain::inspection::Party> {
    use crate::domain::inspection::Party;
    let Actor::User {
        role,
        commune_code: own_commune,
        subject_id: own_subject,
        ..
    } = actor
    else {
        return Vec::new();
    };
    match role {
        Role::Producer if *own_subject == Some(subject_id) => vec![Party::Producer],
        Role::CommuneOfficer if own_commune.as_deref() == Some(commune_code) => {
            vec![Party::Inspector]
        }
        Role::ProvincialOfficer => vec![Party::Inspector, Party::Province],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
