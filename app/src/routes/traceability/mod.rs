//! Traceability: a product's label, its lots and their timelines, the public product and lot
//! pages (light, no script), and the label checklist (`/admin/label-checklist`).
pub mod labels;
app_only! {
    pub mod label_checklist;
    pub mod lots;
    pub mod public_lot;
    pub mod public_product;
}
