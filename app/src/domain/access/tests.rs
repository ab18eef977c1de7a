//! `allowed` for every role, area and resource kind.
use super::*;

fn user(role: Role, commune: Option<&str>, subject: Option<i32>) -> Actor {
    Actor::User {
        user_id: 1,
        role,
        commune_code: commune.map(str::to_owned),
        subject_id: subject,
    }
}

#[test]
fn anonymous_may_only_read_register_and_sign_in() {
    let anon = Actor::Anonymous;
    assert_eq!(
        allowed(&anon, Action::ReadPublic, Resource::Nothing),
        Ok(())
    );
    assert_eq!(allowed(&anon, Action::Register, Resource::Nothing), Ok(()));
    assert_eq!(
        allowed(&anon, Action::ViewOwnAccount, Resource::Nothing),
        Err(Denied::SignInRequired)
    );
    for area in Area::ALL {
        assert_eq!(
            allowed(&anon, Action::OpenArea(area), Resource::Nothing),
            Err(Denied::SignInRequired)
        );
    }
}

#[test]
fn reports_belong_to_their_commune_and_the_province() {
    let officer = user(Role::CommuneOfficer, Some("06046"), None);
    let province = user(Role::ProvincialOfficer, None, None);
    let producer = user(Role::Producer, Some("06046"), Some(3));
    let own = Resource::Commune("06046");
    let other = Resource::Commune("06463");
    for action in [Action::ViewReport, Action::WriteReport] {
        assert_eq!(allowed(&officer, action, own), Ok(()));
        assert_eq!(allowed(&officer, action, other), Err(Denied::NotAllowed));
        assert_eq!(
            allowed(&officer, action, Resource::Nothing),
            Err(Denied::NotAllowed)
        );
        assert_eq!(allowed(&producer, action, own), Err(Denied::NotAllowed));
    }
    assert_eq!(allowed(&province, Action::ViewReport, other), Ok(()));
    assert_eq!(
        allowed(&province, Action::WriteReport, other),
        Err(Denied::NotAllowed)
    );
    assert_eq!(
        allowed(&province, Action::WriteReport, Resource::Nothing),
        Ok(())
    );
    assert_eq!(
        allowed(&province, Action::ReviewReports, Resource::Nothing),
        Ok(())
    );
    assert_eq!(
        allowed(&officer, Action::ReviewReports, own),
        Err(Denied::NotAllowed)
    );
    let mine = Resource::Subject {
        id: 3,
        commune_code: "06046",
    };
    assert_eq!(allowed(&producer, Action::ViewDashboard, mine), Ok(()));
    assert_eq!(
        allowed(&producer, Action::ViewDashboard, own),
        Err(Denied::NotAllowed)
    );
    assert_eq!(allowed(&officer, Action::ViewDashboard, own), Ok(()));
    assert_eq!(
        allowed(&officer, Action::ViewDashboard, other),
        Err(Denied::NotAllowed)
    );
}

#[test]
fn commune_officer_decides_only_for_their_commune() {
    let officer = user(Role::CommuneOfficer, Some("06046"), None);
    let own = Resource::Account {
        user_id: 9,
        role: Role::Producer,
        commune_code: Some("06046"),
    };
    let other = Resource::Account {
        user_id: 9,
        role: Role::Producer,
        commune_code: Some("06463"),
    };
    assert_eq!(allowed(&officer, Action::DecideRegistration, own), Ok(()));
    assert_eq!(
        allowed(&officer, Action::DecideRegistration, other),
        Err(Denied::NotAllowed)
    );
    assert_eq!(
        allowed(
            &officer,
            Action::ReviewRegistrations,
            Resource::Commune("06046")
        ),
        Ok(())
    );
    assert_eq!(
        allowed(
            &officer,
            Action::ReviewRegistrations,
            Resource::Commune("06463")
        ),
        Err(Denied::NotAllowed)
    );
}

#[test]
fn producers_see_their_own_subject_only() {
    let producer = user(Role::Producer, Some("06046"), Some(7));
    let own = Resource::Subject {
        id: 7,
        commune_code: "06046",
    };
    let neighbour = Resource::Subject {
        id: 8,
        commune_code: "06046",
    };
    assert_eq!(allowed(&producer, Action::ViewSubject, own), Ok(()));
    assert_eq!(allowed(&producer, Action::EditSubject, own), Ok(()));
    assert_eq!(
        allowed(&producer, Action::EditSubject, neighbour),
        Err(Denied::NotAllowed)
    );
    let officer = user(Role::CommuneOfficer, Some("06046"), None);
    assert_eq!(
        allowed(&officer, Action::EditSubject, own),
        Err(Denied::NotAllowed),
        "the commune sees the subject but does not write its profile"
    );
    // Corrections: the commune's officers and the province, never the producer; moving to
    // another commune, the province only.
    assert_eq!(allowed(&officer, Action::CorrectSubject, own), Ok(()));
    assert_eq!(
        allowed(&producer, Action::CorrectSubject, own),
        Err(Denied::NotAllowed)
    );
    let elsewhere = user(Role::CommuneOfficer, Some("06463"), None);
    assert_eq!(
        allowed(&elsewhere, Action::CorrectSubject, own),
        Err(Denied::NotAllowed)
    );
    assert_eq!(
        allowed(&officer, Action::MoveSubject, own),
        Err(Denied::NotAllowed)
    );
    let provincial = user(Role::ProvincialOfficer, None, None);
    assert_eq!(allowed(&provincial, Action::MoveSubject, own), Ok(()));
    assert_eq!(allowed(&provincial, Action::CorrectSubject, own), Ok(()));
    assert_eq!(
        allowed(&producer, Action::ViewSubject, neighbour),
        Err(Denied::NotAllowed)
    );
    assert_eq!(
        allowed(&producer, Action::ListAccounts, Resource::Nothing),
        Err(Denied::NotAllowed)
    );
    assert_eq!(
        allowed(&producer, Action::OpenArea(Area::Admin), Resource::Nothing),
        Err(Denied::NotAllowed)
    );
}

#[test]
fn nobody_escalates_to_administrator() {
    let provincial = user(Role::ProvincialOfficer, None, None);
    let admin_account = Resource::Account {
        user_id: 2,
        role: Role::Administrator,
        commune_code: None,
    };
    assert_eq!(
        allowed(&provincial, Action::CreateAccount, admin_account),
        Err(Denied::NotAllowed)
    );
    assert_eq!(
        allowed(&provincial, Action::LockAccount, admin_account),
        Err(Denied::NotAllowed)
    );
    let admin = user(Role::Administrator, None, None);
    assert_eq!(
        allowed(&admin, Action::CreateAccount, admin_account),
        Ok(())
    );
    let myself = Resource::Account {
        user_id: 1,
        role: Role::Administrator,
        commune_code: None,
    };
    assert_eq!(
        allowed(&admin, Action::LockAccount, myself),
        Err(Denied::NotAllowed)
    );
}

#[test]
fn roles_change_only_for_officials_and_never_ones_own() {
    let provincial = user(Role::ProvincialOfficer, None, None);
    let officer = Resource::Account {
        user_id: 5,
        role: Role::CommuneOfficer,
        commune_code: Some("06046"),
    };
    let producer = Resource::Account {
        user_id: 6,
        role: Role::Producer,
        commune_code: Some("06046"),
    };
    let myself = Resource::Account {
        user_id: 1,
        role: Role::ProvincialOfficer,
        commune_code: None,
    };
    assert_eq!(allowed(&provincial, Action::ChangeRole, officer), Ok(()));
    assert_eq!(
        allowed(&provincial, Action::ChangeRole, producer),
        Err(Denied::NotAllowed)
    );
    assert_eq!(
        allowed(&provincial, Action::ChangeRole, myself),
        Err(Denied::NotAllowed)
    );
    let commune = user(Role::CommuneOfficer, Some("06046"), None);
    assert_eq!(
        allowed(&commune, Action::ChangeRole, officer),
        Err(Denied::NotAllowed)
    );
}

#[test]
fn criteria_are_read_by_the_province_and_the_members_who_score() {
    for role in Role::ALL {
        let may = allowed(
            &user(role, Some("06046"), Some(1)),
            Action::ViewCriteria,
            Resource::Nothing,
        )
        .is_ok();
        assert_eq!(
            may,
            !matches!(role, Role::Producer | Role::CommuneOfficer),
            "{role:?}"
        );
    }
}

#[test]
fn every_role_opens_its_own_area() {
    for role in Role::ALL {
        let actor = user(role, Some("06046"), Some(1));
        assert_eq!(
            allowed(&actor, Action::OpenArea(role.area()), Resource::Nothing),
            Ok(()),
            "{role:?}"
        );
        assert_eq!(Role::parse(role.as_str()), Some(role));
    }
}

#[test]
fn a_dossier_has_three_parties_and_nobody_else_takes_part() {
    use crate::domain::dossier::Party;
    let party = |actor: &Actor| dossier_party(actor, 7, "06046");
    assert_eq!(
        party(&user(Role::Producer, Some("06046"), Some(7))),
        Some(Party::Owner)
    );
    assert_eq!(party(&user(Role::Producer, Some("06046"), Some(8))), None);
    assert_eq!(
        party(&user(Role::CommuneOfficer, Some("06046"), None)),
        Some(Party::Commune)
    );
    assert_eq!(
        party(&user(Role::CommuneOfficer, Some("06463"), None)),
        None
    );
    assert_eq!(
        party(&user(Role::ProvincialOfficer, None, None)),
        Some(Party::Province)
    );
    for role in [
        Role::AdvisoryMember,
        Role::CouncilMember,
        Role::Administrator,
    ] {
        assert_eq!(party(&user(role, Some("06046"), Some(7))), None, "{role:?}");
    }
    assert_eq!(party(&Actor::Anonymous), None);
}

#[test]
fn training_and_adoption_belong_to_their_commune_and_the_province() {
    let officer = user(Role::CommuneOfficer, Some("06463"), None);
    let province = user(Role::ProvincialOfficer, None, None);
    let own = Resource::Commune("06463");
    let other = Resource::Commune("06046");
    for action in [Action::RunTraining, Action::ViewAdoption] {
        assert_eq!(allowed(&officer, action, own), Ok(()));
        assert_eq!(allowed(&officer, action, other), Err(Denied::NotAllowed));
        assert_eq!(
            allowed(&officer, action, Resource::Nothing),
            Err(Denied::NotAllowed)
        );
        for r in [own, other, Resource::Nothing] {
            assert_eq!(allowed(&province, action, r), Ok(()));
        }
        for who in [
            user(Role::Producer, Some("06463"), Some(1)),
            user(Role::CouncilMember, None, None),
            user(Role::AdvisoryMember, None, None),
            user(Role::Administrator, None, None),
        ] {
            for r in [own, Resource::Nothing] {
                assert_eq!(allowed(&who, action, r), Err(Denied::NotAllowed));
            }
        }
    }
}
