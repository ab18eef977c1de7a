//! `/products/:id`: a product's public page — what its QR code opens (through the Digital Link
//! resolver): photos, story, subject and commune, stars with the certificate and whether it is
//! valid (a clear warning when not), the label's content, where to buy it, the GTIN with its
//! barcode, and the QR code itself. Served as a light page (`light.rs`): HTML, no script.
use crate::i18n::{t, use_i18n};
use crate::models::producers::products::PublicProduct;
use leptos::prelude::*;

/// The page's body (`light::document` puts the site frame around it).
#[component]
pub fn PublicProductView(p: PublicProduct) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <article class="public-product" data-testid="public-product">
            <p class="muted">{p.group_name.clone()}</p>
            <h1 data-testid="product-name">{p.name.clone()}</h1>
            <crate::routes::traceability::public_lot::CertificateStanding certificate=p.certificate.clone() />
            {(!p.photos.is_empty()).then(|| view! {
                <ul class="photo-grid">
                    {p.photos.iter().map(|id| view! { <li class="photo"><img src=format!("/files/{id}/thumb") alt=p.name.clone() loading="lazy" /></li> }).collect_view()}
                </ul>
            })}
            <dl class="facts">
                <dt>{t!(i18n, certificates.subject)}</dt><dd><a href=format!("/subjects/{}", p.subject_id)>{p.subject_name.clone()}</a></dd>
                {p.subject_address.clone().map(|a| view! { <dt>{t!(i18n, certificates.address)}</dt><dd>{a}</dd> })}
                <dt>{t!(i18n, certificates.commune)}</dt><dd>{p.commune_name.clone()}</dd>
                {p.net_quantity.clone().map(|v| view! { <dt>{t!(i18n, products.net_quantity)}</dt><dd>{v}</dd> })}
                {p.shelf_life.clone().map(|v| view! { <dt>{t!(i18n, products.shelf_life)}</dt><dd>{v}</dd> })}
                {p.raw_material_area.clone().map(|v| view! { <dt>{t!(i18n, products.raw_material_area)}</dt><dd>{v}</dd> })}
                {p.gtin.clone().map(|g| view! { <dt>"GTIN"</dt><dd class="code" data-testid="product-gtin">{g}</dd> })}
            </dl>
            {p.description.clone().map(|d| view! { <p>{d}</p> })}
            {(!p.label_facts.is_empty()).then(|| view! {
                <section data-testid="label-facts">
                    <h2>{t!(i18n, labels.public_title)}</h2>
                    <dl class="facts">
                        {p.label_facts.iter().map(|(vi, en, text)| {
                            let (vi, en) = (vi.clone(), en.clone());
                            view! {
                                <dt>{move || if i18n.get_locale() == crate::i18n::Locale::en { en.clone() } else { vi.clone() }}</dt>
                                <dd class="prewrap">{text.clone()}</dd>
                            }
                        }).collect_view()}
                    </dl>
                </section>
            })}
            {(!p.documents.is_empty()).then(|| view! {
                <section data-testid="product-documents">
                    <h2>{t!(i18n, labels.documents_public_title)}</h2>
                    <ul>
                        {p.documents.iter().map(|d| {
                            let kind = crate::routes::traceability::labels::document_kind(i18n, &d.item_code);
                            view! { <li><a href=format!("/files/{}", d.file_id)>{kind}": "{d.name.clone()}</a></li> }
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!p.points_of_sale.is_empty()).then(|| view! {
                <section data-testid="points-of-sale">
                    <h2>{t!(i18n, products.points_of_sale)}</h2>
                    <ul>{p.points_of_sale.iter().map(|place| view! { <li>{place.clone()}</li> }).collect_view()}</ul>
                </section>
            })}
            {p.story.clone().map(|s| view! {
                <section><h2>{t!(i18n, products.story)}</h2>{s.split("\n\n").map(|para| view! { <p>{para.to_owned()}</p> }).collect_view()}</section>
            })}
            <div class="codes">
                {p.barcode_svg.clone().map(|svg| view! { <div class="barcode" inner_html=svg></div> })}
                {p.qr_svg.clone().map(|svg| view! {
                    <figure class="qr">
                        <div inner_html=svg></div>
                        <figcaption class="muted code" data-testid="digital-link">{p.qr_link.clone()}</figcaption>
                        <a href=format!("/products/{}/qr.png", p.id) download data-testid="qr-png">{t!(i18n, products.qr_png)}</a>
                    </figure>
                })}
            </div>
        </article>
    }
}
