//! Producers' own records: the subject's profile, its products with their photos, and the
//! product ideas it registers with its commune (an accepted idea becomes a product); and the
//! officials' corrections to a subject.
pub mod completeness;
pub mod ideas;
pub mod product_photos;
pub mod products;
pub mod subject_corrections;
pub mod subject_profile;
