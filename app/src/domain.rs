//! Pure OCOP rules: no I/O, compiled for both the server and the browser.
pub mod text;
