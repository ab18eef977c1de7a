//! The one error type that crosses the wire from server functions to pages.
//!
//! Variants mean something to the caller; internal detail is logged on the server and never sent.
//! Pages turn a variant into a sentence in the user's language (see `components::error`).

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::{Bytes, Encodes};
use serde::{Deserialize, Serialize};

use crate::domain::reason::Reason;

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
    /// `more` holds the form's other problems, so a person fixes them all in one go.
    #[error("invalid {field}: {reason}")]
    Invalid {
        field: String,
        reason: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        more: Vec<FieldProblem>,
    },
    #[error("conflict: {reason}")]
    Conflict { reason: String },
    /// Something failed on the server; the detail is in the server log only.
    #[error("internal error")]
    Internal,
    /// The request never reached the function or its answer never came back (network, codec).
    #[error("transport: {0}")]
    Transport(String),
}

/// One wrong field of a form and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: String,
    pub reason: String,
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// A form the server could not read (a field missing or not a number) is the form's
    /// problem, not the network's: it names the field where it can.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::MissingArg(field) => AppError::invalid(&field, Reason::Required),
            ServerFnErrorErr::Args(detail) => {
                AppError::invalid(&field_of(&detail), Reason::FormUnreadable)
            }
            other => AppError::Transport(other.to_string()),
        }
    }

    /// Serialises the error for the wire, and — this is the one place every server-function
    /// error passes on the server — gives the response the matching HTTP status instead of
    /// Leptos' blanket 500.
    fn ser(&self) -> Bytes {
        crate::components::set_api_error_status(self.http_status());
        <JsonEncoding as Encodes<Self>>::encode(self)
            .unwrap_or_else(|_| Bytes::from_static(b"\"Internal\""))
    }
}

impl AppError {
    /// The HTTP status a server function answers with.
    pub fn http_status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::SignInRequired => 401,
            AppError::Forbidden => 403,
            // An upload over the limit, or a text part of an upload form over its cap.
            AppError::Invalid { reason, .. }
                if matches!(
                    Reason::parse(reason),
                    Some(Reason::FileTooLarge | Reason::PartTooLarge)
                ) =>
            {
                413
            }
            AppError::Invalid { .. } => 422,
            AppError::Conflict { reason } if reason == Reason::ServerBusy.code() => 503,
            AppError::Conflict { .. } => 409,
            AppError::Internal => 500,
            // On the server this means the request could not be decoded.
            AppError::Transport(_) => 400,
        }
    }

    pub fn invalid(field: &str, reason: Reason) -> Self {
        AppError::Invalid {
            field: field.to_owned(),
            reason: reason.code().to_owned(),
            more: Vec::new(),
        }
    }

    /// Every problem of a form, first to last: `(field, reason code)`.
    pub fn problems(&self) -> Vec<(&str, &str)> {
        match self {
            AppError::Invalid {
                field,
                reason,
                more,
            } => std::iter::once((field.as_str(), reason.as_str()))
                .chain(more.iter().map(|p| (p.field.as_str(), p.reason.as_str())))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The reason of an `Invalid` or `Conflict`, when it is one the system knows.
    pub fn reason(&self) -> Option<Reason> {
        match self {
            AppError::Invalid { reason, .. } | AppError::Conflict { reason } => {
                Reason::parse(reason)
            }
            _ => None,
        }
    }
}

/// The field a form decoder complained about: serde names it in backticks ("missing field
/// `version`", "invalid digit found in string for key `form[year]`"); the last word in brackets
/// is the field's own name.
fn field_of(detail: &str) -> String {
    let named = detail.split('`').nth(1).unwrap_or_default();
    let inner = named
        .rsplit('[')
        .next()
        .unwrap_or(named)
        .trim_end_matches(']');
    inner.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_the_server_could_not_read_names_its_field() {
        assert_eq!(field_of("missing field `version`"), "version");
        assert_eq!(
            field_of("invalid digit found in string for key `assessment[year]`"),
            "year"
        );
        assert_eq!(field_of("something else"), "");
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args(
            "missing field `met_count`".into(),
        ));
        assert_eq!(err.problems(), vec![("met_count", "form_unreadable")]);
        assert!(matches!(
            AppError::from_server_fn_error(ServerFnErrorErr::Request("down".into())),
            AppError::Transport(_)
        ));
    }
}
