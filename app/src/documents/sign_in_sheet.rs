//! A training session's sign-in sheet (danh sách ký tên), A4: the session's heading, then a
//! table — number, name, unit, phone, signature — with the people already listed and blank
//! rows for those who come unannounced.
use crate::documents::RenderError;
use crate::documents::certificate_pdf::wrap;
use crate::documents::pdf_layout::{self, LEFT, Layout, Op, RIGHT};
use crate::models::training::TrainingView;

/// Blank rows after the listed people.
const BLANK_ROWS: usize = 10;
const ROW_HEIGHT: f32 = 24.0;
/// Where each column starts, from the left margin.
const COLUMNS: [(f32, &str); 5] = [
    (0.0, "STT"),
    (28.0, "Họ và tên"),
    (175.0, "Đơn vị / chủ thể"),
    (340.0, "Điện thoại"),
    (420.0, "Ký tên"),
];

fn cut(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

fn row_line(l: &mut Layout) {
    l.push(Op::Line {
        x1: LEFT,
        x2: RIGHT,
        y: l.y,
    });
}

fn header(l: &mut Layout) {
    l.room(ROW_HEIGHT * 2.0);
    l.y += 14.0;
    for (x, name) in COLUMNS {
        l.push(Op::Text {
            x: LEFT + x,
            y: l.y,
            size: 9.5,
            bold: true,
            color: pdf_layout::BLACK,
            text: name.to_owned(),
        });
    }
    l.y += 6.0;
    row_line(l);
}

fn lay_out(view: &TrainingView) -> Layout {
    let mut l = Layout::new();
    let s = &view.session;
    l.text(LEFT, 10.0, false, "UBND TỈNH LẠNG SƠN");
    l.y += 14.0;
    l.text(
        LEFT,
        10.0,
        true,
        if s.commune_name.is_empty() {
            "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG".to_owned()
        } else {
            format!("UBND {}", s.commune_name.to_uppercase())
        }
        .as_str(),
    );
    l.y += 34.0;
    l.text(170.0, 14.0, true, "DANH SÁCH KÝ TÊN THAM DỰ TẬP HUẤN");
    l.y += 8.0;
    l.paragraph(11.0, true, &s.title);
    let (mode, _) = s.mode.label();
    let (audience, _) = s.audience.label();
    l.paragraph(
        9.5,
        false,
        &format!(
            "Ngày: {} · Hình thức: {mode} · Địa điểm: {} · Đối tượng: {audience} · Báo cáo viên: {}",
            crate::domain::dates::iso_date(&s.held_on),
            s.place,
            s.trainer
        ),
    );
    l.paragraph(9.5, false, &format!("Nội dung: {}", view.topics));
    l.y += 6.0;
    header(&mut l);
    let listed = view.attendees.iter().map(Some);
    let blanks = std::iter::repeat_n(None, BLANK_ROWS);
    for (n, person) in listed.chain(blanks).enumerate() {
        if l.y + ROW_HEIGHT > pdf_layout::BOTTOM {
            l.room(ROW_HEIGHT * 3.0);
            header(&mut l);
        }
        l.y += ROW_HEIGHT;
        let base = l.y - 8.0;
        let mut cell = |x: f32, text: String| {
            l.push(Op::Text {
                x: LEFT + x,
                y: base,
                size: 9.0,
                bold: false,
                color: pdf_layout::BLACK,
                text,
            });
        };
        cell(COLUMNS[0].0, (n + 1).to_string());
        if let Some(p) = person {
            cell(COLUMNS[1].0, cut(&p.full_name, 30));
            let unit = wrap(&p.unit, 34).into_iter().next().unwrap_or_default();
            cell(COLUMNS[2].0, unit);
            cell(
                COLUMNS[3].0,
                cut(p.contact.as_deref().unwrap_or_default(), 16),
            );
        }
        row_line(&mut l);
    }
    l.room(60.0);
    l.y += 30.0;
    l.text(360.0, 10.0, true, "NGƯỜI LẬP DANH SÁCH");
    l
}

/// The sheet's bytes.
///
/// # Errors
/// `RenderError` if the PDF cannot be made (a bug).
pub fn render(view: &TrainingView) -> Result<Vec<u8>, RenderError> {
    pdf_layout::render(
        lay_out(view),
        format!("Danh sách ký tên — {}", view.session.title),
        "sign-in sheet",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::training::{Audience, Mode};
    use crate::models::training::{AttendeeRow, TrainingRow};

    fn view(people: usize) -> TrainingView {
        TrainingView {
            session: TrainingRow {
                id: 1,
                title: "Tập huấn sử dụng hệ thống thông tin OCOP".into(),
                held_on: "2026-12-10".into(),
                mode: Mode::InPerson,
                place: "Hội trường UBND xã Chi Lăng".into(),
                audience: Audience::Producers,
                trainer: "Lương Văn Sở".into(),
                commune_name: "Xã Chi Lăng".into(),
                listed: people,
                attended: 0,
            },
            topics: "Đăng nhập, cập nhật thông tin sản phẩm".into(),
            attendees: (0..people)
                .map(|n| AttendeeRow {
                    id: n as i32,
                    full_name: format!("Người dự {n}"),
                    unit: "HTX Nông nghiệp Đồng Bành".into(),
                    has_account: n % 2 == 0,
                    contact: Some("0912345678".into()),
                    attended: false,
                })
                .collect(),
            may_tick: true,
            subjects: Vec::new(),
        }
    }

    #[test]
    fn the_list_flows_onto_more_pages_with_blank_rows_at_the_end() {
        let short = lay_out(&view(3));
        assert_eq!(short.pages.len(), 1);
        let rows = |l: &Layout| {
            l.pages
                .iter()
                .flatten()
                .filter(|op| matches!(op, Op::Text { x, .. } if *x == LEFT))
                .filter(|op| matches!(op, Op::Text { text, .. } if text.parse::<usize>().is_ok()))
                .count()
        };
        assert_eq!(rows(&short), 3 + BLANK_ROWS);
        let long = lay_out(&view(80));
        assert!(long.pages.len() >= 3);
        assert_eq!(rows(&long), 80 + BLANK_ROWS);
        for op in long.pages.iter().flatten() {
            if let Op::Text { y, .. } = op {
                assert!(*y <= pdf_layout::BOTTOM + 1.0, "text at {y}");
            }
        }
        assert!(render(&view(80)).expect("a pdf").starts_with(b"%PDF"));
    }
}
