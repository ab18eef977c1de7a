//! The help content files (`app/locales/help/{vi,en}.json`), compiled in: the server reads
//! them for every page and the whole client for its own panels, so a panel renders at once on
//! both sides with nothing to fetch (a fetched panel inside a page's loaded data could hydrate
//! out of step). The light client carries none of it: its pages are the server's HTML.
use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::models::help::{Guide, HelpText, TourStep};

const VI: &str = include_str!("../locales/help/vi.json");
const EN: &str = include_str!("../locales/help/en.json");

#[derive(Debug, Default, Deserialize)]
pub struct HelpFile {
    pub screens: BTreeMap<String, HelpText>,
    pub tours: BTreeMap<String, Vec<TourStep>>,
    pub guides: BTreeMap<String, Guide>,
}

/// The content in one language, or why it does not parse (a test reads this).
///
/// # Errors
/// A file that is not valid JSON of this shape.
pub fn parse(english: bool) -> Result<HelpFile, serde_json::Error> {
    serde_json::from_str(if english { EN } else { VI })
}

/// The content in one language, parsed once. A file that does not parse fails the tests; a
/// build with one would show no help.
pub fn file(english: bool) -> &'static HelpFile {
    static FILES: OnceLock<[HelpFile; 2]> = OnceLock::new();
    let files = FILES.get_or_init(|| {
        [
            parse(false).unwrap_or_default(),
            parse(true).unwrap_or_default(),
        ]
    });
    &files[usize::from(english)]
}

/// A screen's panel.
pub fn screen(key: &str, english: bool) -> Option<&'static HelpText> {
    file(english).screens.get(key)
}
