//! A product's public face and its traceability: the public product page's model, production
//! lots and their events with photos, labels checked against the checklist, the documents a
//! producer makes public, and a lot's EPCIS document.
pub mod epcis;
pub mod label_checklist;
pub mod labels;
pub mod lot_photos;
pub mod lots;
pub mod public_documents;
pub mod public_product;
pub mod resolver;
