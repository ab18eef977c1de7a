//! The council's minutes as a complete HTML file for the escalation archive: the page's own
//! minutes component (`components::minutes`, also rendered at `/rounds/:id/minutes`) with a
//! print style. This renderer wraps a component on purpose, so the archived document and the
//! page can never differ; it still takes a model and touches no database.
use leptos::prelude::*;

use crate::components::minutes::MinutesDocument;
use crate::models::evaluation::rounds::Minutes;

/// The minutes as a complete HTML file (for the archive): the document and a print style.
pub fn standalone_html(minutes: &Minutes) -> String {
    let title = format!("Biên bản — {}", minutes.round_name)
        .replace('&', "&amp;")
        .replace('<', "&lt;");
    let minutes = minutes.clone();
    let body = Owner::new().with(|| view! { <MinutesDocument minutes /> }.to_html());
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>{STYLE}</style></head><body>{body}</body></html>"
    )
}

const STYLE: &str = "body{font-family:'Times New Roman',serif;margin:2cm;color:#000}\
.minutes-head{display:flex;justify-content:space-between;text-align:center;gap:2rem}\
.minutes-head p{margin:.1rem 0}h1{text-align:center;margin:1.5rem 0 .2rem}\
.minutes-title{text-align:center;font-weight:bold}table{border-collapse:collapse;width:100%}\
th,td{border:1px solid #000;padding:.2rem .4rem;vertical-align:top}.num{text-align:right}\
.signatures{display:flex;justify-content:space-around;text-align:center;margin-top:2rem}\
.signatures p{margin-top:4rem}";
