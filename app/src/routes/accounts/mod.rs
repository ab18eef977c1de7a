//! Accounts: signing in, registering, setting a password with a one-time link, the user's own
//! account; the commune's registrations to approve; officials' accounts (`/admin/accounts`).
pub mod login;
app_only! {
    pub mod account_detail;
    pub mod account_new;
    pub mod forgot;
    pub mod list;
    pub mod profile;
    pub mod register;
    pub mod register_for;
    pub mod registrations;
    pub mod reset;
    pub mod reset_link;
}
