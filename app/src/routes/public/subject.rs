//! `/subjects/{id}`: a subject's public facts; its member accounts for its members, its
//! commune's officers and the province. (Its products join when the product registry exists.)
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::error::ErrorMessage;
use crate::components::labels::{AccountStatus, RoleName};
use crate::functions::subjects::{get_subject, list_subject_members};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::AppError;
use crate::models::subjects::{SubjectMember, SubjectView};

#[component]
pub fn SubjectPage() -> impl IntoView {
    let params = use_params_map();
    let subject_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let subject = Resource::new(subject_id, get_subject);
    view! {
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match subject.await {
                    Ok(s) => view! { <SubjectFacts subject=s /> }.into_any(),
                    Err(AppError::NotFound) => {
                        view! { <crate::routes::public::not_found::NotFound /> }.into_any()
                    }
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn SubjectFacts(subject: SubjectView) -> impl IntoView {
    let i18n = use_i18n();
    let s = subject;
    let kind = s.subject_type.clone();
    let kind = move || match kind.as_str() {
        "DN" => t_string!(i18n, register.type_DN).to_string(),
        "HTX" => t_string!(i18n, register.type_HTX).to_string(),
        "THT" => t_string!(i18n, register.type_THT).to_string(),
        "HO" => t_string!(i18n, register.type_HO).to_string(),
        other => other.to_owned(),
    };
    let members = s
        .may_view_members
        .then(|| view! { <Members subject_id=s.id /> });
    view! {
        <h1 data-testid="subject-name">{s.name}</h1>
        <dl class="facts">
            <dt>{t!(i18n, register.subject_type)}</dt>
            <dd>{kind}</dd>
            <dt>{t!(i18n, register.commune)}</dt>
            <dd>{s.commune_name}</dd>
            {s.address.map(|a| view! { <dt>{t!(i18n, register.address)}</dt><dd>{a}</dd> })}
            {s.tax_code.map(|c| view! { <dt>{t!(i18n, register.tax_code)}</dt><dd>{c}</dd> })}
            {(s.status != "active").then(|| view! {
                <dt>{t!(i18n, admin.status)}</dt>
                <dd><AccountStatus status=s.status.clone() /></dd>
            })}
        </dl>
        {members}
    }
}

#[component]
fn Members(subject_id: i32) -> impl IntoView {
    let i18n = use_i18n();
    let members = Resource::new(move || subject_id, list_subject_members);
    view! {
        <section>
            <h2>{t!(i18n, subjects.members)}</h2>
            <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match members.await {
                        Ok(rows) if rows.is_empty() => {
                            view! { <p class="empty">{t!(i18n, subjects.no_members)}</p> }.into_any()
                        }
                        Ok(rows) => view! { <MemberList rows /> }.into_any(),
                        Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn MemberList(rows: Vec<SubjectMember>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="data-table" data-testid="subject-members">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, admin.col_name)}</th>
                    <th scope="col">{t!(i18n, admin.role)}</th>
                    <th scope="col">{t!(i18n, admin.status)}</th>
                    <th scope="col" class="wide-only">{t!(i18n, subjects.joined)}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|m| view! {
                        <tr>
                            <td>{m.full_name}</td>
                            <td><RoleName role=m.role /></td>
                            <td><AccountStatus status=m.status /></td>
                            <td class="wide-only">{m.joined}</td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
