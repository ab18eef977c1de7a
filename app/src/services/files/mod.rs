//! Uploaded files: the content-addressed store, checking an upload's type from its content, and
//! re-encoding images. Who may download a file is decided in `services::downloads`.
pub mod images;
pub mod object_store;
pub mod store;
pub mod uploads;
