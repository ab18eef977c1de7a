//! `/decisions` and `/decisions/{round}`: the rounds the province decided and, per round, the
//! products it recognised with their stars — what the province publishes after each decision.
//! Light pages (`light::document`, no script), linked from the catalogue.
use leptos::prelude::*;

use crate::components::labels::{CertificateStatus, Stars};
use crate::i18n::{t, use_i18n};
use crate::models::catalog::{PublishedResults, PublishedRound};

#[component]
pub fn DecisionsView(rounds: Vec<PublishedRound>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section data-testid="decisions">
            <p><a href="/catalog">"← "{t!(i18n, catalog.title)}</a></p>
            <h1>{t!(i18n, catalog.decisions)}</h1>
            <p class="muted">{t!(i18n, catalog.decisions_intro)}</p>
            {if rounds.is_empty() {
                view! { <p class="empty">{t!(i18n, catalog.no_decisions)}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {rounds.into_iter().map(|r| view! {
                            <li class="card" data-testid="decided-round">
                                <h2 class="card-title"><a href=format!("/decisions/{}", r.id)>{r.name}</a></h2>
                                <p>{t!(i18n, catalog.decision)}" "{r.decision_number}" · "{r.decision_date}</p>
                                <p class="muted">{r.certified}" "{t!(i18n, catalog.products_recognised)}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn DecisionView(results: PublishedResults) -> impl IntoView {
    let i18n = use_i18n();
    let r = results.round;
    view! {
        <section data-testid="decision">
            <p><a href="/decisions">"← "{t!(i18n, catalog.decisions)}</a></p>
            <h1>{r.name}</h1>
            <p>{t!(i18n, catalog.decision)}" "<strong>{r.decision_number}</strong>" · "{r.decision_date}
                {r.decision_signer.map(|s| view! { " · "{s} })}</p>
            <div class="table-wrap">
                <table class="data-table cards-on-phone" data-testid="decision-products">
                    <thead><tr>
                        <th scope="col">{t!(i18n, catalog.decision_product)}</th>
                        <th scope="col">{t!(i18n, catalog.decision_producer)}</th>
                        <th scope="col">{t!(i18n, catalog.decision_stars)}</th>
                        <th scope="col">{t!(i18n, catalog.decision_certificate)}</th>
                    </tr></thead>
                    <tbody>
                        {results.rows.into_iter().map(|row| view! {
                            <tr data-testid="decision-product" data-stars=row.stars>
                                <td>{match row.product_id {
                                    Some(id) => view! { <a href=format!("/products/{id}")>{row.product_name}</a> }.into_any(),
                                    None => view! { {row.product_name} }.into_any(),
                                }}</td>
                                <td>{row.subject_name}<br /><span class="muted">{row.commune_name}</span></td>
                                <td><Stars stars=row.stars /></td>
                                <td>
                                    <a href=format!("/certificates/{}", row.certificate_number)>{row.certificate_number.clone()}</a>" "
                                    <CertificateStatus status=row.status />
                                    {row.later_decision.map(|d| view! { <br /><span class="muted">{t!(i18n, catalog.later_decision)}" "{d}</span> })}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
