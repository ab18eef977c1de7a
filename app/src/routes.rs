//! Pages, one file per screen, in the same capability folders as the services; `work_areas`
//! holds each role's landing page and `public` the site's own pages.
//!
//! The pages only `App` shows (`whole_app.rs`) are compiled for the server and the whole client
//! alone (the `app_only!` blocks, here and in the folders, defined in `lib.rs`): the
//! light client, which runs none of them, is then built without compiling them.
pub mod accounts;
pub mod certificates;
pub mod dossiers;
pub mod evaluation;
pub mod inspections;
pub mod public;
pub mod reports;
pub mod traceability;
pub mod work_areas;
app_only! {
    pub mod adoption;
    pub mod api_tokens;
    pub mod audit;
    pub mod catalog;
    pub mod imports;
    pub mod mail;
    pub mod master_data;
    pub mod notifications;
    pub mod producers;
    pub mod registry;
    pub mod registry_subject;
    pub mod trade;
    pub mod training;
}
