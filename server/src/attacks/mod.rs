//! The attack suite (issue 18): one test per abuse the system must refuse, each over HTTP
//! against the real router on the demo data where it can be, named for the attack.
mod audit;
mod blind_scoring;
mod crowd;
mod demo_mode;
mod forgotten_password;
mod headers;
mod images;
mod page_cache;
mod registration;
mod request_size;
mod reset_links;
mod script_injection;
mod sessions;
mod sign_in;
mod small_leaks;
