//! Every action the audit log records, with its name for the log's filter and the sentence a
//! person reads in the log and in a dossier's history, in Vietnamese and English.
//!
//! One list below makes the enum, `ALL` and the sentences, so an action cannot be written to the
//! log without a sentence in both languages. A sentence is a verb phrase that follows the
//! actor's name ("đã nộp hồ sơ …"); its `{placeholders}` are filled from the entry's details and
//! sit inside `[optional segments]`, dropped when a detail is missing (entries written before
//! details were kept have none).
use crate::domain::audit_details::Details;
use crate::models::reports::periodic::Text;

/// What one action is called and how it reads.
struct Info {
    code: &'static str,
    name: (&'static str, &'static str),
    phrase: (&'static str, &'static str),
}

macro_rules! audit_actions {
    ($($variant:ident => $code:literal, ($name_vi:literal, $name_en:literal), ($vi:literal, $en:literal);)*) => {
        /// An action written to the audit log; stored by its stable dotted code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum AuditAction { $($variant),* }

        impl AuditAction {
            /// Every action, in the order the log's filter offers them.
            pub const ALL: &'static [AuditAction] = &[$(AuditAction::$variant),*];

            fn info(self) -> Info {
                match self {
                    $(AuditAction::$variant => Info {
                        code: $code,
                        name: ($name_vi, $name_en),
                        phrase: ($vi, $en),
                    }),*
                }
            }
        }
    };
}

audit_actions! {
    AccountRegister => "account.register", ("Đăng ký tài khoản", "Account registered"),
        ("đã nhận đăng ký tài khoản[ {name}][ ({role})]", "received the registration of an account[ for {name}][ ({role})]");
    AccountApprove => "account.approve", ("Duyệt tài khoản", "Account approved"),
        ("đã duyệt tài khoản[ của {name}]", "approved the account[ of {name}]");
    AccountReject => "account.reject", ("Từ chối tài khoản", "Account rejected"),
        ("đã từ chối đăng ký[ của {name}][: {reason}]", "rejected the registration[ of {name}][: {reason}]");
    AccountCreate => "account.create", ("Tạo tài khoản", "Account created"),
        ("đã tạo tài khoản[ {name}][ ({role})][ của {commune}]", "created the account[ {name}][ ({role})][ of {commune}]");
    AccountCreateAdmin => "account.create_admin", ("Tạo tài khoản quản trị", "Administrator created"),
        ("đã tạo tài khoản quản trị[ {name}] bằng lệnh trên máy chủ", "created the administrator account[ {name}] with the server command");
    AccountLock => "account.lock", ("Khóa tài khoản", "Account locked"),
        ("đã khóa tài khoản[ của {name}][: {reason}]", "locked the account[ of {name}][: {reason}]");
    AccountUnlock => "account.unlock", ("Mở khóa tài khoản", "Account unlocked"),
        ("đã mở khóa tài khoản[ của {name}]", "unlocked the account[ of {name}]");
    AccountRoleChange => "account.role_change", ("Đổi vai trò", "Role changed"),
        ("đã đổi vai trò[ của {name}][ từ {from} sang {to}]", "changed the role[ of {name}][ from {from} to {to}]");
    AccountResetLink => "account.reset_link", ("Cấp đường dẫn đặt lại mật khẩu", "Reset link issued"),
        ("đã cấp đường dẫn đặt lại mật khẩu[ cho {name}][, dùng được đến {until}]", "issued a password reset link[ to {name}][, valid until {until}]");
    AccountResetPassword => "account.reset_password", ("Đặt lại mật khẩu", "Password reset"),
        ("đã đặt mật khẩu mới bằng đường dẫn một lần[ do {issuer} cấp]", "set a new password with a one-time link[ issued by {issuer}]");
    AccountChangePassword => "account.change_password", ("Đổi mật khẩu", "Password changed"),
        ("đã đổi mật khẩu của mình", "changed their own password");
    AccountLoginFailureBurst => "account.login_failure_burst", ("Nhiều lần sai mật khẩu", "Repeated wrong passwords"),
        ("đã làm chậm việc đăng nhập[ của {login}] vì sai mật khẩu nhiều lần", "slowed down signing in[ as {login}] after repeated wrong passwords");
    AccountSignIn => "account.sign_in", ("Đăng nhập", "Signed in"),
        ("đã đăng nhập", "signed in");
    AccountDemoSignIn => "account.demo_sign_in", ("Đăng nhập tài khoản thử nghiệm", "Demo sign-in"),
        ("đã đăng nhập bằng nút tài khoản thử nghiệm", "signed in with a demo account button");
    AccountSignOut => "account.sign_out", ("Đăng xuất", "Signed out"),
        ("đã đăng xuất", "signed out");
    SubjectUpdate => "subject.update", ("Sửa thông tin chủ thể", "Producer profile changed"),
        ("đã sửa thông tin chủ thể[ {name}][: {fields}]", "changed the producer profile[ of {name}][: {fields}]");
    SubjectDeactivate => "subject.deactivate", ("Ngừng hoạt động chủ thể", "Producer set inactive"),
        ("đã cho chủ thể[ {name}] ngừng hoạt động[: {reason}]", "set the producer[ {name}] inactive[: {reason}]");
    SubjectReactivate => "subject.reactivate", ("Cho chủ thể hoạt động lại", "Producer set active again"),
        ("đã cho chủ thể[ {name}] hoạt động lại[: {reason}]", "set the producer[ {name}] active again[: {reason}]");
    SubjectMove => "subject.move", ("Chuyển chủ thể sang xã khác", "Producer moved to another commune"),
        ("đã chuyển chủ thể[ {name}][ từ {from}][ sang {to}][ ({products} sản phẩm, {dossiers} hồ sơ đang xử lý)][: {reason}]", "moved the producer[ {name}][ from {from}][ to {to}][ ({products} products, {dossiers} open dossiers)][: {reason}]");
    ProductCreate => "product.create", ("Thêm sản phẩm", "Product added"),
        ("đã thêm sản phẩm[ {product}][ (nhóm {group})]", "added the product[ {product}][ (group {group})]");
    ProductUpdate => "product.update", ("Sửa sản phẩm", "Product changed"),
        ("đã sửa thông tin sản phẩm[ {product}][: {fields}]", "changed the product[ {product}][: {fields}]");
    ProductPhotoAdd => "product.photo_add", ("Thêm ảnh sản phẩm", "Product photo added"),
        ("đã thêm ảnh[ {file}][ cho sản phẩm {product}]", "added the photo[ {file}][ to {product}]");
    ProductPhotoCover => "product.photo_cover", ("Chọn ảnh đại diện", "Cover photo chosen"),
        ("đã chọn ảnh đại diện[ {file}][ cho sản phẩm {product}]", "chose the cover photo[ {file}][ of {product}]");
    ProductPhotoRemove => "product.photo_remove", ("Xóa ảnh sản phẩm", "Product photo removed"),
        ("đã xóa ảnh[ {file}][ của sản phẩm {product}]", "removed the photo[ {file}][ of {product}]");
    ProductDocumentPublic => "product.document_public", ("Công khai tài liệu", "Document made public"),
        ("đã công khai tài liệu[ {file}][ của sản phẩm {product}]", "made the document[ {file}][ of {product}] public");
    ProductDocumentPrivate => "product.document_private", ("Thôi công khai tài liệu", "Document made private"),
        ("đã thôi công khai tài liệu[ {file}][ của sản phẩm {product}]", "stopped showing the document[ {file}][ of {product}] to the public");
    IdeaSubmit => "idea.submit", ("Gửi ý tưởng sản phẩm", "Product idea submitted"),
        ("đã gửi ý tưởng sản phẩm[ {name}]", "submitted the product idea[ {name}]");
    IdeaAccept => "idea.accept", ("Chấp nhận ý tưởng", "Idea accepted"),
        ("đã chấp nhận ý tưởng sản phẩm[ {name}][: {comment}]", "accepted the product idea[ {name}][: {comment}]");
    IdeaDecline => "idea.decline", ("Không chấp nhận ý tưởng", "Idea declined"),
        ("đã không chấp nhận ý tưởng sản phẩm[ {name}][: {comment}]", "declined the product idea[ {name}][: {comment}]");
    IdeaToProduct => "idea.to_product", ("Chuyển ý tưởng thành sản phẩm", "Idea made a product"),
        ("đã chuyển ý tưởng[ {name}] thành sản phẩm", "turned the idea[ {name}] into a product");
    DossierCreate => "dossier.create", ("Lập hồ sơ", "Dossier opened"),
        ("đã lập hồ sơ[ {cycle}][ cho sản phẩm {product}]", "opened a dossier[ ({cycle})][ for {product}]");
    DossierForm => "dossier.form", ("Lưu phiếu đăng ký", "Registration form saved"),
        ("đã lưu phiếu đăng ký sản phẩm[ {product}]", "saved the registration form[ of {product}]");
    DossierDocumentAdd => "dossier.document_add", ("Tải lên tài liệu hồ sơ", "Document uploaded"),
        ("đã tải lên[ {file}][ ({size})][ cho mục {item}]", "uploaded[ {file}][ ({size})][ for {item}]");
    DossierDocumentRemove => "dossier.document_remove", ("Gỡ tài liệu hồ sơ", "Document removed"),
        ("đã gỡ[ {file}][ khỏi mục {item}]", "removed[ {file}][ from {item}]");
    DossierSubmit => "dossier.submit", ("Nộp hồ sơ", "Dossier submitted"),
        ("đã nộp hồ sơ[ {product}][ ({from} → {to})]", "submitted the dossier[ {product}][ ({from} → {to})]");
    DossierReturn => "dossier.return", ("Trả lại hồ sơ để bổ sung", "Dossier sent back"),
        ("đã trả lại hồ sơ[ {product}] để bổ sung[ ({from} → {to})]", "sent the dossier[ {product}] back for changes[ ({from} → {to})]");
    DossierResubmit => "dossier.resubmit", ("Nộp lại hồ sơ", "Dossier resubmitted"),
        ("đã nộp lại hồ sơ[ {product}][ ({from} → {to})]", "resubmitted the dossier[ {product}][ ({from} → {to})]");
    DossierCheck => "dossier.check", ("Xác nhận đã kiểm tra hồ sơ", "Dossier checked"),
        ("đã xác nhận kiểm tra xong hồ sơ[ {product}][ ({from} → {to})]", "marked the dossier[ {product}] as checked[ ({from} → {to})]");
    DossierForward => "dossier.forward", ("Chuyển hồ sơ lên tỉnh", "Dossier forwarded"),
        ("đã chuyển hồ sơ[ {product}] lên tỉnh[ (lần đề xuất số {batch})]", "forwarded the dossier[ {product}] to the province[ (proposal no. {batch})]");
    DossierWithdraw => "dossier.withdraw", ("Rút hồ sơ", "Dossier withdrawn"),
        ("đã rút hồ sơ[ {product}][ ({from} → {to})]", "withdrew the dossier[ {product}][ ({from} → {to})]");
    DossierStartEvaluation => "dossier.start_evaluation", ("Đưa hồ sơ vào đánh giá", "Evaluation started"),
        ("đã đưa hồ sơ[ {product}] vào đánh giá[ ({from} → {to})]", "put the dossier[ {product}] into evaluation[ ({from} → {to})]");
    DossierCertify => "dossier.certify", ("Công nhận sản phẩm OCOP", "Dossier certified"),
        ("đã công nhận hồ sơ[ {product}] đạt OCOP[ {stars} sao][, {score} điểm][ ({from} → {to})]", "certified the dossier[ {product}] as OCOP[ with {stars} stars][, {score} points][ ({from} → {to})]");
    DossierNotReached => "dossier.not_reached", ("Kết luận chưa đạt OCOP", "Dossier not reached"),
        ("đã kết luận hồ sơ[ {product}] chưa đạt OCOP[: {score} điểm][ ({from} → {to})]", "declared the dossier[ {product}] not reached[: {score} points][ ({from} → {to})]");
    DossierComment => "dossier.comment", ("Góp ý hồ sơ", "Dossier comment"),
        ("đã góp ý[ về mục {item}][ cho hồ sơ {product}]", "commented[ on {item}][ in the dossier {product}]");
    DossierAssess => "dossier.assess", ("Đánh giá sơ bộ", "Pre-assessment"),
        ("đã lưu đánh giá sơ bộ của xã[: đạt {met}/4 tiêu chí]", "saved the commune's pre-assessment[: {met} of 4 criteria met]");
    CriteriaSave => "criteria.save", ("Lưu bộ tiêu chí", "Criteria set saved"),
        ("đã lưu bộ tiêu chí[ {name}]", "saved the criteria set[ {name}]");
    CriteriaImport => "criteria.import", ("Nhập bộ tiêu chí từ tệp", "Criteria set imported"),
        ("đã nhập bộ tiêu chí[ {name}] từ tệp", "imported the criteria set[ {name}] from a file");
    RoundCreate => "round.create", ("Tạo đợt đánh giá", "Round created"),
        ("đã tạo đợt đánh giá[ {round}]", "created the evaluation round[ {round}]");
    RoundSettings => "round.settings", ("Sửa thiết lập đợt đánh giá", "Round settings changed"),
        ("đã sửa thiết lập đợt đánh giá[ {round}][: {changes}]", "changed the settings of the round[ {round}][: {changes}]");
    RoundAddDossiers => "round.add_dossiers", ("Đưa hồ sơ vào đợt", "Dossiers added to a round"),
        ("đã đưa[ {count}] hồ sơ vào đợt đánh giá", "added[ {count}] dossier(s) to the round");
    RoundAddMember => "round.add_member", ("Thêm thành viên đợt", "Member added"),
        ("đã thêm[ {name}] vào đợt đánh giá[ (thành viên: {before} → {after})]", "added[ {name}] to the round[ (members: {before} → {after})]");
    RoundRemoveMember => "round.remove_member", ("Bỏ thành viên đợt", "Member removed"),
        ("đã bỏ[ {name}] khỏi đợt đánh giá[ (thành viên: {before} → {after})]", "removed[ {name}] from the round[ (members: {before} → {after})]");
    RoundConflict => "round.conflict", ("Khai báo xung đột lợi ích", "Conflict of interest"),
        ("đã cập nhật khai báo xung đột lợi ích[ với hồ sơ {product}][ (người khai: {before} → {after})]", "updated the conflicts of interest[ on {product}][ (declared by: {before} → {after})]");
    RoundPhase => "round.phase", ("Chuyển bước đợt đánh giá", "Round moved on"),
        ("đã chuyển đợt đánh giá[ từ bước {from} sang {to}]", "moved the round on[ from {from} to {to}]");
    RoundRemarks => "round.remarks", ("Ghi nhận xét của hội đồng", "Council remarks written"),
        ("đã ghi nhận xét của hội đồng[ cho {product}]", "wrote the council's remarks[ for {product}]");
    RoundDefer => "round.defer", ("Hoãn quyết định một hồ sơ", "Dossier left out of the decision"),
        ("đã hoãn quyết định[ hồ sơ {product}][: {reason}]", "left[ {product}] out of the decision[: {reason}]");
    RoundBringBack => "round.bring_back", ("Đưa hồ sơ trở lại quyết định", "Dossier brought back into the decision"),
        ("đã đưa[ hồ sơ {product}] trở lại quyết định của đợt", "brought[ {product}] back into the round's decision");
    RoundDecideLater => "round.decide_later", ("Quyết định bổ sung", "Later decision"),
        ("đã ghi quyết định bổ sung[ số {number}][ ngày {date}][ cho {product}]", "recorded a later decision[ no. {number}][ of {date}][ for {product}]");
    RoundDecide => "round.decide", ("Quyết định công nhận", "Recognition decided"),
        ("đã ghi quyết định công nhận[ số {number}][ ngày {date}][ và cấp {count} giấy chứng nhận]", "recorded the recognition decision[ no. {number}][ of {date}][ and issued {count} certificate(s)]");
    SheetSubmit => "sheet.submit", ("Nộp phiếu chấm", "Score sheet submitted"),
        ("đã nộp phiếu chấm[: {points} điểm]", "submitted a score sheet[: {points} points]");
    SheetReopen => "sheet.reopen", ("Mở lại phiếu chấm", "Score sheet reopened"),
        ("đã mở lại phiếu chấm[ của {name}][: {reason}]", "reopened the score sheet[ of {name}][: {reason}]");
    CertificateRevoke => "certificate.revoke", ("Thu hồi giấy chứng nhận", "Certificate revoked"),
        ("đã thu hồi giấy chứng nhận[ {number}][ theo {decision}][: {reason}]", "revoked the certificate[ {number}][ by {decision}][: {reason}]");
    CertificateMinistry => "certificate.ministry", ("Ghi kết quả của Bộ", "Ministry's result recorded"),
        ("đã ghi kết quả của Bộ[ cho giấy chứng nhận {number}][: {stars} sao][ theo {decision}][, cấp giấy chứng nhận {issued}]", "recorded the Ministry's result[ for the certificate {number}][: {stars} stars][ by {decision}][, issuing the certificate {issued}]");
    InspectionPlan => "inspection.plan", ("Lập kế hoạch kiểm tra", "Inspection planned"),
        ("đã lập kế hoạch kiểm tra[ ({kind})][ sản phẩm {product}][ ngày {date}][, đoàn: {team}]", "planned an inspection[ ({kind})][ of {product}][ on {date}][, team: {team}]");
    InspectionVisit => "inspection.visit", ("Ghi kết quả kiểm tra", "Inspection visit recorded"),
        ("đã ghi kết quả kiểm tra[ sản phẩm {product}][ ngày {date}][: {verdict}]", "recorded the inspection visit[ of {product}][ on {date}][: {verdict}]");
    InspectionStep => "inspection.step", ("Xử lý sau kiểm tra", "Inspection follow-up"),
        ("đã[ {step}][ (sản phẩm {product})][: {note}]", "acted on an inspection[: {step}][ ({product})][: {note}]");
    InspectionPhoto => "inspection.photo", ("Thêm ảnh kiểm tra", "Inspection photo added"),
        ("đã thêm ảnh[ {file}][ vào hồ sơ kiểm tra sản phẩm {product}]", "added the photo[ {file}][ to the inspection of {product}]");
    TradeEventCreate => "trade.event", ("Ghi sự kiện xúc tiến thương mại", "Trade event recorded"),
        ("đã ghi sự kiện xúc tiến thương mại[ {name}][ ngày {date}]", "recorded the trade event[ {name}][ on {date}]");
    TradeParticipation => "trade.participation", ("Tham gia xúc tiến thương mại", "Trade event participation"),
        ("đã cập nhật sản phẩm[ {product}][ tại {name}][: {state}]", "updated[ {product}][ at {name}][: {state}]");
    TradeResults => "trade.results", ("Ghi kết quả xúc tiến thương mại", "Trade event results"),
        ("đã ghi kết quả[ của {product}][ tại {name}][: doanh số {sales} đồng][, {contracts} hợp đồng]", "recorded the results[ of {product}][ at {name}][: sales {sales} VND][, {contracts} contracts]");
    TrainingCreate => "training.create", ("Ghi buổi tập huấn", "Training recorded"),
        ("đã ghi buổi tập huấn[ {title}][ ngày {date}]", "recorded the training[ {title}][ on {date}]");
    TrainingAttendeeAdd => "training.attendee_add", ("Thêm người vào danh sách tập huấn", "Added to a training list"),
        ("đã thêm[ {person}][ vào danh sách buổi tập huấn {title}]", "added[ {person}][ to the list of {title}]");
    TrainingAttendeeRemove => "training.attendee_remove", ("Bỏ người khỏi danh sách tập huấn", "Removed from a training list"),
        ("đã bỏ[ {person}][ khỏi danh sách buổi tập huấn {title}]", "removed[ {person}][ from the list of {title}]");
    TrainingLinked => "training.linked", ("Liên kết người dự tập huấn với tài khoản", "Training attendee linked"),
        ("đã liên kết[ {person}][ ở buổi tập huấn {title}][ với tài khoản mới]", "linked[ {person}][ at {title}][ to the new account]");
    TrainingAttendance => "training.attendance", ("Điểm danh tập huấn", "Training attendance"),
        ("đã điểm danh[ buổi tập huấn {title}][: {attended} người có mặt]", "ticked the attendance[ of {title}][: {attended} present]");
    LabelSave => "label.save", ("Lưu nhãn", "Label saved"),
        ("đã lưu nhãn[ bản {version}][ của sản phẩm {product}]", "saved[ version {version} of] the label[ of {product}]");
    LabelArtworkAdd => "label.artwork_add", ("Tải lên mẫu nhãn", "Label artwork uploaded"),
        ("đã tải lên mẫu nhãn[ {file}][ của sản phẩm {product}]", "uploaded the label artwork[ {file}][ of {product}]");
    LabelChecklistSave => "label_checklist.save", ("Sửa danh mục kiểm tra nhãn", "Label checklist changed"),
        ("đã lưu mục kiểm tra nhãn[ {item}][ (không còn dùng: {retired})]", "saved the label checklist item[ {item}][ (retired: {retired})]");
    LotCreate => "lot.create", ("Tạo lô sản xuất", "Lot created"),
        ("đã tạo lô[ {code}][ của sản phẩm {product}]", "created the lot[ {code}][ of {product}]");
    LotEvent => "lot.event", ("Ghi nhật ký lô", "Lot event"),
        ("đã ghi nhật ký[ {event}][ cho lô {code}]", "recorded[ {event}][ for the lot {code}]");
    LotEventPhoto => "lot.event_photo", ("Ảnh nhật ký lô", "Lot event photo"),
        ("đã thêm ảnh[ {file}][ vào nhật ký lô {code}]", "added the photo[ {file}][ to the diary of lot {code}]");
    ReportSave => "report.save", ("Lưu báo cáo", "Report saved"),
        ("đã lưu báo cáo[ {report}][ (bản {version})]", "saved the report[ {report}][ (version {version})]");
    ReportSubmit => "report.submit", ("Gửi báo cáo", "Report submitted"),
        ("đã gửi báo cáo[ {report}]", "submitted the report[ {report}]");
    ReportAccept => "report.accept", ("Chấp nhận báo cáo", "Report accepted"),
        ("đã chấp nhận báo cáo[ {report}]", "accepted the report[ {report}]");
    ReportReturn => "report.return", ("Trả lại báo cáo", "Report returned"),
        ("đã trả lại báo cáo[ {report}][: {reason}]", "returned the report[ {report}][: {reason}]");
    ReportSettingsPeriod => "report_settings.period", ("Đặt kỳ báo cáo", "Report period set"),
        ("đã đặt kỳ báo cáo[ {period}][ từ {from} đến {to}][, hạn nộp {due}]", "set the report period[ {period}][ from {from} to {to}][, due {due}]");
    ReportSettingsYear => "report_settings.year", ("Thêm kỳ báo cáo của năm", "Report year added"),
        ("đã thêm[ {count}] kỳ báo cáo[ của năm {year}]", "added[ {count}] report period(s)[ for {year}]");
    ReportSettingsTarget => "report_settings.target", ("Đặt chỉ tiêu năm", "Yearly target set"),
        ("đã đặt chỉ tiêu[ năm {year}][ cho {scope}][: {new} sản phẩm mới đạt 3 sao trở lên, {national} sản phẩm đề nghị 5 sao]", "set the target[ for {year}][ of {scope}][: {new} new products of 3★ or more, {national} put forward for 5★]");
    ImportCommit => "import.commit", ("Nhập dữ liệu từ tệp", "Data imported"),
        ("đã nhập tệp[ {file}][: {subjects} chủ thể, {products} sản phẩm, {certificates} giấy chứng nhận mới][, {updated} dòng cập nhật]", "imported the file[ {file}][: {subjects} new producers, {products} products, {certificates} certificates][, {updated} rows updated]");
    ImportUndo => "import.undo", ("Hoàn tác lần nhập", "Import undone"),
        ("đã hoàn tác lần nhập tệp[ {file}]", "undid the import of[ {file}]");
    MasterUnitAdd => "master_data.unit_add", ("Thêm đơn vị hành chính", "Administrative unit added"),
        ("đã thêm đơn vị hành chính[ {unit}][ ({code})][ từ ngày {from}]", "added the administrative unit[ {unit}][ ({code})][ from {from}]");
    MasterUnitRename => "master_data.unit_rename", ("Đổi tên đơn vị hành chính", "Administrative unit renamed"),
        ("đã đổi tên[ {old}][ thành {unit}][ từ ngày {from}]", "renamed[ {old}][ to {unit}][ from {from}]");
    MasterUnitRetire => "master_data.unit_retire", ("Kết thúc đơn vị hành chính", "Administrative unit ended"),
        ("đã kết thúc đơn vị[ {unit}][ sau ngày {last_day}][, sáp nhập vào {successor}]", "ended the unit[ {unit}][ after {last_day}][, merged into {successor}]");
    MasterGroupAdd => "master_data.group_add", ("Thêm nhóm sản phẩm", "Product group added"),
        ("đã thêm nhóm sản phẩm[ {code}][ {group}]", "added the product group[ {code}][ {group}]");
    MasterGroupRename => "master_data.group_rename", ("Đổi tên nhóm sản phẩm", "Product group renamed"),
        ("đã đổi tên nhóm sản phẩm[ {code}][ thành {group}][ từ ngày {from}]", "renamed the product group[ {code}][ to {group}][ from {from}]");
    MasterGroupRetire => "master_data.group_retire", ("Thôi dùng nhóm sản phẩm", "Product group retired"),
        ("đã thôi dùng nhóm sản phẩm[ {code}][ {group}][ sau ngày {last_day}]", "retired the product group[ {code}][ {group}][ after {last_day}]");
    MasterChecklistSave => "master_data.checklist_save", ("Sửa danh mục tài liệu hồ sơ", "Dossier checklist changed"),
        ("đã lưu mục tài liệu hồ sơ[ {item}][ từ ngày {from}]", "saved the dossier checklist item[ {item}][ from {from}]");
    MasterChecklistRetire => "master_data.checklist_retire", ("Thôi dùng mục tài liệu hồ sơ", "Dossier checklist item retired"),
        ("đã thôi dùng mục tài liệu hồ sơ[ {item}][ sau ngày {last_day}]", "retired the dossier checklist item[ {item}][ after {last_day}]");
    ApiTokenCreate => "api_token.create", ("Tạo mã truy cập API", "API token created"),
        ("đã tạo mã truy cập API[ {token}][ cho {note}][ ({scopes})][, dùng được đến {until}]", "created the API token[ {token}][ for {note}][ ({scopes})][, valid until {until}]");
    ApiTokenRevoke => "api_token.revoke", ("Thu hồi mã truy cập API", "API token revoked"),
        ("đã thu hồi mã truy cập API[ {token}][ của {note}]", "revoked the API token[ {token}][ of {note}]");
}

impl AuditAction {
    /// The stable code stored in the log ("dossier.submit").
    pub fn as_str(self) -> &'static str {
        self.info().code
    }

    pub fn parse(code: &str) -> Option<AuditAction> {
        Self::ALL.iter().copied().find(|a| a.as_str() == code)
    }

    /// What the log's filter calls it.
    pub fn name(self) -> Text {
        let (vi, en) = self.info().name;
        Text::new(vi, en)
    }

    /// The part before the dot: "dossier" for "dossier.submit".
    pub fn family(self) -> &'static str {
        self.as_str().split('.').next().unwrap_or_default()
    }

    /// The sentence after the actor's name, filled from the entry's details.
    pub fn phrase(self, details: &Details) -> Text {
        let (vi, en) = self.info().phrase;
        Text::new(fill(vi, details, false), fill(en, details, true))
    }
}

/// What a family of actions is called in the filter.
pub fn family_name(family: &str) -> Text {
    let (vi, en) = match family {
        "account" => ("Tài khoản", "Accounts"),
        "subject" => ("Chủ thể", "Producers"),
        "product" => ("Sản phẩm", "Products"),
        "idea" => ("Ý tưởng sản phẩm", "Product ideas"),
        "dossier" => ("Hồ sơ", "Dossiers"),
        "criteria" => ("Bộ tiêu chí", "Criteria sets"),
        "round" => ("Đợt đánh giá", "Evaluation rounds"),
        "sheet" => ("Phiếu chấm", "Score sheets"),
        "certificate" => ("Giấy chứng nhận", "Certificates"),
        "label" => ("Nhãn", "Labels"),
        "label_checklist" => ("Kiểm tra nhãn", "Label checks"),
        "lot" => ("Lô sản xuất", "Lots"),
        "inspection" => ("Kiểm tra, giám sát", "Inspections"),
        "trade" => ("Xúc tiến thương mại", "Trade promotion"),
        "training" => ("Tập huấn", "Training"),
        "report" => ("Báo cáo", "Reports"),
        "report_settings" => ("Thiết lập báo cáo", "Report settings"),
        "import" => ("Nhập dữ liệu", "Imports"),
        "master_data" => ("Danh mục dùng chung", "Master data"),
        "api_token" => ("Mã truy cập API", "API tokens"),
        other => (other, other),
    };
    Text::new(vi, en)
}

/// How an entry reads when its action is not (or no longer) on the list.
pub fn phrase_of(code: &str, details: &Details) -> Text {
    AuditAction::parse(code).map_or_else(|| Text::new(code, code), |a| a.phrase(details))
}

/// Fills `{key}` from the details; an `[optional segment]` whose placeholder has no detail is
/// left out.
fn fill(template: &str, details: &Details, english: bool) -> String {
    let mut out = String::new();
    let mut segment = String::new();
    let mut in_segment = false;
    let mut complete = true;
    let mut rest = template;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        let target = if in_segment { &mut segment } else { &mut out };
        match c {
            '[' => {
                in_segment = true;
                complete = true;
                segment.clear();
            }
            ']' => {
                if complete {
                    out.push_str(&segment);
                }
                in_segment = false;
            }
            '{' => {
                let end = rest.find('}').unwrap_or(rest.len());
                match details.get(&rest[..end], english) {
                    Some(value) => target.push_str(value),
                    None => complete = false,
                }
                rest = rest.get(end + 1..).unwrap_or_default();
            }
            c => target.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit_details::Value;
    use std::collections::HashSet;

    fn placeholders(template: &str) -> Vec<&str> {
        template
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(k, _)| k))
            .collect()
    }

    #[test]
    fn every_action_has_a_name_and_a_sentence_in_both_languages() {
        let mut codes = HashSet::new();
        for action in AuditAction::ALL {
            let info = action.info();
            assert!(codes.insert(info.code), "{} twice", info.code);
            assert_eq!(AuditAction::parse(info.code), Some(*action));
            for text in [info.name.0, info.name.1, info.phrase.0, info.phrase.1] {
                assert!(!text.trim().is_empty(), "{}: empty text", info.code);
            }
            assert_ne!(
                info.phrase.0, info.phrase.1,
                "{}: not translated",
                info.code
            );
            assert_ne!(family_name(action.family()).vi, action.family());
        }
    }

    #[test]
    fn every_placeholder_is_optional_and_both_languages_use_the_same_ones() {
        for action in AuditAction::ALL {
            let (vi, en) = action.info().phrase;
            for template in [vi, en] {
                let mut depth = 0;
                for c in template.chars() {
                    match c {
                        '[' => depth += 1,
                        ']' => depth -= 1,
                        '{' => assert_eq!(depth, 1, "{template}: a placeholder outside [ ]"),
                        _ => {}
                    }
                    assert!((0..=1).contains(&depth), "{template}: brackets");
                }
                assert_eq!(depth, 0, "{template}: brackets");
            }
            let mut a = placeholders(vi);
            let mut b = placeholders(en);
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "{}", action.as_str());
        }
    }

    #[test]
    fn a_sentence_reads_with_all_details_and_with_none() {
        for action in AuditAction::ALL {
            let (vi, _) = action.info().phrase;
            let mut all = Details::new();
            for key in placeholders(vi) {
                all = all.with(key, Value::both("giá trị", "value"));
            }
            for (details, label) in [(all, "all"), (Details::new(), "none")] {
                let text = action.phrase(&details);
                for sentence in [&text.vi, &text.en] {
                    assert!(
                        !sentence.contains(['{', '}', '[', ']', '_']),
                        "{} with {label}: {sentence}",
                        action.as_str()
                    );
                    assert!(!sentence.contains("  "), "{sentence}");
                }
            }
        }
    }

    #[test]
    fn details_fill_their_places_and_a_missing_one_drops_its_segment() {
        let details = Details::new()
            .with("file", "anh.png")
            .with("size", Value::both("3,6 KB", "3.6 KB"))
            .with("item", Value::both("Câu chuyện sản phẩm", "Product story"));
        let text = AuditAction::DossierDocumentAdd.phrase(&details);
        assert_eq!(
            text.vi,
            "đã tải lên anh.png (3,6 KB) cho mục Câu chuyện sản phẩm"
        );
        assert_eq!(text.en, "uploaded anh.png (3.6 KB) for Product story");
        let text = AuditAction::DossierDocumentAdd.phrase(&Details::new().with("file", "a.pdf"));
        assert_eq!(text.vi, "đã tải lên a.pdf");
        assert_eq!(phrase_of("old.thing", &Details::new()).vi, "old.thing");
    }
}
