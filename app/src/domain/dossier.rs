//! The life of a product dossier (hồ sơ) under the 2025 flow (Decision 1489/QĐ-TTg): the
//! producer files it with the commune; the commune checks it (returning it for supplement as
//! often as needed) and forwards it to the province, which evaluates it. The producer may
//! withdraw it any time before evaluation starts. The round's decision ends it: certified
//! (3★ or more) or not reached; either way the product may then start a new dossier.
//!
//! One table says which party may take which action from which state; `transition` reads it.
//! Who counts as the owner or as "the commune" of a dossier (locality, subject) is decided by
//! `access::allowed`; this module only knows parties.
use serde::{Deserialize, Serialize};

// Stored as its text (`as_str`) in a plain string column: the entity's field has this type,
// so a query compares with the enum, never with a string literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum DossierState {
    /// Being prepared by the producer; only they see it.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "draft"))]
    Draft,
    /// Filed with the commune, waiting for its check.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "submitted"))]
    Submitted,
    /// Sent back by the commune with comments per item; the producer supplements it.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "returned"))]
    Returned,
    /// Supplemented and filed again.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "resubmitted"))]
    Resubmitted,
    /// Complete in the commune's judgement, pre-assessed; may be forwarded.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "checked"))]
    Checked,
    /// Proposed by the commune to the province.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "forwarded"))]
    Forwarded,
    /// Taken into an evaluation round by the province (from here on, the evaluation module).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "in_evaluation"))]
    InEvaluation,
    /// Withdrawn by the producer before evaluation.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "withdrawn"))]
    Withdrawn,
    /// Decided: 3★ or more, a certificate issued.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "certified"))]
    Certified,
    /// Decided: below 3★ (or barred by a mandatory criterion); no certificate.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "not_reached"))]
    NotReached,
}

impl DossierState {
    pub const ALL: [DossierState; 10] = [
        DossierState::Draft,
        DossierState::Submitted,
        DossierState::Returned,
        DossierState::Resubmitted,
        DossierState::Checked,
        DossierState::Forwarded,
        DossierState::InEvaluation,
        DossierState::Withdrawn,
        DossierState::Certified,
        DossierState::NotReached,
    ];

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            DossierState::Draft => "draft",
            DossierState::Submitted => "submitted",
            DossierState::Returned => "returned",
            DossierState::Resubmitted => "resubmitted",
            DossierState::Checked => "checked",
            DossierState::Forwarded => "forwarded",
            DossierState::InEvaluation => "in_evaluation",
            DossierState::Withdrawn => "withdrawn",
            DossierState::Certified => "certified",
            DossierState::NotReached => "not_reached",
        }
    }

    /// Its name for people, Vietnamese and English (charts, reports, the audit log).
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            DossierState::Draft => ("Đang soạn", "Draft"),
            DossierState::Submitted => ("Đã nộp xã", "Submitted"),
            DossierState::Returned => ("Trả lại bổ sung", "Returned for supplement"),
            DossierState::Resubmitted => ("Đã nộp lại", "Resubmitted"),
            DossierState::Checked => ("Xã đã kiểm tra", "Checked by the commune"),
            DossierState::Forwarded => ("Đã chuyển tỉnh", "Forwarded to the province"),
            DossierState::InEvaluation => ("Đang đánh giá", "In evaluation"),
            DossierState::Withdrawn => ("Đã rút", "Withdrawn"),
            DossierState::Certified => ("Được công nhận OCOP", "Certified OCOP"),
            DossierState::NotReached => ("Chưa đạt OCOP", "Not reached"),
        }
    }

    pub fn parse(value: &str) -> Option<DossierState> {
        DossierState::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// Whether the producer may still edit the documents and form (a submission freezes a
    /// version; editing happens only while the dossier is in the producer's hands).
    pub fn editable_by_owner(self) -> bool {
        matches!(self, DossierState::Draft | DossierState::Returned)
    }

    /// Whether the round's decision has ended it.
    pub fn decided(self) -> bool {
        matches!(self, DossierState::Certified | DossierState::NotReached)
    }

    /// Whether the dossier is still under way: until it is withdrawn or decided, its product
    /// may not open another one.
    pub fn under_way(self) -> bool {
        !self.decided() && self != DossierState::Withdrawn
    }

    /// Whether the commune has it in its inbox.
    pub fn awaits_commune(self) -> bool {
        matches!(
            self,
            DossierState::Submitted | DossierState::Resubmitted | DossierState::Checked
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DossierAction {
    Submit,
    /// Back to the producer for supplement (a comment is required).
    Return,
    Resubmit,
    /// The commune has checked it and made its pre-assessment.
    MarkChecked,
    /// To the province, with the commune's proposal note.
    Forward,
    Withdraw,
    /// The province takes it into an evaluation round.
    StartEvaluation,
    /// The round's decision: 3★ or more.
    Certify,
    /// The round's decision: below 3★.
    DeclareNotReached,
}

impl DossierAction {
    /// Its name on the wire (a form's `action` value): serde's name of the variant.
    pub fn as_str(self) -> &'static str {
        match self {
            DossierAction::Submit => "Submit",
            DossierAction::Return => "Return",
            DossierAction::Resubmit => "Resubmit",
            DossierAction::MarkChecked => "MarkChecked",
            DossierAction::Forward => "Forward",
            DossierAction::Withdraw => "Withdraw",
            DossierAction::StartEvaluation => "StartEvaluation",
            DossierAction::Certify => "Certify",
            DossierAction::DeclareNotReached => "DeclareNotReached",
        }
    }

    /// Whether only a round takes it (`evaluation::rounds` and `evaluation::decision`, with the
    /// round's rows and certificates): never from the dossier's own page.
    pub fn by_round(self) -> bool {
        matches!(
            self,
            DossierAction::StartEvaluation
                | DossierAction::Certify
                | DossierAction::DeclareNotReached
        )
    }

    pub const ALL: [DossierAction; 9] = [
        DossierAction::Submit,
        DossierAction::Return,
        DossierAction::Resubmit,
        DossierAction::MarkChecked,
        DossierAction::Forward,
        DossierAction::Withdraw,
        DossierAction::StartEvaluation,
        DossierAction::Certify,
        DossierAction::DeclareNotReached,
    ];
}

/// The side an actor is on for one dossier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Party {
    /// A member of the subject that owns the dossier.
    Owner,
    /// An officer of the dossier's commune.
    Commune,
    /// A provincial officer.
    Province,
}

impl Party {
    pub const ALL: [Party; 3] = [Party::Owner, Party::Commune, Party::Province];
}

use DossierAction as A;
use DossierState as S;
use Party as P;

/// Every allowed move: (from, action, by whom, to). Anything not here is refused.
pub const TRANSITIONS: &[(DossierState, DossierAction, Party, DossierState)] = &[
    (S::Draft, A::Submit, P::Owner, S::Submitted),
    (S::Submitted, A::Return, P::Commune, S::Returned),
    (S::Resubmitted, A::Return, P::Commune, S::Returned),
    (S::Returned, A::Resubmit, P::Owner, S::Resubmitted),
    (S::Submitted, A::MarkChecked, P::Commune, S::Checked),
    (S::Resubmitted, A::MarkChecked, P::Commune, S::Checked),
    // A checked dossier can still go back for supplement before it is forwarded.
    (S::Checked, A::Return, P::Commune, S::Returned),
    (S::Checked, A::Forward, P::Commune, S::Forwarded),
    (
        S::Forwarded,
        A::StartEvaluation,
        P::Province,
        S::InEvaluation,
    ),
    // Taken by the round's decision (`evaluation::decision`), never from the dossier's page.
    (S::InEvaluation, A::Certify, P::Province, S::Certified),
    (
        S::InEvaluation,
        A::DeclareNotReached,
        P::Province,
        S::NotReached,
    ),
    (S::Draft, A::Withdraw, P::Owner, S::Withdrawn),
    (S::Submitted, A::Withdraw, P::Owner, S::Withdrawn),
    (S::Returned, A::Withdraw, P::Owner, S::Withdrawn),
    (S::Resubmitted, A::Withdraw, P::Owner, S::Withdrawn),
    (S::Checked, A::Withdraw, P::Owner, S::Withdrawn),
    (S::Forwarded, A::Withdraw, P::Owner, S::Withdrawn),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refused {
    /// The action exists from this state, but another party takes it.
    NotYourTurn,
    /// Nobody may take this action from this state (e.g. it changed meanwhile).
    NotFromThisState,
}

/// The state after `party` takes `action` on a dossier in `from`.
///
/// # Errors
/// `NotYourTurn` if only another party may do it now; `NotFromThisState` otherwise.
pub fn transition(
    from: DossierState,
    action: DossierAction,
    party: Party,
) -> Result<DossierState, Refused> {
    let mut possible = TRANSITIONS
        .iter()
        .filter(|(f, a, _, _)| *f == from && *a == action)
        .peekable();
    if possible.peek().is_none() {
        return Err(Refused::NotFromThisState);
    }
    possible
        .find(|(_, _, p, _)| *p == party)
        .map(|(_, _, _, to)| *to)
        .ok_or(Refused::NotYourTurn)
}

/// Whether `party` takes `action` from any state at all (a producer never returns a dossier,
/// a commune never submits one): such a request is refused as not theirs, whatever the state.
pub fn ever_takes(party: Party, action: DossierAction) -> bool {
    TRANSITIONS
        .iter()
        .any(|(_, a, p, _)| *a == action && *p == party)
}

/// The actions `party` may take now, for the buttons a page shows.
pub fn available(from: DossierState, party: Party) -> Vec<DossierAction> {
    TRANSITIONS
        .iter()
        .filter(|(f, _, p, _)| *f == from && *p == party)
        .map(|(_, a, _, _)| *a)
        .collect()
}

/// Whether `party` sees a dossier in `state` at all: the producer always; the commune once it
/// was filed (a draft is the producer's own business); the province once it was forwarded.
pub fn visible_to(party: Party, state: DossierState) -> bool {
    match party {
        Party::Owner => true,
        Party::Commune => state != DossierState::Draft,
        Party::Province => {
            matches!(state, DossierState::Forwarded | DossierState::InEvaluation) || state.decided()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_travels_under_the_name_serde_gives_it() {
        for a in DossierAction::ALL {
            let json = serde_json::to_string(&a).unwrap();
            assert_eq!(json, format!("\"{}\"", a.as_str()));
            assert_eq!(serde_json::from_str::<DossierAction>(&json).unwrap(), a);
        }
    }

    /// The expected answer for every (state, action, party) triple, written out independently
    /// of the table: who may do what from where, and where it leads.
    fn expected(from: S, action: A, party: P) -> Result<S, Refused> {
        let owner_may_withdraw = !matches!(
            from,
            S::InEvaluation | S::Withdrawn | S::Certified | S::NotReached
        );
        let step = match (from, action) {
            (S::Draft, A::Submit) => Some((P::Owner, S::Submitted)),
            (S::Returned, A::Resubmit) => Some((P::Owner, S::Resubmitted)),
            (S::Submitted | S::Resubmitted | S::Checked, A::Return) => {
                Some((P::Commune, S::Returned))
            }
            (S::Submitted | S::Resubmitted, A::MarkChecked) => Some((P::Commune, S::Checked)),
            (S::Checked, A::Forward) => Some((P::Commune, S::Forwarded)),
            (S::Forwarded, A::StartEvaluation) => Some((P::Province, S::InEvaluation)),
            (S::InEvaluation, A::Certify) => Some((P::Province, S::Certified)),
            (S::InEvaluation, A::DeclareNotReached) => Some((P::Province, S::NotReached)),
            (_, A::Withdraw) if owner_may_withdraw => Some((P::Owner, S::Withdrawn)),
            _ => None,
        };
        match step {
            None => Err(Refused::NotFromThisState),
            Some((who, to)) if who == party => Ok(to),
            Some(_) => Err(Refused::NotYourTurn),
        }
    }

    #[test]
    fn every_state_action_party_triple_is_allowed_or_refused_as_expected() {
        let mut allowed = 0;
        for from in S::ALL {
            for action in A::ALL {
                for party in P::ALL {
                    let got = transition(from, action, party);
                    assert_eq!(
                        got,
                        expected(from, action, party),
                        "{from:?} {action:?} by {party:?}"
                    );
                    allowed += usize::from(got.is_ok());
                }
            }
        }
        assert_eq!(allowed, TRANSITIONS.len(), "no duplicate rows in the table");
    }

    #[test]
    fn the_journey_of_the_issue_runs_through() {
        let mut state = S::Draft;
        for (action, party) in [
            (A::Submit, P::Owner),
            (A::Return, P::Commune),
            (A::Resubmit, P::Owner),
            (A::MarkChecked, P::Commune),
            (A::Forward, P::Commune),
            (A::StartEvaluation, P::Province),
        ] {
            state = transition(state, action, party).unwrap();
        }
        assert_eq!(state, S::InEvaluation);
        assert!(
            available(state, P::Owner).is_empty(),
            "too late to withdraw"
        );
    }

    #[test]
    fn only_the_producer_edits_and_only_while_it_is_in_their_hands() {
        for state in S::ALL {
            assert_eq!(
                state.editable_by_owner(),
                matches!(state, S::Draft | S::Returned),
                "{state:?}"
            );
            assert_eq!(S::parse(state.as_str()), Some(state));
        }
        assert_eq!(
            available(S::Submitted, P::Commune),
            vec![A::Return, A::MarkChecked]
        );
        assert_eq!(available(S::Checked, P::Province), vec![]);
    }

    #[test]
    fn every_state_is_reachable_from_a_draft() {
        let mut reached = vec![S::Draft];
        let mut i = 0;
        while i < reached.len() {
            for (from, _, _, to) in TRANSITIONS {
                if *from == reached[i] && !reached.contains(to) {
                    reached.push(*to);
                }
            }
            i += 1;
        }
        assert_eq!(reached.len(), S::ALL.len(), "{reached:?}");
    }

    #[test]
    fn each_action_belongs_to_its_parties() {
        assert!(ever_takes(P::Owner, A::Withdraw));
        assert!(!ever_takes(P::Owner, A::Forward));
        assert!(!ever_takes(P::Commune, A::Submit));
        assert!(ever_takes(P::Province, A::StartEvaluation));
        for (_, action, party, _) in TRANSITIONS {
            assert!(ever_takes(*party, *action));
        }
    }

    #[test]
    fn drafts_stay_with_the_producer_and_the_province_sees_only_forwarded_ones() {
        for state in S::ALL {
            assert!(visible_to(P::Owner, state));
            assert_eq!(
                visible_to(P::Commune, state),
                state != S::Draft,
                "{state:?}"
            );
            // Whoever may act on a dossier can see it.
            for party in P::ALL {
                if !available(state, party).is_empty() {
                    assert!(
                        visible_to(party, state),
                        "{party:?} acts unseen on {state:?}"
                    );
                }
            }
        }
        assert!(!visible_to(P::Province, S::Checked));
        assert!(visible_to(P::Province, S::Forwarded));
        assert!(visible_to(P::Province, S::NotReached));
    }

    #[test]
    fn a_decision_ends_the_dossier_and_frees_the_product() {
        for end in [S::Certified, S::NotReached] {
            assert!(end.decided() && !end.under_way(), "{end:?}");
            for party in P::ALL {
                assert!(available(end, party).is_empty(), "{end:?} is final");
            }
        }
        assert!(!S::Withdrawn.under_way());
        for state in S::ALL {
            if !matches!(state, S::Withdrawn | S::Certified | S::NotReached) {
                assert!(state.under_way(), "{state:?}");
            }
        }
        // Only the province decides, and only what is in evaluation.
        assert_eq!(
            transition(S::InEvaluation, A::Certify, P::Owner),
            Err(Refused::NotYourTurn)
        );
        assert_eq!(
            transition(S::Forwarded, A::DeclareNotReached, P::Province),
            Err(Refused::NotFromThisState)
        );
        assert_eq!(
            transition(S::Certified, A::Withdraw, P::Owner),
            Err(Refused::NotFromThisState)
        );
    }
}
