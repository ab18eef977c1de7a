//! The public catalogue: every product of an active subject with a certificate valid today,
//! searched by words that ignore diacritics and case ("mat ong huu lung" finds "Mật ong … Hữu
//! Lũng": each word must start a word of the product's folded name — found in the database's
//! full-text index — or of its commune's), filtered by group,
//! commune, stars and subject type, sorted and paged in the database from indexes. A page
//! costs a fixed number of queries whatever the catalogue's size.
use std::collections::HashMap;

use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::domain::text::fold;
use crate::entities::{admin_unit, certificate as cert, product, product_group, subject};
use crate::models::catalog::{CatalogCard, CatalogPage, CatalogQuery, PAGE_SIZE};
use crate::services::ServiceError;

/// Above this many communes the filter lists only the chosen one.
const COMMUNE_CHOICES_MAX: u64 = 300;

/// The words of a search that are looked up; more are ignored.
pub const MAX_WORDS: usize = 8;

/// Products whose folded name has, for every one of `words`, a word starting with it
/// (letters and digits only, as `fold` leaves them): one look-up in the database's
/// full-text index (`m20261129_000017_catalog_search`), which intersects the words itself.
fn name_has_words_starting(
    backend: sea_orm::DbBackend,
    words: &[&str],
) -> sea_orm::sea_query::SimpleExpr {
    match backend {
        sea_orm::DbBackend::Sqlite => Expr::cust_with_values(
            "\"product\".\"id\" IN (SELECT rowid FROM product_search WHERE product_search MATCH ?)",
            [words
                .iter()
                .map(|w| format!("\"{w}\"*"))
                .collect::<Vec<_>>()
                .join(" ")],
        ),
        _ => Expr::cust_with_values(
            "to_tsvector('simple', \"product\".\"name_folded\") @@ to_tsquery('simple', $1)",
            [words
                .iter()
                .map(|w| format!("{w}:*"))
                .collect::<Vec<_>>()
                .join(" & ")],
        ),
    }
}

/// The communes (code, folded name) whose folded name has a word starting with one of
/// `words`, in one query.
async fn communes_named(
    db: &impl ConnectionTrait,
    words: &[&str],
) -> Result<Vec<(String, String)>, ServiceError> {
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let mut named = Condition::any();
    for word in words {
        named = named
            .add(admin_unit::Column::NameFolded.starts_with(*word))
            .add(admin_unit::Column::NameFolded.contains(format!(" {word}")));
    }
    Ok(admin_unit::Entity::find()
        .select_only()
        .column(admin_unit::Column::Code)
        .column(admin_unit::Column::NameFolded)
        .filter(admin_unit::Column::Level.eq("commune"))
        .filter(named)
        .into_tuple()
        .all(db)
        .await?)
}

/// Whether a word of the folded `name` starts with `word`.
fn has_word_starting(name: &str, word: &str) -> bool {
    name.split(' ').any(|w| w.starts_with(word))
}

/// The listed products matching the query's words and filters, in its order: a current
/// certificate valid today and an active subject are one indexed column kept by the database
/// (`m20261130_000018_product_listing`), so counting and paging do not look up each product's
/// certificates.
async fn listed_matching(
    db: &impl ConnectionTrait,
    query: &CatalogQuery,
    groups: &[product_group::Model],
    today: chrono::NaiveDate,
) -> Result<sea_orm::Select<product::Entity>, ServiceError> {
    let mut select = product::Entity::find().filter(product::Column::ListedUntil.gte(today));
    let backend = db.get_database_backend();
    // At most eight words. A word matches the start of a word of the product's folded name
    // ("ong" finds "Mật ong", not "Hồng"), or of its commune's name. The words no commune
    // answers are looked up together in the full-text index.
    let folded = fold(&query.q);
    let words: Vec<&str> = folded.split_whitespace().take(MAX_WORDS).collect();
    let communes = communes_named(db, &words).await?;
    let mut only_in_names = Vec::new();
    for word in &words {
        let in_communes: Vec<&str> = communes
            .iter()
            .filter(|(_, name)| has_word_starting(name, word))
            .map(|(code, _)| code.as_str())
            .collect();
        if in_communes.is_empty() {
            only_in_names.push(*word);
        } else {
            select = select.filter(
                Condition::any()
                    .add(name_has_words_starting(backend, &[word]))
                    .add(product::Column::CommuneCode.is_in(in_communes)),
            );
        }
    }
    if !only_in_names.is_empty() {
        select = select.filter(name_has_words_starting(backend, &only_in_names));
    }
    let group = query.group.trim();
    if !group.is_empty() {
        let ids: Vec<i32> = groups
            .iter()
            .filter(|g| g.code == group || g.code.starts_with(&format!("{group}.")))
            .map(|g| g.id)
            .collect();
        select = select.filter(product::Column::ProductGroupId.is_in(ids));
    }
    if !query.commune.trim().is_empty() {
        select = select.filter(product::Column::CommuneCode.eq(query.commune.trim()));
    }
    if let Ok(stars) = query.stars.trim().parse::<i16>() {
        select = select.filter(product::Column::Stars.eq(stars));
    }
    if !query.kind.trim().is_empty() {
        let of_kind = Query::select()
            .column(subject::Column::Id)
            .from(subject::Entity)
            .and_where(subject::Column::SubjectType.eq(query.kind.trim()))
            .to_owned();
        select = select.filter(product::Column::SubjectId.in_subquery(of_kind));
    }
    select = match query.sort.as_str() {
        "stars" => select
            .order_by_desc(product::Column::Stars)
            .order_by_asc(product::Column::NameFolded),
        "newest" => select
            .order_by_desc(product::Column::CertifiedYear)
            .order_by_asc(product::Column::NameFolded),
        _ => select.order_by_asc(product::Column::NameFolded),
    }
    .order_by_asc(product::Column::Id);
    Ok(select)
}

/// One page of the catalogue for `query` on `today`.
///
/// # Errors
/// A database error.
pub async fn search(
    db: &impl ConnectionTrait,
    query: &CatalogQuery,
    today: chrono::NaiveDate,
) -> Result<CatalogPage, ServiceError> {
    let groups = product_group::Entity::find()
        .order_by_asc(product_group::Column::Code)
        .all(db)
        .await?;
    let communes = admin_unit::Entity::find().filter(admin_unit::Column::Level.eq("commune"));
    let commune_count = communes.clone().count(db).await?;
    // A select of thousands of communes (a national data set) would outweigh the page: then
    // the filter offers only the chosen commune, and the search words find communes by name.
    let choices = if commune_count <= COMMUNE_CHOICES_MAX {
        communes
            .order_by_asc(admin_unit::Column::NameFolded)
            .all(db)
            .await?
    } else {
        communes
            .filter(admin_unit::Column::Code.eq(query.commune.trim()))
            .all(db)
            .await?
    };

    let select = listed_matching(db, query, &groups, today).await?;
    let paginator = select.paginate(db, PAGE_SIZE);
    let total = paginator.num_items().await?;
    let pages = std::cmp::max(total.div_ceil(PAGE_SIZE), 1);
    let page = query.page.clamp(1, pages);
    let rows = paginator.fetch_page(page - 1).await?;

    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let subjects: HashMap<i32, String> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(rows.iter().map(|p| p.subject_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let covers = crate::services::producers::product_photos::covers(db, ids.clone()).await?;
    let certificates: HashMap<i32, cert::Model> = cert::Entity::find()
        .filter(cert::Column::ProductId.is_in(ids))
        .filter(cert::Column::SupersededBy.is_null())
        .filter(cert::Column::RevokedOn.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.product_id, c))
        .collect();
    let group_names: HashMap<i32, String> =
        groups.iter().map(|g| (g.id, g.name_vi.clone())).collect();
    let commune_names: HashMap<String, String> = admin_unit::Entity::find()
        .filter(admin_unit::Column::Code.is_in(rows.iter().map(|p| p.commune_code.clone())))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    let cards = rows
        .into_iter()
        .map(|p| {
            let c = certificates.get(&p.id);
            CatalogCard {
                id: p.id,
                stars: c
                    .map(|c| c.stars)
                    .or(p.stars)
                    .and_then(|s| u8::try_from(s).ok())
                    .unwrap_or_default(),
                valid_until: c
                    .map(|c| crate::domain::dates::date(c.valid_until))
                    .unwrap_or_default(),
                group_name: group_names
                    .get(&p.product_group_id)
                    .cloned()
                    .unwrap_or_default(),
                commune_name: commune_names
                    .get(&p.commune_code)
                    .cloned()
                    .unwrap_or_default(),
                subject_name: subjects.get(&p.subject_id).cloned().unwrap_or_default(),
                cover_file_id: covers.get(&p.id).copied(),
                name: p.name,
            }
        })
        .collect();
    Ok(CatalogPage {
        query: CatalogQuery {
            page,
            ..query.clone()
        },
        cards,
        total,
        page,
        pages,
        groups: groups.into_iter().map(|g| (g.code, g.name_vi)).collect(),
        communes: choices.into_iter().map(|c| (c.code, c.name)).collect(),
    })
}
