//! Who the actor is and what they may do. The decision itself is the pure
//! `domain::access::allowed`, re-exported here; hashing is server-only.
pub use crate::domain::access::{
    Action, Actor, Area, Denied, Resource, Role, allowed, dossier_party, inspection_parties,
};

#[cfg(feature = "ssr")]
pub mod current;
#[cfg(feature = "ssr")]
pub mod hashing;
#[cfg(feature = "ssr")]
pub mod rate_limit;
#[cfg(feature = "ssr")]
pub mod session_store;
#[cfg(feature = "ssr")]
pub mod shared_counts;
#[cfg(feature = "ssr")]
pub mod throttle;
