use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::error::ErrorMessage;
use crate::functions::reports::home_figures::get_home_figures;
use crate::i18n::{t, use_i18n};
use crate::models::reports::home_figures::HomeFigures;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let figures = Resource::new(|| (), |_| get_home_figures());
    view! {
        <section class="hero">
            <h1>{t!(i18n, home.title)}</h1>
            <p class="lead">{t!(i18n, home.lead)}</p>
        </section>
        <section aria-labelledby="figures-heading">
            <h2 id="figures-heading">{t!(i18n, home.figures)}</h2>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, home.loading)}</p> }>
                {move || Suspend::new(async move {
                    match figures.await {
                        Ok(f) => view! { <Figures figures=f /> }.into_any(),
                        Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    }
                })}
            </Suspense>
            <p><A href="/units">{t!(i18n, home.see_units)}</A></p>
        </section>
    }
}

#[component]
fn Figures(figures: HomeFigures) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="figures" data-testid="figures">
            <li><strong data-testid="communes">{figures.communes}</strong>" "{t!(i18n, home.communes)}</li>
            <li><strong>{figures.product_groups}</strong>" "{t!(i18n, home.product_groups)}</li>
            <li><strong>{figures.subjects}</strong>" "{t!(i18n, home.subjects)}</li>
            <li>
                <a href="/catalog" rel="external"><strong data-testid="products">{figures.products}</strong>" "{t!(i18n, home.products)}</a>
            </li>
        </ul>
        <h3>{t!(i18n, home.by_stars)}</h3>
        <ul class="stars-list">
            {figures
                .products_by_stars
                .into_iter()
                .map(|s| {
                    view! {
                        <li>
                            <span class="stars" aria-hidden="true">{"★".repeat(s.stars.into())}</span>
                            " "{s.stars}" "{t!(i18n, home.stars)}": "
                            <strong>{s.products}</strong>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
