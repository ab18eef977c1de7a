//! Pages anyone can open without signing in.
pub mod catalog;
pub mod certificate;
pub mod home;
#[cfg(feature = "ssr")]
pub mod light;
pub mod lot;
pub mod not_found;
pub mod product;
pub mod subject;
pub mod units;
