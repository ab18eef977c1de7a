//! Every page the server renders, and which client each one loads (issue 22).
//!
//! A **light page** (the routes below) is rendered on the server alone: only its islands
//! (`#[island]`), the parts a user acts on, run in the browser, from the light client
//! (`pkg/light`, built without `App`), so a phone downloads a fraction of the application.
//! Its links are plain page loads. Every other address falls through to `App` (`whole_app`),
//! the pages not yet moved here, hydrated whole from the whole client.
use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::hydration::HydratedMarker;
use crate::components::layout::Layout;
use crate::components::session::provide_session;
use crate::i18n::I18nContextProvider;
use crate::routes::accounts::login::LoginPage;
use crate::routes::certificates::check::CertificatePage;
use crate::routes::dossiers::detail::DossierPage;
use crate::routes::dossiers::list::{CommuneDossiersPage, ProvinceDossiersPage};
use crate::routes::evaluation::sheet::ScoreSheetPage;
use crate::routes::inspections::{detail::InspectionPage, list::InspectionsPage};
use crate::routes::public::home::HomePage;
use crate::routes::reports::{dashboard::DashboardPage, detail::ReportPage};
use crate::routes::work_areas::{AdminHome, CommuneHome, CouncilHome, ProducerHome, ProvinceHome};
use crate::{App, AppTitle, assets, csp, ignore_browser_language};

/// The HTML document the server renders around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    csp::note_page_nonce();
    let stylesheet = assets::stylesheet_href();
    let reload = options.clone();
    // Read by the frames below, which link their client.
    provide_context(options);
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" id="leptos" href=stylesheet />
                <AutoReload options=reload />
                <MetaTags />
            </head>
            <body>
                <Pages />
            </body>
        </html>
    }
}

/// The light pages, in the server's router; any other address is `App`'s.
#[component]
pub fn Pages() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=WholeApp>
                // Async: a page may answer with a redirect or a 403/404 status, which need
                // headers not yet sent.
                <ParentRoute path=path!("") view=LightFrame ssr=SsrMode::Async>
                    // The public pages a visitor or a scanned QR code opens: nothing to act on.
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/certificates/:number") view=CertificatePage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/producer") view=ProducerHome ssr=SsrMode::Async />
                    <Route path=path!("/commune") view=CommuneHome ssr=SsrMode::Async />
                    <Route path=path!("/province") view=ProvinceHome ssr=SsrMode::Async />
                    <Route path=path!("/council") view=CouncilHome ssr=SsrMode::Async />
                    <Route path=path!("/admin") view=AdminHome ssr=SsrMode::Async />
                    <Route path=path!("/commune/dossiers") view=CommuneDossiersPage ssr=SsrMode::Async />
                    <Route path=path!("/province/dossiers") view=ProvinceDossiersPage ssr=SsrMode::Async />
                    <Route path=path!("/dossiers/:id") view=DossierPage ssr=SsrMode::Async />
                    <Route path=path!("/rounds/:id/dossiers/:dossier") view=ScoreSheetPage ssr=SsrMode::Async />
                    <Route path=path!("/dashboard") view=DashboardPage ssr=SsrMode::Async />
                    // An inspector records the visit from a phone at the facility.
                    <Route path=path!("/inspections") view=InspectionsPage ssr=SsrMode::Async />
                    <Route path=path!("/inspections/:id") view=InspectionPage ssr=SsrMode::Async />
                    <Route path=path!("/reports/:period/:scope") view=ReportPage ssr=SsrMode::Async />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// A light page's frame: the page and its islands, then the light client's script.
#[component]
fn LightFrame() -> impl IntoView {
    let scripts = use_context::<LeptosOptions>().map(|whole| {
        let options = assets::light_client(&whole);
        view! { <HydrationScripts options islands=true /> }
    });
    provide_meta_context();
    provide_session();
    view! {
        <I18nContextProvider ssr_lang_header_getter=ignore_browser_language()>
            <AppTitle />
            <Layout light=true>
                <Outlet />
            </Layout>
        </I18nContextProvider>
        <HydratedMarker />
        <ClientLoadFailure />
        {scripts}
    }
}

/// Shown when the client's script or wasm could not be loaded (a dropped connection, say): the
/// server's page stays readable, and this says why its buttons do not answer and offers to try
/// again. Both languages: the page's own may not be known to a bare script. The client's loader
/// leaves a failed download as an unhandled promise rejection, which this script watches for
/// until the page is hydrated.
#[component]
fn ClientLoadFailure() -> impl IntoView {
    const WATCH: &str = "addEventListener('unhandledrejection',function(){\
        if(document.body.dataset.hydrated)return;\
        var n=document.getElementById('client-failed');if(n)n.hidden=false;});\
        document.getElementById('client-failed-retry').addEventListener('click',function(){location.reload();});";
    view! {
        <div id="client-failed" class="error-box client-failed" role="alert" data-testid="client-failed" hidden>
            <p>
                "Không tải được phần tương tác của trang: hãy kiểm tra kết nối mạng rồi tải lại. "
                <span lang="en">"Could not load the page's interactive part: check the connection and reload."</span>
            </p>
            <button type="button" id="client-failed-retry">"Tải lại / Reload"</button>
        </div>
        <script nonce=leptos::nonce::use_nonce()>{WATCH}</script>
    }
}

/// `App`, the pages still hydrated whole, from the whole client. An island's resources are
/// matched with the data the server sent by the order in which they are created, and only
/// those created while the server marks its render "hydrating" are numbered: Leptos marks just
/// the island's own body, but `App`'s pages render later, from its router. So the whole render
/// is marked here — after the client's script, which clears the mark as it renders.
#[component]
fn WholeApp() -> impl IntoView {
    let scripts = use_context::<LeptosOptions>()
        .map(|options| view! { <HydrationScripts options islands=true /> });
    if let Some(shared) = Owner::current_shared_context() {
        shared.set_is_hydrating(true);
    }
    view! {
        {scripts}
        <App />
        <HydratedMarker />
        <ClientLoadFailure />
    }
}
