//! Trade promotion (issue 23, part 5): the province and a commune record events, producers
//! apply with certified products, organisers invite, each side answers the other, results are
//! recorded once the event has started, and the dashboard and the reports count who took part.
use crate::support;

use app::domain::reason::Reason;
use app::domain::trade_event::Participation;
use app::models::trade::{ParticipationInput, TradeEventInput};
use app::services::ServiceError;
use app::services::trade::{events, participation};
use support::dossiers::{new_product, people, problems, reason};

fn today() -> chrono::NaiveDate {
    app::services::today_in_vietnam()
}

fn day(days: i64) -> String {
    (today() + chrono::Duration::days(days)).to_string()
}

fn event(name: &str, starts: i64, ends: i64) -> TradeEventInput {
    TradeEventInput {
        name: name.into(),
        kind: "fair".into(),
        starts_on: day(starts),
        ends_on: day(ends),
        place: "Quảng trường 17/10".into(),
        organiser: "Sở Công Thương".into(),
        note: String::new(),
    }
}

fn act(event_id: i32, action: &str, product: i32, participation: i32) -> ParticipationInput {
    ParticipationInput {
        event_id,
        action: action.into(),
        product_id: product.to_string(),
        participation_id: participation.to_string(),
        ..Default::default()
    }
}

fn conflict<T: std::fmt::Debug>(got: Result<T, ServiceError>) -> Reason {
    match got {
        Err(ServiceError::Conflict(r)) => r,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

fn refused<T: std::fmt::Debug>(got: Result<T, ServiceError>) {
    assert!(
        matches!(got, Err(ServiceError::Denied(_) | ServiceError::NotFound)),
        "expected a refusal, got {got:?}"
    );
}

#[tokio::test]
async fn producers_apply_organisers_answer_and_record_what_sold() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let honey = new_product(db, &p.owner, "Mật ong hội chợ").await;
        support::certify(db, honey.id, 4, &day(-60)).await;
        let uncertified = new_product(db, &p.owner, "Chưa công nhận").await;

        // Only officials record events; a form is checked whole.
        for who in [&p.owner, &p.council, &p.admin] {
            refused(events::create(db, who, &event("Hội chợ", 0, 2), today()).await);
        }
        let mut wrong = event(" ", 5, 1);
        wrong.kind = "concert".into();
        let mut got = problems(events::create(db, &p.province, &wrong, today()).await);
        got.sort();
        assert_eq!(
            got,
            vec![
                ("ends_on".to_owned(), "event_dates"),
                ("kind".to_owned(), "required"),
                ("name".to_owned(), "required"),
            ]
        );
        let fair = events::create(db, &p.province, &event("Hội chợ tỉnh", 0, 2), today())
            .await
            .unwrap();
        let chi_lang = events::create(db, &p.commune, &event("Phiên chợ xã", 3, 3), today())
            .await
            .unwrap();
        // A commune's event is its own producers' only.
        events::view(db, &p.owner, chi_lang, today()).await.unwrap();
        refused(events::view(db, &p.other_producer, chi_lang, today()).await);
        let seen = events::list(db, &p.other_producer, today()).await.unwrap();
        assert!(seen.events.iter().any(|e| e.id == fair), "{}", t.backend);
        assert!(seen.events.iter().all(|e| e.id != chi_lang));
        refused(events::list(db, &p.council, today()).await);

        // Applying: certified products only, once each, not someone else's.
        assert_eq!(
            reason(
                participation::act(
                    db,
                    &p.owner,
                    &act(fair, "apply", uncertified.id, 0),
                    today()
                )
                .await
            ),
            ("product_id", "not_certified")
        );
        assert_eq!(
            reason(
                participation::act(
                    db,
                    &p.other_producer,
                    &act(fair, "apply", honey.id, 0),
                    today()
                )
                .await
            ),
            ("product_id", "not_certified")
        );
        assert_eq!(
            participation::act(db, &p.owner, &act(fair, "apply", honey.id, 0), today())
                .await
                .unwrap(),
            Participation::Applied
        );
        assert_eq!(
            conflict(
                participation::act(db, &p.owner, &act(fair, "apply", honey.id, 0), today()).await
            ),
            Reason::AlreadyJoined
        );
        let view = events::view(db, &p.province, fair, today()).await.unwrap();
        let applied = view.participants[0].id;
        // The organiser answers an application; the applicant cannot accept their own, nor
        // can a commune officer answer for the province's event.
        assert!(
            participation::act(db, &p.owner, &act(fair, "accept", 0, applied), today())
                .await
                .is_err()
        );
        refused(
            participation::act(db, &p.commune, &act(fair, "accept", 0, applied), today()).await,
        );
        assert_eq!(
            participation::act(db, &p.province, &act(fair, "accept", 0, applied), today())
                .await
                .unwrap(),
            Participation::Confirmed
        );

        // Results, once it has started: digits as people type them, bounded.
        let mut results = act(fair, "record", 0, applied);
        results.participated = "yes".into();
        results.sales = "12.500.000".into();
        results.contracts = "2".into();
        refused(participation::act(db, &p.owner, &results, today()).await);
        participation::act(db, &p.province, &results, today())
            .await
            .unwrap();
        let mut bad = results.clone();
        bad.sales = "mười triệu".into();
        bad.contracts = "-1".into();
        let mut got = problems(participation::act(db, &p.province, &bad, today()).await);
        got.sort();
        assert_eq!(
            got,
            vec![
                ("contracts".to_owned(), "out_of_range"),
                ("sales".to_owned(), "not_a_number"),
            ]
        );
        let listed = events::list(db, &p.province, today()).await.unwrap();
        let row = listed.events.iter().find(|e| e.id == fair).unwrap();
        assert_eq!(
            (row.taking_part, row.sales_vnd),
            (1, Some(12_500_000)),
            "{}",
            t.backend
        );
        // Another producer sees who takes part, not what they sold.
        let theirs = events::list(db, &p.other_producer, today()).await.unwrap();
        let row = theirs.events.iter().find(|e| e.id == fair).unwrap();
        assert_eq!((row.taking_part, row.sales_vnd), (1, None));
        let seen = events::view(db, &p.other_commune, fair, today())
            .await
            .unwrap();
        assert!(
            seen.participants
                .iter()
                .all(|x| x.sales_vnd.is_none() && x.note.is_none())
        );

        // The commune invites to its own event; the producer accepts; results wait for the day.
        let invited = participation::act(
            db,
            &p.commune,
            &act(chi_lang, "invite", honey.id, 0),
            today(),
        )
        .await
        .unwrap();
        assert_eq!(invited, Participation::Invited);
        refused(
            participation::act(db, &p.commune, &act(fair, "invite", honey.id, 0), today()).await,
        );
        let mine = events::view(db, &p.owner, chi_lang, today()).await.unwrap();
        let place = mine.participants[0].id;
        participation::act(db, &p.owner, &act(chi_lang, "accept", 0, place), today())
            .await
            .unwrap();
        let mut early = act(chi_lang, "record", 0, place);
        early.participated = "yes".into();
        assert_eq!(
            conflict(participation::act(db, &p.commune, &early, today()).await),
            Reason::ResultsNotYet
        );
        assert!(
            app::services::notifications::list(db, &p.owner)
                .await
                .unwrap()
                .iter()
                .any(|n| n.kind == "trade.invited")
        );

        // An event that is over takes no more products.
        let past = events::create(db, &p.province, &event("Hội chợ cũ", -10, -8), today())
            .await
            .unwrap();
        assert_eq!(
            conflict(
                participation::act(db, &p.owner, &act(past, "apply", honey.id, 0), today()).await
            ),
            Reason::EventClosed
        );

        // The dashboard counts the products taking part this year.
        let d = app::services::reports::dashboard::dashboard(
            db,
            &p.province,
            &Default::default(),
            today(),
            90,
        )
        .await
        .unwrap();
        let trade = d.tiles.iter().find(|t| t.key == "trade").unwrap();
        // The honey takes part in two events this year: one product.
        assert_eq!(trade.value, 1, "{}", t.backend);

        // The annual report counts them too: the fair (with its sales and contracts) and the
        // commune's market when it starts this year; never the event nobody took part in.
        use chrono::Datelike;
        use support::reports::{CHI_LANG, PROVINCE, period_id};
        let year = i16::try_from(today().year()).unwrap();
        let annual = period_id(db, "annual", year).await;
        let both = today().year() == (today() + chrono::Duration::days(3)).year();
        let events = if both { 2 } else { 1 };
        let report =
            app::services::reports::periodic::open(db, &p.province, annual, PROVINCE, today())
                .await
                .unwrap();
        let value = |table: &str, row: &str, col: usize| {
            report
                .figures
                .tables
                .iter()
                .find(|x| x.key == table)
                .and_then(|x| x.rows.iter().find(|r| r.key == row))
                .map(|r| r.values[col])
        };
        let b = t.backend;
        assert_eq!(value("trade", "events", 0), Some(events), "{b}");
        assert_eq!(value("trade", "products", 0), Some(1), "{b}");
        assert_eq!(value("trade", "participations", 0), Some(events), "{b}");
        assert_eq!(
            value("trade", "sales", 0),
            Some(13),
            "{b}: 12.5 million, rounded"
        );
        assert_eq!(value("trade", "contracts", 0), Some(2), "{b}");
        assert_eq!(value("trade", "products", 1), Some(0), "{b}: last year");
        assert_eq!(value("communes", CHI_LANG, 3), Some(1), "{b}");
        assert_eq!(value("communes", "total", 3), Some(1), "{b}");
        let elsewhere =
            app::services::reports::periodic::open(db, &p.other_commune, annual, "06046", today())
                .await
                .unwrap();
        assert!(
            elsewhere
                .figures
                .tables
                .iter()
                .filter(|x| x.key == "trade")
                .all(|x| x.rows.iter().all(|r| r.values == vec![0, 0])),
            "{b}: another commune's report counts its own products only"
        );
        t.cleanup().await;
    }
}
