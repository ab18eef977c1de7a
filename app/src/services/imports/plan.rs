//! Rows matched against what the database holds: each row's subject by tax code, else by name
//! in its commune; its product by name within the subject; its certificate by number, else by
//! decision within the product. What matches and differs is a change; what does not match is
//! new. Earlier rows of the same file count: a subject named on ten rows is created once, and
//! a row repeating an earlier one changes nothing. The plan is the preview and, run again in
//! the import's transaction, what the import does.
use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::domain::import::headers::Field;
use crate::domain::import::problem::Problem;
use crate::domain::text::fold;
use crate::models::imports::{CellProblem, Change, RowView, Totals, Verdict};

use super::rows::{CertificatePart, ProductPart, RowData, SubjectPart};

/// A record that exists (`Existing(id)`) or that an earlier row creates (`Planned(n)`, the
/// n-th of its kind created by the batch).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ref {
    Existing(i32),
    Planned(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct SubjectState {
    pub name: String,
    pub kind: String,
    pub address: Option<String>,
    pub commune_code: String,
    pub tax_code: Option<String>,
    pub phone: Option<String>,
    pub representative: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProductState {
    pub subject: Ref,
    pub name: String,
    pub group_id: i32,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CertState {
    pub product: Ref,
    pub stars: u8,
    pub decided: chrono::NaiveDate,
    pub decision_number: String,
    pub number: Option<String>,
    pub score: Option<u32>,
    /// Issued by a round in the system: an import never changes it.
    pub from_round: bool,
    /// Revoked: kept as it is.
    pub revoked: bool,
    /// The row that planned it (for a repeat in the same file).
    pub row: Option<u32>,
}

/// What a row does, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Act {
    NewSubject(usize),
    UpdateSubject(i32),
    NewProduct(usize),
    UpdateProduct(i32),
    NewCertificate(usize),
    UpdateCertificate(i32),
}

pub struct PlannedRow {
    pub data: RowData,
    pub acts: Vec<Act>,
    pub view: RowView,
    pub subject: Option<Ref>,
    pub product: Option<Ref>,
}

/// The whole plan: the rows, and the records' states after it (existing ones changed by it,
/// and the new ones in the order they are created).
#[derive(Default)]
pub struct Plan {
    pub rows: Vec<PlannedRow>,
    pub subjects: HashMap<Ref, SubjectState>,
    pub products: HashMap<Ref, ProductState>,
    pub certificates: HashMap<Ref, CertState>,
    pub new_subjects: usize,
    pub new_products: usize,
    pub new_certificates: usize,
    pub unit_names: HashMap<String, String>,
    /// Product group codes by id (changes show codes).
    pub group_codes: HashMap<i32, String>,
}

/// Indexes over the states for matching.
#[derive(Default)]
struct Index {
    subject_by_tax: HashMap<String, Ref>,
    subject_by_place: HashMap<(String, String), Ref>,
    subject_by_name: HashMap<String, Vec<Ref>>,
    product_by_name: HashMap<(Ref, String), Ref>,
    cert_by_number: HashMap<String, Ref>,
    cert_by_decision: HashMap<(Ref, String), Ref>,
}

/// A certificate is known within its product by the year of its decision (a product gets
/// one certificate in a year): a corrected date or decision number updates it.
fn decision_key(c: &CertState) -> String {
    c.decided.format("%Y").to_string()
}

impl Plan {
    /// Plans every row, in order.
    pub fn plan(&mut self, rows: Vec<RowData>) {
        // Indexed in a fixed order, the first of a key kept: of two subjects or products with
        // the same name the older one is matched, of a product's certificates of one year the
        // one in force, else the latest — the same in the preview and in the import.
        let mut index = Index::default();
        let mut subjects: Vec<(&Ref, &SubjectState)> = self.subjects.iter().collect();
        subjects.sort_by_key(|(r, _)| **r);
        for (r, s) in subjects {
            index_subject(&mut index, *r, s);
        }
        let mut products: Vec<(&Ref, &ProductState)> = self.products.iter().collect();
        products.sort_by_key(|(r, _)| **r);
        for (r, p) in products {
            index
                .product_by_name
                .entry((p.subject, fold(&p.name)))
                .or_insert(*r);
        }
        let mut certificates: Vec<(&Ref, &CertState)> = self.certificates.iter().collect();
        certificates.sort_by_key(|(r, c)| (c.revoked, std::cmp::Reverse(c.decided), **r));
        for (r, c) in certificates {
            if let Some(n) = &c.number {
                index.cert_by_number.entry(n.clone()).or_insert(*r);
            }
            index
                .cert_by_decision
                .entry((c.product, decision_key(c)))
                .or_insert(*r);
        }
        for data in rows {
            let planned = self.plan_row(&mut index, data);
            self.rows.push(planned);
        }
    }

    fn plan_row(&mut self, index: &mut Index, data: RowData) -> PlannedRow {
        let mut problems = data.problems.clone();
        let mut acts = Vec::new();
        let mut changes = Vec::new();
        let (mut subject_ref, mut product_ref, mut cert_part) = (None, None, None);
        if !data.skipped && problems.is_empty() {
            subject_ref = data
                .subject
                .as_ref()
                .and_then(|s| self.plan_subject(index, s, &mut acts, &mut changes, &mut problems));
            if let (Some(s), Some(p)) = (subject_ref, &data.product) {
                product_ref =
                    self.plan_product(index, s, p, &mut acts, &mut changes, &mut problems);
            }
            if let (Some(p), Some(c)) = (product_ref, &data.certificate) {
                self.plan_certificate(
                    index,
                    p,
                    c,
                    data.row,
                    &mut acts,
                    &mut changes,
                    &mut problems,
                );
                cert_part = Some(c.clone());
            }
        }
        let verdict = if data.skipped {
            Verdict::Skipped
        } else if !problems.is_empty() {
            Verdict::Error
        } else if acts.iter().any(|a| {
            matches!(
                a,
                Act::NewSubject(_) | Act::NewProduct(_) | Act::NewCertificate(_)
            )
        }) {
            Verdict::New
        } else if acts.is_empty() {
            Verdict::Same
        } else {
            Verdict::Update
        };
        if verdict == Verdict::Error {
            acts.clear();
        }
        let commune = subject_ref
            .and_then(|r| self.subjects.get(&r))
            .map(|s| {
                self.unit_names
                    .get(&s.commune_code)
                    .cloned()
                    .unwrap_or_else(|| s.commune_code.clone())
            })
            .unwrap_or_default();
        let view = RowView {
            sheet: data.sheet.clone(),
            row: data.row,
            verdict,
            product: data
                .product
                .as_ref()
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            subject: data
                .subject
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            commune,
            stars: cert_part.as_ref().map(|c| c.stars),
            decided: cert_part
                .map(|c| c.decided.format("%d/%m/%Y").to_string())
                .unwrap_or_default(),
            changes,
            problems,
            notes: data.notes.clone(),
        };
        PlannedRow {
            data,
            acts,
            view,
            subject: subject_ref,
            product: product_ref,
        }
    }

    fn plan_subject(
        &mut self,
        index: &mut Index,
        part: &SubjectPart,
        acts: &mut Vec<Act>,
        changes: &mut Vec<Change>,
        problems: &mut Vec<CellProblem>,
    ) -> Option<Ref> {
        let name = fold(&part.name);
        let found = part
            .tax_code
            .as_ref()
            .and_then(|t| index.subject_by_tax.get(t).copied())
            .or_else(|| {
                part.commune_code.as_ref().and_then(|c| {
                    index
                        .subject_by_place
                        .get(&(name.clone(), c.clone()))
                        .copied()
                })
            })
            .or_else(
                || match (part.commune_code.as_ref(), index.subject_by_name.get(&name)) {
                    (None, Some(only)) if only.len() == 1 => Some(only[0]),
                    _ => None,
                },
            );
        if let Some(found) = found {
            let state = self.subjects.get_mut(&found)?;
            let before = changes.len();
            let mut set = |field: Field, now: &mut Option<String>, new: &Option<String>| {
                if new.is_some() && now != new {
                    changes.push(Change {
                        field,
                        before: now.clone().unwrap_or_default(),
                        after: new.clone().unwrap_or_default(),
                    });
                    *now = new.clone();
                }
            };
            let mut kind = Some(state.kind.clone());
            set(Field::SubjectType, &mut kind, &part.kind.map(str::to_owned));
            let mut commune = Some(state.commune_code.clone());
            set(Field::Commune, &mut commune, &part.commune_code);
            set(Field::Address, &mut state.address, &part.address);
            set(Field::TaxCode, &mut state.tax_code, &part.tax_code);
            set(Field::Phone, &mut state.phone, &part.phone);
            set(
                Field::Representative,
                &mut state.representative,
                &part.representative,
            );
            state.kind = kind.unwrap_or_default();
            state.commune_code = commune.unwrap_or_default();
            if changes.len() > before {
                if let Ref::Existing(id) = found {
                    acts.push(Act::UpdateSubject(id));
                }
                let state = state.clone();
                index_subject(index, found, &state);
            }
            return Some(found);
        }
        let Some(commune_code) = part.commune_code.clone() else {
            problems.push(missing(Field::Commune));
            return None;
        };
        let Some(kind) = part.kind else {
            problems.push(missing(Field::SubjectType));
            return None;
        };
        let state = SubjectState {
            name: part.name.clone(),
            kind: kind.to_owned(),
            address: part.address.clone(),
            commune_code,
            tax_code: part.tax_code.clone(),
            phone: part.phone.clone(),
            representative: part.representative.clone(),
        };
        let r = Ref::Planned(self.new_subjects);
        self.new_subjects += 1;
        index_subject(index, r, &state);
        self.subjects.insert(r, state);
        acts.push(Act::NewSubject(match r {
            Ref::Planned(n) => n,
            Ref::Existing(_) => 0,
        }));
        Some(r)
    }

    fn plan_product(
        &mut self,
        index: &mut Index,
        subject: Ref,
        part: &ProductPart,
        acts: &mut Vec<Act>,
        changes: &mut Vec<Change>,
        problems: &mut Vec<CellProblem>,
    ) -> Option<Ref> {
        let key = (subject, fold(&part.name));
        if let Some(found) = index.product_by_name.get(&key).copied() {
            let state = self.products.get_mut(&found)?;
            if let Some(group) = part.group_id
                && group != state.group_id
            {
                let code = |id: i32| self.group_codes.get(&id).cloned().unwrap_or_default();
                changes.push(Change {
                    field: Field::Group,
                    before: code(state.group_id),
                    after: code(group),
                });
                state.group_id = group;
                if let Ref::Existing(id) = found {
                    acts.push(Act::UpdateProduct(id));
                }
            }
            return Some(found);
        }
        let Some(group_id) = part.group_id else {
            problems.push(missing(Field::Group));
            return None;
        };
        let r = Ref::Planned(self.new_products);
        self.new_products += 1;
        index.product_by_name.insert(key, r);
        self.products.insert(
            r,
            ProductState {
                subject,
                name: part.name.clone(),
                group_id,
                note: part.note.clone(),
            },
        );
        acts.push(Act::NewProduct(self.new_products - 1));
        Some(r)
    }

    #[allow(clippy::too_many_arguments)]
    fn plan_certificate(
        &mut self,
        index: &mut Index,
        product: Ref,
        part: &CertificatePart,
        row: u32,
        acts: &mut Vec<Act>,
        changes: &mut Vec<Change>,
        problems: &mut Vec<CellProblem>,
    ) {
        let wanted = CertState {
            product,
            stars: part.stars,
            decided: part.decided,
            decision_number: part.decision_number.clone(),
            number: part.number.clone(),
            score: part.score,
            from_round: false,
            revoked: false,
            row: Some(row),
        };
        let by_number = part
            .number
            .as_ref()
            .and_then(|n| index.cert_by_number.get(n).copied());
        if let Some(found) = by_number
            && self
                .certificates
                .get(&found)
                .is_some_and(|c| c.product != product)
        {
            problems.push(CellProblem {
                column: Field::CertificateNumber.header(false).to_owned(),
                problem: Problem::CertificateTaken(part.number.clone().unwrap_or_default()),
            });
            return;
        }
        let found = by_number.or_else(|| {
            index
                .cert_by_decision
                .get(&(product, decision_key(&wanted)))
                .copied()
        });
        let Some(found) = found else {
            let r = Ref::Planned(self.new_certificates);
            self.new_certificates += 1;
            if let Some(n) = &wanted.number {
                index.cert_by_number.insert(n.clone(), r);
            }
            index
                .cert_by_decision
                .insert((product, decision_key(&wanted)), r);
            self.certificates.insert(r, wanted);
            acts.push(Act::NewCertificate(self.new_certificates - 1));
            return;
        };
        let Some(state) = self.certificates.get_mut(&found) else {
            return;
        };
        if let (Ref::Planned(_), Some(earlier)) = (found, state.row)
            && (state.stars, state.decided) != (wanted.stars, wanted.decided)
        {
            problems.push(CellProblem {
                column: Field::Stars.header(false).to_owned(),
                problem: Problem::Duplicate(earlier),
            });
            return;
        }
        if state.from_round || state.revoked {
            return;
        }
        let before = changes.len();
        if state.stars != wanted.stars {
            changes.push(change(Field::Stars, state.stars, wanted.stars));
            state.stars = wanted.stars;
        }
        if state.decided != wanted.decided {
            changes.push(Change {
                field: Field::DecisionDate,
                before: state.decided.format("%d/%m/%Y").to_string(),
                after: wanted.decided.format("%d/%m/%Y").to_string(),
            });
            state.decided = wanted.decided;
        }
        if !wanted.decision_number.is_empty() && state.decision_number != wanted.decision_number {
            changes.push(change(
                Field::DecisionNumber,
                &state.decision_number,
                &wanted.decision_number,
            ));
            state.decision_number = wanted.decision_number.clone();
        }
        if wanted.score.is_some() && state.score != wanted.score {
            let shown = |s: Option<u32>| {
                s.map(|s| format!("{:.1}", f64::from(s) / 10.0))
                    .unwrap_or_default()
            };
            changes.push(Change {
                field: Field::Score,
                before: shown(state.score),
                after: shown(wanted.score),
            });
            state.score = wanted.score;
        }
        if changes.len() > before
            && let Ref::Existing(id) = found
        {
            acts.push(Act::UpdateCertificate(id));
        }
    }

    /// Counts of the verdicts and of what would be created.
    pub fn totals(&self) -> Totals {
        let mut t = Totals {
            rows: self.rows.len(),
            subjects_new: self.new_subjects,
            products_new: self.new_products,
            certificates_new: self.new_certificates,
            ..Totals::default()
        };
        for r in &self.rows {
            match r.view.verdict {
                Verdict::New => t.new += 1,
                Verdict::Update => t.update += 1,
                Verdict::Same => t.same += 1,
                Verdict::Error => t.error += 1,
                Verdict::Skipped => t.skipped += 1,
            }
        }
        t
    }

    /// A digest of every row's verdict, changes, problems and the records it matched: the import
    /// runs only if the plan made in its transaction has the digest the officer was shown.
    pub fn fingerprint(&self) -> String {
        let mut hasher = Sha256::new();
        for r in &self.rows {
            let line = serde_json::to_string(&(
                &r.view.sheet,
                r.view.row,
                r.view.verdict,
                &r.view.changes,
                &r.view.problems,
                format!("{:?} {:?}", r.subject, r.product),
            ))
            .unwrap_or_default();
            hasher.update(line.as_bytes());
            hasher.update(b"\n");
        }
        hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

fn index_subject(index: &mut Index, r: Ref, s: &SubjectState) {
    let name = fold(&s.name);
    if let Some(t) = &s.tax_code {
        index.subject_by_tax.entry(t.clone()).or_insert(r);
    }
    index
        .subject_by_place
        .entry((name.clone(), s.commune_code.clone()))
        .or_insert(r);
    let same_name = index.subject_by_name.entry(name).or_default();
    if !same_name.contains(&r) {
        same_name.push(r);
    }
}

fn missing(field: Field) -> CellProblem {
    CellProblem {
        column: field.header(false).to_owned(),
        problem: Problem::Missing,
    }
}

fn change(field: Field, before: impl ToString, after: impl ToString) -> Change {
    Change {
        field,
        before: before.to_string(),
        after: after.to_string(),
    }
}
