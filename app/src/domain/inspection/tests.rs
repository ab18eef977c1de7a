use super::*;

/// The expected answer for every (state, action, party) triple, written out independently of
/// the table.
fn expected(from: S, action: A, party: P) -> Result<S, Refused> {
    let step = match (from, action) {
        (S::Planned, A::RecordCompliant) => Some((P::Inspector, S::Compliant)),
        (S::Planned, A::RequireCorrection) => Some((P::Inspector, S::CorrectionRequested)),
        (S::Planned | S::CorrectionRequested | S::CorrectionAnswered, A::ProposeRevocation) => {
            Some((P::Inspector, S::RevocationProposed))
        }
        (S::Planned, A::Cancel) => Some((P::Inspector, S::Cancelled)),
        (S::CorrectionRequested, A::Answer) => Some((P::Producer, S::CorrectionAnswered)),
        (S::CorrectionAnswered, A::AcceptCorrection) => Some((P::Inspector, S::Corrected)),
        (S::CorrectionAnswered, A::RefuseCorrection) => {
            Some((P::Inspector, S::CorrectionRequested))
        }
        (S::RevocationProposed, A::Revoke) => Some((P::Province, S::Revoked)),
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
                let got = transition(from, action, &[party]);
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
fn a_provincial_officer_inspects_and_revokes_a_commune_officer_only_inspects() {
    let province = [P::Inspector, P::Province];
    assert_eq!(
        transition(S::RevocationProposed, A::Revoke, &province),
        Ok(S::Revoked)
    );
    assert_eq!(
        transition(S::RevocationProposed, A::Revoke, &[P::Inspector]),
        Err(Refused::NotYourTurn)
    );
    assert_eq!(
        available(S::Planned, &province),
        vec![
            A::RecordCompliant,
            A::RequireCorrection,
            A::ProposeRevocation,
            A::Cancel
        ]
    );
    assert_eq!(
        available(S::CorrectionRequested, &[P::Producer]),
        vec![A::Answer]
    );
    assert!(!ever_takes(&[P::Producer], A::RecordCompliant));
    assert!(!ever_takes(&[P::Inspector], A::Revoke));
    assert!(ever_takes(&province, A::Revoke));
    for (_, action, party, _) in TRANSITIONS {
        assert!(ever_takes(&[*party], *action));
    }
    assert!(available(S::CorrectionAnswered, &[P::Producer]).is_empty());
}

#[test]
fn the_journeys_of_the_issue_run_through() {
    // A correction, refused once, then accepted.
    let mut state = S::Planned;
    for (action, party) in [
        (A::RequireCorrection, P::Inspector),
        (A::Answer, P::Producer),
        (A::RefuseCorrection, P::Inspector),
        (A::Answer, P::Producer),
        (A::AcceptCorrection, P::Inspector),
    ] {
        state = transition(state, action, &[party]).unwrap();
    }
    assert_eq!(state, S::Corrected);
    // A correction never made, then revoked.
    let mut state = S::Planned;
    for (action, party) in [
        (A::RequireCorrection, P::Inspector),
        (A::ProposeRevocation, P::Inspector),
        (A::Revoke, P::Province),
    ] {
        state = transition(state, action, &[party]).unwrap();
    }
    assert_eq!(state, S::Revoked);
}

#[test]
fn the_ends_are_closed_and_every_state_is_reachable() {
    for state in S::ALL {
        assert_eq!(
            state.closed(),
            matches!(
                state,
                S::Compliant | S::Corrected | S::Revoked | S::Cancelled
            ),
            "{state:?}"
        );
        assert_eq!(S::parse(state.as_str()), Some(state));
    }
    let mut reached = vec![S::Planned];
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
    assert!(!S::Planned.visited() && !S::Cancelled.visited() && S::Revoked.visited());
}

#[test]
fn only_a_correction_still_awaited_after_its_date_is_overdue() {
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
    for state in S::ALL {
        assert_eq!(
            overdue(state, Some(day(1)), day(2)),
            state == S::CorrectionRequested,
            "{state:?}"
        );
    }
    assert!(
        !overdue(S::CorrectionRequested, Some(day(2)), day(2)),
        "due today is not late"
    );
    assert!(!overdue(S::CorrectionRequested, None, day(2)));
}

#[test]
fn a_compliant_verdict_needs_no_area_failed_and_one_checked() {
    let all_met: Vec<(Area, Finding)> = Area::ALL.iter().map(|a| (*a, Finding::Met)).collect();
    assert!(verdict_fits(A::RecordCompliant, &all_met));
    let mut one_not = all_met.clone();
    one_not[4].1 = Finding::NotMet;
    assert!(!verdict_fits(A::RecordCompliant, &one_not));
    assert!(verdict_fits(A::RequireCorrection, &one_not));
    let none_checked: Vec<(Area, Finding)> = Area::ALL
        .iter()
        .map(|a| (*a, Finding::NotChecked))
        .collect();
    assert!(
        !verdict_fits(A::RecordCompliant, &none_checked),
        "nothing checked is no verdict"
    );
    for area in Area::ALL {
        assert_eq!(Area::parse(area.as_str()), Some(area));
    }
    for f in Finding::ALL {
        assert_eq!(Finding::parse(f.as_str()), Some(f));
    }
    assert_eq!(InspectionKind::parse("ad_hoc"), Some(InspectionKind::AdHoc));
    assert_eq!(InspectionKind::parse("suspended"), None);
}
