//! `/reports`: the reporting periods, newest first, each with the viewer's report (a commune
//! officer's commune, or the province's consolidated report — and the Department's own
//! nine-month report, marked) and its standing.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::area_gate::SignedInGate;
use crate::components::error::ErrorMessage;
use crate::domain::dates::iso_date;
use crate::functions::reports::periodic::get_reports_home;
use crate::i18n::{Locale, t, use_i18n};
use crate::routes::reports::StandingBadge;

#[component]
pub fn ReportsPage() -> impl IntoView {
    view! {
        <SignedInGate>
            <Reports />
        </SignedInGate>
    }
}

#[component]
fn Reports() -> impl IntoView {
    let i18n = use_i18n();
    let home = Resource::new(|| (), |_| get_reports_home());
    view! {
        <h1>{t!(i18n, reports.title)}</h1>
        <crate::components::help::HelpPanel screen="reports.list" />
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || {
                let english = i18n.get_locale() == Locale::en;
                Suspend::new(async move {
                match home.await {
                    Ok(home) if home.periods.is_empty() => view! { <p class="empty">{t!(i18n, reports.empty)}</p> }.into_any(),
                    Ok(home) => {
                        let scope = home.scope_code.clone();
                        let rows = home.periods.into_iter().zip(home.mine).map(|(p, (_, standing))| {
                            let href = format!("/reports/{}/{}", p.id, scope);
                            let department = (p.audience == "department").then(|| view! {
                                " "<span class="badge">{t!(i18n, reports.audience_department)}</span>
                            });
                            view! {
                                <tr data-testid="period-row" data-kind=p.kind.clone() data-year=p.year>
                                    <td><A href=href>{p.name.get(english).to_owned()}</A>{department}</td>
                                    <td>{iso_date(&p.starts_on)}" – "{iso_date(&p.ends_on)}</td>
                                    <td>{iso_date(&p.due_on)}</td>
                                    <td><StandingBadge standing /></td>
                                </tr>
                            }
                        }).collect_view();
                        view! {
                            <p class="lead">
                                {if home.province { t!(i18n, reports.province_lead).into_any() } else { t!(i18n, reports.lead).into_any() }}
                            </p>
                            <p><strong data-testid="report-scope">{home.scope_name}</strong></p>
                            <div class="table-wrap">
                                <table class="data-table" data-testid="periods">
                                    <thead><tr>
                                        <th>{t!(i18n, reports.period)}</th>
                                        <th>{t!(i18n, reports.covers)}</th>
                                        <th>{t!(i18n, reports.due)}</th>
                                        <th>{t!(i18n, reports.status)}</th>
                                    </tr></thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </div>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })
            }}
        </Transition>
    }
}
