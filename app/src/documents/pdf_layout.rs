//! The page engine the PDF documents share (A4 portrait, krilla and DejaVu Sans): a document
//! is laid out first as drawing operations per page, so long content flows onto new pages
//! within the margins, then drawn. `report_pdf` adds its tables and charts; the training's
//! sign-in sheet and the role guides use it as it is.
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::Font;

use crate::documents::RenderError;
use crate::documents::certificate_pdf::{BOLD, GREEN, Pen, REGULAR, wrap};

pub(crate) const WIDTH: f32 = 595.0;
pub(crate) const HEIGHT: f32 = 842.0;
pub(crate) const LEFT: f32 = 56.0;
pub(crate) const RIGHT: f32 = WIDTH - 48.0;
pub(crate) const TOP: f32 = 56.0;
pub(crate) const BOTTOM: f32 = HEIGHT - 56.0;
pub(crate) const BLACK: (u8, u8, u8) = (0x22, 0x22, 0x22);
pub(crate) const GREY: (u8, u8, u8) = (0x88, 0x88, 0x88);

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: (u8, u8, u8),
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: (u8, u8, u8),
    },
    Line {
        x1: f32,
        x2: f32,
        y: f32,
    },
}

/// Pages of operations and the pen's height on the last one.
pub(crate) struct Layout {
    pub(crate) pages: Vec<Vec<Op>>,
    pub(crate) y: f32,
}

impl Layout {
    pub(crate) fn new() -> Layout {
        Layout {
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    pub(crate) fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// Starts a new page unless `height` more fits on this one.
    pub(crate) fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
    }

    pub(crate) fn text(&mut self, x: f32, size: f32, bold: bool, text: &str) {
        self.push(Op::Text {
            x,
            y: self.y,
            size,
            bold,
            color: BLACK,
            text: text.to_owned(),
        });
    }

    /// Wrapped text at `size`, one line per `size * 1.45`.
    pub(crate) fn paragraph(&mut self, size: f32, bold: bool, text: &str) {
        let per_line = ((RIGHT - LEFT) / (size * 0.52)) as usize;
        for source in text.lines() {
            for line in wrap(source, per_line.max(10)) {
                self.room(size * 1.45);
                self.y += size * 1.45;
                self.text(LEFT, size, bold, &line);
            }
        }
    }

    pub(crate) fn heading(&mut self, text: &str) {
        self.room(40.0);
        self.y += 22.0;
        self.push(Op::Text {
            x: LEFT,
            y: self.y,
            size: 12.0,
            bold: true,
            color: GREEN,
            text: text.to_owned(),
        });
        self.y += 4.0;
    }
}

/// The document's bytes, each page numbered "n/count" at its foot.
///
/// # Errors
/// `RenderError` for `document` if the PDF cannot be made (a bug).
pub(crate) fn render(
    layout: Layout,
    title: String,
    document_name: &'static str,
) -> Result<Vec<u8>, RenderError> {
    let failed = || RenderError {
        document: document_name,
        format: "pdf",
    };
    let regular = Font::new(REGULAR.into(), 0).ok_or_else(failed)?;
    let bold = Font::new(BOLD.into(), 0).ok_or_else(failed)?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title)
            .language("vi".to_owned())
            .creator("Hệ thống OCOP Lạng Sơn".to_owned()),
    );
    let count = layout.pages.len();
    for (n, ops) in layout.pages.into_iter().enumerate() {
        let mut page =
            document.start_page_with(PageSettings::from_wh(WIDTH, HEIGHT).ok_or_else(failed)?);
        let mut surface = page.surface();
        let mut pen = Pen {
            surface: &mut surface,
            regular: regular.clone(),
            bold: bold.clone(),
        };
        for op in ops {
            draw(&mut pen, op);
        }
        pen.text(
            RIGHT - 40.0,
            HEIGHT - 30.0,
            8.0,
            false,
            GREY,
            &format!("{}/{count}", n + 1),
        );
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|_| failed())
}

fn draw(pen: &mut Pen<'_, '_>, op: Op) {
    match op {
        Op::Text {
            x,
            y,
            size,
            bold,
            color,
            text,
        } => pen.text(x, y, size, bold, color, &text),
        Op::Rect { x, y, w, h, color } => {
            let mut path = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(x, y, w, h) {
                path.push_rect(rect);
            }
            if let Some(path) = path.finish() {
                pen.surface.set_stroke(None);
                pen.surface.set_fill(Some(Fill {
                    paint: rgb::Color::new(color.0, color.1, color.2).into(),
                    ..Default::default()
                }));
                pen.surface.draw_path(&path);
            }
        }
        Op::Line { x1, x2, y } => {
            let mut path = PathBuilder::new();
            path.move_to(x1, y);
            path.line_to(x2, y);
            if let Some(path) = path.finish() {
                pen.surface.set_fill(None);
                pen.surface.set_stroke(Some(Stroke {
                    paint: rgb::Color::new(0x99, 0x99, 0x99).into(),
                    width: 0.6,
                    ..Default::default()
                }));
                pen.surface.draw_path(&path);
                pen.surface.set_stroke(None);
            }
        }
    }
}
