//! Producers: the subject's profile and its public page, products with photos, product ideas.
pub mod ideas;
pub mod info_gaps;
pub mod product_form;
pub mod product_photos;
pub mod products;
pub mod public_subject;
pub mod subject_profile;
