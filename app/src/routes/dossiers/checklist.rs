//! The dossier's required-document checklist: per item its documents (viewed inline — PDF in
//! the browser's viewer, images as pictures), uploads and removal for the producer, and
//! comments per item for the commune (and the producer's answers).
use leptos::prelude::*;

use crate::components::error::FormError;
use crate::components::field_error::FieldError;
use crate::components::file_upload::FileUpload;
use crate::functions::dossiers::{CommentOnDossier, RemoveDossierDocument};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::dossiers::{ChecklistEntry, CommentView, DocumentView, DossierView};
use crate::routes::dossiers::detail::DossierActions;

#[component]
pub fn ChecklistSection(d: DossierView, actions: DossierActions) -> impl IntoView {
    let i18n = use_i18n();
    let DossierActions {
        remove,
        comment,
        reload,
        ..
    } = actions;
    let may_comment = d.may_review || d.may_edit;
    let ctx = ItemContext {
        dossier_id: d.id,
        may_edit: d.may_edit,
        may_comment,
        max_mb: d.max_upload_mb,
        remove,
        comment,
        reload,
    };
    let missing = d.completeness.missing.clone();
    view! {
        <section class="panel" data-testid="checklist">
            <h2>{t!(i18n, dossiers.checklist)}</h2>
            {d.may_edit.then(|| view! {
                <p class="muted">{t!(i18n, uploads.limits)}" "{d.max_upload_mb}" MB, "{d.max_files_per_item}" / item."</p>
            })}
            <FormError error=Signal::derive(move || remove.value().get().and_then(Result::err)) />
            <FormError error=Signal::derive(move || comment.value().get().and_then(Result::err)) />
            <FieldError error=Signal::derive(move || comment.value().get().and_then(Result::err)) field="body" />
            <ol class="checklist">
                {d.checklist.into_iter().map(|item| {
                    let is_missing = missing.contains(&item.code);
                    view! { <ChecklistItem item ctx is_missing /> }
                }).collect_view()}
            </ol>
            {may_comment.then(|| view! { <CommentForm ctx item_code=String::new() /> })}
        </section>
    }
}

/// What every item of one dossier shares.
#[derive(Clone, Copy)]
struct ItemContext {
    dossier_id: i32,
    may_edit: bool,
    may_comment: bool,
    max_mb: usize,
    remove: ServerAction<RemoveDossierDocument>,
    comment: ServerAction<CommentOnDossier>,
    reload: RwSignal<u32>,
}

#[component]
fn ChecklistItem(item: ChecklistEntry, ctx: ItemContext, is_missing: bool) -> impl IntoView {
    let i18n = use_i18n();
    let kind = if item.mandatory {
        view! { <span class="badge mandatory">{t!(i18n, dossiers.mandatory)}</span> }.into_any()
    } else {
        view! { <span class="badge">{t!(i18n, dossiers.supporting)}</span> }.into_any()
    };
    let name = match i18n.get_locale() {
        crate::i18n::Locale::en => item.name_en.clone(),
        _ => item.name_vi.clone(),
    };
    let code = item.code.clone();
    let label = name.clone();
    let empty = item.documents.is_empty();
    view! {
        <li class=if is_missing { "checklist-item missing" } else { "checklist-item" } data-testid=format!("item-{}", item.code)
            data-problem=format!("item:{}", item.code) data-label=label tabindex="-1">
            <h3>{name}" "{kind}</h3>
            {empty.then(|| view! { <p class="muted">{t!(i18n, dossiers.no_documents)}</p> })}
            <ul class="documents">
                {item.documents.into_iter().map(|doc| view! { <Document doc ctx /> }).collect_view()}
            </ul>
            {ctx.may_edit.then(|| {
                let fields = vec![("dossier_id", ctx.dossier_id.to_string()), ("item_code", code.clone())];
                view! {
                    <FileUpload endpoint="/api/upload_dossier_document" fields max_mb=ctx.max_mb
                        on_done=move |()| ctx.reload.update(|n| *n += 1)
                        testid=format!("upload-{code}") />
                }
            })}
            <CommentList comments=item.comments />
            {ctx.may_comment.then(|| view! { <CommentForm ctx item_code=item.code.clone() /> })}
        </li>
    }
}

#[component]
fn Document(doc: DocumentView, ctx: ItemContext) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/files/{}", doc.file_id);
    let size = format_size(doc.size_bytes);
    let is_pdf = doc.media_type == "application/pdf";
    // The document is fetched only when its viewer is opened: a dossier holds dozens.
    let open = RwSignal::new(false);
    let (src, name) = (href.clone(), doc.name.clone());
    let preview = move || {
        open.get().then(|| {
            if is_pdf {
                view! { <iframe src=src.clone() title=name.clone() class="pdf-view"></iframe> }
                    .into_any()
            } else {
                view! { <img src=src.clone() alt=name.clone() class="image-view" /> }.into_any()
            }
        })
    };
    let thumb = doc.has_thumbnail.then(|| {
        view! { <img src=format!("/files/{}/thumb", doc.file_id) alt="" class="thumb" loading="lazy" /> }
    });
    let remove = ctx.remove;
    let confirm = move |ev: leptos::ev::MouseEvent| {
        let question = t_string!(i18n, dossiers.remove_confirm).to_string();
        if !window().confirm_with_message(&question).unwrap_or(false) {
            ev.prevent_default();
        }
    };
    view! {
        <li class="document" data-testid="document">
            {thumb}
            <a href=href.clone() target="_blank" rel="noopener" data-testid="document-link">{doc.name.clone()}</a>
            <span class="muted">" · "{size}</span>
            <details on:toggle=move |ev| {
                use leptos::wasm_bindgen::JsCast;
                let opened = ev
                    .target()
                    .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlDetailsElement>().ok())
                    .is_some_and(|d| d.open());
                open.set(opened);
            }>
                <summary>{t!(i18n, dossiers.view)}</summary>
                {preview}
            </details>
            {ctx.may_edit.then(|| view! {
                <ActionForm action=remove attr:class="inline-form">
                    <input type="hidden" name="document_id" value=doc.document_id.to_string() />
                    <button type="submit" class="link-button danger" on:click=confirm>{t!(i18n, dossiers.remove)}</button>
                </ActionForm>
            })}
        </li>
    }
}

#[component]
fn CommentForm(ctx: ItemContext, item_code: String) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!(
        "comment-{}",
        if item_code.is_empty() {
            "general"
        } else {
            &item_code
        }
    );
    let textarea_id = format!("{id}-body");
    view! {
        <ActionForm action=ctx.comment attr:class="comment-form" attr:data-testid=id.clone()>
            <input type="hidden" name="dossier_id" value=ctx.dossier_id.to_string() />
            <input type="hidden" name="item_code" value=item_code />
            <label for=textarea_id.clone() class="visually-hidden">{t!(i18n, dossiers.comment)}</label>
            <textarea id=textarea_id name="body" rows="1" maxlength="4000" required placeholder=move || t_string!(i18n, dossiers.comment).to_string()></textarea>
            <button type="submit" class="secondary" disabled=move || ctx.comment.pending().get()>{t!(i18n, dossiers.comment_send)}</button>
        </ActionForm>
    }
}

#[component]
pub fn CommentList(comments: Vec<CommentView>) -> impl IntoView {
    let i18n = use_i18n();
    (!comments.is_empty()).then(|| view! {
        <ul class="comments">
            {comments.into_iter().map(|c| view! {
                <li class=if c.by_official { "comment official" } else { "comment" } data-testid="comment">
                    <span class="muted">
                        {c.at}" · "{c.author_name}
                        {c.by_official.then(|| view! { " ("{t!(i18n, dossiers.official)}")" })}
                        " · #"{c.submission_no}
                    </span>
                    <p class="prewrap">{c.body}</p>
                </li>
            }).collect_view()}
        </ul>
    })
}

/// "820 KB", "3.4 MB".
fn format_size(bytes: i64) -> String {
    let kb = bytes as f64 / 1024.0;
    if kb < 1024.0 {
        format!("{:.0} KB", kb.max(1.0))
    } else {
        format!("{:.1} MB", kb / 1024.0)
    }
}
