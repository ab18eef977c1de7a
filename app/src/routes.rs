//! Pages, one file per screen, in the same capability folders as the services; `work_areas`
//! holds each role's landing page and `public` the site's own pages.
pub mod accounts;
pub mod audit;
pub mod catalog;
pub mod certificates;
pub mod dossiers;
pub mod evaluation;
pub mod imports;
pub mod mail;
pub mod master_data;
pub mod notifications;
pub mod producers;
pub mod public;
pub mod registry;
pub mod registry_subject;
pub mod reports;
pub mod traceability;
pub mod work_areas;
