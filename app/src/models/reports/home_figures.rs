use serde::{Deserialize, Serialize};

/// Live figures for the home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeFigures {
    /// Communes and wards in force today.
    pub communes: u64,
    /// Product groups and sub-groups of the current scheme (Decision 148).
    pub product_groups: u64,
    /// Subjects with a product certified today.
    pub subjects: u64,
    /// Products with a certificate valid today (as the catalogue and the dashboard count).
    pub products: u64,
    /// Those products holding 3, 4 and 5 stars, in that order.
    pub products_by_stars: Vec<StarCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StarCount {
    pub stars: u8,
    pub products: u64,
}
