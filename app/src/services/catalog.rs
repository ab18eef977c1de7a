//! The public catalogue: every product of an active subject with a certificate valid today,
//! searched by words that ignore diacritics and case ("mat ong huu lung" finds "Mật ong … Hữu
//! Lũng": each word must start a word of the product's folded name — found in the database's
//! full-text index — or of its commune's), filtered by group,
//! commune, stars and subject type, sorted and paged in the database from indexes. A page
//! costs a fixed number of queries whatever the catalogue's size.
use std::collections::HashMap;

use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, IdenStatic, Order,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Statement,
};

use crate::domain::text::fold;
use crate::entities::{admin_unit, product, product_group, subject};
use crate::models::catalog::{CatalogCard, CatalogPage, CatalogQuery, PAGE_SIZE};
use crate::services::ServiceError;

/// Above this many communes the filter lists only the chosen one.
const COMMUNE_CHOICES_MAX: u64 = 300;

/// The words of a search that are looked up; more are ignored.
pub const MAX_WORDS: usize = 8;

/// Rows of `table` whose folded name has a word starting with each of `words` (`every`) or
/// with one of them: one look-up in the database's full-text index of that name (letters and
/// digits only, as `fold` leaves them), which combines the words itself. In SQLite the index
/// is the FTS5 table `{table}_search` (for products, only those listed on or after its floor:
/// `trim_search_index`); in PostgreSQL a GIN index of the name's `simple` text-search vector.
fn name_has_words_starting(
    backend: sea_orm::DbBackend,
    table: &str,
    words: &[&str],
    every: bool,
) -> sea_orm::sea_query::SimpleExpr {
    let terms = |term: fn(&str) -> String, and: &str, or: &str| {
        words
            .iter()
            .map(|w| term(w))
            .collect::<Vec<_>>()
            .join(if every { and } else { or })
    };
    match backend {
        sea_orm::DbBackend::Sqlite => Expr::cust_with_values(
            format!(
                "\"{table}\".\"id\" IN (SELECT rowid FROM {table}_search \
                 WHERE {table}_search MATCH ?)"
            ),
            [terms(|w| format!("\"{w}\"*"), " ", " OR ")],
        ),
        _ => Expr::cust_with_values(
            format!(
                "to_tsvector('simple', \"{table}\".\"name_folded\") @@ to_tsquery('simple', $1)"
            ),
            [terms(|w| format!("{w}:*"), " & ", " | ")],
        ),
    }
}

/// The communes (code, folded name) whose folded name has a word starting with one of
/// `words`, in one look-up of the database's full-text index of unit names
/// (`m20261205_000031_commune_search`).
async fn communes_named(
    db: &impl ConnectionTrait,
    words: &[&str],
) -> Result<Vec<(String, String)>, ServiceError> {
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let named = name_has_words_starting(db.get_database_backend(), "admin_unit", words, false);
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
/// certificates. Also whether the products are found by the full-text index alone (some word
/// names no commune), which the page then reads through `SEARCH_LISTING_INDEX`.
async fn listed_matching(
    db: &impl ConnectionTrait,
    query: &CatalogQuery,
    groups: &[product_group::Model],
    today: chrono::NaiveDate,
) -> Result<(sea_orm::Select<product::Entity>, bool), ServiceError> {
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
                    .add(name_has_words_starting(backend, "product", &[word], true))
                    .add(product::Column::CommuneCode.is_in(in_communes)),
            );
        }
    }
    let found_by_names = !only_in_names.is_empty();
    if found_by_names {
        select = select.filter(name_has_words_starting(
            backend,
            "product",
            &only_in_names,
            true,
        ));
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
    for (column, order) in order_of(&query.sort) {
        select = select.order_by(column, order);
    }
    Ok((select, found_by_names))
}

/// The order a listing is sorted in: what `sort` names, then the id (a stable order to page).
fn order_of(sort: &str) -> Vec<(product::Column, Order)> {
    let mut order = match sort {
        "stars" => vec![
            (product::Column::Stars, Order::Desc),
            (product::Column::NameFolded, Order::Asc),
        ],
        "newest" => vec![
            (product::Column::CertifiedYear, Order::Desc),
            (product::Column::NameFolded, Order::Asc),
        ],
        _ => vec![(product::Column::NameFolded, Order::Asc)],
    };
    order.push((product::Column::Id, Order::Asc));
    order
}

/// `order` as SQL, on the products named `table`.
fn order_sql(table: &str, order: &[(product::Column, Order)]) -> String {
    order
        .iter()
        .map(|(column, order)| {
            let direction = if *order == Order::Desc { "DESC" } else { "ASC" };
            format!("{table}.\"{}\" {direction}", column.as_str())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a page's card shows, with the number of all matches when the page counted them.
#[derive(Debug, FromQueryResult)]
struct CardRow {
    total: Option<i64>,
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

/// The cards of a page in one statement: `page` picks the page's products (their ids, and
/// maybe the number of all matches `total`), then each card's details are joined to those
/// fifty alone, sorted again in `order`. Every statement is a round trip to the database's
/// worker thread (threads woken, rows handed over), so the page and its cards are one statement
/// (they were two, and once six); in the sqlite3 shell the one statement also took a little less
/// time than the two.
fn cards_statement(
    backend: sea_orm::DbBackend,
    page: Statement,
    order: &[(product::Column, Order)],
) -> Statement {
    Statement {
        sql: format!(
            "WITH page AS ({}) \
             SELECT page.total, p.id, p.name, p.stars, p.product_group_id, \
               s.name AS subject_name, u.name AS commune_name, \
               (SELECT ph.file_id FROM product_photo ph WHERE ph.product_id = p.id \
                 ORDER BY ph.is_cover DESC, ph.sort LIMIT 1) AS cover_file_id, \
               c.stars AS certificate_stars, c.valid_until AS certificate_valid_until \
             FROM page JOIN product p ON p.id = page.id \
             LEFT JOIN subject s ON s.id = p.subject_id \
             LEFT JOIN admin_unit u ON u.code = p.commune_code \
             LEFT JOIN certificate c ON c.id = (SELECT c2.id FROM certificate c2 \
               WHERE c2.product_id = p.id AND c2.superseded_by IS NULL \
               AND c2.revoked_on IS NULL ORDER BY c2.id DESC LIMIT 1) \
             ORDER BY {}",
            page.sql,
            order_sql("p", order)
        ),
        values: page.values,
        db_backend: backend,
    }
}

/// The index a word search reads its matches through in SQLite
/// (`m20261205_000031_commune_search`): it holds every column the search filters and sorts
/// by, so the products the full-text index finds are not read row by row. SQLite's planner,
/// without statistics, would look each one up in the table instead.
const SEARCH_LISTING_INDEX: &str = "ix_product_search_listing";

/// The statement choosing a page (`page`): its products' ids, and when `counted` the number of
/// all matches (`COUNT(*) OVER ()`); read through `SEARCH_LISTING_INDEX` when the full-text
/// index finds the products (`through_index`) on SQLite.
fn page_statement(
    backend: sea_orm::DbBackend,
    page: sea_orm::Select<product::Entity>,
    counted: bool,
    through_index: bool,
) -> Statement {
    let total = if counted {
        "COUNT(*) OVER ()"
    } else {
        "CAST(NULL AS BIGINT)"
    };
    let mut statement = page.column_as(Expr::cust(total), "total").build(backend);
    if through_index && backend == sea_orm::DbBackend::Sqlite {
        statement.sql = statement.sql.replacen(
            "FROM \"product\"",
            &format!("FROM \"product\" INDEXED BY \"{SEARCH_LISTING_INDEX}\""),
            1,
        );
    }
    statement
}

/// The cards on the asked page (or the last page, when asked past it), how many products
/// match, and the page given.
///
/// A search counts its matches in the statement that pages them (`COUNT(*) OVER ()`): the
/// full-text look-up and the check of each match's listing are then made once, not twice.
/// A plain listing is counted apart: an index counts it without reading the rows, where the
/// window would read and keep every listed product.
async fn page_of_cards(
    db: &impl ConnectionTrait,
    (select, through_index): (sea_orm::Select<product::Entity>, bool),
    order: &[(product::Column, Order)],
    asked: u64,
    searching: bool,
) -> Result<(Vec<CardRow>, u64, u64), ServiceError> {
    let backend = db.get_database_backend();
    let cards_on = |page: u64, counted: bool| {
        let ids = select
            .clone()
            .select_only()
            .column(product::Column::Id)
            .limit(PAGE_SIZE)
            .offset((page - 1) * PAGE_SIZE);
        cards_statement(
            backend,
            page_statement(backend, ids, counted, through_index),
            order,
        )
    };
    let asked = asked.max(1);
    if searching {
        let rows = CardRow::find_by_statement(cards_on(asked, true))
            .all(db)
            .await?;
        if let Some(total) = rows.first().and_then(|r| r.total) {
            return Ok((rows, u64::try_from(total).unwrap_or_default(), asked));
        }
    }
    // Nothing on the asked page of a search (none match, or the page is past the last), or a
    // plain listing: counted, then the page clamped to the last.
    let total = select.clone().count(db).await?;
    let page = asked.clamp(1, std::cmp::max(total.div_ceil(PAGE_SIZE), 1));
    if total == 0 || (searching && page == asked) {
        return Ok((Vec::new(), total, page));
    }
    let rows = CardRow::find_by_statement(cards_on(page, false))
        .all(db)
        .await?;
    Ok((rows, total, page))
}

/// Moves the floor of the catalogue's full-text index of product names to `today` (SQLite; see
/// `m20261206_000032_catalog_search_listed`): the database's triggers then drop the products
/// whose listing ended before it. Run at start-up and every few hours; a search is right
/// whenever it runs, the index only stays small. PostgreSQL's index has no floor.
///
/// # Errors
/// A database error.
pub async fn trim_search_index(
    db: &impl ConnectionTrait,
    today: chrono::NaiveDate,
) -> Result<(), ServiceError> {
    let backend = db.get_database_backend();
    if backend != sea_orm::DbBackend::Sqlite {
        return Ok(());
    }
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        "INSERT INTO product_search_floor (id, day) VALUES (1, ?) \
         ON CONFLICT (id) DO UPDATE SET day = excluded.day WHERE day <> excluded.day",
        [today.into()],
    ))
    .await?;
    Ok(())
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
    // Decided in the statement itself, so this is one query either way: the level compared
    // with is "commune" only for a short list, a test the database makes once (a condition on
    // each row made it read all 3,000 communes of a national data set for none).
    let choices = admin_unit::Entity::find()
        .filter(
            Condition::any()
                .add(Expr::cust(format!(
                    "\"admin_unit\".\"level\" = CASE WHEN (SELECT COUNT(*) FROM \
                     (SELECT 1 FROM admin_unit WHERE level = 'commune' \
                     LIMIT {}) AS few) <= {COMMUNE_CHOICES_MAX} THEN 'commune' ELSE '' END",
                    COMMUNE_CHOICES_MAX + 1
                )))
                .add(
                    Condition::all()
                        .add(admin_unit::Column::Level.eq("commune"))
                        .add(admin_unit::Column::Code.eq(query.commune.trim())),
                ),
        )
        .order_by_asc(admin_unit::Column::NameFolded)
        .all(db)
        .await?;

    let matching = listed_matching(db, query, &groups, today).await?;
    // Words left once folded (a query of punctuation alone searches nothing).
    let searching = !fold(&query.q).is_empty();
    let order = order_of(&query.sort);
    let (rows, total, page) = page_of_cards(db, matching, &order, query.page, searching).await?;
    let pages = std::cmp::max(total.div_ceil(PAGE_SIZE), 1);

    let group_names: HashMap<i32, String> =
        groups.iter().map(|g| (g.id, g.name_vi.clone())).collect();
    let cards = rows
        .into_iter()
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
