//! Wire types shared by server functions and pages. They are not table rows: services convert.
pub mod accounts;
pub mod error;
pub mod home;
pub mod units;

pub use error::AppError;
