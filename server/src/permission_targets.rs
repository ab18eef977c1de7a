//! The records the permission matrix aims its requests at, made through the services.

/// A new product of the demo producer with a dossier brought to `state` (its commune is Chi
/// Lăng).
pub async fn dossier_in<F, Fut>(
    db: &sea_orm::DatabaseConnection,
    files: &app::services::files::store::LocalFolder,
    account: &F,
    name: &str,
    state: app::domain::dossier::DossierState,
) -> i32
where
    F: Fn(&'static str) -> Fut,
    Fut: std::future::Future<Output = app::entities::user_account::Model>,
{
    use app::auth::current::to_actor;
    let owner = to_actor(&account("dongbanh@demo.vn").await);
    let commune = to_actor(&account("xa.chilang@demo.vn").await);
    let province = to_actor(&account("so.nnmt@demo.vn").await);
    let subject = account("dongbanh@demo.vn").await.subject_id.unwrap();
    let input = app::models::producers::products::ProductInput {
        name: name.into(),
        group_code: "I.1.a".into(),
        ..Default::default()
    };
    let id = app::services::producers::products::save_product(db, &owner, subject, input, None)
        .await
        .unwrap();
    let product = {
        use sea_orm::EntityTrait;
        app::entities::product::Entity::find_by_id(id)
            .one(db)
            .await
            .unwrap()
            .unwrap()
    };
    app::seed::dossiers::walk_to(db, files, &product, [&owner, &commune, &province], state)
        .await
        .unwrap()
}

/// A round in scoring with the demo council and advisory members and one new forwarded
/// dossier of the producer; returns (round, dossier).
pub async fn scoring_round<F, Fut>(
    db: &sea_orm::DatabaseConnection,
    files: &app::services::files::store::LocalFolder,
    account: &F,
) -> (i32, i32)
where
    F: Fn(&'static str) -> Fut,
    Fut: std::future::Future<Output = app::entities::user_account::Model>,
{
    use app::auth::current::to_actor;
    use app::services::evaluation::rounds;
    let province = to_actor(&account("so.nnmt@demo.vn").await);
    let dossier = dossier_in(
        db,
        files,
        account,
        "Sản phẩm của đợt bảng quyền",
        app::domain::dossier::DossierState::Forwarded,
    )
    .await;
    // Dates from today: dossiers join until the deadline, sheets are submitted in the window.
    let today = app::services::today_in_vietnam();
    let day = |days: i64| {
        (today + chrono::Duration::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    let input = app::models::evaluation::rounds::RoundInput {
        name: "Đợt của bảng quyền".into(),
        year: chrono::Datelike::year(&today).to_string(),
        dossier_deadline: day(10),
        scoring_from: day(-5),
        scoring_until: day(30),
        ..Default::default()
    };
    let round = rounds::create(db, &province, &input).await.unwrap();
    for email in ["hoidong@demo.vn", "tuvan@demo.vn"] {
        let member = account(email).await.id;
        rounds::add_member(db, &province, round, member, None, None)
            .await
            .unwrap();
    }
    rounds::add_dossiers(db, &province, round, &[dossier])
        .await
        .unwrap();
    for _ in 0..2 {
        let version = rounds::view(db, &province, round).await.unwrap().version;
        rounds::advance(db, &province, round, version)
            .await
            .unwrap();
    }
    (round, dossier)
}

/// A photo added to the first product of the account's subject.
pub async fn photo_of(
    db: &sea_orm::DatabaseConnection,
    files: &app::services::files::store::LocalFolder,
    member: &app::entities::user_account::Model,
) -> i32 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let product = app::entities::product::Entity::find()
        .filter(app::entities::product::Column::SubjectId.eq(member.subject_id.unwrap()))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let upload = app::services::files::uploads::Upload {
        name: "anh.png".into(),
        bytes: app::seed::dossiers::demo_png(product.id),
    };
    app::services::producers::product_photos::add_photo(
        db,
        files,
        &Default::default(),
        &app::auth::current::to_actor(member),
        product.id,
        upload,
        None,
    )
    .await
    .unwrap()
}

/// A document of a forwarded demo dossier of another subject than `not_of`.
pub async fn foreign_document(db: &sea_orm::DatabaseConnection, not_of: Option<i32>) -> i32 {
    use app::entities::{dossier, dossier_document};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let forwarded = dossier::Entity::find()
        .filter(dossier::Column::State.eq("forwarded"))
        .filter(dossier::Column::SubjectId.ne(not_of.unwrap_or_default()))
        .one(db)
        .await
        .unwrap()
        .expect("a forwarded demo dossier");
    dossier_document::Entity::find()
        .filter(dossier_document::Column::DossierId.eq(forwarded.id))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Ids in the demo data the table's requests point at.
pub struct Targets {
    /// The producer registration waiting in Tràng Định (and its new, pending subject).
    pub pending_user: i32,
    pub pending_subject: i32,
    /// An official (the advisory member) whose role the table tries to change.
    pub official: i32,
    /// An active subject (public) and one of its products.
    pub active_subject: i32,
    pub active_product: i32,
    /// A dossier of the producer's subject returned by its commune (Chi Lăng, the table's
    /// "other commune"), and a document of another subject's forwarded dossier.
    pub returned_dossier: i32,
    pub foreign_document: i32,
    /// A photo of the producer's product, and one of another subject's product.
    pub own_photo: i32,
    pub foreign_photo: i32,
    /// The demo product idea of the producer's subject waiting for Chi Lăng.
    pub waiting_idea: i32,
    /// A round in its scoring phase with the council and advisory members, and its dossier.
    pub round: i32,
    pub round_dossier: i32,
    /// A demo lot of the producer's product, and an event on it.
    pub own_lot: i32,
    pub own_event: i32,
    /// A product standard or test report filed in a dossier of the producer's subject:
    /// (product, file).
    pub filed_standard: (i32, i32),
    /// The number of a demo certificate.
    pub certificate: String,
    /// A submitted demo score sheet: (round, dossier, member).
    pub submitted_sheet: (i32, i32, i32),
    /// An import batch the province previewed (the empty template: nothing to import).
    pub import_batch: i32,
    /// The demo inspection of the producer's product (Chi Lăng) awaiting its correction.
    pub inspection: i32,
    /// The demo's coming trade event of the province (open to every producer).
    pub trade_event: i32,
    /// A producers' training session of Chi Lăng made for the table, with nobody listed (so
    /// ticking it changes nothing another test reads).
    pub training: i32,
    /// An API token the administrator made for the table (revoking it twice is allowed).
    pub api_token: i32,
}

/// The records the matrix aims at: demo ones, and a few made for it through the services.
pub async fn targets(
    db: &sea_orm::DatabaseConnection,
    files: &app::services::files::store::LocalFolder,
) -> Targets {
    let (db, files) = (db.clone(), files.clone());
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
    let pending = account(app::seed::demo::DEMO_PENDING_EMAIL).await;
    let targets = Targets {
        import_batch: 0,
        inspection: 0,
        trade_event: 0,
        training: 0,
        api_token: 0,
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
        returned_dossier: dossier_in(
            &db,
            &files,
            &account,
            "Sản phẩm của bảng quyền",
            app::domain::dossier::DossierState::Returned,
        )
        .await,
        foreign_document: foreign_document(&db, account("dongbanh@demo.vn").await.subject_id).await,
        own_photo: photo_of(&db, &files, &account("dongbanh@demo.vn").await).await,
        foreign_photo: photo_of(&db, &files, &account("thachden@demo.vn").await).await,
        waiting_idea: {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            let subject = account("dongbanh@demo.vn").await.subject_id;
            app::entities::product_idea::Entity::find()
                .filter(app::entities::product_idea::Column::SubjectId.eq(subject.unwrap()))
                .filter(app::entities::product_idea::Column::State.eq("submitted"))
                .one(&db)
                .await
                .unwrap()
                .expect("a demo idea waits")
                .id
        },
        round: 0,
        round_dossier: 0,
        own_event: 0,
        filed_standard: (0, 0),
        submitted_sheet: {
            use app::entities::score_sheet;
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            let sheet = score_sheet::Entity::find()
                .filter(score_sheet::Column::SubmittedAt.is_not_null())
                .one(&db)
                .await
                .unwrap()
                .expect("a submitted demo score sheet");
            (sheet.round_id, sheet.dossier_id, sheet.user_id)
        },
        certificate: {
            use sea_orm::EntityTrait;
            app::entities::certificate::Entity::find()
                .one(&db)
                .await
                .unwrap()
                .expect("a demo certificate")
                .number
        },
        own_lot: {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            let subject = account("dongbanh@demo.vn").await.subject_id.unwrap();
            app::entities::lot::Entity::find()
                .filter(app::entities::lot::Column::SubjectId.eq(subject))
                .one(&db)
                .await
                .unwrap()
                .expect("a demo lot of the producer")
                .id
        },
    };
    let (round, round_dossier) = scoring_round(&db, &files, &account).await;
    Targets {
        round,
        round_dossier,
        training: {
            let officer = app::auth::current::to_actor(&account("xa.chilang@demo.vn").await);
            let input = app::models::training::TrainingInput {
                title: "Tập huấn của bảng quyền".into(),
                held_on: app::services::today_in_vietnam().to_string(),
                mode: "online".into(),
                place: "Zoom".into(),
                audience: "producers".into(),
                topics: "Đăng nhập".into(),
                trainer: "Vi Văn Lăng".into(),
            };
            app::services::training::sessions::create(
                &db,
                &officer,
                &input,
                app::services::today_in_vietnam(),
            )
            .await
            .unwrap()
        },
        trade_event: {
            use sea_orm::{EntityTrait, QueryOrder};
            app::entities::trade_event::Entity::find()
                .order_by_desc(app::entities::trade_event::Column::StartsOn)
                .one(&db)
                .await
                .unwrap()
                .expect("the demo's coming trade event")
                .id
        },
        inspection: {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            app::entities::inspection::Entity::find()
                .filter(
                    app::entities::inspection::Column::State
                        .eq(app::domain::inspection::InspectionState::CorrectionRequested),
                )
                .one(&db)
                .await
                .unwrap()
                .expect("the demo inspection awaiting a correction")
                .id
        },
        own_event: {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            app::entities::lot_event::Entity::find()
                .filter(app::entities::lot_event::Column::LotId.eq(targets.own_lot))
                .one(&db)
                .await
                .unwrap()
                .expect("a demo event of the producer's lot")
                .id
        },
        filed_standard: filed_standard(
            &db,
            &files,
            &account("dongbanh@demo.vn").await,
            targets.returned_dossier,
        )
        .await,
        import_batch: app::services::imports::upload(
            &db,
            &files,
            &app::auth::current::to_actor(&account("so.nnmt@demo.vn").await),
            "mau.xlsx",
            app::services::imports::template::template().unwrap(),
            app::services::today_in_vietnam(),
        )
        .await
        .expect("the province previews the template"),
        api_token: app::services::open_data::tokens::create(
            &db,
            &app::auth::current::to_actor(&account("quantri@demo.vn").await),
            &app::domain::api_token::TokenRequest {
                note: "Bảng phân quyền".into(),
                scopes: vec!["public_read".into()],
                expires_on: (app::clock::today() + chrono::Days::new(30))
                    .format("%Y-%m-%d")
                    .to_string(),
            },
            app::clock::today(),
        )
        .await
        .expect("the administrator makes a token")
        .id,
        ..targets
    }
}

/// A product standard filed by the producer in their returned dossier: (product, file).
async fn filed_standard(
    db: &sea_orm::DatabaseConnection,
    files: &app::services::files::store::LocalFolder,
    owner: &app::entities::user_account::Model,
    dossier_id: i32,
) -> (i32, i32) {
    use app::entities::{dossier, dossier_document};
    use app::services::files::uploads::{Upload, UploadLimits};
    use sea_orm::EntityTrait;
    let upload = Upload {
        name: "tieu-chuan.pdf".into(),
        bytes: app::seed::dossiers::demo_pdf("Tiêu chuẩn cơ sở", "Product standard"),
    };
    let document = app::services::dossiers::documents::attach(
        db,
        files,
        &UploadLimits::default(),
        &app::auth::current::to_actor(owner),
        (dossier_id, "product_standard"),
        upload,
        None,
    )
    .await
    .expect("the producer files a standard in their returned dossier");
    let document = dossier_document::Entity::find_by_id(document)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let product = dossier::Entity::find_by_id(dossier_id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .product_id;
    (product, document.file_id)
}
