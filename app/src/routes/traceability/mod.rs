//! Traceability: a product's label, its lots and their timelines, the public product and lot
//! pages (light, no script), and the label checklist (`/admin/label-checklist`).
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod label_checklist;
pub mod labels;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod lots;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod public_lot;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod public_product;
