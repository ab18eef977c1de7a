//! `/producer/products/new` and `/producer/products/{id}`: a product's form. After creating a
//! product the page moves to its own address; a stale save is refused and keeps what was typed.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::saved_count::saved_count;
use crate::functions::master_data::units::product_groups;
use crate::functions::producers::products::{SaveProduct, get_product};
use crate::i18n::{t, use_i18n};
use crate::models::master_data::units::ProductGroupNode;
use crate::models::producers::products::ProductDetail;
use crate::routes::producers::product_photos::ProductPhotos;

#[component]
pub fn ProductFormPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Producer>
            <ProductLoader />
        </AreaGate>
    }
}

#[component]
fn ProductLoader() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let save = ServerAction::<SaveProduct>::new();
    let saves = saved_count(save);
    // A new product moves to its own address once saved.
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = save.value().get()
            && params.read_untracked().get("id").is_none()
        {
            navigate(&format!("/producer/products/{id}"), Default::default());
        }
    });
    let product_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
    };
    let photos_changed = RwSignal::new(0u32);
    let product = Resource::new(
        move || (product_id(), saves.get(), photos_changed.get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => get_product(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    // Loaded with the product, not in a suspense of its own inside this one: a nested
    // suspense resolving in another order in the browser made hydration fail now and then.
    let groups = Resource::new(|| (), |_| product_groups());
    view! {
        <p><A href="/producer/products">"← "{t!(i18n, products.title)}</A></p>
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                let groups = groups.await.unwrap_or_default();
                match product.await {
                    Ok(p) => {
                        let photos = p.as_ref().map(|p| {
                            let (id, photos, max_mb) = (p.id, p.photos.clone(), p.max_upload_mb);
                            view! {
                                <p class="actions">
                                    <A href=format!("/producer/products/{id}/lots") attr:data-testid="lots-link">{t!(i18n, lots.lots_link)}</A>
                                    " · "<A href=format!("/labels/{id}") attr:data-testid="label-link">{t!(i18n, labels.title)}</A>
                                    " · "<a href=format!("/products/{id}") rel="external" data-testid="public-product-link">{t!(i18n, lots.public_product)}</a>
                                </p>
                                <ProductPhotos product_id=id photos max_mb reload=photos_changed />
                            }
                        });
                        view! { <ProductForm product=p groups save />{photos} }.into_any()
                    }
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ProductForm(
    product: Option<ProductDetail>,
    groups: Vec<ProductGroupNode>,
    save: ServerAction<SaveProduct>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    let is_new = product.is_none();
    let p = product.unwrap_or_else(empty_product);
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let price = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    let title = p.name.clone();
    let group = p.group_code.clone();
    view! {
        <h1 data-testid="product-title">
            {if is_new { t!(i18n, products.add).into_any() } else { title.into_any() }}
        </h1>
        <crate::components::help::HelpPanel screen="products.form" />
        <FormError error />
        {move || saved().then(|| view! { <p class="notice" role="status" data-testid="product-saved">{t!(i18n, products.saved)}</p> })}
        <ActionForm action=save attr:class="stack-form wide-form" attr:data-testid="product-form">
            <input type="hidden" name="product[product_id]" value=p.id.to_string() prop:value=p.id.to_string() />
            <input type="hidden" name="product[version]" value=p.version.to_string() prop:value=p.version.to_string() />
            <fieldset>
                <legend>{t!(i18n, profile.general)}</legend>
                <label for="name">{t!(i18n, products.name)}</label>
                <input id="name" name="product[name]" required maxlength="300" value=p.name.clone() prop:value=p.name.clone() />
                <FieldError error field="name" />
                <label for="group_code">{t!(i18n, products.group)}</label>
                <select id="group_code" name="product[group_code]" required>
                    <GroupOptionList groups selected=group />
                </select>
                <FieldError error field="group_code" />
                <label for="description">{t!(i18n, products.description)}</label>
                <textarea id="description" name="product[description]" rows="4" maxlength="4000" prop:value=text(&p.description)>{crate::components::text_area::textarea_text(&text(&p.description))}</textarea>
                <FieldError error field="description" />
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, products.specifications)}</legend>
                <label for="net_quantity">{t!(i18n, products.net_quantity)}</label>
                <input id="net_quantity" name="product[net_quantity]" maxlength="100" placeholder="500 g" value=text(&p.net_quantity) prop:value=text(&p.net_quantity) />
                <FieldError error field="net_quantity" />
                <label for="packaging">{t!(i18n, products.packaging)}</label>
                <input id="packaging" name="product[packaging]" maxlength="200" value=text(&p.packaging) prop:value=text(&p.packaging) />
                <FieldError error field="packaging" />
                <label for="shelf_life">{t!(i18n, products.shelf_life)}</label>
                <input id="shelf_life" name="product[shelf_life]" maxlength="100" placeholder="12 tháng" value=text(&p.shelf_life) prop:value=text(&p.shelf_life) />
                <FieldError error field="shelf_life" />
                <label for="price_min">{t!(i18n, products.price_min)}</label>
                <input id="price_min" name="product[price_min]" inputmode="numeric" maxlength="16" value=price(p.price_min) prop:value=price(p.price_min) />
                <FieldError error field="price_min" />
                <label for="price_max">{t!(i18n, products.price_max)}</label>
                <input id="price_max" name="product[price_max]" inputmode="numeric" maxlength="16" value=price(p.price_max) prop:value=price(p.price_max) />
                <FieldError error field="price_max" />
                <label for="raw_material_area">{t!(i18n, products.raw_material_area)}</label>
                <input id="raw_material_area" name="product[raw_material_area]" maxlength="500" value=text(&p.raw_material_area) prop:value=text(&p.raw_material_area) />
                <FieldError error field="raw_material_area" />
                <label for="gtin">{t!(i18n, products.gtin)}</label>
                <input id="gtin" name="product[gtin]" inputmode="numeric" maxlength="20" aria-describedby="gtin-hint" value=text(&p.gtin) prop:value=text(&p.gtin) />
                <p class="hint" id="gtin-hint">{t!(i18n, products.gtin_hint)}</p>
                <FieldError error field="gtin" />
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, products.story)}</legend>
                <p class="muted">{t!(i18n, products.story_hint)}</p>
                <textarea id="story" name="product[story]" rows="10" maxlength="20000" aria-label=move || crate::i18n::t_string!(i18n, products.story).to_string() prop:value=text(&p.story)>{crate::components::text_area::textarea_text(&text(&p.story))}</textarea>
                <FieldError error field="story" />
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, products.points_of_sale)}</legend>
                <p class="muted">{t!(i18n, products.points_of_sale_hint)}</p>
                <textarea id="points_of_sale" name="product[points_of_sale]" rows="4" maxlength="2000" data-testid="points-of-sale" aria-label=move || crate::i18n::t_string!(i18n, products.points_of_sale).to_string() prop:value=text(&p.points_of_sale)>{crate::components::text_area::textarea_text(&text(&p.points_of_sale))}</textarea>
                <FieldError error field="points_of_sale" />
            </fieldset>
            <button type="submit" disabled=move || save.pending().get()>{t!(i18n, products.save)}</button>
        </ActionForm>
    }
}

fn empty_product() -> ProductDetail {
    ProductDetail {
        id: 0,
        subject_id: 0,
        name: String::new(),
        group_code: String::new(),
        group_name: String::new(),
        stars: None,
        description: None,
        net_quantity: None,
        packaging: None,
        shelf_life: None,
        price_min: None,
        price_max: None,
        raw_material_area: None,
        story: None,
        gtin: None,
        points_of_sale: None,
        version: 0,
        may_edit: true,
        photos: Vec::new(),
        max_upload_mb: 20,
    }
}

/// The product groups of Decision 148 as indented options ("I.1.a Rau, củ, quả…").
#[component]
pub fn GroupOptions(selected: String) -> impl IntoView {
    let i18n = use_i18n();
    let groups = Resource::new(|| (), |_| product_groups());
    view! {
        <option value="">{t!(i18n, register.choose)}</option>
        <Suspense fallback=|| ()>
            {move || {
                let selected = selected.clone();
                Suspend::new(async move {
                    let mut options = Vec::new();
                    flatten(&groups.await.unwrap_or_default(), 0, &mut options);
                    keep_retired(&mut options, &selected);
                    options
                        .into_iter()
                        .map(|(code, label)| {
                            let chosen = code == selected;
                            view! { <option value=code selected=chosen>{label}</option> }
                        })
                        .collect_view()
                })
            }}
        </Suspense>
    }
}

/// The same options from groups already loaded.
#[component]
fn GroupOptionList(groups: Vec<ProductGroupNode>, selected: String) -> impl IntoView {
    let i18n = use_i18n();
    let mut options = Vec::new();
    flatten(&groups, 0, &mut options);
    keep_retired(&mut options, &selected);
    view! {
        <option value="">{t!(i18n, register.choose)}</option>
        {options
            .into_iter()
            .map(|(code, label)| {
                let chosen = code == selected;
                view! { <option value=code selected=chosen>{label}</option> }
            })
            .collect_view()}
    }
}

/// A product filed under a group since retired keeps it on offer (only its own), so saving
/// the form does not move it to another group unasked.
fn keep_retired(options: &mut Vec<(String, String)>, selected: &str) {
    if !selected.is_empty() && !options.iter().any(|(code, _)| code == selected) {
        options.push((selected.to_owned(), selected.to_owned()));
    }
}

fn flatten(nodes: &[ProductGroupNode], depth: usize, out: &mut Vec<(String, String)>) {
    for n in nodes {
        let indent = "\u{a0}\u{a0}".repeat(depth);
        out.push((n.code.clone(), format!("{indent}{} {}", n.code, n.name_vi)));
        flatten(&n.children, depth + 1, out);
    }
}
