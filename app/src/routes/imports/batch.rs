//! `/admin/imports/{id}`: a file's preview — totals, each column and what it was read as (a
//! column not recognised can be mapped), every row's verdict with the cell at fault named,
//! errors first, 100 a page — then the import on confirmation, or the undo of an import.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::id_param;
use crate::components::pager::Pager;
use crate::components::saved_count::saved_count;
use crate::domain::import::headers::Field;
use crate::functions::imports::{CommitImport, MapImportColumn, UndoImport, get_import};
use crate::i18n::{Locale, t, t_string, use_i18n};
use crate::models::imports::{ImportPreview, RowView, SheetView, Verdict};
use leptos_i18n::I18nContext;

use super::state_name;

const FILTERS: [&str; 6] = ["all", "error", "new", "update", "same", "skipped"];

fn verdict_name(i18n: I18nContext<Locale>, key: &str) -> String {
    match key {
        "new" => t_string!(i18n, imports.verdict_new),
        "update" => t_string!(i18n, imports.verdict_update),
        "same" => t_string!(i18n, imports.verdict_same),
        "error" => t_string!(i18n, imports.verdict_error),
        "skipped" => t_string!(i18n, imports.verdict_skipped),
        _ => t_string!(i18n, imports.all),
    }
    .to_string()
}

#[component]
pub fn ImportBatchPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param("id");
    let query = use_query_map();
    let filter = move || {
        query
            .read()
            .get("filter")
            .unwrap_or_else(|| "all".to_owned())
    };
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap_or(1)
    };
    let map = ServerAction::<MapImportColumn>::new();
    let commit = ServerAction::<CommitImport>::new();
    let undo = ServerAction::<UndoImport>::new();
    let (mapped, committed, undone) = (saved_count(map), saved_count(commit), saved_count(undo));
    let preview = Resource::new(
        move || {
            (
                id(),
                filter(),
                page(),
                mapped.get(),
                committed.get(),
                undone.get(),
            )
        },
        |(id, filter, page, ..)| get_import(id, filter, page),
    );
    view! {
        <AreaGate area=Area::Admin>
            <p class="breadcrumb"><A href="/admin/imports">{t!(i18n, imports.back)}</A></p>
            <h1>{t!(i18n, imports.title)}</h1>
            <crate::components::help::HelpPanel screen="admin.import_batch" />
            <FormError error=Signal::derive(move || map.value().get().and_then(Result::err)) />
            {move || matches!(commit.value().get(), Some(Ok(_))).then(|| view! {
                <p class="notice" role="status" data-testid="import-done">{t!(i18n, imports.imported)}" "
                    <a href="/catalog" rel="external">{t!(i18n, imports.catalogue)}</a></p>
            })}
            {move || matches!(undo.value().get(), Some(Ok(_))).then(|| view! {
                <p class="notice" role="status" data-testid="import-undone">{t!(i18n, imports.undone)}</p>
            })}
            <Transition fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match preview.await {
                        Ok(p) => view! { <Preview p map commit undo /> }.into_any(),
                        Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </AreaGate>
    }
}

#[component]
fn Preview(
    p: ImportPreview,
    map: ServerAction<MapImportColumn>,
    commit: ServerAction<CommitImport>,
    undo: ServerAction<UndoImport>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = p.totals.clone();
    let open = p.state == "previewed";
    let params = vec![("filter", p.filter.clone())];
    let tab = {
        let current = p.filter.clone();
        let id = p.batch_id;
        move |f: &'static str| {
            let href = if f == "all" {
                format!("/admin/imports/{id}")
            } else {
                format!("/admin/imports/{id}?filter={f}")
            };
            let class = if current == f { "tab active" } else { "tab" };
            view! { <A href=href attr:class=class attr:data-testid=format!("filter-{f}")>{verdict_name(i18n, f)}</A> }
        }
    };
    let counts = [
        ("rows", t.rows),
        ("new", t.new),
        ("update", t.update),
        ("same", t.same),
        ("error", t.error),
        ("skipped", t.skipped),
    ];
    view! {
        <p class="muted"><strong data-testid="import-file">{p.file_name.clone()}</strong>" · "
            <span data-testid="import-state" data-state=p.state.clone()>{state_name(i18n, &p.state)}</span></p>
        <ul class="tiles" data-testid="import-totals">
            {counts.into_iter().map(|(key, n)| view! {
                <li class="tile" data-testid=format!("total-{key}")>
                    <span class="tile-value">{n}</span>
                    <span class="tile-label">{if key == "rows" { t_string!(i18n, imports.rows).to_string() } else { verdict_name(i18n, key) }}</span>
                </li>
            }).collect_view()}
        </ul>
        <p data-testid="import-creates">
            {if open { t!(i18n, imports.will_create).into_any() } else { t!(i18n, imports.created).into_any() }}" "
            {t.subjects_new}" "{t!(i18n, imports.subjects)}", "
            {t.products_new}" "{t!(i18n, imports.products)}", "
            {t.certificates_new}" "{t!(i18n, imports.certificates)}
        </p>
        <Actions p=p.clone() commit undo />
        <details class="panel" open=open && p.sheets.iter().any(|s| s.columns.iter().any(|c| c.field.is_none() && !c.header.is_empty()))>
            <summary>{t!(i18n, imports.columns)}</summary>
            {open.then(|| view! { <p class="hint">{t!(i18n, imports.columns_hint)}</p> })}
            {p.sheets.iter().cloned().map(|s| view! { <Columns s batch_id=p.batch_id open map /> }).collect_view()}
        </details>
        <nav class="tabs">{FILTERS.into_iter().map(tab).collect_view()}</nav>
        {(t.error > 0).then(|| view! { <p class="warning-box" role="alert">{t!(i18n, imports.errors_first)}</p> })}
        {if p.rows.is_empty() {
            view! { <p class="empty">{t!(i18n, imports.no_rows)}</p> }.into_any()
        } else {
            view! { <Rows rows=p.rows.clone() /> }.into_any()
        }}
        {(p.pages > 1).then(|| {
            let path = format!("/admin/imports/{}", p.batch_id);
            view! { <Pager path params page=p.page pages=p.pages has_more=p.page < p.pages /> }
        })}
    }
}

#[component]
fn Actions(
    p: ImportPreview,
    commit: ServerAction<CommitImport>,
    undo: ServerAction<UndoImport>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ask = move |question: String| {
        move |ev: leptos::ev::MouseEvent| {
            if !window().confirm_with_message(&question).unwrap_or(false) {
                ev.prevent_default();
            }
        }
    };
    let import_question = t_string!(i18n, imports.import_confirm).to_string();
    let undo_question = t_string!(i18n, imports.undo_confirm).to_string();
    let id = p.batch_id.to_string();
    let nothing = p.state == "previewed" && p.totals.error == 0 && !p.can_import;
    view! {
        <FormError error=Signal::derive(move || commit.value().get().and_then(Result::err)) />
        <FormError error=Signal::derive(move || undo.value().get().and_then(Result::err)) />
        {nothing.then(|| view! { <p class="notice" data-testid="import-nothing">{t!(i18n, imports.nothing_new)}</p> })}
        {p.can_import.then(|| view! {
            <ActionForm action=commit attr:class="inline-form">
                <input type="hidden" name="batch_id" value=p.batch_id.to_string() />
                <input type="hidden" name="fingerprint" value=p.fingerprint.clone() />
                <button type="submit" data-testid="import-commit" on:click=ask(import_question.clone())
                    disabled=move || commit.pending().get()>{t!(i18n, imports.import)}</button>
            </ActionForm>
        })}
        {p.can_undo.then(|| view! {
            <ActionForm action=undo attr:class="inline-form">
                <input type="hidden" name="batch_id" value=id.clone() />
                <button type="submit" class="danger" data-testid="import-undo" on:click=ask(undo_question.clone())
                    disabled=move || undo.pending().get()>{t!(i18n, imports.undo)}</button>
            </ActionForm>
        })}
        {(p.state == "imported" && !p.can_undo).then(|| view! { <p class="muted" data-testid="import-locked">{t!(i18n, imports.cannot_undo)}</p> })}
    }
}

/// A sheet's columns and what each is read as; while the batch is open, each can be changed.
#[component]
fn Columns(
    s: SheetView,
    batch_id: i32,
    open: bool,
    map: ServerAction<MapImportColumn>,
) -> impl IntoView {
    let i18n = use_i18n();
    let english = move || i18n.get_locale() == Locale::en;
    let Some(header_row) = s.header_row else {
        return view! { <p class="muted">{t!(i18n, imports.sheet)}" "{s.name.clone()}": "{t!(i18n, imports.no_header)}</p> }.into_any();
    };
    let sheet = s.name.clone();
    view! {
        <h3>{t!(i18n, imports.sheet)}" “"{s.name.clone()}"” ("{t!(i18n, imports.header_row)}" "{header_row}")"</h3>
        <div class="table-wrap">
            <table class="data-table" data-testid="import-columns">
                <thead><tr><th>{t!(i18n, imports.column)}</th><th>{t!(i18n, imports.read_as)}</th></tr></thead>
                <tbody>
                    {s.columns.into_iter().filter(|c| !c.header.is_empty()).map(|c| {
                        let sheet = sheet.clone();
                        let chosen = c.field;
                        let select_id = format!("col-{}-{}", sheet.len(), c.index);
                        view! {
                            <tr data-testid="import-column" data-header=c.header.clone()>
                                <td><label for=select_id.clone()>{c.header.clone()}</label></td>
                                <td>
                                    {if open {
                                        view! {
                                            <ActionForm action=map attr:class="inline-form">
                                                <input type="hidden" name="batch_id" value=batch_id.to_string() />
                                                <input type="hidden" name="sheet" value=sheet.clone() />
                                                <input type="hidden" name="column" value=c.index.to_string() />
                                                <select id=select_id name="field" data-testid="column-field"
                                                    on:change=move |ev| {
                                                        // Submits the choice at once (the form's button is there without JavaScript).
                                                        use leptos::wasm_bindgen::JsCast;
                                                        if let Some(form) = event_target::<leptos::web_sys::HtmlSelectElement>(&ev).form() {
                                                            let _ = form.unchecked_ref::<leptos::web_sys::HtmlFormElement>().request_submit();
                                                        }
                                                    }>
                                                    <option value="" selected=chosen.is_none()>{t!(i18n, imports.ignore)}</option>
                                                    {Field::ALL.into_iter().map(|f| view! {
                                                        <option value=f.key() selected=chosen == Some(f)>{move || f.header(english())}</option>
                                                    }).collect_view()}
                                                </select>
                                                <noscript><button type="submit" class="secondary">"OK"</button></noscript>
                                            </ActionForm>
                                            {c.recognised.then(|| view! { <span class="badge">{t!(i18n, imports.recognised)}</span> })}
                                        }.into_any()
                                    } else {
                                        view! { <span>{move || chosen.map(|f| f.header(english()).to_owned()).unwrap_or_else(|| t_string!(i18n, imports.ignore).to_string())}</span> }.into_any()
                                    }}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Rows(rows: Vec<RowView>) -> impl IntoView {
    let i18n = use_i18n();
    let english = move || i18n.get_locale() == Locale::en;
    view! {
        <div class="table-wrap">
            <table class="data-table cards-on-phone" data-testid="import-rows">
                <thead><tr>
                    <th>{t!(i18n, imports.row)}</th>
                    <th>{t!(i18n, imports.verdict)}</th>
                    <th>{t!(i18n, imports.product)}</th>
                    <th>{t!(i18n, imports.subject)}</th>
                    <th>{t!(i18n, imports.commune)}</th>
                    <th>{t!(i18n, imports.stars)}</th>
                    <th>{t!(i18n, imports.decided)}</th>
                    <th>{t!(i18n, imports.details)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let key = r.verdict.key();
                        let class = match r.verdict {
                            Verdict::Error => "badge danger",
                            Verdict::New => "badge ok",
                            _ => "badge",
                        };
                        let (problems, changes, notes) = (r.problems.clone(), r.changes.clone(), r.notes.clone());
                        view! {
                            <tr data-testid="import-row" data-verdict=key data-row=r.row>
                                <td>{r.sheet.clone()}" · "{r.row}</td>
                                <td><span class=class>{verdict_name(i18n, key)}</span></td>
                                <td>{r.product.clone()}</td>
                                <td>{r.subject.clone()}</td>
                                <td>{r.commune.clone()}</td>
                                <td>{r.stars.map(|s| "★".repeat(usize::from(s))).unwrap_or_default()}</td>
                                <td>{r.decided.clone()}</td>
                                <td>
                                    <ul class="plain">
                                        {move || problems.iter().map(|p| view! {
                                            <li class="check-fault" data-testid="row-problem">{format!("{}: {}", p.column, p.problem.message(english()))}</li>
                                        }).collect_view()}
                                        {move || changes.iter().map(|c| view! {
                                            <li data-testid="row-change">{format!("{}: {} → {}", c.field.header(english()), c.before, c.after)}</li>
                                        }).collect_view()}
                                        {move || notes.iter().map(|n| view! {
                                            <li class="muted">{n.message(english())}</li>
                                        }).collect_view()}
                                    </ul>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
