//! Producers' own records: the subject's profile, its products and product ideas; and the
//! officials' corrections to a subject.
pub mod completeness;
pub mod ideas;
pub mod products;
pub mod subject_corrections;
pub mod subject_profile;
