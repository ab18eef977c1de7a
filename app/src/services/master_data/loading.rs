//! Loading master data from the files shipped in `app/seed/`: administrative units, product
//! groups, the dossier and label checklists, and a sample criteria set for each product group.
//!
//! Loading is idempotent: a row whose key is already present is left as it is, so running it
//! twice changes nothing and never overwrites what an administrator edited.
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    QuerySelect, TransactionTrait,
};
use serde::Deserialize;

use crate::domain::text::fold;
use crate::entities::{
    admin_unit, criteria_set, dossier_checklist_item, label_checklist_item, product_group,
};

const UNITS_CSV: &str = include_str!("../../../seed/lang-son-units.csv");
const GROUPS_CSV: &str = include_str!("../../../seed/product-groups.csv");
const CHECKLIST_CSV: &str = include_str!("../../../seed/dossier-checklist.csv");
const LABEL_CHECKLIST_CSV: &str = include_str!("../../../seed/label-checklist.csv");
/// One sample set, shipped for every top-level group until the official Appendix III text is
/// imported (`domain::scoring` tests that it is valid).
const SAMPLE_CRITERIA_JSON: &str = include_str!("../../../seed/criteria-sample-148.json");

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LoadSummary {
    pub units_added: u64,
    pub groups_added: u64,
    pub checklist_added: u64,
    pub label_items_added: u64,
    pub criteria_sets_added: u64,
    pub report_settings_added: u64,
}

#[derive(Deserialize)]
struct UnitRecord {
    code: String,
    name: String,
    kind: String,
    level: String,
    valid_from: String,
    valid_to: String,
    parent_code: String,
    former_district_code: String,
    note: String,
}

#[derive(Deserialize)]
struct ChecklistRecord {
    scheme: String,
    code: String,
    name_vi: String,
    name_en: String,
    mandatory: bool,
    groups: String,
    sort: i32,
}

#[derive(Deserialize)]
struct LabelItemRecord {
    code: String,
    name_vi: String,
    name_en: String,
    groups: String,
    required: bool,
    check: String,
    sort: i32,
    basis: String,
}

#[derive(Deserialize)]
struct GroupRecord {
    code: String,
    name_vi: String,
    name_en: String,
    parent_code: String,
    scheme: String,
    lead_ministry: String,
}

/// Loads administrative units, product groups and the dossier checklist in one transaction.
///
/// # Errors
/// A database error, or `DbErr::Custom` if a shipped CSV file is malformed.
pub async fn load(db: &DatabaseConnection) -> Result<LoadSummary, DbErr> {
    let txn = db.begin().await?;
    let mut summary = LoadSummary::default();
    for record in parse::<UnitRecord>(UNITS_CSV)? {
        let row = admin_unit::ActiveModel {
            name_folded: Set(fold(&record.name)),
            code: Set(record.code),
            name: Set(record.name),
            kind: Set(record.kind),
            level: Set(record.level),
            valid_from: Set(parse_date(&record.valid_from)?),
            valid_to: Set(parse_date(&record.valid_to)?),
            parent_code: Set(non_empty(record.parent_code)),
            former_district_code: Set(non_empty(record.former_district_code)),
            note: Set(non_empty(record.note)),
            ..Default::default()
        };
        let conflict = OnConflict::column(admin_unit::Column::Code)
            .do_nothing()
            .to_owned();
        // ON CONFLICT DO NOTHING: the count says whether the row was new (1) or kept (0).
        summary.units_added += admin_unit::Entity::insert(row)
            .on_conflict(conflict)
            .exec_without_returning(&txn)
            .await?;
    }
    for record in parse::<GroupRecord>(GROUPS_CSV)? {
        let row = product_group::ActiveModel {
            scheme: Set(record.scheme),
            code: Set(record.code),
            name_vi: Set(record.name_vi),
            name_en: Set(record.name_en),
            parent_code: Set(non_empty(record.parent_code)),
            lead_ministry: Set(non_empty(record.lead_ministry)),
            ..Default::default()
        };
        let conflict =
            OnConflict::columns([product_group::Column::Scheme, product_group::Column::Code])
                .do_nothing()
                .to_owned();
        summary.groups_added += product_group::Entity::insert(row)
            .on_conflict(conflict)
            .exec_without_returning(&txn)
            .await?;
    }
    for record in parse::<ChecklistRecord>(CHECKLIST_CSV)? {
        let row = dossier_checklist_item::ActiveModel {
            scheme: Set(record.scheme),
            code: Set(record.code),
            name_vi: Set(record.name_vi),
            name_en: Set(record.name_en),
            mandatory: Set(record.mandatory),
            groups: Set(record.groups),
            sort: Set(record.sort),
            ..Default::default()
        };
        let conflict = OnConflict::columns([
            dossier_checklist_item::Column::Scheme,
            dossier_checklist_item::Column::Code,
        ])
        .do_nothing()
        .to_owned();
        summary.checklist_added += dossier_checklist_item::Entity::insert(row)
            .on_conflict(conflict)
            .exec_without_returning(&txn)
            .await?;
    }
    for record in parse::<LabelItemRecord>(LABEL_CHECKLIST_CSV)? {
        if crate::domain::label::CheckKind::parse(&record.check).is_none() {
            return Err(DbErr::Custom(format!(
                "label-checklist.csv: unknown check {:?}",
                record.check
            )));
        }
        let row = label_checklist_item::ActiveModel {
            code: Set(record.code),
            name_vi: Set(record.name_vi),
            name_en: Set(record.name_en),
            groups: Set(record.groups),
            required: Set(record.required),
            check_kind: Set(record.check),
            sort: Set(record.sort),
            basis: Set(record.basis),
            active: Set(true),
            ..Default::default()
        };
        let conflict = OnConflict::column(label_checklist_item::Column::Code)
            .do_nothing()
            .to_owned();
        summary.label_items_added += label_checklist_item::Entity::insert(row)
            .on_conflict(conflict)
            .exec_without_returning(&txn)
            .await?;
    }
    // Only the columns needed: the migration tests load into the schema of an earlier version.
    let top_groups: Vec<(String, String)> = product_group::Entity::find()
        .select_only()
        .column(product_group::Column::Code)
        .column(product_group::Column::NameVi)
        .filter(product_group::Column::Scheme.eq("148"))
        .filter(product_group::Column::ParentCode.is_null())
        .into_tuple()
        .all(&txn)
        .await?;
    for (code, name_vi) in top_groups {
        let row = criteria_set::ActiveModel {
            scheme: Set("148".to_owned()),
            name: Set(format!(
                "Bộ tiêu chí mẫu theo cấu trúc QĐ 148 — nhóm {code} {name_vi}"
            )),
            group_code: Set(code),
            version: Set(1),
            is_sample: Set(true),
            frozen: Set(false),
            set_json: Set(SAMPLE_CRITERIA_JSON.to_owned()),
            created_at: Set(crate::clock::now()),
            ..Default::default()
        };
        let conflict = OnConflict::columns([
            criteria_set::Column::Scheme,
            criteria_set::Column::GroupCode,
            criteria_set::Column::Version,
        ])
        .do_nothing()
        .to_owned();
        summary.criteria_sets_added += criteria_set::Entity::insert(row)
            .on_conflict(conflict)
            .exec_without_returning(&txn)
            .await?;
    }
    summary.report_settings_added =
        crate::services::master_data::report_periods::load(&txn).await?;
    txn.commit().await?;
    Ok(summary)
}

pub(crate) fn parse<T: for<'de> Deserialize<'de>>(text: &str) -> Result<Vec<T>, DbErr> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .map_err(|e| DbErr::Custom(format!("malformed seed CSV: {e}")))
}

fn parse_date(value: &str) -> Result<Option<chrono::NaiveDate>, DbErr> {
    if value.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(Some)
        .map_err(|e| DbErr::Custom(format!("bad date {value:?} in seed CSV: {e}")))
}

pub(crate) fn non_empty(value: String) -> Option<String> {
    (!value.trim().is_empty()).then_some(value)
}
