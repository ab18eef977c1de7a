//! The permission matrix's rows for lots, labels, reports and the dashboard (issues 6 and 7),
//! imports, the registries, subject corrections and master data (issue 20), e-mail and the
//! communes' help with accounts (issue 21), partial decisions of a round, inspections and trade
//! (issue 23), information gaps and training (issue 24), apart from
//! `permission_matrix` so each file reads in one sitting.
use crate::permission_matrix::Who::*;
use crate::permission_matrix::{ADMINS, EVERYONE, PRODUCERS, Row};
use crate::permission_targets::Targets;

pub(crate) fn rows(ids: &Targets) -> Vec<Row> {
    let Targets {
        active_subject,
        active_product,
        own_lot,
        own_event,
        import_batch,
        round,
        round_dossier,
        inspection,
        trade_event,
        training,
        ..
    } = ids;
    vec![
        // Issue 24: a producer's own information gaps; training sessions (the province, and a
        // commune's officers for their own; Tràng Định sees the list, not Chi Lăng's session).
        ("/api/my_completeness", String::new(), PRODUCERS),
        // The tour needs no sign-in to say there is none.
        ("/api/get_tour", "english=false".into(), EVERYONE),
        (
            "/api/get_adoption",
            String::new(),
            &[OwnCommune, OtherCommune, Province],
        ),
        (
            "/api/list_trainings",
            String::new(),
            &[OwnCommune, OtherCommune, Province],
        ),
        (
            "/api/get_training",
            format!("id={training}"),
            &[OtherCommune, Province],
        ),
        // An empty form: officials get past the check to the form's field errors.
        (
            "/api/create_training",
            "input[title]=&input[held_on]=&input[mode]=&input[place]=&input[audience]=&input[topics]=&input[trainer]=".into(),
            &[OwnCommune, OtherCommune, Province],
        ),
        (
            "/api/search_training_accounts",
            format!("session_id={training}&query=zz"),
            &[OtherCommune, Province],
        ),
        (
            "/api/add_training_attendee",
            format!("input[session_id]={training}&input[full_name]="),
            &[OtherCommune, Province],
        ),
        (
            "/api/remove_training_attendee",
            format!("session_id={training}&attendee_id=0"),
            &[OtherCommune, Province],
        ),
        (
            "/api/tick_training_attendance",
            format!("input[session_id]={training}"),
            &[OtherCommune, Province],
        ),
        // Trade promotion (issue 23): producers and officials see the province's events.
        (
            "/api/list_trade_events",
            String::new(),
            &[Producer, OtherProducer, OwnCommune, OtherCommune, Province],
        ),
        (
            "/api/get_trade_event",
            format!("id={trade_event}"),
            &[Producer, OtherProducer, OwnCommune, OtherCommune, Province],
        ),
        // An empty event: officials get past the check to the form's field errors.
        (
            "/api/create_trade_event",
            "input[name]=&input[kind]=&input[starts_on]=&input[ends_on]=&input[place]=&input[organiser]=".into(),
            &[OwnCommune, OtherCommune, Province],
        ),
        // No product: a producer gets past the check to a field error.
        (
            "/api/act_on_participation",
            format!("input[event_id]={trade_event}&input[action]=apply&input[product_id]="),
            &[Producer, OtherProducer],
        ),
        // Inspections (issue 23), on the demo one of the producer's product (Chi Lăng)
        // awaiting its correction: its producer, Chi Lăng's officer and the province.
        (
            "/api/list_inspections",
            "state=&product=&page=".into(),
            &[Producer, OtherProducer, OwnCommune, OtherCommune, Province],
        ),
        (
            "/api/get_inspection",
            format!("id={inspection}"),
            &[Producer, OtherCommune, Province],
        ),
        (
            "/api/list_plan_candidates",
            String::new(),
            &[OwnCommune, OtherCommune, Province],
        ),
        // An empty plan: officials get past the check to the form's field errors.
        (
            "/api/plan_inspections",
            "input[kind]=&input[planned_on]=&input[team]=".into(),
            &[OwnCommune, OtherCommune, Province],
        ),
        // Not planned any more: its inspectors get past the check to "changed meanwhile".
        (
            "/api/act_on_inspection",
            format!(
                "input[inspection_id]={inspection}&input[action]=RecordVisit&input[verdict]=compliant"
            ),
            &[OtherCommune, Province],
        ),
        // No note: the producer gets past the check to a field error.
        (
            "/api/act_on_inspection",
            format!("input[inspection_id]={inspection}&input[action]=Answer&input[note]="),
            &[Producer],
        ),
        // Not proposed for revocation: the province gets past the check to "changed meanwhile".
        (
            "/api/act_on_inspection",
            format!(
                "input[inspection_id]={inspection}&input[action]=Revoke&input[note]=x&input[decision]=x&input[date]=2026-01-01"
            ),
            &[Province],
        ),
        // A PDF: past the check, refused as not a photo.
        (
            "/api/upload_inspection_photo",
            format!("inspection_id={inspection}"),
            &[Producer, OtherCommune, Province],
        ),
        // Partial decisions (issue 23), on the open demo round.
        // No reason: a field error after the check.
        (
            "/api/defer_round_dossier",
            format!("round_id={round}&dossier_id={round_dossier}&reason="),
            &[Province],
        ),
        // Not left out: "not deferred" after the check.
        (
            "/api/bring_back_round_dossier",
            format!("round_id={round}&dossier_id={round_dossier}"),
            &[Province],
        ),
        // The open demo round is not decided: "wrong phase" after the check.
        (
            "/api/decide_deferred_dossier",
            format!(
                "round_id={round}&dossier_id={round_dossier}&number=1&date=2026-01-01&signer=x"
            ),
            &[Province],
        ),
        ("/api/mail_enabled", String::new(), EVERYONE),
        ("/api/mail_outbox", "state=".into(), ADMINS),
        ("/api/send_test_mail", String::new(), ADMINS),
        ("/api/api_tokens", String::new(), &[Admin]),
        // An empty form: the administrator gets past the check to the field errors.
        (
            "/api/create_api_token",
            "note=&expires_on=".into(),
            &[Admin],
        ),
        (
            "/api/revoke_api_token",
            format!("id={}", ids.api_token),
            &[Admin],
        ),
        // No mail server here: everyone gets past the check to "e-mail is not configured".
        (
            "/api/request_password_link",
            "email=nobody%40example.vn".into(),
            EVERYONE,
        ),
        // An empty form: officers get past the check to the form's field errors.
        (
            "/api/register_producer_for",
            "registration[full_name]=&registration[email]=&registration[phone]=\
             &registration[password]=&registration[subject_mode]=new&registration[subject_type]=\
             &registration[subject_name]=&registration[tax_code]=&registration[address]=\
             &registration[commune_code]=&registration[join_subject_id]="
                .into(),
            &[OwnCommune, OtherCommune, Province, Admin],
        ),
        // No reason: its commune's officer and the province get past the check to a field
        // error.
        (
            "/api/set_subject_active",
            format!("subject_id={active_subject}&version=-1&active=false&reason="),
            &[OtherCommune, Province, Admin],
        ),
        // No commune: the province gets past the check to a field error.
        (
            "/api/move_subject",
            format!("subject_id={active_subject}&version=-1&commune_code=&reason="),
            &[Province, Admin],
        ),
        (
            "/api/get_subject_history",
            format!("subject_id={active_subject}"),
            &[OtherCommune, Province, Admin],
        ),
        (
            "/api/list_product_lots",
            format!("product_id={active_product}"),
            &[Producer, OtherCommune, Province, Admin],
        ),
        // An empty form: the producer gets past the check to a field error.
        (
            "/api/create_lot",
            format!(
                "product_id={active_product}&lot[code]=&lot[produced_on]=&lot[expires_on]=\
                 &lot[quantity]=&lot[unit]=&lot[origin_commune_code]=&lot[origin_note]="
            ),
            &[Producer],
        ),
        (
            "/api/get_lot",
            format!("lot_id={own_lot}"),
            &[Producer, OtherCommune, Province, Admin],
        ),
        // No kind: the producer gets past the check to a field error.
        (
            "/api/add_lot_event",
            format!(
                "lot_id={own_lot}&event[kind]=&event[happened_at]=&event[commune_code]=\
                 &event[place]=&event[actor_name]=&event[note]=&event[inputs]="
            ),
            &[Producer],
        ),
        ("/api/get_public_lot", format!("lot_id={own_lot}"), EVERYONE),
        // Multipart with a PDF: the producer gets past the check to "not an image".
        (
            "/api/upload_event_photo",
            format!("event_id={own_event}"),
            &[Producer],
        ),
        (
            "/api/get_product_label",
            format!("product_id={active_product}"),
            &[Producer, OtherCommune, Province, Admin],
        ),
        // The mark ticked without stars: the producer gets past the check to a field error.
        (
            "/api/save_product_label",
            format!("product_id={active_product}&version=0&shows_mark=on&shown_stars="),
            &[Producer],
        ),
        // Multipart with a PDF: the producer adds an artwork version.
        (
            "/api/upload_label_artwork",
            format!("product_id={active_product}"),
            &[Producer],
        ),
        // A filed standard kept private: the producer gets past the check (nothing changes).
        (
            "/api/set_document_public",
            format!(
                "product_id={}&file_id={}&public=false",
                ids.filed_standard.0, ids.filed_standard.1
            ),
            &[Producer],
        ),
        ("/api/list_label_checklist", String::new(), ADMINS),
        // No Vietnamese name: those who manage master data get past the check to a field error.
        (
            "/api/save_label_checklist_item",
            "id=0&row[code]=x&row[name_vi]=&row[name_en]=x&row[groups]=&row[check]=text\
             &row[sort]=1&row[basis]="
                .into(),
            ADMINS,
        ),
        // Reports: a commune's own, the province's everything; period 12 (the 2026 annual
        // report) is master data — a commune reports only for periods ending once it exists.
        (
            "/api/get_reports_home",
            String::new(),
            &[OwnCommune, OtherCommune, Province, Admin],
        ),
        (
            "/api/get_report",
            "period_id=12&scope=06046".into(),
            &[OwnCommune, Province, Admin],
        ),
        // An old version: the commune gets past the check to "changed meanwhile".
        (
            "/api/save_report",
            "period_id=12&scope=06046&version=99&results=x".into(),
            &[OwnCommune],
        ),
        // A return without a comment: the province gets past the check to a field error.
        (
            "/api/review_report",
            "period_id=12&scope=06046&version=1&decision=return&comment=".into(),
            &[Province],
        ),
        ("/api/get_report_settings", String::new(), ADMINS),
        // An end before the start: those who manage master data get past the check.
        (
            "/api/save_report_period",
            "period_id=1&starts_on=2023-06-30&ends_on=2023-01-01&due_on=2023-06-25".into(),
            ADMINS,
        ),
        // A year out of range: the same.
        ("/api/add_report_year", "year=1900".into(), ADMINS),
        (
            "/api/save_report_target",
            "year=1900&scope_code=20&new_3star=1&national=0".into(),
            ADMINS,
        ),
        (
            "/api/get_dashboard",
            "filter[year]=2026".into(),
            &[
                Producer,
                OtherProducer,
                OwnCommune,
                OtherCommune,
                Province,
                Admin,
            ],
        ),
        // Imports: a PDF is unreadable as a sheet (past the check); the previewed template has
        // nothing to import and is not imported, so it cannot be undone (conflicts).
        ("/api/upload_import", String::new(), ADMINS),
        // A commune officer gets their own commune's list whatever is asked; the province any.
        (
            "/api/list_registry_products",
            "filter[commune]=06463&filter[query]=&filter[status]=&filter[page]=1".into(),
            &[OwnCommune, OtherCommune, Province, Admin],
        ),
        (
            "/api/list_registry_subjects",
            "filter[commune]=&filter[query]=&filter[status]=&filter[page]=1".into(),
            &[OwnCommune, OtherCommune, Province, Admin],
        ),
        ("/api/list_imports", String::new(), ADMINS),
        (
            "/api/get_import",
            format!("batch_id={}&filter=all&page=1", import_batch),
            ADMINS,
        ),
        (
            "/api/map_import_column",
            format!(
                "batch_id={}&sheet=Ch%E1%BB%A7+th%E1%BB%83&column=0&field=subject_name",
                import_batch
            ),
            ADMINS,
        ),
        (
            "/api/commit_import",
            format!("batch_id={}&fingerprint=x", import_batch),
            ADMINS,
        ),
        (
            "/api/undo_import",
            format!("batch_id={}", import_batch),
            ADMINS,
        ),
        // An empty form: those allowed get past the check to field errors.
        (
            "/api/add_report_custom",
            "input[kind]=&input[title]=&input[starts_on]=&input[ends_on]=&input[due_on]=".into(),
            ADMINS,
        ),
        ("/api/get_master_data", String::new(), ADMINS),
        // Empty forms: those allowed get past the check to field errors, nothing changes.
        (
            "/api/add_unit",
            "input[code]=&input[name]=&input[kind]=&input[valid_from]=".into(),
            ADMINS,
        ),
        (
            "/api/rename_unit",
            "input[code]=06463&input[name]=&input[kind]=&input[from]=".into(),
            ADMINS,
        ),
        (
            "/api/retire_unit",
            "input[code]=06463&input[last_day]=&input[successor_code]=".into(),
            ADMINS,
        ),
        (
            "/api/add_product_group",
            "input[parent_code]=&input[code]=&input[name_vi]=&input[name_en]=&input[valid_from]="
                .into(),
            &[Admin],
        ),
        (
            "/api/rename_product_group",
            "input[code]=I&input[name_vi]=&input[name_en]=&input[from]=".into(),
            &[Admin],
        ),
        (
            "/api/retire_product_group",
            "input[code]=I.1.a&input[last_day]=".into(),
            &[Admin],
        ),
        (
            "/api/save_dossier_checklist_item",
            "input[code]=registration_form&input[name_vi]=&input[name_en]=".into(),
            ADMINS,
        ),
        (
            "/api/retire_dossier_checklist_item",
            "input[code]=registration_form&input[last_day]=".into(),
            ADMINS,
        ),
    ]
}
