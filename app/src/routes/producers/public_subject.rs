//! `/subjects/{id}`: a subject's public facts; its member accounts for its members, its
//! commune's officers and the province. (Its products join when the product registry exists.)
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::error::ErrorMessage;
use crate::components::labels::{AccountStatus, RoleName, Stars};
use crate::functions::accounts::admin::IssueResetLink;
use crate::functions::producers::subject_profile::{get_subject, list_subject_members};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::AppError;
use crate::models::producers::subject_profile::{SubjectMember, SubjectView};
use crate::routes::accounts::reset_link::ResetLinkBox;

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
            {s.legal_representative.map(|v| view! { <dt>{t!(i18n, profile.legal_representative)}</dt><dd>{v}</dd> })}
            {s.phone.map(|v| view! { <dt>{t!(i18n, register.phone)}</dt><dd><a href=format!("tel:{v}")>{v.clone()}</a></dd> })}
            {s.email.map(|v| view! { <dt>{t!(i18n, register.email)}</dt><dd>{v}</dd> })}
            {s.website.map(|v| view! { <dt>{t!(i18n, profile.website)}</dt><dd><a href=v.clone() rel="nofollow noopener" target="_blank">{v.clone()}</a></dd> })}
            {s.founded_year.map(|v| view! { <dt>{t!(i18n, profile.founded_year)}</dt><dd>{v}</dd> })}
            {s.member_count.map(|v| view! { <dt>{t!(i18n, profile.member_count)}</dt><dd>{v}</dd> })}
            {s.local_workers.map(|v| view! { <dt>{t!(i18n, profile.local_workers)}</dt><dd>{v}</dd> })}
            {(s.status != "active").then(|| view! {
                <dt>{t!(i18n, admin.status)}</dt>
                <dd><AccountStatus status=s.status.clone() /></dd>
            })}
        </dl>
        {s.introduction.map(|text| view! { <p class="introduction" data-testid="subject-introduction">{text}</p> })}
        {(!s.products.is_empty()).then(|| view! {
            <section>
                <h2>{t!(i18n, subjects.products)}</h2>
                // The product pages are light pages outside the router: full page loads.
                <ul class="photo-grid subject-products" data-testid="subject-products">
                    {s.products.into_iter().map(|p| view! {
                        <li class="photo">
                            <a href=format!("/products/{}", p.id) rel="external">
                                {p.cover_file_id.map(|f| view! { <img src=format!("/files/{f}/thumb") alt="" loading="lazy" /> })}
                                <span>{p.name}</span>
                                {p.stars.map(|n| view! { " "<Stars stars=u8::try_from(n).unwrap_or_default() /> })}
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {s.may_edit.then(|| view! { <p><A href="/producer/subject" attr:data-testid="edit-profile">{t!(i18n, profile.title)}</A></p> })}
        {members}
    }
}

/// The subject's member accounts (its members, its commune's officers and the province see
/// them; officers may give each a password link).
#[component]
pub(crate) fn Members(
    subject_id: i32,
    /// The list, when the page loads it with its other data rather than here: a resource
    /// started only once another one has arrived may be numbered differently by the server and
    /// by the browser that hydrates the page, which breaks hydration.
    #[prop(optional)]
    members: Option<Resource<Result<Vec<SubjectMember>, AppError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let members =
        members.unwrap_or_else(|| Resource::new(move || subject_id, list_subject_members));
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
    // A commune officer gives their producers password links (the province does it from
    // `/admin/accounts`); the link is shown under the table.
    let issue = ServerAction::<IssueResetLink>::new();
    let any_link = rows.iter().any(|m| m.may_issue_link);
    view! {
        <table class="data-table" data-testid="subject-members">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, admin.col_name)}</th>
                    <th scope="col">{t!(i18n, admin.role)}</th>
                    <th scope="col">{t!(i18n, admin.status)}</th>
                    <th scope="col" class="wide-only">{t!(i18n, subjects.joined)}</th>
                    {any_link.then(|| view! { <th scope="col"></th> })}
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
                            {any_link.then(|| view! {
                                <td>
                                    {m.may_issue_link.then(|| view! {
                                        <ActionForm action=issue attr:class="inline-form">
                                            <input type="hidden" name="user_id" value=m.user_id.to_string() />
                                            <button type="submit" class="secondary" data-testid="member-reset-link">{t!(i18n, admin.member_link)}</button>
                                        </ActionForm>
                                    })}
                                </td>
                            })}
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
        {move || match issue.value().get() {
            Some(Ok(link)) => view! { <ResetLinkBox link /> }.into_any(),
            Some(Err(e)) => view! { <ErrorMessage error=e /> }.into_any(),
            None => ().into_any(),
        }}
    }
}
