//! Demo dossiers in every state across several communes (and three product ideas), with small generated PDF and image
//! documents, so a trainer can show each screen without preparing anything. They are made
//! through the real services, acting as the subjects' members and the communes' officers
//! (demo accounts are added where a subject or commune has none), so versions, comments,
//! history and notifications are what real use would leave.
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::auth::Actor;
use crate::auth::Role;
use crate::auth::current::to_actor;
use crate::domain::dossier::{DossierAction, DossierState};
use crate::domain::dossier_form::DossierFormInput;
use crate::domain::pre_assessment::{CriterionInput, PreAssessmentInput};
use crate::domain::status::AccountStatus;
use crate::entities::{dossier, product, user_account};
use crate::services::ServiceError;
use crate::services::dossiers::{commune_review, documents, filing, flow};
use crate::services::files::store::FileStore;
use crate::services::files::uploads::{Upload, UploadLimits};

/// (commune code, which of its products by id order, the state to bring it to).
const PLAN: &[(&str, usize, DossierState)] = &[
    ("06463", 1, DossierState::Submitted),
    ("06463", 2, DossierState::Returned),
    ("06463", 3, DossierState::Checked),
    ("06463", 4, DossierState::Forwarded),
    ("06046", 0, DossierState::Resubmitted),
    ("06046", 1, DossierState::Checked),
    ("06040", 0, DossierState::Draft),
    ("06040", 1, DossierState::Forwarded),
    ("06040", 2, DossierState::Forwarded),
    ("06385", 0, DossierState::Forwarded),
    ("06385", 1, DossierState::Withdrawn),
    ("06385", 2, DossierState::Forwarded),
    ("06046", 3, DossierState::Forwarded),
    ("06046", 2, DossierState::Forwarded),
    // Taken by last year's supplementary round and decided (`round_decided`, Lộc Bình).
    ("06529", 0, DossierState::Forwarded),
    ("06529", 1, DossierState::Forwarded),
    ("06529", 2, DossierState::Forwarded),
];

/// Adds the demo dossiers unless the database has dossiers already; returns how many.
///
/// # Errors
/// A database or file-store error, or a service refusing a step (a bug in this plan).
pub async fn seed_dossiers(db: &DatabaseConnection, files: &dyn FileStore) -> Result<u64, DbErr> {
    if dossier::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let province = account_with(db, user_account::Column::Role.eq(Role::ProvincialOfficer)).await?;
    let mut made = 0;
    for (commune, nth, target) in PLAN {
        let Some(p) = product::Entity::find()
            .filter(product::Column::CommuneCode.eq(*commune))
            .order_by_asc(product::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .nth(*nth)
        else {
            continue;
        };
        let owner = member_of(db, p.subject_id, commune, *nth).await?;
        let officer = officer_of(db, commune).await?;
        let province = province.as_ref().map(to_actor).unwrap_or(Actor::Anonymous);
        walk_to(db, files, &p, [&owner, &officer, &province], *target)
            .await
            .map_err(|e| {
                DbErr::Custom(format!(
                    "demo dossier for product {} ({commune} #{nth}): {e}",
                    p.id
                ))
            })?;
        made += 1;
    }
    ideas(db)
        .await
        .map_err(|e| DbErr::Custom(format!("demo ideas: {e}")))?;
    Ok(made)
}

/// Three product ideas: one waiting for Chi Lăng (from the demo producer Đồng Bành), one
/// accepted in Thất Khê, one declined with a reason in Hữu Lũng.
async fn ideas(db: &DatabaseConnection) -> Result<(), ServiceError> {
    use crate::domain::product_idea::IdeaInput;
    use crate::services::producers::ideas::{decide, submit};
    let plan = [
        ("dongbanh@demo.vn", "Mứt na Chi Lăng", "I.3", None),
        ("thachden@demo.vn", "Thạch đen đóng lon", "II.2", Some(true)),
        ("huulung@demo.vn", "Rau sấy Hữu Lũng", "I.2", Some(false)),
    ];
    for (email, name, group, decision) in plan {
        let Some(member) = account_with(db, user_account::Column::Email.eq(email)).await? else {
            continue;
        };
        let owner = to_actor(&member);
        let input = IdeaInput {
            name: name.into(),
            group_code: group.into(),
            description: format!("{name}: sản phẩm mới từ nguyên liệu của địa phương (minh họa)."),
            raw_materials: "Nguyên liệu trong xã".into(),
        };
        let (id, _) = submit(db, &owner, &input, None).await?;
        if let (Some(accept), Some(commune)) = (decision, member.commune_code.as_deref()) {
            let officer = officer_of(db, commune).await?;
            let comment = if accept {
                "Phù hợp định hướng phát triển sản phẩm của xã."
            } else {
                "Trùng với sản phẩm đã có của HTX; đề nghị hoàn thiện sản phẩm hiện có."
            };
            decide(db, &officer, id, 0, accept, comment, None).await?;
        }
    }
    Ok(())
}

/// Opens a dossier for `p` and takes it to `target` as its [owner, commune officer, provincial
/// officer] would, with generated documents; returns its id. (Also used by tests.)
///
/// # Errors
/// A service refusing a step.
pub async fn walk_to(
    db: &DatabaseConnection,
    files: &dyn FileStore,
    p: &product::Model,
    [owner, officer, province]: [&Actor; 3],
    target: DossierState,
) -> Result<i32, ServiceError> {
    use DossierAction as A;
    use DossierState as S;
    let cycle = if p.stars.is_some() {
        "re_recognition"
    } else {
        "first"
    };
    let id = filing::create_dossier(db, owner, p.id, cycle, None).await?;
    filing::save_form(
        db,
        owner,
        id,
        current_version(db, id).await?,
        &form(p),
        None,
    )
    .await?;
    let limits = UploadLimits::default();
    let (_, group) = filing::group_code_of(db, p.id).await?;
    for item in filing::checklist_for(db, &group.code, crate::clock::now()).await? {
        if item.mandatory || item.code == "product_story" {
            let upload = if item.code == "product_story" {
                Upload {
                    name: "anh-san-pham.png".into(),
                    bytes: demo_png(p.id),
                }
            } else {
                Upload {
                    name: format!("{}.pdf", item.code),
                    bytes: demo_pdf(&p.name, &item.name_en),
                }
            };
            documents::attach(db, files, &limits, owner, (id, &item.code), upload, None).await?;
        }
    }
    if target == S::Draft {
        return Ok(id);
    }
    let act = |actor: &Actor, action: A, note: &'static str| {
        let actor = actor.clone();
        async move {
            let v = current_version(db, id).await?;
            flow::act(db, &actor, id, v, action, note, None)
                .await
                .map(|_| ())
        }
    };
    act(owner, A::Submit, "").await?;
    match target {
        S::Submitted => {}
        S::Withdrawn => act(owner, A::Withdraw, "Chủ thể rút để hoàn thiện sản phẩm.").await?,
        S::Returned | S::Resubmitted => {
            commune_review::comment(
                db,
                officer,
                id,
                "business_plan",
                "Phương án kinh doanh chưa có số liệu thị trường năm nay.",
                None,
            )
            .await?;
            act(officer, A::Return, "Đề nghị bổ sung phương án kinh doanh.").await?;
            if target == S::Resubmitted {
                let upload = Upload {
                    name: "phuong-an-bo-sung.pdf".into(),
                    bytes: demo_pdf(&p.name, "Business plan, supplemented"),
                };
                documents::attach(
                    db,
                    files,
                    &limits,
                    owner,
                    (id, "business_plan"),
                    upload,
                    None,
                )
                .await?;
                act(owner, A::Resubmit, "Đã bổ sung số liệu thị trường.").await?;
            }
        }
        S::Checked | S::Forwarded | S::InEvaluation | S::Certified | S::NotReached => {
            commune_review::save_assessment(db, officer, id, &assessment(), None).await?;
            act(officer, A::MarkChecked, "").await?;
            if target != S::Checked {
                flow::forward(
                    db,
                    officer,
                    &[id],
                    "UBND xã đề xuất Sở NN&MT đánh giá, phân hạng sản phẩm.",
                    None,
                )
                .await?;
            }
            // Only a round takes a dossier into evaluation and decides it.
            if matches!(target, S::InEvaluation | S::Certified | S::NotReached) {
                crate::seed::round_decided::through_a_round(db, province, id, target).await?;
            }
        }
        S::Draft => {}
    }
    Ok(id)
}

async fn current_version(db: &DatabaseConnection, id: i32) -> Result<i32, DbErr> {
    Ok(dossier::Entity::find_by_id(id)
        .one(db)
        .await?
        .map_or(0, |d| d.version))
}

fn form(p: &product::Model) -> DossierFormInput {
    DossierFormInput {
        annual_output: "5 tấn/năm".into(),
        annual_revenue: "850".into(),
        workers: "12".into(),
        raw_material_source: p
            .raw_material_area
            .clone()
            .unwrap_or_else(|| "Vùng nguyên liệu của xã".into()),
        markets: "Lạng Sơn, Hà Nội, Bắc Ninh".into(),
        self_assessed_stars: p.stars.map(|s| s.to_string()).unwrap_or_default(),
    }
}

fn assessment() -> PreAssessmentInput {
    let c = |verdict: &str, why: &str| CriterionInput {
        verdict: verdict.into(),
        justification: why.into(),
    };
    PreAssessmentInput {
        criteria: [
            c("met", "Nguyên liệu thu mua trong xã, có hợp đồng liên kết."),
            c("met", "Sử dụng 12 lao động địa phương."),
            c(
                "met",
                "Ý tưởng từ nghề truyền thống của đồng bào Tày, Nùng.",
            ),
            c("met", "Bao bì thể hiện hoa văn thổ cẩm Lạng Sơn."),
        ],
        conclusion: "Đủ điều kiện đề xuất tỉnh đánh giá.".into(),
    }
}

/// An active member of the subject, made if it has none (`thanhvien.<commune>.<nth>@demo.vn`,
/// with the demo password).
async fn member_of(
    db: &DatabaseConnection,
    subject_id: i32,
    commune: &str,
    nth: usize,
) -> Result<Actor, DbErr> {
    let existing = account_with(db, user_account::Column::SubjectId.eq(subject_id)).await?;
    let account = match existing.filter(|a| a.status == AccountStatus::Active) {
        Some(a) => a,
        None => {
            new_account(
                db,
                &format!("thanhvien.{commune}.{nth}@demo.vn"),
                "Thành viên chủ thể (minh họa)",
                Role::Producer,
                commune,
                Some(subject_id),
            )
            .await?
        }
    };
    Ok(to_actor(&account))
}

/// The commune's officer, made if it has none.
pub async fn officer_of(db: &DatabaseConnection, commune: &str) -> Result<Actor, DbErr> {
    let existing = user_account::Entity::find()
        .filter(user_account::Column::Role.eq(Role::CommuneOfficer))
        .filter(user_account::Column::CommuneCode.eq(commune))
        .one(db)
        .await?;
    let account = match existing {
        Some(a) => a,
        None => {
            new_account(
                db,
                &format!("xa.{commune}@demo.vn"),
                "Cán bộ xã (minh họa)",
                Role::CommuneOfficer,
                commune,
                None,
            )
            .await?
        }
    };
    Ok(to_actor(&account))
}

async fn account_with(
    db: &DatabaseConnection,
    condition: sea_orm::sea_query::SimpleExpr,
) -> Result<Option<user_account::Model>, DbErr> {
    user_account::Entity::find()
        .filter(condition)
        .order_by_asc(user_account::Column::Id)
        .one(db)
        .await
}

async fn new_account(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
    role: Role,
    commune: &str,
    subject_id: Option<i32>,
) -> Result<user_account::Model, DbErr> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let hash = crate::auth::hashing::hash(crate::seed::demo::DEMO_PASSWORD.to_owned())
        .await
        .map_err(|e| DbErr::Custom(format!("{e:?}")))?
        .into_stored();
    user_account::ActiveModel {
        full_name: Set(name.to_owned()),
        email: Set(Some(email.to_owned())),
        password_hash: Set(hash),
        role: Set(role),
        commune_code: Set(Some(commune.to_owned())),
        subject_id: Set(subject_id),
        status: Set(AccountStatus::Active),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// A one-page PDF naming the product and the document (Helvetica: ASCII only, so the names
/// are written folded, without Vietnamese marks).
pub fn demo_pdf(product: &str, document: &str) -> Vec<u8> {
    let ascii = |s: &str| -> String {
        crate::domain::text::fold(s)
            .chars()
            .filter(|c| c.is_ascii() && !matches!(c, '(' | ')' | '\\'))
            .collect()
    };
    let content = format!(
        "BT /F1 20 Tf 60 760 Td (OCOP Lang Son - tai lieu minh hoa) Tj 0 -40 Td /F1 14 Tf ({}) Tj 0 -24 Td ({}) Tj ET",
        ascii(product),
        ascii(document)
    );
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A small picture (a coloured gradient, different per product) as PNG.
pub fn demo_png(seed: i32) -> Vec<u8> {
    let shade = (seed.unsigned_abs() % 200) as u8;
    let image = image::RgbImage::from_fn(480, 320, |x, y| {
        image::Rgb([shade.wrapping_add((x / 3) as u8), (y / 2) as u8, 120])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    let _ = image::DynamicImage::ImageRgb8(image).write_to(&mut out, image::ImageFormat::Png);
    out.into_inner()
}
