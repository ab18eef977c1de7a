//! The routes outside the server functions — files, thumbnails, exports, EPCIS, stamp sheets,
//! certificate PDFs, QR images — called by every kind of actor, including a second producer and
//! a council member who is not in the round, against one table. Only 401, 403 and 404 count as
//! refusals; any other answer (200, or 409 for "not yet") means the actor got past the check.
use crate::permission_targets::targets;
use crate::test_support::{demo_app, get_bytes, sign_in};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    /// The demo producer whose product, lot and dossier the rows aim at (Chi Lăng).
    Producer,
    /// A producer of another subject.
    OtherProducer,
    /// The officer of Chi Lăng, the producer's commune.
    ProducerCommune,
    /// The officer of Tràng Định.
    OtherCommune,
    Province,
    Advisory,
    /// A council member of the round the rows aim at.
    Council,
    /// A council member outside that round.
    OtherCouncil,
    Admin,
}

use Who::*;

const EVERYONE: &[Who] = &[
    Anonymous,
    Producer,
    OtherProducer,
    ProducerCommune,
    OtherCommune,
    Province,
    Advisory,
    Council,
    OtherCouncil,
    Admin,
];

fn login(who: Who) -> Option<&'static str> {
    Some(match who {
        Anonymous => return None,
        Producer => "dongbanh@demo.vn",
        OtherProducer => "thachden@demo.vn",
        ProducerCommune => "xa.chilang@demo.vn",
        OtherCommune => "xa.trangdinh@demo.vn",
        Province => "so.nnmt@demo.vn",
        Advisory => "tuvan@demo.vn",
        Council => "hoidong@demo.vn",
        OtherCouncil => "hoidong2@demo.vn",
        Admin => "quantri@demo.vn",
    })
}

#[tokio::test]
async fn every_route_allows_and_denies_as_the_table_says() {
    let app = demo_app(Default::default()).await;
    let t = targets(&app.db, &app.files).await;
    let certificate = {
        use sea_orm::EntityTrait;
        app::entities::certificate::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .number
    };
    // A period every commune of the demo reported for.
    let period = app::seed::reports::demo_periods(&app.db, app::clock::today())
        .await
        .unwrap()
        .unwrap()
        .before_last
        .id;
    let own_photo_file = {
        use sea_orm::EntityTrait;
        app::entities::product_photo::Entity::find_by_id(t.own_photo)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .file_id
    };
    let readers_of_reports: &[Who] = &[ProducerCommune, Province, Admin];
    let subject_readers: &[Who] = &[Producer, ProducerCommune, Province, Admin];
    let table: Vec<(String, &[Who])> = vec![
        (format!("/files/{own_photo_file}"), EVERYONE),
        (format!("/files/{own_photo_file}/thumb"), EVERYONE),
        // A document of another subject's dossier forwarded from Chi Lăng.
        (
            format!("/files/{}", t.foreign_document),
            &[ProducerCommune, Province],
        ),
        (
            "/admin/criteria/1/xlsx".into(),
            &[Province, Advisory, Council, OtherCouncil, Admin],
        ),
        (format!("/rounds/{}/escalation.zip", t.round), &[Province]),
        ("/admin/imports/template.xlsx".into(), &[Province, Admin]),
        // Commune officers get their own commune's list whatever they ask; the province any.
        (
            "/registry/products.xlsx?commune=06463".into(),
            &[ProducerCommune, OtherCommune, Province, Admin],
        ),
        (
            "/registry/products.xlsx".into(),
            &[ProducerCommune, OtherCommune, Province, Admin],
        ),
        // Those who see the lot's subject.
        (
            format!("/lots/{}/stamps.pdf?size=30&count=40", t.own_lot),
            subject_readers,
        ),
        (format!("/lots/{}/epcis.jsonld", t.own_lot), subject_readers),
        (
            format!("/reports/{period}/06463/report.xlsx"),
            readers_of_reports,
        ),
        (
            format!("/reports/{period}/06463/report.pdf"),
            readers_of_reports,
        ),
        (format!("/lots/{}/qr.png", t.own_lot), EVERYONE),
        (format!("/products/{}/qr.png", t.active_product), EVERYONE),
        (format!("/certificates/{certificate}/pdf"), EVERYONE),
        // Issue 24: the adoption list (commune officers get their own commune's, whatever
        // they ask), the sign-in sheet of Chi Lăng's training (its organisers), the guides.
        (
            "/adoption.csv?commune=06463".into(),
            &[ProducerCommune, OtherCommune, Province],
        ),
        (
            "/adoption.csv".into(),
            &[ProducerCommune, OtherCommune, Province],
        ),
        (
            format!("/trainings/{}/sign-in.pdf", t.training),
            &[ProducerCommune, Province],
        ),
        ("/help/guides/council.pdf".into(), EVERYONE),
    ];
    let mut wrong = Vec::new();
    for who in EVERYONE.iter().copied() {
        let cookie = match login(who) {
            Some(email) => Some(sign_in(&app.router, email, None).await),
            None => None,
        };
        for (path, allowed) in &table {
            let (status, _) = get_bytes(&app.router, path, cookie.as_deref()).await;
            let refused = matches!(status, 401 | 403 | 404);
            if refused == allowed.contains(&who) {
                wrong.push(format!("{who:?} GET {path}: {status}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "not as the table says:\n{}",
        wrong.join("\n")
    );
}
