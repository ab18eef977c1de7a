//! Loading what a plan matches rows against: every subject, product and certificate as it
//! stands (three queries, whatever the file).
use std::collections::HashMap;

use sea_orm::{ConnectionTrait, EntityTrait};

use crate::entities::{certificate as cert, product, subject};
use crate::services::ServiceError;

use super::plan::{CertState, Plan, ProductState, Ref, SubjectState};

impl Plan {
    /// The records the rows are matched against (three queries).
    ///
    /// # Errors
    /// A database error.
    pub async fn load(
        db: &impl ConnectionTrait,
        unit_names: HashMap<String, String>,
        group_codes: HashMap<i32, String>,
    ) -> Result<Plan, ServiceError> {
        let mut plan = Plan {
            unit_names,
            group_codes,
            ..Plan::default()
        };
        for s in subject::Entity::find().all(db).await? {
            plan.subjects.insert(
                Ref::Existing(s.id),
                SubjectState {
                    name: s.name,
                    kind: s.subject_type,
                    address: s.address,
                    commune_code: s.commune_code,
                    tax_code: s.tax_code,
                    phone: s.phone,
                    representative: s.legal_representative,
                },
            );
        }
        for p in product::Entity::find().all(db).await? {
            plan.products.insert(
                Ref::Existing(p.id),
                ProductState {
                    subject: Ref::Existing(p.subject_id),
                    name: p.name,
                    group_id: p.product_group_id,
                    note: p.note,
                },
            );
        }
        for c in cert::Entity::find().all(db).await? {
            plan.certificates.insert(
                Ref::Existing(c.id),
                CertState {
                    product: Ref::Existing(c.product_id),
                    stars: u8::try_from(c.stars).unwrap_or(0),
                    decided: c.decision_date,
                    decision_number: c.decision_number,
                    number: Some(c.number),
                    score: u32::try_from(c.score).ok().filter(|s| *s > 0),
                    from_round: c.round_id.is_some(),
                    revoked: c.revoked_on.is_some(),
                    row: None,
                },
            );
        }
        Ok(plan)
    }
}
