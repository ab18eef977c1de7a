//! States and statuses are stored as the text their enum names (`as_str`), read back as the enum: what the
//! demo writes through the services is exactly the set of values each enum knows, on SQLite and
//! PostgreSQL alike.
use crate::support;

use std::collections::BTreeSet;

use sea_orm::{ActiveEnum, ConnectionTrait, Statement};

use app::domain::access::Role;
use app::domain::dossier::DossierState;
use app::domain::product_idea::IdeaState;
use app::domain::report::ReportState;
use app::domain::round::Phase;
use app::domain::status::{AccountStatus, SubjectStatus};

#[test]
fn the_stored_text_of_each_state_is_its_name() {
    for s in DossierState::ALL {
        assert_eq!(s.to_value(), s.as_str());
    }
    for s in IdeaState::ALL {
        assert_eq!(s.to_value(), s.as_str());
    }
    for s in ReportState::ALL {
        assert_eq!(s.to_value(), s.as_str());
    }
    for s in Phase::ALL {
        assert_eq!(s.to_value(), s.as_str());
    }
    for s in Role::ALL {
        assert_eq!(s.to_value(), s.as_str());
    }
    for s in AccountStatus::ALL {
        assert_eq!(s.to_value(), s.as_str());
    }
    for s in SubjectStatus::ALL {
        assert_eq!(s.to_value(), s.as_str());
    }
}

async fn stored(db: &sea_orm::DatabaseConnection, column: &str, table: &str) -> BTreeSet<String> {
    let backend = db.get_database_backend();
    db.query_all_raw(Statement::from_string(
        backend,
        format!("SELECT DISTINCT {column} AS v FROM {table}"),
    ))
    .await
    .unwrap()
    .iter()
    .map(|row| row.try_get::<String>("", "v").unwrap())
    .collect()
}

#[tokio::test]
async fn the_demo_stores_only_values_the_enums_know() {
    for t in support::demo::demo_databases().await {
        let db = &t.db;
        let store = support::dossiers::files();
        app::seed::dossiers::seed_dossiers(db, &store)
            .await
            .unwrap();
        app::seed::rounds::seed_rounds(db, &support::dossiers::files())
            .await
            .unwrap();
        app::seed::reports::seed_reports(db).await.unwrap();
        let known = |names: Vec<&str>| {
            names
                .into_iter()
                .map(str::to_owned)
                .collect::<BTreeSet<_>>()
        };
        let dossiers = stored(db, "state", "dossier").await;
        assert!(dossiers.len() >= 5, "{}: {dossiers:?}", t.backend);
        assert!(dossiers.is_subset(&known(DossierState::ALL.map(DossierState::as_str).to_vec())));
        let phases = stored(db, "phase", "evaluation_round").await;
        assert!(
            !phases.is_empty() && phases.is_subset(&known(Phase::ALL.map(Phase::as_str).to_vec()))
        );
        let reports = stored(db, "state", "report").await;
        assert!(!reports.is_empty());
        assert!(reports.is_subset(&known(ReportState::ALL.map(ReportState::as_str).to_vec())));
        let accounts = stored(db, "status", "user_account").await;
        assert!(accounts.contains("pending") && accounts.contains("active"));
        assert!(accounts.is_subset(&known(
            AccountStatus::ALL.map(AccountStatus::as_str).to_vec()
        )));
        let roles = stored(db, "role", "user_account").await;
        assert_eq!(
            roles,
            known(Role::ALL.map(Role::as_str).to_vec()),
            "every role has an account"
        );
        let subjects = stored(db, "status", "subject").await;
        assert!(subjects.is_subset(&known(
            SubjectStatus::ALL.map(SubjectStatus::as_str).to_vec()
        )));
        let ideas = stored(db, "state", "product_idea").await;
        assert!(ideas.is_subset(&known(IdeaState::ALL.map(IdeaState::as_str).to_vec())));
        t.cleanup().await;
    }
}
