//! The site's own pages: the home page, the 404 page, and the light page shell that the
//! public product, lot and subject pages are rendered in (no script).
#[cfg(feature = "ssr")]
pub mod decisions;
pub mod home;
#[cfg(feature = "ssr")]
pub mod light;
pub mod not_found;
