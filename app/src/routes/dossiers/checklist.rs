//! The dossier's required-document checklist: per item its documents (viewed inline — PDF in
//! the browser's viewer, images as pictures), uploads and removal for the producer, and
//! comments per item for the commune (and the producer's answers). Rendered by the server;
//! uploading, removing and commenting are islands, each fetching the dossier again once done.
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;

use crate::components::error::FormError;
use crate::components::field_error::FieldError;
use crate::components::file_upload::FileUpload;
use crate::components::island_i18n::IslandI18n;
use crate::components::live_region::{refresh, refresh_on_success};
use crate::functions::dossiers::{CommentOnDossier, RemoveDossierDocument};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::dossiers::{ChecklistEntry, CommentView, DocumentView, DossierView};

#[component]
pub fn ChecklistSection(d: DossierView) -> impl IntoView {
    let i18n = use_i18n();
    let may_comment = d.may_review || d.may_edit;
    let ctx = ItemContext {
        dossier_id: d.id,
        may_edit: d.may_edit,
        may_comment,
        max_mb: d.max_upload_mb,
    };
    let missing = d.completeness.missing.clone();
    view! {
        <section class="panel" data-testid="checklist">
            <h2>{t!(i18n, dossiers.checklist)}</h2>
            {d.may_edit.then(|| view! {
                <p class="muted">{t!(i18n, uploads.limits)}" "{d.max_upload_mb}" MB, "{d.max_files_per_item}" "{t!(i18n, uploads.per_item)}"."</p>
            })}
            <ol class="checklist">
                {d.checklist.into_iter().map(|item| {
                    let is_missing = missing.contains(&item.code);
                    view! { <ChecklistItem item ctx is_missing /> }
                }).collect_view()}
            </ol>
            {may_comment.then(|| view! { <CommentForm dossier_id=d.id item_code=String::new() /> })}
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
    let label = name.clone();
    let empty = item.documents.is_empty();
    view! {
        <li class=if is_missing { "checklist-item missing" } else { "checklist-item" } data-testid=format!("item-{}", item.code)
            data-problem=format!("item:{}", item.code) data-label=label tabindex="-1">
            <h3>{name}" "{kind}</h3>
            {empty.then(|| view! { <p class="muted">{t!(i18n, dossiers.no_documents)}</p> })}
            <ul class="documents">
                {item.documents.into_iter().map(|doc| view! { <Document doc may_edit=ctx.may_edit /> }).collect_view()}
            </ul>
            {ctx.may_edit.then(|| view! {
                <DocumentUpload dossier_id=ctx.dossier_id item_code=item.code.clone() max_mb=ctx.max_mb />
            })}
            <CommentList comments=item.comments />
            {ctx.may_comment.then(|| view! { <CommentForm dossier_id=ctx.dossier_id item_code=item.code.clone() /> })}
        </li>
    }
}

/// Uploading a document to an item; the dossier is fetched again once it is stored.
#[island]
fn DocumentUpload(dossier_id: i32, item_code: String, max_mb: usize) -> impl IntoView {
    let testid = format!("upload-{item_code}");
    let fields = vec![
        ("dossier_id", dossier_id.to_string()),
        ("item_code", item_code),
    ];
    view! {
        <IslandI18n>
            <FileUpload endpoint="/api/upload_dossier_document" fields max_mb
                on_done=move |()| refresh("") testid />
        </IslandI18n>
    }
}

/// A document: its link, and a viewer that fetches it only when opened (a closed `<details>`
/// does not load its lazy frame or picture: a dossier holds dozens of documents).
#[component]
fn Document(doc: DocumentView, may_edit: bool) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/files/{}", doc.file_id);
    let size = format_size(doc.size_bytes);
    let preview = if doc.media_type == "application/pdf" {
        view! { <iframe src=href.clone() title=doc.name.clone() class="pdf-view" {..custom_attribute("loading", "lazy")}></iframe> }
            .into_any()
    } else {
        view! { <img src=href.clone() alt=doc.name.clone() class="image-view" loading="lazy" /> }
            .into_any()
    };
    let thumb = doc.has_thumbnail.then(|| {
        view! { <img src=format!("/files/{}/thumb", doc.file_id) alt="" class="thumb" loading="lazy" /> }
    });
    view! {
        <li class="document" data-testid="document">
            {thumb}
            <a href=href.clone() target="_blank" rel="noopener" data-testid="document-link">{doc.name.clone()}</a>
            <span class="muted">" · "{size}</span>
            <details>
                <summary>{t!(i18n, dossiers.view)}</summary>
                {preview}
            </details>
            {may_edit.then(|| view! { <RemoveDocument document_id=doc.document_id /> })}
        </li>
    }
}

/// Removing a document, once confirmed; the dossier is fetched again after.
#[island]
fn RemoveDocument(document_id: i32) -> impl IntoView {
    let remove = ServerAction::<RemoveDossierDocument>::new();
    refresh_on_success(remove, "");
    view! {
        <IslandI18n>
            <RemoveDocumentForm remove document_id />
        </IslandI18n>
    }
}

#[component]
fn RemoveDocumentForm(
    remove: ServerAction<RemoveDossierDocument>,
    document_id: i32,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || remove.value().get().and_then(Result::err));
    let confirm = move |ev: leptos::ev::MouseEvent| {
        let question = t_string!(i18n, dossiers.remove_confirm).to_string();
        if !window().confirm_with_message(&question).unwrap_or(false) {
            ev.prevent_default();
        }
    };
    view! {
        <ActionForm action=remove attr:class="inline-form">
            <input type="hidden" name="document_id" value=document_id.to_string() />
            <button type="submit" class="link-button danger" on:click=confirm>{t!(i18n, dossiers.remove)}</button>
        </ActionForm>
        <FormError error />
    }
}

/// A comment on an item (`item_code`) or on the whole dossier (""); the dossier is fetched
/// again once it is sent.
#[island]
fn CommentForm(dossier_id: i32, item_code: String) -> impl IntoView {
    let comment = ServerAction::<CommentOnDossier>::new();
    refresh_on_success(comment, "");
    view! {
        <IslandI18n>
            <CommentFields comment dossier_id item_code />
        </IslandI18n>
    }
}

#[component]
fn CommentFields(
    comment: ServerAction<CommentOnDossier>,
    dossier_id: i32,
    item_code: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || comment.value().get().and_then(Result::err));
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
        <ActionForm action=comment attr:class="comment-form" attr:data-testid=id.clone()>
            <input type="hidden" name="dossier_id" value=dossier_id.to_string() />
            <input type="hidden" name="item_code" value=item_code />
            <label for=textarea_id.clone() class="visually-hidden">{t!(i18n, dossiers.comment)}</label>
            <textarea id=textarea_id name="body" rows="1" maxlength="4000" required placeholder=move || t_string!(i18n, dossiers.comment).to_string()></textarea>
            <button type="submit" class="secondary" disabled=move || comment.pending().get()>{t!(i18n, dossiers.comment_send)}</button>
        </ActionForm>
        <FormError error />
        <FieldError error field="body" />
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
