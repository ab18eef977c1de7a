//! In-app help, from the content files beside the translations (`app/locales/help/vi.json`,
//! `en.json`): each work-area screen's panel, each role's guided tour (shown once to a
//! first-time user, remembered as done when they finish or leave it, and on request), and each
//! role's one-page guide for training sessions. The files are compiled in and parsed once.
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::auth::{Actor, Denied, Role};
use crate::entities::user_account;
use crate::models::help::TourView;
use crate::services::ServiceError;

/// The roles with a tour and a guide, as the content files name them.
pub const ROLES: [&str; 5] = ["producer", "commune", "province", "council", "admin"];

pub use crate::help::{HelpFile, file, parse};

/// The content files' name for a role.
pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::Producer => "producer",
        Role::CommuneOfficer => "commune",
        Role::ProvincialOfficer => "province",
        Role::CouncilMember | Role::AdvisoryMember => "council",
        Role::Administrator => "admin",
    }
}

/// The tour to show on a home: at `step` when asked for (from the help panel, or a trainer
/// in demo mode naming another role), else at its start for an account that has not yet
/// finished or left it; `None` otherwise.
///
/// # Errors
/// A database error.
pub async fn tour(
    db: &DatabaseConnection,
    actor: &Actor,
    asked_role: Option<&str>,
    step: Option<usize>,
    english: bool,
    demo_mode: bool,
) -> Result<Option<TourView>, ServiceError> {
    let Actor::User { user_id, role, .. } = actor else {
        return Ok(None);
    };
    let role = match asked_role {
        Some(asked) if demo_mode && ROLES.contains(&asked) => asked,
        _ => role_key(*role),
    };
    if step.is_none() {
        let done = user_account::Entity::find_by_id(*user_id)
            .one(db)
            .await?
            .is_none_or(|u| u.tour_done_at.is_some());
        if done {
            return Ok(None);
        }
    }
    let steps = file(english).tours.get(role).cloned().unwrap_or_default();
    if steps.is_empty() {
        return Ok(None);
    }
    Ok(Some(TourView {
        role: role.to_owned(),
        step: step.unwrap_or(1).clamp(1, steps.len()),
        steps,
        demo_roles: if demo_mode {
            ROLES.iter().map(|r| (*r).to_owned()).collect()
        } else {
            Vec::new()
        },
    }))
}

/// Remembers that the signed-in account finished or left its tour.
///
/// # Errors
/// `Denied` for a visitor; a database error.
pub async fn finish_tour(db: &DatabaseConnection, actor: &Actor) -> Result<(), ServiceError> {
    let Some(id) = actor.user_id() else {
        return Err(ServiceError::Denied(Denied::SignInRequired));
    };
    user_account::Entity::update_many()
        .col_expr(
            user_account::Column::TourDoneAt,
            Expr::value(crate::clock::now()),
        )
        .filter(user_account::Column::Id.eq(id))
        .filter(user_account::Column::TourDoneAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// A role's one-page guide as PDF (Vietnamese: it is handed out at training sessions).
///
/// # Errors
/// `NotFound` for a role with none; a rendering failure.
pub fn guide_pdf(role: &str) -> Result<(String, Vec<u8>), ServiceError> {
    let guide = file(false)
        .guides
        .get(role)
        .filter(|_| ROLES.contains(&role))
        .ok_or(ServiceError::NotFound)?;
    let bytes = crate::documents::role_guide::render(guide)?;
    Ok((format!("huong-dan-{role}.pdf"), bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::help::TourStep;
    use std::collections::BTreeSet;

    fn both() -> (HelpFile, HelpFile) {
        (
            parse(false).expect("vi.json parses"),
            parse(true).expect("en.json parses"),
        )
    }

    #[test]
    fn every_text_exists_in_both_languages() {
        let (vi, en) = both();
        let keys = |f: &HelpFile| f.screens.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&vi), keys(&en));
        for (key, v) in &vi.screens {
            let e = &en.screens[key];
            for text in [&v.title, &v.purpose, &v.next, &e.title, &e.purpose, &e.next] {
                assert!(!text.trim().is_empty(), "{key}: an empty text");
            }
            assert_eq!(v.steps.len(), e.steps.len(), "{key}: steps");
            assert!((1..=6).contains(&v.steps.len()), "{key}: steps");
            assert!(v.purpose.chars().count() <= 300, "{key}: a short purpose");
        }
        for role in ROLES {
            let (v, e) = (&vi.tours[role], &en.tours[role]);
            assert!(!v.is_empty(), "{role}: a tour");
            let targets = |t: &[TourStep]| t.iter().map(|s| s.target.clone()).collect::<Vec<_>>();
            assert_eq!(targets(v), targets(e), "{role}: the same targets");
            let (gv, ge) = (&vi.guides[role], &en.guides[role]);
            assert_eq!(gv.sections.len(), ge.sections.len(), "{role}: guide");
            assert!(!gv.sections.is_empty());
        }
    }

    /// Every work-area screen's panel names a screen of the files, and every screen of the
    /// files has its panel on some page.
    #[test]
    fn every_screen_has_its_panel_and_every_panel_its_text() {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("routes").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(std::fs::read_to_string(&path).expect("a route file"));
                }
            }
        }
        let mut sources = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/routes");
        walk(&root, &mut sources);
        let mut used = BTreeSet::new();
        for source in &sources {
            for part in source.split("HelpPanel screen=").skip(1) {
                let tag = part.split("/>").next().unwrap_or_default();
                for quoted in tag.split('"').skip(1).step_by(2) {
                    used.insert(quoted.to_owned());
                }
            }
        }
        let (vi, _) = both();
        let keys: BTreeSet<String> = vi.screens.keys().cloned().collect();
        assert_eq!(used, keys);
    }

    #[test]
    fn each_guide_fits_one_page() {
        for role in ROLES {
            let (_, pdf) = guide_pdf(role).expect("a guide");
            assert!(pdf.starts_with(b"%PDF"));
            let guide = &parse(false).expect("vi.json parses").guides[role];
            assert_eq!(
                crate::documents::role_guide::pages(guide),
                1,
                "{role}: one page"
            );
        }
        assert!(matches!(guide_pdf("visitor"), Err(ServiceError::NotFound)));
    }
}
