//! The `<option>`s of a select listing the current communes ("Tràng Định (xã)"), loaded once.
use leptos::prelude::*;

use crate::functions::master_data::units::list_units;
use crate::i18n::{t, use_i18n};
use crate::models::AppError;
use crate::models::master_data::units::{UnitFilter, UnitRow};

/// The current communes, loaded once.
pub type Communes = Resource<Result<Vec<UnitRow>, AppError>>;

pub fn communes_resource() -> Communes {
    Resource::new(
        || (),
        |_| list_units(UnitFilter::CurrentCommunes, String::new()),
    )
}

/// "— Choose —" then every current commune, by name; `selected` is chosen (also when it is
/// known only after the list, e.g. the signed-in officer's commune).
#[component]
pub fn CommuneOptions(
    #[prop(into, default = Signal::stored(None))] selected: Signal<Option<String>>,
    /// The list, when the page loads it up front (`communes`): needed where these options
    /// appear only once other data has arrived, since a resource started then may be numbered
    /// differently by the server and by the browser hydrating the page.
    #[prop(optional)]
    communes: Option<Communes>,
) -> impl IntoView {
    let i18n = use_i18n();
    let communes = communes.unwrap_or_else(communes_resource);
    view! {
        <option value="">{t!(i18n, register.choose)}</option>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                communes
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .map(|c| {
                        let code = c.code.clone();
                        let chosen = move || selected.get().as_deref() == Some(code.as_str());
                        view! { <option value=c.code selected=chosen>{c.name}" ("{c.kind}")"</option> }
                    })
                    .collect_view()
            })}
        </Suspense>
    }
}
