//! How far the province is from its target that every official running the OCOP programme and
//! every subject with OCOP products use the information system fluently. Pure, so the figures,
//! their lists and the tests count with the same rules:
//!
//! - an account is *active* when it is enabled and signed in within the last 90 days;
//! - a subject *uses the system* when one of its members' accounts is active and its
//!   information is complete (`domain::completeness`);
//! - a commune officer *works in it* when active and they have acted on a dossier; a council
//!   or advisory member when active and they have submitted a score sheet.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Signed in within this many days: an active account.
pub const ACTIVE_WITHIN_DAYS: i64 = 90;

/// Whether an enabled account that last signed in on `last` is active on `today`.
pub fn active_user(enabled: bool, last: Option<NaiveDate>, today: NaiveDate) -> bool {
    enabled && last.is_some_and(|d| d <= today && (today - d).num_days() <= ACTIVE_WITHIN_DAYS)
}

/// What is known of a subject with OCOP products.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectUse {
    /// One of its members has an enabled account.
    pub has_account: bool,
    /// One of those accounts is active.
    pub active: bool,
    pub complete: bool,
    /// One of its people attended a training.
    pub trained: bool,
}

impl SubjectUse {
    /// The target: it uses the system (active and complete).
    pub fn uses(self) -> bool {
        self.active && self.complete
    }

    /// Why it does not yet (the first step missing), for the supervision team's list.
    pub fn missing(self) -> Option<Missing> {
        if !self.has_account {
            Some(Missing::NoAccount)
        } else if !self.active {
            Some(Missing::NotSignedIn)
        } else if !self.complete {
            Some(Missing::Incomplete)
        } else {
            None
        }
    }
}

/// What an official does in the system.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialUse {
    pub active: bool,
    /// Acted on a dossier (a commune officer) or submitted a score sheet (a council member).
    pub worked: bool,
    pub trained: bool,
}

impl OfficialUse {
    pub fn uses(self) -> bool {
        self.active && self.worked
    }

    pub fn missing(self) -> Option<Missing> {
        if !self.active {
            Some(Missing::NotSignedIn)
        } else if !self.worked {
            Some(Missing::NoWork)
        } else {
            None
        }
    }
}

/// The first step someone has not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Missing {
    NoAccount,
    NotSignedIn,
    Incomplete,
    NoWork,
}

impl Missing {
    pub fn as_str(self) -> &'static str {
        match self {
            Missing::NoAccount => "no_account",
            Missing::NotSignedIn => "not_signed_in",
            Missing::Incomplete => "incomplete",
            Missing::NoWork => "no_work",
        }
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Missing::NoAccount => ("Chưa có tài khoản", "No account"),
            Missing::NotSignedIn => ("Chưa đăng nhập trong 90 ngày", "Not signed in for 90 days"),
            Missing::Incomplete => ("Thông tin chưa đầy đủ", "Information incomplete"),
            Missing::NoWork => (
                "Chưa xử lý hồ sơ / chấm phiếu nào",
                "No dossier handled or sheet scored yet",
            ),
        }
    }
}

/// Counts of a group of subjects (a commune, the province).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectTally {
    pub total: i64,
    pub with_account: i64,
    pub active: i64,
    pub complete: i64,
    pub trained: i64,
    pub using: i64,
}

pub fn tally_subjects(subjects: impl IntoIterator<Item = SubjectUse>) -> SubjectTally {
    let mut t = SubjectTally::default();
    for s in subjects {
        t.total += 1;
        t.with_account += i64::from(s.has_account);
        t.active += i64::from(s.active);
        t.complete += i64::from(s.complete);
        t.trained += i64::from(s.trained);
        t.using += i64::from(s.uses());
    }
    t
}

/// Counts of a group of officials.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialTally {
    pub total: i64,
    pub active: i64,
    pub worked: i64,
    pub trained: i64,
    pub using: i64,
}

pub fn tally_officials(officials: impl IntoIterator<Item = OfficialUse>) -> OfficialTally {
    let mut t = OfficialTally::default();
    for o in officials {
        t.total += 1;
        t.active += i64::from(o.active);
        t.worked += i64::from(o.worked);
        t.trained += i64::from(o.trained);
        t.using += i64::from(o.uses());
    }
    t
}

/// `done` of `total` in percent, rounded down; 100 for an empty group (nothing is missing).
pub fn percent(done: i64, total: i64) -> i64 {
    if total <= 0 {
        100
    } else {
        done.clamp(0, total) * 100 / total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn active_means_enabled_and_signed_in_within_90_days() {
        let today = day("2026-12-06");
        assert!(active_user(true, Some(day("2026-09-07")), today), "90 days");
        assert!(
            !active_user(true, Some(day("2026-09-06")), today),
            "91 days"
        );
        assert!(!active_user(false, Some(today), today), "locked");
        assert!(!active_user(true, None, today), "never");
        assert!(
            !active_user(true, Some(day("2026-12-07")), today),
            "a clock ahead"
        );
    }

    #[test]
    fn the_first_missing_step_by_hand() {
        let s = |has_account, active, complete| SubjectUse {
            has_account,
            active,
            complete,
            trained: false,
        };
        assert_eq!(s(false, false, true).missing(), Some(Missing::NoAccount));
        assert_eq!(s(true, false, true).missing(), Some(Missing::NotSignedIn));
        assert_eq!(s(true, true, false).missing(), Some(Missing::Incomplete));
        assert_eq!(s(true, true, true).missing(), None);
        let o = OfficialUse {
            active: true,
            worked: false,
            trained: true,
        };
        assert_eq!(o.missing(), Some(Missing::NoWork));
        assert_eq!(percent(0, 0), 100);
        assert_eq!(percent(2, 3), 66);
    }

    fn any_subject() -> impl Strategy<Value = SubjectUse> {
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
            |(has_account, active, complete, trained)| SubjectUse {
                has_account,
                // Only an account signs in.
                active: has_account && active,
                complete,
                trained,
            },
        )
    }

    proptest! {
        /// Each count stays within the one before it; those using the system are exactly
        /// those with nothing missing; the gap and the percent add up.
        #[test]
        fn tallies_are_consistent(subjects in proptest::collection::vec(any_subject(), 0..80)) {
            let t = tally_subjects(subjects.iter().copied());
            prop_assert!(t.active <= t.with_account && t.with_account <= t.total);
            prop_assert!(t.using <= t.active && t.using <= t.complete);
            let missing = subjects.iter().filter(|s| s.missing().is_some()).count() as i64;
            prop_assert_eq!(t.total - t.using, missing);
            let p = percent(t.using, t.total);
            prop_assert!((0..=100).contains(&p));
            prop_assert_eq!(p == 100, missing == 0);
        }
    }
}
