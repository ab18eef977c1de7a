//! Accepting an uploaded file: its type decided from its content, its size within the limit,
//! images re-encoded with a thumbnail, the bytes put in the file store and the metadata in
//! `stored_file`. Anything else is refused with a reason the page translates.
use crate::domain::reason::Reason;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};

use crate::domain::file_kind::{self, FileKind};
use crate::entities::stored_file;
use crate::services::ServiceError;
use crate::services::files::store::FileStore;
use crate::services::input::invalid;

/// Configurable (`UPLOAD_MAX_MB`, `UPLOAD_MAX_FILES_PER_ITEM`, `UPLOAD_MAX_MEGAPIXELS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadLimits {
    pub max_bytes: usize,
    /// Documents under one checklist item of a dossier; photos of one product.
    pub max_files_per_item: usize,
    /// Width × height of an image, in millions of pixels, read from its header before it is
    /// decoded (a small PNG may claim 144 megapixels and take gigabytes to decode).
    pub max_megapixels: u32,
}

impl Default for UploadLimits {
    fn default() -> Self {
        UploadLimits {
            max_bytes: 20 * 1024 * 1024,
            max_files_per_item: 10,
            max_megapixels: 40,
        }
    }
}

/// Images decoded at once: one per core, so ten large uploads at once queue here instead of
/// taking the memory and every core from the other requests.
static DECODES: std::sync::LazyLock<crate::slots::Slots> =
    std::sync::LazyLock::new(crate::slots::Slots::per_core);

/// How long an upload waits for a free decoding slot before it is told the server is busy.
const WAIT_FOR_DECODE: std::time::Duration = std::time::Duration::from_secs(60);

/// The most images seen decoding at once (for the tests that flood uploads).
pub fn peak_decoding() -> usize {
    DECODES.peak()
}

/// A file as it arrived.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What the file is for: decides who may download it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    DossierDocument,
    /// Public with its product.
    ProductPhoto,
    /// Label artwork (image or PDF): the subject's members and its officials.
    LabelArtwork,
    /// A photo of a lot event: public with the lot's trace.
    EventPhoto,
    /// An inspection's photo (the visit's or the producer's evidence): the subject and its
    /// officials.
    InspectionPhoto,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::DossierDocument => "dossier_document",
            Purpose::ProductPhoto => "product_photo",
            Purpose::LabelArtwork => "label_artwork",
            Purpose::EventPhoto => "event_photo",
            Purpose::InspectionPhoto => "inspection_photo",
        }
    }
}

/// Checks, cleans and stores one file of `subject_id`; the metadata row is written with `db`.
/// Call it before opening a transaction: an image is decoded and encoded again here, which
/// takes a while, and no database lock should be held meanwhile.
///
/// # Errors
/// `Invalid { field: "file", reason }` with `file_empty`, `file_too_large`, `file_type`
/// (including a PDF where only images are wanted) or `file_corrupt`; a store failure as
/// a database error.
pub async fn store(
    db: &impl ConnectionTrait,
    files: &dyn FileStore,
    limits: &UploadLimits,
    upload: Upload,
    owner: (i32, Option<i32>),
    purpose: Purpose,
) -> Result<stored_file::Model, ServiceError> {
    let kind = file_kind::sniff(&upload.bytes, limits.max_bytes)
        .map_err(|rejected| invalid("file", rejected.reason()))?;
    if matches!(
        purpose,
        Purpose::ProductPhoto | Purpose::EventPhoto | Purpose::InspectionPhoto
    ) && !kind.is_image()
    {
        return Err(invalid("file", Reason::FileType));
    }
    let (bytes, thumbnail) = if kind.is_image() {
        let bytes = upload.bytes;
        let max_pixels = u64::from(limits.max_megapixels) * 1_000_000;
        let clean = DECODES
            .run(WAIT_FOR_DECODE, move || {
                crate::services::files::images::clean(kind, &bytes, max_pixels)
            })
            .await
            .map_err(|busy| match busy {
                crate::slots::SlotError::Busy => ServiceError::Conflict(Reason::ServerBusy),
                crate::slots::SlotError::Failed => invalid("file", Reason::FileCorrupt),
            })?
            .map_err(|reason| invalid("file", reason))?;
        (clean.bytes, Some(clean.thumbnail))
    } else {
        (upload.bytes, None)
    };
    let sha256 = files.put(&bytes).await.map_err(store_failed)?;
    let thumb_sha256 = match thumbnail {
        Some(thumb) => Some(files.put(&thumb).await.map_err(store_failed)?),
        None => None,
    };
    let (subject_id, uploaded_by) = owner;
    Ok(stored_file::ActiveModel {
        sha256: Set(sha256),
        thumb_sha256: Set(thumb_sha256),
        media_type: Set(kind.media_type().to_owned()),
        original_name: Set(display_name(&upload.name, kind)),
        size_bytes: Set(i64::try_from(bytes.len()).unwrap_or(i64::MAX)),
        subject_id: Set(Some(subject_id)),
        uploaded_by: Set(uploaded_by),
        purpose: Set(purpose.as_str().to_owned()),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

fn store_failed(err: std::io::Error) -> ServiceError {
    tracing::error!(error = %err, "file store");
    ServiceError::Db(sea_orm::DbErr::Custom("file store failed".into()))
}

/// The name shown and offered on download: the last path component, without control
/// characters, at most 120 characters, ending in the extension of what the file really is.
pub fn display_name(name: &str, kind: FileKind) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>'))
        .collect();
    let stem = match clean.rsplit_once('.') {
        Some((stem, _)) => stem,
        None => clean.as_str(),
    };
    let stem: String = stem.trim().chars().take(120).collect();
    let stem = if stem.is_empty() {
        "tep".to_owned()
    } else {
        stem
    };
    format!("{stem}.{}", kind.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_end_in_what_the_file_is() {
        assert_eq!(
            display_name("C:\\giay to\\ke-hoach.PDF", FileKind::Pdf),
            "ke-hoach.pdf"
        );
        assert_eq!(display_name("anh.exe", FileKind::Jpeg), "anh.jpg");
        assert_eq!(display_name("", FileKind::Png), "tep.png");
        assert_eq!(
            display_name("a\u{0}b\"<x>.webp", FileKind::WebP),
            "abx.webp"
        );
    }
}
