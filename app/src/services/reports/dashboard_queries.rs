//! The dashboard's queries. Its certificate figures come from one pass over the certificates
//! in scope (`scoped_certificates`, then `figures`); the `GROUP BY` queries beside it are the
//! same counts as a person would write them in SQL, which the tests hold the pass to.
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QuerySelect,
    QueryTrait, RelationTrait, Select,
};

use crate::domain::dossier::DossierState;
use crate::domain::status::SubjectStatus;
use crate::entities::{certificate as cert, dossier, product, subject};
use crate::services::ServiceError;

/// The filters as the queries take them (codes already checked, groups expanded to ids).
#[derive(Clone, Debug, Default)]
pub struct Scope {
    /// The communes counted: one, or those of a former district (`None`: all).
    pub communes: Option<Vec<String>>,
    pub subject: Option<i32>,
    pub group_ids: Option<Vec<i32>>,
    pub stars: Option<i16>,
    pub kind: Option<String>,
}

fn to_product() -> sea_orm::RelationDef {
    cert::Entity::belongs_to(product::Entity)
        .from(cert::Column::ProductId)
        .to(product::Column::Id)
        .into()
}

/// Certificates joined to their product and its subject, filtered by `scope`.
fn certificates(scope: &Scope) -> Select<cert::Entity> {
    let mut select = cert::Entity::find()
        .join(JoinType::InnerJoin, to_product())
        .join(JoinType::InnerJoin, product::Relation::Subject.def())
        .filter(subject::Column::Status.eq(SubjectStatus::Active));
    if let Some(codes) = &scope.communes {
        select = select.filter(product::Column::CommuneCode.is_in(codes.clone()));
    }
    if let Some(id) = scope.subject {
        select = select.filter(product::Column::SubjectId.eq(id));
    }
    if let Some(ids) = &scope.group_ids {
        select = select.filter(product::Column::ProductGroupId.is_in(ids.clone()));
    }
    if let Some(stars) = scope.stars {
        select = select.filter(cert::Column::Stars.eq(stars));
    }
    if let Some(kind) = &scope.kind {
        select = select.filter(subject::Column::SubjectType.eq(kind.as_str()));
    }
    select
}

/// Valid on `day`: decided by then, not expired, not revoked by then, and not yet replaced
/// by a certificate decided by then.
fn valid_on(select: Select<cert::Entity>, day: NaiveDate) -> Select<cert::Entity> {
    let replaced_by_then = Query::select()
        .column(cert::Column::Id)
        .from(cert::Entity)
        .and_where(Expr::col(cert::Column::DecisionDate).lte(day))
        .to_owned();
    select
        .filter(cert::Column::DecisionDate.lte(day))
        .filter(cert::Column::ValidUntil.gte(day))
        .filter(
            Condition::any()
                .add(cert::Column::RevokedOn.is_null())
                .add(cert::Column::RevokedOn.gt(day)),
        )
        .filter(
            Condition::any()
                .add(cert::Column::SupersededBy.is_null())
                .add(cert::Column::SupersededBy.not_in_subquery(replaced_by_then)),
        )
}

/// Valid products on `day` counted by `column` (commune, group id, subject type, stars).
pub async fn valid_by<C, K>(
    db: &impl ConnectionTrait,
    scope: &Scope,
    day: NaiveDate,
    column: C,
) -> Result<Vec<(K, i64)>, ServiceError>
where
    C: ColumnTrait,
    K: sea_orm::TryGetable,
{
    Ok(valid_on(certificates(scope), day)
        .select_only()
        .column(column)
        .column_as(
            Expr::col((cert::Entity, cert::Column::ProductId)).count_distinct(),
            "n",
        )
        .group_by(column)
        .into_tuple::<(K, i64)>()
        .all(db)
        .await?)
}

/// A certificate valid on a day, with what the dashboard counts it by.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidCertificate {
    pub product_id: i32,
    /// The product's folded name: the list is ordered by it.
    pub name_folded: String,
    pub commune_code: String,
    pub product_group_id: i32,
    pub subject_type: String,
    pub stars: i16,
    pub valid_until: NaiveDate,
}

/// A certificate of an active subject within a scope, with everything the dashboard derives
/// from it: its place, dates, successor and the cycle of the dossier it was decided on.
#[derive(Clone, Debug, PartialEq, sea_orm::FromQueryResult)]
pub struct ScopedCertificate {
    pub id: i32,
    pub product_id: i32,
    pub name_folded: String,
    pub commune_code: String,
    pub product_group_id: i32,
    pub subject_type: String,
    pub stars: i16,
    pub decision_date: NaiveDate,
    pub valid_until: NaiveDate,
    pub revoked_on: Option<NaiveDate>,
    pub superseded_by: Option<i32>,
    /// The cycle of its dossier (`None`: issued without one, e.g. imported).
    pub cycle: Option<String>,
}

/// Every certificate within `scope` but for its star count, in one pass over the
/// certificates. The stars are applied by `figures`: a certificate's successor — always a
/// certificate of the same product (`evaluation::decision::issue`, the import's chains), so
/// within the same scope otherwise — may have other stars and still decides its validity.
pub async fn scoped_certificates(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Vec<ScopedCertificate>, ServiceError> {
    let any_stars = Scope {
        stars: None,
        ..scope.clone()
    };
    Ok(certificates(&any_stars)
        .join(
            JoinType::LeftJoin,
            cert::Entity::belongs_to(dossier::Entity)
                .from(cert::Column::DossierId)
                .to(dossier::Column::Id)
                .into(),
        )
        .select_only()
        .column(cert::Column::Id)
        .column(cert::Column::ProductId)
        .column(product::Column::NameFolded)
        .column(product::Column::CommuneCode)
        .column(product::Column::ProductGroupId)
        .column(subject::Column::SubjectType)
        .column(cert::Column::Stars)
        .column(cert::Column::DecisionDate)
        .column(cert::Column::ValidUntil)
        .column(cert::Column::RevokedOn)
        .column(cert::Column::SupersededBy)
        .column(dossier::Column::Cycle)
        .into_model::<ScopedCertificate>()
        .all(db)
        .await?)
}

/// What the dashboard draws from the certificates in scope up to a day.
#[derive(Debug, Default, PartialEq)]
pub struct CertificateFigures {
    /// The certificates valid on the day (as `valid_on`).
    pub valid: Vec<ValidCertificate>,
    /// First recognitions of 3★ or more decided in the period (as `new_3star`).
    pub new_3star: i64,
    /// Certificates decided per day up to the day, by day (as `decided_by_day`).
    pub by_day: Vec<(NaiveDate, i64)>,
}

/// The dashboard's certificate figures for `stars` (any when `None`) over `from..=to`, from
/// `scoped_certificates`: the same answers as the queries `valid_on`, `new_3star` and
/// `decided_by_day`, which each walked the certificates again.
pub fn figures(
    rows: &[ScopedCertificate],
    stars: Option<i16>,
    from: NaiveDate,
    to: NaiveDate,
) -> CertificateFigures {
    let decided: std::collections::HashMap<i32, NaiveDate> =
        rows.iter().map(|c| (c.id, c.decision_date)).collect();
    // Certificates that replaced another: renewals, never a first recognition.
    let replacing: std::collections::HashSet<i32> =
        rows.iter().filter_map(|c| c.superseded_by).collect();
    let mut by_day = std::collections::BTreeMap::<NaiveDate, i64>::new();
    let mut figures = CertificateFigures::default();
    for c in rows.iter().filter(|c| stars.is_none_or(|s| c.stars == s)) {
        if c.decision_date > to {
            continue;
        }
        *by_day.entry(c.decision_date).or_default() += 1;
        let first = c.cycle.as_deref().is_none_or(|cycle| cycle == "first");
        if c.decision_date >= from && c.stars >= 3 && first && !replacing.contains(&c.id) {
            figures.new_3star += 1;
        }
        let replaced = c
            .superseded_by
            .and_then(|id| decided.get(&id))
            .is_some_and(|day| *day <= to);
        if c.valid_until >= to && c.revoked_on.is_none_or(|day| day > to) && !replaced {
            figures.valid.push(ValidCertificate {
                product_id: c.product_id,
                name_folded: c.name_folded.clone(),
                commune_code: c.commune_code.clone(),
                product_group_id: c.product_group_id,
                subject_type: c.subject_type.clone(),
                stars: c.stars,
                valid_until: c.valid_until,
            });
        }
    }
    figures.by_day = by_day.into_iter().collect();
    figures
}

/// The products among `valid` counted per `key`, each product once per key however many of
/// its certificates share it: what `COUNT(DISTINCT product_id) … GROUP BY key` answers, in
/// the key's order.
pub fn products_by<'a, K: Ord>(
    valid: impl IntoIterator<Item = &'a ValidCertificate>,
    key: impl Fn(&ValidCertificate) -> K,
) -> Vec<(K, i64)> {
    let pairs: std::collections::BTreeSet<(K, i32)> =
        valid.into_iter().map(|c| (key(c), c.product_id)).collect();
    let mut counts: Vec<(K, i64)> = Vec::new();
    for (k, _) in pairs {
        match counts.last_mut() {
            Some((last, n)) if *last == k => *n += 1,
            _ => counts.push((k, 1)),
        }
    }
    counts
}

/// Valid on `day` and running out within `days` days.
pub async fn expiring(
    db: &impl ConnectionTrait,
    scope: &Scope,
    day: NaiveDate,
    days: u64,
) -> Result<i64, ServiceError> {
    let until = day + chrono::Days::new(days);
    let n: Option<i64> = valid_on(certificates(scope), day)
        .filter(cert::Column::ValidUntil.lte(until))
        .select_only()
        .column_as(
            Expr::col((cert::Entity, cert::Column::ProductId)).count_distinct(),
            "n",
        )
        .into_tuple()
        .one(db)
        .await?;
    Ok(n.unwrap_or(0))
}

/// First recognitions of 3★ or more decided between `from` and `to`: certificates that
/// replaced none and whose dossier, if any, was a first evaluation (as `domain::report`).
pub async fn new_3star(
    db: &impl ConnectionTrait,
    scope: &Scope,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<i64, ServiceError> {
    let replacing = Query::select()
        .column(cert::Column::SupersededBy)
        .from(cert::Entity)
        .and_where(Expr::col(cert::Column::SupersededBy).is_not_null())
        .to_owned();
    let later_cycles = Query::select()
        .column(dossier::Column::Id)
        .from(dossier::Entity)
        .and_where(Expr::col(dossier::Column::Cycle).ne("first"))
        .to_owned();
    let n: Option<i64> = certificates(scope)
        .filter(cert::Column::DecisionDate.between(from, to))
        .filter(cert::Column::Stars.gte(3))
        .filter(cert::Column::Id.not_in_subquery(replacing))
        .filter(
            Condition::any()
                .add(cert::Column::DossierId.is_null())
                .add(cert::Column::DossierId.not_in_subquery(later_cycles)),
        )
        .select_only()
        .column_as(Expr::col((cert::Entity, cert::Column::Id)).count(), "n")
        .into_tuple()
        .one(db)
        .await?;
    Ok(n.unwrap_or(0))
}

/// Certificates decided per decision day up to `to` (the page sums them by year).
pub async fn decided_by_day(
    db: &impl ConnectionTrait,
    scope: &Scope,
    to: NaiveDate,
) -> Result<Vec<(NaiveDate, i64)>, ServiceError> {
    Ok(certificates(scope)
        .filter(cert::Column::DecisionDate.lte(to))
        .select_only()
        .column(cert::Column::DecisionDate)
        .column_as(Expr::col((cert::Entity, cert::Column::Id)).count(), "n")
        .group_by(cert::Column::DecisionDate)
        .into_tuple()
        .all(db)
        .await?)
}

/// Dossiers by state (not drafts), filtered like the certificates but by the dossier's own
/// commune (stars do not apply to a dossier). The product and subject are joined only when a
/// filter needs them: every dossier has both (foreign keys), and at national scale the joins
/// cost ten times the count itself.
pub async fn dossiers_by_state(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Vec<(String, i64)>, ServiceError> {
    let mut select = dossier::Entity::find().filter(dossier::Column::State.ne(DossierState::Draft));
    if scope.group_ids.is_some() || scope.kind.is_some() {
        select = select.join(
            JoinType::InnerJoin,
            dossier::Entity::belongs_to(product::Entity)
                .from(dossier::Column::ProductId)
                .to(product::Column::Id)
                .into(),
        );
    }
    if let Some(codes) = &scope.communes {
        select = select.filter(dossier::Column::CommuneCode.is_in(codes.clone()));
    }
    if let Some(id) = scope.subject {
        select = select.filter(dossier::Column::SubjectId.eq(id));
    }
    if let Some(ids) = &scope.group_ids {
        select = select.filter(product::Column::ProductGroupId.is_in(ids.clone()));
    }
    if let Some(kind) = &scope.kind {
        select = select
            .join(JoinType::InnerJoin, product::Relation::Subject.def())
            .filter(subject::Column::SubjectType.eq(kind.as_str()));
    }
    Ok(select
        .select_only()
        .column(dossier::Column::State)
        .column_as(
            Expr::col((dossier::Entity, dossier::Column::Id)).count(),
            "n",
        )
        .group_by(dossier::Column::State)
        .into_tuple()
        .all(db)
        .await?)
}

/// The valid certificates of page `offset..offset + limit` of the list: most stars first,
/// then by the product's folded name and id — what `ORDER BY stars DESC, name_folded, id`
/// over the valid certificates answers, taken from the one pass instead of a second walk.
pub fn list_page(valid: &[ValidCertificate], offset: u64, limit: u64) -> Vec<&ValidCertificate> {
    let mut sorted: Vec<&ValidCertificate> = valid.iter().collect();
    sorted.sort_unstable_by(|a, b| {
        b.stars
            .cmp(&a.stars)
            .then_with(|| a.name_folded.cmp(&b.name_folded))
            .then_with(|| a.product_id.cmp(&b.product_id))
    });
    let skip = usize::try_from(offset).unwrap_or(usize::MAX);
    let take = usize::try_from(limit).unwrap_or(usize::MAX);
    sorted.into_iter().skip(skip).take(take).collect()
}

/// The names of the products `ids` (at most a page of the list), by id.
pub async fn product_names(
    db: &impl ConnectionTrait,
    ids: Vec<i32>,
) -> Result<std::collections::HashMap<i32, String>, ServiceError> {
    let rows: Vec<(i32, String)> = product::Entity::find()
        .filter(product::Column::Id.is_in(ids))
        .select_only()
        .column(product::Column::Id)
        .column(product::Column::Name)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The SQL of the valid-products-by-commune query, for the benchmark to run the same
/// aggregate in the sqlite3 shell.
pub fn valid_by_commune_sql(backend: sea_orm::DbBackend, day: NaiveDate) -> String {
    valid_on(certificates(&Scope::default()), day)
        .select_only()
        .column(product::Column::CommuneCode)
        .column_as(
            Expr::col((cert::Entity, cert::Column::ProductId)).count_distinct(),
            "n",
        )
        .group_by(product::Column::CommuneCode)
        .build(backend)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::{ScopedCertificate, ValidCertificate, figures, list_page, products_by};
    use proptest::prelude::*;

    fn certificate(product_id: i32, commune: u8, stars: i16) -> ValidCertificate {
        ValidCertificate {
            product_id,
            name_folded: format!("san pham {}", product_id % 5),
            commune_code: format!("0{commune}"),
            product_group_id: 1,
            subject_type: "HTX".into(),
            stars,
            valid_until: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        }
    }

    #[test]
    fn a_product_counts_once_per_key() {
        let valid = [
            certificate(1, 1, 3),
            certificate(1, 1, 5),
            certificate(2, 2, 3),
        ];
        assert_eq!(
            products_by(&valid, |c| c.commune_code.clone()),
            [("01".to_owned(), 1), ("02".to_owned(), 1)]
        );
        assert_eq!(products_by(&valid, |c| c.stars), [(3, 2), (5, 1)]);
        assert_eq!(products_by(&valid, |_| ()), [((), 2)]);
        assert!(products_by(&[], |c| c.stars).is_empty());
    }

    fn scoped(
        id: i32,
        product_id: i32,
        stars: i16,
        decided: u32,
        successor: Option<i32>,
    ) -> ScopedCertificate {
        let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
            + chrono::Days::new(u64::from(decided));
        ScopedCertificate {
            id,
            product_id,
            name_folded: format!("san pham {product_id}"),
            commune_code: "01".into(),
            product_group_id: 1,
            subject_type: "HTX".into(),
            stars,
            decision_date: day,
            valid_until: day + chrono::Days::new(1095),
            revoked_on: None,
            superseded_by: successor,
            cycle: None,
        }
    }

    proptest! {
        /// Narrowing to a star count narrows the figures and nothing else: a certificate
        /// replaced by one with other stars is still replaced, and every decided certificate of
        /// those stars is counted once on its day.
        #[test]
        fn the_stars_filter_only_narrows(rows in prop::collection::vec((1..=5i16, 0..3000u32, prop::option::of(0..40i32)), 0..40), day in 0..4000u32, stars in 1..=5i16) {
            let rows: Vec<_> = rows.iter().enumerate().map(|(i, &(s, d, next))| scoped(i as i32, i as i32 % 7, s, d, next)).collect();
            let from = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
            let to = from + chrono::Days::new(u64::from(day));
            let all = figures(&rows, None, from, to);
            let narrowed = figures(&rows, Some(stars), from, to);
            let expected: Vec<_> = all.valid.iter().filter(|c| c.stars == stars).cloned().collect();
            prop_assert_eq!(&narrowed.valid, &expected);
            let decided = rows.iter().filter(|c| c.stars == stars && c.decision_date <= to).count();
            prop_assert_eq!(narrowed.by_day.iter().map(|(_, n)| n).sum::<i64>(), decided as i64);
            prop_assert!(narrowed.new_3star <= all.new_3star);
            prop_assert!(all.valid.iter().all(|c| c.valid_until >= to));
        }

        /// The list's pages, one after another, are every valid certificate once, most stars
        /// first, then by folded name and id; no page is longer than asked.
        #[test]
        fn the_list_pages_through_every_valid_certificate_in_order(rows in prop::collection::vec((0..30i32, 0..4u8, 1..=5i16), 0..60), size in 1..20u64) {
            let valid: Vec<_> = rows.iter().map(|&(p, c, s)| certificate(p, c, s)).collect();
            let mut seen = Vec::new();
            for page in 0..=valid.len() as u64 / size {
                let one = list_page(&valid, page * size, size);
                prop_assert!(one.len() as u64 <= size);
                seen.extend(one);
            }
            prop_assert_eq!(seen.len(), valid.len());
            let key = |c: &ValidCertificate| (std::cmp::Reverse(c.stars), c.name_folded.clone(), c.product_id);
            prop_assert!(seen.windows(2).all(|w| key(w[0]) <= key(w[1])));
            prop_assert!(list_page(&valid, valid.len() as u64, size).is_empty());
        }

        /// Keys come once, in order; each count is the number of distinct products under the
        /// key; repeating a certificate changes nothing.
        #[test]
        fn counts_are_distinct_products_per_key(rows in prop::collection::vec((0..30i32, 0..4u8, 1..=5i16), 0..60)) {
            let valid: Vec<_> = rows.iter().map(|&(p, c, s)| certificate(p, c, s)).collect();
            let counts = products_by(&valid, |c| c.stars);
            prop_assert!(counts.windows(2).all(|w| w[0].0 < w[1].0));
            for (stars, n) in &counts {
                let mut ids: Vec<i32> = valid.iter().filter(|c| c.stars == *stars).map(|c| c.product_id).collect();
                ids.sort_unstable();
                ids.dedup();
                prop_assert_eq!(*n, ids.len() as i64);
            }
            let doubled: Vec<_> = valid.iter().chain(&valid).cloned().collect();
            prop_assert_eq!(products_by(&doubled, |c| c.stars), counts);
        }
    }
}
