//! The public catalogue: every product of an active subject with a certificate valid today,
//! searched by words that ignore diacritics and case ("mat ong huu lung" finds "Mật ong … Hữu
//! Lũng": each word must start a word of the product's folded name — found in the database's
//! full-text index — or of its commune's), filtered by group,
//! commune, stars and subject type, sorted and paged in the database from indexes. A page
//! costs a fixed number of queries whatever the catalogue's size.
use std::collections::HashMap;

use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Statement,
};

use crate::domain::text::fold;
use crate::entities::{admin_unit, product, product_group, subject};
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

/// What a page's card shows.
#[derive(Debug, FromQueryResult)]
struct CardDetails {
    id: i32,
    name: String,
    stars: Option<i16>,
    product_group_id: i32,
    subject_name: Option<String>,
    commune_name: Option<String>,
    /// The cover photo, or else the first photo.
    cover_file_id: Option<i32>,
    /// The product's certificate neither replaced nor revoked.
    certificate_stars: Option<i16>,
    certificate_valid_until: Option<chrono::NaiveDate>,
}

/// The cards of the page's products in one statement (each query is a round trip to the
/// database's worker thread; this was five of them).
fn details_statement(backend: sea_orm::DbBackend, ids: &[i32]) -> Statement {
    // Ids are numbers: written into the statement, one placeholder style fits both backends.
    let ids = ids.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
    let current = "FROM certificate c WHERE c.product_id = p.id AND c.superseded_by IS NULL \
                   AND c.revoked_on IS NULL ORDER BY c.id DESC LIMIT 1";
    Statement::from_string(
        backend,
        format!(
            "SELECT p.id, p.name, p.stars, p.product_group_id, \
               (SELECT s.name FROM subject s WHERE s.id = p.subject_id) AS subject_name, \
               (SELECT u.name FROM admin_unit u WHERE u.code = p.commune_code \
                 ORDER BY u.id DESC LIMIT 1) AS commune_name, \
               (SELECT ph.file_id FROM product_photo ph WHERE ph.product_id = p.id \
                 ORDER BY ph.is_cover DESC, ph.sort LIMIT 1) AS cover_file_id, \
               (SELECT c.stars {current}) AS certificate_stars, \
               (SELECT c.valid_until {current}) AS certificate_valid_until \
             FROM product p WHERE p.id IN ({})",
            if ids.is_empty() {
                "NULL".to_owned()
            } else {
                ids
            }
        ),
    )
}

/// The ids on the asked page (or the last page, when asked past it), how many products match,
/// and the page given.
///
/// A search counts its matches in the statement that pages them (`COUNT(*) OVER ()`): the
/// full-text look-up and the check of each match's listing are then made once, not twice.
/// A plain listing is counted apart: an index counts it without reading the rows, where the
/// window would read and keep every listed product.
async fn page_of_ids(
    db: &impl ConnectionTrait,
    select: sea_orm::Select<product::Entity>,
    asked: u64,
    searching: bool,
) -> Result<(Vec<i32>, u64, u64), ServiceError> {
    let ids_on = |page: u64| {
        select
            .clone()
            .select_only()
            .column(product::Column::Id)
            .limit(PAGE_SIZE)
            .offset((page - 1) * PAGE_SIZE)
    };
    let asked = asked.max(1);
    if searching {
        let rows: Vec<(i32, i64)> = ids_on(asked)
            .column_as(Expr::cust("COUNT(*) OVER ()"), "total")
            .into_tuple()
            .all(db)
            .await?;
        if let Some(&(_, total)) = rows.first() {
            let total = u64::try_from(total).unwrap_or_default();
            return Ok((rows.into_iter().map(|(id, _)| id).collect(), total, asked));
        }
    }
    // Nothing on the asked page of a search (none match, or the page is past the last), or a
    // plain listing: counted, then the page clamped to the last.
    let total = select.clone().count(db).await?;
    let page = asked.clamp(1, std::cmp::max(total.div_ceil(PAGE_SIZE), 1));
    if total == 0 || (searching && page == asked) {
        return Ok((Vec::new(), total, page));
    }
    let ids: Vec<i32> = ids_on(page).into_tuple().all(db).await?;
    Ok((ids, total, page))
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
    // A select of thousands of communes (a national data set) would outweigh the page: then
    // the filter offers only the chosen commune, and the search words find communes by name.
    // Decided in the statement itself, so this is one query either way.
    let choices = admin_unit::Entity::find()
        .filter(admin_unit::Column::Level.eq("commune"))
        .filter(
            Condition::any()
                .add(admin_unit::Column::Code.eq(query.commune.trim()))
                .add(Expr::cust(format!(
                    "(SELECT COUNT(*) FROM admin_unit WHERE level = 'commune') <= {COMMUNE_CHOICES_MAX}"
                ))),
        )
        .order_by_asc(admin_unit::Column::NameFolded)
        .all(db)
        .await?;

    let select = listed_matching(db, query, &groups, today).await?;
    // Words left once folded (a query of punctuation alone searches nothing).
    let searching = !fold(&query.q).is_empty();
    let (ids, total, page) = page_of_ids(db, select, query.page, searching).await?;
    let pages = std::cmp::max(total.div_ceil(PAGE_SIZE), 1);

    let mut details: HashMap<i32, CardDetails> =
        CardDetails::find_by_statement(details_statement(db.get_database_backend(), &ids))
            .all(db)
            .await?
            .into_iter()
            .map(|d| (d.id, d))
            .collect();
    let group_names: HashMap<i32, String> =
        groups.iter().map(|g| (g.id, g.name_vi.clone())).collect();
    let cards = ids
        .iter()
        .filter_map(|id| details.remove(id))
        .map(|d| CatalogCard {
            id: d.id,
            stars: d
                .certificate_stars
                .or(d.stars)
                .and_then(|s| u8::try_from(s).ok())
                .unwrap_or_default(),
            valid_until: d
                .certificate_valid_until
                .map(crate::domain::dates::date)
                .unwrap_or_default(),
            group_name: group_names
                .get(&d.product_group_id)
                .cloned()
                .unwrap_or_default(),
            commune_name: d.commune_name.unwrap_or_default(),
            subject_name: d.subject_name.unwrap_or_default(),
            cover_file_id: d.cover_file_id,
            name: d.name,
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
