//! sea-orm entities (server only). One file per table; behaviour lives in services.
pub mod admin_unit;
pub mod product;
pub mod product_group;
pub mod subject;
