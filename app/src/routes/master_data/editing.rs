//! `/admin/master-data`: the province and administrators edit the master data — communes and
//! wards (`?tab=units`, the default), product groups (`?tab=groups`, administrators) and the
//! dossier checklist (`?tab=checklist`). Every change is dated; earlier versions are listed
//! under their row. Ending or retiring asks for confirmation.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::ErrorMessage;
use crate::functions::master_data::editing::get_master_data;
use crate::i18n::{t, t_string, use_i18n};
use crate::models::master_data::editing::VersionView;
use crate::routes::master_data::checklist_forms::ChecklistTab;
use crate::routes::master_data::group_forms::GroupsTab;
use crate::routes::master_data::unit_forms::UnitsTab;

/// What the last change said, shown above the tabs (the rows reload after it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    Done,
    /// A unit ended with subjects still registered in it: (its code, how many).
    UnitEnded(String, u64),
}

/// Handed to every form: reload the rows and say what happened.
#[derive(Clone, Copy)]
pub struct PageState {
    pub reload: RwSignal<u32>,
    pub saved: RwSignal<Option<Saved>>,
}

impl PageState {
    /// Reloads and notes `what` once `action` succeeds.
    pub fn after<A>(
        self,
        action: ServerAction<A>,
        what: impl Fn(&A::Output) -> Saved + Send + Sync + 'static,
    ) where
        A: leptos::server_fn::ServerFn + Clone + Send + Sync + 'static,
        A::Output: Send + Sync + 'static,
        A::Error: Send + Sync + 'static,
    {
        Effect::new(move |_| {
            let saved = action.value().with(|v| match v {
                Some(Ok(output)) => Some(what(output)),
                _ => None,
            });
            if let Some(saved) = saved {
                self.saved.set(Some(saved));
                self.reload.update(|n| *n += 1);
            }
        });
    }
}

#[component]
pub fn MasterDataPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Admin>
            <MasterData />
        </AreaGate>
    }
}

#[component]
fn MasterData() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let tab = move || {
        query
            .read()
            .get("tab")
            .unwrap_or_else(|| "units".to_owned())
    };
    let state = PageState {
        reload: RwSignal::new(0),
        saved: RwSignal::new(None),
    };
    let data = Resource::new(move || state.reload.get(), |_| get_master_data());
    let tab_link = move |key: &'static str| {
        let label = move || match key {
            "groups" => t_string!(i18n, master.tab_groups).to_string(),
            "checklist" => t_string!(i18n, master.tab_checklist).to_string(),
            _ => t_string!(i18n, master.tab_units).to_string(),
        };
        view! {
            <A href=format!("/admin/master-data?tab={key}")
                attr:class=move || if tab() == key { "tab active" } else { "tab" }
                attr:data-testid=format!("tab-{key}")>{label}</A>
        }
    };
    view! {
        <h1>{t!(i18n, master.title)}</h1>
        <crate::components::help::HelpPanel screen="admin.master_data" />
        <p class="muted">{t!(i18n, master.intro)}</p>
        <nav class="tabs">{["units", "groups", "checklist"].map(tab_link).collect_view()}</nav>
        {move || state.saved.get().map(|saved| view! { <SavedNotice saved /> })}
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => match tab().as_str() {
                        "groups" => view! { <GroupsTab view state /> }.into_any(),
                        "checklist" => view! { <ChecklistTab view state /> }.into_any(),
                        _ => view! { <UnitsTab view state /> }.into_any(),
                    },
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn SavedNotice(saved: Saved) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="notice" role="status" data-testid="master-saved">
            {t!(i18n, master.saved)}
            {match saved {
                Saved::UnitEnded(code, n) if n > 0 => Some(view! {
                    " "{t!(i18n, master.subjects_left)}" "<strong>{n}</strong>" — "
                    <A href=format!("/registry/subjects?commune={code}")>{t!(i18n, master.move_them)}</A>
                }),
                _ => None,
            }}
        </p>
    }
}

/// A folded part whose open state follows a signal, its content made only when open. The
/// rows are rebuilt in place after a save (the same elements, new components): an open state
/// left to the browser would outlive the component that knew of it.
#[component]
pub fn Folded(
    #[prop(into)] summary: ViewFn,
    testid: String,
    children: ChildrenFn,
) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <details class="inline-details" prop:open=move || open.get() data-testid=testid>
            <summary on:click=move |ev| {
                ev.prevent_default();
                open.update(|o| *o = !*o);
            }>{summary.run()}</summary>
            {move || open.get().then(|| children())}
        </details>
    }
}

/// "from 01/07/2025", "ended after 31/12/2026, merged into …", or nothing.
#[component]
pub fn Validity(
    valid_from: Option<String>,
    valid_to: Option<String>,
    /// For a unit that ended: who took it over (a unit ends; a group or document is retired).
    #[prop(default = None)]
    successor: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ended = successor.is_some();
    view! {
        {valid_from.map(|from| view! { <span class="muted">" · "{t!(i18n, master.in_force_from)}" "{from}</span> })}
        {valid_to.map(|to| view! {
            <span class="badge status-inactive">
                {if ended { t!(i18n, master.ended_after).into_any() } else { t!(i18n, master.retiring).into_any() }}
                " "{to}
            </span>
            {successor.map(|s| view! { " "<span class="muted">{t!(i18n, master.merged_into)}" "{s}</span> })}
        })}
    }
}

/// The earlier versions of a row, newest first; `describe` says what each one read.
#[component]
pub fn EarlierVersions(
    versions: Vec<VersionView>,
    describe: fn(&VersionView) -> String,
) -> impl IntoView {
    let i18n = use_i18n();
    (!versions.is_empty()).then(|| {
        view! {
            <p class="muted versions-heading">{t!(i18n, master.earlier)}</p>
            <ul class="versions" data-testid="versions">
                {versions.into_iter().map(|v| {
                    let from = v.valid_from.clone().unwrap_or_else(|| "…".to_owned());
                    let by = (!v.changed_by.is_empty()).then(|| view! {
                        " · "{t!(i18n, master.by)}" "{v.changed_by.clone()}
                    });
                    view! { <li>{describe(&v)}<span class="muted">" · "{from}" – "{v.valid_to.clone()}{by}</span></li> }
                }).collect_view()}
            </ul>
        }
    })
}
