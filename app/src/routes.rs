//! Pages, one file per screen, in the same capability folders as the services; `work_areas`
//! holds each role's landing page and `public` the site's own pages.
//!
//! The pages only `App` shows (`whole_app.rs`) are compiled for the server and the whole client
//! alone (`cfg(any(feature = "ssr", feature = "whole-app"))`, here and in the folders): the
//! light client, which runs none of them, is then built without compiling them.
pub mod accounts;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod audit;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod catalog;
pub mod certificates;
pub mod dossiers;
pub mod evaluation;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod imports;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod mail;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod master_data;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod notifications;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod producers;
pub mod public;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod registry;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod registry_subject;
pub mod reports;
pub mod traceability;
pub mod work_areas;
