//! Pure OCOP rules: no I/O, compiled for both the server and the browser.
pub mod access;
pub mod contact;
pub mod dossier;
pub mod file_kind;
pub mod gtin;
pub mod password;
pub mod product_form;
pub mod subject_profile;
pub mod text;
