//! `POST /help/tour-done`: the tour's "leave" button, a plain form (so the light pages carry no
//! code for it). Remembers that the account finished or left its tour, then goes back to the
//! page it came from without the tour's address. Cross-site posts are refused before this
//! (`routes::same_origin_only`).
use std::collections::HashMap;

use axum::Form;
use axum::response::{IntoResponse, Redirect, Response};

use crate::context::{Ctx, Refusal};

pub async fn tour_done(ctx: Ctx, Form(form): Form<HashMap<String, String>>) -> Response {
    if let Err(err) = app::services::help::finish_tour(&ctx.state.db, &ctx.actor).await {
        return Refusal(err).into_response();
    }
    // Only a page of this site, and never back into the tour.
    let next = form
        .get("next")
        .and_then(|n| app::domain::next_page::safe_next(n))
        .map(|n| n.split(['?', '#']).next().unwrap_or("/"))
        .unwrap_or("/");
    Redirect::to(next).into_response()
}
