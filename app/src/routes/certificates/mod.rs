//! Certificates: the officers' and the producer's lists, and the public check page
//! (`/certificates/{number}`).
pub mod check;
pub mod lists;
