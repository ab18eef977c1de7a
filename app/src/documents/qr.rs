//! QR codes as SVG for pages and as PNG files to download (the PDFs draw their own).

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// Drawn QR codes kept by their text, up to this many bytes of SVG (past it, it starts over).
const KEPT_BYTES: usize = 8 << 20;

/// The QR code of `text` as an SVG document, one unit per module with a 4-module quiet zone;
/// `None` if the text is too long for a QR code.
///
/// A code never changes for its text, while choosing its mask is about a tenth of rendering a
/// product page afresh (a profile under load): pages rendered again after a write (which
/// empties the page cache) reuse the codes already drawn.
pub fn svg(text: &str) -> Option<String> {
    static KEPT: LazyLock<Mutex<(HashMap<String, String>, usize)>> = LazyLock::new(Mutex::default);
    let kept = KEPT.lock().ok().and_then(|kept| kept.0.get(text).cloned());
    if kept.is_some() {
        return kept;
    }
    let svg = draw_svg(text)?;
    if let Ok(mut kept) = KEPT.lock() {
        let size = text.len() + svg.len();
        if kept.1 + size > KEPT_BYTES {
            *kept = Default::default();
        }
        if kept.0.insert(text.to_owned(), svg.clone()).is_none() {
            kept.1 += size;
        }
    }
    Some(svg)
}

fn draw_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let n = code.width();
    let size = n + 8;
    let mut path = String::new();
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == qrcode::Color::Dark {
            path.push_str(&format!("M{} {}h1v1h-1z", i % n + 4, i / n + 4));
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR\"><rect width=\"{size}\" \
         height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

/// The QR code of `text` as a PNG image, `scale` pixels per module, with a 4-module quiet zone;
/// `None` if the text is too long for a QR code.
pub fn png(text: &str, scale: u32) -> Option<Vec<u8>> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let n = u32::try_from(code.width()).ok()?;
    let colors = code.to_colors();
    let side = (n + 8) * scale;
    let image = image::GrayImage::from_fn(side, side, |x, y| {
        let (col, row) = ((x / scale).checked_sub(4), (y / scale).checked_sub(4));
        let dark = match (col, row) {
            (Some(c), Some(r)) if c < n && r < n => {
                colors[(r * n + c) as usize] == qrcode::Color::Dark
            }
            _ => false,
        };
        image::Luma([if dark { 0 } else { 255 }])
    });
    let mut bytes = Vec::new();
    image
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .ok()?;
    Some(bytes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_link_becomes_an_svg_of_dark_modules() {
        let svg = super::svg("https://ocop.langson.gov.vn/01/08934588012228").unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("h1v1h-1z"));
        // Kept: the same text gives the same drawing, another text another one.
        assert_eq!(
            super::svg("https://ocop.langson.gov.vn/01/08934588012228").unwrap(),
            svg
        );
        assert_eq!(
            super::draw_svg("https://ocop.langson.gov.vn/01/08934588012228").unwrap(),
            svg
        );
        assert_ne!(
            super::svg("https://ocop.langson.gov.vn/products/7").unwrap(),
            svg
        );
        assert_eq!(
            super::svg(&"x".repeat(8000)),
            None,
            "too long for a QR code"
        );
    }

    #[test]
    fn a_link_becomes_a_png_with_its_quiet_zone() {
        let link = "https://ocop.langson.gov.vn/01/08934588012228";
        let png = super::png(link, 8).unwrap();
        let image = image::load_from_memory(&png).unwrap().to_luma8();
        let modules = qrcode::QrCode::new(link.as_bytes()).unwrap().width() as u32;
        assert_eq!(image.width(), (modules + 8) * 8);
        assert_eq!(image.get_pixel(0, 0).0, [255], "quiet zone");
        assert_eq!(
            image.get_pixel(4 * 8, 4 * 8).0,
            [0],
            "finder pattern corner"
        );
    }
}
