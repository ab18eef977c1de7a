//! Accounts: signing in, registering, setting a password with a one-time link, the user's own
//! account; the commune's registrations to approve; officials' accounts (`/admin/accounts`).
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod account_detail;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod account_new;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod forgot;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod list;
pub mod login;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod profile;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod register;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod register_for;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod registrations;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod reset;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod reset_link;
