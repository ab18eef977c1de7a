//! In-app help (`app/locales/help/{vi,en}.json`): a panel per work-area screen, a guided tour
//! per role, and a printable one-page guide per role.
use serde::{Deserialize, Serialize};

/// A screen's help panel: what it is for, the steps, what happens next.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpText {
    pub title: String,
    pub purpose: String,
    pub steps: Vec<String>,
    pub next: String,
}

/// One step of a tour: the element it points at (a `data-testid` on the role's home).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TourStep {
    pub target: String,
    pub title: String,
    pub text: String,
}

/// The tour to show now, at `step` (from 1) of `steps`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TourView {
    pub role: String,
    pub step: usize,
    pub steps: Vec<TourStep>,
    /// In demo mode a trainer may start any role's tour: the roles with one.
    pub demo_roles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideSection {
    pub heading: String,
    pub lines: Vec<String>,
}

/// A role's one-page guide, printed for a training session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guide {
    pub title: String,
    pub intro: String,
    pub sections: Vec<GuideSection>,
}
