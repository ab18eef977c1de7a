//! Product dossiers: opening and filling one (`filing`), its documents under the checklist,
//! the state changes (`flow`), the commune's comments and pre-assessment, and one dossier as its
//! viewer may see it (`view`) with its result once decided (`result`).
pub mod commune_review;
pub mod documents;
pub mod filing;
pub mod flow;
pub mod result;
pub mod view;
