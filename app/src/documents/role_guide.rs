//! A role's one-page quick guide (A4), handed out at training sessions: the heading of the
//! Department, the guide's title and intro, then its sections.
use crate::documents::RenderError;
use crate::documents::pdf_layout::{self, LEFT, Layout};
use crate::models::help::Guide;

fn lay_out(guide: &Guide) -> Layout {
    let mut l = Layout::new();
    l.text(LEFT, 10.0, false, "UBND TỈNH LẠNG SƠN");
    l.y += 14.0;
    l.text(LEFT, 10.0, true, "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG");
    l.y += 12.0;
    l.text(
        LEFT,
        9.0,
        false,
        "Hệ thống thông tin sản phẩm OCOP tỉnh Lạng Sơn",
    );
    l.y += 22.0;
    l.paragraph(15.0, true, &guide.title);
    l.y += 4.0;
    l.paragraph(10.5, false, &guide.intro);
    for section in &guide.sections {
        l.heading(&section.heading);
        for line in &section.lines {
            l.paragraph(10.5, false, &format!("• {line}"));
        }
    }
    l
}

/// How many pages the guide takes (one, to be handed out).
pub fn pages(guide: &Guide) -> usize {
    lay_out(guide).pages.len()
}

/// The guide's bytes.
///
/// # Errors
/// `RenderError` if the PDF cannot be made (a bug).
pub fn render(guide: &Guide) -> Result<Vec<u8>, RenderError> {
    pdf_layout::render(lay_out(guide), guide.title.clone(), "guide")
}
