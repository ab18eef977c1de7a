//! The council's minutes (biên bản họp hội đồng) as an administrative document. Official papers
//! are in Vietnamese only, so this component takes no translations: the same view renders the
//! printable page `/rounds/:id/minutes` and, on the server, the HTML file in the escalation
//! archive.
use leptos::prelude::*;

use crate::components::labels::points;
use crate::models::evaluation::rounds::{Minutes, ResultRow};

#[component]
pub fn MinutesDocument(minutes: Minutes) -> impl IntoView {
    let m = minutes;
    let method = if m.aggregation == "median" {
        "trung vị"
    } else {
        "trung bình cộng"
    };
    let date_line = m.decision_date.clone().map_or_else(
        || format!("Lạng Sơn, ngày …… tháng …… năm {}", m.year),
        |d| format!("Lạng Sơn, ngày {d}"),
    );
    let national: Vec<ResultRow> = m.rows.iter().filter(|r| r.national).cloned().collect();
    let later: Vec<(String, String)> = m
        .rows
        .iter()
        .filter_map(|r| Some((r.product_name.clone(), r.later_decision.clone()?)))
        .collect();
    let members = m.members.clone();
    view! {
        <article class="minutes" data-testid="minutes">
            <header class="minutes-head">
                <div>
                    <p>"UBND TỈNH LẠNG SƠN"</p>
                    <p><strong>"HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP CẤP TỈNH"</strong></p>
                </div>
                <div>
                    <p><strong>"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"</strong></p>
                    <p><strong>"Độc lập – Tự do – Hạnh phúc"</strong></p>
                    <p><em>{date_line}</em></p>
                </div>
            </header>
            <h1>"BIÊN BẢN"</h1>
            <p class="minutes-title">"Họp Hội đồng đánh giá, phân hạng sản phẩm OCOP — "{m.round_name.clone()}</p>
            <p>"Thời gian chấm điểm: từ ngày "{crate::domain::dates::iso_date(&m.scoring_from)}" đến ngày "{crate::domain::dates::iso_date(&m.scoring_until)}"."</p>
            <p>"Thành phần Hội đồng ("{m.members.len()}" thành viên): "{m.members.join(", ")}"."</p>
            <p>"Điểm của sản phẩm là "{method}" tổng điểm các phiếu chấm đã nộp; hạng sao theo thang điểm của Quyết định 148/QĐ-TTg, "
               "giới hạn bởi các tiêu chí bắt buộc mà quá nửa số phiếu không đạt."</p>
            <h2>"I. Kết quả chấm điểm"</h2>
            <table class="data-table minutes-table">
                <thead><tr>
                    <th>"STT"</th><th>"Sản phẩm"</th><th>"Chủ thể"</th><th>"Xã, phường"</th>
                    {members.iter().map(|name| view! { <th>{name.clone()}</th> }).collect_view()}
                    <th>"Điểm"</th><th>"Hạng"</th><th>"Ghi chú"</th>
                </tr></thead>
                <tbody>
                    {m.rows.iter().enumerate().map(|(i, r)| {
                        let cells = member_cells(&members, r);
                        view! {
                            <tr data-testid="minutes-row">
                                <td>{i + 1}</td>
                                <td>{r.product_name.clone()}</td>
                                <td>{r.subject_name.clone()}</td>
                                <td>{r.commune_name.clone()}</td>
                                {cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                                <td class="num"><strong>{r.score.map(points).unwrap_or_default()}</strong></td>
                                <td>{if r.awaiting_decision { "Hoãn quyết định".to_owned() } else { r.stars.map(|s| format!("{s} sao")).unwrap_or_default() }}</td>
                                <td>{note(r)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <h2>"II. Sản phẩm đề nghị Trung ương đánh giá, công nhận 5 sao"</h2>
            {if national.is_empty() {
                view! { <p>"Không có sản phẩm đạt từ 90 điểm trở lên."</p> }.into_any()
            } else {
                view! {
                    <ol data-testid="minutes-national">
                        {national.into_iter().map(|r| view! {
                            <li>{r.product_name}" ("{r.subject_name}", "{r.commune_name}"): "{r.score.map(points).unwrap_or_default()}" điểm."</li>
                        }).collect_view()}
                    </ol>
                    <p>"Hồ sơ, phiếu chấm điểm và biên bản này được gửi kèm để đề nghị cấp Trung ương đánh giá."</p>
                }.into_any()
            }}
            {m.decision_number.clone().map(|n| view! {
                <h2>"III. Quyết định công nhận"</h2>
                <p>"Quyết định số "{n}" ngày "{m.decision_date.clone().unwrap_or_default()}" của "{m.decision_signer.clone().unwrap_or_default()}"."</p>
                {later.into_iter().map(|(product, decision)| view! {
                    <p data-testid="minutes-later">"Quyết định bổ sung số "{decision}" cho sản phẩm "{product}"."</p>
                }).collect_view()}
            })}
            <div class="signatures">
                <div><strong>"THƯ KÝ HỘI ĐỒNG"</strong><p><em>"(Ký, ghi rõ họ tên)"</em></p></div>
                <div><strong>"CHỦ TỊCH HỘI ĐỒNG"</strong><p><em>"(Ký, ghi rõ họ tên)"</em></p></div>
            </div>
        </article>
    }
}

/// Each council member's total for the row (blank where they had no submitted sheet).
fn member_cells(members: &[String], row: &ResultRow) -> Vec<String> {
    members
        .iter()
        .map(|name| {
            row.totals
                .iter()
                .find(|t| &t.member == name && t.submitted)
                .map(|t| points(t.total))
                .unwrap_or_default()
        })
        .collect()
}

fn note(row: &ResultRow) -> String {
    let mut parts = Vec::new();
    if row.national {
        parts.push("Đề nghị đánh giá 5 sao cấp quốc gia".to_owned());
    }
    if !row.barred.is_empty() {
        parts.push("Không đạt tiêu chí bắt buộc".to_owned());
    }
    if let Some(reason) = row
        .deferred_reason
        .as_ref()
        .filter(|_| row.awaiting_decision)
    {
        parts.push(format!("Hoãn quyết định: {reason}"));
    }
    if let Some(number) = &row.certificate {
        parts.push(format!("GCN {number}"));
    }
    parts.join("; ")
}
