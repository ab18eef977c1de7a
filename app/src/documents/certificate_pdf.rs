//! The certificate as a PDF (A4 landscape): what it certifies, its decision and validity, and
//! a QR code opening the public check page `/certificates/{number}`. DejaVu Sans is embedded
//! (subset by krilla) so Vietnamese prints the same on any reader.
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use crate::documents::RenderError;
use crate::models::evaluation::rounds::CertificateCheck;

pub(crate) static REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
pub(crate) static BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

const WIDTH: f32 = 842.0;
const HEIGHT: f32 = 595.0;
pub(crate) const GREEN: (u8, u8, u8) = (0x1b, 0x5e, 0x20);

/// "2026-07-15" as "15/07/2026".
/// Splits `text` into lines of at most `width` characters at spaces.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

pub(crate) struct Pen<'a, 'b> {
    pub surface: &'a mut Surface<'b>,
    pub regular: Font,
    pub bold: Font,
}

impl Pen<'_, '_> {
    pub fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, color: (u8, u8, u8), text: &str) {
        self.surface.set_fill(Some(Fill {
            paint: rgb::Color::new(color.0, color.1, color.2).into(),
            ..Default::default()
        }));
        let font = if bold { &self.bold } else { &self.regular };
        self.surface.draw_text(
            Point::from_xy(x, y),
            font.clone(),
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }
}

/// The PDF of the certificate; `check_url` is what its QR code opens.
///
/// # Errors
/// `Invalid("certificate", "pdf")` if the PDF or the QR code cannot be made (a bug).
pub fn render(c: &CertificateCheck, check_url: &str) -> Result<Vec<u8>, RenderError> {
    let failed = || RenderError {
        document: "certificate",
        format: "pdf",
    };
    let regular = Font::new(REGULAR.into(), 0).ok_or_else(failed)?;
    let bold = Font::new(BOLD.into(), 0).ok_or_else(failed)?;
    let row = &c.row;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("Giấy chứng nhận OCOP {}", row.number))
            .language("vi".to_owned())
            .creator("Hệ thống OCOP Lạng Sơn".to_owned()),
    );
    let mut page =
        document.start_page_with(PageSettings::from_wh(WIDTH, HEIGHT).ok_or_else(failed)?);
    let mut surface = page.surface();
    frame(&mut surface);
    let mut pen = Pen {
        surface: &mut surface,
        regular,
        bold,
    };
    let black = (0x22, 0x22, 0x22);
    pen.text(
        60.0,
        80.0,
        12.0,
        false,
        black,
        if row.by_ministry {
            "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"
        } else {
            "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
        },
    );
    pen.text(
        60.0,
        96.0,
        10.0,
        false,
        black,
        "Chương trình Mỗi xã một sản phẩm (OCOP)",
    );
    pen.text(60.0, 150.0, 30.0, true, GREEN, "GIẤY CHỨNG NHẬN");
    pen.text(60.0, 178.0, 15.0, true, GREEN, "SẢN PHẨM OCOP ĐẠT HẠNG SAO");
    pen.text(
        60.0,
        200.0,
        11.0,
        false,
        black,
        &format!("Số: {}", row.number),
    );
    let mut y = 245.0;
    for line in wrap(&row.product_name, 38) {
        pen.text(60.0, y, 22.0, true, black, &line);
        y += 28.0;
    }
    let stars = format!(
        "{}{}  Hạng {} sao",
        "★".repeat(usize::from(row.stars.min(5))),
        "☆".repeat(5 - usize::from(row.stars.min(5))),
        row.stars
    );
    pen.text(60.0, y + 4.0, 20.0, true, (0xb2, 0x84, 0x00), &stars);
    y += 40.0;
    let mut facts = vec![
        format!("Chủ thể: {}", row.subject_name),
        format!("Địa chỉ: {}", c.subject_address.clone().unwrap_or_default()),
        format!("Xã: {} · Nhóm sản phẩm: {}", row.commune_name, c.group_name),
        format!("Điểm đánh giá: {},{}/100", row.score / 10, row.score % 10),
        format!(
            "Theo Quyết định số {}{} ngày {}",
            row.decision_number,
            if row.by_ministry {
                " của Bộ Nông nghiệp và Môi trường"
            } else {
                ""
            },
            crate::domain::dates::iso_date(&row.decision_date)
        ),
        format!(
            "Có hiệu lực 36 tháng, đến hết ngày {}",
            crate::domain::dates::iso_date(&row.valid_until)
        ),
    ];
    if row.national && row.ministry_decision.is_none() {
        facts.push("Đạt từ 90 điểm: đề xuất Trung ương đánh giá, công nhận 5 sao".to_owned());
    }
    for fact in facts {
        for line in wrap(&fact, 80) {
            pen.text(60.0, y, 12.0, false, black, &line);
            y += 18.0;
        }
    }
    qr(pen.surface, check_url, 640.0, 360.0, 150.0).ok_or_else(failed)?;
    pen.text(
        640.0,
        528.0,
        9.0,
        false,
        black,
        "Quét mã để kiểm tra hiệu lực",
    );
    pen.text(640.0, 541.0, 9.0, false, black, "Scan to check validity");
    surface.finish();
    page.finish();
    document.finish().map_err(|_| failed())
}

/// A green double border around the page.
fn frame(surface: &mut Surface<'_>) {
    for (inset, width) in [(20.0, 3.0), (28.0, 1.0)] {
        let mut path = PathBuilder::new();
        if let Some(rect) = Rect::from_xywh(inset, inset, WIDTH - 2.0 * inset, HEIGHT - 2.0 * inset)
        {
            path.push_rect(rect);
        }
        if let Some(path) = path.finish() {
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke {
                paint: rgb::Color::new(GREEN.0, GREEN.1, GREEN.2).into(),
                width,
                ..Default::default()
            }));
            surface.draw_path(&path);
            surface.set_stroke(None);
        }
    }
}

/// The QR code of `url`, `size` points wide, with its top-left corner at (`x`, `y`).
pub(crate) fn qr(surface: &mut Surface<'_>, url: &str, x: f32, y: f32, size: f32) -> Option<()> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    let n = code.width();
    let module = size / n as f32;
    let mut path = PathBuilder::new();
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == qrcode::Color::Dark {
            let (row, col) = (i / n, i % n);
            path.push_rect(Rect::from_xywh(
                x + col as f32 * module,
                y + row as f32 * module,
                module,
                module,
            )?);
        }
    }
    surface.set_stroke(None);
    surface.set_fill(Some(Fill::default()));
    surface.draw_path(&path.finish()?);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::evaluation::rounds::CertificateRow;

    #[test]
    fn a_certificate_renders_with_its_fonts_and_wraps_long_names() {
        let check = CertificateCheck {
            row: CertificateRow {
                number: "LS-2026-0001".into(),
                product_id: 1,
                product_name: "Mứt na Chi Lăng đóng hộp quà tặng đặc biệt loại một".into(),
                subject_name: "HTX Dịch vụ và Sản xuất nông nghiệp Đồng Bành".into(),
                commune_name: "Chi Lăng".into(),
                stars: 4,
                score: 843,
                decision_number: "123/QĐ-UBND".into(),
                decision_date: "2026-07-15".into(),
                valid_until: "2029-07-14".into(),
                status: "valid".into(),
                national: false,
                revoke_reason: None,
                awaiting_ministry: false,
                by_ministry: false,
                ministry_decision: None,
                ministry_decision_date: None,
                ministry_stars: None,
                replaced_by: None,
            },
            subject_address: Some("Thôn Đồng Bành, xã Chi Lăng".into()),
            group_name: "Thực phẩm".into(),
        };
        let pdf = render(&check, "http://localhost/certificates/LS-2026-0001").unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        if let Ok(path) = std::env::var("CERTIFICATE_PDF_OUT") {
            std::fs::write(path, &pdf).unwrap();
        }
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("FontFile2"), "the font is embedded");
        assert!(
            pdf.len() < 200_000,
            "subset fonts keep it small: {}",
            pdf.len()
        );
        assert_eq!(wrap("một hai ba", 7), vec!["một hai", "ba"]);
        assert_eq!(crate::domain::dates::iso_date("2029-07-14"), "14/07/2029");
    }
}
