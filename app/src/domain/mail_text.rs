//! What the e-mails say: which events are mailed, and each message's subject and body in the
//! recipient's language. Plain text (every mail program shows it, nothing in it runs).

/// Events that matter outside the app, so their notifications are also e-mailed. Others
/// (a comment, a report submitted to the province) stay in-app.
pub const MAILED: &[&str] = &[
    "account.approved",
    "account.rejected",
    "account.invited",
    "password.link",
    "dossier.return",
    "dossier.forward",
    "round.decided",
    "round.not_reached",
    "round.deferred",
    "round.sheets_due",
    "certificate.expiring",
    "certificate.revoked",
    "inspection.correction",
    "inspection.refused",
    "inspection.revocation_proposed",
    "certificate.ministry",
    "report.returned",
    "mail.test",
];

/// Whether an event of `kind` is e-mailed.
pub fn is_mailed(kind: &str) -> bool {
    MAILED.contains(&kind)
}

/// The page a notification's message links to.
pub fn link_for(kind: &str, dossier_id: Option<i32>) -> Option<String> {
    match (kind, dossier_id) {
        (_, Some(id)) => Some(format!("/dossiers/{id}")),
        (k, None) if k.starts_with("certificate.") => Some("/producer/certificates".into()),
        (k, None) if k.starts_with("report.") => Some("/reports".into()),
        ("round.sheets_due", None) => Some("/council".into()),
        (k, None) if k.starts_with("inspection.") => Some("/inspections".into()),
        (k, None) if k.starts_with("trade.") => Some("/trade-events".into()),
        ("account.approved", None) => Some("/login".into()),
        _ => None,
    }
}

/// A message ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailText {
    pub subject: String,
    pub body: String,
}

/// Writes the message for `kind` about `about` in `language` ("en", else Vietnamese), with the
/// absolute `link` when there is one.
pub fn compose(kind: &str, language: &str, about: &str, link: Option<&str>) -> MailText {
    let english = language == "en";
    let about = one_line(about);
    let (subject, lead) = lines(kind, english, &about);
    let mut body = String::new();
    body.push_str(if english {
        "Hello,\n\n"
    } else {
        "Kính gửi anh/chị,\n\n"
    });
    body.push_str(&lead);
    body.push_str("\n\n");
    if let Some(link) = link {
        body.push_str(link);
        body.push_str("\n\n");
    }
    if matches!(kind, "password.link" | "account.invited") {
        body.push_str(if english {
            "The link works once, for 72 hours. If you did not expect it, ignore this message: \
             nothing changes without it.\n\n"
        } else {
            "Liên kết chỉ dùng được một lần, trong 72 giờ. Nếu anh/chị không yêu cầu, hãy bỏ qua \
             thư này: không có gì thay đổi nếu không mở liên kết.\n\n"
        });
    }
    body.push_str(if english {
        "— OCOP Lạng Sơn (an automatic message: replies are not read)\n"
    } else {
        "— Hệ thống OCOP Lạng Sơn (thư tự động, vui lòng không trả lời)\n"
    });
    MailText {
        subject: format!("OCOP Lạng Sơn — {subject}"),
        body,
    }
}

/// What a message of `kind` is, in a few words (its subject without the site's name): the
/// outbox page names messages by it.
pub fn title(kind: &str, english: bool) -> String {
    lines(kind, english, "").0
}

/// The subject and the first paragraph.
fn lines(kind: &str, english: bool, about: &str) -> (String, String) {
    let (vi, en) = evaluation_lines(kind, about).unwrap_or_else(|| other_lines(kind, about));
    let (subject, lead) = if english { en } else { vi };
    (subject.to_owned(), lead)
}

/// (Vietnamese, English) subject and lead of a message.
type Lines = ((&'static str, String), (&'static str, String));

/// The messages about a round's results and certificates.
fn evaluation_lines(kind: &str, about: &str) -> Option<Lines> {
    Some(match kind {
        "round.decided" => (
            (
                "Đã có kết quả đánh giá",
                format!("Đã có quyết định công nhận kết quả đánh giá sản phẩm {about}:"),
            ),
            (
                "Evaluation decided",
                format!("The evaluation of {about} has been decided:"),
            ),
        ),
        "round.not_reached" => (
            (
                "Kết quả đánh giá: sản phẩm chưa được công nhận OCOP",
                format!(
                    "Sản phẩm {about} chưa đạt từ 3 sao trở lên trong đợt đánh giá, phân hạng vừa qua nên chưa được công nhận là sản phẩm OCOP. Mời anh/chị xem điểm và nhận xét của Hội đồng tại đường dẫn dưới đây; sau khi hoàn thiện có thể nộp hồ sơ mới ở đợt sau:"
                ),
            ),
            (
                "Evaluation result: product not certified OCOP",
                format!(
                    "{about} did not reach 3 stars or more in the latest evaluation round, so it is not certified as an OCOP product. See the council's score and remarks at the link below; once improved, it may be filed again in a later round:"
                ),
            ),
        ),
        "round.sheets_due" => (
            (
                "Sắp hết hạn chấm điểm",
                format!(
                    "Đợt đánh giá sắp hết thời hạn chấm điểm và anh/chị còn phiếu chưa nộp (đợt — số hồ sơ — ngày cuối chấm điểm: {about}). Mời anh/chị chấm và nộp phiếu trước hạn:"
                ),
            ),
            (
                "Scoring closes soon",
                format!(
                    "The round's scoring window closes soon and you have sheets not yet submitted (round — dossiers — last scoring day: {about}). Please score and submit them in time:"
                ),
            ),
        ),
        "round.deferred" => (
            (
                "Hồ sơ được hoãn quyết định trong đợt đánh giá",
                format!(
                    "Sở Nông nghiệp và Môi trường (cơ quan thường trực Hội đồng) chưa đưa hồ sơ vào quyết định công nhận của đợt đánh giá; UBND tỉnh sẽ quyết định sau trong cùng đợt. Sản phẩm và lý do — {about}. Nếu lý do cần anh/chị gửi thêm giấy tờ (ví dụ phiếu kiểm nghiệm), vui lòng liên hệ cán bộ Sở. Xem hồ sơ tại:"
                ),
            ),
            (
                "Dossier left out of the round's decision for now",
                format!(
                    "The Department of Agriculture and Environment (the council's standing body) left the dossier out of the round's recognition decision; the provincial People's Committee will decide it later in the same round. Product and reason — {about}. If the reason asks for more papers (e.g. a test report), please contact the Department's officer. See the dossier at:"
                ),
            ),
        ),
        "certificate.expiring" => (
            (
                "Giấy chứng nhận sắp hết hạn",
                format!(
                    "Giấy chứng nhận OCOP sắp hết hạn: {about}. Hãy chuẩn bị hồ sơ đánh giá lại:"
                ),
            ),
            (
                "Certificate expiring",
                format!(
                    "An OCOP certificate is expiring: {about}. Prepare the dossier for re-evaluation:"
                ),
            ),
        ),
        "certificate.revoked" => (
            (
                "Giấy chứng nhận bị thu hồi",
                format!("Giấy chứng nhận OCOP bị thu hồi: {about}"),
            ),
            (
                "Certificate revoked",
                format!("An OCOP certificate was revoked: {about}"),
            ),
        ),
        "certificate.ministry" => (
            (
                "Kết quả của Bộ",
                format!(
                    "Bộ Nông nghiệp và Môi trường đã có kết quả cho sản phẩm đề nghị 5 sao: {about}"
                ),
            ),
            (
                "The Ministry's result",
                format!("The Ministry has decided on the product proposed for 5 stars: {about}"),
            ),
        ),
        _ => return None,
    })
}

/// The messages about accounts, dossiers and reports, and any other notification.
fn other_lines(kind: &str, about: &str) -> Lines {
    match kind {
        "inspection.correction" => (
            (
                "Kết quả kiểm tra: yêu cầu khắc phục",
                format!(
                    "Đoàn kiểm tra, giám sát sản phẩm OCOP yêu cầu khắc phục: {about}. Sau khi khắc phục, anh/chị mở đợt kiểm tra, tải ảnh minh chứng và gửi báo cáo trước hạn:"
                ),
            ),
            (
                "Inspection: a correction is required",
                format!(
                    "The OCOP inspection requires a correction: {about}. Once corrected, open the inspection, upload photos as evidence and send your answer before the deadline:"
                ),
            ),
        ),
        "inspection.refused" => (
            (
                "Kết quả khắc phục chưa được chấp nhận",
                format!(
                    "Báo cáo khắc phục của anh/chị chưa được chấp nhận: {about}. Mời anh/chị khắc phục tiếp và gửi lại báo cáo:"
                ),
            ),
            (
                "Correction not accepted",
                format!(
                    "Your correction was not accepted: {about}. Please correct further and answer again:"
                ),
            ),
        ),
        "inspection.revocation_proposed" => (
            (
                "Đề nghị thu hồi giấy chứng nhận OCOP",
                format!(
                    "Đoàn kiểm tra đã đề nghị thu hồi giấy chứng nhận OCOP của sản phẩm {about}. Sở Nông nghiệp và Môi trường sẽ xem xét và quyết định:"
                ),
            ),
            (
                "Revocation of an OCOP certificate proposed",
                format!(
                    "The inspection proposes revoking the OCOP certificate of {about}. The Department of Agriculture and Environment will decide:"
                ),
            ),
        ),
        "password.link" => (
            (
                "Đặt mật khẩu",
                format!("Đây là liên kết để đặt mật khẩu mới cho tài khoản {about}:"),
            ),
            (
                "Set your password",
                format!("Here is the link to set a new password for the account {about}:"),
            ),
        ),
        "account.invited" => (
            (
                "Tài khoản của anh/chị đã được tạo",
                format!(
                    "Tài khoản OCOP Lạng Sơn đã được tạo cho {about}. Hãy đặt mật khẩu để bắt đầu:"
                ),
            ),
            (
                "Your account was created",
                format!(
                    "An OCOP Lạng Sơn account was created for {about}. Set a password to start:"
                ),
            ),
        ),
        "account.approved" => (
            (
                "Đăng ký đã được duyệt",
                format!("Tài khoản {about} đã được duyệt. Anh/chị có thể đăng nhập:"),
            ),
            (
                "Registration approved",
                format!("The account {about} was approved. You can sign in:"),
            ),
        ),
        "account.rejected" => (
            (
                "Đăng ký chưa được duyệt",
                format!("Đăng ký tài khoản chưa được duyệt. Lý do: {about}"),
            ),
            (
                "Registration not approved",
                format!("The registration was not approved. Reason: {about}"),
            ),
        ),
        "dossier.return" => (
            (
                "Hồ sơ được trả lại để bổ sung",
                format!("Hồ sơ sản phẩm {about} được trả lại để bổ sung. Xem yêu cầu và gửi lại:"),
            ),
            (
                "Dossier sent back",
                format!(
                    "The dossier of {about} was sent back for changes. See what is asked and resubmit:"
                ),
            ),
        ),
        "dossier.forward" => (
            (
                "Hồ sơ đã được chuyển lên tỉnh",
                format!("Hồ sơ sản phẩm {about} đã được xã chuyển lên tỉnh để đánh giá:"),
            ),
            (
                "Dossier forwarded",
                format!("The dossier of {about} was forwarded by the commune to the province:"),
            ),
        ),
        "mail.test" => (
            (
                "Thư thử",
                format!(
                    "Thư thử do {about} gửi: hệ thống gửi được thư tới địa chỉ này. Hàng đợi thư:"
                ),
            ),
            (
                "Test message",
                format!(
                    "A test message sent by {about}: the system can send e-mail to this address. The mail queue:"
                ),
            ),
        ),
        "report.returned" => (
            (
                "Báo cáo được trả lại",
                format!("Báo cáo {about} được tỉnh trả lại để sửa:"),
            ),
            (
                "Report returned",
                format!("The report {about} was returned by the province:"),
            ),
        ),
        _ => (
            ("Thông báo", format!("Có thông báo mới: {about}")),
            ("Notification", format!("A new notification: {about}")),
        ),
    }
}

/// Line breaks, control characters, Unicode line and paragraph separators and text-direction
/// overrides become spaces: what a user typed can never start a new header, fake a paragraph of
/// ours or show itself reversed.
fn one_line(text: &str) -> String {
    let breaks = |c: char| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    text.chars()
        .map(|c| if breaks(c) { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn each_mailed_kind_has_its_own_words_in_both_languages() {
        for kind in MAILED {
            let vi = compose(kind, "vi", "Mật ong bạc hà", Some("https://x/1"));
            let en = compose(kind, "en", "Mật ong bạc hà", Some("https://x/1"));
            assert!(!vi.subject.ends_with("Thông báo"), "{kind}");
            assert!(!en.subject.ends_with("Notification"), "{kind}");
            assert_ne!(vi.subject, en.subject, "{kind}");
            assert!(vi.body.starts_with("Kính gửi"), "{kind}");
            assert!(en.body.starts_with("Hello"), "{kind}");
            assert!(vi.body.contains("https://x/1") && en.body.contains("https://x/1"));
        }
    }

    #[test]
    fn links_go_to_the_page_of_the_event() {
        assert_eq!(
            link_for("dossier.return", Some(7)).as_deref(),
            Some("/dossiers/7")
        );
        assert_eq!(
            link_for("certificate.revoked", None).as_deref(),
            Some("/producer/certificates")
        );
        assert_eq!(
            link_for("report.returned", None).as_deref(),
            Some("/reports")
        );
        assert!(is_mailed("dossier.return") && !is_mailed("dossier.comment"));
    }

    proptest! {
        #[test]
        fn what_a_user_typed_never_adds_a_line(about in "\\PC*[\r\n\u{b}\u{2028}\u{2029}]\\PC*") {
            let typed = compose("dossier.return", "vi", &about, Some("https://x/1"));
            let plain = compose("dossier.return", "vi", "x", Some("https://x/1"));
            prop_assert_eq!(typed.body.lines().count(), plain.body.lines().count());
            let separators = ['\u{2028}', '\u{2029}'];
            prop_assert!(!typed.body.contains(separators));
        }
    }
}
