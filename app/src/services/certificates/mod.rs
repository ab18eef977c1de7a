//! Certificates after they are issued: the register (public check, officers' lists,
//! revocation) and the reminders before a certificate ends.
pub mod register;
pub mod reminders;
pub mod revocation;
