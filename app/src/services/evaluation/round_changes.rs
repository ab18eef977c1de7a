//! How a change to a round reads in the audit log: what it was before and after.
use crate::domain::audit_details::{Value, yes_no};
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

/// The settings that changed, each by its name on the round's form, for the sentence of the
/// audit entry: "Hạn nộp hồ sơ: 01/03/2026 → 15/03/2026; …".
pub(crate) fn settings_worded(old: &evaluation_round::Model, new: &RoundSettings) -> Value {
    use crate::domain::dates::date;
    let (mut vi, mut en) = (Vec::new(), Vec::new());
    let mut note = |name: (&str, &str), before: Value, after: Value| {
        if before != after {
            vi.push(format!(
                "{}: {} → {}",
                name.0,
                before.get(false),
                after.get(false)
            ));
            en.push(format!(
                "{}: {} → {}",
                name.1,
                before.get(true),
                after.get(true)
            ));
        }
    };
    note(
        ("Tên đợt", "Name"),
        old.name.clone().into(),
        new.name.clone().into(),
    );
    note(
        ("Năm", "Year"),
        old.year.to_string().into(),
        new.year.to_string().into(),
    );
    note(
        ("Hạn nộp hồ sơ", "Dossier deadline"),
        date(old.dossier_deadline).into(),
        date(new.dossier_deadline).into(),
    );
    note(
        ("Chấm điểm từ ngày", "Scoring from"),
        date(old.scoring_from).into(),
        date(new.scoring_from).into(),
    );
    note(
        ("Chấm điểm đến ngày", "Scoring until"),
        date(old.scoring_until).into(),
        date(new.scoring_until).into(),
    );
    note(
        ("Chỉ thấy hồ sơ được phân công", "Only assigned dossiers"),
        yes_no(old.assigned_only),
        yes_no(new.assigned_only),
    );
    note(
        ("Xem điểm của người khác", "Others' scores shown"),
        others_visible(&old.others_visible),
        others_visible(new.others_visible.as_str()),
    );
    note(
        ("Ẩn tên chủ thể khi chấm", "Producers' names hidden"),
        yes_no(old.identity_hidden),
        yes_no(new.identity_hidden),
    );
    note(
        ("Cách tính điểm sản phẩm", "Product score"),
        aggregation(&old.aggregation),
        aggregation(new.aggregation.as_str()),
    );
    if vi.is_empty() {
        return Value::both("không có gì thay đổi", "nothing changed");
    }
    Value::both(vi.join("; "), en.join("; "))
}

fn others_visible(code: &str) -> Value {
    match code {
        "never" => Value::both("không (đến khi thảo luận)", "never (until deliberation)"),
        "after_own" => Value::both("sau khi nộp phiếu của mình", "after submitting their own"),
        "always" => Value::both("luôn luôn", "always"),
        other => other.into(),
    }
}

fn aggregation(code: &str) -> Value {
    match code {
        "mean" => Value::both("trung bình cộng", "mean"),
        "median" => Value::both("trung vị", "median"),
        other => other.into(),
    }
}

/// "members: A, B → A, B, C" for the audit log: the round's members before and after a member
/// is added or removed.
pub(crate) fn members(data: &RoundData, added: Option<&str>, removed: Option<i32>) -> String {
    let (before, after) = member_lists(data, added, removed);
    format!("members: {before} → {after}")
}

/// The round's members before and after, each as "A, B" (or "—").
pub(crate) fn member_lists(
    data: &RoundData,
    added: Option<&str>,
    removed: Option<i32>,
) -> (String, String) {
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
    (listed(&before), listed(&after))
}

pub(crate) fn listed(names: &[String]) -> String {
    if names.is_empty() {
        "—".to_owned()
    } else {
        names.join(", ")
    }
}
