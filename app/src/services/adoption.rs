//! The adoption figures toward the province's target that every official and every subject
//! with OCOP products use the system fluently (`domain::adoption` for the rules): for the
//! province by commune, or for one commune, with the list of who is not there yet — and the
//! same list as CSV for the supervision team. Loaded in a fixed number of queries.
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::auth::{Action, Actor, Role};
use crate::domain::adoption::{
    ACTIVE_WITHIN_DAYS, OfficialUse, SubjectUse, active_user, percent, tally_officials,
    tally_subjects,
};
use crate::domain::audit_action::AuditAction;
use crate::domain::dates::day_in_vietnam;
use crate::domain::status::{AccountStatus, SubjectStatus};
use crate::entities::{
    audit_log, certificate, score_sheet, subject, training_attendee, user_account,
};
use crate::models::adoption::{AdoptionPage, AdoptionRow, MissingRow};
use crate::services::ServiceError;
use crate::services::master_data::units::commune_names;

/// What a commune officer does that counts as working in the system.
const OFFICER_WORK: [AuditAction; 5] = [
    AuditAction::DossierCheck,
    AuditAction::DossierForward,
    AuditAction::DossierReturn,
    AuditAction::DossierAssess,
    AuditAction::DossierComment,
];

/// A subject with OCOP products, as the figures see it.
struct SubjectFact {
    id: i32,
    name: String,
    commune: String,
    usage: SubjectUse,
    last_sign_in: Option<NaiveDate>,
}

/// An official, as the figures see them.
struct OfficialFact {
    id: i32,
    name: String,
    role: Role,
    commune: Option<String>,
    usage: OfficialUse,
    last_sign_in: Option<NaiveDate>,
}

struct Facts {
    subjects: Vec<SubjectFact>,
    officials: Vec<OfficialFact>,
    communes: HashMap<String, String>,
}

/// Everything the page counts, for every commune (the split is in memory).
async fn load(db: &impl ConnectionTrait, today: NaiveDate) -> Result<Facts, ServiceError> {
    // Subjects with a valid certificate today: "subjects with OCOP products".
    let holders: HashSet<i32> = certificate::Entity::find()
        .select_only()
        .column(certificate::Column::SubjectId)
        .filter(certificate::Column::RevokedOn.is_null())
        .filter(certificate::Column::SupersededBy.is_null())
        .filter(certificate::Column::ValidUntil.gte(today))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let subjects: Vec<subject::Model> = subject::Entity::find()
        .filter(subject::Column::Status.eq(SubjectStatus::Active))
        .filter(subject::Column::Id.is_in(holders.iter().copied()))
        .all(db)
        .await?;
    let ids: Vec<i32> = subjects.iter().map(|s| s.id).collect();
    let complete =
        crate::services::producers::completeness::of_subjects(db, Some(&ids), today).await?;
    let accounts = user_account::Entity::find().all(db).await?;
    let attended: Vec<(Option<i32>, Option<i32>)> = training_attendee::Entity::find()
        .select_only()
        .column(training_attendee::Column::UserId)
        .column(training_attendee::Column::SubjectId)
        .filter(training_attendee::Column::Attended.eq(true))
        .into_tuple()
        .all(db)
        .await?;
    let trained_users: HashSet<i32> = attended.iter().filter_map(|(u, _)| *u).collect();
    let mut trained_subjects: HashSet<i32> = attended.iter().filter_map(|(_, s)| *s).collect();
    let mut worked: HashSet<i32> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::ActorUserId)
        .filter(audit_log::Column::Action.is_in(OFFICER_WORK.map(|a| a.as_str())))
        .filter(audit_log::Column::ActorUserId.is_not_null())
        .distinct()
        .into_tuple::<Option<i32>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    worked.extend(
        score_sheet::Entity::find()
            .select_only()
            .column(score_sheet::Column::UserId)
            .filter(score_sheet::Column::SubmittedAt.is_not_null())
            .distinct()
            .into_tuple::<i32>()
            .all(db)
            .await?,
    );

    let enabled = |u: &user_account::Model| u.status == AccountStatus::Active;
    let last = |u: &user_account::Model| u.last_login_at.map(day_in_vietnam);
    // Each subject's members: enabled, active, the latest sign-in.
    let mut members: HashMap<i32, (bool, bool, Option<NaiveDate>)> = HashMap::new();
    for u in accounts.iter().filter(|u| u.role == Role::Producer) {
        let Some(s) = u.subject_id else { continue };
        let m = members.entry(s).or_default();
        m.0 |= enabled(u);
        m.1 |= active_user(enabled(u), last(u), today);
        m.2 = m.2.max(last(u));
        if trained_users.contains(&u.id) {
            trained_subjects.insert(s);
        }
    }
    let subjects = subjects
        .into_iter()
        .map(|s| {
            let (has_account, active, last_sign_in) =
                members.get(&s.id).copied().unwrap_or_default();
            SubjectFact {
                usage: SubjectUse {
                    has_account,
                    active,
                    complete: complete.get(&s.id).is_some_and(|c| c.complete()),
                    trained: trained_subjects.contains(&s.id),
                },
                id: s.id,
                name: s.name,
                commune: s.commune_code,
                last_sign_in,
            }
        })
        .collect();
    let officials = accounts
        .iter()
        .filter(|u| {
            matches!(
                u.role,
                Role::CommuneOfficer | Role::CouncilMember | Role::AdvisoryMember
            ) && u.status != AccountStatus::Rejected
        })
        .map(|u| OfficialFact {
            id: u.id,
            name: u.full_name.clone(),
            role: u.role,
            commune: u.commune_code.clone(),
            usage: OfficialUse {
                active: active_user(enabled(u), last(u), today),
                worked: worked.contains(&u.id),
                trained: trained_users.contains(&u.id),
            },
            last_sign_in: last(u),
        })
        .collect();
    Ok(Facts {
        subjects,
        officials,
        communes: commune_names(db).await?,
    })
}

/// The commune whose figures `actor` may see: their own for a commune officer (whatever was
/// asked), the asked one (or none) for the province.
fn scope(actor: &Actor, asked: Option<&str>) -> Result<(bool, Option<String>), ServiceError> {
    Ok(
        match crate::services::guards::commune_or_province(actor, Action::ViewAdoption)? {
            Some(own) => (false, Some(own)),
            None => {
                let asked = asked.map(str::trim).filter(|c| !c.is_empty());
                (true, asked.map(str::to_owned))
            }
        },
    )
}

fn date(day: Option<NaiveDate>) -> Option<String> {
    day.map(crate::domain::dates::date)
}

/// Who in `commune` (or, with none, the council and advisory members) is not there yet.
fn missing(facts: &Facts, commune: Option<&str>) -> Vec<MissingRow> {
    let name_of = |code: &str| facts.communes.get(code).cloned().unwrap_or_default();
    let mut rows: Vec<MissingRow> = Vec::new();
    if let Some(code) = commune {
        rows.extend(
            facts
                .subjects
                .iter()
                .filter(|s| s.commune == code)
                .filter_map(|s| {
                    Some(MissingRow {
                        kind: "subject".into(),
                        id: s.id,
                        name: s.name.clone(),
                        unit: name_of(&s.commune),
                        missing: s.usage.missing()?,
                        last_sign_in: date(s.last_sign_in),
                        trained: s.usage.trained,
                    })
                }),
        );
    }
    rows.extend(
        facts
            .officials
            .iter()
            .filter(|o| match commune {
                Some(code) => o.role == Role::CommuneOfficer && o.commune.as_deref() == Some(code),
                None => o.role != Role::CommuneOfficer,
            })
            .filter_map(|o| {
                Some(MissingRow {
                    kind: "official".into(),
                    id: o.id,
                    name: o.name.clone(),
                    unit: crate::services::training::official_unit(
                        o.role,
                        o.commune.as_deref().map(&name_of).as_deref(),
                    ),
                    missing: o.usage.missing()?,
                    last_sign_in: date(o.last_sign_in),
                    trained: o.usage.trained,
                })
            }),
    );
    rows.sort_by(|a, b| {
        (a.kind.as_str(), a.missing.as_str(), &a.name).cmp(&(
            b.kind.as_str(),
            b.missing.as_str(),
            &b.name,
        ))
    });
    rows
}

/// The adoption page: the province's by commune (with one commune's list when asked), or a
/// commune officer's own commune.
///
/// # Errors
/// `Denied` for anyone but the province and commune officers; a database error.
pub async fn page(
    db: &impl ConnectionTrait,
    actor: &Actor,
    commune: Option<&str>,
    today: NaiveDate,
) -> Result<AdoptionPage, ServiceError> {
    let (province, selected) = scope(actor, commune)?;
    let facts = load(db, today).await?;
    let mut by_commune: BTreeMap<String, (Vec<SubjectUse>, Vec<OfficialUse>)> = BTreeMap::new();
    for s in &facts.subjects {
        by_commune
            .entry(s.commune.clone())
            .or_default()
            .0
            .push(s.usage);
    }
    for o in facts
        .officials
        .iter()
        .filter(|o| o.role == Role::CommuneOfficer)
    {
        if let Some(c) = &o.commune {
            by_commune.entry(c.clone()).or_default().1.push(o.usage);
        }
    }
    let name_of = |code: &str| facts.communes.get(code).cloned().unwrap_or_default();
    let mut rows: Vec<AdoptionRow> = by_commune
        .into_iter()
        .filter(|(code, _)| province || selected.as_deref() == Some(code))
        .map(|(code, (subjects, officers))| {
            let subjects = tally_subjects(subjects);
            AdoptionRow {
                name: name_of(&code),
                percent: percent(subjects.using, subjects.total),
                subjects,
                officers: tally_officials(officers),
                code,
            }
        })
        .collect();
    // The furthest from the target first: where the supervision team goes.
    rows.sort_by(|a, b| (a.percent, &a.name).cmp(&(b.percent, &b.name)));
    let in_scope = |commune: &str| province || selected.as_deref() == Some(commune);
    let subjects = tally_subjects(
        facts
            .subjects
            .iter()
            .filter(|s| in_scope(&s.commune))
            .map(|s| s.usage),
    );
    let officers = tally_officials(
        facts
            .officials
            .iter()
            .filter(|o| o.role == Role::CommuneOfficer)
            .filter(|o| o.commune.as_deref().is_some_and(in_scope))
            .map(|o| o.usage),
    );
    let council = if province {
        tally_officials(
            facts
                .officials
                .iter()
                .filter(|o| o.role != Role::CommuneOfficer)
                .map(|o| o.usage),
        )
    } else {
        Default::default()
    };
    Ok(AdoptionPage {
        scope_name: match (&selected, province) {
            (Some(code), false) => name_of(code),
            _ => "Tỉnh Lạng Sơn".into(),
        },
        province,
        percent: percent(subjects.using, subjects.total),
        rows,
        subjects,
        officers,
        council,
        missing: missing(&facts, selected.as_deref()),
        selected_name: selected.as_deref().map(name_of).unwrap_or_default(),
        selected,
        active_within_days: ACTIVE_WITHIN_DAYS,
    })
}

/// Who is not there yet as CSV — a commune's list, or (the province, asking for none) every
/// commune's and the council's — with the rule each row misses.
///
/// # Errors
/// As `page`.
pub async fn missing_csv(
    db: &impl ConnectionTrait,
    actor: &Actor,
    commune: Option<&str>,
    today: NaiveDate,
) -> Result<(String, Vec<u8>), ServiceError> {
    let (province, selected) = scope(actor, commune)?;
    let facts = load(db, today).await?;
    let mut rows = Vec::new();
    match (&selected, province) {
        (Some(code), _) => rows.extend(missing(&facts, Some(code))),
        (None, _) => {
            let mut codes: Vec<&String> = facts.subjects.iter().map(|s| &s.commune).collect();
            codes.extend(facts.officials.iter().filter_map(|o| o.commune.as_ref()));
            codes.sort();
            codes.dedup();
            for code in codes {
                rows.extend(missing(&facts, Some(code)));
            }
            rows.extend(missing(&facts, None));
        }
    }
    let cell = crate::domain::text::csv_cell;
    let mut out =
        String::from("\u{feff}Loại,Tên,Đơn vị,Còn thiếu,Đăng nhập gần nhất,Đã tập huấn\r\n");
    for r in rows {
        let kind = if r.kind == "subject" {
            "Chủ thể"
        } else {
            "Cán bộ"
        };
        out.push_str(&format!(
            "{},{},{},{},{},{}\r\n",
            kind,
            cell(&r.name),
            cell(&r.unit),
            cell(r.missing.label().0),
            r.last_sign_in.unwrap_or_default(),
            if r.trained { "Có" } else { "Chưa" }
        ));
    }
    let name = match &selected {
        Some(code) => format!("chua-su-dung-he-thong-{code}-{today}.csv"),
        None => format!("chua-su-dung-he-thong-{today}.csv"),
    };
    Ok((name, out.into_bytes()))
}
