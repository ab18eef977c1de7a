//! `/admin/accounts/new`: an administrator or provincial officer creates an official's account.
//! No password is typed: the new account gets a one-time link, shown here to hand over.
use leptos::prelude::*;

use crate::auth::{Action, Actor, Area, Resource, Role, allowed};
use crate::components::area_gate::AreaGate;
use crate::components::commune_options::CommuneOptions;
use crate::components::error::FormError;
use crate::components::field_error::FieldError;
use crate::components::labels::role_label;
use crate::components::session::use_session;
use crate::functions::accounts::admin::CreateOfficialAccount;
use crate::i18n::{t, use_i18n};
use crate::routes::accounts::list::BackToAccounts;
use crate::routes::accounts::reset_link::ResetLinkBox;

#[component]
pub fn NewOfficialPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Admin>
            <NewOfficialForm />
        </AreaGate>
    }
}

#[component]
fn NewOfficialForm() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let create = ServerAction::<CreateOfficialAccount>::new();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let role = RwSignal::new(String::new());
    // The roles this officer may create (an administrator: all officials; a provincial
    // officer: all but administrators). The server checks again.
    let roles = move || {
        let user = session.user.get().and_then(Result::ok).flatten();
        let actor = user.map_or(Actor::Anonymous, |u| Actor::User {
            user_id: u.user_id,
            role: u.role,
            commune_code: u.commune_code,
            subject_id: u.subject_id,
        });
        Role::ALL
            .into_iter()
            .filter(|r| *r != Role::Producer)
            .filter(|r| {
                let target = Resource::Account {
                    user_id: 0,
                    role: *r,
                    commune_code: None,
                };
                allowed(&actor, Action::CreateAccount, target).is_ok()
            })
            .collect::<Vec<_>>()
    };
    view! {
            <BackToAccounts />
            <h1>{t!(i18n, admin.new_official)}</h1>
            <crate::components::help::HelpPanel screen="admin.account_new" />
            <p class="muted">{t!(i18n, admin.new_official_hint)}</p>
            {move || match create.value().get() {
                Some(Ok(link)) => Some(view! { <ResetLinkBox link /> }),
                _ => None,
            }}
            <FormError error />
            <ActionForm action=create attr:class="stack-form narrow" attr:data-testid="new-official-form">
                <label for="role">{t!(i18n, admin.role)}</label>
                <select id="role" name="role" required on:change=move |ev| role.set(event_target_value(&ev))>
                    <option value="">{t!(i18n, register.choose)}</option>
                    {move || {
                        roles()
                            .into_iter()
                            .map(|r| view! { <option value=r.as_str()>{role_label(i18n, r)}</option> })
                            .collect_view()
                    }}
                </select>
                <FieldError error field="role" />
                <label for="full_name">{t!(i18n, register.full_name)}</label>
                <input id="full_name" name="full_name" required maxlength="200" autocomplete="off" />
                <FieldError error field="full_name" />
                <label for="email">{t!(i18n, register.email)}</label>
                <input id="email" name="email" type="email" maxlength="254" autocomplete="off" />
                <FieldError error field="email" />
                <label for="phone">{t!(i18n, register.phone)}</label>
                <input id="phone" name="phone" type="tel" maxlength="20" autocomplete="off" />
                <FieldError error field="phone" />
                <div class="field-group" hidden=move || !has_commune(&role.get())>
                    <label for="commune_code">{t!(i18n, register.commune)}</label>
                    {move || (role.get() != Role::CommuneOfficer.as_str()).then(|| view! {
                        <p class="hint">{t!(i18n, admin.home_commune_hint)}</p>
                    })}
                    <select id="commune_code" name="commune_code">
    <CommuneOptions />
                    </select>
                    <FieldError error field="commune_code" />
                </div>
                <button type="submit" disabled=move || create.pending().get()>
                    {t!(i18n, admin.create)}
                </button>
            </ActionForm>
        }
}

/// Roles whose accounts name a commune: the officer's own, or where a council or advisory
/// member lives (their dossiers are flagged as conflicted).
pub(crate) fn has_commune(role: &str) -> bool {
    [
        Role::CommuneOfficer,
        Role::CouncilMember,
        Role::AdvisoryMember,
    ]
    .iter()
    .any(|r| r.as_str() == role)
}
