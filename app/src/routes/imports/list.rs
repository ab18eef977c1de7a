//! `/admin/imports`: how to import (four steps), the template, the upload (which opens the
//! file's preview), and the earlier imports with their counts.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::ErrorMessage;
use crate::components::file_upload::{ACCEPT_SHEETS, FileUpload};
use crate::functions::imports::list_imports;
use crate::i18n::{t, use_i18n};

use super::state_name;

#[component]
pub fn ImportsPage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let on_answer = Callback::new(move |body: String| {
        if let Ok(id) = body.trim().parse::<i32>() {
            navigate(&format!("/admin/imports/{id}"), Default::default());
        }
    });
    let batches = Resource::new(|| (), |()| list_imports());
    view! {
        <AreaGate area=Area::Admin>
            <h1>{t!(i18n, imports.title)}</h1>
            <crate::components::help::HelpPanel screen="admin.imports" />
            <p>{t!(i18n, imports.intro)}</p>
            <ol class="steps" data-testid="import-steps">
                <li>{t!(i18n, imports.step_template)}" "
                    <a href="/admin/imports/template.xlsx" rel="external" download data-testid="import-template">{t!(i18n, imports.template)}</a>
                </li>
                <li>{t!(i18n, imports.step_fill)}</li>
                <li>{t!(i18n, imports.step_upload)}</li>
                <li>{t!(i18n, imports.step_confirm)}</li>
            </ol>
            <section class="panel">
                <h2>{t!(i18n, imports.upload)}</h2>
                <p class="hint">{t!(i18n, imports.limits)}</p>
                <FileUpload endpoint="/api/upload_import" fields=Vec::new() max_mb=10
                    on_done=move |()| () on_answer testid="upload-import" accept=ACCEPT_SHEETS />
            </section>
            <h2>{t!(i18n, imports.history)}</h2>
            <Transition fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match batches.await {
                        Ok(list) if list.is_empty() => view! { <p class="empty">{t!(i18n, imports.no_batches)}</p> }.into_any(),
                        Ok(list) => view! {
                            <div class="table-wrap">
                                <table class="data-table cards-on-phone" data-testid="import-batches">
                                    <thead><tr>
                                        <th>{t!(i18n, imports.file)}</th>
                                        <th>{t!(i18n, imports.state)}</th>
                                        <th>{t!(i18n, imports.rows)}</th>
                                        <th>{t!(i18n, imports.by)}</th>
                                        <th>{t!(i18n, imports.at)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|b| view! {
                                            <tr data-testid="import-batch">
                                                <td><A href=format!("/admin/imports/{}", b.id)>{b.file_name.clone()}</A></td>
                                                <td>{state_name(i18n, &b.state)}</td>
                                                <td>
                                                    {b.totals.rows}" · "
                                                    {t!(i18n, imports.verdict_new)}" "{b.totals.new}" · "
                                                    {t!(i18n, imports.verdict_update)}" "{b.totals.update}" · "
                                                    {t!(i18n, imports.verdict_error)}" "{b.totals.error}
                                                </td>
                                                <td>{b.by.clone()}</td>
                                                <td>{b.at.clone()}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </AreaGate>
    }
}
