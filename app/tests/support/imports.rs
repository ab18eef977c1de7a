//! Workbooks the import tests upload: one that looks like a real province list (a merged
//! title above the header, spellings of its own, an empty column, a section heading, numbers
//! stored as text, a tax code that lost its leading zero, old district names, mixed
//! diacritics, trailing spaces, a totals row at the bottom).
use app::domain::import::cells::Cell;
use app::services::imports::template::{SheetSpec, write_sheets};
use sea_orm::ColumnTrait;

pub fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

/// One product row: (product, subject, kind, commune, district, stars, year or date,
/// decision number, tax code).
pub struct Line<'a> {
    pub product: &'a str,
    pub subject: &'a str,
    pub kind: &'a str,
    pub commune: &'a str,
    pub district: &'a str,
    pub stars: Cell,
    pub decided: Cell,
    pub decision: &'a str,
    pub tax_code: Cell,
}

/// The province's list with `lines`, as the Department keeps it.
pub fn province_list(lines: &[Line<'_>]) -> Vec<u8> {
    let header = [
        "STT",
        "Tên sản phẩm OCOP",
        "Chủ thể sản xuất ",
        "Loại hình",
        "",
        "Xã, phường, thị trấn",
        "Huyện/TP",
        "Nhóm sản phẩm",
        "Hạng sao",
        "Ngày QĐ",
        "Số QĐ công nhận",
        "MST",
    ];
    let mut rows = vec![header.iter().map(|h| text(h)).collect::<Vec<_>>()];
    rows.push(vec![text("I"), text("Các sản phẩm đã công nhận")]);
    for (n, l) in lines.iter().enumerate() {
        rows.push(vec![
            text(&(n + 1).to_string()),
            text(l.product),
            text(l.subject),
            text(l.kind),
            Cell::Empty,
            text(l.commune),
            text(l.district),
            text("I.1.a "),
            l.stars.clone(),
            l.decided.clone(),
            text(l.decision),
            l.tax_code.clone(),
        ]);
    }
    rows.push(vec![
        Cell::Empty,
        text("Tổng cộng"),
        text(&format!("{} sản phẩm", lines.len())),
    ]);
    write_sheets(&[SheetSpec {
        name: "DS OCOP 2019-2025".into(),
        title: Some("DANH SÁCH SẢN PHẨM OCOP TỈNH LẠNG SƠN (kèm theo Báo cáo số 12/BC-SNN)".into()),
        rows,
    }])
    .unwrap()
}

/// Three products of two subjects: honey (3★ in 2021, expired now), tea (4★, 2024) of a new
/// cooperative in Chi Lăng; star anise (3★ 2023) of a household in Tràng Định.
pub fn three<'a>() -> Vec<Line<'a>> {
    vec![
        Line {
            product: "Mật ong bạc hà nhập thử ",
            subject: "HTX Ong mật Nhập Thử",
            kind: "Hợp tác xã",
            commune: "xã Chi Lang",
            district: "huyện Chi Lăng",
            stars: text("3 sao"),
            decided: text("15/12/2021"),
            decision: "1234/QĐ-UBND",
            tax_code: Cell::Number(490_012_345.0),
        },
        Line {
            product: "Trà hoa vàng nhập thử",
            subject: "HTX Ong mật Nhập Thử",
            kind: "HTX",
            commune: "Chi Lăng",
            district: "",
            stars: Cell::Number(4.0),
            decided: Cell::Date(chrono::NaiveDate::from_ymd_opt(2024, 11, 20).unwrap()),
            decision: "2001/QĐ-UBND",
            tax_code: Cell::Number(490_012_345.0),
        },
        Line {
            product: "Hoa hồi nhập thử",
            subject: "Hộ kinh doanh Hoàng Văn Nhập",
            kind: "Hộ kinh doanh",
            commune: "Tràng Định",
            district: "",
            stars: text("★★★"),
            decided: text("năm 2023"),
            decision: "",
            tax_code: Cell::Empty,
        },
    ]
}

pub async fn certificates_of(
    db: &sea_orm::DatabaseConnection,
    product: &str,
) -> Vec<app::entities::certificate::Model> {
    use sea_orm::{EntityTrait, QueryFilter, QueryOrder};
    let Some(p) = app::entities::product::Entity::find()
        .filter(app::entities::product::Column::Name.eq(product))
        .one(db)
        .await
        .unwrap()
    else {
        return Vec::new();
    };
    app::entities::certificate::Entity::find()
        .filter(app::entities::certificate::Column::ProductId.eq(p.id))
        .order_by_asc(app::entities::certificate::Column::DecisionDate)
        .all(db)
        .await
        .unwrap()
}
