//! Producer registration, approval by the commune, signing in, and the audit trail.
use crate::support;

use app::domain::reason::Reason;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};

use app::auth::{Actor, Denied, Role};
use app::entities::{audit_log, subject, user_account};
use app::models::accounts::registration::{RegistrationInput, SubjectChoice};
use app::services::ServiceError;
use app::services::accounts::credentials::{SignInError, authenticate};
use app::services::accounts::registration::{decide_registration, register};
use support::accounts::{TRANG_DINH, producer, register_mai};

const CHI_LANG: &str = "06463";

fn officer(role: Role, commune: Option<&str>) -> Actor {
    Actor::User {
        user_id: 900,
        role,
        commune_code: commune.map(str::to_owned),
        subject_id: None,
    }
}

fn field_error(result: Result<i32, ServiceError>) -> (&'static str, &'static str) {
    match result {
        Err(ServiceError::Invalid { field, reason }) => (field, reason.code()),
        // A form checked as a whole that had one problem.
        Err(ServiceError::Problems(p)) if p.len() == 1 => {
            (String::leak(p[0].0.clone()), p[0].1.code())
        }
        other => panic!("expected one field error, got {other:?}"),
    }
}

#[tokio::test]
async fn registration_waits_for_the_commune_and_is_audited() {
    for t in support::with_master_data().await {
        let id = register(
            &t.db,
            producer(
                "Hoàng Thị Mai",
                "mai@example.vn",
                "0912 345 678",
                "4900123456",
            ),
            Some("127.0.0.1".into()),
        )
        .await
        .unwrap();
        let account = user_account::Entity::find_by_id(id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (account.status.as_str(), account.role.as_str()),
            ("pending", "producer"),
            "{}",
            t.backend
        );
        assert_eq!(account.phone.as_deref(), Some("0912345678"));
        assert_eq!(account.commune_code.as_deref(), Some(TRANG_DINH));
        assert!(account.password_hash.starts_with("$argon2id$"));
        let subject = subject::Entity::find_by_id(account.subject_id.unwrap())
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(subject.status, app::domain::status::SubjectStatus::Pending);
        let audit = audit_log::Entity::find().all(&t.db).await.unwrap();
        assert_eq!(audit.len(), 1, "{}", t.backend);
        assert_eq!(audit[0].action, "account.register");
        assert_eq!(audit[0].ip.as_deref(), Some("127.0.0.1"));

        assert_eq!(
            authenticate(&t.db, "0912345678", "mây trắng bay qua đèo")
                .await
                .unwrap_err(),
            SignInError::Pending
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn duplicates_are_field_errors() {
    for t in support::with_master_data().await {
        register_mai(&t.db).await;
        let same_email = producer("Người khác", "MAI@example.vn", "0987654321", "4900999999");
        assert_eq!(
            field_error(register(&t.db, same_email, None).await),
            ("email", "email_taken"),
            "{}",
            t.backend
        );
        let same_phone = producer(
            "Người khác",
            "khac@example.vn",
            "+84 912 345 678",
            "4900999999",
        );
        assert_eq!(
            field_error(register(&t.db, same_phone, None).await),
            ("phone", "phone_taken")
        );
        let same_tax = producer("Người khác", "khac@example.vn", "0987654321", "4900123456");
        assert_eq!(
            field_error(register(&t.db, same_tax, None).await),
            ("tax_code", "tax_code_taken")
        );
        assert_eq!(
            user_account::Entity::find().count(&t.db).await.unwrap(),
            1,
            "nothing half-saved"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn bad_input_names_the_field() {
    let t = support::sqlite().await;
    app::services::master_data::loading::load(&t.db)
        .await
        .unwrap();
    let base = producer(
        "Hoàng Thị Mai",
        "mai@example.vn",
        "0912345678",
        "4900123456",
    );
    let cases: Vec<(RegistrationInput, (&str, &str))> = vec![
        (
            RegistrationInput {
                full_name: "   ".into(),
                ..base.clone()
            },
            ("full_name", "required"),
        ),
        (
            RegistrationInput {
                full_name: "A".repeat(201),
                ..base.clone()
            },
            ("full_name", "too_long"),
        ),
        (
            RegistrationInput {
                phone: "12345".into(),
                ..base.clone()
            },
            ("phone", "invalid_phone"),
        ),
        (
            RegistrationInput {
                email: "mai@".into(),
                ..base.clone()
            },
            ("email", "invalid_email"),
        ),
        (
            RegistrationInput {
                email: "".into(),
                phone: "".into(),
                ..base.clone()
            },
            ("phone", "contact_required"),
        ),
        (
            RegistrationInput {
                password: "12345678".into(),
                ..base.clone()
            },
            ("password", "password_too_common"),
        ),
        (
            RegistrationInput {
                password: "short".into(),
                ..base.clone()
            },
            ("password", "password_too_short"),
        ),
        (
            RegistrationInput {
                password: "hoang thi mai 2025".into(),
                ..base.clone()
            },
            ("password", "password_contains_context"),
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(field_error(register(&t.db, input, None).await), expected);
    }
    // Three mistakes are said at once, in the form's order, and nothing is saved.
    let three = RegistrationInput {
        full_name: " ".into(),
        email: "mai@".into(),
        password: "short".into(),
        ..base.clone()
    };
    match register(&t.db, three, None).await {
        Err(ServiceError::Problems(p)) => assert_eq!(
            p.iter()
                .map(|(f, r)| (f.as_str(), r.code()))
                .collect::<Vec<_>>(),
            [
                ("full_name", "required"),
                ("email", "invalid_email"),
                ("password", "password_too_short")
            ]
        ),
        other => panic!("expected three problems, got {other:?}"),
    }
    let mut unknown_commune = base.clone();
    if let SubjectChoice::New(s) = &mut unknown_commune.subject {
        s.commune_code = "180".into(); // a former district, not a current commune
    }
    assert_eq!(
        field_error(register(&t.db, unknown_commune, None).await),
        ("commune_code", "unknown_commune")
    );
    let join_missing = RegistrationInput {
        subject: SubjectChoice::Join { subject_id: 4242 },
        ..base
    };
    assert_eq!(
        field_error(register(&t.db, join_missing, None).await),
        ("subject_id", "unknown_subject")
    );
    assert_eq!(user_account::Entity::find().count(&t.db).await.unwrap(), 0);
}

#[tokio::test]
async fn only_an_officer_of_that_commune_or_the_province_decides() {
    for t in support::with_master_data().await {
        let id = register_mai(&t.db).await;
        for outsider in [
            officer(Role::CommuneOfficer, Some(CHI_LANG)),
            officer(Role::CouncilMember, None),
            officer(Role::AdvisoryMember, None),
            Actor::User {
                user_id: 5,
                role: Role::Producer,
                commune_code: Some(TRANG_DINH.into()),
                subject_id: Some(1),
            },
        ] {
            let err = decide_registration(&t.db, &outsider, id, true, "", None)
                .await
                .unwrap_err();
            assert!(
                matches!(err, ServiceError::Denied(Denied::NotAllowed)),
                "{outsider:?}: {err:?}"
            );
        }
        let err = decide_registration(&t.db, &Actor::Anonymous, id, true, "", None)
            .await
            .unwrap_err();
        assert!(matches!(err, ServiceError::Denied(Denied::SignInRequired)));

        let own = officer(Role::CommuneOfficer, Some(TRANG_DINH));
        decide_registration(&t.db, &own, id, true, "", None)
            .await
            .unwrap();
        let account = authenticate(&t.db, "mai@example.vn", "mây trắng bay qua đèo")
            .await
            .unwrap();
        assert_eq!(account.id, id, "{}", t.backend);
        let subject = subject::Entity::find_by_id(account.subject_id.unwrap())
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(subject.status, app::domain::status::SubjectStatus::Active);
        let again = decide_registration(&t.db, &own, id, false, "trùng", None)
            .await
            .unwrap_err();
        assert!(matches!(again, ServiceError::Conflict(Reason::NotPending)));
        let actions: Vec<String> = audit_log::Entity::find()
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.action)
            .collect();
        assert_eq!(
            actions,
            ["account.register", "account.approve"],
            "{}",
            t.backend
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn rejection_needs_a_reason_and_is_told_at_sign_in() {
    for t in support::with_master_data().await {
        let id = register_mai(&t.db).await;
        let province = officer(Role::ProvincialOfficer, None);
        let err = decide_registration(&t.db, &province, id, false, "  ", None)
            .await
            .unwrap_err();
        assert!(matches!(
            err,
            ServiceError::Invalid {
                field: "reason",
                ..
            }
        ));
        decide_registration(&t.db, &province, id, false, "Mã số thuế không khớp", None)
            .await
            .unwrap();
        assert_eq!(
            authenticate(&t.db, "mai@example.vn", "mây trắng bay qua đèo")
                .await
                .unwrap_err(),
            SignInError::Rejected(Some("Mã số thuế không khớp".into())),
            "{}",
            t.backend
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn wrong_password_and_unknown_login_look_the_same() {
    let t = support::sqlite().await;
    app::services::master_data::loading::load(&t.db)
        .await
        .unwrap();
    let id = register_mai(&t.db).await;
    decide_registration(
        &t.db,
        &officer(Role::ProvincialOfficer, None),
        id,
        true,
        "",
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        authenticate(&t.db, "mai@example.vn", "sai mật khẩu rồi")
            .await
            .unwrap_err(),
        SignInError::WrongCredentials
    );
    assert_eq!(
        authenticate(&t.db, "ai@example.vn", "mây trắng bay qua đèo")
            .await
            .unwrap_err(),
        SignInError::WrongCredentials
    );
    assert_eq!(
        authenticate(&t.db, "not a login", "x").await.unwrap_err(),
        SignInError::WrongCredentials
    );
    assert!(
        authenticate(&t.db, "+84912345678", "mây trắng bay qua đèo")
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn the_audit_log_refuses_updates_deletes_and_truncation() {
    for t in support::with_master_data().await {
        register_mai(&t.db).await;
        let update =
            t.db.execute_unprepared("UPDATE audit_log SET summary = 'rewritten'")
                .await;
        assert!(update.is_err(), "{}: update must fail", t.backend);
        let delete = t.db.execute_unprepared("DELETE FROM audit_log").await;
        assert!(delete.is_err(), "{}: delete must fail", t.backend);
        if t.backend == "postgres" {
            let truncate = t.db.execute_unprepared("TRUNCATE audit_log").await;
            assert!(truncate.is_err(), "postgres: truncate must fail");
        }
        assert_eq!(audit_log::Entity::find().count(&t.db).await.unwrap(), 1);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn each_officer_sees_the_queue_of_their_own_commune() {
    use app::services::accounts::registration::pending_registrations;
    for t in support::with_master_data().await {
        let mai = register_mai(&t.db).await;
        let mut elsewhere = producer("Vi Văn Na", "na@example.vn", "0987654321", "4900654321");
        if let SubjectChoice::New(s) = &mut elsewhere.subject {
            s.commune_code = CHI_LANG.into();
        }
        let na = register(&t.db, elsewhere, None).await.unwrap();

        let ids = |rows: Vec<app::models::accounts::registration::PendingRegistration>| {
            rows.into_iter().map(|r| r.user_id).collect::<Vec<_>>()
        };
        let trang_dinh =
            pending_registrations(&t.db, &officer(Role::CommuneOfficer, Some(TRANG_DINH)))
                .await
                .unwrap();
        assert!(trang_dinh[0].subject_is_new, "{}", t.backend);
        assert_eq!(ids(trang_dinh), [mai], "{}", t.backend);
        let chi_lang = pending_registrations(&t.db, &officer(Role::CommuneOfficer, Some(CHI_LANG)))
            .await
            .unwrap();
        assert_eq!(ids(chi_lang), [na]);
        let province = pending_registrations(&t.db, &officer(Role::ProvincialOfficer, None))
            .await
            .unwrap();
        assert_eq!(ids(province), [mai, na]);
        for outsider in [
            officer(Role::CouncilMember, None),
            officer(Role::CommuneOfficer, None),
            Actor::Anonymous,
        ] {
            assert!(
                matches!(
                    pending_registrations(&t.db, &outsider).await,
                    Err(ServiceError::Denied(_))
                ),
                "{outsider:?}"
            );
        }
        t.cleanup().await;
    }
}

/// Two registrations at once both pass the checks before writing; the database's unique
/// constraints then refuse the second, and the refusal names the field by the constraint that
/// was violated (its name in PostgreSQL, its columns in SQLite).
#[tokio::test]
async fn a_unique_violation_becomes_the_field_it_names() {
    use app::entities::admin_unit;
    use app::services::input::unique_to_field;
    use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set};
    for t in support::with_master_data().await {
        register_mai(&t.db).await;
        let b = t.backend;
        let mai = user_account::Entity::find()
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let copy = |email: Option<&str>, phone: Option<&str>| user_account::ActiveModel {
            id: NotSet,
            email: Set(email.map(str::to_owned)),
            phone: Set(phone.map(str::to_owned)),
            ..mai.clone().into()
        };
        let field_of = |err| match unique_to_field(err) {
            ServiceError::Invalid { field, reason } => (field, reason),
            other => panic!("{b}: {other:?}"),
        };
        let same_email = copy(mai.email.as_deref(), None)
            .insert(&t.db)
            .await
            .unwrap_err();
        assert_eq!(field_of(same_email), ("email", Reason::EmailTaken), "{b}");
        let same_phone = copy(None, mai.phone.as_deref())
            .insert(&t.db)
            .await
            .unwrap_err();
        assert_eq!(field_of(same_phone), ("phone", Reason::PhoneTaken), "{b}");
        let subject = subject::Entity::find().one(&t.db).await.unwrap().unwrap();
        let same_tax_code = subject::ActiveModel {
            id: NotSet,
            ..subject.into()
        }
        .insert(&t.db)
        .await
        .unwrap_err();
        assert_eq!(
            field_of(same_tax_code),
            ("tax_code", Reason::TaxCodeTaken),
            "{b}"
        );
        // Any other unique constraint is not the user's to fix: a server error.
        let unit = admin_unit::Entity::find()
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let same_code = admin_unit::ActiveModel {
            id: NotSet,
            ..unit.into()
        }
        .insert(&t.db)
        .await;
        assert!(
            matches!(same_code.map_err(unique_to_field), Err(ServiceError::Db(_))),
            "{b}"
        );
        t.cleanup().await;
    }
}
