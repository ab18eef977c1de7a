//! Training sessions (issue 24) against real databases: the Department's and a commune's
//! sessions, who sees and runs which, the list by account and by name, the link of a listed
//! person to the account they register later, the ticks of who came, the sign-in sheet — and
//! who is refused.
use crate::support;

use sea_orm::EntityTrait;

use app::domain::reason::Reason;
use app::models::training::{AttendanceInput, AttendeeInput, TrainingInput};
use app::services::ServiceError;
use app::services::training::{attendance, sessions};
use support::dossiers::{people, problems, reason};

fn today() -> chrono::NaiveDate {
    app::services::today_in_vietnam()
}

fn session(title: &str, days: i64, audience: &str) -> TrainingInput {
    TrainingInput {
        title: title.into(),
        held_on: (today() + chrono::Duration::days(days)).to_string(),
        mode: "in_person".into(),
        place: "Hội trường".into(),
        audience: audience.into(),
        topics: "Đăng nhập; cập nhật thông tin sản phẩm".into(),
        trainer: "Lương Văn Sở".into(),
    }
}

fn person(session_id: i32, name: &str, contact: &str) -> AttendeeInput {
    AttendeeInput {
        session_id,
        full_name: name.into(),
        subject_name: "HTX thử nghiệm".into(),
        contact: contact.into(),
        ..Default::default()
    }
}

fn account(session_id: i32, user_id: i32) -> AttendeeInput {
    AttendeeInput {
        session_id,
        user_id: user_id.to_string(),
        ..Default::default()
    }
}

fn refused<T: std::fmt::Debug>(got: Result<T, ServiceError>) {
    assert!(
        matches!(got, Err(ServiceError::Denied(_) | ServiceError::NotFound)),
        "expected a refusal, got {got:?}"
    );
}

#[tokio::test]
async fn sessions_lists_and_ticks_with_a_late_registration_linked() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        // Only the province and commune officers run training.
        for who in [&p.owner, &p.council, &p.admin] {
            refused(sessions::create(db, who, &session("X", 0, "officials"), today()).await);
            refused(sessions::list(db, who).await);
        }
        refused(sessions::list(db, &app::auth::Actor::Anonymous).await);
        // A form is checked whole.
        let mut wrong = session(" ", 0, "everyone");
        wrong.mode = "radio".into();
        wrong.held_on = "10/12/2026".into();
        let mut got = problems(sessions::create(db, &p.province, &wrong, today()).await);
        got.sort();
        assert_eq!(
            got,
            vec![
                ("audience".to_owned(), "required"),
                ("held_on".to_owned(), "invalid_date"),
                ("mode".to_owned(), "required"),
                ("title".to_owned(), "required"),
            ]
        );
        assert_eq!(
            reason(
                sessions::create(db, &p.province, &session("X", 800, "officials"), today()).await
            ),
            ("held_on", "training_date_out_of_range")
        );
        let department = sessions::create(
            db,
            &p.province,
            &session("Vận hành hệ thống cho cán bộ", -1, "officials"),
            today(),
        )
        .await
        .unwrap();
        let trang_dinh = sessions::create(
            db,
            &p.other_commune,
            &session("Tập huấn chủ thể xã Tràng Định", 5, "producers"),
            today(),
        )
        .await
        .unwrap();

        // Chi Lăng's officer sees the Department's session, read-only, and not Tràng Định's.
        let seen = sessions::list(db, &p.commune).await.unwrap();
        let ids: Vec<i32> = seen.sessions.iter().map(|s| s.id).collect();
        assert!(
            ids.contains(&department) && !ids.contains(&trang_dinh),
            "{b}"
        );
        refused(sessions::view(db, &p.commune, trang_dinh).await);
        let view = sessions::view(db, &p.commune, department).await.unwrap();
        assert!(!view.may_tick);
        let chi_lang_officer = p.commune.user_id().unwrap();
        refused(attendance::add(db, &p.commune, &account(department, chi_lang_officer)).await);
        refused(sessions::sign_in_sheet(db, &p.commune, department).await);
        refused(attendance::search_accounts(db, &p.commune, department, "lăng").await);

        // The province finds officials only for an officials' session, once each.
        let found = attendance::search_accounts(db, &p.province, department, "LĂNG")
            .await
            .unwrap();
        assert!(
            found.iter().any(|m| m.user_id == chi_lang_officer),
            "{b}: {found:?}"
        );
        let producers = attendance::search_accounts(db, &p.province, department, "demo.vn")
            .await
            .unwrap();
        let owner_id = p.owner.user_id().unwrap();
        assert!(producers.iter().all(|m| m.user_id != owner_id), "{b}");
        assert_eq!(
            reason(attendance::search_accounts(db, &p.province, department, "l").await),
            ("query", "required")
        );
        let listed = attendance::add(db, &p.province, &account(department, chi_lang_officer))
            .await
            .unwrap();
        assert!(matches!(
            attendance::add(db, &p.province, &account(department, chi_lang_officer)).await,
            Err(ServiceError::Conflict(Reason::AlreadyListed))
        ));
        assert_eq!(
            reason(attendance::add(db, &p.province, &account(department, owner_id)).await),
            ("user_id", "account_out_of_scope")
        );
        let found = attendance::search_accounts(db, &p.province, department, "lăng")
            .await
            .unwrap();
        assert!(
            found.iter().all(|m| m.user_id != chi_lang_officer),
            "listed already"
        );

        // Tràng Định lists someone without an account; she registers later with that phone.
        assert_eq!(
            reason(attendance::add(db, &p.other_commune, &person(trang_dinh, "Mai", "abc")).await),
            ("contact", "invalid_contact")
        );
        let mai_row = attendance::add(
            db,
            &p.other_commune,
            &person(trang_dinh, "Hoàng Thị Mai", "+84 912 345 678"),
        )
        .await
        .unwrap();
        let before = sessions::view(db, &p.other_commune, trang_dinh)
            .await
            .unwrap();
        assert!(!before.attendees[0].has_account);
        assert!(
            !before.subjects.is_empty(),
            "{b}: the commune's subjects to pick"
        );
        let mai = support::accounts::register_mai(db).await;
        let after = sessions::view(db, &p.other_commune, trang_dinh)
            .await
            .unwrap();
        assert_eq!(after.attendees[0].id, mai_row);
        assert!(
            after.attendees[0].has_account,
            "{b}: linked on registration"
        );
        let linked = app::entities::training_attendee::Entity::find_by_id(mai_row)
            .one(db)
            .await
            .unwrap()
            .map(|r| r.user_id);
        assert_eq!(linked, Some(Some(mai)), "{b}");

        // Ticks: not before the day; ids of another session's list are left alone.
        assert!(matches!(
            attendance::tick(
                db,
                &p.other_commune,
                &AttendanceInput {
                    session_id: trang_dinh,
                    attended: vec![mai_row],
                },
                today()
            )
            .await,
            Err(ServiceError::Conflict(Reason::TrainingNotHeld))
        ));
        let came = attendance::tick(
            db,
            &p.province,
            &AttendanceInput {
                session_id: department,
                attended: vec![listed, mai_row],
            },
            today(),
        )
        .await
        .unwrap();
        assert_eq!(came, 1, "{b}");
        let other = sessions::view(db, &p.other_commune, trang_dinh)
            .await
            .unwrap();
        assert!(
            !other.attendees[0].attended,
            "{b}: another session's row untouched"
        );
        let rows = sessions::list(db, &p.province).await.unwrap();
        let row = rows.sessions.iter().find(|s| s.id == department).unwrap();
        assert_eq!((row.listed, row.attended), (1, 1), "{b}");

        // The sign-in sheet; removing someone, not through another session.
        let (name, pdf) = sessions::sign_in_sheet(db, &p.province, department)
            .await
            .unwrap();
        assert!(name.ends_with(".pdf") && pdf.starts_with(b"%PDF"), "{b}");
        // Through another session: nothing happens.
        attendance::remove(db, &p.province, department, mai_row)
            .await
            .unwrap();
        assert_eq!(
            sessions::view(db, &p.other_commune, trang_dinh)
                .await
                .unwrap()
                .attendees
                .len(),
            1
        );
        refused(attendance::remove(db, &p.commune, trang_dinh, mai_row).await);
        attendance::remove(db, &p.other_commune, trang_dinh, mai_row)
            .await
            .unwrap();
        assert!(
            sessions::view(db, &p.other_commune, trang_dinh)
                .await
                .unwrap()
                .attendees
                .is_empty()
        );
        t.cleanup().await;
    }
}
