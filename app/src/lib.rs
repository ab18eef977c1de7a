//! The OCOP information system of Lạng Sơn: every page, component and server function.
//!
//! The data path is one-way: a page (`routes`) calls a server function (`functions`), which
//! builds the request context and calls one service (`services`, server only); the service
//! checks the actor may act (`auth::allowed`) and returns a model (`models`). Pure rules live in
//! `domain` and compile for both targets; renderers in `documents`, demo data in `seed`.
#![recursion_limit = "256"]

#[cfg(feature = "ssr")]
pub mod admission;
#[cfg(feature = "ssr")]
pub mod assets;
pub mod auth;
#[cfg(feature = "ssr")]
pub mod clock;
pub mod components;
pub mod csp;
pub mod domain;
pub mod functions;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod help;
pub mod models;
#[cfg(feature = "ssr")]
pub mod pages;

/// Modules of the pages only `App` shows (`whole_app.rs`): compiled for the server and the
/// whole client, not for the light client, which runs none of them (see `routes`).
macro_rules! app_only {
    ($($item:item)*) => {
        $(#[cfg(any(feature = "ssr", feature = "whole-app"))] $item)*
    };
}

pub mod routes;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub mod whole_app;

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
use leptos_meta::Title;

use crate::i18n::{t_string, use_i18n};

#[cfg(feature = "ssr")]
pub use crate::pages::shell;
#[cfg(any(feature = "ssr", feature = "whole-app"))]
pub use crate::whole_app::App;

/// Vietnamese is the default for every visitor: only an explicit choice (kept in a cookie)
/// switches to English, never the browser's Accept-Language header.
pub fn ignore_browser_language() -> leptos_use::UseLocalesOptions {
    leptos_use::UseLocalesOptions::default().ssr_lang_header_getter(|| None)
}

/// The page title, read once while the page renders. Not a closure: on the server the
/// framework reads the title after the page's first chunk, outside the request's reactive
/// arena (leptos_meta's `inject_meta_context` runs outside the `Sandboxed` stream), so a
/// closure reading the locale signal there could find another request's arena and panic
/// ("already disposed" / "no Arena is active"). The short name is the same in both languages.
#[component]
pub fn AppTitle() -> impl IntoView {
    let i18n = use_i18n();
    let text = t_string!(i18n, app_short).to_string();
    view! { <Title text /> }
}
