//! Trade promotion (xúc tiến thương mại): the province, or a commune for its own producers,
//! records fairs, exhibitions, livestream sales and e-commerce campaigns; certified products
//! join them — the producer applies, or the organiser invites — and the organiser records what
//! each product did there (participated, sales, contracts signed).
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventKind {
    Fair,
    Exhibition,
    Livestream,
    Ecommerce,
}

impl EventKind {
    pub const ALL: [EventKind; 4] = [
        EventKind::Fair,
        EventKind::Exhibition,
        EventKind::Livestream,
        EventKind::Ecommerce,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Fair => "fair",
            EventKind::Exhibition => "exhibition",
            EventKind::Livestream => "livestream",
            EventKind::Ecommerce => "ecommerce",
        }
    }

    pub fn parse(value: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            EventKind::Fair => ("Hội chợ", "Fair"),
            EventKind::Exhibition => ("Triển lãm, trưng bày", "Exhibition"),
            EventKind::Livestream => ("Livestream bán hàng", "Livestream sale"),
            EventKind::Ecommerce => ("Chiến dịch thương mại điện tử", "E-commerce campaign"),
        }
    }
}

/// A product's place in an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Participation {
    /// The producer asked to join; the organiser decides.
    Applied,
    /// The organiser invited the product; the producer answers.
    Invited,
    /// Taking part (its results are recorded on it).
    Confirmed,
    Declined,
}

impl Participation {
    pub const ALL: [Participation; 4] = [
        Participation::Applied,
        Participation::Invited,
        Participation::Confirmed,
        Participation::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Participation::Applied => "applied",
            Participation::Invited => "invited",
            Participation::Confirmed => "confirmed",
            Participation::Declined => "declined",
        }
    }

    pub fn parse(value: &str) -> Option<Participation> {
        Participation::ALL.into_iter().find(|p| p.as_str() == value)
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Participation::Applied => ("Đã đăng ký, chờ duyệt", "Applied"),
            Participation::Invited => ("Được mời, chờ trả lời", "Invited"),
            Participation::Confirmed => ("Tham gia", "Taking part"),
            Participation::Declined => ("Không tham gia", "Not taking part"),
        }
    }
}

/// Who acts on a participation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Side {
    Producer,
    Organiser,
}

/// An answer to an application or an invitation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Answer {
    Accept,
    Decline,
}

/// The state after `side` gives `answer` to a participation in `from`: the other side answers
/// (the organiser an application, the producer an invitation).
pub fn answer(from: Participation, answer: Answer, side: Side) -> Option<Participation> {
    let theirs = matches!(
        (from, side),
        (Participation::Applied, Side::Organiser) | (Participation::Invited, Side::Producer)
    );
    theirs.then_some(match answer {
        Answer::Accept => Participation::Confirmed,
        Answer::Decline => Participation::Declined,
    })
}

/// Whether producers may still apply on `today`: until the event ends.
pub fn open_for_applications(ends_on: chrono::NaiveDate, today: chrono::NaiveDate) -> bool {
    today <= ends_on
}

/// Whether results may be recorded: a confirmed product, once the event has started.
pub fn results_recordable(
    state: Participation,
    starts_on: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> bool {
    state == Participation::Confirmed && starts_on <= today
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_side_answers_only_what_the_other_asked() {
        use Participation as P;
        for from in P::ALL {
            for side in [Side::Producer, Side::Organiser] {
                for a in [Answer::Accept, Answer::Decline] {
                    let expected = match (from, side) {
                        (P::Applied, Side::Organiser) | (P::Invited, Side::Producer) => {
                            Some(if a == Answer::Accept {
                                P::Confirmed
                            } else {
                                P::Declined
                            })
                        }
                        _ => None,
                    };
                    assert_eq!(answer(from, a, side), expected, "{from:?} {a:?} {side:?}");
                }
            }
            assert_eq!(P::parse(from.as_str()), Some(from));
        }
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn applications_close_when_the_event_ends_and_results_wait_for_its_start() {
        let d = |day| chrono::NaiveDate::from_ymd_opt(2026, 12, day).unwrap();
        assert!(open_for_applications(d(10), d(10)));
        assert!(!open_for_applications(d(10), d(11)));
        assert!(!results_recordable(Participation::Confirmed, d(10), d(9)));
        assert!(results_recordable(Participation::Confirmed, d(10), d(10)));
        assert!(!results_recordable(Participation::Applied, d(1), d(10)));
    }
}
