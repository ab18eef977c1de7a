//! A national-scale data set for the benchmarks (`server generate-national`): synthetic
//! communes, subjects, products, certificates and evaluations (dossiers with their first
//! submission) added beside whatever the database holds. Deterministic (a fixed-seed
//! generator), so two runs at the same scale build the same data.
use chrono::NaiveDate;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    TransactionTrait,
};

use crate::domain::dossier::DossierState;
use crate::domain::status::SubjectStatus;
use crate::domain::text::fold;
use crate::entities::{
    admin_unit, certificate, dossier, dossier_version, product, product_group, subject,
};

/// How much to generate. `national()` is the benchmark's set: 3,321 communes, 10,000 subjects,
/// 20,000 products with one certificate each, 60,000 evaluations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    pub communes: usize,
    pub subjects: usize,
    pub products: usize,
    pub evaluations: usize,
}

impl Scale {
    pub fn national() -> Scale {
        Scale {
            communes: 3_321,
            subjects: 10_000,
            products: 20_000,
            evaluations: 60_000,
        }
    }

    /// The same communes with `products` products (subjects and evaluations in proportion).
    pub fn with_products(products: usize) -> Scale {
        let national = Scale::national();
        Scale {
            communes: national.communes,
            subjects: (products / 2).max(1),
            products,
            evaluations: products * 3,
        }
    }
}

/// What was added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Generated {
    pub communes: usize,
    pub subjects: usize,
    pub products: usize,
    pub certificates: usize,
    pub evaluations: usize,
}

/// A small linear congruential generator: enough spread for test data, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const KINDS: [&str; 4] = ["HTX", "DN", "HO", "THT"];
const PRODUCTS: [&str; 16] = [
    "Mật ong",
    "Trà shan tuyết",
    "Miến dong",
    "Gạo nếp",
    "Hồng vành khuyên",
    "Na",
    "Quế",
    "Hồi",
    "Rượu men lá",
    "Thạch đen",
    "Măng khô",
    "Tương ớt",
    "Cà phê",
    "Nước mắm",
    "Chè búp",
    "Bánh chưng",
];
const QUALIFIERS: [&str; 10] = [
    "rừng",
    "hữu cơ",
    "thượng hạng",
    "truyền thống",
    "đặc sản",
    "sạch",
    "vùng cao",
    "gia truyền",
    "tươi",
    "sấy",
];
const BATCH: usize = 500;

fn day(year: i32, ordinal: u32) -> NaiveDate {
    NaiveDate::from_yo_opt(year, ordinal.clamp(1, 365)).unwrap_or_default()
}

/// A product of the data set: id, subject, commune, name, group, stars, decision day.
type ProductRow = (i32, i32, String, String, i32, i16, NaiveDate);

/// The id after the largest of `ids` (1 for an empty table).
fn next_id(ids: impl Iterator<Item = i32>) -> i32 {
    ids.max().unwrap_or(0) + 1
}

/// Adds a national-scale data set.
///
/// # Errors
/// A database error (for instance when run twice: the synthetic commune codes exist).
pub async fn generate(db: &DatabaseConnection, scale: Scale) -> Result<Generated, DbErr> {
    let mut rng = Lcg(20_251_231);
    let groups: Vec<i32> = product_group::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|g| g.code.matches('.').count() == 2)
        .map(|g| g.id)
        .collect();
    if groups.is_empty() {
        return Err(DbErr::Custom("load the master data first".into()));
    }
    let now = crate::clock::now();
    let txn = db.begin().await?;

    let communes: Vec<String> = (1..=scale.communes).map(|n| format!("N{n:05}")).collect();
    insert_communes(&txn, &communes).await?;
    let first_subject = next_id(
        subject::Entity::find()
            .all(&txn)
            .await?
            .iter()
            .map(|s| s.id),
    );
    let subject_communes: Vec<String> = (0..scale.subjects)
        .map(|_| communes[rng.below(communes.len())].clone())
        .collect();
    insert_subjects(&txn, first_subject, &subject_communes, now).await?;
    let first_product = next_id(
        product::Entity::find()
            .all(&txn)
            .await?
            .iter()
            .map(|p| p.id),
    );
    let mut products: Vec<ProductRow> = Vec::with_capacity(scale.products);
    for n in 0..scale.products {
        let subject = rng.below(scale.subjects);
        let name = format!(
            "{} {} {}",
            PRODUCTS[rng.below(PRODUCTS.len())],
            QUALIFIERS[rng.below(QUALIFIERS.len())],
            n
        );
        // Stars: mostly 3, a fifth 4, a few 5.
        let stars: i16 = match rng.below(1000) {
            0..=6 => 5,
            7..=206 => 4,
            _ => 3,
        };
        let decided = day(2019 + rng.below(8) as i32, 1 + rng.below(360) as u32);
        products.push((
            first_product + n as i32,
            first_subject + subject as i32,
            subject_communes[subject].clone(),
            name,
            groups[rng.below(groups.len())],
            stars,
            decided,
        ));
    }
    insert_products(&txn, &products, now).await?;
    let first_dossier = next_id(
        dossier::Entity::find()
            .all(&txn)
            .await?
            .iter()
            .map(|d| d.id),
    );
    let evaluations: Vec<(i32, usize, DossierState, NaiveDate)> = (0..scale.evaluations)
        .map(|n| {
            let product = rng.below(products.len());
            // Most evaluations of past years were decided.
            let state = if n % 10 < 8 {
                DossierState::Certified
            } else {
                DossierState::ALL[rng.below(DossierState::ALL.len())]
            };
            (
                first_dossier + n as i32,
                product,
                state,
                day(2019 + rng.below(8) as i32, 1 + rng.below(360) as u32),
            )
        })
        .collect();
    insert_evaluations(&txn, &evaluations, &products, now).await?;
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        // Ids were given explicitly: move the sequences past them.
        for table in ["subject", "product", "dossier"] {
            txn.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .await?;
        }
    }
    txn.commit().await?;
    Ok(Generated {
        communes: scale.communes,
        subjects: scale.subjects,
        products: scale.products,
        certificates: scale.products,
        evaluations: scale.evaluations,
    })
}

async fn insert_communes(txn: &DatabaseTransaction, communes: &[String]) -> Result<(), DbErr> {
    for chunk in communes.chunks(BATCH) {
        admin_unit::Entity::insert_many(chunk.iter().enumerate().map(|(i, code)| {
            let name = format!("Xã Mẫu {}{}", &code[1..], ["", " Thượng", " Hạ"][i % 3]);
            admin_unit::ActiveModel {
                code: Set(code.clone()),
                name_folded: Set(fold(&name)),
                name: Set(name),
                kind: Set("xã".into()),
                level: Set("commune".into()),
                valid_from: Set(Some(day(2025, 182))),
                valid_to: Set(None),
                parent_code: Set(Some(format!("P{:02}", i % 34))),
                former_district_code: Set(None),
                note: Set(Some("benchmark".into())),
                ..Default::default()
            }
        }))
        .exec_without_returning(txn)
        .await?;
    }

    Ok(())
}

async fn insert_subjects(
    txn: &DatabaseTransaction,
    first_subject: i32,
    subject_communes: &[String],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbErr> {
    for (start, chunk) in subject_communes.chunks(BATCH).enumerate() {
        subject::Entity::insert_many(chunk.iter().enumerate().map(|(i, commune)| {
            let n = start * BATCH + i;
            subject::ActiveModel {
                id: Set(first_subject + n as i32),
                name: Set(format!("{} Mẫu số {n}", KINDS[n % 4])),
                subject_type: Set(KINDS[n % 4].into()),
                commune_code: Set(commune.clone()),
                data_source: Set("benchmark".into()),
                created_at: Set(now),
                status: Set(SubjectStatus::Active),
                version: Set(1),
                ..Default::default()
            }
        }))
        .exec_without_returning(txn)
        .await?;
    }

    Ok(())
}

/// The products with one certificate each.
async fn insert_products(
    txn: &DatabaseTransaction,
    products: &[ProductRow],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbErr> {
    for chunk in products.chunks(BATCH) {
        product::Entity::insert_many(chunk.iter().map(
            |(id, subject, commune, name, group, stars, decided)| product::ActiveModel {
                id: Set(*id),
                name_folded: Set(fold(name)),
                name: Set(name.clone()),
                subject_id: Set(*subject),
                product_group_id: Set(*group),
                commune_code: Set(commune.clone()),
                stars: Set(Some(*stars)),
                certified_year: Set(Some(chrono::Datelike::year(decided) as i16)),
                data_source: Set("benchmark".into()),
                created_at: Set(now),
                version: Set(1),
                ..Default::default()
            },
        ))
        .exec_without_returning(txn)
        .await?;
        certificate::Entity::insert_many(chunk.iter().map(
            |(id, subject, _, _, _, stars, decided)| certificate::ActiveModel {
                number: Set(format!("BENCH-{id}")),
                product_id: Set(*id),
                subject_id: Set(*subject),
                stars: Set(*stars),
                score: Set(500 + i32::from(*stars) * 100),
                decision_number: Set(format!("{id}/QĐ-BENCH")),
                decision_date: Set(*decided),
                valid_from: Set(*decided),
                valid_until: Set(crate::domain::certificate::valid_until(*decided)),
                national: Set(*stars == 5),
                revoked_on: Set(None),
                created_at: Set(now),
                ..Default::default()
            },
        ))
        .exec_without_returning(txn)
        .await?;
    }

    Ok(())
}

/// Dossiers (most in evaluation), with their first submission unless drafts.
async fn insert_evaluations(
    txn: &DatabaseTransaction,
    evaluations: &[(i32, usize, DossierState, NaiveDate)],
    products: &[ProductRow],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbErr> {
    for chunk in evaluations.chunks(BATCH) {
        dossier::Entity::insert_many(chunk.iter().map(|(id, p, state, _)| {
            let (_, subject, commune, ..) = &products[*p];
            dossier::ActiveModel {
                id: Set(*id),
                product_id: Set(products[*p].0),
                subject_id: Set(*subject),
                commune_code: Set(commune.clone()),
                cycle: Set(["first", "re_recognition", "upgrade"][*id as usize % 3].into()),
                state: Set(*state),
                form_json: Set("{}".into()),
                submission_no: Set(i32::from(*state != DossierState::Draft)),
                version: Set(1),
                created_by: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                forward_batch_id: Set(None),
            }
        }))
        .exec_without_returning(txn)
        .await?;
        let submitted: Vec<_> = chunk
            .iter()
            .filter(|(_, _, state, _)| *state != DossierState::Draft)
            .collect();
        if !submitted.is_empty() {
            dossier_version::Entity::insert_many(submitted.into_iter().map(|(id, _, _, on)| {
                dossier_version::ActiveModel {
                    dossier_id: Set(*id),
                    number: Set(1),
                    snapshot: Set("{}".into()),
                    created_by: Set(1),
                    created_at: Set(on.and_hms_opt(3, 0, 0).unwrap_or_default().and_utc()),
                    ..Default::default()
                }
            }))
            .exec_without_returning(txn)
            .await?;
        }
    }
    Ok(())
}
