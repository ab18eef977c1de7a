//! Certificates after they are issued: the register (public check, officers' lists,
//! revocation), the Ministry's answer to a 5★ proposal and the reminders before a
//! certificate ends.
pub mod ministry;
pub mod register;
pub mod reminders;
