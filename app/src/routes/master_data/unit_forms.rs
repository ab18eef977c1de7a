//! The units tab of `/admin/master-data`: add a commune or ward; for each one in force, rename
//! it from a date or end it with the unit that takes over. A row's forms are made only when
//! its "Edit" is opened (65 rows of selects would weigh on a phone).
use std::sync::Arc;

use leptos::prelude::*;

use crate::components::confirm_submit::ConfirmSubmit;
use crate::components::error::FormError;
use crate::components::field_error::FieldError;
use crate::functions::master_data::editing::{AddUnit, RenameUnit, RetireUnit};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::master_data::editing::{MasterDataView, MasterUnitRow, VersionView};
use crate::routes::master_data::editing::{EarlierVersions, Folded, PageState, Saved, Validity};

/// (code, "xã Chi Lăng") of the units in force: the successors a unit may have.
type Choices = Arc<Vec<(String, String)>>;

#[component]
pub fn UnitsTab(view: MasterDataView, state: PageState) -> impl IntoView {
    let i18n = use_i18n();
    let choices: Choices = Arc::new(
        view.units
            .iter()
            .filter(|u| u.valid_to.is_none())
            .map(|u| (u.code.clone(), format!("{} {}", u.kind, u.name)))
            .collect(),
    );
    let count = view.units.len();
    let today = view.today;
    // Narrows the list as one types, diacritics ignored (65 rows and more on a phone).
    let query = RwSignal::new(String::new());
    view! {
        <AddUnitForm state today=today.clone() />
        <label for="unit-filter">{t!(i18n, master.filter)}</label>
        <input
            id="unit-filter"
            type="search"
            maxlength="100"
            data-testid="unit-filter"
            placeholder=move || t_string!(i18n, units.search_placeholder).to_string()
            // The rows are rebuilt in place after a save, with a new, empty filter: the field
            // follows it rather than keep text that no longer filters.
            prop:value=move || query.get()
            on:input=move |ev| query.set(event_target_value(&ev))
        />
        <p class="muted">{count}" "{t!(i18n, master.units_count)}</p>
        <ul class="master-rows" data-testid="unit-rows">
            {view.units.into_iter().map(|u| view! {
                <UnitRow u choices=choices.clone() state today=today.clone() query />
            }).collect_view()}
        </ul>
    }
}

fn describe(v: &VersionView) -> String {
    format!("{} {}", v.fields.kind, v.fields.name_vi)
}

#[component]
fn UnitRow(
    u: MasterUnitRow,
    choices: Choices,
    state: PageState,
    today: String,
    query: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let in_force = u.valid_to.is_none();
    let row = u.clone();
    let key = format!("{} {}", crate::domain::text::fold(&u.name), u.code);
    let hidden = move || query.with(|q| !key.contains(crate::domain::text::fold(q).trim()));
    view! {
        <li class="master-row" hidden=hidden data-testid=format!("unit-{}", u.code)>
            <div>
                <strong>{u.kind.clone()}" "{u.name.clone()}</strong>" "<span class="code">"("{u.code.clone()}")"</span>
                <Validity valid_from=u.valid_from.clone() valid_to=u.valid_to.clone() successor=u.successor.clone() />
                <span class="muted">" · "{u.subjects}" "{t!(i18n, master.subjects)}</span>
            </div>
            {in_force.then(|| view! {
                <Folded summary=move || t!(i18n, master.edit) testid="unit-edit".into()>
                    <RenameUnitForm u=row.clone() state today=today.clone() />
                    <RetireUnitForm u=row.clone() choices=choices.clone() state today=today.clone() />
                </Folded>
            })}
            <EarlierVersions versions=u.versions describe />
        </li>
    }
}

/// "xã" or "phường", the current one chosen.
#[component]
fn KindSelect(id: String, current: String) -> impl IntoView {
    view! {
        <select id=id name="input[kind]" required>
            {["xã", "phường"].map(|k| view! { <option value=k selected=k == current>{k}</option> }).collect_view()}
        </select>
    }
}

#[component]
fn AddUnitForm(state: PageState, today: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Folded summary=move || t!(i18n, master.add_unit) testid="add-unit".into()>
            <NewUnitForm state today=today.clone() />
        </Folded>
    }
}

#[component]
fn NewUnitForm(state: PageState, today: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AddUnit>::new();
    state.after(action, |_| Saved::Done);
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <ActionForm action attr:class="stack-form wide-form" attr:data-testid="add-unit-form">
            <FormError error />
            <label for="unit-code">{t!(i18n, master.code)}</label>
            <input id="unit-code" name="input[code]" required inputmode="numeric" pattern="[0-9]{5}" maxlength="5" />
            <FieldError error field="code" />
            <label for="unit-name">{t!(i18n, master.name)}</label>
            <input id="unit-name" name="input[name]" required maxlength="200" />
            <FieldError error field="name" />
            <label for="unit-kind">{t!(i18n, master.kind)}</label>
            <KindSelect id="unit-kind".into() current="xã".into() />
            <FieldError error field="kind" />
            <label for="unit-from">{t!(i18n, master.valid_from)}</label>
            <input id="unit-from" type="date" name="input[valid_from]" required value=today.clone() />
            <FieldError error field="valid_from" />
            <button type="submit" disabled=move || action.pending().get()>{t!(i18n, master.save)}</button>
        </ActionForm>
    }
}

#[component]
fn RenameUnitForm(u: MasterUnitRow, state: PageState, today: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RenameUnit>::new();
    state.after(action, |_| Saved::Done);
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let key = u.code.clone();
    let id = move |what: &str| format!("rename-{what}-{key}");
    view! {
        <ActionForm action attr:class="stack-form" attr:data-testid="rename-unit-form">
            <h3>{t!(i18n, master.rename_unit)}</h3>
            <FormError error />
            <input type="hidden" name="input[code]" value=u.code.clone() />
            <label for=id("name")>{t!(i18n, master.new_name)}</label>
            <input id=id("name") name="input[name]" required maxlength="200" value=u.name.clone() />
            <FieldError error field="name" />
            <label for=id("kind")>{t!(i18n, master.kind)}</label>
            <KindSelect id=id("kind") current=u.kind.clone() />
            <FieldError error field="kind" />
            <label for=id("from")>{t!(i18n, master.from)}</label>
            <input id=id("from") type="date" name="input[from]" required max=today.clone() value=today />
            <p class="muted">{t!(i18n, master.from_hint)}</p>
            <FieldError error field="from" />
            <button type="submit" disabled=move || action.pending().get()>{t!(i18n, master.save)}</button>
        </ActionForm>
    }
}

#[component]
fn RetireUnitForm(
    u: MasterUnitRow,
    choices: Choices,
    state: PageState,
    today: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RetireUnit>::new();
    let code = u.code.clone();
    state.after(action, move |left| Saved::UnitEnded(code.clone(), *left));
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let key = u.code.clone();
    let id = move |what: &str| format!("retire-{what}-{key}");
    view! {
        <ActionForm action attr:class="stack-form" attr:data-testid="retire-unit-form">
            <h3>{t!(i18n, master.retire_unit)}</h3>
            <FormError error />
            <input type="hidden" name="input[code]" value=u.code.clone() />
            <label for=id("last")>{t!(i18n, master.last_day)}</label>
            <input id=id("last") type="date" name="input[last_day]" required value=today />
            <FieldError error field="last_day" />
            <label for=id("successor")>{t!(i18n, master.successor)}</label>
            <select id=id("successor") name="input[successor_code]" required data-testid="successor">
                <option value="">{t!(i18n, register.choose)}</option>
                {choices.iter().filter(|(c, _)| *c != u.code).map(|(c, name)| view! {
                    <option value=c.clone()>{name.clone()}" ("{c.clone()}")"</option>
                }).collect_view()}
            </select>
            <FieldError error field="successor_code" />
            <ConfirmSubmit
                label=move || t_string!(i18n, master.retire_unit).to_string()
                pending=action.pending()
                testid="retire-unit"
            >
                {t!(i18n, master.retire_confirm_unit)}
            </ConfirmSubmit>
        </ActionForm>
    }
}
