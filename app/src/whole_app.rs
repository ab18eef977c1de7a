//! `App`: the pages not yet light, with their client-side router — one island, hydrated whole,
//! from the whole client (feature `whole-app`; the light client is built without this module).
//! Issue 22 moves the pages out one by one into `pages`, where each is rendered on the server
//! and only its small islands run in the browser.
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::hydration::OtherPage;
use crate::components::layout::Layout;
use crate::components::session::provide_session;
use crate::i18n::I18nContextProvider;
use crate::routes::accounts::{
    account_detail::AccountDetailPage,
    account_new::NewOfficialPage,
    forgot::ForgotPasswordPage,
    list::AccountsPage,
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
use crate::routes::dossiers::list::ProducerDossiersPage;
use crate::routes::dossiers::report::AssessmentReportPage;
use crate::routes::evaluation::{
    criteria::{CriteriaSetPage, CriteriaSetsPage},
    minutes::MinutesPage,
    round::RoundPage,
    rounds::ProvinceRoundsPage,
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
use crate::routes::reports::{list::ReportsPage, settings::ReportSettingsPage};
use crate::routes::traceability::{
    label_checklist::LabelChecklistPage,
    labels::LabelPage,
    lots::{LotPage, ProductLotsPage},
};
use crate::{AppTitle, ignore_browser_language};

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
                        <Route path=path!("/register") view=RegisterPage ssr=SsrMode::InOrder />
                        <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::InOrder />
                        <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::InOrder />
                        // Async: the page may answer with a redirect or a 403/404 status, which
                        // need headers not yet sent.
                        <Route path=path!("/subjects/:id") view=SubjectPage ssr=SsrMode::Async />
                        <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                        <Route path=path!("/producer/subject") view=SubjectProfilePage ssr=SsrMode::Async />
                        <Route path=path!("/producer/products") view=ProductsPage ssr=SsrMode::Async />
                        <Route path=path!("/producer/products/new") view=ProductFormPage ssr=SsrMode::Async />
                        <Route path=path!("/producer/products/:id") view=ProductFormPage ssr=SsrMode::Async />
                        <Route path=path!("/producer/products/:id/lots") view=ProductLotsPage ssr=SsrMode::Async />
                        <Route path=path!("/producer/lots/:id") view=LotPage ssr=SsrMode::Async />
                        <Route path=path!("/producer/dossiers") view=ProducerDossiersPage ssr=SsrMode::Async />
                        <Route path=path!("/producer/ideas") view=ProducerIdeasPage ssr=SsrMode::Async />
                        <Route path=path!("/commune/ideas") view=CommuneIdeasPage ssr=SsrMode::Async />
                        <Route path=path!("/dossiers/:id/report") view=AssessmentReportPage ssr=SsrMode::Async />
                        <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async />
                        <Route path=path!("/commune/registrations") view=RegistrationsPage ssr=SsrMode::Async />
                        <Route path=path!("/commune/register-producer") view=RegisterForProducerPage ssr=SsrMode::Async />
                        <Route path=path!("/province/registrations") view=ProvinceRegistrationsPage ssr=SsrMode::Async />
                        <Route path=path!("/province/rounds") view=ProvinceRoundsPage ssr=SsrMode::Async />
                        <Route path=path!("/province/certificates") view=ProvinceCertificatesPage ssr=SsrMode::Async />
                        <Route path=path!("/producer/certificates") view=ProducerCertificatesPage ssr=SsrMode::Async />
                        <Route path=path!("/rounds/:id") view=RoundPage ssr=SsrMode::Async />
                        <Route path=path!("/rounds/:id/minutes") view=MinutesPage ssr=SsrMode::Async />
                        <Route path=path!("/certificates/:number") view=CertificatePage ssr=SsrMode::Async />
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
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
