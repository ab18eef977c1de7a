//! The wasm entry: hydrates the interactive parts (islands) of the server-rendered page.
//! Everything else lives in the `app` crate. Built twice (Cargo.toml): the whole client, with
//! `App` (feature `whole-app`), and the light client, with only the light pages' islands.

// Links the `app` crate, whose islands are exported to the page's script by name.
use app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Light pages have no client-side router: a server function's redirect (after signing in,
    // say) loads the new address from the server. `App`'s router sets its own.
    #[cfg(not(feature = "whole-app"))]
    let _ = leptos::server_fn::redirect::set_redirect_hook(|to: &str| {
        let _ = leptos::prelude::window().location().assign(to);
    });
    leptos::mount::hydrate_islands();
}
