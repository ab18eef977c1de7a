//! Password links cannot be used to take over a peer: who may issue them, what redeeming one
//! tells the audit log, and what a password change does to links still open.
use app::services::accounts::reset_links::Delivery;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::entities::{audit_log, password_reset};

use crate::test_support::{account, demo_app, post_with_status, sign_in};

#[tokio::test]
async fn a_provincial_officer_cannot_issue_a_link_for_a_peer_or_the_council() {
    let app = demo_app(Default::default()).await;
    let province = sign_in(&app.router, "so.nnmt@demo.vn", None).await;
    for (target, allowed) in [
        ("hoidong@demo.vn", false),
        ("tuvan@demo.vn", false),
        ("quantri@demo.vn", false),
        ("xa.chilang@demo.vn", true),
        ("dongbanh@demo.vn", true),
    ] {
        let id = account(&app.db, target).await.id;
        let (status, answer, _) = post_with_status(
            &app.router,
            "/api/issue_reset_link",
            format!("user_id={id}"),
            Some(&province),
        )
        .await;
        assert_eq!(status == 200, allowed, "{target}: {status} {answer}");
    }
    // The administrator still issues them for everyone but themself.
    let admin = sign_in(&app.router, "quantri@demo.vn", None).await;
    let officer = account(&app.db, "so.nnmt@demo.vn").await.id;
    let (status, answer, _) = post_with_status(
        &app.router,
        "/api/issue_reset_link",
        format!("user_id={officer}"),
        Some(&admin),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
}

#[tokio::test]
async fn redeeming_a_link_names_who_issued_it_and_a_password_change_cancels_open_links() {
    let app = demo_app(Default::default()).await;
    let admin_account = account(&app.db, "quantri@demo.vn").await;
    let admin = app::auth::current::to_actor(&admin_account);
    let target = account(&app.db, "xa.chilang@demo.vn").await;
    let link = app::services::accounts::reset_links::issue_reset_link(
        &app.db,
        &admin,
        target.id,
        None,
        Delivery::HandOver,
    )
    .await
    .unwrap();
    let token = link.path.split("token=").nth(1).unwrap().to_owned();
    app::services::accounts::reset_links::redeem(&app.db, &token, "Mat-khau-moi-2026!", None)
        .await
        .unwrap();
    let entry = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("account.reset_password"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        entry.summary.contains(&admin_account.full_name),
        "{}",
        entry.summary
    );

    // A link issued, then the owner changes their own password: the link is gone.
    app::services::accounts::reset_links::issue_reset_link(
        &app.db,
        &admin,
        target.id,
        None,
        Delivery::HandOver,
    )
    .await
    .unwrap();
    app::services::accounts::credentials::change_password(
        &app.db,
        target.id,
        "Mat-khau-moi-2026!",
        "Mat-khau-khac-2027!",
        None,
    )
    .await
    .unwrap();
    let open = password_reset::Entity::find()
        .filter(password_reset::Column::UserId.eq(target.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .all(&app.db)
        .await
        .unwrap();
    assert!(
        open.is_empty(),
        "a link outlived the owner's password change"
    );
}

#[tokio::test]
async fn the_owner_sees_the_links_open_for_their_account() {
    let app = demo_app(Default::default()).await;
    let admin = app::auth::current::to_actor(&account(&app.db, "quantri@demo.vn").await);
    let target = account(&app.db, "xa.chilang@demo.vn").await;
    app::services::accounts::reset_links::issue_reset_link(
        &app.db,
        &admin,
        target.id,
        None,
        Delivery::HandOver,
    )
    .await
    .unwrap();
    let owner = sign_in(&app.router, "xa.chilang@demo.vn", None).await;
    let (status, answer, _) = post_with_status(
        &app.router,
        "/api/my_open_reset_links",
        String::new(),
        Some(&owner),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert!(
        answer.contains("issued_at") && answer.contains("Quản"),
        "{answer}"
    );
}
