//! The one error type that crosses the wire from server functions to pages.
//!
//! Variants mean something to the caller; internal detail is logged on the server and never sent.
//! Pages turn a variant into a sentence in the user's language (see `components::error`).

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// The visitor must sign in first.
    #[error("sign in required")]
    SignInRequired,
    #[error("forbidden")]
    Forbidden,
    /// A field the user filled in is wrong; `field` names it so the form can show the message
    /// beside it, `reason` is a stable key the page translates.
    #[error("invalid {field}: {reason}")]
    Invalid { field: String, reason: String },
    #[error("conflict: {reason}")]
    Conflict { reason: String },
    /// Something failed on the server; the detail is in the server log only.
    #[error("internal error")]
    Internal,
    /// The request never reached the function or its answer never came back (network, codec).
    #[error("transport: {0}")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

impl AppError {
    pub fn invalid(field: &str, reason: &str) -> Self {
        AppError::Invalid {
            field: field.to_owned(),
            reason: reason.to_owned(),
        }
    }
}
