//! Pure OCOP rules: no I/O, compiled for both the server and the browser.
pub mod access;
pub mod certificate;
pub mod checklist;
pub mod contact;
pub mod dossier;
pub mod dossier_diff;
pub mod dossier_form;
pub mod file_kind;
pub mod gtin;
pub mod password;
pub mod pre_assessment;
pub mod product_form;
pub mod product_idea;
pub mod round;
pub mod scoring;
pub mod subject_profile;
pub mod text;
