//! Every server function, called over HTTP by every kind of actor, against the expected
//! allow/deny of one table. A server function that is registered but missing from the table
//! fails the test, so no new function goes unexamined.
use std::collections::BTreeSet;

use app::services::demo::{DEMO_PASSWORD, DEMO_PENDING_EMAIL};

use crate::test_support::{TestApp, demo_app, post_with_status, sign_in};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    Producer,
    /// Officer of Tràng Định, where the demo registration waits.
    OwnCommune,
    /// Officer of Chi Lăng.
    OtherCommune,
    Province,
    Advisory,
    Council,
    Admin,
}

use Who::*;

const EVERYONE: &[Who] = &[
    Anonymous,
    Producer,
    OwnCommune,
    OtherCommune,
    Province,
    Advisory,
    Council,
    Admin,
];

fn login(who: Who) -> Option<&'static str> {
    Some(match who {
        Anonymous => return None,
        Producer => "dongbanh@demo.vn",
        OwnCommune => "xa.trangdinh@demo.vn",
        OtherCommune => "xa.chilang@demo.vn",
        Province => "so.nnmt@demo.vn",
        Advisory => "tuvan@demo.vn",
        Council => "hoidong@demo.vn",
        Admin => "quantri@demo.vn",
    })
}

/// Ids in the demo data the table's requests point at.
struct Targets {
    /// The producer registration waiting in Tràng Định (and its new, pending subject).
    pending_user: i32,
    pending_subject: i32,
    /// An official (the advisory member) whose role the table tries to change.
    official: i32,
    /// An active subject (public) and one of its products.
    active_subject: i32,
    active_product: i32,
}

const ADMINS: &[Who] = &[Province, Admin];

/// (endpoint, form body, who may call it). Order matters only in that `sign_out` comes last.
/// No request here changes what a later one depends on: locks and role changes are aimed at
/// states or values that make them fail after the permission check.
fn matrix(ids: &Targets) -> Vec<(&'static str, String, &'static [Who])> {
    let Targets {
        pending_user,
        pending_subject,
        official,
        active_subject,
        active_product,
    } = *ids;
    vec![
        ("/api/get_home_figures", String::new(), EVERYONE),
        (
            "/api/list_units",
            "filter=CurrentCommunes&query=".into(),
            EVERYONE,
        ),
        ("/api/product_groups", String::new(), EVERYONE),
        (
            "/api/subjects_in_commune",
            "commune_code=06046".into(),
            EVERYONE,
        ),
        ("/api/get_current_user", String::new(), EVERYONE),
        (
            "/api/sign_in",
            "login=nobody%40example.vn&password=wrong-password".into(),
            EVERYONE,
        ),
        (
            "/api/register_producer",
            "full_name=&email=&phone=&password=&subject_mode=new&subject_type=&subject_name=\
             &tax_code=&address=&commune_code=&join_subject_id="
                .into(),
            &[Anonymous],
        ),
        (
            "/api/list_pending_registrations",
            String::new(),
            &[OwnCommune, OtherCommune, Province, Admin],
        ),
        (
            "/api/decide_registration",
            format!("user_id={pending_user}&approve=false&reason=matrix+test"),
            &[OwnCommune, Province, Admin],
        ),
        (
            "/api/change_password",
            "current_password=not-mine&new_password=whatever-else".into(),
            &[
                Producer,
                OwnCommune,
                OtherCommune,
                Province,
                Advisory,
                Council,
                Admin,
            ],
        ),
        (
            "/api/reset_password",
            "token=not-a-token&new_password=whatever-else".into(),
            EVERYONE,
        ),
        (
            "/api/list_accounts",
            "query=&role=&status=&page=".into(),
            ADMINS,
        ),
        (
            "/api/get_account_detail",
            format!("user_id={pending_user}"),
            ADMINS,
        ),
        (
            "/api/create_official_account",
            "role=council_member&full_name=&email=&phone=&commune_code=".into(),
            ADMINS,
        ),
        // The pending account cannot be locked nor get a link: allowed callers get a conflict.
        (
            "/api/set_account_locked",
            format!("user_id={pending_user}&lock=true&reason=matrix"),
            ADMINS,
        ),
        (
            "/api/issue_reset_link",
            format!("user_id={pending_user}"),
            ADMINS,
        ),
        // No such role: allowed callers get a field error (and the advisory member, the
        // target, may not change their own role).
        (
            "/api/change_account_role",
            format!("user_id={official}&role=no-such-role&commune_code="),
            ADMINS,
        ),
        (
            "/api/browse_audit_log",
            "action=&actor_user_id=&target_user_id=&from=&to=&page=".into(),
            ADMINS,
        ),
        (
            "/api/get_subject",
            format!("subject_id={active_subject}"),
            EVERYONE,
        ),
        (
            "/api/list_subject_members",
            format!("subject_id={pending_subject}"),
            &[OwnCommune, Province, Admin],
        ),
        // A stale version: the producer (a member) gets past the check to a conflict.
        (
            "/api/update_subject_profile",
            format!(
                "subject_id={active_subject}&version=-1&name=x&subject_type=HTX&tax_code=\
                 &address=&legal_representative=&phone=&email=&website=&founded_year=\
                 &member_count=&local_workers=&introduction=&latitude=&longitude="
            ),
            &[Producer],
        ),
        ("/api/list_my_products", String::new(), &[Producer]),
        (
            "/api/get_product",
            format!("product_id={active_product}"),
            EVERYONE,
        ),
        // An empty name: the producer gets past the check to a field error.
        (
            "/api/save_product",
            "product_id=0&version=0&name=&group_code=&description=&net_quantity=&packaging=\
             &shelf_life=&price_min=&price_max=&raw_material_area=&story=&gtin="
                .into(),
            &[Producer],
        ),
        // Outside demo mode (as here) nobody lists or uses the demo accounts.
        ("/api/list_demo_accounts", String::new(), EVERYONE),
        ("/api/demo_sign_in", "email=quantri%40demo.vn".into(), &[]),
        ("/api/sign_out", String::new(), EVERYONE),
    ]
}

fn denied(body: &str) -> bool {
    body.contains("\"Forbidden\"") || body.contains("\"SignInRequired\"")
}

#[tokio::test]
async fn every_server_function_allows_and_denies_as_the_table_says() {
    let TestApp { router: app, db } = demo_app(Default::default()).await;
    let pending =
        app::services::accounts::authenticate(&db, DEMO_PENDING_EMAIL, DEMO_PASSWORD).await;
    assert!(pending.is_err(), "the demo registration waits");
    let account = |email: &'static str| {
        let db = db.clone();
        async move {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            app::entities::user_account::Entity::find()
                .filter(app::entities::user_account::Column::Email.eq(email))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
        }
    };
    let pending = account(DEMO_PENDING_EMAIL).await;
    let targets = Targets {
        pending_user: pending.id,
        pending_subject: pending.subject_id.unwrap(),
        official: account("tuvan@demo.vn").await.id,
        active_subject: account("dongbanh@demo.vn").await.subject_id.unwrap(),
        active_product: {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            let subject = account("dongbanh@demo.vn").await.subject_id.unwrap();
            app::entities::product::Entity::find()
                .filter(app::entities::product::Column::SubjectId.eq(subject))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .id
        },
    };
    let table = matrix(&targets);
    let in_table: BTreeSet<&str> = table.iter().map(|(path, _, _)| *path).collect();
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    assert_eq!(
        registered, in_table,
        "every server function needs a row in the matrix"
    );

    for who in EVERYONE.iter().copied() {
        let cookie = match login(who) {
            Some(email) => Some(sign_in(&app, email, None).await),
            None => None,
        };
        for (path, body, allowed) in &table {
            let (status, answer, _) =
                post_with_status(&app, path, body.clone(), cookie.as_deref()).await;
            let expected = allowed.contains(&who);
            assert_eq!(
                !denied(&answer),
                expected,
                "{who:?} calling {path}: {answer}"
            );
            // Refusals carry their HTTP status: 401 to sign in, 403 for not allowed.
            assert_eq!(
                matches!(status, 401 | 403),
                !expected,
                "{who:?} calling {path}: status {status}, {answer}"
            );
        }
    }
}
