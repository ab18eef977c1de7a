//! Certificates: the officers' and the producer's lists with the Ministry's answers to 5★
//! proposals, and the public check page (`/certificates/{number}`).
pub mod check;
pub mod ministry;
app_only! {
    pub mod lists;
}
