//! A field's own message under the field, from a server function's `Invalid { field, reason }`.
use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::models::AppError;

#[component]
pub fn FieldError(
    #[prop(into)] error: Signal<Option<AppError>>,
    field: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    move || match error.get() {
        Some(AppError::Invalid { field: f, reason }) if f == field => {
            let text = match reason.as_str() {
                "required" => t_string!(i18n, field_errors.required).to_string(),
                "too_long" => t_string!(i18n, errors.too_long).to_string(),
                "invalid_phone" => t_string!(i18n, field_errors.invalid_phone).to_string(),
                "invalid_email" => t_string!(i18n, field_errors.invalid_email).to_string(),
                "contact_required" => t_string!(i18n, field_errors.contact_required).to_string(),
                "password_too_short" => {
                    t_string!(i18n, field_errors.password_too_short).to_string()
                }
                "password_too_long" => t_string!(i18n, field_errors.password_too_long).to_string(),
                "password_too_common" => {
                    t_string!(i18n, field_errors.password_too_common).to_string()
                }
                "password_contains_context" => {
                    t_string!(i18n, field_errors.password_contains_context).to_string()
                }
                "email_taken" => t_string!(i18n, field_errors.email_taken).to_string(),
                "phone_taken" => t_string!(i18n, field_errors.phone_taken).to_string(),
                "tax_code_taken" => t_string!(i18n, field_errors.tax_code_taken).to_string(),
                "tax_code_required" => t_string!(i18n, field_errors.tax_code_required).to_string(),
                "invalid_tax_code" => t_string!(i18n, field_errors.invalid_tax_code).to_string(),
                "unknown_commune" => t_string!(i18n, field_errors.unknown_commune).to_string(),
                "unknown_subject" => t_string!(i18n, field_errors.unknown_subject).to_string(),
                "unknown_subject_type" => {
                    t_string!(i18n, field_errors.unknown_subject_type).to_string()
                }
                "reason_required" => t_string!(i18n, field_errors.reason_required).to_string(),
                "wrong_password" => t_string!(i18n, field_errors.wrong_password).to_string(),
                "same_password" => t_string!(i18n, field_errors.same_password).to_string(),
                "reset_link_invalid" => {
                    t_string!(i18n, field_errors.reset_link_invalid).to_string()
                }
                "unknown_role" => t_string!(i18n, field_errors.unknown_role).to_string(),
                "invalid_date" => t_string!(i18n, field_errors.invalid_date).to_string(),
                "invalid_website" => t_string!(i18n, field_errors.invalid_website).to_string(),
                "out_of_range" => t_string!(i18n, field_errors.out_of_range).to_string(),
                "unknown_unit" => t_string!(i18n, field_errors.unknown_unit).to_string(),
                "coordinates_pair" => t_string!(i18n, field_errors.coordinates_pair).to_string(),
                "unknown_group" => t_string!(i18n, field_errors.unknown_group).to_string(),
                "price_range" => t_string!(i18n, field_errors.price_range).to_string(),
                "gtin_format" => t_string!(i18n, field_errors.gtin_format).to_string(),
                "gtin_check_digit" => t_string!(i18n, field_errors.gtin_check_digit).to_string(),
                "gtin_taken" => t_string!(i18n, field_errors.gtin_taken).to_string(),
                "file_empty" => t_string!(i18n, field_errors.file_empty).to_string(),
                "file_too_large" => t_string!(i18n, field_errors.file_too_large).to_string(),
                "file_type" => t_string!(i18n, field_errors.file_type).to_string(),
                "file_corrupt" => t_string!(i18n, field_errors.file_corrupt).to_string(),
                "too_many_files" => t_string!(i18n, field_errors.too_many_files).to_string(),
                "cycle_needs_stars" => t_string!(i18n, field_errors.cycle_needs_stars).to_string(),
                "dossier_open" => t_string!(i18n, field_errors.dossier_open).to_string(),
                "documents_missing" => t_string!(i18n, field_errors.documents_missing).to_string(),
                "return_needs_comment" => {
                    t_string!(i18n, field_errors.return_needs_comment).to_string()
                }
                "assessment_missing" => {
                    t_string!(i18n, field_errors.assessment_missing).to_string()
                }
                "unreadable" => t_string!(i18n, field_errors.json_unreadable).to_string(),
                "part_sum" => t_string!(i18n, field_errors.part_sum).to_string(),
                "duplicate_code" => t_string!(i18n, field_errors.duplicate_code).to_string(),
                "too_few_options" => t_string!(i18n, field_errors.too_few_options).to_string(),
                "bad_level" => t_string!(i18n, field_errors.bad_level).to_string(),
                "invalid_year" => t_string!(i18n, field_errors.invalid_year).to_string(),
                "before_start" => t_string!(i18n, field_errors.before_start).to_string(),
                "not_an_evaluator" => t_string!(i18n, field_errors.not_an_evaluator).to_string(),
                "incomplete" => t_string!(i18n, field_errors.sheet_incomplete).to_string(),
                "no_criteria_set" => t_string!(i18n, field_errors.no_criteria_set).to_string(),
                "empty" => t_string!(i18n, field_errors.round_empty).to_string(),
                "lot_code" => t_string!(i18n, field_errors.lot_code).to_string(),
                "stars_range" => t_string!(i18n, field_errors.stars_range).to_string(),
                "group_codes" => t_string!(i18n, field_errors.group_codes).to_string(),
                "item_code" => t_string!(i18n, field_errors.item_code).to_string(),
                "number" => t_string!(i18n, field_errors.number).to_string(),
                "code_taken" => t_string!(i18n, field_errors.code_taken).to_string(),
                "lot_taken" => t_string!(i18n, field_errors.lot_taken).to_string(),
                "inputs_processing_only" => {
                    t_string!(i18n, field_errors.inputs_processing_only).to_string()
                }
                "unknown_lot" => t_string!(i18n, field_errors.unknown_lot).to_string(),
                "xlsx_unreadable" => t_string!(i18n, field_errors.xlsx_unreadable).to_string(),
                "xlsx_layout" => t_string!(i18n, field_errors.xlsx_layout).to_string(),
                "xlsx_points" => t_string!(i18n, field_errors.xlsx_points).to_string(),
                _ => t_string!(i18n, errors.invalid).to_string(),
            };
            Some(view! { <p class="field-error" role="alert" data-field=field>{text}</p> })
        }
        _ => None,
    }
}
