//! Earlier versions of master-data rows (`master_data_version`): written when a unit, group or
//! checklist item changes, read to show its history and to answer "what did it say on that day".
use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use crate::auth::Actor;
use crate::entities::master_data_version as version;
use crate::models::master_data::editing::{MasterKind, VersionFields, VersionView};

/// A row's version that a change ends.
pub(crate) struct Earlier<'a> {
    pub kind: MasterKind,
    /// The group or checklist scheme; empty for units.
    pub scheme: &'a str,
    pub code: &'a str,
    pub fields: VersionFields,
    pub valid_from: Option<NaiveDate>,
    /// The day before the new version.
    pub valid_to: NaiveDate,
}

/// Keeps what a row said until the day before its new version.
pub(crate) async fn keep(
    db: &impl ConnectionTrait,
    actor: &Actor,
    earlier: Earlier<'_>,
) -> Result<(), DbErr> {
    version::ActiveModel {
        kind: Set(earlier.kind.as_str().to_owned()),
        scheme: Set(earlier.scheme.to_owned()),
        code: Set(earlier.code.to_owned()),
        fields: Set(serde_json::to_string(&earlier.fields).unwrap_or_else(|_| "{}".to_owned())),
        valid_from: Set(earlier.valid_from),
        valid_to: Set(earlier.valid_to),
        changed_by: Set(actor.user_id()),
        changed_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The earlier versions of every row of `kind`, by code, oldest first.
pub(crate) async fn of_kind(
    db: &impl ConnectionTrait,
    kind: MasterKind,
) -> Result<HashMap<String, Vec<version::Model>>, DbErr> {
    let mut out: HashMap<String, Vec<version::Model>> = HashMap::new();
    for v in version::Entity::find()
        .filter(version::Column::Kind.eq(kind.as_str()))
        .order_by_asc(version::Column::ValidTo)
        .order_by_asc(version::Column::Id)
        .all(db)
        .await?
    {
        out.entry(v.code.clone()).or_default().push(v);
    }
    Ok(out)
}

/// The day the current version of one row began (its own earlier versions only, one query).
pub(crate) async fn start_of_current(
    db: &impl ConnectionTrait,
    kind: MasterKind,
    code: &str,
    row_start: Option<NaiveDate>,
) -> Result<Option<NaiveDate>, DbErr> {
    let earlier = version::Entity::find()
        .filter(version::Column::Kind.eq(kind.as_str()))
        .filter(version::Column::Code.eq(code))
        .all(db)
        .await?;
    Ok(current_start(&earlier, row_start))
}

/// The day the current version began: the day after the last earlier version, else the row's
/// own start.
pub(crate) fn current_start(
    versions: &[version::Model],
    row_start: Option<NaiveDate>,
) -> Option<NaiveDate> {
    versions
        .iter()
        .map(|v| v.valid_to)
        .max()
        .and_then(|d| d.succ_opt())
        .or(row_start)
}

pub(crate) fn fields(v: &version::Model) -> VersionFields {
    serde_json::from_str(&v.fields).unwrap_or_default()
}

/// What the row said on `day`, if an earlier version held then (else the current one did).
pub(crate) fn fields_on(versions: &[version::Model], day: NaiveDate) -> Option<VersionFields> {
    versions
        .iter()
        .find(|v| v.valid_from.is_none_or(|from| from <= day) && day <= v.valid_to)
        .map(fields)
}

/// The versions as the page shows them, newest first.
pub(crate) fn views(
    versions: Option<&Vec<version::Model>>,
    names: &HashMap<i32, String>,
) -> Vec<VersionView> {
    versions
        .map(|vs| {
            vs.iter()
                .rev()
                .map(|v| VersionView {
                    fields: fields(v),
                    valid_from: v.valid_from.map(crate::domain::dates::date),
                    valid_to: crate::domain::dates::date(v.valid_to),
                    changed_by: v
                        .changed_by
                        .and_then(|id| names.get(&id).cloned())
                        .unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Today in Vietnam: what "from today" means on the forms.
pub(crate) fn today() -> NaiveDate {
    crate::domain::dates::day_in_vietnam(crate::clock::now())
}

/// A date typed as yyyy-mm-dd.
pub(crate) fn parse_day(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

/// Whether a row with these dates is in force on `day`.
pub(crate) fn in_force_on(from: Option<NaiveDate>, to: Option<NaiveDate>, day: NaiveDate) -> bool {
    from.is_none_or(|f| f <= day) && to.is_none_or(|t| day <= t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(from: Option<&str>, to: &str, name: &str) -> version::Model {
        version::Model {
            id: 0,
            kind: "unit".into(),
            scheme: String::new(),
            code: "06046".into(),
            fields: serde_json::to_string(&VersionFields {
                name_vi: name.into(),
                ..Default::default()
            })
            .unwrap_or_default(),
            valid_from: from.and_then(parse_day),
            valid_to: parse_day(to).unwrap_or_default(),
            changed_by: None,
            changed_at: crate::clock::now(),
        }
    }

    #[test]
    fn the_version_of_a_day_is_the_one_that_held_then() {
        let versions = [
            v(Some("2025-07-01"), "2026-03-31", "A"),
            v(Some("2026-04-01"), "2026-09-30", "B"),
        ];
        let day = |s: &str| parse_day(s).unwrap_or_default();
        assert_eq!(
            fields_on(&versions, day("2025-07-01")).map(|f| f.name_vi),
            Some("A".into())
        );
        assert_eq!(
            fields_on(&versions, day("2026-04-01")).map(|f| f.name_vi),
            Some("B".into())
        );
        assert_eq!(fields_on(&versions, day("2026-10-01")), None);
        assert_eq!(current_start(&versions, None), Some(day("2026-10-01")));
        assert_eq!(
            current_start(&[], Some(day("2025-07-01"))),
            Some(day("2025-07-01"))
        );
        assert!(in_force_on(
            None,
            Some(day("2026-01-01")),
            day("2026-01-01")
        ));
        assert!(!in_force_on(
            None,
            Some(day("2026-01-01")),
            day("2026-01-02")
        ));
        assert!(!in_force_on(
            Some(day("2026-01-02")),
            None,
            day("2026-01-01")
        ));
    }
}
