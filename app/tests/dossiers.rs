//! Product dossiers against real databases: the whole journey with frozen versions and
//! notifications, every (state, action, party) triple through the service, who sees what, and
//! the demo set. Uploads and concurrency: `dossier_uploads.rs`.
use crate::support;

use app::auth::Actor;
use app::domain::dossier::{self, DossierAction, DossierState, Party};
use app::domain::dossier_diff::Change;
use app::domain::pre_assessment::PreAssessmentInput;
use app::entities::dossier as dossier_entity;
use app::models::dossiers::DossierFilter;
use app::seed::dossiers::{demo_pdf, seed_dossiers, walk_to};
use app::services::dossiers::{commune_review, documents, filing, flow};
use app::services::files::uploads::{Upload, UploadLimits};
use app::services::{ServiceError, notifications};
use sea_orm::EntityTrait;
use support::dossiers::{assessment, files, fresh, new_product, people, problems, reason, version};
#[tokio::test]
async fn a_dossier_goes_from_draft_to_the_province_with_versions_and_notifications() {
    for t in support::demo::demo_databases().await {
        let (db, store, p) = (&t.db, files(), people(&t.db).await);
        let limits = UploadLimits::default();
        let prod = new_product(db, &p.owner, "Na Chi Lăng thử").await;
        let id = filing::create_dossier(db, &p.owner, prod.id, "first", None)
            .await
            .unwrap();
        assert_eq!(
            reason(filing::create_dossier(db, &p.owner, prod.id, "first", None).await),
            ("product_id", "dossier_open")
        );
        let submit = |v| flow::act(db, &p.owner, id, v, DossierAction::Submit, "", None);
        // An empty dossier says at once every field and every mandatory document it lacks.
        let all = problems(submit(version(db, id).await).await);
        for field in [
            "annual_output",
            "annual_revenue",
            "workers",
            "raw_material_source",
            "markets",
        ] {
            assert!(all.contains(&(field.to_owned(), "required")), "{all:?}");
        }
        assert!(
            !all.iter().any(|(f, _)| f == "self_assessed_stars"),
            "{all:?}"
        );
        let missing_docs = all
            .iter()
            .filter(|(f, r)| f.starts_with("item:") && *r == "document_missing");
        assert!(missing_docs.count() >= 3, "{all:?}");
        let filled = app::domain::dossier_form::DossierFormInput {
            annual_output: "3 tấn".into(),
            annual_revenue: "500".into(),
            workers: "8".into(),
            raw_material_source: "Vườn na của HTX".into(),
            markets: "Hà Nội".into(),
            self_assessed_stars: String::new(),
        };
        filing::save_form(db, &p.owner, id, version(db, id).await, &filled, None)
            .await
            .unwrap();
        let all = problems(submit(version(db, id).await).await);
        assert!(
            !all.is_empty()
                && all
                    .iter()
                    .all(|(f, r)| f.starts_with("item:") && *r == "document_missing"),
            "{all:?}"
        );
        let view = filing::dossier_view(db, &p.owner, id, &limits)
            .await
            .unwrap();
        for item in view.checklist.iter().filter(|i| i.mandatory) {
            let upload = Upload {
                name: format!("{}.pdf", item.code),
                bytes: demo_pdf("Na", &item.code),
            };
            documents::attach(
                db,
                &store,
                &limits,
                &p.owner,
                (id, &item.code),
                upload,
                None,
            )
            .await
            .unwrap();
        }
        let out = submit(version(db, id).await).await.unwrap();
        assert_eq!(out.state, DossierState::Submitted);
        assert!(!out.notices.is_empty(), "the commune is told");
        assert!(notifications::unread_count(db, &p.commune).await.unwrap() >= 1);
        // The commune comments on an item and returns it; the producer is told.
        commune_review::comment(db, &p.commune, id, "business_plan", "Thiếu số liệu.", None)
            .await
            .unwrap();
        let returned = flow::act(
            db,
            &p.commune,
            id,
            version(db, id).await,
            DossierAction::Return,
            "",
            None,
        )
        .await
        .unwrap();
        assert_eq!(returned.state, DossierState::Returned);
        let told = notifications::list(db, &p.owner).await.unwrap();
        assert!(
            told.iter()
                .any(|n| n.kind == "dossier.return" && n.dossier_id == Some(id)),
            "{told:?}"
        );
        // The producer supplements and resubmits: version 2 shows what changed.
        let upload = Upload {
            name: "bo-sung.pdf".into(),
            bytes: demo_pdf("Na", "supplement"),
        };
        documents::attach(
            db,
            &store,
            &limits,
            &p.owner,
            (id, "business_plan"),
            upload,
            None,
        )
        .await
        .unwrap();
        flow::act(
            db,
            &p.owner,
            id,
            version(db, id).await,
            DossierAction::Resubmit,
            "Đã bổ sung.",
            None,
        )
        .await
        .unwrap();
        let view = filing::dossier_view(db, &p.commune, id, &limits)
            .await
            .unwrap();
        assert_eq!(view.submission_no, 2);
        assert_eq!(view.versions[0].number, 2);
        assert_eq!(
            view.versions[0].changes,
            vec![Change::DocumentAdded {
                item_code: "business_plan".into(),
                name: "bo-sung.pdf".into()
            }]
        );
        assert!(
            view.checklist
                .iter()
                .any(|i| i.code == "business_plan" && i.comments.len() == 1)
        );
        // Checked only after the pre-assessment; then forwarded with a note.
        let check = |v| flow::act(db, &p.commune, id, v, DossierAction::MarkChecked, "", None);
        assert_eq!(
            reason(check(version(db, id).await).await),
            ("assessment", "assessment_missing")
        );
        assert_eq!(
            reason(
                commune_review::save_assessment(
                    db,
                    &p.commune,
                    id,
                    &PreAssessmentInput::default(),
                    None
                )
                .await
            ),
            ("raw_materials_verdict", "required")
        );
        commune_review::save_assessment(db, &p.commune, id, &assessment(), None)
            .await
            .unwrap();
        check(version(db, id).await).await.unwrap();
        assert_eq!(
            reason(flow::forward(db, &p.commune, &[id], " ", None).await),
            ("note", "required")
        );
        flow::forward(db, &p.commune, &[id], "Đề xuất tỉnh đánh giá.", None)
            .await
            .unwrap();
        let view = filing::dossier_view(db, &p.province, id, &limits)
            .await
            .unwrap();
        assert_eq!(
            (view.state, view.viewer),
            (DossierState::Forwarded, Party::Province)
        );
        assert_eq!(view.forward_note.as_deref(), Some("Đề xuất tỉnh đánh giá."));
        assert!(view.history.iter().any(|h| h.action == "dossier.forward"));
        // The history reads as sentences in each language, with states by their names.
        let sentences: Vec<(&str, &str)> = view
            .history
            .iter()
            .map(|h| (h.sentence.vi.as_str(), h.sentence.en.as_str()))
            .collect();
        assert!(
            sentences
                .iter()
                .any(|(vi, en)| vi.starts_with("đã chuyển hồ sơ ")
                    && vi.contains(" lên tỉnh (lần đề xuất số ")
                    && en.starts_with("forwarded the dossier ")),
            "{sentences:?}"
        );
        assert!(
            sentences
                .iter()
                .any(|(vi, en)| vi.starts_with("đã nộp hồ sơ ")
                    && vi.ends_with("(Đang soạn → Đã nộp xã)")
                    && en.ends_with("(Draft → Submitted)")),
            "{sentences:?}"
        );
        assert!(
            sentences.iter().any(
                |(vi, _)| vi == &"đã lưu đánh giá sơ bộ của xã: đạt 4/4 tiêu chí"
                    || vi.starts_with("đã lưu đánh giá sơ bộ của xã: đạt ")
            ),
            "{sentences:?}"
        );
        // No code left in a sentence; file names (which may hold `_`) are the user's own words.
        let coded = |s: &str| {
            s.split_whitespace()
                .any(|word| word.contains('_') && !word.contains('.'))
        };
        for (vi, en) in &sentences {
            assert!(!coded(vi) && !coded(en), "a code in {vi} / {en}");
        }
        let listed = filing::browse(
            db,
            &p.province,
            &DossierFilter {
                page: 1,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert!(listed.rows.iter().any(|r| r.id == id), "{}", t.backend);
        t.cleanup().await;
    }
}

/// Each (state, action, party) triple through the service: allowed ones succeed and lead
/// where the table says; refused ones change nothing. Dossiers in every state come from the
/// demo walk; a fresh one for every allowed triple.
#[tokio::test]
async fn every_state_action_party_triple_is_applied_or_refused_by_the_service() {
    for t in support::demo::demo_databases().await {
        let (db, store, p) = (&t.db, files(), people(&t.db).await);
        let roles = [&p.owner, &p.commune, &p.province];
        let mut n = 0;
        for state in DossierState::ALL {
            n += 1;
            let standing = fresh(db, &store, &p, n, state).await;
            for action in DossierAction::ALL {
                for (party, who) in Party::ALL.into_iter().zip(roles) {
                    // A round's steps (taking a dossier into evaluation, deciding it) come
                    // with the round's rows and certificates: the dossier's own action
                    // refuses them, whoever asks (the province could once strand a
                    // forwarded dossier "in evaluation" in no round).
                    let by_round = matches!(
                        action,
                        DossierAction::StartEvaluation
                            | DossierAction::Certify
                            | DossierAction::DeclareNotReached
                    );
                    let expected = if by_round {
                        Err(dossier::Refused::NotYourTurn)
                    } else {
                        dossier::transition(state, action, party)
                    };
                    let target = if expected.is_ok() {
                        n += 1;
                        fresh(db, &store, &p, n, state).await
                    } else {
                        standing
                    };
                    if action == DossierAction::MarkChecked && expected.is_ok() {
                        commune_review::save_assessment(db, who, target, &assessment(), None)
                            .await
                            .unwrap();
                    }
                    let v = version(db, target).await;
                    let got = if action == DossierAction::Forward {
                        flow::forward(db, who, &[target], "Đề xuất.", None).await
                    } else {
                        flow::act(db, who, target, v, action, "Ghi chú.", None).await
                    };
                    match (&expected, &got) {
                        (Ok(to), Ok(out)) => {
                            assert_eq!(out.state, *to, "{state:?} {action:?} {party:?}")
                        }
                        (Err(_), Err(ServiceError::Denied(_) | ServiceError::Conflict(_))) => {
                            assert_eq!(version(db, target).await, v, "refused yet changed");
                        }
                        _ => panic!(
                            "{state:?} {action:?} by {party:?}: expected {expected:?}, got {got:?} ({})",
                            t.backend
                        ),
                    }
                }
                // Nobody else takes any action on it.
                for outsider in [
                    &p.other_commune,
                    &p.other_producer,
                    &p.council,
                    &p.admin,
                    &Actor::Anonymous,
                ] {
                    let v = version(db, standing).await;
                    let got = flow::act(db, outsider, standing, v, action, "x", None).await;
                    assert!(
                        matches!(got, Err(ServiceError::Denied(_))),
                        "{state:?} {action:?} {outsider:?}: {got:?}"
                    );
                }
            }
        }
        t.cleanup().await;
    }
}

#[tokio::test]
async fn parties_see_only_what_the_rules_let_them_and_outsiders_nothing() {
    for t in support::demo::demo_databases().await {
        let (db, store, p) = (&t.db, files(), people(&t.db).await);
        let limits = UploadLimits::default();
        let prod = new_product(db, &p.owner, "Sản phẩm nháp").await;
        let draft = walk_to(
            db,
            &store,
            &prod,
            [&p.owner, &p.commune, &p.province],
            DossierState::Draft,
        )
        .await
        .unwrap();
        assert!(
            filing::dossier_view(db, &p.owner, draft, &limits)
                .await
                .unwrap()
                .may_edit
        );
        for who in [
            &p.commune,
            &p.province,
            &p.other_commune,
            &p.other_producer,
            &p.council,
            &p.admin,
        ] {
            assert!(
                matches!(
                    filing::dossier_view(db, who, draft, &limits).await,
                    Err(ServiceError::Denied(_))
                ),
                "{who:?} sees a draft"
            );
        }
        let submitted = {
            let prod = new_product(db, &p.owner, "Sản phẩm đã nộp").await;
            walk_to(
                db,
                &store,
                &prod,
                [&p.owner, &p.commune, &p.province],
                DossierState::Submitted,
            )
            .await
            .unwrap()
        };
        assert!(
            filing::dossier_view(db, &p.commune, submitted, &limits)
                .await
                .unwrap()
                .may_review
        );
        assert!(
            filing::dossier_view(db, &p.province, submitted, &limits)
                .await
                .is_err(),
            "not forwarded yet"
        );
        // Lists: the other commune and the other producer see none of Chi Lăng's.
        let all = DossierFilter {
            page: 1,
            ..Default::default()
        };
        for who in [&p.other_commune, &p.other_producer] {
            let rows = filing::browse(db, who, &all).await.unwrap().rows;
            assert!(
                rows.iter().all(|r| r.id != submitted && r.id != draft),
                "{who:?}"
            );
        }
        let inbox = filing::browse(db, &p.commune, &all).await.unwrap();
        assert!(inbox.rows.iter().any(|r| r.id == submitted));
        assert!(
            inbox.rows.iter().all(|r| r.id != draft),
            "drafts stay with the producer"
        );
        assert!(
            inbox
                .counts
                .iter()
                .any(|(s, n)| *s == DossierState::Submitted && *n >= 1)
        );
        for who in [&p.council, &p.admin, &Actor::Anonymous] {
            assert!(filing::browse(db, who, &all).await.is_err(), "{who:?}");
        }
        // Files: the owner and the commune read them; nobody else, not even by id.
        let file_id = filing::dossier_view(db, &p.owner, submitted, &limits)
            .await
            .unwrap()
            .checklist[0]
            .documents[0]
            .file_id;
        assert!(
            app::services::downloads::download(db, &store, &p.owner, file_id, false, None)
                .await
                .unwrap()
                .bytes
                .starts_with(b"%PDF-")
        );
        assert!(
            app::services::downloads::download(db, &store, &p.commune, file_id, false, None)
                .await
                .is_ok()
        );
        for who in [
            &p.province,
            &p.other_commune,
            &p.other_producer,
            &p.council,
            &Actor::Anonymous,
        ] {
            assert!(
                matches!(
                    app::services::downloads::download(db, &store, who, file_id, false, None).await,
                    Err(ServiceError::NotFound)
                ),
                "{who:?} fetched it"
            );
        }
        // A producer cannot file into another subject's dossier.
        let upload = Upload {
            name: "x.pdf".into(),
            bytes: demo_pdf("x", "y"),
        };
        let refused = documents::attach(
            db,
            &store,
            &limits,
            &p.other_producer,
            (draft, "business_plan"),
            upload,
            None,
        )
        .await;
        assert!(matches!(refused, Err(ServiceError::Denied(_))));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_demo_has_dossiers_in_every_state_with_documents() {
    let t = support::demo::demo_sqlite().await;
    let store = files();
    assert_eq!(seed_dossiers(&t.db, &store).await.unwrap(), 17);
    assert_eq!(seed_dossiers(&t.db, &store).await.unwrap(), 0, "only once");
    assert!(
        app::seed::rounds::seed_rounds(&t.db, &support::dossiers::files())
            .await
            .unwrap()
            > 50
    );
    assert_eq!(
        app::seed::rounds::seed_rounds(&t.db, &support::dossiers::files())
            .await
            .unwrap(),
        0,
        "only once"
    );
    let states: std::collections::BTreeSet<&str> = dossier_entity::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.state.as_str())
        .collect();
    assert_eq!(states.len(), DossierState::ALL.len(), "{states:?}");
}
