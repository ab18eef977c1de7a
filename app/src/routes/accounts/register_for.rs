//! `/commune/register-producer`: a commune officer registers a producer who cannot do it
//! themself (no computer, no e-mail). The account is active at once; the producer sets a
//! password with a one-time link, mailed to them or printed here and handed over.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::FormError;
use crate::components::session::use_session;
use crate::functions::accounts::links::RegisterProducerFor;
use crate::i18n::{t, use_i18n};
use crate::routes::accounts::register::RegistrationFieldsets;
use crate::routes::accounts::reset_link::ResetLinkBox;

#[component]
pub fn RegisterForProducerPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Commune>
            <RegisterFor />
        </AreaGate>
    }
}

#[component]
fn RegisterFor() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let register = ServerAction::<RegisterProducerFor>::new();
    let error = Signal::derive(move || register.value().get().and_then(Result::err));
    let done = move || register.value().get().and_then(Result::ok);
    // Read outside any suspense: a resource started inside another one's suspense while the
    // page hydrates breaks hydration (the form's subject list is one).
    let commune = Signal::derive(move || {
        session
            .user
            .get()
            .and_then(Result::ok)
            .flatten()
            .and_then(|u| u.commune_code)
    });
    view! {
        <section class="narrow wide-form">
            <h1>{t!(i18n, register_for.title)}</h1>
            <crate::components::help::HelpPanel screen="registrations.register_for" />
            <Show
                when=move || done().is_some()
                fallback=move || view! {
                    <p class="lead">{t!(i18n, register_for.lead)}</p>
                    <ActionForm action=register attr:class="stack-form" attr:data-testid="register-for-form" attr:novalidate=true>
                        <FormError error />
                        <RegistrationFieldsets error with_password=false commune />
                        <button type="submit">{t!(i18n, register_for.submit)}</button>
                    </ActionForm>
                }
            >
                <div data-testid="registered-for">
                    <p class="notice" role="status">{t!(i18n, register_for.done)}</p>
                    {move || done().map(|link| view! { <ResetLinkBox link /> })}
                    <p class="no-print">
                        <A href="/commune/registrations">{t!(i18n, registrations.title)}</A>
                    </p>
                </div>
            </Show>
        </section>
    }
}
