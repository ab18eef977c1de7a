//! Product ideas: `/producer/ideas` (register an idea, turn an accepted one into a product)
//! and `/commune/ideas` (accept, or decline with a reason). Newest first.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::saved_count::saved_count;
use crate::domain::product_idea::IdeaState;
use crate::functions::producers::ideas::{DecideIdea, IdeaToProduct, SubmitIdea, list_ideas};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::producers::ideas::IdeaRow;
use crate::routes::producers::product_form::GroupOptions;

#[component]
pub fn ProducerIdeasPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Producer>
            <Ideas producer=true />
        </AreaGate>
    }
}

#[component]
pub fn CommuneIdeasPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Commune>
            <Ideas producer=false />
        </AreaGate>
    }
}

#[component]
fn Ideas(producer: bool) -> impl IntoView {
    let i18n = use_i18n();
    let submit = ServerAction::<SubmitIdea>::new();
    let decide = ServerAction::<DecideIdea>::new();
    let to_product = ServerAction::<IdeaToProduct>::new();
    let (submits, decisions) = (saved_count(submit), saved_count(decide));
    let ideas = Resource::new(move || (submits.get(), decisions.get()), |_| list_ideas());
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = to_product.value().get() {
            navigate(&format!("/producer/products/{id}"), Default::default());
        }
    });
    let decide_error = Signal::derive(move || decide.value().get().and_then(Result::err));
    let product_error = Signal::derive(move || to_product.value().get().and_then(Result::err));
    view! {
        <h1>{t!(i18n, ideas.title)}</h1>
        <crate::components::help::HelpPanel screen={if producer { "ideas.producer" } else { "ideas.commune" }} />
        <p class="muted">{t!(i18n, ideas.intro)}</p>
        {producer.then(|| view! { <IdeaForm submit /> })}
        <FormError error=decide_error />
        <FieldError error=decide_error field="comment" />
        <FormError error=product_error />
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match ideas.await {
                    Ok(rows) if rows.is_empty() => view! { <p class="empty" data-testid="ideas-empty">{t!(i18n, ideas.empty)}</p> }.into_any(),
                    Ok(rows) => view! {
                        <ul class="idea-list" data-testid="ideas">
                            {rows.into_iter().map(|idea| view! { <IdeaCard idea decide to_product /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn IdeaForm(submit: ServerAction<SubmitIdea>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || submit.value().get().and_then(Result::err));
    view! {
        <section class="panel">
            <h2>{t!(i18n, ideas.new_idea)}</h2>
            <FormError error />
            {move || matches!(submit.value().get(), Some(Ok(_))).then(|| view! { <p class="notice" role="status" data-testid="idea-sent">{t!(i18n, ideas.sent)}</p> })}
            <ActionForm action=submit attr:class="stack-form wide-form" attr:data-testid="idea-form">
                <label for="idea-name">{t!(i18n, ideas.name)}</label>
                <input id="idea-name" name="name" required maxlength="300" />
                <FieldError error field="name" />
                <label for="idea-group">{t!(i18n, products.group)}</label>
                <select id="idea-group" name="group_code" required>
                    <GroupOptions selected=String::new() />
                </select>
                <FieldError error field="group_code" />
                <label for="idea-description">{t!(i18n, ideas.description)}</label>
                <textarea id="idea-description" name="description" rows="4" maxlength="4000" required></textarea>
                <FieldError error field="description" />
                <label for="idea-raw">{t!(i18n, ideas.raw_materials)}</label>
                <input id="idea-raw" name="raw_materials" maxlength="1000" />
                <FieldError error field="raw_materials" />
                <button type="submit" disabled=move || submit.pending().get()>{t!(i18n, ideas.send)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn IdeaCard(
    idea: IdeaRow,
    decide: ServerAction<DecideIdea>,
    to_product: ServerAction<IdeaToProduct>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = idea.state;
    let label = move || match state {
        IdeaState::Submitted => t_string!(i18n, ideas.submitted).to_string(),
        IdeaState::Accepted => t_string!(i18n, ideas.accepted).to_string(),
        IdeaState::Declined => t_string!(i18n, ideas.declined).to_string(),
    };
    let comment_id = format!("idea-comment-{}", idea.id);
    view! {
        <li class="panel" data-testid="idea">
            <h3>{idea.name.clone()}" "<span class=format!("badge idea-{}", state.as_str()) data-testid="idea-state" data-state=state.as_str()>{label}</span></h3>
            <p class="muted">{idea.subject_name.clone()}" · "{idea.commune_name.clone()}" · "<span class="code">{idea.group_code.clone()}</span>" · "{idea.created_at.clone()}</p>
            <p class="prewrap">{idea.description.clone()}</p>
            {(!idea.raw_materials.is_empty()).then(|| view! { <p>{t!(i18n, ideas.raw_materials)}": "{idea.raw_materials.clone()}</p> })}
            {idea.commune_comment.clone().map(|c| view! { <p class="comment official"><strong>{t!(i18n, ideas.commune_says)}": "</strong>{c}</p> })}
            {idea.may_decide.then(|| view! {
                <ActionForm action=decide attr:class="stack-form" attr:data-testid="decide-idea">
                    <input type="hidden" name="idea_id" value=idea.id.to_string() />
                    <input type="hidden" name="version" value=idea.version.to_string() />
                    <label for=comment_id.clone()>{t!(i18n, ideas.comment)}</label>
                    <textarea id=comment_id.clone() name="comment" rows="2" maxlength="4000"></textarea>
                    <div class="button-row">
                        <button type="submit" name="accept" value="true" data-testid="accept-idea">{t!(i18n, ideas.accept)}</button>
                        <button type="submit" name="accept" value="false" class="danger" data-testid="decline-idea">{t!(i18n, ideas.decline)}</button>
                    </div>
                </ActionForm>
            })}
            {idea.may_make_product.then(|| view! {
                <ActionForm action=to_product attr:class="inline-form">
                    <input type="hidden" name="idea_id" value=idea.id.to_string() />
                    <button type="submit" data-testid="idea-to-product">{t!(i18n, ideas.make_product)}</button>
                </ActionForm>
            })}
            {idea.product_id.map(|id| view! { <p><A href=format!("/producer/products/{id}")>{t!(i18n, ideas.product_made)}</A></p> })}
        </li>
    }
}
