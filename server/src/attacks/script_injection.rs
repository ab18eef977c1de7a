//! Free text that tries to break out of its form field: saved into every free-text field of
//! every form, it must come back on each page as text — never as markup that runs.
use crate::test_support::{
    TestApp, account, demo_app, form_value, get_page, post_with_status, sign_in,
};
use app::auth::current::to_actor;
use app::domain::dossier::DossierState;

/// What an attacker types: closes the textarea, opens a script, and a quoted attribute.
const HOSTILE: &str = "</textarea><script>alert(1)</script>\"><b onmouseover=x>";

/// The page holds the hostile text only escaped (at least `times` times), never as markup.
fn assert_inert(html: &str, page: &str, times: usize) {
    assert!(
        !html.contains("<script>alert(1)") && !html.contains("<b onmouseover"),
        "{page} writes the saved text as markup"
    );
    let escaped = html.matches("&lt;script&gt;alert(1)").count();
    assert!(
        escaped >= times,
        "{page} shows the saved text {escaped} times, expected {times}"
    );
}

/// `fields` as `prefix[name]=value&…`.
fn nested(prefix: &str, fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{prefix}[{k}]={}", form_value(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The product form's free-text fields.
const PRODUCT_TEXT_FIELDS: [&str; 8] = [
    "name",
    "description",
    "net_quantity",
    "packaging",
    "shelf_life",
    "raw_material_area",
    "story",
    "points_of_sale",
];

/// Saves a product with the hostile text in every free-text field; returns its id.
async fn hostile_product(app: &TestApp, producer: &str) -> i32 {
    // The product form: every free-text field.
    let mut fields: Vec<(&str, &str)> = PRODUCT_TEXT_FIELDS.iter().map(|f| (*f, HOSTILE)).collect();
    fields.extend([
        ("product_id", "0"),
        ("version", "0"),
        ("group_code", "I.1.a"),
        ("price_min", ""),
        ("price_max", ""),
        ("gtin", ""),
    ]);
    let (status, answer, _) = post_with_status(
        &app.router,
        "/api/save_product",
        nested("product", &fields),
        Some(producer),
    )
    .await;
    assert_eq!(status, 200, "the product is saved: {answer}");
    let product: i32 = answer.trim().parse().unwrap_or_else(|_| panic!("{answer}"));
    product
}

#[tokio::test]
async fn the_product_form_shows_a_breakout_as_text() {
    let app = demo_app(Default::default()).await;
    let producer = sign_in(&app.router, "dongbanh@demo.vn", None).await;
    let product = hostile_product(&app, &producer).await;
    let (status, html) = get_page(
        &app.router,
        &format!("/producer/products/{product}"),
        Some(&producer),
    )
    .await;
    assert_eq!(status, 200);
    assert_inert(&html, "the product form", PRODUCT_TEXT_FIELDS.len());
}

#[tokio::test]
async fn the_subject_profile_shows_a_breakout_as_text() {
    let app = demo_app(Default::default()).await;
    let db = &app.db;
    let producer = sign_in(&app.router, "dongbanh@demo.vn", None).await;
    // The subject profile: its free-text fields, saved as its member.
    let producer_account = account(db, "dongbanh@demo.vn").await;
    let member = to_actor(&producer_account);
    let subject_id = producer_account.subject_id.unwrap();
    let view = app::services::producers::subject_profile::subject_view(db, &member, subject_id)
        .await
        .unwrap();
    let version = view.version.to_string();
    let tax_code = view.tax_code.clone().unwrap_or_else(|| "4900999111".into());
    let subject_id_text = subject_id.to_string();
    let fields = [
        ("subject_id", subject_id_text.as_str()),
        ("version", version.as_str()),
        ("name", HOSTILE),
        ("subject_type", view.subject_type.as_str()),
        ("tax_code", tax_code.as_str()),
        ("address", HOSTILE),
        ("legal_representative", HOSTILE),
        ("phone", ""),
        ("email", ""),
        ("website", ""),
        ("founded_year", ""),
        ("member_count", ""),
        ("local_workers", ""),
        ("introduction", HOSTILE),
        ("latitude", ""),
        ("longitude", ""),
    ];
    let (status, answer, _) = post_with_status(
        &app.router,
        "/api/update_subject_profile",
        nested("profile", &fields),
        Some(&producer),
    )
    .await;
    assert_eq!(status, 200, "the profile is saved: {answer}");
    let (_, html) = get_page(&app.router, "/producer/subject", Some(&producer)).await;
    assert_inert(&html, "the subject profile", 4);
}

#[tokio::test]
async fn the_dossier_form_and_pre_assessment_show_a_breakout_as_text() {
    let app = demo_app(Default::default()).await;
    let db = &app.db;
    let producer = sign_in(&app.router, "dongbanh@demo.vn", None).await;
    let commune = sign_in(&app.router, "xa.chilang@demo.vn", None).await;
    // The dossier's registration form (producer), then the commune's pre-assessment.
    let draft = dossier(&app, DossierState::Draft).await;
    let fields = [
        ("annual_output", HOSTILE),
        ("annual_revenue", ""),
        ("workers", ""),
        ("raw_material_source", HOSTILE),
        ("markets", HOSTILE),
        ("self_assessed_stars", ""),
    ];
    let body = format!(
        "dossier_id={draft}&version={}&{}",
        version_of(db, draft).await,
        nested("form", &fields)
    );
    let (status, answer, _) =
        post_with_status(&app.router, "/api/save_dossier_form", body, Some(&producer)).await;
    assert_eq!(status, 200, "the dossier form is saved: {answer}");
    let (_, html) = get_page(&app.router, &format!("/dossiers/{draft}"), Some(&producer)).await;
    assert_inert(&html, "the dossier form", 3);

    let submitted = dossier(&app, DossierState::Submitted).await;
    let mut fields = vec![("conclusion", HOSTILE)];
    for criterion in app::domain::pre_assessment::CRITERIA {
        fields.push((leak(format!("{criterion}_verdict")), "met"));
        fields.push((leak(format!("{criterion}_justification")), HOSTILE));
    }
    let body = format!("dossier_id={submitted}&{}", nested("assessment", &fields));
    let (status, answer, _) = post_with_status(
        &app.router,
        "/api/save_pre_assessment",
        body,
        Some(&commune),
    )
    .await;
    assert_eq!(status, 200, "the pre-assessment is saved: {answer}");
    let (_, html) = get_page(
        &app.router,
        &format!("/dossiers/{submitted}"),
        Some(&commune),
    )
    .await;
    assert_inert(&html, "the pre-assessment", 5);
}

#[tokio::test]
async fn the_report_sections_show_a_breakout_as_text() {
    let app = demo_app(Default::default()).await;
    let db = &app.db;
    let commune = sign_in(&app.router, "xa.chilang@demo.vn", None).await;
    // The commune's periodic report: its three written sections.
    let period = open_period(db).await;
    let body = format!(
        "period_id={period}&scope=06463&version=0&results={h}&difficulties={h}&proposals={h}",
        h = form_value(HOSTILE)
    );
    let (status, answer, _) =
        post_with_status(&app.router, "/api/save_report", body, Some(&commune)).await;
    assert_eq!(status, 200, "the report is saved: {answer}");
    let (_, html) = get_page(
        &app.router,
        &format!("/reports/{period}/06463"),
        Some(&commune),
    )
    .await;
    assert_inert(&html, "the report", 3);
}

#[tokio::test]
async fn the_label_shows_a_breakout_as_text() {
    let app = demo_app(Default::default()).await;
    let db = &app.db;
    let producer = sign_in(&app.router, "dongbanh@demo.vn", None).await;
    let product = hostile_product(&app, &producer).await;
    let member = to_actor(&account(db, "dongbanh@demo.vn").await);
    // The label of the product: every item's text.
    let label = app::services::traceability::labels::for_product(
        db,
        &member,
        product,
        app::services::today_in_vietnam(),
        &Default::default(),
        &Default::default(),
    )
    .await
    .unwrap();
    let content: Vec<(String, &str)> = label
        .items
        .iter()
        .map(|i| (format!("content[{}]", i.item.code), HOSTILE))
        .collect();
    let body = format!(
        "product_id={product}&version={}&{}",
        label.version,
        content
            .iter()
            .map(|(k, v)| format!("{k}={}", form_value(v)))
            .collect::<Vec<_>>()
            .join("&")
    );
    let (status, answer, _) = post_with_status(
        &app.router,
        "/api/save_product_label",
        body,
        Some(&producer),
    )
    .await;
    assert_eq!(status, 200, "the label is saved: {answer}");
    let (_, html) = get_page(&app.router, &format!("/labels/{product}"), Some(&producer)).await;
    assert_inert(&html, "the label", 2);
}

#[tokio::test]
async fn the_criteria_editor_shows_a_breakout_as_text() {
    let app = demo_app(Default::default()).await;
    let db = &app.db;
    let admin = sign_in(&app.router, "quantri@demo.vn", None).await;
    // The criteria editor: a criterion named by the attacker, in the set's JSON.
    let administrator = to_actor(&account(db, "quantri@demo.vn").await);
    let sets = app::services::evaluation::criteria_sets::list(db, &administrator)
        .await
        .unwrap();
    let first = app::services::evaluation::criteria_sets::detail(db, &administrator, sets[0].id)
        .await
        .unwrap();
    let mut set = first.set.clone();
    set.parts[0].criteria[0].text = HOSTILE.into();
    let body = format!(
        "group_code={}&name={}&json={}",
        form_value(&first.row.group_code),
        form_value("Bộ thử"),
        form_value(&serde_json::to_string(&set).unwrap())
    );
    let (status, answer, _) =
        post_with_status(&app.router, "/api/save_criteria_set", body, Some(&admin)).await;
    assert_eq!(status, 200, "the criteria set is saved: {answer}");
    let id: i32 = answer.trim().parse().unwrap_or_else(|_| panic!("{answer}"));
    let (_, html) = get_page(&app.router, &format!("/admin/criteria/{id}"), Some(&admin)).await;
    assert!(
        !html.contains("<script>alert(1)"),
        "the criteria editor writes the saved text as markup"
    );
}

/// A new dossier of the demo producer brought to `state`.
async fn dossier(app: &crate::test_support::TestApp, state: DossierState) -> i32 {
    let db = app.db.clone();
    let account = move |email: &'static str| {
        let db = db.clone();
        async move { account(&db, email).await }
    };
    crate::permission_targets::dossier_in(&app.db, &app.files, &account, "Sản phẩm thử chữ", state)
        .await
}

async fn version_of(db: &sea_orm::DatabaseConnection, dossier: i32) -> i32 {
    use sea_orm::EntityTrait;
    app::entities::dossier::Entity::find_by_id(dossier)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .version
}

/// The period whose report the demo leaves for Chi Lăng's trainer to write.
async fn open_period(db: &sea_orm::DatabaseConnection) -> i32 {
    app::seed::reports::demo_periods(db, app::clock::today())
        .await
        .unwrap()
        .unwrap()
        .last
        .id
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}
