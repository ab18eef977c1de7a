//! The frozen content of a dossier at each submission, and what changed between two of them
//! (so the commune sees at a glance what a producer supplemented).
use serde::{Deserialize, Serialize};

/// A dossier as submitted: the registration form and the document set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// (field, value) in form order.
    pub form: Vec<(String, String)>,
    pub documents: Vec<SnapshotDocument>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotDocument {
    pub item_code: String,
    pub file_id: i64,
    pub name: String,
    /// The content's hash: the same file uploaded again is the same document.
    pub sha256: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Field {
        field: String,
        before: String,
        after: String,
    },
    DocumentAdded {
        item_code: String,
        name: String,
    },
    DocumentRemoved {
        item_code: String,
        name: String,
    },
}

/// What changed from `before` to `after`: fields in form order, then removed and added
/// documents. A document is the same when its item and content are (a rename is no change).
pub fn diff(before: &Snapshot, after: &Snapshot) -> Vec<Change> {
    let value = |s: &Snapshot, field: &str| {
        s.form
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut fields: Vec<&String> = after.form.iter().map(|(f, _)| f).collect();
    for (f, _) in &before.form {
        if !fields.contains(&f) {
            fields.push(f);
        }
    }
    let mut changes: Vec<Change> = fields
        .into_iter()
        .filter_map(|field| {
            let (b, a) = (value(before, field), value(after, field));
            (b != a).then(|| Change::Field {
                field: field.clone(),
                before: b,
                after: a,
            })
        })
        .collect();
    let same = |x: &SnapshotDocument, y: &SnapshotDocument| {
        x.item_code == y.item_code && x.sha256 == y.sha256
    };
    for old in &before.documents {
        if !after.documents.iter().any(|d| same(d, old)) {
            changes.push(Change::DocumentRemoved {
                item_code: old.item_code.clone(),
                name: old.name.clone(),
            });
        }
    }
    for new in &after.documents {
        if !before.documents.iter().any(|d| same(d, new)) {
            changes.push(Change::DocumentAdded {
                item_code: new.item_code.clone(),
                name: new.name.clone(),
            });
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn doc(item: &str, name: &str, sha: &str) -> SnapshotDocument {
        SnapshotDocument {
            item_code: item.into(),
            file_id: 1,
            name: name.into(),
            sha256: sha.into(),
        }
    }

    #[test]
    fn a_supplement_shows_as_changed_fields_and_documents() {
        let before = Snapshot {
            form: vec![
                ("workers".into(), "10".into()),
                ("markets".into(), "".into()),
            ],
            documents: vec![doc("plan", "plan.pdf", "a"), doc("form", "form.pdf", "b")],
        };
        let after = Snapshot {
            form: vec![
                ("workers".into(), "12".into()),
                ("markets".into(), "".into()),
            ],
            documents: vec![
                doc("plan", "ke-hoach.pdf", "a"),
                doc("form", "form-v2.pdf", "c"),
            ],
        };
        assert_eq!(
            diff(&before, &after),
            vec![
                Change::Field {
                    field: "workers".into(),
                    before: "10".into(),
                    after: "12".into()
                },
                Change::DocumentRemoved {
                    item_code: "form".into(),
                    name: "form.pdf".into()
                },
                Change::DocumentAdded {
                    item_code: "form".into(),
                    name: "form-v2.pdf".into()
                },
            ]
        );
    }

    fn snapshot() -> impl Strategy<Value = Snapshot> {
        (
            proptest::collection::vec(("[a-c]", "[xy]{0,2}"), 0..4),
            proptest::collection::vec(("[a-c]", "[0-3]"), 0..4),
        )
            .prop_map(|(form, docs)| {
                let mut form: Vec<(String, String)> = form;
                form.sort();
                form.dedup_by(|x, y| x.0 == y.0);
                Snapshot {
                    form,
                    documents: docs.iter().map(|(i, s)| doc(i, s, s)).collect(),
                }
            })
    }

    proptest! {
        #[test]
        fn nothing_changes_between_a_snapshot_and_itself(s in snapshot()) {
            prop_assert!(diff(&s, &s).is_empty());
        }

        #[test]
        fn what_is_added_one_way_is_removed_the_other(a in snapshot(), b in snapshot()) {
            let added = |cs: &[Change]| cs.iter().filter(|c| matches!(c, Change::DocumentAdded { .. })).count();
            let removed = |cs: &[Change]| cs.iter().filter(|c| matches!(c, Change::DocumentRemoved { .. })).count();
            let (ab, ba) = (diff(&a, &b), diff(&b, &a));
            prop_assert_eq!(added(&ab), removed(&ba));
            prop_assert_eq!(ab.len(), ba.len());
        }
    }
}
