//! Adoption figures (issue 24) against real databases, on a fixture counted by hand: three
//! subjects of Chi Lăng with OCOP products — one active but incomplete, one whose member last
//! signed in four months ago, one with no account — Chi Lăng's officer before and after their
//! first dossier, training counted, the CSV for the supervision team, and who is refused.
use crate::support;

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use app::domain::adoption::Missing;
use app::domain::dossier::DossierState;
use app::entities::{subject, user_account};
use app::services::adoption::{missing_csv, page};
use support::dossiers::{fresh, new_product, people};

const CHI_LANG: &str = "06463";

/// A subject of Chi Lăng with one certified product, and a member signed in `days` ago.
async fn holder(db: &sea_orm::DatabaseConnection, name: &str, member: Option<i64>) -> i32 {
    let now = app::clock::now();
    let s = subject::ActiveModel {
        name: Set(name.into()),
        subject_type: Set("HO".into()),
        commune_code: Set(CHI_LANG.into()),
        data_source: Set("registered".into()),
        created_at: Set(now),
        status: Set(app::domain::status::SubjectStatus::Active),
        version: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let product = app::entities::product::ActiveModel {
        name: Set(format!("Sản phẩm của {name}")),
        name_folded: Set(app::domain::text::fold(name)),
        subject_id: Set(s.id),
        product_group_id: Set(1),
        commune_code: Set(CHI_LANG.into()),
        data_source: Set("registered".into()),
        created_at: Set(now),
        version: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    support::certify(db, product.id, 3, "2026-01-15").await;
    if let Some(days) = member {
        user_account::ActiveModel {
            full_name: Set(format!("Thành viên {name}")),
            email: Set(Some(format!("{}@adoption.test", s.id))),
            password_hash: Set("x".into()),
            role: Set(app::domain::access::Role::Producer),
            commune_code: Set(Some(CHI_LANG.into())),
            subject_id: Set(Some(s.id)),
            status: Set(app::domain::status::AccountStatus::Active),
            created_at: Set(now),
            last_login_at: Set(Some(now - chrono::Duration::days(days))),
            language: Set("vi".into()),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    s.id
}

async fn signed_in(db: &sea_orm::DatabaseConnection, email: &str, days: i64) {
    user_account::Entity::update_many()
        .col_expr(
            user_account::Column::LastLoginAt,
            sea_orm::sea_query::Expr::value(app::clock::now() - chrono::Duration::days(days)),
        )
        .filter(user_account::Column::Email.eq(email))
        .exec(db)
        .await
        .unwrap();
}

#[tokio::test]
async fn figures_and_lists_match_the_fixture_counted_by_hand() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let today = app::services::today_in_vietnam();
        // A: Đồng Bành, signed in 3 days ago, a certified product with no photo (incomplete).
        let own = new_product(db, &p.owner, "Na cho tỷ lệ sử dụng").await;
        support::certify(db, own.id, 4, "2026-02-01").await;
        signed_in(db, "dongbanh@demo.vn", 3).await;
        // B: a member last seen four months ago; C: nobody has an account.
        let lapsed = holder(db, "Hộ Lâm Văn Cũ", Some(120)).await;
        let alone = holder(db, "Hộ Chưa Đăng Ký", None).await;
        signed_in(db, "xa.chilang@demo.vn", 1).await;

        let view = page(db, &p.province, Some(CHI_LANG), today).await.unwrap();
        let row = view.rows.iter().find(|r| r.code == CHI_LANG).unwrap();
        let s = row.subjects;
        assert_eq!(
            (s.total, s.with_account, s.active, s.complete, s.using),
            (3, 2, 1, 0, 0),
            "{b}"
        );
        assert_eq!(row.percent, 0, "{b}");
        let reason = |kind: &str, id: i32| {
            view.missing
                .iter()
                .find(|m| m.kind == kind && m.id == id)
                .map(|m| m.missing)
        };
        let owner_subject = own.subject_id;
        assert_eq!(
            reason("subject", owner_subject),
            Some(Missing::Incomplete),
            "{b}"
        );
        assert_eq!(reason("subject", lapsed), Some(Missing::NotSignedIn), "{b}");
        assert_eq!(reason("subject", alone), Some(Missing::NoAccount), "{b}");
        // Chi Lăng's officer signed in but has handled no dossier yet.
        let officer = p.commune.user_id().unwrap();
        assert_eq!(reason("official", officer), Some(Missing::NoWork), "{b}");
        assert_eq!((row.officers.active, row.officers.worked), (1, 0), "{b}");

        // Their first checked dossier; the producer's member trained.
        fresh(
            db,
            &support::dossiers::files(),
            &p,
            1,
            DossierState::Checked,
        )
        .await;
        let session = app::services::training::sessions::create(
            db,
            &p.commune,
            &app::models::training::TrainingInput {
                title: "Tập huấn".into(),
                held_on: today.to_string(),
                mode: "in_person".into(),
                place: "Xã".into(),
                audience: "producers".into(),
                topics: "Đăng nhập".into(),
                trainer: "Xã".into(),
            },
            today,
        )
        .await
        .unwrap();
        let row_id = app::services::training::attendance::add(
            db,
            &p.commune,
            &app::models::training::AttendeeInput {
                session_id: session,
                user_id: p.owner.user_id().unwrap().to_string(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        app::services::training::attendance::tick(
            db,
            &p.commune,
            &app::models::training::AttendanceInput {
                session_id: session,
                attended: vec![row_id],
            },
            today,
        )
        .await
        .unwrap();
        let mine = page(db, &p.commune, None, today).await.unwrap();
        assert!(
            !mine.province && mine.selected.as_deref() == Some(CHI_LANG),
            "{b}"
        );
        assert_eq!(mine.rows.len(), 1, "{b}: their commune only");
        assert_eq!(mine.rows[0].officers.worked, 1, "{b}");
        assert_eq!(mine.subjects.trained, 1, "{b}");
        // The new dossier's product is not certified: still three subjects.
        assert_eq!(mine.subjects.total, 3, "{b}");
        assert!(
            mine.missing
                .iter()
                .all(|m| m.id != officer || m.kind != "official")
        );

        // A commune officer asking for another commune still gets their own.
        let asked = page(db, &p.commune, Some("06046"), today).await.unwrap();
        assert_eq!(asked.selected.as_deref(), Some(CHI_LANG), "{b}");
        let (name, csv) = missing_csv(db, &p.province, Some(CHI_LANG), today)
            .await
            .unwrap();
        let text = String::from_utf8(csv).unwrap();
        assert!(name.ends_with(".csv"));
        assert!(
            text.contains("\"Hộ Chưa Đăng Ký\"") && text.contains("Chưa có tài khoản"),
            "{b}"
        );
        assert_eq!(
            text.lines().count(),
            1 + 3,
            "{b}: a header and three subjects"
        );
        let everyone = missing_csv(db, &p.province, None, today).await.unwrap();
        assert!(everyone.1.len() >= text.len());

        for who in [&p.owner, &p.council, &p.admin, &p.other_producer] {
            assert!(page(db, who, None, today).await.is_err(), "{b}");
            assert!(missing_csv(db, who, None, today).await.is_err(), "{b}");
        }
        t.cleanup().await;
    }
}
