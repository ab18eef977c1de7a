//! Why a request or what someone typed is refused: one stable code per reason, sent on the
//! wire (`AppError::Invalid { reason }`, `AppError::Conflict { reason }`), and its message in
//! Vietnamese and English. Services and rules name a `Reason`, never a bare string, so every
//! refusal a person can meet has its own sentence — none falls back to a generic "invalid".
//! Both targets: the pages show the message of the code they receive.

macro_rules! reasons {
    ($($variant:ident = $code:literal, $vi:literal, $en:literal;)*) => {
        /// A reason for refusing, with its wire code and messages (`Reason::message`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Reason {
            $($variant),*
        }

        impl Reason {
            /// Every reason, in the order declared.
            pub const ALL: &'static [Reason] = &[$(Reason::$variant),*];

            /// The stable code sent on the wire.
            pub fn code(self) -> &'static str {
                match self {
                    $(Reason::$variant => $code),*
                }
            }

            /// The reason a code names, if any.
            pub fn parse(code: &str) -> Option<Reason> {
                match code {
                    $($code => Some(Reason::$variant),)*
                    _ => None,
                }
            }

            /// What to tell the person, in English or Vietnamese.
            pub fn message(self, english: bool) -> &'static str {
                match self {
                    $(Reason::$variant => if english { $en } else { $vi }),*
                }
            }
        }
    };
}

reasons! {
    NotAssigned = "not_assigned",
        "Hồ sơ này không được phân công cho bạn chấm.",
        "This dossier is not assigned to you for scoring.";
    Required = "required",
        "Vui lòng điền mục này.",
        "Please fill this in.";
    TooLong = "too_long",
        "Nội dung quá dài.",
        "The text is too long.";
    InvalidPhone = "invalid_phone",
        "Số điện thoại không hợp lệ (ví dụ 0912 345 678).",
        "Not a valid phone number (e.g. 0912 345 678).";
    InvalidEmail = "invalid_email",
        "Email không hợp lệ.",
        "Not a valid email address.";
    ContactRequired = "contact_required",
        "Cần ít nhất email hoặc số điện thoại.",
        "An email or a phone number is needed.";
    PasswordTooShort = "password_too_short",
        "Mật khẩu cần ít nhất 8 ký tự.",
        "The password needs at least 8 characters.";
    PasswordTooLong = "password_too_long",
        "Mật khẩu quá dài (tối đa 128 ký tự).",
        "The password is too long (128 characters at most).";
    PasswordTooCommon = "password_too_common",
        "Mật khẩu này quá phổ biến, dễ bị đoán.",
        "This password is too common and easy to guess.";
    PasswordContainsContext = "password_contains_context",
        "Mật khẩu không được chứa tên, số điện thoại, email hoặc các từ như \"ocop\", \"Lạng Sơn\".",
        "The password must not contain your name, phone, email or words like \"ocop\", \"Lạng Sơn\".";
    EmailTaken = "email_taken",
        "Email này đã được dùng cho một tài khoản khác.",
        "This email is already used by another account.";
    PhoneTaken = "phone_taken",
        "Số điện thoại này đã được dùng cho một tài khoản khác.",
        "This phone number is already used by another account.";
    TaxCodeTaken = "tax_code_taken",
        "Mã số thuế này đã thuộc một chủ thể trong hệ thống; hãy chọn \"Tham gia chủ thể đã có\".",
        "This tax code already belongs to a producer in the system; choose \"Join an existing producer\".";
    TaxCodeRequired = "tax_code_required",
        "Doanh nghiệp, HTX và tổ hợp tác cần mã số thuế.",
        "Firms, cooperatives and cooperative groups need a tax code.";
    InvalidTaxCode = "invalid_tax_code",
        "Mã số thuế gồm 10 chữ số (chi nhánh: 10 số - 3 số); hộ kinh doanh ghi 12 số định danh cá nhân của chủ hộ.",
        "A tax code has 10 digits (branches: 10 digits - 3 digits); a household business gives its owner's 12-digit personal identification number.";
    UnknownCommune = "unknown_commune",
        "Vui lòng chọn xã/phường.",
        "Please choose a commune.";
    UnknownSubject = "unknown_subject",
        "Vui lòng chọn chủ thể.",
        "Please choose a producer.";
    UnknownSubjectType = "unknown_subject_type",
        "Vui lòng chọn loại hình chủ thể.",
        "Please choose the kind of producer.";
    ReasonRequired = "reason_required",
        "Vui lòng ghi lý do.",
        "Please give a reason.";
    WrongPassword = "wrong_password",
        "Mật khẩu hiện tại không đúng.",
        "The current password is not right.";
    SamePassword = "same_password",
        "Mật khẩu mới phải khác mật khẩu hiện tại.",
        "The new password must differ from the current one.";
    ResetLinkInvalid = "reset_link_invalid",
        "Đường dẫn không hợp lệ, đã dùng hoặc đã hết hạn. Vui lòng xin cán bộ cấp đường dẫn mới.",
        "This link is invalid, used or expired. Please ask an officer for a new one.";
    UnknownRole = "unknown_role",
        "Vui lòng chọn vai trò.",
        "Please choose a role.";
    InvalidDate = "invalid_date",
        "Ngày không hợp lệ (yyyy-mm-dd).",
        "Invalid date (yyyy-mm-dd).";
    InvalidWebsite = "invalid_website",
        "Địa chỉ trang web cần bắt đầu bằng http:// hoặc https://",
        "A website address starts with http:// or https://";
    OutOfRange = "out_of_range",
        "Giá trị không hợp lệ hoặc ngoài khoảng cho phép.",
        "Not a valid value, or out of range.";
    TokenExpiry = "token_expiry",
        "Ngày hết hạn phải từ ngày mai đến tối đa hai năm tới.",
        "The expiry day must be from tomorrow to at most two years ahead.";
    EpcisIdentifier = "epcis_identifier",
        "Mã định danh phải là GS1 Digital Link của sản phẩm hoặc lô (https://…/01/<GTIN-14>[/10/<lô>]) hoặc địa chỉ trang lô (https://…/lots/<số>), tối đa 10 mã cách nhau bằng dấu phẩy.",
        "An identifier is a product's or lot's GS1 Digital Link (https://…/01/<GTIN-14>[/10/<lot>]) or a lot page's address (https://…/lots/<number>), at most 10 separated by commas.";
    InvalidCursor = "invalid_cursor",
        "Con trỏ trang không hợp lệ: hãy dùng đúng giá trị next_cursor của trang trước.",
        "Invalid page cursor: use the previous page's next_cursor as it is.";
    InvalidTimestamp = "invalid_timestamp",
        "Thời điểm không hợp lệ: dùng dạng RFC 3339, ví dụ 2026-12-01T00:00:00Z.",
        "Invalid time: use RFC 3339, e.g. 2026-12-01T00:00:00Z.";
    UnknownUnit = "unknown_unit",
        "Không có đơn vị này.",
        "No such locality.";
    CoordinatesPair = "coordinates_pair",
        "Cần nhập cả vĩ độ và kinh độ.",
        "Give both latitude and longitude.";
    CoordinatesOutsideVietnam = "coordinates_outside_vietnam",
        "Toạ độ này nằm ngoài Việt Nam: vĩ độ khoảng 21–23 (ví dụ 21.85), kinh độ khoảng 106–108 (ví dụ 106.76); có thể hai số đã bị đổi chỗ.",
        "These coordinates are outside Vietnam: latitude about 21–23 (e.g. 21.85), longitude about 106–108 (e.g. 106.76); the two may have been swapped.";
    UnknownGroup = "unknown_group",
        "Vui lòng chọn nhóm sản phẩm.",
        "Please choose a product group.";
    PriceRange = "price_range",
        "Giá cao nhất phải lớn hơn hoặc bằng giá thấp nhất.",
        "The highest price must not be below the lowest.";
    GtinFormat = "gtin_format",
        "Mã GTIN gồm 8, 12, 13 hoặc 14 chữ số.",
        "A GTIN has 8, 12, 13 or 14 digits.";
    GtinCheckDigit = "gtin_check_digit",
        "Chữ số kiểm tra của mã GTIN không đúng.",
        "The GTIN's check digit is wrong.";
    GtinTaken = "gtin_taken",
        "Mã GTIN này đã dùng cho một sản phẩm khác.",
        "This GTIN is already used by another product.";
    SheetUnreadable = "sheet_unreadable",
        "Không đọc được tệp: chỉ nhận .xlsx hoặc .csv (UTF-8). Tệp .xls cũ hãy mở bằng Excel và lưu lại dạng .xlsx.",
        "The file cannot be read: only .xlsx or .csv (UTF-8). Open an old .xls file in Excel and save it as .xlsx.";
    SheetTooManyRows = "sheet_too_many_rows",
        "Tệp có quá 20.000 dòng; hãy tách thành nhiều tệp.",
        "The file has more than 20,000 rows; split it into several files.";
    SheetUnpackedTooLarge = "sheet_unpacked_too_large",
        "Tệp quá lớn khi giải nén (trên 200 MB); hãy bỏ hình ảnh và các trang tính không cần thiết.",
        "The file is too large once unpacked (over 200 MB); remove pictures and sheets that are not needed.";
    SheetEmpty = "sheet_empty",
        "Tệp không có dòng dữ liệu nào.",
        "The file holds no rows.";
    SheetNoHeader = "sheet_no_header",
        "Không tìm thấy dòng tiêu đề (ví dụ \"Tên sản phẩm\", \"Chủ thể\") trong 30 dòng đầu của trang tính nào; hãy dùng tệp mẫu.",
        "No header row (e.g. \"Tên sản phẩm\", \"Chủ thể\") in the first 30 rows of any sheet; use the template.";
    ImportHasErrors = "import_has_errors",
        "Còn dòng bị lỗi: hãy sửa các ô được chỉ ra trong tệp rồi tải lên lại.",
        "Some rows are in error: correct the cells shown in the file and upload it again.";
    ImportNothing = "import_nothing",
        "Tệp không có gì mới hoặc cần sửa: dữ liệu đã có đầy đủ.",
        "The file holds nothing new or changed: the data is already there.";
    ImportChanged = "import_changed",
        "Dữ liệu đã thay đổi từ lúc xem trước; hãy xem lại kết quả kiểm tra rồi xác nhận lần nữa.",
        "The data changed since the preview; look at the check again and confirm once more.";
    ImportClosed = "import_closed",
        "Lần nhập này đã được thực hiện hoặc đã hoàn tác.",
        "This import has already been carried out or undone.";
    ImportInUse = "import_in_use",
        "Không thể hoàn tác: dữ liệu của lần nhập đã được dùng tiếp (tài khoản, hồ sơ, lô hàng, nhãn…) hoặc đã được sửa sau khi nhập.",
        "It cannot be undone: the imported data has been built on (accounts, dossiers, lots, labels…) or edited since.";
    ImportMapping = "import_mapping",
        "Cột được chọn không có trong tệp.",
        "The chosen column is not in the file.";
    FileEmpty = "file_empty",
        "Tệp rỗng hoặc chưa chọn tệp.",
        "The file is empty, or none was chosen.";
    FileTooLarge = "file_too_large",
        "Tệp quá lớn (vượt giới hạn dung lượng).",
        "The file is too large.";
    ImageTooLarge = "image_too_large",
        "Ảnh có quá nhiều điểm ảnh (chiều rộng × chiều cao vượt giới hạn). Hãy thu nhỏ ảnh rồi tải lại.",
        "The image has too many pixels (width × height over the limit). Make it smaller and upload it again.";
    PartTooLarge = "part_too_large",
        "Trường này quá dài cho một biểu mẫu tải tệp (tối đa 64 KB).",
        "This field is too long for an upload form (at most 64 KB).";
    FileType = "file_type",
        "Chỉ nhận PDF, JPEG, PNG hoặc WebP (xác định theo nội dung tệp, không theo tên).",
        "Only PDF, JPEG, PNG or WebP (decided from the content, not the name).";
    FileCorrupt = "file_corrupt",
        "Tệp bị hỏng hoặc không đọc được (ảnh bị cắt cụt?).",
        "The file is damaged or unreadable (a truncated image?).";
    TooManyFiles = "too_many_files",
        "Mục này đã đủ số tệp tối đa.",
        "This item already has the most files allowed.";
    CycleNeedsStars = "cycle_needs_stars",
        "Công nhận lại / nâng hạng chỉ dành cho sản phẩm đã có sao.",
        "Re-recognition and upgrade are for products that already have stars.";
    DossierOpen = "dossier_open",
        "Sản phẩm này đã có hồ sơ đang xử lý.",
        "This product already has a dossier under way.";
    FormUnreadable = "form_unreadable",
        "Biểu mẫu thiếu hoặc có giá trị không đọc được; hãy kiểm tra lại các mục đã chọn.",
        "The form is incomplete or holds a value that cannot be read; check the choices made.";
    DocumentMissing = "document_missing",
        "Chưa tải lên tài liệu bắt buộc này.",
        "This mandatory document is not uploaded yet.";
    DocumentsMissing = "documents_missing",
        "Còn thiếu tài liệu bắt buộc.",
        "Mandatory documents are missing.";
    ReturnNeedsComment = "return_needs_comment",
        "Hãy ghi lý do trả lại (hoặc ý kiến cho từng mục).",
        "Write why it is returned (or comment on the items).";
    AssessmentMissing = "assessment_missing",
        "Hãy lưu đánh giá sơ bộ 4 tiêu chí trước khi xác nhận.",
        "Save the four-criteria pre-assessment before marking it checked.";
    Unreadable = "unreadable",
        "Không đọc được JSON của bộ tiêu chí.",
        "The criteria set's JSON cannot be read.";
    PartSum = "part_sum",
        "Tổng điểm tối đa của các tiêu chí trong một phần không bằng điểm của phần.",
        "A part's best options do not add up to its maximum.";
    DuplicateCode = "duplicate_code",
        "Mã tiêu chí bị trùng.",
        "A criterion code is used twice.";
    TooFewOptions = "too_few_options",
        "Mỗi tiêu chí cần ít nhất hai mức.",
        "Each criterion needs at least two options.";
    BadLevel = "bad_level",
        "Tiêu chí bắt buộc chỉ cho hạng 3, 4 hoặc 5 sao.",
        "Mandatory only for 3, 4 or 5 stars.";
    ReportYear = "report_year",
        "Năm phải từ 2019 đến 2100.",
        "The year must be from 2019 to 2100.";
    TargetCount = "target_count",
        "Chỉ tiêu là một số nguyên từ 0 đến 100.000.",
        "A target is a whole number from 0 to 100,000.";
    InvalidYear = "invalid_year",
        "Năm không hợp lệ (2018–2100).",
        "Invalid year (2018–2100).";
    BeforeStart = "before_start",
        "Ngày kết thúc phải sau ngày bắt đầu.",
        "The end must come after the start.";
    NotAnEvaluator = "not_an_evaluator",
        "Chỉ thành viên hội đồng hoặc tổ tư vấn đang hoạt động mới tham gia đợt.",
        "Only active council or advisory members can join a round.";
    Incomplete = "incomplete",
        "Hãy chọn đủ mọi tiêu chí trước khi nộp.",
        "Answer every criterion before submitting.";
    NoCriteriaSet = "no_criteria_set",
        "Nhóm sản phẩm chưa có bộ tiêu chí hợp lệ.",
        "The product group has no valid criteria set.";
    Empty = "empty",
        "Cần ít nhất một hồ sơ và một thành viên hội đồng.",
        "A round needs at least one dossier and one council member.";
    LotCode = "lot_code",
        "Mã lô chỉ gồm chữ không dấu, số và - / . (tối đa 20 ký tự) để in được trên mã QR.",
        "A lot code has letters without diacritics, digits and - / . only (at most 20), to fit the QR code.";
    StarsRange = "stars_range",
        "Số sao từ 1 đến 5.",
        "Stars from 1 to 5.";
    GroupCodes = "group_codes",
        "Mã nhóm không hợp lệ (ví dụ: I II III hoặc II.1).",
        "Invalid group codes (e.g. I II III or II.1).";
    ItemCode = "item_code",
        "Mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới.",
        "A code has lowercase letters, digits and underscores only.";
    Number = "number",
        "Nhập một số.",
        "Enter a number.";
    CodeTaken = "code_taken",
        "Mã này đã có.",
        "This code is already used.";
    LotTaken = "lot_taken",
        "Sản phẩm đã có lô mang mã này.",
        "The product already has a lot with this code.";
    InputsProcessingOnly = "inputs_processing_only",
        "Chỉ sự kiện chế biến mới có lô nguyên liệu đưa vào.",
        "Only a processing event takes input lots.";
    UnknownLot = "unknown_lot",
        "Lô nguyên liệu không thuộc chủ thể này.",
        "An input lot does not belong to this subject.";
    XlsxUnreadable = "xlsx_unreadable",
        "Không đọc được tệp: cần tệp Excel .xlsx.",
        "The file cannot be read: an Excel .xlsx file is needed.";
    XlsxLayout = "xlsx_layout",
        "Tệp không đúng bố cục: cần dòng tiêu đề bắt đầu bằng “Phần / Part” và mỗi dòng có mã phần, mã tiêu chí.",
        "The file's layout is not the expected one: a header row starting with “Phần / Part” and a part and criterion code on each row are needed.";
    XlsxPoints = "xlsx_points",
        "Có ô điểm không hợp lệ: điểm phải là số không âm, tối đa một chữ số thập phân.",
        "A points cell is not valid: points must be a number ≥ 0 with at most one decimal.";
    WrongCredentials = "wrong_credentials",
        "Email/số điện thoại hoặc mật khẩu không đúng.",
        "Wrong email/phone or password.";
    AccountPending = "account_pending",
        "Tài khoản đang chờ UBND xã/phường phê duyệt.",
        "Your account is waiting for approval by the commune.";
    AccountRejected = "account_rejected",
        "Đăng ký đã bị từ chối. Vui lòng liên hệ UBND xã/phường.",
        "Your registration was rejected. Please contact the commune.";
    AccountLocked = "account_locked",
        "Tài khoản đã bị khóa. Vui lòng liên hệ Sở Nông nghiệp và Môi trường.",
        "Your account is locked. Please contact the Department of Agriculture and Environment.";
    ServerBusy = "server_busy",
        "Hệ thống đang bận. Vui lòng thử lại sau vài giây.",
        "The system is busy. Please try again in a few seconds.";
    TooManyRegistrations = "too_many_registrations",
        "Quá nhiều đăng ký từ cùng một nơi trong một giờ. Vui lòng thử lại sau.",
        "Too many registrations from one place within an hour. Please try again later.";
    TooManyAttempts = "too_many_attempts",
        "Đăng nhập sai quá nhiều lần. Vui lòng đợi một lát rồi thử lại.",
        "Too many failed sign-ins. Please wait a moment and try again.";
    TooManyDemoSignIns = "too_many_demo_sign_ins",
        "Quá nhiều lần đăng nhập thử nghiệm từ cùng một nơi trong một phút. Vui lòng đợi một phút rồi thử lại.",
        "Too many demo sign-ins from one place within a minute. Please wait a minute and try again.";
    NoEmail = "no_email",
        "Tài khoản của bạn chưa có email: hãy thêm email để nhận thư thử.",
        "Your account has no e-mail address: add one to receive the test message.";
    TooManyLinkRequests = "too_many_link_requests",
        "Đã yêu cầu quá nhiều liên kết đặt mật khẩu từ cùng một nơi trong một giờ. Vui lòng thử lại sau.",
        "Too many password links were asked for from one place within an hour. Please try again later.";
    MailNotConfigured = "mail_not_configured",
        "Hệ thống chưa gửi được thư điện tử. Vui lòng liên hệ cán bộ UBND xã/phường (hộ sản xuất) hoặc Sở Nông nghiệp và Môi trường (cán bộ) để được cấp liên kết đặt mật khẩu.",
        "This system does not send e-mail yet. Please ask your commune's officer (producers) or the Department of Agriculture and Environment (officials) for a password link.";
    ChangedMeanwhile = "changed_meanwhile",
        "Bản này vừa được lưu ở nơi khác (một người khác, hoặc chính bạn ở một thẻ/cửa sổ khác) trong lúc bạn sửa. Nội dung bạn nhập vẫn còn; hãy tải lại trang để xem bản mới rồi sửa lại.",
        "This was saved elsewhere (by someone else, or by you in another tab or window) while you were editing. What you typed is still here; reload the page to see the new version, then edit again.";
    Phase = "phase",
        "Giai đoạn hiện tại của đợt không cho phép việc này.",
        "The round's current phase does not allow this.";
    Unscored = "unscored",
        "Còn hồ sơ chưa có phiếu chấm nào đã nộp của thành viên hội đồng: mỗi hồ sơ cần ít nhất một phiếu trước khi chuyển sang thảo luận và ra quyết định (nếu mọi thành viên đều có xung đột lợi ích, hãy thêm thành viên; hoặc hoãn quyết định hồ sơ đó).",
        "A dossier has no submitted council sheet yet: each needs at least one before deliberation and the decision (if every member has a conflict of interest, add a member; or leave that dossier out of the decision).";
    AllDeferred = "all_deferred",
        "Mọi hồ sơ của đợt đều đang hoãn quyết định: hãy đưa ít nhất một hồ sơ trở lại quyết định.",
        "Every dossier of the round is left out of the decision: bring at least one back into it.";
    NotDeferred = "not_deferred",
        "Hồ sơ này không nằm trong số hồ sơ đang hoãn quyết định của đợt (chưa từng hoãn, hoặc đã được quyết định).",
        "This dossier is not among the round's dossiers left out of the decision (or it was decided already).";
    DecisionAhead = "decision_ahead",
        "Ngày quyết định không được sau ngày hôm nay: ghi quyết định khi đã ký.",
        "The decision's date cannot be after today: record the decision once it is signed.";
    BeforeRoundDecision = "before_round_decision",
        "Ngày quyết định bổ sung không được trước ngày quyết định của đợt.",
        "A later decision cannot be dated before the round's decision.";
    DeferredUnscored = "deferred_unscored",
        "Hồ sơ này chưa có phiếu chấm đã nộp của thành viên Hội đồng: đề nghị thành viên chấm và nộp phiếu (phiếu của hồ sơ đang hoãn vẫn mở) trước khi ghi quyết định bổ sung.",
        "This dossier has no submitted council sheet yet: ask a member to score and submit it (the sheets of a dossier left out stay open) before recording the later decision.";
    NoScorer = "no_scorer",
        "Không thành viên Hội đồng nào chấm được hồ sơ này (mọi thành viên đều có xung đột lợi ích hoặc thuộc tiểu ban khác), nên không thể quyết định sau: hãy thêm thành viên trong giai đoạn chấm điểm.",
        "No council member can score this dossier (all have a conflict of interest or sit on another sub-council), so it could never be decided later: add a member while the round scores.";
    SheetsStillOpen = "sheets_still_open",
        "Chỉ đưa hồ sơ trở lại quyết định khi hồ sơ đã có phiếu chấm đã nộp và không còn phiếu nào đang chấm dở (phiếu được mở lại phải nộp lại trước).",
        "Bring the dossier back only once it has a submitted sheet and no sheet is being filled in (a reopened sheet must be submitted again first).";
    DeadlinePassed = "deadline_passed",
        "Đã quá hạn nộp hồ sơ của đợt: không đưa thêm hồ sơ vào đợt. Nếu cần, sửa hạn nộp hồ sơ trong thiết lập của đợt (việc sửa được ghi nhật ký).",
        "The round's dossier deadline has passed: no more dossiers join it. If needed, move the deadline in the round's settings (the change is logged).";
    ScoringClosed = "scoring_closed",
        "Đã hết thời hạn chấm điểm của đợt: không nộp phiếu được nữa (phiếu nháp vẫn được lưu). Đề nghị cán bộ Sở Nông nghiệp và Môi trường gia hạn chấm điểm nếu cần.",
        "The round's scoring window has closed: sheets can no longer be submitted (drafts are still saved). Ask the Department of Agriculture and Environment's officer to extend it if needed.";
    ReopenAfterWindow = "reopen_after_window",
        "Đã hết thời hạn chấm điểm: mở lại phiếu lúc này thì thành viên không nộp lại được. Hãy gia hạn chấm điểm trong thiết lập của đợt trước khi mở lại phiếu.",
        "The scoring window has closed: a sheet reopened now could not be submitted again. Extend the window in the round's settings before reopening it.";
    EventDates = "event_dates",
        "Ngày kết thúc phải từ ngày bắt đầu trở đi, và sự kiện kéo dài không quá một năm.",
        "The end date must be on or after the start, and an event lasts at most a year.";
    NotANumber = "not_a_number",
        "Vui lòng nhập một số (chỉ gồm chữ số, ví dụ 12.500.000).",
        "Please enter a number (digits only, e.g. 12,500,000).";
    EventClosed = "event_closed",
        "Sự kiện đã kết thúc: không đăng ký hoặc mời thêm sản phẩm được nữa.",
        "The event is over: no more products can apply or be invited.";
    AlreadyJoined = "already_joined",
        "Sản phẩm này đã có trong danh sách của sự kiện (đã đăng ký, được mời hoặc đã trả lời).",
        "This product is already on the event's list (applied, invited or answered).";
    ResultsNotYet = "results_not_yet",
        "Chỉ ghi kết quả cho sản phẩm đã xác nhận tham gia, khi sự kiện đã bắt đầu.",
        "Results are recorded for products taking part, once the event has started.";
    NotCertified = "not_certified",
        "Sản phẩm này không có giấy chứng nhận OCOP còn hiệu lực: chỉ lập kế hoạch kiểm tra sản phẩm đã được công nhận.",
        "This product has no valid OCOP certificate: only certified products are put in an inspection plan.";
    ChooseProducts = "choose_products",
        "Chọn ít nhất một sản phẩm cần kiểm tra.",
        "Choose at least one product to inspect.";
    TooManyProducts = "too_many_products",
        "Một kế hoạch chọn tối đa 50 sản phẩm; hãy chia thành nhiều kế hoạch.",
        "One plan takes at most 50 products; split it into several plans.";
    PlanDateOutOfRange = "plan_date_out_of_range",
        "Ngày kiểm tra dự kiến phải trong vòng một năm trước hoặc sau hôm nay.",
        "The planned date must be within a year before or after today.";
    VisitAhead = "visit_ahead",
        "Ngày kiểm tra thực tế không được sau ngày hôm nay: ghi biên bản sau khi đã kiểm tra.",
        "The visit's date cannot be after today: record the visit once it has taken place.";
    NewDueNeeded = "new_due_needed",
        "Hạn khắc phục cũ đã qua: hãy cho chủ thể một hạn mới (sau hôm nay).",
        "The old deadline has passed: give the producer a new one (after today).";
    DueNotAhead = "due_not_ahead",
        "Hạn khắc phục phải sau ngày hôm nay (và trong vòng một năm).",
        "The correction's deadline must be after today (and within a year).";
    TrainingDateOutOfRange = "training_date_out_of_range",
        "Ngày tập huấn phải trong vòng hai năm trước hoặc sau hôm nay.",
        "The training's date must be within two years before or after today.";
    AlreadyListed = "already_listed",
        "Người này đã có trong danh sách tập huấn.",
        "This person is already on the training's list.";
    TooManyAttendees = "too_many_attendees",
        "Một buổi tập huấn ghi tối đa 300 người; hãy tạo thêm một buổi.",
        "One training lists at most 300 people; record another session.";
    TrainingNotHeld = "training_not_held",
        "Buổi tập huấn chưa diễn ra: chỉ đánh dấu người tham dự từ ngày tập huấn.",
        "The training has not taken place yet: attendance is ticked from its day on.";
    InvalidContact = "invalid_contact",
        "Vui lòng nhập số điện thoại (ví dụ 0912 345 678) hoặc thư điện tử (ví dụ ten@vidu.vn), hoặc để trống.",
        "Please enter a phone number (e.g. 0912 345 678) or an e-mail (e.g. name@example.vn), or leave it empty.";
    AccountOutOfScope = "account_out_of_scope",
        "Tài khoản này không thuộc đối tượng của buổi tập huấn (cán bộ hoặc chủ thể, trong xã của buổi tập huấn).",
        "This account is not in the training's audience (officials or producers, of the training's commune).";
    CompliantWithFailure = "compliant_with_failure",
        "Không kết luận \"Đạt yêu cầu\" được khi có nội dung \"Không đạt\" hoặc chưa kiểm tra nội dung nào. Hãy yêu cầu khắc phục, đề nghị thu hồi, hoặc ghi kết quả từng nội dung.",
        "The verdict cannot be \"Compliant\" with an area \"Not met\", or with no area checked. Require a correction, propose revocation, or record each area.";
    VisitFirst = "visit_first",
        "Ghi kết quả kiểm tra thực tế trước: đề nghị thu hồi là một kết luận của biên bản kiểm tra.",
        "Record the visit first: a proposal to revoke is one of the visit's verdicts.";
    UnknownVerdict = "unknown_verdict",
        "Vui lòng chọn kết luận: đạt yêu cầu, yêu cầu khắc phục hoặc đề nghị thu hồi.",
        "Please choose a verdict: compliant, correction required or revocation proposed.";
    FindingMissing = "finding_missing",
        "Vui lòng chọn kết quả cho nội dung kiểm tra này (đạt, không đạt hoặc không kiểm tra).",
        "Please choose a finding for this area (met, not met or not checked).";
    PhaseClosed = "phase_closed",
        "Giai đoạn hiện tại của đợt không cho phép việc này.",
        "The round's current phase does not allow this.";
    Conflicted = "conflicted",
        "Bạn có xung đột lợi ích với hồ sơ này.",
        "You have a conflict of interest with this dossier.";
    Submitted = "submitted",
        "Phiếu đã nộp; cần cán bộ tỉnh mở lại.",
        "The sheet is submitted; a provincial officer must reopen it.";
    ScoredAlready = "scored_already",
        "Bạn đã nộp phiếu chấm hồ sơ này nên không khai xung đột lợi ích được nữa; hãy báo cán bộ tỉnh.",
        "You have submitted a sheet for this dossier, so you can no longer declare a conflict; tell the provincial officer.";
    HasSheets = "has_sheets",
        "Thành viên đã có phiếu chấm nên không bỏ được.",
        "The member has sheets and cannot be removed.";
    NotEditable = "not_editable",
        "Báo cáo đã nộp nên không sửa được; chỉ sửa được khi tỉnh trả lại.",
        "The report has been submitted and cannot be changed unless the province returns it.";
    NotSubmitted = "not_submitted",
        "Báo cáo chưa được nộp hoặc đã được xem xét.",
        "The report is not submitted or was already reviewed.";
    Invalid = "invalid",
        "Giá trị không hợp lệ.",
        "Not a valid value.";
    Json = "json",
        "Không lưu được dữ liệu; vui lòng thử lại.",
        "The data could not be saved; please try again.";
    Xlsx = "xlsx",
        "Không tạo được tệp Excel; vui lòng thử lại.",
        "The Excel file could not be made; please try again.";
    Pdf = "pdf",
        "Không tạo được tệp PDF; vui lòng thử lại.",
        "The PDF file could not be made; please try again.";
    NotActive = "not_active",
        "Tài khoản chưa hoạt động (đang chờ duyệt, bị từ chối hoặc bị khóa).",
        "The account is not active (pending, rejected or locked).";
    NotLocked = "not_locked",
        "Tài khoản này không bị khóa.",
        "This account is not locked.";
    NotPending = "not_pending",
        "Đăng ký này đã được xử lý.",
        "This registration was already decided.";
    Revoked = "revoked",
        "Giấy chứng nhận đã bị thu hồi.",
        "The certificate is already revoked.";
    UnknownOption = "unknown_option",
        "Có câu trả lời không thuộc các mức của tiêu chí.",
        "An answer is not one of the criterion's options.";
    NoNational = "no_national",
        "Không có sản phẩm đạt từ 90 điểm.",
        "No product reached 90 points.";
    NotProposed = "not_proposed",
        "Giấy chứng nhận này không đề xuất sản phẩm lên Bộ đánh giá 5 sao (chưa đạt 90 điểm, đã bị thu hồi hoặc đã được thay thế).",
        "This certificate did not propose its product to the Ministry for 5 stars (under 90 points, revoked or replaced).";
    AlreadyAnswered = "already_answered",
        "Kết quả của Bộ cho sản phẩm này đã được ghi.",
        "The Ministry's result for this product is already recorded.";
    MinistryStars = "ministry_stars",
        "Hạng sao Bộ công nhận phải là 3, 4 hoặc 5 sao.",
        "The stars the Ministry granted must be 3, 4 or 5.";
    SubjectState = "subject_state",
        "Chủ thể đang chờ duyệt hoặc đã bị từ chối, hoặc đã ở trạng thái này.",
        "The producer is pending or rejected, or already in this state.";
    SameCommune = "same_commune",
        "Chủ thể đã thuộc xã này; hãy chọn xã khác.",
        "The producer is already in this commune; choose another.";
    MinistryDate = "ministry_date",
        "Ngày quyết định của Bộ phải từ ngày quyết định của tỉnh đến hôm nay.",
        "The Ministry's decision date must fall between the province's decision and today.";
    UnitCode = "unit_code",
        "Mã xã/phường gồm đúng 5 chữ số (mã thống kê, ví dụ 06046).",
        "A commune code has exactly 5 digits (the statistics code, e.g. 06046).";
    UnitKind = "unit_kind",
        "Loại đơn vị phải là xã hoặc phường.",
        "The kind of unit must be xã (commune) or phường (ward).";
    VersionDate = "version_date",
        "Ngày áp dụng không được trước ngày bắt đầu của tên hiện tại và không được sau hôm nay (cùng ngày bắt đầu: sửa tên hiện tại).",
        "The date it applies from must not come before the current name began, nor after today (the same day corrects the current name).";
    RetireDate = "retire_date",
        "Ngày cuối cùng phải từ ngày bắt đầu của nội dung hiện tại (tài liệu hồ sơ: từ hôm nay) đến tối đa một năm sau hôm nay.",
        "The last day must fall between the day the current version began (a dossier document: today) and one year from today.";
    StartDate = "start_date",
        "Ngày bắt đầu phải từ năm 2019 đến tối đa một năm sau hôm nay.",
        "The start date must fall between 2019 and one year from today.";
    AlreadyRetired = "already_retired",
        "Mục này đã được cho kết thúc hoặc thôi dùng (kể cả khi ngày cuối còn ở phía trước), không sửa được nữa.",
        "This entry has been ended or retired (even if its last day is still ahead) and can no longer be changed.";
    UnknownSuccessor = "unknown_successor",
        "Hãy chọn đơn vị tiếp nhận đang còn hiệu lực (khác đơn vị này).",
        "Choose the unit that takes over: one still in force, other than this one.";
    GroupCodeUnder = "group_code_under",
        "Mã nhóm con phải là mã nhóm cha, dấu chấm rồi một phần mã gồm chữ hoặc số (ví dụ I.1.e).",
        "A sub-group's code is its parent's code, a dot and a part of letters or digits (e.g. I.1.e).";
    HasActiveChildren = "has_active_children",
        "Nhóm này còn nhóm con đang dùng; hãy thôi dùng các nhóm con trước.",
        "This group still has sub-groups in use; retire them first.";
    UnitStart = "unit_start",
        "Xã, phường mới có hiệu lực từ ngày 01/07/2025 trở đi (trước đó là cấp huyện).",
        "A new commune or ward takes effect on 1 July 2025 or later (before that, districts).";
    PeriodTooLong = "period_too_long",
        "Kỳ báo cáo dài tối đa 10 năm.",
        "A report period covers 10 years at most.";
    WholeYears = "whole_years",
        "Báo cáo tổng kết tính theo năm trọn vẹn: từ ngày 01/01 đến ngày 31/12, ít nhất hai năm.",
        "A review covers whole years: from 1 January to 31 December, two years at least.";
    NothingChanged = "nothing_changed",
        "Nội dung giống hệt hiện tại: không có gì để lưu.",
        "This is the same as the current version: nothing to save.";
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests;
