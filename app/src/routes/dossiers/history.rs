//! A dossier's submissions (each frozen, with what changed since the one before) and its
//! history (who did what when, from the audit log).
use leptos::prelude::*;

use std::collections::HashMap;

use crate::domain::dossier_diff::Change;
use crate::i18n::{Locale, t, t_string, use_i18n};
use crate::models::dossiers::{DossierView, HistoryEntry};
use crate::routes::dossiers::actions::field_label;

#[component]
pub fn HistorySection(d: DossierView) -> impl IntoView {
    let i18n = use_i18n();
    // Documents are named by their checklist item, as the checklist above names them.
    let items: HashMap<String, (String, String)> = d
        .checklist
        .iter()
        .map(|c| (c.code.clone(), (c.name_vi.clone(), c.name_en.clone())))
        .collect();
    view! {
        {(!d.versions.is_empty()).then(|| view! {
            <section class="panel" data-testid="versions">
                <h2>{t!(i18n, dossiers.versions)}</h2>
                <ol class="versions" reversed>
                    {d.versions.into_iter().map(|v| view! {
                        <li data-testid="version">
                            <strong>{t!(i18n, dossiers.version)}" "{v.number}</strong>
                            <span class="muted">" · "{v.at}" · "{v.by_name}</span>
                            {if v.changes.is_empty() {
                                view! { <p class="muted">{t!(i18n, dossiers.no_changes)}</p> }.into_any()
                            } else {
                                view! { <ul class="changes">{v.changes.into_iter().map(|c| view! { <ChangeLine c items=items.clone() /> }).collect_view()}</ul> }.into_any()
                            }}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        })}
        <section class="panel">
            <h2>{t!(i18n, dossiers.history)}</h2>
            <ul class="history" data-testid="history">
                {d.history.into_iter().map(|h| view! { <HistoryLine h /> }).collect_view()}
            </ul>
        </section>
    }
}

/// "14:09 02/12/2026 · Nguyễn Văn A đã nộp hồ sơ …", in the reader's language.
#[component]
pub(crate) fn HistoryLine(h: HistoryEntry) -> impl IntoView {
    let i18n = use_i18n();
    let english = move || i18n.get_locale() == Locale::en;
    let sentence = h.sentence;
    let who = h.actor_name;
    let who = move || {
        if who.is_empty() {
            t_string!(i18n, dossiers.system).to_string()
        } else {
            who.clone()
        }
    };
    view! {
        <li data-action=h.action>
            <span class="muted">{h.at}" · "</span>
            <strong>{who}</strong>" "{move || sentence.get(english()).to_owned()}
        </li>
    }
}

#[component]
fn ChangeLine(c: Change, items: HashMap<String, (String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let item = move |code: String| {
        let english = i18n.get_locale() == Locale::en;
        match items.get(&code) {
            Some((vi, en)) => format!("{code} {}", if english { en } else { vi }),
            None => code,
        }
    };
    match c {
        Change::Field { field, before, after } => view! {
            <li data-testid="change">{t!(i18n, dossiers.field_changed)}" "<strong>{field_label(i18n, &field)}</strong>": "<del>{before}</del>" → "<ins>{after}</ins></li>
        }.into_any(),
        Change::DocumentAdded { item_code, name } => view! {
            <li data-testid="change">{t!(i18n, dossiers.doc_added)}" "<strong>{item(item_code)}</strong>": "{name}</li>
        }.into_any(),
        Change::DocumentRemoved { item_code, name } => view! {
            <li data-testid="change">{t!(i18n, dossiers.doc_removed)}" "<strong>{item(item_code)}</strong>": "<del>{name}</del></li>
        }.into_any(),
    }
}
