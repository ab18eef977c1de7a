//! The printable sheet of QR stamps for a lot (A4 portrait): a grid of stamps of the chosen
//! width, each with the QR code of the lot's Digital Link, the product's name, the lot code and
//! expiry, and the OCOP mark with its stars — only while the product's certificate is valid.
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::surface::Surface;
use krilla::text::Font;

use crate::documents::RenderError;
use crate::documents::certificate_pdf::{BOLD, GREEN, Pen, REGULAR, qr, wrap};

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 28.0;
const POINTS_PER_MM: f32 = 72.0 / 25.4;

/// What every stamp of the sheet shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub product_name: String,
    pub lot_code: String,
    pub expires_on: Option<String>,
    /// What the QR code opens.
    pub link: String,
    /// The OCOP stars, only while the certificate is valid.
    pub stars: Option<u8>,
}

/// How the stamps are laid out: each `width_mm` wide (25–80), `count` of them (1–500).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub width_mm: u32,
    pub count: u32,
}

impl Layout {
    /// Clamped to what prints and scans well.
    pub fn new(width_mm: u32, count: u32) -> Layout {
        Layout {
            width_mm: width_mm.clamp(25, 80),
            count: count.clamp(1, 500),
        }
    }

    /// (columns, rows) on an A4 page.
    pub fn grid(self) -> (u32, u32) {
        let (w, h) = self.stamp_size();
        let columns = ((WIDTH - 2.0 * MARGIN) / w).floor().max(1.0);
        let rows = ((HEIGHT - 2.0 * MARGIN) / h).floor().max(1.0);
        // Whole numbers of at least 1, far below u32::MAX.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        (columns as u32, rows as u32)
    }

    /// How many A4 pages the stamps take.
    pub fn pages(self) -> u32 {
        let (columns, rows) = self.grid();
        self.count.div_ceil(columns * rows)
    }

    fn stamp_size(self) -> (f32, f32) {
        #[allow(clippy::cast_precision_loss)]
        let w = self.width_mm as f32 * POINTS_PER_MM;
        (w, w * 1.5)
    }
}

/// The sheet as a PDF (as many pages as `layout.count` needs).
///
/// # Errors
/// `Invalid("stamps", "pdf")` if the PDF or a QR code cannot be made (a link too long).
pub fn render(stamp: &Stamp, layout: Layout) -> Result<Vec<u8>, RenderError> {
    let failed = || RenderError {
        document: "stamps",
        format: "pdf",
    };
    let regular = Font::new(REGULAR.into(), 0).ok_or_else(failed)?;
    let bold = Font::new(BOLD.into(), 0).ok_or_else(failed)?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!(
                "Tem QR — {} — lô {}",
                stamp.product_name, stamp.lot_code
            ))
            .language("vi".to_owned())
            .creator("Hệ thống OCOP Lạng Sơn".to_owned()),
    );
    let (columns, rows) = layout.grid();
    let per_page = columns * rows;
    let (w, h) = layout.stamp_size();
    let mut left = layout.count;
    for _ in 0..layout.pages() {
        let mut page =
            document.start_page_with(PageSettings::from_wh(WIDTH, HEIGHT).ok_or_else(failed)?);
        let mut surface = page.surface();
        let mut pen = Pen {
            surface: &mut surface,
            regular: regular.clone(),
            bold: bold.clone(),
        };
        for i in 0..left.min(per_page) {
            #[allow(clippy::cast_precision_loss)]
            let (x, y) = (
                MARGIN + (i % columns) as f32 * w,
                MARGIN + (i / columns) as f32 * h,
            );
            one(&mut pen, stamp, x, y, w).ok_or_else(failed)?;
        }
        left = left.saturating_sub(per_page);
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|_| failed())
}

/// One stamp with its top-left corner at (`x`, `y`), `w` wide.
fn one(pen: &mut Pen<'_, '_>, stamp: &Stamp, x: f32, y: f32, w: f32) -> Option<()> {
    // About four QR modules of white around the code: its quiet zone.
    let pad = w * 0.1;
    border(pen.surface, x + 2.0, y + 2.0, w - 4.0, w * 1.5 - 4.0);
    let side = w - 2.0 * pad;
    qr(pen.surface, &stamp.link, x + pad, y + pad, side)?;
    let size = (w / 14.0).clamp(5.0, 10.0);
    let black = (0x11, 0x11, 0x11);
    // Characters per line at this size (DejaVu Sans averages about 0.55 em).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let per_line = ((w - 2.0 * pad) / (size * 0.55)) as usize;
    let mut line_y = y + pad + side + size * 1.3;
    for line in wrap(&stamp.product_name, per_line).into_iter().take(2) {
        pen.text(x + pad, line_y, size, true, black, &line);
        line_y += size * 1.25;
    }
    pen.text(
        x + pad,
        line_y,
        size * 0.9,
        false,
        black,
        &format!("Lô: {}", stamp.lot_code),
    );
    line_y += size * 1.2;
    if let Some(expiry) = &stamp.expires_on {
        pen.text(
            x + pad,
            line_y,
            size * 0.9,
            false,
            black,
            &format!("HSD: {expiry}"),
        );
        line_y += size * 1.2;
    }
    if let Some(stars) = stamp.stars {
        let mark = format!("OCOP {}", "★".repeat(usize::from(stars.min(5))));
        pen.text(x + pad, line_y + size * 0.1, size * 1.1, true, GREEN, &mark);
    }
    Some(())
}

/// A thin grey cutting border.
fn border(surface: &mut Surface<'_>, x: f32, y: f32, w: f32, h: f32) {
    let mut path = PathBuilder::new();
    if let Some(rect) = Rect::from_xywh(x, y, w, h) {
        path.push_rect(rect);
    }
    if let Some(path) = path.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: rgb::Color::new(0xbb, 0xbb, 0xbb).into(),
            width: 0.5,
            ..Default::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(stars: Option<u8>) -> Stamp {
        Stamp {
            product_name: "Mật ong bạc hà Hữu Lũng".into(),
            lot_code: "2610-07".into(),
            expires_on: Some("31/03/2027".into()),
            link: "https://ocop.langson.gov.vn/01/08935001000006/10/2610-07".into(),
            stars,
        }
    }

    #[test]
    fn a_sheet_fills_as_many_a4_pages_as_the_count_needs() {
        let layout = Layout::new(40, 30);
        assert_eq!(layout.grid(), (4, 4), "40 mm stamps: 4 × 4 on A4");
        assert_eq!(layout.pages(), 2, "30 stamps of 16 a page");
        assert_eq!(Layout::new(25, 500).grid(), (7, 7));
        let two = render(&stamp(Some(4)), layout).unwrap();
        assert!(two.starts_with(b"%PDF-"));
        let one = render(&stamp(Some(4)), Layout::new(40, 16)).unwrap();
        assert!(two.len() > one.len(), "the second page adds to the file");
        assert_eq!(
            Layout::new(5, 0),
            Layout {
                width_mm: 25,
                count: 1
            }
        );
        assert!(render(&stamp(None), Layout::new(80, 1)).is_ok());
    }
}
