//! `App`: the pages not yet light, with their client-side router — one island, hydrated whole,
//! from the whole client (feature `whole-app`; the light client is built without this module).
//! Issue 22 moves the pages out one by one into `pages`, where each is rendered on the server
//! and only its small islands run in the browser.
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::hydration::{OtherPage, routed};
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
use crate::routes::adoption::AdoptionPage;
use crate::routes::api_tokens::ApiTokensPage;
use crate::routes::audit::AuditPage;
use crate::routes::certificates::lists::{ProducerCertificatesPage, ProvinceCertificatesPage};
use crate::routes::dossiers::list::ProducerDossiersPage;
use crate::routes::dossiers::report::AssessmentReportPage;
use crate::routes::evaluation::{
    criteria::{CriteriaSetPage, CriteriaSetsPage},
    minutes::MinutesPage,
    round::RoundPage,
    rounds::ProvinceRoundsPage,
};
use crate::routes::imports::{batch::ImportBatchPage, list::ImportsPage};
use crate::routes::inspections::plan::InspectionPlanPage;
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
use crate::routes::registry::{RegistryProductsPage, RegistrySubjectsPage};
use crate::routes::registry_subject::RegistrySubjectPage;
use crate::routes::reports::{list::ReportsPage, settings::ReportSettingsPage};
use crate::routes::traceability::{
    label_checklist::LabelChecklistPage,
    labels::LabelPage,
    lots::{LotPage, ProductLotsPage},
};
use crate::routes::trade::{detail::TradeEventPage, list::TradeEventsPage};
use crate::routes::training::{detail::TrainingPage, list::TrainingsPage};
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
                        <Route path=path!("/units") view=routed(UnitsPage) ssr=SsrMode::InOrder />
                        <Route path=path!("/register") view=routed(RegisterPage) ssr=SsrMode::InOrder />
                        <Route path=path!("/reset-password") view=routed(ResetPasswordPage) ssr=SsrMode::InOrder />
                        <Route path=path!("/forgot-password") view=routed(ForgotPasswordPage) ssr=SsrMode::InOrder />
                        // Async: the page may answer with a redirect or a 403/404 status, which
                        // need headers not yet sent.
                        <Route path=path!("/subjects/:id") view=routed(SubjectPage) ssr=SsrMode::Async />
                        <Route path=path!("/account") view=routed(AccountPage) ssr=SsrMode::Async />
                        <Route path=path!("/producer/subject") view=routed(SubjectProfilePage) ssr=SsrMode::Async />
                        <Route path=path!("/producer/products") view=routed(ProductsPage) ssr=SsrMode::Async />
                        <Route path=path!("/producer/products/new") view=routed(ProductFormPage) ssr=SsrMode::Async />
                        <Route path=path!("/producer/products/:id") view=routed(ProductFormPage) ssr=SsrMode::Async />
                        <Route path=path!("/producer/products/:id/lots") view=routed(ProductLotsPage) ssr=SsrMode::Async />
                        <Route path=path!("/producer/lots/:id") view=routed(LotPage) ssr=SsrMode::Async />
                        <Route path=path!("/producer/dossiers") view=routed(ProducerDossiersPage) ssr=SsrMode::Async />
                        <Route path=path!("/producer/ideas") view=routed(ProducerIdeasPage) ssr=SsrMode::Async />
                        <Route path=path!("/commune/ideas") view=routed(CommuneIdeasPage) ssr=SsrMode::Async />
                        <Route path=path!("/dossiers/:id/report") view=routed(AssessmentReportPage) ssr=SsrMode::Async />
                        <Route path=path!("/notifications") view=routed(NotificationsPage) ssr=SsrMode::Async />
                        <Route path=path!("/inspection-plans/new") view=routed(InspectionPlanPage) ssr=SsrMode::Async />
                        <Route path=path!("/trade-events") view=routed(TradeEventsPage) ssr=SsrMode::Async />
                        <Route path=path!("/trade-events/:id") view=routed(TradeEventPage) ssr=SsrMode::Async />
                        <Route path=path!("/trainings") view=routed(TrainingsPage) ssr=SsrMode::Async />
                        <Route path=path!("/adoption") view=routed(AdoptionPage) ssr=SsrMode::Async />
                        <Route path=path!("/trainings/:id") view=routed(TrainingPage) ssr=SsrMode::Async />
                        <Route path=path!("/commune/registrations") view=routed(RegistrationsPage) ssr=SsrMode::Async />
                        <Route path=path!("/commune/register-producer") view=routed(RegisterForProducerPage) ssr=SsrMode::Async />
                        <Route path=path!("/province/registrations") view=routed(ProvinceRegistrationsPage) ssr=SsrMode::Async />
                        <Route path=path!("/province/rounds") view=routed(ProvinceRoundsPage) ssr=SsrMode::Async />
                        <Route path=path!("/province/certificates") view=routed(ProvinceCertificatesPage) ssr=SsrMode::Async />
                        <Route path=path!("/producer/certificates") view=routed(ProducerCertificatesPage) ssr=SsrMode::Async />
                        <Route path=path!("/rounds/:id") view=routed(RoundPage) ssr=SsrMode::Async />
                        <Route path=path!("/rounds/:id/minutes") view=routed(MinutesPage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/accounts") view=routed(AccountsPage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/accounts/new") view=routed(NewOfficialPage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/accounts/:id") view=routed(AccountDetailPage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/audit") view=routed(AuditPage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/mail") view=routed(MailPage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/api-tokens") view=routed(ApiTokensPage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/criteria") view=routed(CriteriaSetsPage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/imports") view=routed(ImportsPage) ssr=SsrMode::Async />
                        <Route path=path!("/registry/products") view=routed(RegistryProductsPage) ssr=SsrMode::Async />
                        <Route path=path!("/registry/subjects") view=routed(RegistrySubjectsPage) ssr=SsrMode::Async />
                        <Route path=path!("/registry/subjects/:id") view=routed(RegistrySubjectPage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/imports/:id") view=routed(ImportBatchPage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/criteria/:id") view=routed(CriteriaSetPage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/label-checklist") view=routed(LabelChecklistPage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/master-data") view=routed(MasterDataPage) ssr=SsrMode::Async />
                        <Route path=path!("/admin/report-settings") view=routed(ReportSettingsPage) ssr=SsrMode::Async />
                        <Route path=path!("/labels/:id") view=routed(LabelPage) ssr=SsrMode::Async />
                        <Route path=path!("/reports") view=routed(ReportsPage) ssr=SsrMode::Async />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
