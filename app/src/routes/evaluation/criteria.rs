//! `/admin/criteria`: the criteria sets per product group with their validation state, and
//! `/admin/criteria/{id}`: one set's parts, criteria and graded options, mandatory levels,
//! problems, and its JSON to download.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::file_upload::{ACCEPT_XLSX, FileUpload};
use crate::domain::scoring::{CriteriaSet, SetProblem, Tenths};
use crate::functions::evaluation::criteria_sets::{
    SaveCriteriaSet, get_criteria_set, list_criteria_sets,
};
use crate::i18n::{t, t_string, use_i18n};
use crate::routes::evaluation::criteria_form::SetFormEditor;

#[component]
pub fn CriteriaSetsPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Admin>
            <CriteriaList />
        </AreaGate>
    }
}

#[component]
pub fn CriteriaSetPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Admin>
            <CriteriaDetail />
        </AreaGate>
    }
}

/// "72.5" from 725 tenths.
pub fn points(tenths: Tenths) -> String {
    if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

#[component]
fn CriteriaList() -> impl IntoView {
    let i18n = use_i18n();
    let sets = Resource::new(|| (), |_| list_criteria_sets());
    view! {
        <h1>{t!(i18n, criteria.title)}</h1>
        <crate::components::help::HelpPanel screen="admin.criteria" />
        <p class="muted">{t!(i18n, criteria.intro)}</p>
        <SetEditor group_code=String::new() name=String::new() json=String::new() frozen=false />
        <XlsxImport group_code=String::new() on_done=Callback::new(move |()| sets.refetch()) />
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match sets.await {
                    Ok(rows) => view! {
                        <div class="table-wrap">
                            <table class="data-table" data-testid="criteria-sets">
                                <thead><tr>
                                    <th scope="col">{t!(i18n, criteria.group)}</th>
                                    <th scope="col">{t!(i18n, criteria.name)}</th>
                                    <th scope="col" class="wide-only">{t!(i18n, criteria.version)}</th>
                                    <th scope="col">{t!(i18n, criteria.state)}</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| {
                                        let state = if r.problem_count > 0 {
                                            t_string!(i18n, criteria.invalid).to_string()
                                        } else if r.is_sample {
                                            t_string!(i18n, criteria.sample).to_string()
                                        } else {
                                            t_string!(i18n, criteria.valid).to_string()
                                        };
                                        view! {
                                            <tr data-testid="criteria-set-row">
                                                <td><span class="code">{r.group_code}</span>" "{r.group_name}</td>
                                                <td><A href=format!("/admin/criteria/{}", r.id)>{r.name}</A></td>
                                                <td class="wide-only">{r.version}</td>
                                                <td>{state}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CriteriaDetail() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
    };
    let set = Resource::new(id, |id| async move {
        get_criteria_set(id.ok_or(crate::models::AppError::NotFound)?).await
    });
    view! {
        <p><A href="/admin/criteria">"← "{t!(i18n, criteria.title)}</A></p>
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match set.await {
                    Ok(v) => {
                        let download = format!(
                            "data:application/json;charset=utf-8,{}",
                            crate::components::pager::encode(&v.json)
                        );
                        let file = format!("bo-tieu-chi-{}-v{}.json", v.row.group_code, v.row.version);
                        view! {
                            <h1 data-testid="criteria-set-name">{v.row.name.clone()}</h1>
                            <crate::components::help::HelpPanel screen="admin.criteria_set" />
                            {v.row.is_sample.then(|| view! { <p class="notice">{t!(i18n, criteria.sample_warning)}</p> })}
                            <Problems problems=v.problems.clone() />
                            <p class="actions">
                                <a href=format!("/admin/criteria/{}/xlsx", v.row.id) download class="button" data-testid="criteria-xlsx">{t!(i18n, criteria.download_xlsx)}</a>
                                " "<a href=download download=file class="button secondary" data-testid="criteria-json">{t!(i18n, criteria.download_json)}</a>
                            </p>
                            <SetFormEditor group_code=v.row.group_code.clone() name=v.row.name.clone() set=v.set.clone() frozen=v.row.frozen />
                            <SetEditor group_code=v.row.group_code.clone() name=v.row.name.clone() json=v.json.clone() frozen=v.row.frozen />
                            <XlsxImport group_code=v.row.group_code.clone() on_done=Callback::new(|()| { let _ = window().location().set_href("/admin/criteria"); }) />
                            <SetTree set=v.set />
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn Problems(problems: Vec<SetProblem>) -> impl IntoView {
    let i18n = use_i18n();
    (!problems.is_empty()).then(|| view! {
        <div class="error-box" role="alert" data-testid="criteria-problems">
            <strong>{t!(i18n, criteria.problems)}</strong>
            <ul>
                {problems.into_iter().map(|p| {
                    let text = match p {
                        SetProblem::PartSum(part, sum, max) => format!("{part}: {} ≠ {}", points(sum), points(max)),
                        SetProblem::DuplicateCode(code) => format!("{code}: ×2"),
                        SetProblem::TooFewOptions(code) => format!("{code}: < 2"),
                        SetProblem::BadLevel(code) => format!("{code}: ★?"),
                    };
                    view! { <li>{text}</li> }
                }).collect_view()}
            </ul>
        </div>
    })
}

#[component]
fn SetTree(set: CriteriaSet) -> impl IntoView {
    let i18n = use_i18n();
    set.parts
        .into_iter()
        .map(|part| {
            view! {
                <section class="panel" data-testid="criteria-part">
                    <h2>{t!(i18n, criteria.part)}" "{part.code.clone()}": "{part.name.clone()}" ("{points(part.max)}")"</h2>
                    <ol class="criteria">
                        {part.criteria.into_iter().map(|c| view! {
                            <li>
                                <strong class="code">{c.code.clone()}</strong>" "{c.text.clone()}
                                {c.mandatory_for.map(|level| view! { " "<span class="badge mandatory">{t!(i18n, criteria.mandatory_for)}" "{level}"★"</span> })}
                                <crate::routes::evaluation::sheet::CriterionHints guidance=c.guidance.clone() evidence=c.evidence.clone() />
                                <ul class="options">
                                    {c.options.into_iter().map(|o| view! { <li>{o.text}" — "<strong>{points(o.points)}</strong></li> }).collect_view()}
                                </ul>
                            </li>
                        }).collect_view()}
                    </ol>
                </section>
            }
        })
        .collect_view()
}

/// Edits a set as JSON (or imports one for a group): saved in place while no round uses it,
/// as a new version once it is frozen. The page of the saved version opens.
#[component]
fn SetEditor(group_code: String, name: String, json: String, frozen: bool) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveCriteriaSet>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    open_saved_set(save);
    let importing = json.is_empty();
    view! {
        <details class="panel" data-testid="criteria-editor">
            <summary>{if importing { t!(i18n, criteria.import).into_any() } else { t!(i18n, criteria.edit).into_any() }}</summary>
            <p class="muted">{if frozen { t!(i18n, criteria.frozen_note).into_any() } else { t!(i18n, criteria.edit_note).into_any() }}</p>
            <FormError error />
            <ActionForm action=save attr:class="stack-form wide-form">
                <label for="set-group">{t!(i18n, criteria.group)}</label>
                <input id="set-group" name="group_code" required maxlength="16" value=group_code.clone() readonly=!importing placeholder="I, II, …" />
                <FieldError error field="group_code" />
                <label for="set-name">{t!(i18n, criteria.name)}</label>
                <input id="set-name" name="name" required maxlength="300" value=name />
                <FieldError error field="name" />
                <label for="set-json">"JSON"</label>
                <textarea id="set-json" name="json" rows="16" class="code" required prop:value=json.clone()>{crate::components::text_area::textarea_text(&json)}</textarea>
                <FieldError error field="json" />
                <button type="submit" data-testid="save-criteria" disabled=move || save.pending().get()>{t!(i18n, criteria.save)}</button>
            </ActionForm>
        </details>
    }
}

/// Imports a set from an XLSX file (the layout of the download): into the file's own group on
/// the list, into this set's group on a set's page.
#[component]
fn XlsxImport(group_code: String, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class="panel" data-testid="criteria-xlsx-import">
            <summary>{t!(i18n, criteria.import_xlsx)}</summary>
            <p class="muted">{t!(i18n, criteria.import_xlsx_note)}</p>
            <FileUpload
                endpoint="/api/import_criteria_xlsx"
                fields=vec![("group_code", group_code)]
                max_mb=5
                on_done
                testid="criteria-xlsx-upload"
                accept=ACCEPT_XLSX
            />
        </details>
    }
}

/// Once `save` succeeds, loads the saved version's page in full: saved in place, its id (and so
/// the route) is the same, and a client-side navigation would not fetch it again.
pub fn open_saved_set(save: ServerAction<SaveCriteriaSet>) {
    Effect::new(move |_| {
        if let Some(Ok(id)) = save.value().get() {
            let _ = window()
                .location()
                .set_href(&format!("/admin/criteria/{id}"));
        }
    });
}
