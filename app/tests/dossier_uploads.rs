//! Dossier uploads and concurrency against real databases: bad files refused with their
//! reason, good ones read back after a restart; two officers acting at once.
use crate::support;

use app::domain::reason::Reason;
use sea_orm::EntityTrait;

use app::domain::dossier::{DossierAction, DossierState};
use app::entities::dossier as dossier_entity;
use app::seed::dossiers::{demo_pdf, walk_to};
use app::services::ServiceError;
use app::services::dossiers::{commune_review, documents, filing, flow};
use app::services::files::store::LocalFolder;
use app::services::files::uploads::{Upload, UploadLimits};
use support::dossiers::{assessment, files, new_product, people, reason, version};

#[tokio::test]
async fn bad_uploads_are_refused_with_a_reason_and_good_ones_survive_a_restart() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let root = std::env::temp_dir().join(format!(
            "ocop-upload-test-{}-{}",
            std::process::id(),
            t.backend
        ));
        let store = LocalFolder::new(&root);
        let limits = UploadLimits {
            max_bytes: 1024 * 1024,
            max_files_per_item: 2,
            ..UploadLimits::default()
        };
        let prod = new_product(db, &p.owner, "Sản phẩm tải tệp").await;
        let id = filing::create_dossier(db, &p.owner, prod.id, "first", None)
            .await
            .unwrap();
        let attach = |name: &str, bytes: Vec<u8>| {
            let upload = Upload {
                name: name.into(),
                bytes,
            };
            documents::attach(db, &store, &limits, &p.owner, (id, "awards"), upload, None)
        };
        let png = app::seed::dossiers::demo_png(7);
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            (
                "chuong-trinh.pdf",
                b"MZ\x90\x00\x03\x00\x00\x00 this program".to_vec(),
                "file_type",
            ),
            (
                "lon.pdf",
                [b"%PDF-1.4\n".as_slice(), &vec![b'x'; 1100 * 1024]].concat(),
                "file_too_large",
            ),
            ("cat-cut.png", png[..png.len() / 2].to_vec(), "file_corrupt"),
            (
                "anh.svg",
                b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(),
                "file_type",
            ),
            ("rong.pdf", Vec::new(), "file_empty"),
        ];
        for (name, bytes, why) in cases {
            assert_eq!(reason(attach(name, bytes).await), ("file", why), "{name}");
        }
        let doc = attach("anh.png", png.clone()).await.unwrap();
        attach("thu-hai.pdf", demo_pdf("a", "b")).await.unwrap();
        assert_eq!(
            reason(attach("thu-ba.pdf", demo_pdf("a", "c")).await),
            ("file", "too_many_files")
        );
        // "Restart": a new store on the same folder, the same database.
        let view = filing::dossier_view(db, &p.owner, id, &limits)
            .await
            .unwrap();
        let file = view
            .checklist
            .iter()
            .flat_map(|i| &i.documents)
            .find(|d| d.document_id == doc)
            .unwrap()
            .clone();
        assert!(file.has_thumbnail);
        let restarted = LocalFolder::new(&root);
        let got =
            app::services::downloads::download(db, &restarted, &p.owner, file.file_id, false, None)
                .await
                .unwrap();
        assert_eq!(got.media_type, "image/png");
        assert!(got.bytes.starts_with(b"\x89PNG"));
        assert_eq!(got.served, app::domain::byte_range::Wanted::Whole);
        // A viewer asking for part of the file gets that part, and what it was part of.
        let part = app::services::downloads::download(
            db,
            &restarted,
            &p.owner,
            file.file_id,
            false,
            Some("bytes=1-3"),
        )
        .await
        .unwrap();
        assert_eq!(part.bytes, b"PNG");
        assert_eq!(part.served, app::domain::byte_range::Wanted::Part(1..4));
        assert_eq!(part.size, got.bytes.len() as u64);
        let thumb =
            app::services::downloads::download(db, &restarted, &p.owner, file.file_id, true, None)
                .await
                .unwrap();
        assert!(thumb.bytes.starts_with(b"\xff\xd8"), "a JPEG thumbnail");
        let _ = std::fs::remove_dir_all(root);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn two_officers_acting_at_once_one_wins_and_the_other_is_told() {
    for t in support::demo::demo_databases().await {
        let (db, store, p) = (&t.db, files(), people(&t.db).await);
        let prod = new_product(db, &p.owner, "Sản phẩm hai cán bộ").await;
        let id = walk_to(
            db,
            &store,
            &prod,
            [&p.owner, &p.commune, &p.province],
            DossierState::Submitted,
        )
        .await
        .unwrap();
        commune_review::save_assessment(db, &p.commune, id, &assessment(), None)
            .await
            .unwrap();
        let v = version(db, id).await;
        // Both loaded version v; they act at the same time.
        let (a, b) = tokio::join!(
            flow::act(
                db,
                &p.commune,
                id,
                v,
                DossierAction::Return,
                "Thiếu hồ sơ.",
                None
            ),
            flow::act(db, &p.commune, id, v, DossierAction::MarkChecked, "", None),
        );
        let wins = [a.is_ok(), b.is_ok()].into_iter().filter(|ok| *ok).count();
        assert_eq!(wins, 1, "{a:?} {b:?} ({})", t.backend);
        let loser = if a.is_ok() { b } else { a };
        assert!(
            matches!(loser, Err(ServiceError::Conflict(Reason::ChangedMeanwhile))),
            "{loser:?}"
        );
        let d = dossier_entity::Entity::find_by_id(id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(d.version, v + 1, "exactly one change");
        t.cleanup().await;
    }
}
