//! The landing page of each work area (`/producer`, `/commune`, `/province`, `/council`,
//! `/admin`): where a user arrives after signing in, with an entry point for each thing their
//! role can do. The links only lead the way; each page and server function checks again.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::help::{HelpPanel, Tour};
use crate::components::labels::RoleName;
use crate::components::session::use_session;
use crate::functions::accounts::registration::list_pending_registrations;
use crate::functions::work_areas::next_steps;
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn ProducerHome() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let subject_link = move || {
        session
            .user
            .get()
            .and_then(Result::ok)
            .flatten()
            .and_then(|u| u.subject_id.zip(u.subject_name))
            .map(|(id, name)| {
                view! {
                    <EntryCard href=format!("/subjects/{id}") testid="entry-subject">
                        <h2>{t!(i18n, areas.my_subject)}</h2>
                        <p>{name}</p>
                    </EntryCard>
                }
            })
    };
    view! {
        <AreaGate area=Area::Producer>
            <Greeting />
            <HelpPanel screen="home.producer" tour=true />
            <Tour />
            <NextSteps />
            <ul class="entry-cards">
                {subject_link}
                <DashboardEntry />
                <DossiersEntry href="/producer/dossiers" hint=DossierHint::Producer />
                <EntryCard href="/producer/ideas".into() testid="entry-ideas">
                    <h2>{t!(i18n, ideas.title)}</h2>
                    <p>{t!(i18n, ideas.hint)}</p>
                </EntryCard>
                <EntryCard href="/producer/certificates".into() testid="entry-certificates">
                    <h2>{t!(i18n, certificates.mine)}</h2>
                    <p>{t!(i18n, certificates.mine_hint)}</p>
                </EntryCard>
                <InspectionsEntry />
                <TradeEntry />
                <EntryCard href="/producer/products".into() testid="entry-products">
                    <h2>{t!(i18n, products.title)}</h2>
                    <p>{t!(i18n, areas.products_hint)}</p>
                </EntryCard>
                <EntryCard href="/producer/subject".into() testid="entry-profile">
                    <h2>{t!(i18n, profile.title)}</h2>
                    <p>{t!(i18n, areas.profile_hint)}</p>
                </EntryCard>
                <AccountEntry />
            </ul>
        </AreaGate>
    }
}

#[component]
pub fn CommuneHome() -> impl IntoView {
    view! {
        <AreaGate area=Area::Commune>
            <Greeting />
            <HelpPanel screen="home.commune" tour=true />
            <Tour />
            <NextSteps />
            <ul class="entry-cards">
                <DossiersEntry href="/commune/dossiers" hint=DossierHint::Commune />
                <IdeasEntry />
                <RegistrationsEntry href="/commune/registrations" />
                <InspectionsEntry />
                <TradeEntry />
                <TrainingEntry />
                <RegistryEntry />
                <DashboardEntry />
                <ReportsEntry />
                <AccountEntry />
            </ul>
        </AreaGate>
    }
}

#[component]
pub fn ProvinceHome() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <AreaGate area=Area::Province>
            <Greeting />
            <HelpPanel screen="home.province" tour=true />
            <Tour />
            <NextSteps />
            <ul class="entry-cards">
                <DossiersEntry href="/province/dossiers" hint=DossierHint::Province />
                <EntryCard href="/province/rounds".into() testid="entry-rounds">
                    <h2>{t!(i18n, rounds.title)}</h2>
                    <p>{t!(i18n, rounds.hint)}</p>
                </EntryCard>
                <EntryCard href="/province/certificates".into() testid="entry-certificates">
                    <h2>{t!(i18n, certificates.title)}</h2>
                    <p>{t!(i18n, certificates.hint)}</p>
                </EntryCard>
                <RegistrationsEntry href="/province/registrations" />
                <InspectionsEntry />
                <TradeEntry />
                <TrainingEntry />
                <RegistryEntry />
                <DashboardEntry />
                <ReportsEntry />
                <AccountsEntry />
                <AuditEntry />
                <MailEntry />
                <ImportsEntry />
                <CriteriaEntry />
                <MasterDataEntry />
                <LabelChecklistEntry />
                <ReportSettingsEntry />
                <AccountEntry />
            </ul>
        </AreaGate>
    }
}

#[component]
pub fn CouncilHome() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <AreaGate area=Area::Council>
            <Greeting />
            <HelpPanel screen="home.council" tour=true />
            <Tour />
            <NextSteps />
            <h2>{t!(i18n, rounds.my_rounds)}</h2>
            <crate::routes::evaluation::rounds::RoundList />
            <ul class="entry-cards">
                <AccountEntry />
            </ul>
        </AreaGate>
    }
}

#[component]
pub fn AdminHome() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <AreaGate area=Area::Admin>
            <Greeting />
            <HelpPanel screen="home.admin" tour=true />
            <Tour />
            <NextSteps />
            <ul class="entry-cards">
                <AccountsEntry />
                <EntryCard href="/admin/accounts/new".into() testid="entry-new-official">
                    <h2>{t!(i18n, admin.new_official)}</h2>
                    <p>{t!(i18n, areas.new_official_hint)}</p>
                </EntryCard>
                <AuditEntry />
                <MailEntry />
                <EntryCard href="/admin/api-tokens".into() testid="entry-api-tokens">
                    <h2>{t!(i18n, api_tokens.title)}</h2>
                    <p>{t!(i18n, areas.api_tokens_hint)}</p>
                </EntryCard>
                <ImportsEntry />
                <CriteriaEntry />
                <MasterDataEntry />
                <LabelChecklistEntry />
                <ReportSettingsEntry />
                <AccountEntry />
            </ul>
        </AreaGate>
    }
}

/// "Hello, name — role" at the top of each work area.
#[component]
fn Greeting() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let user = move || session.user.get().and_then(Result::ok).flatten();
    view! {
        <h1 data-testid="area-greeting">
            {t!(i18n, areas.hello)}" "{move || user().map(|u| u.full_name)}
        </h1>
        <p class="muted" data-testid="area-role">
            {move || user().map(|u| view! { <RoleName role=u.role /> })}
        </p>
    }
}

/// What waits for this user, each with its count and a link to where it is done; says so when
/// nothing does.
#[component]
fn NextSteps() -> impl IntoView {
    let i18n = use_i18n();
    let steps = Resource::new(|| (), |_| next_steps());
    view! {
        <section class="next-steps" id="next-steps" data-testid="next-steps">
            <h2>{t!(i18n, areas.next_steps)}</h2>
            <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    let english = i18n.get_locale_untracked() == crate::i18n::Locale::en;
                    match steps.await {
                        Ok(items) if items.is_empty() => view! {
                            <p class="muted" data-testid="nothing-waiting">{t!(i18n, areas.nothing_waiting)}</p>
                        }.into_any(),
                        Ok(items) => view! {
                            <ul class="next-step-list">
                                {items.into_iter().map(|item| view! {
                                    <li data-testid="next-step">
                                        <A href=item.href.clone()>
                                            <span class="count-badge">{item.count}</span>
                                            " "{item.label.get(english).to_owned()}
                                        </A>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <crate::components::error::ErrorMessage error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Trade promotion: events to join, or to record with their results.
#[component]
fn TradeEntry() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EntryCard href="/trade-events".into() testid="entry-trade">
            <h2>{t!(i18n, trade.nav)}</h2>
            <p>{t!(i18n, trade.nav_hint)}</p>
        </EntryCard>
    }
}

/// The adoption figures, which lead on to the training sessions (officials).
#[component]
fn TrainingEntry() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EntryCard href="/adoption".into() testid="entry-adoption">
            <h2>{t!(i18n, adoption.nav)}</h2>
            <p>{t!(i18n, adoption.nav_hint)}</p>
        </EntryCard>
    }
}

/// Monitoring after certification: the producer's inspections, or the officials' with planning.
#[component]
fn InspectionsEntry() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EntryCard href="/inspections".into() testid="entry-inspections">
            <h2>{t!(i18n, inspections.nav)}</h2>
            <p>{t!(i18n, inspections.intro)}</p>
        </EntryCard>
    }
}

#[component]
fn EntryCard(href: String, testid: &'static str, children: Children) -> impl IntoView {
    view! {
        <li class="entry-card" id=testid>
            <A href=href attr:data-testid=testid>{children()}</A>
        </li>
    }
}

/// Registrations waiting, with their count.
#[component]
fn RegistrationsEntry(href: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let pending = Resource::new(|| (), |_| list_pending_registrations());
    view! {
        <EntryCard href=href.to_owned() testid="entry-registrations">
            <h2>{t!(i18n, nav.registrations)}</h2>
            <p>
                <Suspense fallback=|| "…">
                    {move || Suspend::new(async move {
                        let count = pending.await.map(|rows| rows.len()).unwrap_or(0);
                        view! { <span class="count" data-testid="pending-count">{count}</span> }
                    })}
                </Suspense>
                " "{t!(i18n, areas.waiting)}
            </p>
        </EntryCard>
    }
}

#[component]
fn AccountsEntry() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EntryCard href="/admin/accounts".into() testid="entry-accounts">
            <h2>{t!(i18n, admin.accounts_title)}</h2>
            <p>{t!(i18n, areas.accounts_hint)}</p>
        </EntryCard>
    }
}

#[component]
fn RegistryEntry() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EntryCard href="/registry/products".into() testid="entry-registry">
            <h2>{t!(i18n, registry.products_title)}</h2>
            <p>{t!(i18n, registry.hint)}</p>
        </EntryCard>
    }
}

#[component]
fn ImportsEntry() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EntryCard href="/admin/imports".into() testid="entry-imports">
            <h2>{t!(i18n, imports.title)}</h2>
            <p>{t!(i18n, imports.hint)}</p>
        </EntryCard>
    }
}

#[component]
fn CriteriaEntry() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EntryCard href="/admin/criteria".into() testid="entry-criteria">
            <h2>{t!(i18n, criteria.title)}</h2>
            <p>{t!(i18n, criteria.hint)}</p>
        </EntryCard>
    }
}

#[component]
fn MasterDataEntry() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EntryCard href="/admin/master-data".into() testid="entry-master-data">
            <h2>{t!(i18n, master.title)}</h2>
            <p>{t!(i18n, master.hint)}</p>
        </EntryCard>
    }
}

#[component]
fn LabelChecklistEntry() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EntryCard href="/admin/label-checklist".into() testid="entry-label-checklist">
            <h2>{t!(i18n, labels.checklist_title)}</h2>
            <p>{t!(i18n, labels.checklist_hint)}</p>
        </EntryCard>
    }
}

#[component]
fn ReportSettingsEntry() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EntryCard href="/admin/report-settings".into() testid="entry-report-settings">
            <h2>{t!(i18n, reports.settings_title)}</h2>
            <p>{t!(i18n, reports.settings_hint)}</p>
        </EntryCard>
    }
}

#[component]
fn AuditEntry() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EntryCard href="/admin/audit".into() testid="entry-audit">
            <h2>{t!(i18n, audit.title)}</h2>
            <p>{t!(i18n, areas.audit_hint)}</p>
        </EntryCard>
    }
}

#[component]
fn MailEntry() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EntryCard href="/admin/mail".into() testid="entry-mail">
            <h2>{t!(i18n, mail.title)}</h2>
            <p>{t!(i18n, areas.mail_hint)}</p>
        </EntryCard>
    }
}

#[component]
fn AccountEntry() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EntryCard href="/account".into() testid="entry-account">
            <h2>{t!(i18n, account.title)}</h2>
            <p>{t!(i18n, areas.account_hint)}</p>
        </EntryCard>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DossierHint {
    Producer,
    Commune,
    Province,
}

#[component]
fn DossiersEntry(href: &'static str, hint: DossierHint) -> impl IntoView {
    let i18n = use_i18n();
    let hint = move || match hint {
        DossierHint::Producer => t_string!(i18n, areas.dossiers_hint).to_string(),
        DossierHint::Commune => t_string!(i18n, areas.inbox_hint).to_string(),
        DossierHint::Province => t_string!(i18n, areas.forwarded_hint).to_string(),
    };
    view! {
        <EntryCard href=href.to_owned() testid="entry-dossiers">
            <h2>{t!(i18n, dossiers.title)}</h2>
            <p>{hint}</p>
        </EntryCard>
    }
}

#[component]
fn IdeasEntry() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EntryCard href="/commune/ideas".into() testid="entry-ideas">
            <h2>{t!(i18n, ideas.title)}</h2>
            <p>{t!(i18n, ideas.commune_hint)}</p>
        </EntryCard>
    }
}

#[component]
fn DashboardEntry() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EntryCard href="/dashboard".into() testid="entry-dashboard">
            <h2>{t!(i18n, dashboard.title)}</h2>
            <p>{t!(i18n, dashboard.hint)}</p>
        </EntryCard>
    }
}

#[component]
fn ReportsEntry() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EntryCard href="/reports".into() testid="entry-reports">
            <h2>{t!(i18n, reports.title)}</h2>
            <p>{t!(i18n, reports.hint)}</p>
        </EntryCard>
    }
}
