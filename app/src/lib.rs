//! The OCOP information system of Lạng Sơn: every page, component and server function.
//!
//! The data path is one-way: a page (`routes`) calls a server function (`functions`), which
//! builds the request context and calls one service (`services`, server only); the service
//! checks the actor may act (`auth::allowed`) and returns a model (`models`). Pure rules live in
//! `domain` and compile for both targets; renderers in `documents`, demo data in `seed`.
#![recursion_limit = "256"]

#[cfg(feature = "ssr")]
pub mod assets;
pub mod auth;
#[cfg(feature = "ssr")]
pub mod clock;
pub mod components;
pub mod csp;
pub mod domain;
pub mod functions;
pub mod models;
pub mod routes;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod documents;
#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod migrations;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod services;
#[cfg(feature = "ssr")]
pub mod slots;
#[cfg(feature = "ssr")]
pub mod state;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::hydration::{HydratedMarker, OtherPage};
use crate::components::layout::Layout;
use crate::components::session::provide_session;
use crate::i18n::{I18nContextProvider, t_string, use_i18n};
use crate::routes::accounts::{
    account_detail::AccountDetailPage,
    account_new::NewOfficialPage,
    forgot::ForgotPasswordPage,
    list::AccountsPage,
    login::LoginPage,
    profile::AccountPage,
    register::RegisterPage,
    register_for::RegisterForProducerPage,
    registrations::{ProvinceRegistrationsPage, RegistrationsPage},
    reset::ResetPasswordPage,
};
use crate::routes::audit::AuditPage;
use crate::routes::certificates::{
    check::CertificatePage,
    lists::{ProducerCertificatesPage, ProvinceCertificatesPage},
};
use crate::routes::dossiers::detail::DossierPage;
use crate::routes::dossiers::list::{
    CommuneDossiersPage, ProducerDossiersPage, ProvinceDossiersPage,
};
use crate::routes::dossiers::report::AssessmentReportPage;
use crate::routes::evaluation::{
    criteria::{CriteriaSetPage, CriteriaSetsPage},
    minutes::MinutesPage,
    round::RoundPage,
    rounds::ProvinceRoundsPage,
    sheet::ScoreSheetPage,
};
use crate::routes::imports::{batch::ImportBatchPage, list::ImportsPage};
use crate::routes::mail::MailPage;
use crate::routes::master_data::{editing::MasterDataPage, units::UnitsPage};
use crate::routes::notifications::NotificationsPage;
use crate::routes::producers::{
    ideas::{CommuneIdeasPage, ProducerIdeasPage},
    product_form::ProductFormPage,
    products::ProductsPage,
    public_subject::SubjectPage,
    subject_profile::SubjectProfilePage,
};
use crate::routes::public::home::HomePage;
use crate::routes::registry::{RegistryProductsPage, RegistrySubjectsPage};
use crate::routes::registry_subject::RegistrySubjectPage;
use crate::routes::reports::{
    dashboard::DashboardPage, detail::ReportPage, list::ReportsPage, settings::ReportSettingsPage,
};
use crate::routes::traceability::{
    label_checklist::LabelChecklistPage,
    labels::LabelPage,
    lots::{LotPage, ProductLotsPage},
};
use crate::routes::work_areas::{AdminHome, CommuneHome, CouncilHome, ProducerHome, ProvinceHome};

/// The stylesheet, under its content-hashed name when the build has one (`assets`).
fn stylesheet() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let href = assets::stylesheet_href();
    #[cfg(not(feature = "ssr"))]
    let href = "/pkg/ocop.css";
    view! { <link rel="stylesheet" id="leptos" href=href /> }
}

/// The HTML document the server renders around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    csp::note_page_nonce();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                {stylesheet()}
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <WholeApp />
            </body>
        </html>
    }
}

/// `App`, the pages still hydrated whole. An island's resources are matched with the data the
/// server sent by the order in which they are created, and only those created while the server
/// marks its render "hydrating" are numbered: Leptos marks just the island's own body, but
/// `App`'s pages render later, from its router. So the whole render is marked here.
#[component]
fn WholeApp() -> impl IntoView {
    if let Some(shared) = Owner::current_shared_context() {
        shared.set_is_hydrating(true);
    }
    view! {
        <App />
        <HydratedMarker />
    }
}

/// The pages that are not light yet, with their router: one island, hydrated whole.
#[island]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_session();
    view! {
        <I18nContextProvider ssr_lang_header_getter=ignore_browser_language()>
            <AppTitle />
            <Router>
                <Layout>
                    <Routes fallback=OtherPage>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::InOrder />
                        <Route path=path!("/units") view=UnitsPage ssr=SsrMode::InOrder />
                        <Route path=path!("/login") view=LoginPage ssr=SsrMode::InOrder />
                        <Route path=path!("/register") view=RegisterPage ssr=SsrMode::InOrder />
                        <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::InOrder />
                        <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::InOrder />
                        // Async: the page may answer with a redirect or a 403/404 status, which
                        // need headers not yet sent.
                        <Route path=path!("/subjects/:id") view=SubjectPage ssr=SsrMode::Async />
                        <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                        <Route path=path!("/producer") view=ProducerHome ssr=SsrMode::Async />
                        <Route path=path!("/producer/subject") view=SubjectProfilePage ssr=SsrMode::Async />
                        <Route path=path!("/producer/products") view=ProductsPage ssr=SsrMode::Async />
                        <Route path=path!("/producer/products/new") view=ProductFormPage ssr=SsrMode::Async />
                        <Route path=path!("/producer/products/:id") view=ProductFormPage ssr=SsrMode::Async />
                        <Route path=path!("/producer/products/:id/lots") view=ProductLotsPage ssr=SsrMode::Async />
                        <Route path=path!("/producer/lots/:id") view=LotPage ssr=SsrMode::Async />
                        <Route path=path!("/producer/dossiers") view=ProducerDossiersPage ssr=SsrMode::Async />
                        <Route path=path!("/producer/ideas") view=ProducerIdeasPage ssr=SsrMode::Async />
                        <Route path=path!("/commune/ideas") view=CommuneIdeasPage ssr=SsrMode::Async />
                        <Route path=path!("/dossiers/:id") view=DossierPage ssr=SsrMode::Async />
                        <Route path=path!("/dossiers/:id/report") view=AssessmentReportPage ssr=SsrMode::Async />
                        <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async />
                        <Route path=path!("/commune") view=CommuneHome ssr=SsrMode::Async />
                        <Route path=path!("/commune/dossiers") view=CommuneDossiersPage ssr=SsrMode::Async />
                        <Route path=path!("/commune/registrations") view=RegistrationsPage ssr=SsrMode::Async />
                        <Route path=path!("/commune/register-producer") view=RegisterForProducerPage ssr=SsrMode::Async />
                        <Route path=path!("/province") view=ProvinceHome ssr=SsrMode::Async />
                        <Route path=path!("/province/registrations") view=ProvinceRegistrationsPage ssr=SsrMode::Async />
                        <Route path=path!("/province/dossiers") view=ProvinceDossiersPage ssr=SsrMode::Async />
                        <Route path=path!("/council") view=CouncilHome ssr=SsrMode::Async />
                        <Route path=path!("/province/rounds") view=ProvinceRoundsPage ssr=SsrMode::Async />
                        <Route path=path!("/province/certificates") view=ProvinceCertificatesPage ssr=SsrMode::Async />
                        <Route path=path!("/producer/certificates") view=ProducerCertificatesPage ssr=SsrMode::Async />
                        <Route path=path!("/rounds/:id") view=RoundPage ssr=SsrMode::Async />
                        <Route path=path!("/rounds/:id/dossiers/:dossier") view=ScoreSheetPage ssr=SsrMode::Async />
                        <Route path=path!("/rounds/:id/minutes") view=MinutesPage ssr=SsrMode::Async />
                        <Route path=path!("/certificates/:number") view=CertificatePage ssr=SsrMode::Async />
                        <Route path=path!("/admin") view=AdminHome ssr=SsrMode::Async />
                        <Route path=path!("/admin/accounts") view=AccountsPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/accounts/new") view=NewOfficialPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/accounts/:id") view=AccountDetailPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/audit") view=AuditPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/mail") view=MailPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/criteria") view=CriteriaSetsPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/imports") view=ImportsPage ssr=SsrMode::Async />
                        <Route path=path!("/registry/products") view=RegistryProductsPage ssr=SsrMode::Async />
                        <Route path=path!("/registry/subjects") view=RegistrySubjectsPage ssr=SsrMode::Async />
                        <Route path=path!("/registry/subjects/:id") view=RegistrySubjectPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/imports/:id") view=ImportBatchPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/criteria/:id") view=CriteriaSetPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/label-checklist") view=LabelChecklistPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/master-data") view=MasterDataPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/report-settings") view=ReportSettingsPage ssr=SsrMode::Async />
                        <Route path=path!("/labels/:id") view=LabelPage ssr=SsrMode::Async />
                        <Route path=path!("/reports") view=ReportsPage ssr=SsrMode::Async />
                        <Route path=path!("/dashboard") view=DashboardPage ssr=SsrMode::Async />
                        <Route path=path!("/reports/:period/:scope") view=ReportPage ssr=SsrMode::Async />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}

/// Vietnamese is the default for every visitor: only an explicit choice (kept in a cookie)
/// switches to English, never the browser's Accept-Language header.
fn ignore_browser_language() -> leptos_use::UseLocalesOptions {
    leptos_use::UseLocalesOptions::default().ssr_lang_header_getter(|| None)
}

/// The page title, read once while the page renders. Not a closure: on the server the
/// framework reads the title after the page's first chunk, outside the request's reactive
/// arena (leptos_meta's `inject_meta_context` runs outside the `Sandboxed` stream), so a
/// closure reading the locale signal there could find another request's arena and panic
/// ("already disposed" / "no Arena is active"). The short name is the same in both languages.
#[component]
fn AppTitle() -> impl IntoView {
    let i18n = use_i18n();
    let text = t_string!(i18n, app_short).to_string();
    view! { <Title text /> }
}
