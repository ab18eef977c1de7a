//! Server functions, one file per capability. Each is thin: context → actor → service (which
//! asks `auth::allowed` before doing anything) → the error mapped for the wire.
pub mod account_admin;
pub mod accounts;
pub mod audit;
pub mod criteria;
pub mod dossiers;
pub mod home;
pub mod notifications;
pub mod product_ideas;
pub mod products;
pub mod rounds;
pub mod subjects;
pub mod units;
