//! Every server function, called over HTTP by every kind of actor — including a second producer
//! and a council member outside the round — against the expected allow/deny of one table. A
//! server function that is registered but missing from the table fails the test, so no new
//! function goes unexamined. Forbidden, SignInRequired and NotFound count as refusals: a row's
//! allowed callers must get past the check to an answer, a conflict or a field error.
use std::collections::BTreeSet;

use app::seed::demo::{DEMO_PASSWORD, DEMO_PENDING_EMAIL};

use crate::permission_targets::{Targets, targets};
use crate::test_support::{TestApp, demo_app, multipart, post_typed, post_with_status, sign_in};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Who {
    Anonymous,
    /// The demo producer whose records the rows aim at (Chi Lăng).
    Producer,
    /// A producer of another subject.
    OtherProducer,
    /// Officer of Tràng Định, where the demo registration waits.
    OwnCommune,
    /// Officer of Chi Lăng.
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

/// (endpoint, form body, who may call it).
pub(crate) type Row = (&'static str, String, &'static [Who]);

pub(crate) const EVERYONE: &[Who] = &[
    Anonymous,
    Producer,
    OtherProducer,
    OwnCommune,
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
        OwnCommune => "xa.trangdinh@demo.vn",
        OtherCommune => "xa.chilang@demo.vn",
        Province => "so.nnmt@demo.vn",
        Advisory => "tuvan@demo.vn",
        Council => "hoidong@demo.vn",
        OtherCouncil => "hoidong2@demo.vn",
        Admin => "quantri@demo.vn",
    })
}

/// Who takes part in the producer's dossier: the producer and Chi Lăng's officer.
const DOSSIER_PARTIES: &[Who] = &[Producer, OtherCommune];
pub(crate) const SIGNED_IN: &[Who] = &[
    Producer,
    OtherProducer,
    OwnCommune,
    OtherCommune,
    Province,
    Advisory,
    Council,
    OtherCouncil,
    Admin,
];

/// Any producer, for what a producer does in their own subject.
pub(crate) const PRODUCERS: &[Who] = &[Producer, OtherProducer];

/// Those who read criteria sets: the province, the administrator and every evaluator.
const EVALUATORS: &[Who] = &[Province, Advisory, Council, OtherCouncil, Admin];

pub(crate) const ADMINS: &[Who] = &[Province, Admin];

/// (endpoint, form body, who may call it). Order matters only in that `sign_out` comes last.
/// No request here changes what a later one depends on: locks and role changes are aimed at
/// states or values that make them fail after the permission check.
fn matrix(ids: &Targets) -> Vec<Row> {
    let Targets {
        pending_user,
        pending_subject,
        official,
        active_subject,
        active_product,
        returned_dossier,
        foreign_document,
        own_photo,
        foreign_photo,
        waiting_idea,
        round,
        round_dossier,
        ..
    } = *ids;
    let mut rows = vec![
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
            "registration[full_name]=&registration[email]=&registration[phone]=\
             &registration[password]=&registration[subject_mode]=new&registration[subject_type]=\
             &registration[subject_name]=&registration[tax_code]=&registration[address]=\
             &registration[commune_code]=&registration[join_subject_id]="
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
            SIGNED_IN,
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
        // A producer of Tràng Định: its commune's officer may give them links too.
        (
            "/api/issue_reset_link",
            format!("user_id={pending_user}"),
            &[OwnCommune, Province, Admin],
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
        // A stale version: the producer (a member), its commune's officer and the province
        // get past the check to a conflict.
        (
            "/api/update_subject_profile",
            format!(
                "profile[subject_id]={active_subject}&profile[version]=-1&profile[name]=x\
                 &profile[subject_type]=HTX&profile[tax_code]=&profile[address]=\
                 &profile[legal_representative]=&profile[phone]=&profile[email]=\
                 &profile[website]=&profile[founded_year]=&profile[member_count]=\
                 &profile[local_workers]=&profile[introduction]=&profile[latitude]=\
                 &profile[longitude]="
            ),
            &[Producer, OtherCommune, Province, Admin],
        ),
        ("/api/list_my_products", String::new(), PRODUCERS),
        (
            "/api/get_product",
            format!("product_id={active_product}"),
            EVERYONE,
        ),
        // An empty name: the producer gets past the check to a field error.
        (
            "/api/save_product",
            "product[product_id]=0&product[version]=0&product[name]=&product[group_code]=\
             &product[description]=&product[net_quantity]=&product[packaging]=\
             &product[shelf_life]=&product[price_min]=&product[price_max]=\
             &product[raw_material_area]=&product[story]=&product[gtin]="
                .into(),
            PRODUCERS,
        ),
        (
            "/api/list_dossiers",
            "state=&commune_code=&group_code=&cycle=&page=1".into(),
            &[Producer, OtherProducer, OwnCommune, OtherCommune, Province],
        ),
        ("/api/dossier_products", String::new(), PRODUCERS),
        // No such product: the producer gets past the check to a field error.
        (
            "/api/create_dossier",
            "product_id=0&cycle=first".into(),
            PRODUCERS,
        ),
        // Returned: the producer and its commune see it; the province only once forwarded.
        (
            "/api/get_dossier",
            format!("dossier_id={returned_dossier}"),
            DOSSIER_PARTIES,
        ),
        // A stale version: the producer gets past the check to a conflict.
        (
            "/api/save_dossier_form",
            format!(
                "dossier_id={returned_dossier}&version=-1&form[annual_output]=\
                 &form[annual_revenue]=&form[workers]=&form[raw_material_source]=&form[markets]=\
                 &form[self_assessed_stars]="
            ),
            &[Producer],
        ),
        (
            "/api/dossier_action",
            format!("dossier_id={returned_dossier}&version=-1&action=Resubmit&note="),
            &[Producer],
        ),
        // Not checked: the commune gets past the check to a conflict.
        (
            "/api/forward_dossiers",
            format!("dossier_ids={returned_dossier}&note=matrix"),
            &[OtherCommune],
        ),
        // The producer may answer while it is returned; an empty comment is refused after.
        (
            "/api/comment_on_dossier",
            format!("dossier_id={returned_dossier}&item_code=&body="),
            &[Producer],
        ),
        // The commune pre-assesses only while it checks the dossier, not once returned.
        (
            "/api/save_pre_assessment",
            format!(
                "dossier_id={returned_dossier}&assessment[raw_materials_verdict]=\
                 &assessment[raw_materials_justification]=&assessment[labour_verdict]=\
                 &assessment[labour_justification]=&assessment[idea_origin_verdict]=\
                 &assessment[idea_origin_justification]=&assessment[local_identity_verdict]=\
                 &assessment[local_identity_justification]=&assessment[conclusion]="
            ),
            &[],
        ),
        // Multipart (see `call`); an unknown item: the producer gets past the check.
        (
            "/api/upload_dossier_document",
            format!("dossier_id={returned_dossier}"),
            &[Producer],
        ),
        // Another subject's dossier, forwarded: nobody here removes its documents.
        (
            "/api/remove_dossier_document",
            format!("document_id={foreign_document}"),
            &[],
        ),
        // Multipart with a PDF: the producer gets past the check to "images only".
        (
            "/api/upload_product_photo",
            format!("product_id={active_product}"),
            &[Producer],
        ),
        // Already the cover: making it the cover again changes nothing.
        (
            "/api/set_product_cover",
            format!("photo_id={own_photo}"),
            &[Producer],
        ),
        // A photo of the second producer's product: only they remove it (the rows after find
        // it gone, which refuses them too).
        (
            "/api/remove_product_photo",
            format!("photo_id={foreign_photo}"),
            &[OtherProducer],
        ),
        (
            "/api/list_ideas",
            String::new(),
            &[Producer, OtherProducer, OwnCommune, OtherCommune, Province],
        ),
        // An empty form: producers get past the check to a field error.
        (
            "/api/submit_idea",
            "name=&group_code=&description=&raw_materials=".into(),
            PRODUCERS,
        ),
        // The demo idea waiting in Chi Lăng, at a stale version: its officer gets a conflict.
        (
            "/api/decide_idea",
            format!("idea_id={waiting_idea}&version=-1&accept=true&comment="),
            &[OtherCommune],
        ),
        // Not accepted yet: its subject's member gets past the check to a conflict.
        (
            "/api/idea_to_product",
            format!("idea_id={waiting_idea}"),
            &[Producer],
        ),
        ("/api/list_criteria_sets", String::new(), EVALUATORS),
        ("/api/get_criteria_set", "id=1".into(), EVALUATORS),
        // Each member lists their own rounds.
        (
            "/api/list_rounds",
            String::new(),
            &[Province, Advisory, Council, OtherCouncil],
        ),
        // An empty form: the provincial officer gets past the check to a field error.
        (
            "/api/create_round",
            "round[name]=&round[year]=&round[dossier_deadline]=&round[scoring_from]=\
             &round[scoring_until]=&round[others_visible]=&round[aggregation]="
                .into(),
            &[Province],
        ),
        // The round is in scoring: the provincial officer gets past the check to "not yet".
        (
            "/api/get_round_minutes",
            format!("round_id={round}"),
            &[Province],
        ),
        // An empty form: the provincial officer gets past the check to a field error.
        (
            "/api/update_round",
            format!(
                "round_id={round}&version=0&round[name]=&round[year]=&round[dossier_deadline]=\
                 &round[scoring_from]=&round[scoring_until]=&round[others_visible]=\
                 &round[aggregation]="
            ),
            &[Province],
        ),
        (
            "/api/get_round",
            format!("round_id={round}"),
            &[Province, Advisory, Council],
        ),
        // Already a member: adding them again changes nothing.
        (
            "/api/add_round_member",
            format!("round_id={round}&user_id={official}&group_code="),
            &[Province],
        ),
        // In scoring no member leaves: a conflict after the check.
        (
            "/api/remove_round_member",
            format!("round_id={round}&user_id={official}"),
            &[Province],
        ),
        // In scoring no dossier joins: a conflict after the check.
        (
            "/api/add_round_dossiers",
            format!("round_id={round}&dossier_ids="),
            &[Province],
        ),
        (
            "/api/advance_round",
            format!("round_id={round}&version=-1"),
            &[Province],
        ),
        // An empty reason: members get past the check to a field error.
        (
            "/api/declare_conflict",
            format!("round_id={round}&dossier_id={round_dossier}&reason="),
            &[Advisory, Council],
        ),
        (
            "/api/get_score_sheet",
            format!("round_id={round}&dossier_id={round_dossier}"),
            &[Advisory, Council],
        ),
        // A stale version (council) or the wrong phase (advisory): conflicts after the check.
        (
            "/api/save_score_sheet",
            format!(
                "round_id={round}&dossier_id={round_dossier}&version=-1&choices=%7B%7D&submit=false"
            ),
            &[Advisory, Council],
        ),
        // A submitted demo sheet, no reason: a field error (or "wrong phase") after the check.
        (
            "/api/reopen_score_sheet",
            format!(
                "round_id={}&dossier_id={}&member_id={}&reason=",
                ids.submitted_sheet.0, ids.submitted_sheet.1, ids.submitted_sheet.2
            ),
            &[Province],
        ),
        (
            "/api/get_round_results",
            format!("round_id={round}"),
            &[Province],
        ),
        // The open demo round scores: blank remarks are saved (cleared).
        (
            "/api/save_council_remarks",
            format!("round_id={round}&dossier_id={round_dossier}&remarks="),
            &[Province],
        ),
        (
            "/api/decide_round",
            format!("round_id={round}&version=-1&number=1&date=2026-01-01&signer=x"),
            &[Province],
        ),
        // A producer gets their own whatever the filter.
        (
            "/api/list_certificates",
            "state=&query=&page=1".into(),
            &[Producer, OtherProducer, Province, Admin],
        ),
        // Public.
        (
            "/api/check_certificate",
            format!("number={}", ids.certificate),
            EVERYONE,
        ),
        // No reason: the provincial officer gets past the check to a field error.
        (
            "/api/revoke_certificate",
            format!(
                "number={}&reason=&decision=x&date=2026-01-01",
                ids.certificate
            ),
            &[Province],
        ),
        // No decision: the provincial officer gets past the check to a field error (or to
        // "not proposed" for a certificate under 90 points).
        (
            "/api/record_ministry_result",
            format!(
                "input[number]={}&input[decision]=&input[date]=&input[stars]=5",
                ids.certificate
            ),
            &[Province],
        ),
        // Unreadable JSON: those who manage sets get past the check to a field error.
        (
            "/api/save_criteria_set",
            "group_code=I&name=x&json=%7B".into(),
            &[Province, Admin],
        ),
        // Multipart with a PDF: those who manage sets get past the check to "unreadable".
        (
            "/api/import_criteria_xlsx",
            String::new(),
            &[Province, Admin],
        ),
    ];
    rows.extend(crate::permission_rows::rows(ids));
    rows.extend([
        // Public: any product of an active subject.
        ("/api/get_public_product", "id=1".into(), EVERYONE),
        ("/api/unread_notifications", String::new(), EVERYONE),
        ("/api/list_notifications", String::new(), SIGNED_IN),
        ("/api/mark_notifications_read", String::new(), SIGNED_IN),
        // Outside demo mode (as here) nobody lists or uses the demo accounts.
        ("/api/list_demo_accounts", String::new(), EVERYONE),
        ("/api/demo_mode", String::new(), EVERYONE),
        ("/api/my_open_reset_links", String::new(), SIGNED_IN),
        // Each signed-in user's own next steps; a visitor has none.
        ("/api/next_steps", String::new(), SIGNED_IN),
        ("/api/demo_sign_in", "email=quantri%40demo.vn".into(), &[]),
        ("/api/sign_out", String::new(), EVERYONE),
    ]);
    rows
}

/// Posts the row's form; the upload function takes a multipart form (its text fields from the
/// row, an item not on the checklist, a small PDF).
async fn call(
    app: &axum::Router,
    path: &str,
    body: &str,
    cookie: Option<&str>,
) -> (u16, String, Option<String>) {
    if !matches!(
        path,
        "/api/upload_dossier_document"
            | "/api/upload_product_photo"
            | "/api/import_criteria_xlsx"
            | "/api/upload_import"
            | "/api/upload_label_artwork"
            | "/api/upload_event_photo"
            | "/api/upload_inspection_photo"
    ) {
        return post_with_status(app, path, body.to_owned(), cookie).await;
    }
    let mut fields: Vec<(&str, &str)> = body
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .collect();
    fields.push(("item_code", "no-such-item"));
    let pdf = app::seed::dossiers::demo_pdf("matrix", "test");
    let (content_type, bytes) = multipart(&fields, "matrix.pdf", &pdf);
    post_typed(app, path, &content_type, bytes, cookie).await
}

fn denied(body: &str) -> bool {
    ["\"Forbidden\"", "\"SignInRequired\"", "\"NotFound\""]
        .iter()
        .any(|refusal| body.contains(refusal))
}

#[tokio::test]
async fn every_server_function_allows_and_denies_as_the_table_says() {
    let TestApp {
        router: app,
        db,
        files,
        ..
    } = demo_app(Default::default()).await;
    let pending =
        app::services::accounts::credentials::authenticate(&db, DEMO_PENDING_EMAIL, DEMO_PASSWORD)
            .await;
    assert!(pending.is_err(), "the demo registration waits");
    let targets = targets(&db, &files).await;
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
            let (status, answer, _) = call(&app, path, body, cookie.as_deref()).await;
            let expected = allowed.contains(&who);
            assert_eq!(
                !denied(&answer),
                expected,
                "{who:?} calling {path}: {answer}"
            );
            // Refusals carry their HTTP status: 401 to sign in, 403 not allowed, 404 not found.
            assert_eq!(
                matches!(status, 401 | 403 | 404),
                !expected,
                "{who:?} calling {path}: status {status}, {answer}"
            );
        }
    }
}
