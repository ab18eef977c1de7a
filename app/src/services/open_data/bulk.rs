//! Bulk open data: every product that holds or held a certificate in one file — CSV with the
//! columns of `CSV_COLUMNS` (a stable, documented schema: columns are only ever added at the
//! end) or JSON Lines, one `schema::Product` per line — what the province publishes on an
//! open-data portal. Built from the same reads as `/open/v1/products`, and kept (`BulkCache`)
//! until a product, a certificate or a producer changes (`products::version`) or the day turns
//! (statuses are as of today).
use std::sync::Arc;

use sha2::{Digest, Sha256};

use sea_orm::DatabaseConnection;

use super::products;
use super::schema::Product;
use crate::domain::text::csv_cell;
use crate::services::ServiceError;

/// The CSV's columns: name, and what it holds (Vietnamese / English).
pub const CSV_COLUMNS: [(&str, &str); 21] = [
    ("id", "Mã sản phẩm trong hệ thống / product id"),
    ("name", "Tên sản phẩm / product name"),
    ("group_code", "Mã nhóm sản phẩm / product group code"),
    ("group_name", "Tên nhóm sản phẩm / product group name"),
    ("commune_code", "Mã xã, phường / commune code"),
    ("commune_name", "Tên xã, phường / commune name"),
    ("producer_id", "Mã chủ thể / producer id"),
    ("producer_name", "Tên chủ thể / producer name"),
    ("producer_type", "Loại chủ thể / producer type"),
    ("stars", "Số sao / stars"),
    (
        "listed",
        "Đang được công nhận hôm nay (true/false) / certified today",
    ),
    (
        "certificate_number",
        "Số giấy chứng nhận / certificate number",
    ),
    ("certificate_status", "valid, expiring, expired, revoked"),
    ("valid_from", "Hiệu lực từ (YYYY-MM-DD) / valid from"),
    ("valid_until", "Hiệu lực đến (YYYY-MM-DD) / valid until"),
    ("revoked_on", "Ngày thu hồi (YYYY-MM-DD) / revoked on"),
    ("gtin", "Mã GTIN / GTIN"),
    ("digital_link", "GS1 Digital Link"),
    ("url", "Trang sản phẩm / product page"),
    ("changed_at", "Thay đổi lần cuối (RFC 3339) / last changed"),
    (
        "public",
        "false: chủ thể không còn công khai, chỉ giữ mã và giấy chứng nhận / producer hidden",
    ),
];

/// The two files of one version of the data, with their strong ETags.
#[derive(Clone, Debug)]
pub struct BulkFiles {
    /// (newest change, products, day, base address): what the files were made from.
    pub key: (i64, u64, chrono::NaiveDate, String),
    pub csv: Arc<Vec<u8>>,
    pub csv_etag: String,
    pub jsonl: Arc<Vec<u8>>,
    pub jsonl_etag: String,
}

/// The files last made, kept by the server. Whoever finds them out of date makes them while
/// holding the lock, so requests arriving meanwhile wait for those files instead of each
/// making their own.
#[derive(Debug, Default)]
pub struct BulkCache(tokio::sync::Mutex<Option<BulkFiles>>);

/// A strong ETag: the first 128 bits of the SHA-256 of `bytes`, quoted.
pub fn etag_of(bytes: &[u8]) -> String {
    let hex: String = Sha256::digest(bytes)[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("\"{hex}\"")
}

/// The bulk files for today, made again only when the data changed since they were made.
///
/// # Errors
/// A database error.
pub async fn files(
    cache: &BulkCache,
    db: &DatabaseConnection,
    base: &str,
    today: chrono::NaiveDate,
) -> Result<BulkFiles, ServiceError> {
    let (newest, count) = products::version(db).await?;
    let key = (newest, count, today, base.to_owned());
    let mut kept = cache.0.lock().await;
    if let Some(files) = kept.as_ref().filter(|files| files.key == key) {
        return Ok(files.clone());
    }
    let all = products::all(db, base, today).await?;
    let (csv, jsonl) = (csv(&all), jsonl(&all));
    let made = BulkFiles {
        key,
        csv_etag: etag_of(&csv),
        csv: Arc::new(csv),
        jsonl_etag: etag_of(&jsonl),
        jsonl: Arc::new(jsonl),
    };
    *kept = Some(made.clone());
    Ok(made)
}

/// The products as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the
/// Vietnamese right), a header row of `CSV_COLUMNS`' names, CRLF line ends, every cell quoted.
pub fn csv(products: &[Product]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = CSV_COLUMNS.iter().map(|(name, _)| csv_cell(name)).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for p in products {
        let certificate = p.certificate.as_ref();
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let cells = [
            p.id.to_string(),
            p.name.clone(),
            p.group.as_ref().map(|g| g.code.clone()).unwrap_or_default(),
            p.group
                .as_ref()
                .map(|g| g.name_vi.clone())
                .unwrap_or_default(),
            p.commune.code.clone(),
            p.commune.name.clone().unwrap_or_default(),
            p.producer.id.to_string(),
            p.producer.name.clone(),
            p.producer.kind.clone(),
            p.stars.map(|s| s.to_string()).unwrap_or_default(),
            p.listed.to_string(),
            certificate.map(|c| c.number.clone()).unwrap_or_default(),
            certificate.map(|c| c.status.clone()).unwrap_or_default(),
            date(certificate.map(|c| c.valid_from)),
            date(certificate.map(|c| c.valid_until)),
            date(certificate.and_then(|c| c.revoked_on)),
            p.gtin.clone().unwrap_or_default(),
            p.digital_link.clone().unwrap_or_default(),
            p.url.clone(),
            p.changed_at
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            p.public.to_string(),
        ];
        let row: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// The products as JSON Lines: one product (as `/open/v1/products` gives it) per line.
pub fn jsonl(products: &[Product]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in products {
        if serde_json::to_writer(&mut out, p).is_ok() {
            out.push(b'\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::open_data::schema::{ProducerRef, UnitRef};

    fn product(name: &str) -> Product {
        Product {
            id: 7,
            public: true,
            name: name.into(),
            description: None,
            group: None,
            commune: UnitRef {
                code: "06463".into(),
                name: Some("Chi Lăng".into()),
            },
            producer: ProducerRef {
                id: 3,
                name: "HTX \"Đồng Bành\"".into(),
                kind: "cooperative".into(),
            },
            stars: Some(4),
            listed: true,
            certificate: None,
            gtin: None,
            digital_link: None,
            url: "https://h/products/7".into(),
            photos: vec![],
            net_quantity: None,
            packaging: None,
            shelf_life: None,
            price_min: None,
            price_max: None,
            changed_at: chrono::DateTime::from_timestamp_millis(0).unwrap(),
        }
    }

    #[test]
    fn a_csv_row_is_quoted_and_never_a_formula() {
        let text = String::from_utf8(csv(&[product("=HYPERLINK(\"x\")")])).unwrap();
        let rows: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(rows.len(), 3, "header, one row, the end");
        let row = rows[1];
        assert!(row.starts_with("\"7\",\"'=HYPERLINK(\"\"x\"\")\""), "{row}");
        assert!(row.contains("\"HTX \"\"Đồng Bành\"\"\""));
        assert_eq!(row.matches("\",\"").count() + 1, CSV_COLUMNS.len());
        let lines = String::from_utf8(jsonl(&[product("a"), product("b")])).unwrap();
        assert_eq!(lines.lines().count(), 2);
        assert!(
            lines
                .lines()
                .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok())
        );
    }
}
