//! The photos of a product on its form: thumbnails with the cover marked, upload with
//! progress, "make cover" and remove (confirmed).
use leptos::prelude::*;

use crate::components::error::FormError;
use crate::components::file_upload::{ACCEPT_IMAGES, FileUpload};
use crate::components::saved_count::reload_on_success;
use crate::functions::producers::products::{RemoveProductPhoto, SetProductCover};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::producers::products::ProductPhotoView;

#[component]
pub fn ProductPhotos(
    product_id: i32,
    photos: Vec<ProductPhotoView>,
    max_mb: usize,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cover = ServerAction::<SetProductCover>::new();
    let remove = ServerAction::<RemoveProductPhoto>::new();
    reload_on_success(cover, reload);
    reload_on_success(remove, reload);
    let confirm = move |ev: leptos::ev::MouseEvent| {
        let question = t_string!(i18n, products.remove_photo_confirm).to_string();
        if !window().confirm_with_message(&question).unwrap_or(false) {
            ev.prevent_default();
        }
    };
    let empty = photos.is_empty();
    view! {
        <section class="panel" id="photos" data-testid="product-photos">
            <h2>{t!(i18n, products.photos)}</h2>
            <p class="muted">{t!(i18n, products.photos_hint)}</p>
            <FormError error=Signal::derive(move || cover.value().get().and_then(Result::err)) />
            <FormError error=Signal::derive(move || remove.value().get().and_then(Result::err)) />
            {empty.then(|| view! { <p class="muted">{t!(i18n, products.no_photos)}</p> })}
            <ul class="photo-grid">
                {photos.into_iter().map(|p| view! {
                    <li data-testid="photo" class=if p.is_cover { "photo cover" } else { "photo" }>
                        <a href=format!("/files/{}", p.file_id) target="_blank" rel="noopener">
                            <img src=format!("/files/{}/thumb", p.file_id) alt=p.name.clone() loading="lazy" />
                        </a>
                        {if p.is_cover {
                            view! { <span class="badge" data-testid="cover-badge">{t!(i18n, products.cover)}</span> }.into_any()
                        } else {
                            view! {
                                <ActionForm action=cover attr:class="inline-form">
                                    <input type="hidden" name="photo_id" value=p.photo_id.to_string() />
                                    <button type="submit" class="link-button">{t!(i18n, products.make_cover)}</button>
                                </ActionForm>
                            }.into_any()
                        }}
                        <ActionForm action=remove attr:class="inline-form">
                            <input type="hidden" name="photo_id" value=p.photo_id.to_string() />
                            <button type="submit" class="link-button danger" on:click=confirm>{t!(i18n, products.remove_photo)}</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
            <FileUpload endpoint="/api/upload_product_photo" fields=vec![("product_id", product_id.to_string())]
                max_mb on_done=move |()| reload.update(|n| *n += 1) testid="upload-photo" accept=ACCEPT_IMAGES />
        </section>
    }
}
