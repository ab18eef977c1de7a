//! The producer's work area: the subject profile and the products.
pub mod lots;
pub mod product_form;
pub mod product_photos;
pub mod products;
pub mod subject_profile;
