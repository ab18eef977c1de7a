//! `server verify` (`services::backup::integrity`): a database and its files that hold together
//! pass; a file gone from the store is named.
use crate::support;

use app::entities::stored_file;
use app::services::backup::integrity::verify;
use app::services::files::store::FileStore;
use sea_orm::{ActiveModelTrait, Set};

#[tokio::test]
async fn a_whole_database_passes_and_a_lost_file_is_named() {
    for t in support::databases().await {
        let (db, b) = (&t.db, t.backend);
        let store = support::dossiers::files();
        let bytes = b"%PDF-1.4 a document filed before the crash";
        let sha = store.put(bytes).await.unwrap();
        let file = stored_file::ActiveModel {
            sha256: Set(sha.clone()),
            media_type: Set("application/pdf".into()),
            original_name: Set("giay-phep.pdf".into()),
            size_bytes: Set(bytes.len() as i64),
            purpose: Set("dossier_document".into()),
            created_at: Set(app::clock::now()),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        let found = verify(db, &store).await.unwrap();
        assert_eq!(found.problem_count, 0, "{b}: {:?}", found.problems);
        assert_eq!(found.files_checked, 1, "{b}");

        store.delete(&sha).await.unwrap();
        let found = verify(db, &store).await.unwrap();
        assert_eq!(found.problem_count, 1, "{b}");
        let named = &found.problems[0];
        assert!(
            named.contains(&format!("file #{} (giay-phep.pdf)", file.id)) && named.contains(&sha),
            "{b}: {named}"
        );
        t.cleanup().await;
    }
}
