//! Reading the province's spreadsheets of OCOP subjects, products and certificates: cells as
//! people type them (`cells`), column headers in their common spellings (`headers`), and
//! place names through the administrative-unit history (`places`). Pure rules; the service
//! (`services::imports`) reads the workbook and the database.
pub mod cells;
pub mod headers;
pub mod places;
pub mod problem;
