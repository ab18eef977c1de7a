//! In-app help on every work-area screen (`services::help` for the content): a panel that
//! opens on the screen's purpose, steps and what happens next; and, on each home, the guided
//! tour — a card at the foot of the screen that never blocks the page, outlines one element
//! per step, and is remembered as done once finished or left. The content comes from the
//! server (rendered with the page), so neither client carries its text.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::functions::help::get_tour;
use crate::i18n::{Locale, t, use_i18n};

/// The help panel of `screen` (a key of the content files); `tour` adds the link that starts
/// the home's tour again. Its text is compiled in (`crate::help`): nothing to fetch.
#[component]
pub fn HelpPanel(screen: &'static str, #[prop(optional)] tour: bool) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        #[cfg(any(feature = "ssr", feature = "whole-app"))]
        {
            crate::help::screen(screen, i18n.get_locale() == Locale::en).map(|h| {
                view! {
                    <p>{h.purpose.clone()}</p>
                    <ol>{h.steps.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ol>
                    <p class="muted">{h.next.clone()}</p>
                }
            })
        }
        // The light client never renders a panel: its pages are the server's HTML.
        #[cfg(not(any(feature = "ssr", feature = "whole-app")))]
        {
            None::<()>
        }
    };
    view! {
        <details class="help-panel" data-testid="help-panel" data-screen=screen>
            <summary>{t!(i18n, help.open)}</summary>
            {text}
            {tour.then(|| view! { <p><a href="?tour=1" data-testid="start-tour">{t!(i18n, help.tour)}</a></p> })}
        </details>
    }
}

/// A role's name as the content files key it.
pub fn role_name(i18n: leptos_i18n::I18nContext<Locale>, role: &str) -> String {
    use crate::i18n::t_string;
    match role {
        "producer" => t_string!(i18n, help.role_producer),
        "commune" => t_string!(i18n, help.role_commune),
        "province" => t_string!(i18n, help.role_province),
        "council" => t_string!(i18n, help.role_council),
        _ => t_string!(i18n, help.role_admin),
    }
    .to_string()
}

/// A `data-testid` safe to put in a style rule (the content files' own; checked anyway).
fn safe_target(target: &str) -> bool {
    !target.is_empty()
        && target
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The home's guided tour, when there is one to show (`services::help::tour`). Rendered by
/// the server with no code in the browser: its links load the next step (and scroll to its
/// element, by its id), its button is a form (`TourClose`).
#[component]
pub fn Tour() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let asked = move || {
        let q = query.read();
        (
            q.get("role"),
            q.get("tour").and_then(|s| s.parse::<usize>().ok()),
        )
    };
    let tour = Resource::new(
        move || (asked(), i18n.get_locale() == Locale::en),
        |((role, step), english)| get_tour(role, step, english),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let t = tour.await.ok().flatten()?;
                let (n, i) = (t.steps.len(), t.step);
                let s = t.steps.get(i - 1)?.clone();
                let role = asked().0.map(|r| format!("&role={r}")).unwrap_or_default();
                let link = |to: usize| {
                    let target = t.steps.get(to - 1).map(|s| s.target.as_str()).unwrap_or_default();
                    format!("?tour={to}{role}#{target}")
                };
                let outline = safe_target(&s.target).then(|| format!(
                    "[data-testid=\"{}\"]{{outline:3px solid #f9a825;outline-offset:3px;border-radius:6px}}",
                    s.target
                ));
                Some(view! {
                    {outline.map(|css| view! { <style>{css}</style> })}
                    <aside class="tour-card" aria-live="polite" data-testid="tour" data-step=i>
                        <p class="muted">{t!(i18n, help.step)}" "{i}" / "{n}</p>
                        <h2>{s.title.clone()}</h2>
                        <p>{s.text.clone()}</p>
                        <div class="tour-actions">
                            {(i > 1).then(|| view! { <a href=link(i - 1)>{t!(i18n, help.back)}</a> })}
                            {(i < n).then(|| view! { <a href=link(i + 1) class="button" data-testid="tour-next">{t!(i18n, help.next)}</a> })}
                            <TourClose last={i == n} />
                        </div>
                        {(!t.demo_roles.is_empty()).then(|| view! {
                            <p class="muted tour-roles">{t!(i18n, help.demo_roles)}" "
                                {t.demo_roles.iter().map(|r| view! { <a href=format!("?tour=1&role={r}")>{role_name(i18n, r)}</a>" " }).collect_view()}
                            </p>
                        })}
                    </aside>
                })
            })}
        </Suspense>
    }
}

/// Leaving (or finishing) the tour: a plain form the server answers (`POST /help/tour-done`:
/// remembered, then this page again without the tour's address), so no code runs for it.
#[component]
fn TourClose(last: bool) -> impl IntoView {
    let i18n = use_i18n();
    let here = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    view! {
        <form method="post" action="/help/tour-done" class="inline-form">
            <input type="hidden" name="next" value=here />
            <button type="submit" class="secondary" data-testid="tour-close">
                {if last { t!(i18n, help.done).into_any() } else { t!(i18n, help.leave).into_any() }}
            </button>
        </form>
    }
}
