//! Reading the multipart forms of the upload server functions, bounded before any work: an
//! anonymous caller is refused before a byte of the body is read, each text part is capped,
//! the number of parts is capped, and the file is refused as soon as it passes the limit (the
//! router caps the whole body too, see `server/src/limits.rs`).
use std::collections::HashMap;

use leptos::server_fn::codec::MultipartData;

use crate::domain::reason::Reason;
use crate::functions::Ctx;
use crate::models::AppError;
use crate::services::files::uploads::Upload;

/// The largest text part of an upload form (ids, codes): anything bigger is not a form.
pub const MAX_TEXT_PART: usize = 64 * 1024;
/// Parts an upload form may have (a few ids and the file).
const MAX_PARTS: usize = 16;

/// The text fields and the one `file` of a multipart form.
///
/// # Errors
/// `SignInRequired` for an anonymous caller (before reading); `Invalid` with
/// `part_too_large`, `file_too_large` (413), `file_corrupt` or `file_empty`.
pub(crate) async fn read_multipart(
    ctx: &Ctx,
    data: MultipartData,
) -> Result<(HashMap<String, String>, Upload), AppError> {
    if matches!(ctx.actor, crate::auth::Actor::Anonymous) {
        return Err(AppError::SignInRequired);
    }
    let max_bytes = ctx.app.upload_limits.max_bytes;
    let mut form = data
        .into_inner()
        .ok_or_else(|| AppError::Transport("multipart".into()))?;
    let (mut fields, mut upload, mut parts) = (HashMap::new(), None, 0);
    while let Some(mut field) = form.next_field().await.map_err(corrupt)? {
        parts += 1;
        if parts > MAX_PARTS {
            return Err(AppError::invalid("file", Reason::PartTooLarge));
        }
        let name = field.name().unwrap_or_default().to_owned();
        let cap = if name == "file" {
            max_bytes
        } else {
            MAX_TEXT_PART
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(corrupt)? {
            if bytes.len() + chunk.len() > cap {
                return Err(if name == "file" {
                    AppError::invalid("file", Reason::FileTooLarge)
                } else {
                    // The name is the caller's: bounded before it is echoed back.
                    let name: String = name.chars().take(40).collect();
                    AppError::invalid(&name, Reason::PartTooLarge)
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        if name == "file" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            upload = Some(Upload {
                name: file_name,
                bytes,
            });
        } else {
            fields.insert(name, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    let upload = upload.ok_or_else(|| AppError::invalid("file", Reason::FileEmpty))?;
    Ok((fields, upload))
}

/// A form that cannot be read as multipart, named on the file: cut off at the router's body
/// cap (`server/src/limits.rs`), it is too large; otherwise it is malformed.
fn corrupt(error: impl std::fmt::Debug) -> AppError {
    let detail = format!("{error:?}");
    if detail.contains("length limit exceeded") {
        return AppError::invalid("file", Reason::FileTooLarge);
    }
    tracing::info!(error = %detail, "unreadable multipart form");
    AppError::invalid("file", Reason::FileCorrupt)
}

/// A multipart upload for one record: its id in the text field `field`, then the `file`.
///
/// # Errors
/// As `read_multipart`; `Invalid` naming `field` when it is missing or not a number.
pub(crate) async fn read_upload_for(
    ctx: &Ctx,
    data: MultipartData,
    field: &'static str,
) -> Result<(i32, Upload), AppError> {
    let (fields, upload) = read_multipart(ctx, data).await?;
    let id = fields
        .get(field)
        .and_then(|id| id.trim().parse::<i32>().ok())
        .ok_or_else(|| AppError::invalid(field, Reason::Required))?;
    Ok((id, upload))
}
