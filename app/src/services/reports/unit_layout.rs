//! The units a province report is laid out by: those in force at the end of its window (the
//! districts before 1 July 2025, the communes after), each commune's records counted under the
//! unit it led to then (`domain::units_of_time`), and a note when the units changed within
//! the window.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::report::Window;
use crate::domain::units_of_time::{UnitSpan, changed_within, unit_on};
use crate::entities::admin_unit;
use crate::models::reports::periodic::Text;
use crate::services::ServiceError;

pub struct UnitLayout {
    /// (code, name) of the rows, by name as Vietnamese readers sort.
    pub rows: Vec<(String, String)>,
    pub unit_of: HashMap<String, String>,
    pub districts: bool,
    pub note: Option<Text>,
}

/// The layout of a report over `window`.
///
/// # Errors
/// A database error.
pub async fn layout(db: &impl ConnectionTrait, window: Window) -> Result<UnitLayout, ServiceError> {
    let units = admin_unit::Entity::find()
        .filter(admin_unit::Column::Level.is_in(["commune", "district"]))
        .order_by_asc(admin_unit::Column::NameFolded)
        .order_by_asc(admin_unit::Column::Name)
        .all(db)
        .await?;
    let spans: HashMap<String, UnitSpan> = units
        .iter()
        .map(|u| {
            let span = UnitSpan {
                valid_from: u.valid_from,
                valid_to: u.valid_to,
                former_district: u.former_district_code.clone(),
                successor: u.successor_code.clone(),
            };
            (u.code.clone(), span)
        })
        .collect();
    let end = window.end;
    let rows: Vec<&admin_unit::Model> = units
        .iter()
        .filter(|u| spans.get(&u.code).is_some_and(|s| s.in_force_on(end)))
        .collect();
    let districts = rows.iter().any(|u| u.level == "district");
    let unit_of = spans
        .keys()
        .filter_map(|code| Some((code.clone(), unit_on(&spans, code, end)?)))
        .collect();
    let end_text = crate::domain::dates::date(end);
    let note = changed_within(&spans, window.start, end).then(|| {
        Text::new(
            format!(
                "Trong kỳ có thay đổi đơn vị hành chính (từ 01/07/2025 không còn cấp huyện và các \
                 xã, phường được sắp xếp lại): số liệu được xếp theo đơn vị hành chính tại ngày \
                 cuối kỳ ({end_text}); số liệu của đơn vị cũ được tính vào đơn vị kế thừa."
            ),
            format!(
                "The administrative units changed within the period (from 1 July 2025 there are \
                 no districts and the communes were reorganised): figures are laid out by the \
                 units in force on its last day ({end_text}); an earlier unit's records count \
                 under the unit that took it over."
            ),
        )
    });
    Ok(UnitLayout {
        rows: rows
            .into_iter()
            .map(|u| {
                let name = if u.level == "district" {
                    format!("{} {}", u.kind, u.name)
                } else {
                    u.name.clone()
                };
                (u.code.clone(), name)
            })
            .collect(),
        unit_of,
        districts,
        note,
    })
}
