//! `/trainings/{id}`: one session — what, when, where, for whom — its list of people with the
//! ticks of who came, the sign-in sheet to print, and (for its organisers) adding people: an
//! account found by name, phone or e-mail, or someone without an account by name.
use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::area_gate::SignedInGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::saved_count::reload_on_success;
use crate::functions::training::{
    AddTrainingAttendee, RemoveTrainingAttendee, TickTrainingAttendance, get_training,
    search_training_accounts,
};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::training::{AttendanceInput, AttendeeInput, AttendeeRow, TrainingView};
use crate::routes::inspections::pair;

#[component]
pub fn TrainingPage() -> impl IntoView {
    view! {
        <SignedInGate>
            <Training />
        </SignedInGate>
    }
}

#[component]
fn Training() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or_default()
    };
    let reload = RwSignal::new(0u32);
    let add = ServerAction::<AddTrainingAttendee>::new();
    let remove = ServerAction::<RemoveTrainingAttendee>::new();
    let tick = ServerAction::<TickTrainingAttendance>::new();
    reload_on_success(add, reload);
    reload_on_success(remove, reload);
    reload_on_success(tick, reload);
    let session = Resource::new(move || (id(), reload.get()), |(id, _)| get_training(id));
    view! {
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match session.await {
                    Ok(v) => view! { <Session v add remove tick /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Session(
    v: TrainingView,
    add: ServerAction<AddTrainingAttendee>,
    remove: ServerAction<RemoveTrainingAttendee>,
    tick: ServerAction<TickTrainingAttendance>,
) -> impl IntoView {
    let i18n = use_i18n();
    let s = v.session.clone();
    let id = s.id;
    view! {
        <p><a href="/trainings">{t!(i18n, training.back)}</a></p>
        <h1 data-testid="training-title">{s.title.clone()}</h1>
        <crate::components::help::HelpPanel screen="training.detail" />
        <dl class="facts">
            <dt>{t!(i18n, training.held_on)}</dt><dd>{s.held_on.clone()}</dd>
            <dt>{t!(i18n, training.audience)}</dt><dd>{pair(i18n, s.audience.label())}</dd>
            <dt>{t!(i18n, training.place)}</dt><dd>{pair(i18n, s.mode.label())}" · "{s.place.clone()}</dd>
            <dt>{t!(i18n, training.trainer)}</dt><dd>{s.trainer.clone()}</dd>
            <dt>{t!(i18n, training.topics)}</dt><dd class="pre-line">{v.topics.clone()}</dd>
            {(!s.commune_name.is_empty()).then(|| view! { <dt>{t!(i18n, training.commune)}</dt><dd>{s.commune_name.clone()}</dd> })}
        </dl>
        {v.may_tick.then(|| view! {
            <p><a href=format!("/trainings/{id}/sign-in.pdf") download rel="external" data-testid="sign-in-sheet">{t!(i18n, training.sign_in_sheet)}</a>
                " "<span class="muted">{t!(i18n, training.sign_in_hint)}</span></p>
        })}
        <Attendance rows=v.attendees.clone() may_tick=v.may_tick id remove tick />
        {v.may_tick.then(|| view! { <AddPeople id add subjects=v.subjects.clone() /> })}
    }
}

/// The list with a checkbox per person; saving sends the ticked ones.
#[component]
fn Attendance(
    rows: Vec<AttendeeRow>,
    may_tick: bool,
    id: i32,
    remove: ServerAction<RemoveTrainingAttendee>,
    tick: ServerAction<TickTrainingAttendance>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ticked = RwSignal::new(
        rows.iter()
            .filter(|r| r.attended)
            .map(|r| r.id)
            .collect::<BTreeSet<i32>>(),
    );
    let error = Signal::derive(move || tick.value().get().and_then(Result::err));
    let saved = move || matches!(tick.value().get(), Some(Ok(_)));
    let save = move |_| {
        tick.dispatch(TickTrainingAttendance {
            input: AttendanceInput {
                session_id: id,
                attended: ticked.get_untracked().into_iter().collect(),
            },
        });
    };
    let confirm = move |ev: leptos::ev::MouseEvent| {
        let question = t_string!(i18n, training.remove_confirm).to_string();
        if !window().confirm_with_message(&question).unwrap_or(false) {
            ev.prevent_default();
        }
    };
    let empty = rows.is_empty();
    view! {
        <section class="panel" data-testid="attendance">
            <h2>{t!(i18n, training.people)}" ("{rows.len()}")"</h2>
            {empty.then(|| view! { <p class="empty" data-testid="attendance-empty">{t!(i18n, training.no_people)}</p> })}
            <ul class="attendance-list">
                {rows.into_iter().map(|r| {
                    let row_id = r.id;
                    view! {
                        <li data-testid="attendee">
                            <label class="check">
                                <input type="checkbox" disabled=!may_tick
                                    prop:checked=move || ticked.with(|t| t.contains(&row_id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        ticked.update(|t| { if on { t.insert(row_id); } else { t.remove(&row_id); } });
                                    } />
                                <span><strong>{r.full_name.clone()}</strong>
                                    {(!r.unit.is_empty()).then(|| view! { " — "{r.unit.clone()} })}
                                    {r.contact.clone().map(|c| view! { <br /><span class="muted">{c}</span> })}
                                    {(!r.has_account).then(|| view! { <br /><span class="badge muted" data-testid="no-account">{t!(i18n, training.no_account)}</span> })}
                                </span>
                            </label>
                            {may_tick.then(|| view! {
                                <ActionForm action=remove attr:class="inline-form">
                                    <input type="hidden" name="session_id" value=id.to_string() />
                                    <input type="hidden" name="attendee_id" value=row_id.to_string() />
                                    <button type="submit" class="link-button danger" on:click=confirm>{t!(i18n, training.remove)}</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(may_tick && !empty).then(|| view! {
                <FormError error />
                {move || saved().then(|| view! { <p class="notice" role="status" data-testid="attendance-saved">{t!(i18n, training.attendance_saved)}</p> })}
                <button type="button" class="primary" on:click=save disabled=move || tick.pending().get() data-testid="save-attendance">{t!(i18n, training.save_attendance)}</button>
            })}
        </section>
    }
}

/// Adding people: an account by search, or a person by name.
#[component]
fn AddPeople(
    id: i32,
    add: ServerAction<AddTrainingAttendee>,
    subjects: Vec<(i32, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let search = Action::new(move |q: &String| search_training_accounts(id, q.clone()));
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        search.dispatch(query.get_untracked());
    };
    // A new search after someone was added drops them from the results.
    Effect::new(move |_| {
        if matches!(add.value().get(), Some(Ok(_))) && !query.get_untracked().trim().is_empty() {
            search.dispatch(query.get_untracked());
        }
    });
    let add_account = move |user_id: i32| {
        add.dispatch(AddTrainingAttendee {
            input: AttendeeInput {
                session_id: id,
                user_id: user_id.to_string(),
                ..Default::default()
            },
        });
    };
    view! {
        <section class="panel" data-testid="add-people">
            <h2>{t!(i18n, training.add)}</h2>
            <FormError error />
            <form class="inline-search" on:submit=find>
                <label for="people-search">{t!(i18n, training.search)}</label>
                <input id="people-search" type="search" maxlength="100" prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev)) data-testid="people-search" />
                <button type="submit">{t!(i18n, training.find)}</button>
            </form>
            <FieldError error=Signal::derive(move || search.value().get().and_then(Result::err)) field="query" />
            {move || search.value().get().and_then(Result::ok).map(|found| if found.is_empty() {
                view! { <p class="muted" data-testid="no-match">{t!(i18n, training.no_match)}</p> }.into_any()
            } else {
                view! {
                    <ul class="match-list">
                        {found.into_iter().map(|m| {
                            let user_id = m.user_id;
                            view! {
                                <li data-testid="account-match">
                                    <span>{m.full_name}{(!m.unit.is_empty()).then(|| format!(" — {}", m.unit))}</span>
                                    " "<button type="button" class="primary" on:click=move |_| add_account(user_id)
                                        disabled=move || add.pending().get()>{t!(i18n, training.add_button)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
            <h3>{t!(i18n, training.by_name)}</h3>
            <p class="hint">{t!(i18n, training.by_name_hint)}</p>
            <ActionForm action=add attr:class="stack-form" attr:data-testid="add-by-name">
                <input type="hidden" name="input[session_id]" value=id.to_string() />
                <label for="person-name">{t!(i18n, training.full_name)}</label>
                <input id="person-name" name="input[full_name]" required maxlength="200" />
                <FieldError error field="full_name" />
                {(!subjects.is_empty()).then(|| view! {
                    <label for="person-subject-id">{t!(i18n, training.subject_pick)}</label>
                    <select id="person-subject-id" name="input[subject_id]">
                        <option value="">{t!(i18n, training.subject_none)}</option>
                        {subjects.into_iter().map(|(sid, name)| view! { <option value=sid.to_string()>{name}</option> }).collect_view()}
                    </select>
                    <FieldError error field="subject_id" />
                })}
                <label for="person-subject">{t!(i18n, training.subject)}</label>
                <input id="person-subject" name="input[subject_name]" maxlength="300" />
                <FieldError error field="subject_name" />
                <label for="person-contact">{t!(i18n, training.contact)}</label>
                <input id="person-contact" name="input[contact]" maxlength="254" />
                <p class="hint">{t!(i18n, training.contact_hint)}</p>
                <FieldError error field="contact" />
                <button type="submit" disabled=move || add.pending().get() data-testid="add-person">{t!(i18n, training.add_button)}</button>
            </ActionForm>
        </section>
    }
}
