//! The product-groups tab of `/admin/master-data`: the groups of Decision 148 as an indented
//! list with their products; administrators rename a group from a date, add a sub-group under
//! it or retire it (others read).
use leptos::prelude::*;

use crate::components::confirm_submit::ConfirmSubmit;
use crate::components::error::FormError;
use crate::components::field_error::FieldError;
use crate::functions::master_data::editing::{
    AddProductGroup, RenameProductGroup, RetireProductGroup,
};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::master_data::editing::{MasterDataView, MasterGroupRow, VersionView};
use crate::routes::master_data::editing::{EarlierVersions, Folded, PageState, Saved, Validity};

#[component]
pub fn GroupsTab(view: MasterDataView, state: PageState) -> impl IntoView {
    let i18n = use_i18n();
    let may_edit = view.may_edit_groups;
    let today = view.today;
    view! {
        {(!may_edit).then(|| view! { <p class="notice" data-testid="groups-readonly">{t!(i18n, master.groups_readonly)}</p> })}
        <ul class="master-rows" data-testid="group-rows">
            {view.groups.into_iter().map(|g| view! { <GroupRow g may_edit state today=today.clone() /> }).collect_view()}
        </ul>
    }
}

fn describe(v: &VersionView) -> String {
    format!("{} — {}", v.fields.name_vi, v.fields.name_en)
}

#[component]
fn GroupRow(g: MasterGroupRow, may_edit: bool, state: PageState, today: String) -> impl IntoView {
    let i18n = use_i18n();
    let editable = may_edit && g.valid_to.is_none();
    let row = g.clone();
    let indent = format!("margin-left: {}rem", g.depth.min(4));
    view! {
        <li class="master-row" style=indent data-testid=format!("group-{}", g.code)>
            <div>
                <span class="code">{g.code.clone()}</span>" "<strong>{g.name_vi.clone()}</strong>
                <span class="muted">" — "{g.name_en.clone()}</span>
                <Validity valid_from=g.valid_from.clone() valid_to=g.valid_to.clone() />
                <span class="muted">" · "{g.products}" "{t!(i18n, master.products)}</span>
            </div>
            {editable.then(|| view! {
                <Folded summary=move || t!(i18n, master.edit) testid="group-edit".into()>
                    <RenameGroupForm g=row.clone() state today=today.clone() />
                    <AddSubgroupForm parent=row.code.clone() state today=today.clone() />
                    <RetireGroupForm code=row.code.clone() state today=today.clone() />
                </Folded>
            })}
            <EarlierVersions versions=g.versions describe />
        </li>
    }
}

#[component]
fn RenameGroupForm(g: MasterGroupRow, state: PageState, today: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RenameProductGroup>::new();
    state.after(action, |_| Saved::Done);
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let key = g.code.clone();
    let id = move |what: &str| format!("group-{what}-{key}");
    view! {
        <ActionForm action attr:class="stack-form" attr:data-testid="rename-group-form">
            <h3>{t!(i18n, master.rename_group)}</h3>
            <FormError error />
            <input type="hidden" name="input[code]" value=g.code.clone() />
            <label for=id("vi")>{t!(i18n, master.name_vi)}</label>
            <input id=id("vi") name="input[name_vi]" required maxlength="200" value=g.name_vi.clone() />
            <FieldError error field="name_vi" />
            <label for=id("en")>{t!(i18n, master.name_en)}</label>
            <input id=id("en") name="input[name_en]" required maxlength="200" value=g.name_en.clone() />
            <FieldError error field="name_en" />
            <label for=id("from")>{t!(i18n, master.from)}</label>
            <input id=id("from") type="date" name="input[from]" required max=today.clone() value=today />
            <FieldError error field="from" />
            <button type="submit" disabled=move || action.pending().get()>{t!(i18n, master.save)}</button>
        </ActionForm>
    }
}

#[component]
fn AddSubgroupForm(parent: String, state: PageState, today: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AddProductGroup>::new();
    state.after(action, |_| Saved::Done);
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let key = parent.clone();
    let id = move |what: &str| format!("sub-{what}-{key}");
    view! {
        <ActionForm action attr:class="stack-form" attr:data-testid="add-group-form">
            <h3>{t!(i18n, master.add_subgroup)}</h3>
            <FormError error />
            <input type="hidden" name="input[parent_code]" value=parent.clone() />
            <FieldError error field="parent_code" />
            <label for=id("code")>{t!(i18n, master.subgroup_code)}</label>
            <input id=id("code") name="input[code]" required maxlength="20" value=format!("{parent}.") />
            <FieldError error field="code" />
            <label for=id("vi")>{t!(i18n, master.name_vi)}</label>
            <input id=id("vi") name="input[name_vi]" required maxlength="200" />
            <FieldError error field="name_vi" />
            <label for=id("en")>{t!(i18n, master.name_en)}</label>
            <input id=id("en") name="input[name_en]" required maxlength="200" />
            <FieldError error field="name_en" />
            <label for=id("from")>{t!(i18n, master.valid_from)}</label>
            <input id=id("from") type="date" name="input[valid_from]" required value=today />
            <FieldError error field="valid_from" />
            <button type="submit" disabled=move || action.pending().get()>{t!(i18n, master.save)}</button>
        </ActionForm>
    }
}

#[component]
fn RetireGroupForm(code: String, state: PageState, today: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RetireProductGroup>::new();
    state.after(action, |_| Saved::Done);
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let id = format!("group-last-{code}");
    view! {
        <ActionForm action attr:class="stack-form" attr:data-testid="retire-group-form">
            <h3>{t!(i18n, master.retire)}</h3>
            <FormError error />
            <input type="hidden" name="input[code]" value=code.clone() />
            <label for=id.clone()>{t!(i18n, master.last_day)}</label>
            <input id=id type="date" name="input[last_day]" required value=today />
            <FieldError error field="last_day" />
            <ConfirmSubmit
                label=move || t_string!(i18n, master.retire).to_string()
                pending=action.pending()
                testid="retire-group"
            >
                {t!(i18n, master.retire_confirm_group)}
            </ConfirmSubmit>
        </ActionForm>
    }
}
