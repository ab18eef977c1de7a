//! The demo data set used by trainers: real Lạng Sơn OCOP products from the provincial press
//! (`seed/lang-son-products.csv`) plus clearly invented ones (`data_source = "invented"`, shown
//! as sample data on screen) to reach a realistic size across all 65 communes.
//!
//! Generation is deterministic: a demo made on the same day is always the same demo set (its
//! years follow the day: `calendar`).
use crate::domain::audit_action::AuditAction;
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction,
    DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use serde::Deserialize;

use crate::auth::{Role, hashing};
use crate::domain::gtin::to_gtin14;
use crate::domain::status::{AccountStatus, SubjectStatus};
use crate::domain::text::fold;
use crate::entities::{admin_unit, product, product_group, subject, user_account};
use crate::seed::calendar::DemoCalendar;
pub use crate::seed::demo_guard::{check_demo_database, mark_demo_database};
use crate::services::master_data::loading::{self, non_empty, parse};
use crate::services::master_data::units::CURRENT_GROUP_SCHEME;

const PRODUCTS_CSV: &str = include_str!("../../seed/lang-son-products.csv");

/// How many products the demo set holds in all (real ones included).
pub const DEMO_PRODUCT_COUNT: usize = 250;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSummary {
    pub subjects: u64,
    pub products: u64,
}

#[derive(Deserialize)]
struct PressProduct {
    product: String,
    subject: String,
    subject_type: String,
    former_district: String,
    commune: String,
    group_code: String,
    stars: Option<i16>,
    year: Option<i16>,
    note: String,
}

/// Fills an empty database with the demo set; does nothing (returns `None`) if any product exists.
///
/// # Errors
/// A database error, or `DbErr::Custom` if the shipped CSV does not match the master data, or
/// if the database has accounts of its own (`check_demo_database`).
pub async fn seed_demo(db: &DatabaseConnection) -> Result<Option<DemoSummary>, DbErr> {
    loading::load(db).await?;
    let txn = db.begin().await?;
    check_demo_database(&txn).await.map_err(DbErr::Custom)?;
    if product::Entity::find().count(&txn).await? > 0 {
        return Ok(None);
    }
    mark_demo_database(&txn).await?;
    let places = Places::load(&txn).await?;
    let mut seeder = Seeder {
        txn: &txn,
        places: &places,
        subjects: HashMap::new(),
        products: 0,
        calendar: DemoCalendar::now(),
    };
    seeder.press_products().await?;
    seeder.invented_products().await?;
    seeder.accounts().await?;
    let summary = DemoSummary {
        subjects: seeder.subjects.len() as u64,
        products: seeder.products,
    };
    txn.commit().await?;
    Ok(Some(summary))
}

/// Master data the seeder looks names up in.
struct Places {
    /// Current communes in file order: (code, name, kind, former district code).
    communes: Vec<admin_unit::Model>,
    /// Folded district name (with and without its kind) → district code.
    districts: HashMap<String, String>,
    /// Product group code → id, current scheme.
    groups: HashMap<String, i32>,
}

impl Places {
    async fn load(txn: &DatabaseTransaction) -> Result<Self, DbErr> {
        let units = admin_unit::Entity::find()
            .order_by_asc(admin_unit::Column::Id)
            .all(txn)
            .await?;
        let mut districts = HashMap::new();
        for d in units.iter().filter(|u| u.level == "district") {
            districts.insert(fold(&d.name), d.code.clone());
            districts.insert(fold(&format!("{} {}", d.kind, d.name)), d.code.clone());
        }
        let communes = units.into_iter().filter(|u| u.level == "commune").collect();
        let groups = product_group::Entity::find()
            .filter(product_group::Column::Scheme.eq(CURRENT_GROUP_SCHEME))
            .all(txn)
            .await?
            .into_iter()
            .map(|g| (g.code, g.id))
            .collect();
        Ok(Places {
            communes,
            districts,
            groups,
        })
    }

    /// The commune a press record names, else the first commune of its former district, else
    /// the first ward of the former city (the provincial seat).
    fn commune_for(&self, commune: &str, former_district: &str) -> Option<&admin_unit::Model> {
        let by_name = self
            .communes
            .iter()
            .find(|c| !commune.is_empty() && fold(&c.name) == fold(commune));
        let district = self
            .districts
            .get(&fold(former_district))
            .map(String::as_str)
            .unwrap_or("178");
        by_name.or_else(|| {
            self.communes
                .iter()
                .find(|c| c.former_district_code.as_deref() == Some(district))
        })
    }

    fn group_id(&self, code: &str) -> Result<i32, DbErr> {
        self.groups
            .get(code)
            .copied()
            .ok_or_else(|| DbErr::Custom(format!("demo data names unknown product group {code}")))
    }
}

struct Seeder<'a> {
    txn: &'a DatabaseTransaction,
    places: &'a Places,
    /// Subject name → id, so a subject named twice is created once.
    subjects: HashMap<String, i32>,
    products: u64,
    /// The demo's years are moved to today's (`calendar`).
    calendar: DemoCalendar,
}

impl Seeder<'_> {
    async fn press_products(&mut self) -> Result<(), DbErr> {
        for record in parse::<PressProduct>(PRODUCTS_CSV)? {
            let commune = self
                .places
                .commune_for(&record.commune, &record.former_district)
                .ok_or_else(|| DbErr::Custom(format!("no commune for {}", record.product)))?
                .clone();
            let subject_id = match non_empty(record.subject) {
                Some(name) => {
                    let kind = subject_type(&record.subject_type);
                    self.subject(&name, kind, &commune, "press").await?
                }
                // The press did not name the producer: an illustrative one stands in.
                None => {
                    let name = format!("Cơ sở sản xuất {} (tên minh họa)", record.product);
                    self.subject(&name, "HO", &commune, "invented").await?
                }
            };
            let group_id = self.places.group_id(&record.group_code)?;
            let year = crate::seed::history::renewed_year(&record.product, record.year);
            self.product(NewProduct {
                name: record.product,
                subject_id,
                group_id,
                commune_code: commune.code,
                stars: record.stars,
                year,
                data_source: "press",
                note: non_empty(record.note),
            })
            .await?;
        }
        Ok(())
    }

    async fn invented_products(&mut self) -> Result<(), DbErr> {
        let mut random = Lcg(20_251_129);
        let communes = self.places.communes.clone();
        if communes.is_empty() {
            return Err(DbErr::Custom(
                "no communes in the master data: load it first".into(),
            ));
        }
        let mut index = 0usize;
        let mut named = std::collections::HashSet::new();
        while (self.products as usize) < DEMO_PRODUCT_COUNT {
            // Round-robin over communes so every commune has products to show.
            let commune = &communes[index % communes.len()];
            let mut pick = random.below(PRODUCT_BASES.len());
            let subject_id = self.invented_subject(commune, &mut random).await?;
            // A producer's products have names of their own (a list tells them apart by name).
            while !named.insert((subject_id, PRODUCT_BASES[pick].0, commune.code.clone())) {
                pick = (pick + 1) % PRODUCT_BASES.len();
            }
            let (base, group_code) = PRODUCT_BASES[pick];
            let roll = random.below(10);
            let stars = match roll {
                0 => None, // dossier still in progress
                1 | 2 => Some(4),
                _ => Some(3),
            };
            let group_id = self.places.group_id(group_code)?;
            self.product(NewProduct {
                name: format!("{base} {}", commune.name),
                subject_id,
                group_id,
                commune_code: commune.code.clone(),
                stars,
                year: stars.map(|_| 2019 + random.below(7) as i16),
                data_source: "invented",
                note: None,
            })
            .await?;
            index += 1;
        }
        Ok(())
    }

    /// One of two invented subjects per commune, chosen at random.
    async fn invented_subject(
        &mut self,
        commune: &admin_unit::Model,
        random: &mut Lcg,
    ) -> Result<i32, DbErr> {
        let slot = random.below(2);
        let family = FAMILY_NAMES[(commune.id as usize + slot) % FAMILY_NAMES.len()];
        let given = GIVEN_NAMES[(commune.id as usize * 3 + slot) % GIVEN_NAMES.len()];
        let (kind, name) = match (commune.id as usize + slot) % 4 {
            0 => (
                "HTX",
                format!("HTX Nông nghiệp {} (minh họa)", commune.name),
            ),
            1 => ("HO", format!("Hộ kinh doanh {family} {given} (minh họa)")),
            2 => (
                "DN",
                format!("Công ty TNHH Nông sản {} (minh họa)", commune.name),
            ),
            _ => (
                "THT",
                format!("Tổ hợp tác {} {} (minh họa)", family, commune.name),
            ),
        };
        self.subject(&name, kind, commune, "invented").await
    }

    async fn subject(
        &mut self,
        name: &str,
        kind: &str,
        commune: &admin_unit::Model,
        data_source: &str,
    ) -> Result<i32, DbErr> {
        if let Some(id) = self.subjects.get(name) {
            return Ok(*id);
        }
        let address = format!("{} {}, tỉnh Lạng Sơn", commune.kind, commune.name);
        let row = subject::ActiveModel {
            name: Set(name.to_owned()),
            subject_type: Set(kind.to_owned()),
            commune_code: Set(commune.code.clone()),
            address: Set(Some(address)),
            tax_code: Set(None),
            data_source: Set(data_source.to_owned()),
            created_at: Set(crate::clock::now()),
            status: Set(SubjectStatus::Active),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        self.subjects.insert(name.to_owned(), row.id);
        Ok(row.id)
    }

    async fn product(&mut self, p: NewProduct) -> Result<(), DbErr> {
        let gtin = demo_gtin(p.subject_id, self.products);
        product::ActiveModel {
            name_folded: Set(fold(&p.name)),
            name: Set(p.name),
            subject_id: Set(p.subject_id),
            product_group_id: Set(p.group_id),
            commune_code: Set(p.commune_code),
            stars: Set(p.stars),
            certified_year: Set(p
                .year
                .and_then(|y| i16::try_from(self.calendar.shift(y.into())).ok())),
            gtin: Set(Some(gtin.clone())),
            gtin14: Set(Some(to_gtin14(&gtin))),
            data_source: Set(p.data_source.to_owned()),
            note: Set(p.note),
            created_at: Set(crate::clock::now()),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        self.products += 1;
        Ok(())
    }
}

/// A GTIN-13 for a demo product: Vietnam's prefix 893, a made-up company number per subject
/// (5000 + its id), the product's sequence and the GS1 check digit — valid, never real.
fn demo_gtin(subject_id: i32, sequence: u64) -> String {
    let body = format!(
        "893{:04}{:05}",
        5000 + subject_id % 5000,
        sequence % 100_000
    );
    format!("{body}{}", crate::domain::gtin::check_digit(&body))
}

pub use crate::seed::accounts::{DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccount};

/// The producer whose registration waits for the Tràng Định commune officer in the demo.
pub const DEMO_PENDING_EMAIL: &str = "choduyet@demo.vn";

struct NewAccount<'a> {
    email: &'a str,
    name: &'a str,
    role: Role,
    commune_code: Option<String>,
    subject_id: Option<i32>,
    status: AccountStatus,
}

impl Seeder<'_> {
    /// An account for every role, and one producer registration in Tràng Định still waiting for
    /// its commune officer, so trainers can show the approval.
    async fn accounts(&mut self) -> Result<(), DbErr> {
        let hash = hashing::hash(DEMO_PASSWORD.to_owned())
            .await
            .map_err(|e| DbErr::Custom(format!("{e:?}")))?
            .into_stored();
        for demo in DEMO_ACCOUNTS {
            let subject = match demo.subject {
                Some(n) => Some(
                    subject::Entity::find()
                        .filter(subject::Column::Name.eq(n))
                        .one(self.txn)
                        .await?
                        .ok_or_else(|| DbErr::Custom(format!("demo subject {n} missing")))?,
                ),
                None => None,
            };
            let account = NewAccount {
                email: demo.email,
                name: demo.name,
                role: demo.role,
                commune_code: subject
                    .as_ref()
                    .map(|s| s.commune_code.clone())
                    .or(demo.commune.map(str::to_owned)),
                subject_id: subject.map(|s| s.id),
                status: AccountStatus::Active,
            };
            self.account(account, &hash).await?;
        }
        let trang_dinh = self
            .places
            .communes
            .iter()
            .find(|c| c.code == "06046")
            .ok_or_else(|| DbErr::Custom("commune 06046 missing".into()))?
            .clone();
        let waiting = self
            .subject(
                "HTX Miến dong Tràng Định (chờ duyệt, minh họa)",
                "HTX",
                &trang_dinh,
                "invented",
            )
            .await?;
        let mut pending: subject::ActiveModel = subject::Entity::find_by_id(waiting)
            .one(self.txn)
            .await?
            .ok_or(DbErr::RecordNotFound("subject".into()))?
            .into();
        pending.status = Set(SubjectStatus::Pending);
        pending.update(self.txn).await?;
        let account = NewAccount {
            email: DEMO_PENDING_EMAIL,
            name: "Lăng Thị Chờ",
            role: Role::Producer,
            commune_code: Some(trang_dinh.code.clone()),
            subject_id: Some(waiting),
            status: AccountStatus::Pending,
        };
        self.account(account, &hash).await
    }

    /// Inserts a demo account and audits it, so the audit log has a history to browse.
    async fn account(&self, new: NewAccount<'_>, hash: &str) -> Result<(), DbErr> {
        let (name, role) = (new.name, new.role);
        let summary = format!(
            "{}: {}, {} (seed-demo)",
            new.name,
            new.role.as_str(),
            new.status.as_str()
        );
        let account = user_account::ActiveModel {
            full_name: Set(new.name.to_owned()),
            email: Set(Some(new.email.to_owned())),
            phone: Set(None),
            password_hash: Set(hash.to_owned()),
            role: Set(new.role),
            commune_code: Set(new.commune_code),
            subject_id: Set(new.subject_id),
            status: Set(new.status),
            created_at: Set(crate::clock::now()),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        let action = if new.status == AccountStatus::Pending {
            AuditAction::AccountRegister
        } else {
            AuditAction::AccountCreate
        };
        crate::services::audit::append(
            self.txn,
            crate::services::audit::Entry::account(None, action, account.id, summary, None)
                .with("name", name)
                .with("role", role),
        )
        .await
    }
}

struct NewProduct {
    name: String,
    subject_id: i32,
    group_id: i32,
    commune_code: String,
    stars: Option<i16>,
    year: Option<i16>,
    data_source: &'static str,
    note: Option<String>,
}

fn subject_type(press: &str) -> &'static str {
    match press {
        "HTX" => "HTX",
        "DN" => "DN",
        "THT" => "THT",
        _ => "HO",
    }
}

/// A tiny linear congruential generator: deterministic demo data without a dependency.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Kinds of product Lạng Sơn is known for, with their Decision 148 group.
const PRODUCT_BASES: &[(&str, &str)] = &[
    ("Hồng không hạt", "I.1.a"),
    ("Na", "I.1.a"),
    ("Quýt vàng", "I.1.a"),
    ("Đào", "I.1.a"),
    ("Mận", "I.1.a"),
    ("Hạt dẻ", "I.1.a"),
    ("Rau bò khai", "I.1.a"),
    ("Gà đồi", "I.1.b"),
    ("Lợn đen", "I.1.b"),
    ("Gạo nếp cẩm", "I.2.a"),
    ("Hoa hồi khô", "I.2.a"),
    ("Quế thanh", "I.2.a"),
    ("Mật ong", "I.2.b"),
    ("Miến dong", "I.3.b"),
    ("Bánh khảo", "I.3.b"),
    ("Bánh cuốn", "I.3.b"),
    ("Phở chua", "I.3.a"),
    ("Thạch đen", "I.3.c"),
    ("Măng khô", "I.3.c"),
    ("Trà hoa vàng", "I.3.c"),
    ("Chè Shan tuyết", "I.3.c"),
    ("Ô mai mận", "I.3.c"),
    ("Khau nhục", "I.3.d"),
    ("Vịt quay", "I.3.d"),
    ("Lạp sườn", "I.3.d"),
    ("Rượu men lá", "II.1"),
    ("Rượu đào", "II.1"),
    ("Nước ép mận", "II.2"),
    ("Tinh dầu hồi", "III"),
    ("Cao xương khớp thảo dược", "III"),
    ("Túi thơm thảo dược", "III"),
    ("Thổ cẩm Tày Nùng", "IV"),
    ("Đan lát mây tre", "IV"),
    ("Đào cảnh", "V"),
    ("Homestay cộng đồng", "VI"),
];

const FAMILY_NAMES: &[&str] = &[
    "Hoàng", "Nông", "Lương", "Vi", "Lộc", "Triệu", "Hà", "Lăng", "Chu", "Nguyễn", "Lý",
];

const GIVEN_NAMES: &[&str] = &[
    "Văn Hùng",
    "Thị Lan",
    "Thị Mai",
    "Văn Tuấn",
    "Thị Hạnh",
    "Văn Thắng",
    "Thị Ngọc",
    "Văn Bình",
    "Thị Thu",
    "Văn Sơn",
    "Thị Hoa",
    "Văn Dũng",
    "Thị Huyền",
];
