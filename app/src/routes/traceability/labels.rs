//! A product's label (`/labels/:id`): the producer enters the label's content item by item —
//! each item checked as it is typed by `domain::label`, the rule the server applies — says
//! whether the label shows the OCOP mark, and uploads the artwork (every version kept). The
//! subject's commune officers and the province read the same page.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::area_gate::SignedInGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::file_upload::FileUpload;
use crate::components::id_param;
use crate::components::saved_count::reload_on_success;
use crate::domain::label::{self as rules, MarkCheck, MarkClaim, Problem, Status};
use crate::functions::traceability::labels::{
    SaveProductLabel, SetDocumentPublic, get_product_label,
};
use crate::i18n::{Locale, t, t_string, use_i18n};
use crate::models::AppError;
use crate::models::traceability::labels::{ArtworkView, LabelItemView, ProductLabelView};
use leptos_i18n::I18nContext;

/// The label's form and its files (artworks, public documents) load apart, each reloaded by
/// its own saves: saving the label keeps a file chosen but not yet uploaded, and uploading a
/// file keeps label text typed but not yet saved.
#[component]
pub fn LabelPage() -> impl IntoView {
    let product_id = id_param("id");
    let save = ServerAction::<SaveProductLabel>::new();
    let form_reload = RwSignal::new(0u32);
    let files_reload = RwSignal::new(0u32);
    reload_on_success(save, form_reload);
    let label = Resource::new(
        move || (product_id(), form_reload.get()),
        |(id, _)| get_product_label(id),
    );
    let files = Resource::new(
        move || (product_id(), files_reload.get()),
        |(id, _)| get_product_label(id),
    );
    view! {
        <SignedInGate>
            <Transition fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match label.await {
                        Ok(l) => view! { <Label l save /> }.into_any(),
                        Err(AppError::NotFound) => view! { <crate::routes::public::not_found::NotFound /> }.into_any(),
                        Err(AppError::Forbidden) => view! { <crate::components::area_gate::NotAllowed /> }.into_any(),
                        Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    }
                })}
            </Transition>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    files.await.ok().map(|l| view! {
                        <Artworks product_id=l.product_id artworks=l.artworks.clone() may_edit=l.may_edit max_mb=l.max_upload_mb reload=files_reload />
                        <PublicDocuments product_id=l.product_id documents=l.documents.clone() may_edit=l.may_edit reload=files_reload />
                    })
                })}
            </Transition>
        </SignedInGate>
    }
}

#[component]
fn Label(l: ProductLabelView, save: ServerAction<SaveProductLabel>) -> impl IntoView {
    let i18n = use_i18n();
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    let back = if l.may_edit {
        format!("/producer/products/{}", l.product_id)
    } else {
        format!("/products/{}", l.product_id)
    };
    let exempt = l.items.is_empty();
    let crumb = l.product_name.clone();
    view! {
        {move || interactive.get().then(|| view! { <span data-testid="label-interactive" hidden></span> })}
        // The public product page is served outside the router (a light page).
        <p class="breadcrumb"><a href=back rel="external">{crumb}</a></p>
        <h1>{t!(i18n, labels.title)}": "{l.product_name.clone()}</h1>
        <crate::components::help::HelpPanel screen="labels.detail" />
        <p class="muted">{t!(i18n, labels.intro)}" "<span data-testid="label-group">{l.group_code.clone()}" "{l.group_name.clone()}</span></p>
        {exempt.then(|| view! { <p class="empty" data-testid="label-exempt">{t!(i18n, labels.exempt)}</p> })}
        {if l.may_edit {
            view! { <LabelForm l=l.clone() save /> }.into_any()
        } else {
            view! { <LabelReadOnly l=l.clone() /> }.into_any()
        }}
    }
}

/// The form: one field per item, its check under it, updated on every keystroke.
#[component]
fn LabelForm(l: ProductLabelView, save: ServerAction<SaveProductLabel>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    let shows_mark = RwSignal::new(l.shows_mark);
    let stars = RwSignal::new(l.shown_stars.map(|s| s.to_string()).unwrap_or_default());
    let facts = l.certificate_facts;
    let mark = Signal::derive(move || {
        rules::mark_check(
            MarkClaim {
                shows_mark: shows_mark.get(),
                stars: stars.get().parse().ok(),
            },
            facts,
        )
    });
    view! {
        <ActionForm action=save attr:class="stack-form wide-form" attr:data-testid="label-form">
            <input type="hidden" name="product_id" value=l.product_id />
            <input type="hidden" name="version" value=l.version />
            <FormError error />
            {move || saved().then(|| view! { <p class="notice" role="status" data-testid="label-saved">{t!(i18n, labels.saved)}</p> })}
            <LabelTally items=l.items.clone() />
            {l.items.into_iter().map(|v| view! { <ItemField v /> }).collect_view()}
            <fieldset class="mark-claim">
                <legend>{t!(i18n, labels.mark)}</legend>
                <label class="check">
                    <input type="checkbox" name="shows_mark" value="on" data-testid="shows-mark"
                        prop:checked=shows_mark on:change=move |ev| shows_mark.set(event_target_checked(&ev)) />
                    " "{t!(i18n, labels.shows_mark)}
                </label>
                <label for="shown-stars">{t!(i18n, labels.shown_stars)}</label>
                <select id="shown-stars" name="shown_stars" data-testid="shown-stars"
                    on:change=move |ev| stars.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {(1..=5).map(|n| {
                        let n = n.to_string();
                        let selected = stars.get_untracked() == n;
                        view! { <option value=n.clone() selected=selected>{n.clone()}" ★"</option> }
                    }).collect_view()}
                </select>
                <FieldError error field="shown_stars" />
                <MarkResult mark certificate=l.certificate.clone() />
            </fieldset>
            <button type="submit" data-testid="save-label" disabled=move || save.pending().get()>{t!(i18n, labels.save)}</button>
        </ActionForm>
    }
}

#[component]
fn ItemField(v: LabelItemView) -> impl IntoView {
    let i18n = use_i18n();
    let value = RwSignal::new(v.value.clone());
    let item = v.item.clone();
    let status = Signal::derive(move || rules::check_value(&item, &value.get()));
    let id = format!("label-{}", v.item.code);
    let name = format!("content[{}]", v.item.code);
    let long = v.item.check == rules::CheckKind::Text && v.item.code != "name";
    let (vi, en) = (v.item.name_vi.clone(), v.item.name_en.clone());
    view! {
        <div class="label-item" data-testid=format!("label-item-{}", v.item.code)>
            <label for=id.clone()>
                {move || item_name(i18n, &vi, &en)}" "
                {required_badge(i18n, v.item.required)}
            </label>
            {if long {
                view! { <textarea id=id.clone() name=name rows="2" maxlength="1000"
                    on:input=move |ev| value.set(event_target_value(&ev))>{crate::components::text_area::textarea_text(&v.value)}</textarea> }.into_any()
            } else {
                view! { <input id=id.clone() name=name maxlength="1000" value=v.value.clone()
                    on:input=move |ev| value.set(event_target_value(&ev)) /> }.into_any()
            }}
            {format_hint(i18n, v.item.check).map(|hint| view! { <p class="hint">{hint}</p> })}
            <p class="hint">{v.basis.clone()}</p>
            {move || view! { <StatusLine status=status.get() /> }}
        </div>
    }
}

/// How to write an item whose form is checked, before the check says it is wrong.
fn format_hint(i18n: I18nContext<Locale>, check: rules::CheckKind) -> Option<String> {
    let hint = match check {
        rules::CheckKind::Text => return None,
        rules::CheckKind::Origin => t_string!(i18n, labels.hint_origin),
        rules::CheckKind::Quantity => t_string!(i18n, labels.hint_quantity),
        rules::CheckKind::Date => t_string!(i18n, labels.hint_date),
        rules::CheckKind::Ethanol => t_string!(i18n, labels.hint_ethanol),
    };
    Some(hint.to_string())
}

fn item_name(i18n: I18nContext<Locale>, vi: &str, en: &str) -> String {
    match i18n.get_locale() {
        Locale::en => en.to_owned(),
        _ => vi.to_owned(),
    }
}

fn required_badge(i18n: I18nContext<Locale>, required: bool) -> AnyView {
    if required {
        view! { <span class="badge mandatory">{t!(i18n, labels.required)}</span> }.into_any()
    } else {
        view! { <span class="badge">{t!(i18n, labels.if_any)}</span> }.into_any()
    }
}

#[component]
fn StatusLine(status: Status) -> impl IntoView {
    let i18n = use_i18n();
    let (class, text) = match status {
        Status::Present => ("check-ok", t_string!(i18n, labels.present).to_string()),
        Status::NotGiven => ("muted", t_string!(i18n, labels.not_given).to_string()),
        Status::Missing => ("check-fault", t_string!(i18n, labels.missing).to_string()),
        Status::Malformed(p) => ("check-fault", problem_text(i18n, p)),
    };
    view! { <p class=format!("check-line {class}") data-testid="item-status" data-status=status.as_str()>{text}</p> }
}

fn problem_text(i18n: I18nContext<Locale>, p: Problem) -> String {
    match p {
        Problem::TooShort => t_string!(i18n, labels.problem_too_short),
        Problem::OriginWording => t_string!(i18n, labels.problem_origin),
        Problem::QuantityUnit => t_string!(i18n, labels.problem_quantity),
        Problem::DateOrder => t_string!(i18n, labels.problem_date_order),
        Problem::DateMissing => t_string!(i18n, labels.problem_date_missing),
        Problem::EthanolPercent => t_string!(i18n, labels.problem_ethanol),
    }
    .to_string()
}

/// "n of m items in order", over what the page loaded (the form's lines update live).
#[component]
fn LabelTally(items: Vec<LabelItemView>) -> impl IntoView {
    let i18n = use_i18n();
    let faults = items.iter().filter(|v| v.status.is_fault()).count();
    let total = items.len();
    (total > 0).then(|| {
        view! {
            <p class=if faults == 0 { "notice" } else { "warning-box" } data-testid="label-tally" data-faults=faults>
                {if faults == 0 {
                    t_string!(i18n, labels.all_present).to_string()
                } else {
                    format!("{} {faults}/{total}", t_string!(i18n, labels.faults))
                }}
            </p>
        }
    })
}

/// The mark check's verdict: a warning whenever the label claims more than the certificate.
#[component]
pub fn MarkResult(
    #[prop(into)] mark: Signal<MarkCheck>,
    certificate: Option<crate::models::traceability::labels::LabelCertificate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cert_line = certificate.map(|c| {
        format!(
            "{} {} · {}★ · {} {}",
            t_string!(i18n, labels.certificate),
            c.number,
            c.stars,
            t_string!(i18n, labels.valid_until),
            c.valid_until
        )
    });
    move || {
        let m = mark.get();
        let text = match m {
            MarkCheck::NotShown => t_string!(i18n, labels.mark_not_shown).to_string(),
            MarkCheck::Allowed => t_string!(i18n, labels.mark_allowed).to_string(),
            MarkCheck::NoCertificate => t_string!(i18n, labels.mark_no_certificate).to_string(),
            MarkCheck::Expired => t_string!(i18n, labels.mark_expired).to_string(),
            MarkCheck::Revoked => t_string!(i18n, labels.mark_revoked).to_string(),
            MarkCheck::StarsDiffer { label, certificate } => format!(
                "{} ({}: {} ★, {}: {certificate} ★)",
                t_string!(i18n, labels.mark_stars_differ),
                t_string!(i18n, labels.on_label),
                label.map(|s| s.to_string()).unwrap_or_else(|| "—".into()),
                t_string!(i18n, labels.certificate),
            ),
        };
        let class = if m.is_warning() {
            "warning-box"
        } else {
            "notice"
        };
        view! {
            <div class=class role=if m.is_warning() { "alert" } else { "status" } data-testid="mark-check" data-mark=m.as_str()>
                <p>{text}</p>
                {cert_line.clone().map(|c| view! { <p class="muted">{c}</p> })}
            </div>
        }
    }
}

#[component]
fn LabelReadOnly(l: ProductLabelView) -> impl IntoView {
    let i18n = use_i18n();
    let mark = l.mark;
    view! {
        <LabelTally items=l.items.clone() />
        <div class="table-wrap">
            <table class="data-table" data-testid="label-items">
                <thead><tr>
                    <th scope="col">{t!(i18n, labels.item)}</th>
                    <th scope="col">{t!(i18n, labels.content)}</th>
                    <th scope="col">{t!(i18n, labels.result)}</th>
                </tr></thead>
                <tbody>
                    {l.items.into_iter().map(|v| {
                        let (vi, en) = (v.item.name_vi.clone(), v.item.name_en.clone());
                        view! {
                            <tr data-testid=format!("label-item-{}", v.item.code)>
                                <td>{move || item_name(i18n, &vi, &en)}" "{required_badge(i18n, v.item.required)}</td>
                                <td>{v.value.clone()}</td>
                                <td><StatusLine status=v.status /></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2>{t!(i18n, labels.mark)}</h2>
        <MarkResult mark=Signal::derive(move || mark) certificate=l.certificate.clone() />
    }
}

#[component]
fn Artworks(
    product_id: i32,
    artworks: Vec<ArtworkView>,
    may_edit: bool,
    max_mb: usize,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let empty = artworks.is_empty();
    view! {
        <section class="panel" data-testid="label-artworks">
            <h2>{t!(i18n, labels.artwork)}</h2>
            <p class="muted">{t!(i18n, labels.artwork_hint)}</p>
            {empty.then(|| view! { <p class="empty">{t!(i18n, labels.no_artwork)}</p> })}
            <ul class="photo-grid">
                {artworks.into_iter().enumerate().map(|(i, a)| view! {
                    <li class=if i == 0 { "photo cover" } else { "photo" } data-testid="artwork">
                        <a href=format!("/files/{}", a.file_id) target="_blank" rel="noopener">
                            {if a.is_image {
                                view! { <img src=format!("/files/{}/thumb", a.file_id) alt=a.name.clone() loading="lazy" /> }.into_any()
                            } else {
                                view! { <span class="file-icon">"PDF"</span> }.into_any()
                            }}
                        </a>
                        <span class="badge" data-testid="artwork-version">"v"{a.version_no}</span>
                        {(i == 0).then(|| view! { <span class="badge">{t!(i18n, labels.current)}</span> })}
                        <span class="muted small">{a.uploaded_at.clone()}</span>
                    </li>
                }).collect_view()}
            </ul>
            {may_edit.then(|| view! {
                <FileUpload endpoint="/api/upload_label_artwork" fields=vec![("product_id", product_id.to_string())]
                    max_mb on_done=move |()| reload.update(|n| *n += 1) testid="upload-artwork" />
            })}
        </section>
    }
}

/// The label's result inside a dossier: what the commune and the province check before
/// forwarding, with a link to the whole label.
#[component]
pub fn LabelSummaryPanel(s: crate::models::traceability::labels::LabelSummary) -> impl IntoView {
    let i18n = use_i18n();
    let names = move |list: Vec<(String, String)>| {
        list.into_iter()
            .map(|(vi, en)| item_name(i18n, &vi, &en))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let (missing, malformed) = (s.missing.clone(), s.malformed.clone());
    let in_order = s.entered && missing.is_empty() && malformed.is_empty();
    let mark = s.mark;
    view! {
        <section class="panel" data-testid="dossier-label">
            <h2>{t!(i18n, labels.dossier_title)}</h2>
            {(!s.entered && s.applicable > 0).then(|| view! { <p class="warning-box" data-testid="label-not-entered">{t!(i18n, labels.not_entered)}</p> })}
            {(s.entered && in_order).then(|| view! { <p class="notice">{t!(i18n, labels.all_present)}</p> })}
            {(s.entered && !missing.is_empty()).then(|| view! {
                <p class="warning-box" data-testid="label-missing">{t!(i18n, labels.missing_items)}" "{names(missing.clone())}</p>
            })}
            {(!malformed.is_empty()).then(|| view! {
                <p class="warning-box" data-testid="label-malformed">{t!(i18n, labels.malformed_items)}" "{names(malformed.clone())}</p>
            })}
            <MarkResult mark=Signal::derive(move || mark) certificate=None />
            <p class="muted">{t!(i18n, labels.artwork_versions)}" "{s.artwork_versions}</p>
            <p><A href=format!("/labels/{}", s.product_id) attr:data-testid="dossier-label-link">{t!(i18n, labels.open_label)}</A></p>
        </section>
    }
}

/// The standard and test reports of the product's dossiers: the producer chooses which the
/// public product page offers (nothing else of a dossier is ever public).
#[component]
fn PublicDocuments(
    product_id: i32,
    documents: Vec<crate::models::traceability::labels::PublicDocumentView>,
    may_edit: bool,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let set = ServerAction::<SetDocumentPublic>::new();
    reload_on_success(set, reload);
    let empty = documents.is_empty();
    view! {
        <section class="panel" data-testid="public-documents">
            <h2>{t!(i18n, labels.documents_title)}</h2>
            <p class="muted">{t!(i18n, labels.documents_hint)}</p>
            <FormError error=Signal::derive(move || set.value().get().and_then(Result::err)) />
            {empty.then(|| view! { <p class="empty">{t!(i18n, labels.no_documents)}</p> })}
            <ul class="documents">
                {documents.into_iter().map(|d| {
                    let kind = document_kind(i18n, &d.item_code);
                    view! {
                        <li data-testid="public-document" data-public=d.public.to_string()>
                            <a href=format!("/files/{}", d.file_id) target="_blank" rel="noopener">{d.name.clone()}</a>
                            " · "<span class="muted">{kind}</span>" "
                            {d.public.then(|| view! { <span class="badge">{t!(i18n, labels.public_badge)}</span> })}
                            {may_edit.then(|| view! {
                                <ActionForm action=set attr:class="inline-form">
                                    <input type="hidden" name="product_id" value=product_id />
                                    <input type="hidden" name="file_id" value=d.file_id />
                                    <input type="hidden" name="public" value=(!d.public).to_string() />
                                    <button type="submit" class="link-button" data-testid="toggle-public">
                                        {if d.public { t!(i18n, labels.make_private).into_any() } else { t!(i18n, labels.make_public).into_any() }}
                                    </button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// "Declared standard" or "Test report", in the visitor's language.
pub fn document_kind(i18n: I18nContext<Locale>, item_code: &str) -> String {
    match item_code {
        "product_standard" => t_string!(i18n, labels.doc_standard),
        _ => t_string!(i18n, labels.doc_test_report),
    }
    .to_string()
}
