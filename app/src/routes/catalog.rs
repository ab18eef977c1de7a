//! `/catalog`: the public catalogue of OCOP products — a light page (`light.rs`): a plain GET
//! form for search and filters, the cards, and a pager, all working without a script.
use leptos::prelude::*;

use crate::components::labels::Stars;
use crate::i18n::{t, t_string, use_i18n};
use crate::models::catalog::CatalogPage;

/// The page's body (`light::document` puts the site frame around it).
#[component]
pub fn CatalogView(c: CatalogPage) -> impl IntoView {
    let i18n = use_i18n();
    let q = c.query.clone();
    let selected = |value: &str, current: &str| value == current;
    let kinds = [
        ("DN", t_string!(i18n, register.type_DN).to_string()),
        ("HTX", t_string!(i18n, register.type_HTX).to_string()),
        ("THT", t_string!(i18n, register.type_THT).to_string()),
        ("HO", t_string!(i18n, register.type_HO).to_string()),
    ];
    let sorts = [
        ("name", t_string!(i18n, catalog.sort_name).to_string()),
        ("stars", t_string!(i18n, catalog.sort_stars).to_string()),
        ("newest", t_string!(i18n, catalog.sort_newest).to_string()),
    ];
    let all = t_string!(i18n, catalog.all).to_string();
    let previous = (c.page > 1).then(|| c.query.on_page(c.page - 1));
    let next = (c.page < c.pages).then(|| c.query.on_page(c.page + 1));
    view! {
        <section class="catalog" data-testid="catalog">
            <h1>{t!(i18n, catalog.title)}</h1>
            <p class="muted">{t!(i18n, catalog.intro)}" "
                // What each round's decision recognised, as the province publishes it.
                <a href="/decisions" data-testid="decisions-link">{t!(i18n, catalog.decisions)}</a></p>
            <form method="get" action="/catalog" class="catalog-filters" role="search">
                <label class="span-all">{t!(i18n, catalog.search)}
                    <input type="search" name="q" value=q.q.clone() maxlength="100" data-testid="catalog-q"
                        placeholder=t_string!(i18n, catalog.search_placeholder).to_string() />
                </label>
                <label>{t!(i18n, catalog.group)}
                    <select name="group">
                        <option value="">{all.clone()}</option>
                        {c.groups.iter().map(|(code, name)| view! {
                            <option value=code.clone() selected=selected(code, &q.group)>{format!("{code} — {name}")}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, catalog.commune)}
                    <select name="commune">
                        <option value="">{all.clone()}</option>
                        {c.communes.iter().map(|(code, name)| view! {
                            <option value=code.clone() selected=selected(code, &q.commune)>{name.clone()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, catalog.stars)}
                    <select name="stars">
                        <option value="">{all.clone()}</option>
                        {["3", "4", "5"].into_iter().map(|n| view! {
                            <option value=n selected=selected(n, &q.stars)>{format!("{n} ★")}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, catalog.kind)}
                    <select name="kind">
                        <option value="">{all.clone()}</option>
                        {kinds.into_iter().map(|(code, name)| view! {
                            <option value=code selected=selected(code, &q.kind)>{name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, catalog.sort)}
                    <select name="sort">
                        {sorts.into_iter().map(|(code, name)| view! {
                            <option value=code selected=selected(code, &q.sort)>{name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="submit" data-testid="catalog-search">{t!(i18n, catalog.apply)}</button>
            </form>
            <p data-testid="catalog-total" data-total=c.total>{t!(i18n, catalog.found)}" "{c.total}</p>
            {if c.cards.is_empty() {
                view! { <p class="empty" data-testid="catalog-empty">{t!(i18n, catalog.empty)}</p> }.into_any()
            } else {
                view! {
                    <ul class="catalog-cards">
                        {c.cards.into_iter().map(|card| view! {
                            <li class="catalog-card" data-testid="catalog-card">
                                <a href=format!("/products/{}", card.id)>
                                    {card.cover_file_id.map(|f| view! { <img src=format!("/files/{f}/thumb") alt="" loading="lazy" width="320" height="213" /> })}
                                    <strong>{card.name}</strong>
                                </a>
                                <p><Stars stars=card.stars />" · "{card.group_name}</p>
                                <p class="muted">{card.commune_name}" · "{card.subject_name}</p>
                                <p class="muted small">{t!(i18n, catalog.valid_until)}" "{card.valid_until}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <nav class="pager" aria-label=t_string!(i18n, catalog.pages).to_string()>
                {previous.map(|p| view! { <a href=format!("/catalog?{p}") rel="prev">{t!(i18n, catalog.prev)}</a> })}
                <span>{format!("{} / {}", c.page, c.pages)}</span>
                {next.map(|p| view! { <a href=format!("/catalog?{p}") rel="next" data-testid="catalog-next">{t!(i18n, catalog.next)}</a> })}
            </nav>
        </section>
    }
}
