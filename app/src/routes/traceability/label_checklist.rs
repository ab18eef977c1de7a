//! `/admin/label-checklist`: what a product label must carry, per product type, as master data
//! (Decree 43/2017 as amended by 111/2021). Each row is edited in place; a row is retired
//! rather than deleted, since label contents are keyed by its code.
use leptos::prelude::*;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::saved_count::reload_on_success;
use crate::domain::label::CheckKind;
use crate::functions::traceability::labels::{SaveLabelChecklistItem, list_label_checklist};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::traceability::labels::ChecklistRow;

#[component]
pub fn LabelChecklistPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Admin>
            <Checklist />
        </AreaGate>
    }
}

#[component]
fn Checklist() -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let rows = Resource::new(move || reload.get(), |_| list_label_checklist());
    view! {
        <h1>{t!(i18n, labels.checklist_title)}</h1>
        <crate::components::help::HelpPanel screen="admin.label_checklist" />
        <p class="muted">{t!(i18n, labels.checklist_intro)}</p>
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) => view! {
                        <ul class="checklist-rows" data-testid="label-checklist">
                            {rows.into_iter().map(|r| view! { <RowForm r=Some(r) reload /> }).collect_view()}
                        </ul>
                        <h2>{t!(i18n, labels.checklist_new)}</h2>
                        <RowForm r=None reload />
                    }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One row as a small form; `None` is the form for a new row.
#[component]
fn RowForm(r: Option<ChecklistRow>, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    // Each row its own action, so a refusal shows under the row it is about.
    let save = ServerAction::<SaveLabelChecklistItem>::new();
    reload_on_success(save, reload);
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let id = r.as_ref().map_or(0, |r| r.id);
    let testid = r.as_ref().map_or("checklist-new".to_owned(), |r| {
        format!("checklist-row-{}", r.item.code)
    });
    let get = |f: fn(&ChecklistRow) -> String| r.as_ref().map(f).unwrap_or_default();
    let (name_vi, name_en, groups, sort, basis) = (
        get(|r| r.item.name_vi.clone()),
        get(|r| r.item.name_en.clone()),
        get(|r| r.item.groups.clone()),
        get(|r| r.sort.to_string()),
        get(|r| r.basis.clone()),
    );
    let code = get(|r| r.item.code.clone());
    let check = r.as_ref().map_or(CheckKind::Text, |r| r.item.check);
    let required = r.as_ref().is_none_or(|r| r.item.required);
    let active = r.as_ref().is_none_or(|r| r.active);
    let is_new = r.is_none();
    view! {
        <li class=if active { "panel" } else { "panel retired" } data-testid=testid>
            <ActionForm action=save attr:class="grid-form">
                <input type="hidden" name="id" value=id />
                <FormError error />
                {if is_new {
                    view! {
                        <label>{t!(i18n, labels.code)}
                            <input name="row[code]" required maxlength="40" pattern="[a-z0-9_]+" data-testid="new-code" />
                        </label>
                    }.into_any()
                } else {
                    view! { <p class="code">{code.clone()}<input type="hidden" name="row[code]" value=code.clone() /></p> }.into_any()
                }}
                <label>{t!(i18n, labels.name_vi)}<input name="row[name_vi]" required maxlength="300" value=name_vi /></label>
                <label>{t!(i18n, labels.name_en)}<input name="row[name_en]" required maxlength="300" value=name_en /></label>
                <label>{t!(i18n, labels.groups)}<input name="row[groups]" maxlength="200" value=groups placeholder="I II III · II.1" /></label>
                <label>{t!(i18n, labels.check)}
                    <select name="row[check]">
                        {CheckKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=k == check>{move || check_name(i18n, k)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, labels.sort)}<input name="row[sort]" inputmode="numeric" required maxlength="6" value=sort /></label>
                <label class="span-2">{t!(i18n, labels.basis)}<input name="row[basis]" maxlength="300" value=basis /></label>
                <label class="check"><input type="checkbox" name="row[required]" value="true" checked=required />" "{t!(i18n, labels.required)}</label>
                {(!is_new).then(|| view! {
                    <label class="check"><input type="checkbox" name="row[active]" value="true" checked=active />" "{t!(i18n, labels.active)}</label>
                })}
                {is_new.then(|| view! { <input type="hidden" name="row[active]" value="true" /> })}
                <FieldError error field="code" />
                <FieldError error field="groups" />
                <button type="submit" class="secondary" disabled=move || save.pending().get()>{t!(i18n, labels.save_row)}</button>
            </ActionForm>
        </li>
    }
}

fn check_name(i18n: leptos_i18n::I18nContext<crate::i18n::Locale>, k: CheckKind) -> String {
    match k {
        CheckKind::Text => t_string!(i18n, labels.check_text),
        CheckKind::Origin => t_string!(i18n, labels.check_origin),
        CheckKind::Quantity => t_string!(i18n, labels.check_quantity),
        CheckKind::Date => t_string!(i18n, labels.check_date),
        CheckKind::Ethanol => t_string!(i18n, labels.check_ethanol),
    }
    .to_string()
}
