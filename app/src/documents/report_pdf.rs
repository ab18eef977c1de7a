//! A report as PDF (A4 portrait): the administrative header of an official report (issuing
//! body, national motto, place and date), the title, the targets, the charts — drawn from
//! `domain::chart`'s layout, the same as the page's SVG — the figures tables and the written
//! sections. Laid out first as drawing operations per page (so long tables flow onto new
//! pages), then drawn by `pdf_layout`.
use crate::documents::RenderError;
use crate::documents::certificate_pdf::{GREEN, wrap};
use crate::documents::pdf_layout::{self, BLACK, LEFT, Layout, Op, RIGHT};
use crate::domain::chart::{ChartItem, bar_chart};
use crate::models::reports::periodic::{FigureTable, ReportView};

impl Layout {
    fn table(&mut self, table: &FigureTable) {
        self.heading(&table.title.vi);
        let label_width = 200.0;
        let columns = table.columns.len().max(1) as f32;
        let col_width = (RIGHT - LEFT - label_width) / columns;
        let header_lines: Vec<Vec<String>> = table
            .columns
            .iter()
            .map(|c| wrap(&c.vi, (col_width / 4.4) as usize))
            .collect();
        let header_height = header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * 11.0;
        self.room(header_height + 30.0);
        for (n, lines) in header_lines.iter().enumerate() {
            for (k, line) in lines.iter().enumerate() {
                self.push(Op::Text {
                    x: LEFT + label_width + n as f32 * col_width,
                    y: self.y + 12.0 + k as f32 * 11.0,
                    size: 8.5,
                    bold: true,
                    color: BLACK,
                    text: line.clone(),
                });
            }
        }
        self.y += header_height + 5.0;
        self.push(Op::Line {
            x1: LEFT,
            x2: RIGHT,
            y: self.y,
        });
        for row in &table.rows {
            self.room(15.0);
            self.y += 13.0;
            let bold = row.key == "total";
            let label: String = row.label.vi.chars().take(44).collect();
            self.text(LEFT, 9.0, bold, &label);
            for (n, value) in row.values.iter().enumerate() {
                self.text(
                    LEFT + label_width + n as f32 * col_width,
                    9.0,
                    bold,
                    &value.to_string(),
                );
            }
        }
        self.y += 4.0;
        self.push(Op::Line {
            x1: LEFT,
            x2: RIGHT,
            y: self.y,
        });
    }

    fn chart(&mut self, title: &str, items: Vec<ChartItem>) {
        if items.is_empty() {
            return;
        }
        let chart = bar_chart(items, RIGHT - LEFT, 16.0, 0.42);
        self.heading(title);
        self.room(chart.height + 8.0);
        let top = self.y + 6.0;
        for bar in &chart.bars {
            let label: String = bar.item.label.chars().take(40).collect();
            let base = top + bar.y + chart.bar_height * 0.8;
            self.push(Op::Text {
                x: LEFT,
                y: base,
                size: 8.5,
                bold: false,
                color: BLACK,
                text: label,
            });
            self.push(Op::Rect {
                x: LEFT + chart.bar_x,
                y: top + bar.y,
                w: bar.length.max(1.0),
                h: chart.bar_height,
                color: GREEN,
            });
            self.push(Op::Text {
                x: LEFT + chart.bar_x + bar.length + 5.0,
                y: base,
                size: 8.5,
                bold: true,
                color: BLACK,
                text: bar.item.value.to_string(),
            });
        }
        self.y = top + chart.height;
    }
}

/// The bars of a table: one per row but the total, the value of column `column`.
fn items(table: &FigureTable, column: usize) -> Vec<ChartItem> {
    table
        .rows
        .iter()
        .filter(|r| r.key != "total")
        .map(|r| ChartItem {
            key: r.key.clone(),
            label: r.label.vi.clone(),
            value: r.values.get(column).copied().unwrap_or(0),
            ..Default::default()
        })
        .collect()
}

fn issuer(report: &ReportView) -> (String, String) {
    if report.scope_code == crate::domain::report::PROVINCE_CODE {
        (
            "UBND TỈNH LẠNG SƠN".to_owned(),
            "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG".to_owned(),
        )
    } else {
        (
            "UBND TỈNH LẠNG SƠN".to_owned(),
            format!("UBND {}", report.scope_name.to_uppercase()),
        )
    }
}

fn lay_out(report: &ReportView, today: chrono::NaiveDate) -> Layout {
    use chrono::Datelike;
    let mut l = Layout::new();
    let (above, body) = issuer(report);
    let right = 310.0;
    l.y += 2.0;
    l.text(LEFT, 10.0, false, &above);
    l.text(right, 10.0, true, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    l.y += 14.0;
    l.text(LEFT, 10.0, true, &body);
    l.text(right + 40.0, 10.0, true, "Độc lập - Tự do - Hạnh phúc");
    l.y += 22.0;
    l.text(LEFT, 10.0, false, "Số:       /BC-OCOP");
    l.push(Op::Text {
        x: right + 20.0,
        y: l.y,
        size: 10.0,
        bold: false,
        color: BLACK,
        text: format!(
            "Lạng Sơn, ngày {:02} tháng {:02} năm {}",
            today.day(),
            today.month(),
            today.year()
        ),
    });
    l.y += 40.0;
    l.text(250.0, 15.0, true, "BÁO CÁO");
    l.y += 6.0;
    let subject = format!(
        "Kết quả thực hiện Chương trình Mỗi xã một sản phẩm (OCOP) — {} — {}",
        report.period.name.vi.trim_start_matches("Báo cáo "),
        report.scope_name
    );
    l.paragraph(11.0, true, &subject);
    l.paragraph(
        9.0,
        false,
        &format!(
            "Số liệu từ {} đến {} (tính ngày {}); cột “Cùng kỳ năm trước” từ {} đến {}.",
            crate::domain::dates::iso_date(&report.figures.window.0),
            crate::domain::dates::iso_date(&report.figures.window.1),
            crate::domain::dates::iso_date(&report.figures.computed_on),
            crate::domain::dates::iso_date(&report.figures.previous.0),
            crate::domain::dates::iso_date(&report.figures.previous.1)
        ),
    );
    if let Some(note) = &report.figures.unit_note {
        l.paragraph(9.0, false, &note.vi);
    }
    l.heading("I. TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU NĂM");
    for line in &report.figures.targets {
        let target = line.target.map_or_else(
            || "chưa giao chỉ tiêu".to_owned(),
            |t| format!("chỉ tiêu {t}"),
        );
        l.paragraph(
            10.0,
            false,
            &format!("- {}: đạt {} ({target})", line.label.vi, line.achieved),
        );
    }
    l.heading("II. KẾT QUẢ THỰC HIỆN");
    l.paragraph(
        10.0,
        false,
        if report.results.is_empty() {
            "(chưa nhập)"
        } else {
            &report.results
        },
    );
    let find = |key: &str| report.figures.tables.iter().find(|t| t.key == key);
    if let Some(t) = find("certified") {
        l.chart(
            "Biểu đồ: sản phẩm được công nhận trong kỳ theo hạng sao",
            items(t, 3),
        );
    }
    if let Some(t) = find("groups") {
        l.chart(
            "Biểu đồ: sản phẩm được công nhận trong kỳ theo nhóm",
            items(t, 0),
        );
    }
    for table in &report.figures.tables {
        l.table(table);
    }
    l.heading("III. KHÓ KHĂN, VƯỚNG MẮC");
    l.paragraph(
        10.0,
        false,
        if report.difficulties.is_empty() {
            "(chưa nhập)"
        } else {
            &report.difficulties
        },
    );
    l.heading("IV. ĐỀ XUẤT, KIẾN NGHỊ");
    l.paragraph(
        10.0,
        false,
        if report.proposals.is_empty() {
            "(chưa nhập)"
        } else {
            &report.proposals
        },
    );
    l.room(60.0);
    l.y += 30.0;
    l.text(360.0, 10.0, true, "THỦ TRƯỞNG ĐƠN VỊ");
    l
}

/// The PDF's bytes.
///
/// # Errors
/// `Invalid("report", "pdf")` if the PDF cannot be made (a bug).
pub fn render(report: &ReportView, today: chrono::NaiveDate) -> Result<Vec<u8>, RenderError> {
    pdf_layout::render(
        lay_out(report, today),
        format!("{} — {}", report.period.name.vi, report.scope_name),
        "report",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::pdf_layout::{BOTTOM, TOP};
    use crate::models::reports::periodic::{FigureRow, PeriodRow, ReportFigures, Text};

    fn report(rows: usize) -> ReportView {
        let table = FigureTable {
            key: "communes".into(),
            title: Text::new("Theo xã", "By commune"),
            columns: vec![Text::new("Kỳ này", "This period")],
            rows: (0..rows)
                .map(|n| FigureRow {
                    key: n.to_string(),
                    label: Text::new(format!("Xã {n}"), format!("Commune {n}")),
                    values: vec![n as i64],
                })
                .collect(),
        };
        ReportView {
            period: PeriodRow {
                id: 1,
                kind: "annual".into(),
                year: 2026,
                starts_on: "2026-01-01".into(),
                ends_on: "2026-12-31".into(),
                due_on: "2026-11-30".into(),
                audience: "commune".into(),
                name: Text::new("Báo cáo năm 2026", "Report for the year 2026"),
            },
            scope_code: "20".into(),
            scope_name: "Lạng Sơn".into(),
            state: "draft".into(),
            standing: "draft".into(),
            results: "Kết quả tốt.".into(),
            difficulties: String::new(),
            proposals: String::new(),
            review_comment: None,
            submitted_on: None,
            version: 0,
            frozen: false,
            figures: ReportFigures {
                window: ("2026-01-01".into(), "2026-12-31".into()),
                previous: ("2025-01-01".into(), "2025-12-31".into()),
                computed_on: "2026-11-30".into(),
                tables: vec![table],
                targets: Vec::new(),
                unit_note: None,
            },
            can_edit: false,
            can_review: false,
            reviewed: false,
            communes: Vec::new(),
            communes_note: None,
        }
    }

    #[test]
    fn long_tables_flow_onto_more_pages_within_the_margins() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
        let short = lay_out(&report(5), day);
        let long = lay_out(&report(200), day);
        assert_eq!(short.pages.len(), 1);
        assert!(long.pages.len() >= 4);
        for op in long.pages.iter().flatten() {
            if let Op::Text { y, .. } = op {
                assert!(*y <= BOTTOM + 1.0 && *y >= TOP - 1.0, "text at {y}");
            }
        }
        let pdf = render(&report(200), day).expect("a pdf");
        assert!(pdf.starts_with(b"%PDF"));
    }
}
