//! A subject's products as its members keep them.
use serde::{Deserialize, Serialize};

/// A line of the subject's product list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductRow {
    pub id: i32,
    pub name: String,
    pub group_code: String,
    pub group_name: String,
    pub stars: Option<i16>,
    pub certified_year: Option<i16>,
    /// Whether those stars hold today: a certificate that has expired (or was revoked) leaves
    /// its stars on the product, but they may no longer be shown as current.
    pub stars_valid: bool,
}

/// One product with everything its members record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub id: i32,
    pub subject_id: i32,
    pub name: String,
    pub group_code: String,
    pub group_name: String,
    pub stars: Option<i16>,
    pub description: Option<String>,
    pub net_quantity: Option<String>,
    pub packaging: Option<String>,
    pub shelf_life: Option<String>,
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    pub raw_material_area: Option<String>,
    pub story: Option<String>,
    pub gtin: Option<String>,
    pub points_of_sale: Option<String>,
    pub version: i32,
    pub may_edit: bool,
    /// In order, the cover first.
    pub photos: Vec<ProductPhotoView>,
    /// The upload limit, for the photo form.
    pub max_upload_mb: usize,
}

/// A photo of a product (`/files/{file_id}`, thumbnail at `/files/{file_id}/thumb`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductPhotoView {
    pub photo_id: i32,
    pub file_id: i32,
    pub name: String,
    pub is_cover: bool,
}

/// The product form as typed. `product_id` 0 means a new product.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductInput {
    pub product_id: i32,
    /// The version the form was loaded with (0 for a new product).
    pub version: i32,
    pub name: String,
    /// A product group or sub-group code of Decision 148 ("I.1.a").
    pub group_code: String,
    pub description: String,
    pub net_quantity: String,
    pub packaging: String,
    pub shelf_life: String,
    pub price_min: String,
    pub price_max: String,
    pub raw_material_area: String,
    pub story: String,
    pub gtin: String,
    /// One place per line.
    #[serde(default)]
    pub points_of_sale: String,
}

/// What anyone may see of a product (`/products/{id}`, what its QR code opens).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicProduct {
    pub id: i32,
    pub name: String,
    pub group_name: String,
    pub subject_id: i32,
    pub subject_name: String,
    pub subject_address: Option<String>,
    pub commune_name: String,
    pub description: Option<String>,
    pub story: Option<String>,
    pub net_quantity: Option<String>,
    pub shelf_life: Option<String>,
    pub raw_material_area: Option<String>,
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    /// Photo file ids, the cover first.
    pub photos: Vec<i32>,
    /// The product's current certificate, if it ever had one.
    pub certificate: Option<PublicCertificate>,
    pub gtin: Option<String>,
    /// The GS1 Digital Link (products with a GTIN).
    pub digital_link: Option<String>,
    /// What the QR code opens — the Digital Link, or this page's stable address for a product
    /// without a GTIN — and the QR code as SVG.
    pub qr_link: String,
    pub qr_svg: Option<String>,
    /// EAN-13 barcode as SVG (GTIN-13 only).
    pub barcode_svg: Option<String>,
    /// What the label says, item by item: (Vietnamese name, English name, text).
    pub label_facts: Vec<(String, String, String)>,
    /// Where to buy it, one place per line.
    pub points_of_sale: Vec<String>,
    /// The standard and test reports the producer made public.
    pub documents: Vec<crate::models::traceability::labels::PublicDocumentView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCertificate {
    pub number: String,
    pub stars: u8,
    pub valid_until: String,
    /// `domain::certificate::Validity::as_str`.
    pub status: String,
}
