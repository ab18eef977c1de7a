//! `/admin/accounts/{id}`: one account's profile for administrators and provincial officers,
//! with lock/unlock (locking asks for a reason and a second click), a one-time password link,
//! a role change for officials, and the account's history from the audit log.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::auth::{Area, Role};
use crate::components::area_gate::AreaGate;
use crate::components::commune_options::{CommuneOptions, Communes, communes_resource};
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::labels::{AccountStatus, RoleName, role_label};
use crate::functions::accounts::admin::{
    ChangeAccountRole, IssueResetLink, SetAccountLocked, get_account_detail,
};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::accounts::admin::AccountDetail;
use crate::routes::accounts::list::BackToAccounts;
use crate::routes::accounts::reset_link::ResetLinkBox;
use crate::routes::audit::AuditTable;

#[component]
pub fn AccountDetailPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Admin>
            <AccountProfile />
        </AreaGate>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    lock: ServerAction<SetAccountLocked>,
    reset: ServerAction<IssueResetLink>,
    role: ServerAction<ChangeAccountRole>,
}

#[component]
fn AccountProfile() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let user_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let actions = Actions {
        lock: ServerAction::new(),
        reset: ServerAction::new(),
        role: ServerAction::new(),
    };
    let detail = Resource::new(
        move || {
            (
                user_id(),
                actions.lock.version().get(),
                actions.role.version().get(),
                actions.reset.version().get(),
            )
        },
        |(id, ..)| get_account_detail(id),
    );
    // Up front: the role form shows the communes only once the account has arrived.
    let communes = communes_resource();
    view! {
        <BackToAccounts />
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! { <Profile detail=d actions communes /> }.into_any(),
                    Err(e) => view! {
                        <h1>{t!(i18n, admin.account_title)}</h1>
                        <ErrorMessage error=e />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Profile(detail: AccountDetail, actions: Actions, communes: Communes) -> impl IntoView {
    let i18n = use_i18n();
    let a = detail.account;
    let contact = [a.email.clone(), a.phone.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let subject = detail
        .subject_id
        .zip(a.subject_name.clone())
        .map(|(id, name)| {
            view! {
                <dt>{t!(i18n, account.subject)}</dt>
                <dd><A href=format!("/subjects/{id}")>{name}</A></dd>
            }
        });
    let user_id = a.user_id;
    let locked = a.status == "locked";
    view! {
        <h1 data-testid="account-name">{a.full_name.clone()}</h1>
        <crate::components::help::HelpPanel screen="admin.account_detail" />
        <dl class="facts">
            <dt>{t!(i18n, admin.col_contact)}</dt>
            <dd>{contact}</dd>
            <dt>{t!(i18n, admin.role)}</dt>
            <dd data-testid="account-role"><RoleName role=a.role /></dd>
            <dt>{t!(i18n, register.commune)}</dt>
            <dd>{a.commune_name.unwrap_or_else(|| "—".into())}</dd>
            {subject}
            <dt>{t!(i18n, admin.status)}</dt>
            <dd>
                <AccountStatus status=a.status.clone() />
                {detail.status_reason.map(|r| view! { " — "{r} })}
            </dd>
            <dt>{t!(i18n, admin.created_at)}</dt>
            <dd>{detail.created_at}</dd>
            <dt>{t!(i18n, admin.col_last_login)}</dt>
            <dd>{if a.last_login.is_empty() { "—".to_owned() } else { a.last_login }}</dd>
        </dl>
        {detail.may_lock.then(|| view! { <LockControl user_id locked action=actions.lock /> })}
        {(detail.may_reset && a.status == "active").then(|| view! { <ResetControl user_id action=actions.reset /> })}
        {detail.may_change_role.then(|| view! {
            <RoleControl user_id roles=detail.assignable_roles current=a.role commune=detail.commune_code.clone() action=actions.role communes />
        })}
        <section>
            <h2>{t!(i18n, admin.history)}</h2>
            <AuditTable rows=detail.history />
        </section>
    }
}

/// Unlock is one click; locking asks for a reason and a confirming second click.
#[component]
fn LockControl(
    user_id: i32,
    locked: bool,
    action: ServerAction<SetAccountLocked>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let confirming = RwSignal::new(false);
    if locked {
        return view! {
            <FormError error />
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="user_id" value=user_id.to_string() />
                <input type="hidden" name="lock" value="false" />
                <input type="hidden" name="reason" value="" />
                <button type="submit" data-testid="unlock">{t!(i18n, admin.unlock)}</button>
            </ActionForm>
        }
        .into_any();
    }
    view! {
        <section class="danger-zone">
            <FormError error />
            <button type="button" class="secondary" data-testid="lock-start" hidden=move || confirming.get() on:click=move |_| confirming.set(true)>
                {t!(i18n, admin.lock)}
            </button>
            // A reactive `hidden` on an `ActionForm` rendered in the browser does not follow its
            // signal: it sits on a wrapper.
            <div hidden=move || !confirming.get()>
            <ActionForm action attr:class="stack-form narrow">
                <input type="hidden" name="user_id" value=user_id.to_string() />
                <input type="hidden" name="lock" value="true" />
                <label for="lock-reason">{t!(i18n, admin.lock_reason)}</label>
                <input id="lock-reason" name="reason" required maxlength="1000" />
                <FieldError error field="reason" />
                <p class="muted">{t!(i18n, admin.lock_warning)}</p>
                <div class="button-row">
                    <button type="submit" class="danger" data-testid="lock-confirm">{t!(i18n, admin.lock_confirm)}</button>
                    <button type="button" class="secondary" on:click=move |_| confirming.set(false)>{t!(i18n, admin.cancel)}</button>
                </div>
            </ActionForm>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn ResetControl(user_id: i32, action: ServerAction<IssueResetLink>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section>
            <h2>{t!(i18n, admin.reset_title)}</h2>
            <p class="muted">{t!(i18n, admin.reset_hint)}</p>
            {move || match action.value().get() {
                Some(Ok(link)) => view! { <ResetLinkBox link /> }.into_any(),
                Some(Err(e)) => view! { <ErrorMessage error=e /> }.into_any(),
                None => ().into_any(),
            }}
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="user_id" value=user_id.to_string() />
                <button type="submit" class="secondary" data-testid="issue-reset-link">{t!(i18n, admin.reset_button)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn RoleControl(
    user_id: i32,
    roles: Vec<Role>,
    current: Role,
    commune: Option<String>,
    action: ServerAction<ChangeAccountRole>,
    communes: Communes,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let chosen = RwSignal::new(current.as_str().to_owned());
    view! {
            <section>
                <h2>{t!(i18n, admin.change_role)}</h2>
                <FormError error />
                <ActionForm action attr:class="stack-form narrow">
                    <input type="hidden" name="user_id" value=user_id.to_string() />
                    <label for="new-role">{t!(i18n, admin.role)}</label>
                    <select id="new-role" name="role" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {roles
                            .into_iter()
                            .map(|r| view! { <option value=r.as_str() selected=r == current>{role_label(i18n, r)}</option> })
                            .collect_view()}
                    </select>
                    <FieldError error field="role" />
                    <div hidden=move || !crate::routes::accounts::account_new::has_commune(&chosen.get())>
                        <label for="new-commune">{t!(i18n, register.commune)}</label>
                        <select id="new-commune" name="commune_code">
    <CommuneOptions selected=commune communes />
                        </select>
                        <FieldError error field="commune_code" />
                    </div>
                    <button type="submit" class="secondary">{move || t_string!(i18n, admin.save_role).to_string()}</button>
                </ActionForm>
            </section>
        }
}
