//! What an uploaded file really is, decided from its first bytes (magic numbers), never from
//! its name or the type the browser claims. Only these kinds are accepted for dossiers,
//! photos and labels; anything else (an executable renamed `.pdf`, an SVG, an empty file) is
//! refused.
use crate::domain::reason::Reason;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
    WebP,
}

impl FileKind {
    pub fn media_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::WebP => "image/webp",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
            FileKind::WebP => "webp",
        }
    }

    pub fn is_image(self) -> bool {
        !matches!(self, FileKind::Pdf)
    }
}

/// Why a file is refused before anything else is done with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rejected {
    Empty,
    TooLarge,
    /// Not a PDF, JPEG, PNG or WebP, whatever its name says.
    UnsupportedType,
}

impl Rejected {
    /// The stable key pages translate.
    pub fn reason(self) -> Reason {
        match self {
            Rejected::Empty => Reason::FileEmpty,
            Rejected::TooLarge => Reason::FileTooLarge,
            Rejected::UnsupportedType => Reason::FileType,
        }
    }
}

/// The kind of `bytes`, if it is one we accept and within `max_bytes`.
///
/// # Errors
/// See `Rejected`.
pub fn sniff(bytes: &[u8], max_bytes: usize) -> Result<FileKind, Rejected> {
    if bytes.is_empty() {
        return Err(Rejected::Empty);
    }
    if bytes.len() > max_bytes {
        return Err(Rejected::TooLarge);
    }
    let kind = if bytes.starts_with(b"%PDF-") {
        FileKind::Pdf
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        FileKind::Jpeg
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        FileKind::Png
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        FileKind::WebP
    } else {
        return Err(Rejected::UnsupportedType);
    };
    Ok(kind)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const LIMIT: usize = 20 * 1024 * 1024;

    #[test]
    fn accepted_kinds_are_told_by_their_content() {
        assert_eq!(sniff(b"%PDF-1.7\n...", LIMIT), Ok(FileKind::Pdf));
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], LIMIT),
            Ok(FileKind::Jpeg)
        );
        let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        assert_eq!(sniff(&png, LIMIT), Ok(FileKind::Png));
        assert_eq!(sniff(b"RIFF\x24\0\0\0WEBPVP8 ", LIMIT), Ok(FileKind::WebP));
    }

    #[test]
    fn the_dangerous_and_the_useless_are_refused() {
        // A Windows executable renamed "ho-so.pdf", an ELF binary, an SVG with a script, HTML.
        for bytes in [
            &b"MZ\x90\0\x03\0\0\0"[..],
            b"\x7fELF\x02\x01\x01",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
            b"<!DOCTYPE html><html>",
            b"RIFF\x24\0\0\0WAVEfmt ",
        ] {
            assert_eq!(sniff(bytes, LIMIT), Err(Rejected::UnsupportedType));
        }
        assert_eq!(sniff(b"", LIMIT), Err(Rejected::Empty));
        assert_eq!(sniff(b"%PDF-1.7", 4), Err(Rejected::TooLarge));
    }

    proptest! {
        #[test]
        fn whatever_the_bytes_the_answer_is_a_kind_or_a_refusal(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            match sniff(&bytes, LIMIT) {
                Ok(kind) => prop_assert!(!bytes.is_empty() && !kind.media_type().is_empty()),
                Err(Rejected::Empty) => prop_assert!(bytes.is_empty()),
                Err(_) => {}
            }
        }
    }
}
