//! Producers' own records: the subject's profile, its products and product ideas.
pub mod completeness;
pub mod ideas;
pub mod products;
pub mod subject_profile;
