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

/// Whether a product took part: confirmed, and not recorded as absent (results not yet
/// recorded count as taking part, as the organiser confirmed it).
pub fn took_part(state: Participation, participated: Option<bool>) -> bool {
    state == Participation::Confirmed && participated != Some(false)
}

/// A product's place at an event, as the reports count it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TradeFact {
    pub event_id: i32,
    pub product_id: i32,
    pub starts_on: chrono::NaiveDate,
    pub state: Participation,
    pub participated: Option<bool>,
    pub sales_vnd: Option<i64>,
    pub contracts: Option<i32>,
}

/// What the products took part in, over events that started in a window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TradeTally {
    /// Distinct events with at least one product taking part.
    pub events: i64,
    /// Distinct products taking part.
    pub products: i64,
    /// (product, event) pairs taking part.
    pub participations: i64,
    pub sales_vnd: i64,
    pub contracts: i64,
}

/// Counts the participations of events that started within `window`.
pub fn tally_trade(facts: &[TradeFact], window: crate::domain::report::Window) -> TradeTally {
    use std::collections::BTreeSet;
    let mut events = BTreeSet::new();
    let mut products = BTreeSet::new();
    let mut tally = TradeTally::default();
    for f in facts
        .iter()
        .filter(|f| window.contains(f.starts_on) && took_part(f.state, f.participated))
    {
        events.insert(f.event_id);
        products.insert(f.product_id);
        tally.participations += 1;
        tally.sales_vnd = tally
            .sales_vnd
            .saturating_add(f.sales_vnd.unwrap_or(0).max(0));
        tally.contracts += i64::from(f.contracts.unwrap_or(0).max(0));
    }
    tally.events = i64::try_from(events.len()).unwrap_or(i64::MAX);
    tally.products = i64::try_from(products.len()).unwrap_or(i64::MAX);
    tally
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

    fn fact(event_id: i32, product_id: i32, day: u32, state: Participation) -> TradeFact {
        TradeFact {
            event_id,
            product_id,
            starts_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
                + chrono::Days::new(u64::from(day)),
            state,
            participated: None,
            sales_vnd: Some(1_000_000),
            contracts: Some(1),
        }
    }

    fn year(y: i32) -> crate::domain::report::Window {
        crate::domain::report::Window {
            start: chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap(),
            end: chrono::NaiveDate::from_ymd_opt(y, 12, 31).unwrap(),
        }
    }

    #[test]
    fn trade_counted_by_hand() {
        let mut absent = fact(1, 3, 10, Participation::Confirmed);
        absent.participated = Some(false);
        let facts = vec![
            fact(1, 1, 10, Participation::Confirmed),
            fact(1, 2, 10, Participation::Confirmed),
            fact(2, 1, 40, Participation::Confirmed),
            absent,
            fact(2, 4, 40, Participation::Applied),
            fact(3, 1, 400, Participation::Confirmed),
        ];
        assert_eq!(
            tally_trade(&facts, year(2026)),
            TradeTally {
                events: 2,
                products: 2,
                participations: 3,
                sales_vnd: 3_000_000,
                contracts: 3,
            }
        );
        assert_eq!(tally_trade(&facts, year(2027)).products, 1);
        assert!(!took_part(Participation::Confirmed, Some(false)));
        assert!(took_part(Participation::Confirmed, Some(true)));
        assert!(!took_part(Participation::Invited, None));
    }

    proptest::proptest! {
        /// Distinct products and events never exceed the participations, and a year's halves
        /// add up to the year for everything that is not counted once.
        #[test]
        fn trade_tally_adds_up(
            items in proptest::collection::vec((1i32..6, 1i32..8, 0u32..365, 0usize..4, proptest::option::of(proptest::bool::ANY)), 0..60)
        ) {
            let facts: Vec<TradeFact> = items
                .into_iter()
                .map(|(e, p, d, s, participated)| TradeFact {
                    participated,
                    ..fact(e, p, d, Participation::ALL[s])
                })
                .collect();
            let t = tally_trade(&facts, year(2026));
            proptest::prop_assert!(t.products <= t.participations);
            proptest::prop_assert!(t.events <= t.participations);
            proptest::prop_assert_eq!(t.sales_vnd, t.participations * 1_000_000);
            let first = crate::domain::report::Window {
                start: year(2026).start,
                end: chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            };
            let second = crate::domain::report::Window {
                start: chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
                end: year(2026).end,
            };
            let (a, b) = (tally_trade(&facts, first), tally_trade(&facts, second));
            proptest::prop_assert_eq!(a.participations + b.participations, t.participations);
            proptest::prop_assert_eq!(a.contracts + b.contracts, t.contracts);
            proptest::prop_assert!(t.products <= a.products + b.products);
        }
    }
}
