//! How many times a form's action has succeeded: the key a page reloads its data on. A refused
//! submission does not count, so the form keeps what the user typed.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// A signal that goes up each time `action` returns `Ok`.
pub fn saved_count<A>(action: ServerAction<A>) -> RwSignal<u32>
where
    A: ServerFn + Clone + Send + Sync + 'static,
    A::Output: Send + Sync + 'static,
    A::Error: Send + Sync + 'static,
{
    let count = RwSignal::new(0u32);
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            count.update(|n| *n += 1);
        }
    });
    count
}

/// Raises `reload` each time `action` succeeds, so the page refetches what it shows.
pub fn reload_on_success<A>(action: ServerAction<A>, reload: RwSignal<u32>)
where
    A: ServerFn + Clone + Send + Sync + 'static,
    A::Output: Send + Sync + 'static,
    A::Error: Send + Sync + 'static,
{
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            reload.update(|n| *n += 1);
        }
    });
}
