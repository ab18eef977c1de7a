//! The demo's training and use of the system (issue 24): the Department's session for
//! officials six weeks ago, where Tràng Định's officer did not come, and Chi Lăng's session for
//! producers three weeks ago, with Đồng Bành's member and a farmer without an account yet —
//! listed by phone, so a trainer can show the link by registering with it; and sign-ins spread
//! over the last months, so the adoption page has active, lapsed and never-seen accounts.
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter};

use crate::auth::Actor;
use crate::entities::{training_session, user_account};
use crate::models::training::{AttendanceInput, AttendeeInput, TrainingInput};
use crate::seed::calendar::DemoCalendar;
use crate::seed::rounds::account;
use crate::services::training::{attendance, sessions};

/// The phone the demo's farmer without an account was listed with.
pub const DEMO_UNREGISTERED_PHONE: &str = "0987 654 321";

fn failed(what: &'static str) -> impl Fn(crate::services::ServiceError) -> DbErr {
    move |e| DbErr::Custom(format!("demo training ({what}): {e}"))
}

fn by_account(session_id: i32, who: &Actor) -> AttendeeInput {
    AttendeeInput {
        session_id,
        user_id: who.user_id().unwrap_or_default().to_string(),
        ..Default::default()
    }
}

/// Adds the demo's two sessions unless there are some; returns how many.
///
/// # Errors
/// A database error, or a service refusing a step (a bug in this plan).
pub async fn seed_training(db: &DatabaseConnection) -> Result<u64, DbErr> {
    if training_session::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let calendar = DemoCalendar::now();
    let today = calendar.today();
    let province = account(db, "so.nnmt@demo.vn").await?;
    let chi_lang = account(db, "xa.chilang@demo.vn").await?;
    let officials = sessions::create(
        db,
        &province,
        &TrainingInput {
            title: "Vận hành hệ thống thông tin OCOP cho cán bộ xã và hội đồng (minh họa)".into(),
            held_on: calendar.days_ago(45).to_string(),
            mode: "in_person".into(),
            place: "Hội trường Sở Nông nghiệp và Môi trường, phường Lương Văn Tri".into(),
            audience: "officials".into(),
            topics: "Tiếp nhận và quản lý tài khoản; kiểm tra, chuyển hồ sơ; tổ chức đợt đánh giá \
                     và chấm điểm trên hệ thống; báo cáo định kỳ"
                .into(),
            trainer: "Lương Văn Sở".into(),
        },
        today,
    )
    .await
    .map_err(failed("officials"))?;
    let mut came = Vec::new();
    for (email, attended) in [
        ("xa.chilang@demo.vn", true),
        ("xa.trangdinh@demo.vn", false),
        ("hoidong@demo.vn", true),
        ("tuvan@demo.vn", true),
    ] {
        let who = account(db, email).await?;
        let id = attendance::add(db, &province, &by_account(officials, &who))
            .await
            .map_err(failed("officials' list"))?;
        if attended {
            came.push(id);
        }
    }
    attendance::tick(
        db,
        &province,
        &AttendanceInput {
            session_id: officials,
            attended: came,
        },
        today,
    )
    .await
    .map_err(failed("officials' ticks"))?;

    let producers = sessions::create(
        db,
        &chi_lang,
        &TrainingInput {
            title: "Chủ thể OCOP xã Chi Lăng: đăng nhập, cập nhật thông tin sản phẩm (minh họa)"
                .into(),
            held_on: calendar.days_ago(20).to_string(),
            mode: "in_person".into(),
            place: "Hội trường UBND xã Chi Lăng".into(),
            audience: "producers".into(),
            topics: "Đăng nhập, đăng ký tài khoản; cập nhật thông tin chủ thể và sản phẩm đầy đủ, \
                     chính xác; đăng ký ý tưởng sản phẩm"
                .into(),
            trainer: "Vi Văn Lăng".into(),
        },
        today,
    )
    .await
    .map_err(failed("producers"))?;
    let member = account(db, "dongbanh@demo.vn").await?;
    let listed = attendance::add(db, &chi_lang, &by_account(producers, &member))
        .await
        .map_err(failed("producers' list"))?;
    let farmer = attendance::add(
        db,
        &chi_lang,
        &AttendeeInput {
            session_id: producers,
            full_name: "Hoàng Văn Tú".into(),
            subject_name: "Hộ trồng na thôn Quán Thanh".into(),
            contact: DEMO_UNREGISTERED_PHONE.into(),
            ..Default::default()
        },
    )
    .await
    .map_err(failed("farmer"))?;
    attendance::tick(
        db,
        &chi_lang,
        &AttendanceInput {
            session_id: producers,
            attended: vec![listed, farmer],
        },
        today,
    )
    .await
    .map_err(failed("producers' ticks"))?;
    Ok(2)
}

/// Days since each demo account last signed in (`None`: never); the others stay as they are.
const SIGN_INS: [(&str, Option<u64>); 10] = [
    ("dongbanh@demo.vn", Some(3)),
    ("thachden@demo.vn", Some(120)),
    (DEMO_FIRST_TIMER, None),
    ("xa.chilang@demo.vn", Some(2)),
    ("xa.trangdinh@demo.vn", Some(100)),
    ("so.nnmt@demo.vn", Some(1)),
    ("hoidong@demo.vn", Some(20)),
    ("hoidong2@demo.vn", Some(200)),
    ("hoidong3@demo.vn", None),
    ("tuvan@demo.vn", Some(30)),
];

/// The demo account that has never signed in: the one a trainer shows the first-time tour with.
pub const DEMO_FIRST_TIMER: &str = "huulung@demo.vn";

/// Gives the demo accounts their sign-in history; all but the first-timer have seen their tour.
///
/// # Errors
/// A database error.
pub async fn seed_sign_ins(db: &DatabaseConnection) -> Result<(), DbErr> {
    let now = crate::clock::now();
    for (email, days) in SIGN_INS {
        let at = days.map(|d| now - chrono::Duration::days(i64::try_from(d).unwrap_or(0)));
        user_account::Entity::update_many()
            .col_expr(user_account::Column::LastLoginAt, Expr::value(at))
            .filter(user_account::Column::Email.eq(email))
            .exec(db)
            .await?;
    }
    user_account::Entity::update_many()
        .col_expr(user_account::Column::TourDoneAt, Expr::value(now))
        .filter(user_account::Column::Email.ne(DEMO_FIRST_TIMER))
        .exec(db)
        .await?;
    Ok(())
}
