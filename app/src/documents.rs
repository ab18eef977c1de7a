//! Renderers (server only): a model in, bytes out — PDF, XLSX, QR codes, the stamp sheet. They
//! never touch the database: services load the model, call a renderer and return its bytes.
pub mod certificate_pdf;
pub mod criteria_xlsx;
pub mod epcis;
pub mod minutes;
pub mod pdf_layout;
pub mod qr;
pub mod registry_xlsx;
pub mod report_pdf;
pub mod report_xlsx;
pub mod role_guide;
pub mod sign_in_sheet;
pub mod stamp_sheet;

/// A renderer could not produce its document (a font, layout or QR failure: a bug, not the
/// user's input). Services pass it on as `Invalid(document, format)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("could not render the {document} as {format}")]
pub struct RenderError {
    /// What was being rendered: "certificate", "report", "stamps".
    pub document: &'static str,
    /// The format it failed in: "pdf".
    pub format: &'static str,
}
