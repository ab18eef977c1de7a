//! "What to do next" at the top of each role's home: the counts of what waits for this user,
//! each a sentence with where to act. The producer, commune and province get the dashboard's
//! own list (one function, so the two never disagree) plus, for a producer, each lapsed
//! certificate by its number and what its profile and products lack; a council member gets
//! the products still to score in each open round; an administrator the accounts waiting or
//! locked. Only what is not zero is listed.
use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::auth::{Actor, Role};
use crate::domain::dossier::DossierState;
use crate::domain::status::AccountStatus;
use crate::entities::{certificate as cert, dossier, product, user_account};
use crate::models::reports::dashboard::ActionItem;
use crate::models::reports::periodic::Text;
use crate::services::ServiceError;
use crate::services::reports::dashboard::Level;
use crate::services::reports::dashboard_actions::actions;

/// How many lapsed certificates a producer's home names one by one.
const LAPSED_NAMED: u64 = 3;

/// What waits for `actor`, each line with a count above zero; empty when nothing does.
///
/// # Errors
/// `SignInRequired` for a visitor; a database error.
pub async fn next_steps(
    db: &DatabaseConnection,
    actor: &Actor,
    today: NaiveDate,
    expiring_within_days: i64,
) -> Result<Vec<ActionItem>, ServiceError> {
    let Actor::User {
        role,
        commune_code,
        subject_id,
        ..
    } = actor
    else {
        return Err(ServiceError::Denied(crate::auth::Denied::SignInRequired));
    };
    let mut items = match (role, commune_code, subject_id) {
        (Role::Producer, _, Some(id)) => {
            let mut items = actions(
                db,
                &Level::Producer(*id),
                None,
                today,
                expiring_within_days,
                None,
            )
            .await?;
            items.extend(producer_extras(db, *id, today).await?);
            items
        }
        (Role::CommuneOfficer, Some(code), _) => {
            let level = Level::Commune(code.clone());
            actions(db, &level, None, today, expiring_within_days, None).await?
        }
        (Role::ProvincialOfficer, _, _) => {
            actions(
                db,
                &Level::Province,
                None,
                today,
                expiring_within_days,
                None,
            )
            .await?
        }
        (Role::CouncilMember | Role::AdvisoryMember, _, _) => to_score(db, actor).await?,
        (Role::Administrator, _, _) => accounts(db).await?,
        _ => Vec::new(),
    };
    items.retain(|item| item.count > 0);
    Ok(items)
}

fn item(vi: String, en: String, count: u64, href: String) -> ActionItem {
    ActionItem {
        label: Text::new(vi, en),
        count: i64::try_from(count).unwrap_or(i64::MAX),
        href,
    }
}

/// Drafts not yet filed, and each certificate that has lapsed without a successor.
async fn producer_extras(
    db: &DatabaseConnection,
    subject_id: i32,
    today: NaiveDate,
) -> Result<Vec<ActionItem>, ServiceError> {
    let mut items = Vec::new();
    let drafts = dossier::Entity::find()
        .filter(dossier::Column::SubjectId.eq(subject_id))
        .filter(dossier::Column::State.eq(DossierState::Draft))
        .count(db)
        .await?;
    items.push(item(
        "Hồ sơ đang soạn, chưa nộp".into(),
        "Dossiers being drafted, not yet filed".into(),
        drafts,
        "/producer/dossiers".into(),
    ));
    items.extend(information_gaps(db, subject_id, today).await?);
    let lapsed = cert::Entity::find()
        .filter(cert::Column::SubjectId.eq(subject_id))
        .filter(cert::Column::RevokedOn.is_null())
        .filter(cert::Column::SupersededBy.is_null())
        .filter(cert::Column::ValidUntil.lt(today))
        .order_by_desc(cert::Column::ValidUntil)
        .paginate(db, LAPSED_NAMED)
        .fetch_page(0)
        .await?;
    for c in lapsed {
        let name = product::Entity::find_by_id(c.product_id)
            .one(db)
            .await?
            .map(|p| p.name)
            .unwrap_or_default();
        let until = crate::domain::dates::date(c.valid_until);
        items.push(item(
            format!(
                "Giấy chứng nhận {} ({name}) đã hết hạn ngày {until} — lập hồ sơ công nhận lại",
                c.number
            ),
            format!(
                "Certificate {} ({name}) expired on {until} — file a dossier for re-recognition",
                c.number
            ),
            1,
            "/producer/dossiers".into(),
        ));
    }
    Ok(items)
}

/// How many products the home names one by one for their missing information.
const GAPS_NAMED: usize = 5;

/// "chưa có ảnh sản phẩm; chưa có mã số mã vạch (GTIN)".
fn joined(labels: &[(&str, &str)], english: bool) -> String {
    labels
        .iter()
        .map(|(vi, en)| {
            let text = if english { en } else { vi };
            let mut chars = text.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_lowercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// What the subject's profile and products lack (`domain::completeness`): the profile's gaps,
/// then each product's — those of its form apart from its label's, as each is fixed on its
/// own page — and a line for the products past the first few.
async fn information_gaps(
    db: &DatabaseConnection,
    subject_id: i32,
    today: NaiveDate,
) -> Result<Vec<ActionItem>, ServiceError> {
    use crate::domain::completeness::ProductGap;
    let mut all =
        crate::services::producers::completeness::of_subjects(db, Some(&[subject_id]), today)
            .await?;
    let Some(gaps) = all.remove(&subject_id) else {
        return Ok(Vec::new());
    };
    let mut items = Vec::new();
    if let Some(first) = gaps.subject.first() {
        let labels: Vec<_> = gaps.subject.iter().map(|g| g.label()).collect();
        items.push(item(
            format!("Hồ sơ chủ thể: {}", joined(&labels, false)),
            format!("Subject profile: {}", joined(&labels, true)),
            gaps.subject.len() as u64,
            format!("/producer/subject#{}", first.field()),
        ));
    }
    let mut lacking = gaps.products.iter().filter(|(_, _, g)| !g.is_empty());
    for (id, name, product_gaps) in lacking.by_ref().take(GAPS_NAMED) {
        let (label, form): (Vec<ProductGap>, Vec<ProductGap>) = product_gaps
            .iter()
            .partition(|g| matches!(g, ProductGap::NoLabel | ProductGap::LabelFaults));
        for part in [form, label] {
            let Some(first) = part.first() else { continue };
            let labels: Vec<_> = part.iter().map(|g| g.label()).collect();
            items.push(item(
                format!("{name}: {}", joined(&labels, false)),
                format!("{name}: {}", joined(&labels, true)),
                part.len() as u64,
                first.href(*id),
            ));
        }
    }
    let rest = lacking.count();
    items.push(item(
        "Sản phẩm khác còn thiếu thông tin".into(),
        "More products with information missing".into(),
        rest as u64,
        "/producer/products".into(),
    ));
    Ok(items)
}

/// For each open round the member sits on, the products they have not yet scored.
async fn to_score(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<ActionItem>, ServiceError> {
    use crate::services::evaluation::rounds;
    let mut items = Vec::new();
    for round in rounds::list(db, actor).await? {
        if !matches!(round.phase.as_str(), "scoring" | "advisory_review") {
            continue;
        }
        let view = rounds::view(db, actor, round.id).await?;
        let waiting = view
            .dossiers
            .iter()
            .filter(|d| matches!(d.my_sheet.as_deref(), Some("none" | "draft")))
            .count();
        items.push(item(
            format!("Sản phẩm chờ bạn chấm — {}", round.name),
            format!("Products waiting for your score — {}", round.name),
            waiting as u64,
            format!("/rounds/{}", round.id),
        ));
    }
    Ok(items)
}

/// Accounts waiting for approval, and locked ones.
async fn accounts(db: &DatabaseConnection) -> Result<Vec<ActionItem>, ServiceError> {
    let count = |status: AccountStatus| {
        user_account::Entity::find()
            .filter(user_account::Column::Status.eq(status))
            .count(db)
    };
    Ok(vec![
        item(
            "Tài khoản đăng ký chờ xã duyệt".into(),
            "Registrations waiting for their commune".into(),
            count(AccountStatus::Pending).await?,
            "/admin/accounts?status=pending".into(),
        ),
        item(
            "Tài khoản đang bị khóa".into(),
            "Locked accounts".into(),
            count(AccountStatus::Locked).await?,
            "/admin/accounts?status=locked".into(),
        ),
    ])
}
