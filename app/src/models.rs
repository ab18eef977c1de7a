//! Wire types shared by server functions and pages. They are not table rows: services convert.
pub mod account_admin;
pub mod accounts;
pub mod audit;
pub mod catalog;
pub mod criteria;
pub mod dashboard;
pub mod dossiers;
pub mod error;
pub mod home;
pub mod labels;
pub mod lots;
pub mod notifications;
pub mod product_ideas;
pub mod products;
pub mod reports;
pub mod rounds;
pub mod subjects;
pub mod units;

pub use error::AppError;
