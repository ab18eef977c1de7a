//! The dossier-documents tab of `/admin/master-data`: each item of the checklist, mandatory or
//! supporting, for which groups; change one (from today) or retire it, add one.
use leptos::prelude::*;

use crate::components::confirm_submit::ConfirmSubmit;
use crate::components::error::FormError;
use crate::components::field_error::FieldError;
use crate::functions::master_data::editing::{
    RetireDossierChecklistItem, SaveDossierChecklistItem,
};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::master_data::editing::{MasterChecklistRow, MasterDataView, VersionView};
use crate::routes::master_data::editing::{EarlierVersions, Folded, PageState, Saved, Validity};

#[component]
pub fn ChecklistTab(view: MasterDataView, state: PageState) -> impl IntoView {
    let i18n = use_i18n();
    // A change applies from tomorrow: the earliest last day of an item.
    let today = view.tomorrow;
    view! {
        <p class="notice">{t!(i18n, master.checklist_note)}</p>
        <ul class="master-rows" data-testid="checklist-rows">
            {view.checklist.into_iter().map(|item| view! { <ItemRow item state today=today.clone() /> }).collect_view()}
        </ul>
        <Folded summary=move || t!(i18n, master.add_item) testid="add-item".into()>
            <ItemForm item=None state />
        </Folded>
    }
}

fn describe(v: &VersionView) -> String {
    let kind = if v.fields.mandatory { "★ " } else { "" };
    let groups = if v.fields.groups.is_empty() {
        String::new()
    } else {
        format!(" ({})", v.fields.groups)
    };
    format!("{kind}{}{groups}", v.fields.name_vi)
}

#[component]
fn ItemRow(item: MasterChecklistRow, state: PageState, today: String) -> impl IntoView {
    let i18n = use_i18n();
    let editable = item.valid_to.is_none();
    let row = item.clone();
    let groups = item.groups.clone();
    view! {
        <li class="master-row" data-testid=format!("item-{}", item.code)>
            <div>
                <strong>{item.name_vi.clone()}</strong><span class="muted">" — "{item.name_en.clone()}</span>" "
                {if item.mandatory {
                    view! { <span class="badge status-active">{t!(i18n, master.mandatory)}</span> }.into_any()
                } else {
                    view! { <span class="badge">{t!(i18n, master.supporting)}</span> }.into_any()
                }}
                <span class="muted">" · "
                    {if groups.is_empty() {
                        t_string!(i18n, master.all_groups).to_string()
                    } else {
                        format!("{} {groups}", t_string!(i18n, master.for_groups))
                    }}
                </span>
                <Validity valid_from=item.valid_from.clone() valid_to=item.valid_to.clone() />
            </div>
            {editable.then(|| view! {
                <Folded summary=move || t!(i18n, master.edit) testid="item-edit".into()>
                    <ItemForm item=Some(row.clone()) state />
                    <RetireItemForm code=row.code.clone() state today=today.clone() />
                </Folded>
            })}
            <EarlierVersions versions=item.versions describe />
        </li>
    }
}

/// A new item (`None`) or the changes to one.
#[component]
fn ItemForm(item: Option<MasterChecklistRow>, state: PageState) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveDossierChecklistItem>::new();
    state.after(action, |_| Saved::Done);
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let is_new = item.is_none();
    let key = item
        .as_ref()
        .map_or_else(|| "new".to_owned(), |i| i.code.clone());
    let id = move |what: &str| format!("item-{what}-{key}");
    let row = item.clone();
    let get = move |f: fn(&MasterChecklistRow) -> String| row.as_ref().map(f).unwrap_or_default();
    let mandatory = item.as_ref().is_none_or(|i| i.mandatory);
    view! {
        <ActionForm action attr:class="stack-form" attr:data-testid=if is_new { "new-item-form" } else { "item-form" }>
            <FormError error />
            <input type="hidden" name="input[is_new]" value=is_new.to_string() />
            {if is_new {
                view! {
                    <label for=id("code")>{t!(i18n, master.item_code)}</label>
                    <input id=id("code") name="input[code]" required maxlength="40" pattern="[a-z0-9_]+" />
                    <FieldError error field="code" />
                }.into_any()
            } else {
                view! { <input type="hidden" name="input[code]" value=get(|i| i.code.clone()) /> }.into_any()
            }}
            <label for=id("vi")>{t!(i18n, master.name_vi)}</label>
            <input id=id("vi") name="input[name_vi]" required maxlength="200" value=get(|i| i.name_vi.clone()) />
            <FieldError error field="name_vi" />
            <label for=id("en")>{t!(i18n, master.name_en)}</label>
            <input id=id("en") name="input[name_en]" required maxlength="200" value=get(|i| i.name_en.clone()) />
            <FieldError error field="name_en" />
            <label for=id("groups")>{t!(i18n, master.groups)}</label>
            <input id=id("groups") name="input[groups]" maxlength="60" value=get(|i| i.groups.clone()) />
            <FieldError error field="groups" />
            <label class="check">
                <input type="checkbox" name="input[mandatory]" value="true" checked=mandatory />" "{t!(i18n, master.mandatory)}
            </label>
            <button type="submit" disabled=move || action.pending().get()>{t!(i18n, master.save)}</button>
        </ActionForm>
    }
}

#[component]
fn RetireItemForm(code: String, state: PageState, today: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RetireDossierChecklistItem>::new();
    state.after(action, |_| Saved::Done);
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let id = format!("item-last-{code}");
    view! {
        <ActionForm action attr:class="stack-form" attr:data-testid="retire-item-form">
            <h3>{t!(i18n, master.retire)}</h3>
            <FormError error />
            <input type="hidden" name="input[code]" value=code.clone() />
            <label for=id.clone()>{t!(i18n, master.last_day)}</label>
            <input id=id type="date" name="input[last_day]" required min=today.clone() value=today />
            <FieldError error field="last_day" />
            <ConfirmSubmit
                label=move || t_string!(i18n, master.retire).to_string()
                pending=action.pending()
                testid="retire-item"
            >
                {t!(i18n, master.retire_confirm_item)}
            </ConfirmSubmit>
        </ActionForm>
    }
}
