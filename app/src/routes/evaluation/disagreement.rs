//! The round-level view of the council's disagreement, below the results table: each member's
//! average distance from the panel's score (and in which direction), and the criteria on which
//! the sheets differed most across the round — with a CSV export for the deliberation.
use leptos::prelude::*;

use crate::components::labels::points;
use crate::domain::disagreement::RoundDisagreement;
use crate::i18n::{t, t_string, use_i18n};

/// Tenths with a sign, as "+2,5" or "−1,0".
fn signed(tenths: i64) -> String {
    let sign = if tenths > 0 { "+" } else if tenths < 0 { "−" } else { "" };
    format!("{sign}{}", points(u32::try_from(tenths.unsigned_abs()).unwrap_or(u32::MAX)))
}

#[component]
pub fn RoundDisagreementPanel(d: RoundDisagreement, round_id: i32) -> impl IntoView {
    let i18n = use_i18n();
    if d.members.is_empty() && d.criteria.is_empty() {
        return None;
    }
    let no_spread = d.criteria.is_empty();
    Some(view! {
        <section class="panel" data-testid="round-disagreement">
            <h2>{t!(i18n, rounds.round_disagreement)}</h2>
            <p class="muted">{t!(i18n, rounds.round_disagreement_hint)}" "
                <a href=format!("/rounds/{round_id}/disagreement.csv") download data-testid="disagreement-csv">{t!(i18n, rounds.round_disagreement_csv)}</a></p>
            <div class="table-wrap">
                <table class="data-table cards-on-phone" data-testid="member-deviations">
                    <thead><tr>
                        <th>{t!(i18n, rounds.member)}</th>
                        <th class="num">{t!(i18n, rounds.deviation_dossiers)}</th>
                        <th class="num">{t!(i18n, rounds.deviation_signed)}</th>
                        <th class="num">{t!(i18n, rounds.deviation_distance)}</th>
                    </tr></thead>
                    <tbody>
                        {d.members.into_iter().map(|m| view! {
                            <tr data-testid="member-deviation">
                                <td>{m.member}</td>
                                <td class="num" data-label=move || t_string!(i18n, rounds.deviation_dossiers).to_string()>{m.dossiers}</td>
                                <td class="num" data-label=move || t_string!(i18n, rounds.deviation_signed).to_string()>{signed(m.mean_signed)}</td>
                                <td class="num" data-label=move || t_string!(i18n, rounds.deviation_distance).to_string() data-distance=m.mean_distance>{points(m.mean_distance)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h3>{t!(i18n, rounds.widest_criteria)}</h3>
            {no_spread.then(|| view! { <p class="empty">{t!(i18n, rounds.no_spread)}</p> })}
            <ol class="criteria-spread" data-testid="round-criteria">
                {d.criteria.into_iter().take(10).map(|c| view! {
                    <li data-testid="round-criterion">
                        <span class="code">{c.code}</span>" "{c.text}": "
                        {t!(i18n, rounds.widest)}" "{points(c.widest)}" · "{c.dossiers}" "{t!(i18n, rounds.deviation_dossiers_short)}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    })
}
