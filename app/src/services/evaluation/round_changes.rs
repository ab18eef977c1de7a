//! How a change to a round reads in the audit log: what it was before and after.
use crate::domain::round::RoundSettings;
use crate::entities::evaluation_round;
use crate::services::evaluation::round_data::RoundData;

/// The settings that changed, "field: before → after; …", for the audit log.
pub(crate) fn settings(old: &evaluation_round::Model, new: &RoundSettings) -> String {
    let mut changes = Vec::new();
    let mut note = |field: &str, before: String, after: String| {
        if before != after {
            changes.push(format!("{field}: {before} → {after}"));
        }
    };
    note("name", old.name.clone(), new.name.clone());
    note("year", old.year.to_string(), new.year.to_string());
    note(
        "dossier_deadline",
        old.dossier_deadline.to_string(),
        new.dossier_deadline.to_string(),
    );
    note(
        "scoring_from",
        old.scoring_from.to_string(),
        new.scoring_from.to_string(),
    );
    note(
        "scoring_until",
        old.scoring_until.to_string(),
        new.scoring_until.to_string(),
    );
    note(
        "assigned_only",
        old.assigned_only.to_string(),
        new.assigned_only.to_string(),
    );
    note(
        "others_visible",
        old.others_visible.clone(),
        new.others_visible.as_str().to_owned(),
    );
    note(
        "identity_hidden",
        old.identity_hidden.to_string(),
        new.identity_hidden.to_string(),
    );
    note(
        "aggregation",
        old.aggregation.clone(),
        new.aggregation.as_str().to_owned(),
    );
    if changes.is_empty() {
        format!("{}: no change", new.name)
    } else {
        format!("{}: {}", new.name, changes.join("; "))
    }
}

/// "members: A, B → A, B, C" for the audit log: the round's members before and after a member
/// is added or removed.
pub(crate) fn members(data: &RoundData, added: Option<&str>, removed: Option<i32>) -> String {
    let before: Vec<String> = data
        .members
        .iter()
        .map(|m| data.user_name(m.user_id))
        .collect();
    let after: Vec<String> = data
        .members
        .iter()
        .filter(|m| Some(m.user_id) != removed)
        .map(|m| data.user_name(m.user_id))
        .chain(added.map(str::to_owned))
        .collect();
    format!("members: {} → {}", listed(&before), listed(&after))
}

pub(crate) fn listed(names: &[String]) -> String {
    if names.is_empty() {
        "—".to_owned()
    } else {
        names.join(", ")
    }
}
