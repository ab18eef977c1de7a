//! Helpers of the dossier tests: the demo people taking part in Chi Lăng's dossiers, fresh
//! products and dossiers, and short ways to read results.
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use app::auth::Actor;
use app::auth::current::to_actor;
use app::domain::dossier::DossierState;
use app::domain::pre_assessment::{CriterionInput, PreAssessmentInput};
use app::entities::{dossier as dossier_entity, product, user_account};
use app::models::producers::products::ProductInput;
use app::seed::dossiers::walk_to;
use app::services::ServiceError;
use app::services::files::store::LocalFolder;

pub async fn actor(db: &DatabaseConnection, email: &str) -> Actor {
    to_actor(
        &user_account::Entity::find()
            .filter(user_account::Column::Email.eq(email))
            .one(db)
            .await
            .unwrap()
            .unwrap(),
    )
}

/// The people of the tests: Đồng Bành's member (Chi Lăng), Chi Lăng's officer, the province,
/// and people with no part in Chi Lăng's dossiers.
pub struct People {
    pub owner: Actor,
    pub commune: Actor,
    pub province: Actor,
    pub other_commune: Actor,
    pub other_producer: Actor,
    pub council: Actor,
    pub admin: Actor,
}

pub async fn people(db: &DatabaseConnection) -> People {
    People {
        owner: actor(db, "dongbanh@demo.vn").await,
        commune: actor(db, "xa.chilang@demo.vn").await,
        province: actor(db, "so.nnmt@demo.vn").await,
        other_commune: actor(db, "xa.trangdinh@demo.vn").await,
        other_producer: actor(db, "thachden@demo.vn").await,
        council: actor(db, "hoidong@demo.vn").await,
        admin: actor(db, "quantri@demo.vn").await,
    }
}

pub fn files() -> LocalFolder {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    LocalFolder::new(
        std::env::temp_dir().join(format!("ocop-dossier-test-{}-{n}", std::process::id())),
    )
}

/// A new product of the owner's subject (so it has no dossier yet).
pub async fn new_product(db: &DatabaseConnection, owner: &Actor, name: &str) -> product::Model {
    let Actor::User {
        subject_id: Some(subject),
        ..
    } = owner
    else {
        panic!("not a producer")
    };
    let input = ProductInput {
        name: name.into(),
        group_code: "I.1.a".into(),
        ..Default::default()
    };
    let id = app::services::producers::products::save_product(db, owner, *subject, input, None)
        .await
        .unwrap();
    product::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

pub async fn version(db: &DatabaseConnection, id: i32) -> i32 {
    dossier_entity::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .version
}

pub fn assessment() -> PreAssessmentInput {
    let c = || CriterionInput {
        verdict: "met".into(),
        justification: "Đạt yêu cầu.".into(),
    };
    PreAssessmentInput {
        criteria: [c(), c(), c(), c()],
        conclusion: String::new(),
    }
}

pub fn reason<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> (&'static str, &'static str) {
    match result {
        Err(ServiceError::Invalid { field, reason }) => (field, reason.code()),
        // One problem of a form checked as a whole (a test's field names may live for good).
        Err(ServiceError::Problems(p)) if p.len() == 1 => {
            (String::leak(p[0].0.clone()), p[0].1.code())
        }
        other => panic!("expected a field error, got {other:?}"),
    }
}

/// Every problem of a form checked as a whole: `(field, reason code)`.
pub fn problems<T: std::fmt::Debug>(
    result: Result<T, ServiceError>,
) -> Vec<(String, &'static str)> {
    match result {
        Err(ServiceError::Invalid { field, reason }) => vec![(field.to_owned(), reason.code())],
        Err(ServiceError::Problems(p)) => p.into_iter().map(|(f, r)| (f, r.code())).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

/// A new dossier of the owner in `state`.
pub async fn fresh(
    db: &DatabaseConnection,
    store: &LocalFolder,
    p: &People,
    n: usize,
    state: DossierState,
) -> i32 {
    let prod = new_product(db, &p.owner, &format!("Sản phẩm thử {n}")).await;
    walk_to(db, store, &prod, [&p.owner, &p.commune, &p.province], state)
        .await
        .unwrap()
}
