//! Production lots and their timelines against real databases: a producer records a lot and
//! its events (a processing step naming its input lot), the commune and the province read
//! them, others are refused, and the public trace shows the timeline in order.
use crate::support;

use app::models::traceability::lots::{EventInput, LotInput};
use app::services::ServiceError;
use app::services::certificates::register::CertificateSettings;
use app::services::traceability::lots;
use support::dossiers::{new_product, people, reason};

fn lot(code: &str) -> LotInput {
    LotInput {
        code: code.into(),
        produced_on: "2026-09-01".into(),
        expires_on: "2027-03-01".into(),
        quantity: "500".into(),
        unit: "kg".into(),
        origin_commune_code: "06046".into(),
        origin_note: "Vườn nhà".into(),
    }
}

fn event(kind: &str, at: &str, inputs: Vec<i32>) -> EventInput {
    EventInput {
        kind: kind.into(),
        happened_at: at.into(),
        place: "Xưởng của hợp tác xã".into(),
        actor_name: "Tổ sản xuất số 1".into(),
        inputs: inputs
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(","),
        ..EventInput::default()
    }
}

fn denied<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> bool {
    matches!(result, Err(ServiceError::Denied(_)))
}

#[tokio::test]
async fn a_producer_records_a_lot_with_its_timeline_and_the_public_reads_it_in_order() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let raw = new_product(db, &p.owner, "Na tươi (lô thử)").await;
        let jam = new_product(db, &p.owner, "Mứt na (lô thử)").await;
        let fruit = lots::create(db, &p.owner, raw.id, &lot("NA-2609"))
            .await
            .unwrap();
        let batch = lots::create(db, &p.owner, jam.id, &lot("MUT/2609-1"))
            .await
            .unwrap();
        assert_eq!(
            reason(lots::create(db, &p.owner, jam.id, &lot("MUT/2609-1")).await),
            ("code", "lot_taken"),
            "{}",
            t.backend
        );
        assert_eq!(
            reason(lots::create(db, &p.owner, jam.id, &lot("Lô 1")).await),
            ("code", "lot_code")
        );
        let mut far = lot("MUT-2");
        far.origin_commune_code = "99999".into();
        assert_eq!(
            reason(lots::create(db, &p.owner, jam.id, &far).await),
            ("origin_commune_code", "unknown_commune")
        );

        // Three events, entered out of order; processing names the fruit lot.
        lots::add_event(
            db,
            &p.owner,
            batch,
            &event("packing", "2026-09-03T16:00", vec![]),
        )
        .await
        .unwrap();
        lots::add_event(
            db,
            &p.owner,
            batch,
            &event("harvest", "2026-09-01T06:30", vec![]),
        )
        .await
        .unwrap();
        lots::add_event(
            db,
            &p.owner,
            batch,
            &event("processing", "2026-09-02T08:00", vec![fruit]),
        )
        .await
        .unwrap();
        assert_eq!(
            reason(
                lots::add_event(
                    db,
                    &p.owner,
                    batch,
                    &event("packing", "2026-09-04T08:00", vec![fruit])
                )
                .await
            ),
            ("inputs", "inputs_processing_only")
        );
        assert_eq!(
            reason(
                lots::add_event(
                    db,
                    &p.owner,
                    batch,
                    &event("processing", "2026-09-04T08:00", vec![batch])
                )
                .await
            ),
            ("inputs", "unknown_lot"),
            "a lot is not its own input"
        );

        // Others may not add events or lots; the commune and the province read them.
        for someone in [&p.other_producer, &p.commune, &p.province] {
            assert!(denied(
                lots::add_event(
                    db,
                    someone,
                    batch,
                    &event("sale", "2026-09-05T08:00", vec![])
                )
                .await
            ));
            assert!(denied(lots::create(db, someone, jam.id, &lot("X-1")).await));
        }
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let settings = CertificateSettings::default();
        let seen = lots::detail(db, &p.commune, batch, "http://h", today, &settings)
            .await
            .unwrap();
        assert!(!seen.may_edit);
        assert!(denied(
            lots::detail(db, &p.other_producer, batch, "http://h", today, &settings).await
        ));
        assert!(denied(
            lots::for_product(db, &p.other_commune, jam.id).await
        ));
        let list = lots::for_product(db, &p.owner, jam.id).await.unwrap();
        assert_eq!(list.lots.len(), 1);
        assert_eq!(list.lots[0].event_count, 3);

        let public = lots::public_trace(db, batch, "http://h", today, &settings)
            .await
            .unwrap();
        let kinds: Vec<&str> = public.events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["harvest", "processing", "packing"]);
        assert_eq!(
            public.events[0].happened_at, "01/09/2026 06:30",
            "shown in Vietnam's time"
        );
        assert_eq!(public.events[1].inputs, ["NA-2609"]);
        assert!(
            public.other_lots.is_empty(),
            "the public never sees the subject's other lots"
        );
        assert!(matches!(
            lots::public_trace(db, 999_999, "http://h", today, &settings).await,
            Err(ServiceError::NotFound)
        ));

        // The same timeline as EPCIS 2.0: commissioning, the transformation from the fruit
        // lot, then an observation; only those who see the subject get it.
        let (name, bytes) = app::services::traceability::epcis::lot_document(
            db, &p.owner, batch, "http://h", today, &settings,
        )
        .await
        .unwrap();
        assert!(name.ends_with(".jsonld"));
        let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(doc["type"], "EPCISDocument");
        let events = doc["epcisBody"]["eventList"].as_array().unwrap();
        let shape: Vec<(&str, &str)> = events
            .iter()
            .map(|e| (e["type"].as_str().unwrap(), e["bizStep"].as_str().unwrap()))
            .collect();
        assert_eq!(
            shape,
            [
                ("ObjectEvent", "commissioning"),
                ("TransformationEvent", "creating_class_instance"),
                ("ObjectEvent", "packing"),
            ]
        );
        assert_eq!(events[0]["action"], "ADD");
        assert_eq!(
            events[0]["eventTime"], "2026-08-31T23:30:00Z",
            "06:30 in Vietnam"
        );
        assert_eq!(events[0]["quantityList"][0]["uom"], "KGM");
        assert_eq!(
            events[1]["inputQuantityList"][0]["epcClass"],
            format!("http://h/lots/{fruit}")
        );
        assert!(denied(
            app::services::traceability::epcis::lot_document(
                db,
                &p.other_producer,
                batch,
                "http://h",
                today,
                &settings
            )
            .await
        ));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn demo_lots_carry_a_digital_link_and_a_timeline() {
    let t = support::demo::demo_sqlite().await;
    let made = app::seed::lots::seed_lots(&t.db).await.unwrap();
    assert!(made > 10);
    assert_eq!(app::seed::lots::seed_lots(&t.db).await.unwrap(), 0, "once");
    let first = {
        use sea_orm::EntityTrait;
        app::entities::lot::Entity::find()
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let view = lots::public_trace(
        &t.db,
        first.id,
        "https://ocop.example",
        today,
        &CertificateSettings::default(),
    )
    .await
    .unwrap();
    assert_eq!(view.events.len(), 4);
    assert!(
        view.digital_link
            .as_deref()
            .is_some_and(|l| l.starts_with("https://ocop.example/01/0893")
                && l.ends_with(&format!("/10/{}", first.code)))
    );
    t.cleanup().await;
}

#[tokio::test]
async fn event_photos_are_added_by_the_subject_and_public_with_the_trace() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let files = app::services::files::store::LocalFolder::new(
            std::env::temp_dir().join(format!("ocop-event-photo-test-{}", std::process::id())),
        );
        let limits = app::services::files::uploads::UploadLimits::default();
        let product = new_product(db, &p.owner, "Hồi khô (ảnh thử)").await;
        let lot_id = lots::create(db, &p.owner, product.id, &lot("HOI-2611"))
            .await
            .unwrap();
        let event = lots::add_event(
            db,
            &p.owner,
            lot_id,
            &event("harvest", "2026-11-02T07:00", vec![]),
        )
        .await
        .unwrap();
        let photo = |seed: i32| app::services::files::uploads::Upload {
            name: format!("thu-hoach-{seed}.png"),
            bytes: app::seed::dossiers::demo_png(seed),
        };
        let file_id = app::services::traceability::lot_photos::add_photo(
            db,
            &files,
            &limits,
            &p.owner,
            event,
            photo(1),
        )
        .await
        .unwrap();
        for who in [&p.other_producer, &p.commune, &p.province] {
            assert!(
                denied(
                    app::services::traceability::lot_photos::add_photo(
                        db,
                        &files,
                        &limits,
                        who,
                        event,
                        photo(2)
                    )
                    .await
                ),
                "{}",
                t.backend
            );
        }
        let pdf = app::services::files::uploads::Upload {
            name: "x.pdf".into(),
            bytes: app::seed::dossiers::demo_pdf("x", "y"),
        };
        assert_eq!(
            reason(
                app::services::traceability::lot_photos::add_photo(
                    db, &files, &limits, &p.owner, event, pdf
                )
                .await
            ),
            ("file", "file_type")
        );
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let view = lots::public_trace(
            db,
            lot_id,
            "https://ocop.example",
            today,
            &CertificateSettings::default(),
        )
        .await
        .unwrap();
        assert_eq!(view.events[0].photos, [file_id]);
        let anonymous = app::auth::Actor::Anonymous;
        assert!(
            app::services::downloads::download(db, &files, &anonymous, file_id, true, None)
                .await
                .is_ok()
        );
        t.cleanup().await;
    }
}
