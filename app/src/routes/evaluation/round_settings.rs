//! Editing a round's settings on its page (until it is decided): the same fields as the
//! new-round form, filled with the round's values.
use leptos::prelude::*;

use crate::components::error::FormError;
use crate::functions::evaluation::rounds::UpdateRound;
use crate::i18n::{t, use_i18n};
use crate::models::evaluation::rounds::RoundInput;
use crate::routes::evaluation::rounds::RoundFields;

#[component]
pub fn EditRoundForm(
    round_id: i32,
    version: i32,
    input: RoundInput,
    action: ServerAction<UpdateRound>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <details class="panel" data-testid="edit-round">
            <summary>{t!(i18n, rounds.edit_settings)}</summary>
            <FormError error />
            <ActionForm action attr:class="stack-form wide-form" attr:data-testid="edit-round-form">
                <input type="hidden" name="round_id" value=round_id />
                <input type="hidden" name="version" value=version />
                <RoundFields input error />
                <button type="submit" data-testid="save-round" disabled=move || action.pending().get()>{t!(i18n, rounds.save_settings)}</button>
            </ActionForm>
        </details>
    }
}
