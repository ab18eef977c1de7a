//! Uploaded images are decoded and encoded again: what is stored is only the pixels (no EXIF
//! location, no appended payload, nothing a crafted file hid), turned upright, plus a small
//! JPEG thumbnail. A file that does not decode (truncated, corrupt, a decompression bomb) is
//! refused.
use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::domain::file_kind::FileKind;
use crate::domain::reason::Reason;

/// Thumbnails fit in this square.
const THUMB_SIZE: u32 = 320;
/// Larger than any camera's; a bigger claim is a bomb.
const MAX_SIDE: u32 = 12_000;
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// The re-encoded image (same format) and its JPEG thumbnail.
#[derive(Debug)]
pub struct CleanImage {
    pub bytes: Vec<u8>,
    pub thumbnail: Vec<u8>,
}

/// Decodes and re-encodes `bytes` of `kind` (an image kind) of at most `max_pixels` pixels.
///
/// # Errors
/// `Reason::ImageTooLarge` when its header claims more pixels (checked before decoding);
/// `Reason::FileCorrupt` when it does not decode or encode.
pub fn clean(kind: FileKind, bytes: &[u8], max_pixels: u64) -> Result<CleanImage, Reason> {
    let format = match kind {
        FileKind::Jpeg => ImageFormat::Jpeg,
        FileKind::Png => ImageFormat::Png,
        FileKind::WebP => ImageFormat::WebP,
        FileKind::Pdf => return Err(Reason::FileCorrupt),
    };
    let mut header = ImageReader::new(Cursor::new(bytes));
    header.set_format(format);
    let (width, height) = header.into_dimensions().map_err(|_| Reason::FileCorrupt)?;
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(Reason::ImageTooLarge);
    }
    let image = decode(format, bytes).ok_or(Reason::FileCorrupt)?;
    let bytes = match format {
        // Photos: a JPEG again, at a quality nobody tells from the original.
        ImageFormat::Jpeg => jpeg(&image, 88),
        other => {
            let mut out = Cursor::new(Vec::new());
            image
                .write_to(&mut out, other)
                .ok()
                .map(|()| out.into_inner())
        }
    }
    .ok_or(Reason::FileCorrupt)?;
    let thumbnail =
        jpeg(&image.thumbnail(THUMB_SIZE, THUMB_SIZE), 80).ok_or(Reason::FileCorrupt)?;
    Ok(CleanImage { bytes, thumbnail })
}

fn decode(format: ImageFormat, bytes: &[u8]) -> Option<DynamicImage> {
    let mut reader = ImageReader::new(Cursor::new(bytes));
    reader.set_format(format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().ok()?;
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).ok()?;
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    Some(image)
}

/// JPEG has no alpha: transparent pixels are flattened.
fn jpeg(image: &DynamicImage, quality: u8) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let rgb = DynamicImage::ImageRgb8(image.to_rgb8());
    rgb.write_with_encoder(JpegEncoder::new_with_quality(&mut out, quality))
        .ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small PNG made here (no fixture files).
    pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x * 7) as u8, (y * 5) as u8, 90])
        });
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(image)
            .write_to(&mut out, ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn an_image_is_re_encoded_with_a_thumbnail_and_what_was_appended_is_gone() {
        let mut bytes = png(800, 400);
        bytes.extend_from_slice(b"<script>alert(1)</script>");
        let clean = clean(FileKind::Png, &bytes, 40_000_000).unwrap();
        assert!(clean.bytes.starts_with(b"\x89PNG"));
        assert!(!clean.bytes.windows(8).any(|w| w == b"<script>"));
        let thumb = image::load_from_memory(&clean.thumbnail).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (320, 160));
    }

    #[test]
    fn a_truncated_image_is_refused() {
        let bytes = png(200, 200);
        assert_eq!(
            clean(FileKind::Png, &bytes[..bytes.len() / 2], 40_000_000).unwrap_err(),
            Reason::FileCorrupt
        );
        assert_eq!(
            clean(FileKind::Jpeg, b"\xff\xd8\xff\xe0 nothing", 40_000_000).unwrap_err(),
            Reason::FileCorrupt
        );
    }
}
