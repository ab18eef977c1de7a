//! The wasm entry: hydrates the interactive parts (islands) of the server-rendered page.
//! Everything else lives in the `app` crate.

// Links the `app` crate, whose islands are exported to the page's script by name.
use app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
