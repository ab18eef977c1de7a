//! What the report tests share: the scopes, days, periods and written sections.
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use app::entities::report_period;
use app::services::reports::periodic::Sections;

pub const CHI_LANG: &str = "06463";
pub const PROVINCE: &str = "20";

pub fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub async fn period_id(db: &DatabaseConnection, kind: &str, year: i16) -> i32 {
    report_period::Entity::find()
        .filter(report_period::Column::Kind.eq(kind))
        .filter(report_period::Column::Year.eq(year))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id
}

pub fn text(results: &str) -> Sections {
    Sections {
        results: results.into(),
        difficulties: "Khó khăn".into(),
        proposals: "Đề xuất".into(),
    }
}
