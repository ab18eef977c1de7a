//! Uploading one file with visible progress. The form posts to a multipart server function and
//! works without JavaScript; in the browser it is sent with XMLHttpRequest, whose upload
//! events drive a progress bar, and a file over the limit is refused before it is sent.
use leptos::prelude::*;

use crate::components::field_error::FieldError;
use crate::i18n::{t, use_i18n};
use crate::models::AppError;

/// What the browser accepts in the file picker (the server decides from the content anyway).
pub const ACCEPT_DOCUMENTS: &str =
    "application/pdf,image/jpeg,image/png,image/webp,.pdf,.jpg,.jpeg,.png,.webp";
pub const ACCEPT_XLSX: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,.xlsx";
pub const ACCEPT_IMAGES: &str = "image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp";
pub const ACCEPT_SHEETS: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,.xlsx,.csv";

/// The state of the upload in progress (only the browser changes it).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Progress {
    Idle,
    /// 0–100.
    Sending(u32),
    Done,
    Failed(AppError),
}

/// A form posting `file` plus the hidden `fields` to `endpoint`; `on_done` runs after a
/// successful upload (to reload the list), `on_answer` with the function's answer (JSON).
#[component]
pub fn FileUpload(
    endpoint: &'static str,
    fields: Vec<(&'static str, String)>,
    max_mb: usize,
    #[prop(into)] on_done: Callback<()>,
    #[prop(into)] testid: String,
    #[prop(default = ACCEPT_DOCUMENTS)] accept: &'static str,
    #[prop(optional, into)] on_answer: Option<Callback<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let progress = RwSignal::new(Progress::Idle);
    let error = Signal::derive(move || match progress.get() {
        Progress::Failed(e) => Some(e),
        _ => None,
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        send(ev, endpoint, max_mb, progress, (on_done, on_answer));
        #[cfg(not(feature = "hydrate"))]
        let _ = (max_mb, on_done, on_answer);
    };
    view! {
        <form
            class="upload-form"
            method="post"
            action=endpoint
            enctype="multipart/form-data"
            on:submit=on_submit
            data-testid=testid
        >
            {fields
                .into_iter()
                .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
                .collect_view()}
            <input type="file" name="file" required accept=accept aria-label=move || crate::i18n::t_string!(i18n, uploads.choose).to_string() />
            <button type="submit" class="secondary" disabled=move || matches!(progress.get(), Progress::Sending(_))>
                {t!(i18n, uploads.send)}
            </button>
            {move || match progress.get() {
                Progress::Sending(pct) => Some(view! {
                    <progress max="100" value=pct.to_string() data-testid="upload-progress"></progress>
                    <span class="muted">{format!("{pct}%")}</span>
                }.into_any()),
                Progress::Done => Some(view! { <span class="notice" role="status" data-testid="upload-done">{t!(i18n, uploads.done)}</span> }.into_any()),
                _ => None,
            }}
            <FieldError error field="file" />
            <FieldError error field="item_code" />
            {move || match error.get() {
                Some(AppError::Invalid { .. }) | None => None,
                Some(other) => Some(view! { <crate::components::error::ErrorMessage error=other /> }),
            }}
        </form>
    }
}

#[cfg(feature = "hydrate")]
fn send(
    ev: leptos::ev::SubmitEvent,
    endpoint: &'static str,
    max_mb: usize,
    progress: RwSignal<Progress>,
    (on_done, on_answer): (Callback<()>, Option<Callback<String>>),
) {
    use leptos::wasm_bindgen::{JsCast, closure::Closure};
    use leptos::web_sys::{
        FormData, HtmlFormElement, HtmlInputElement, ProgressEvent, XmlHttpRequest,
    };

    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    let file = form
        .query_selector("input[type=file]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .and_then(|files| files.get(0));
    let Some(file) = file else {
        progress.set(Progress::Failed(AppError::invalid(
            "file",
            crate::domain::reason::Reason::FileEmpty,
        )));
        return;
    };
    if file.size() > (max_mb * 1024 * 1024) as f64 {
        progress.set(Progress::Failed(AppError::invalid(
            "file",
            crate::domain::reason::Reason::FileTooLarge,
        )));
        return;
    }
    let (Ok(data), Ok(xhr)) = (FormData::new_with_form(&form), XmlHttpRequest::new()) else {
        progress.set(Progress::Failed(AppError::Transport("xhr".into())));
        return;
    };
    if xhr.open("POST", endpoint).is_err() {
        progress.set(Progress::Failed(AppError::Transport("xhr".into())));
        return;
    }
    let _ = xhr.set_request_header("Accept", "application/json");
    let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            progress.set(Progress::Sending((e.loaded() * 100.0 / e.total()) as u32));
        }
    });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    on_progress.forget();
    let answered = xhr.clone();
    let on_load = Closure::once_into_js(move || {
        let body = answered.response_text().ok().flatten().unwrap_or_default();
        match answered.status().unwrap_or(0) {
            200..=299 => {
                progress.set(Progress::Done);
                form.reset();
                on_done.run(());
                if let Some(answer) = on_answer {
                    answer.run(body);
                }
            }
            _ => progress.set(Progress::Failed(
                serde_json::from_str::<AppError>(&body).unwrap_or(AppError::Transport(body)),
            )),
        }
    });
    xhr.set_onloadend(Some(on_load.unchecked_ref()));
    progress.set(Progress::Sending(0));
    if xhr.send_with_opt_form_data(Some(&data)).is_err() {
        progress.set(Progress::Failed(AppError::Transport("xhr".into())));
    }
}
