//! On a producer's products page: what their subject's profile and products still lack
//! (`domain::completeness`), each gap a link to the field that fixes it, and the rule itself.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::functions::producers::completeness::my_completeness;
use crate::i18n::{t, use_i18n};
use crate::models::producers::completeness::GapView;

#[component]
pub fn InfoGaps() -> impl IntoView {
    let i18n = use_i18n();
    let gaps = Resource::new(|| (), |_| my_completeness());
    let links = move |list: Vec<GapView>, english: bool| {
        list.into_iter()
            .map(|g| {
                view! {
                    <li data-testid=format!("gap-{}", g.key)>
                        <A href=g.href.clone()>{g.label.get(english).to_owned()}</A>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel info-gaps" data-testid="info-gaps">
            <h2>{t!(i18n, completeness.title)}</h2>
            <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    let english = i18n.get_locale_untracked() == crate::i18n::Locale::en;
                    match gaps.await {
                        Ok(v) if v.complete() => view! {
                            <p class="notice" data-testid="info-complete">{t!(i18n, completeness.all_done)}</p>
                        }.into_any(),
                        Ok(v) => view! {
                            {(!v.subject.is_empty()).then(|| view! {
                                <h3>{t!(i18n, completeness.profile)}" — "{v.subject_name.clone()}</h3>
                                <ul class="gap-list" data-testid="subject-gaps">{links(v.subject.clone(), english)}</ul>
                            })}
                            {v.products.into_iter().map(|p| view! {
                                <h3 data-testid="product-gaps-name">{p.name}</h3>
                                <ul class="gap-list" data-testid="product-gaps">{links(p.gaps, english)}</ul>
                            }).collect_view()}
                        }.into_any(),
                        Err(e) => view! { <crate::components::error::ErrorMessage error=e /> }.into_any(),
                    }
                })}
            </Suspense>
            <details class="rule" data-testid="completeness-rule">
                <summary>{t!(i18n, completeness.rule_title)}</summary>
                <p>{t!(i18n, completeness.rule)}</p>
            </details>
        </section>
    }
}
