//! The query string of a Digital Link. A parameter named by digits is a GS1 AI: it must be a
//! data attribute GS1 defines (keys and key qualifiers belong in the path), appear once, and
//! have a value of its format. Any other parameter (`linkType`, `context`, a campaign tag) is
//! not part of the link and is left alone.
use super::LinkProblem;
use crate::domain::gs1_ai::{self, Role};
use crate::domain::text::percent_decode;

/// How many digits of an unknown AI a problem repeats (the longest AI has four).
pub const SHOWN_DIGITS: usize = 6;

/// The AI data attributes of `query`, in their order, checked.
///
/// # Errors
/// The first problem met, naming its AI.
pub fn attributes(query: Option<&str>) -> Result<Vec<(String, String)>, LinkProblem> {
    let mut found: Vec<(String, String)> = Vec::new();
    for pair in query.unwrap_or_default().split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let Some(ai) = percent_decode(key).filter(|k| is_ai_name(k)) else {
            continue;
        };
        let Some(known) = gs1_ai::lookup(&ai) else {
            return Err(LinkProblem::UnknownAi(
                ai.chars().take(SHOWN_DIGITS).collect(),
            ));
        };
        if known.role != Role::Attribute {
            return Err(LinkProblem::KeyInQuery(ai));
        }
        if found.iter().any(|(seen, _)| *seen == ai) {
            return Err(LinkProblem::RepeatedAi(ai));
        }
        let Some(value) = percent_decode(value) else {
            return Err(LinkProblem::BadAiValue(ai));
        };
        if value.is_empty() {
            return Err(LinkProblem::EmptyAi(ai));
        }
        if !gs1_ai::valid(known.format, &value) {
            return Err(LinkProblem::BadAiValue(ai));
        }
        found.push((ai, value));
    }
    Ok(found)
}

/// A parameter named only by digits names an AI (GS1 Digital Link URI syntax).
fn is_ai_name(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit())
}
