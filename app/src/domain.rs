//! Pure OCOP rules: no I/O, compiled for both the server and the browser.
pub mod access;
pub mod contact;
pub mod password;
pub mod text;
