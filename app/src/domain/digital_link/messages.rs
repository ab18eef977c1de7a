//! What a person (or a partner's developer) reads when a Digital Link is refused: the problem
//! named, what to fix, in Vietnamese or English.
use super::LinkProblem;

impl LinkProblem {
    /// The message in English (`english`) or Vietnamese.
    pub fn message(&self, english: bool) -> String {
        let (vi, en) = match self {
            Self::NotGtinPath => (
                "Đường dẫn không bắt đầu bằng /01/.".to_owned(),
                "The path does not start with /01/.".to_owned(),
            ),
            Self::GtinLength => (
                "Mã GTIN trong đường dẫn phải đủ 14 chữ số (thêm số 0 ở đầu).".to_owned(),
                "The GTIN in the path must have 14 digits (pad it with leading zeros).".to_owned(),
            ),
            Self::CheckDigit(right) => (
                format!("Chữ số kiểm tra của mã GTIN sai. Chữ số đúng là ({right})."),
                format!("The GTIN's check digit is wrong. The right one is ({right})."),
            ),
            Self::UnknownQualifier => (
                "Sau mã GTIN chỉ dùng được mã 22, 10, 21 hoặc 235, mỗi mã kèm một giá trị."
                    .to_owned(),
                "After the GTIN only the qualifiers 22, 10, 21 or 235 are allowed, each with a value."
                    .to_owned(),
            ),
            Self::QualifierOrder => (
                "Các mã phải theo thứ tự 22, 10, 21, mỗi mã một lần; mã 235 chỉ đứng một mình ngay sau GTIN."
                    .to_owned(),
                "Qualifiers must come in the order 22, 10, 21, once each; 235 stands alone right after the GTIN."
                    .to_owned(),
            ),
            Self::BadValue => (
                "Giá trị lô/số sê-ri không hợp lệ (1–20 ký tự GS1; mã 235 đến 28 ký tự).".to_owned(),
                "The lot or serial value is not valid (1–20 GS1 characters; up to 28 for 235)."
                    .to_owned(),
            ),
            Self::UnknownAi(ai) => (
                format!("Tham số {ai} không phải mã AI của GS1: hãy bỏ nó đi."),
                format!("Parameter {ai} is not a GS1 Application Identifier: remove it."),
            ),
            Self::KeyInQuery(ai) => (
                format!("Mã {ai} là mã khóa hoặc mã phân định phụ: đặt nó trong đường dẫn (/{ai}/…), không sau dấu ?."),
                format!("AI {ai} is a key or key qualifier: put it in the path (/{ai}/…), not in the query string."),
            ),
            Self::RepeatedAi(ai) => (
                format!("Mã AI {ai} xuất hiện hai lần: chỉ giữ một."),
                format!("AI {ai} appears twice: keep one."),
            ),
            Self::EmptyAi(ai) => (
                format!("Mã AI {ai} không có giá trị: thêm giá trị hoặc bỏ nó đi."),
                format!("AI {ai} has no value: give it one or remove it."),
            ),
            Self::BadAiValue(ai) => (
                format!("Giá trị của mã AI {ai} không đúng định dạng GS1 (ví dụ ngày phải là ngày có thật, dạng YYMMDD)."),
                format!("The value of AI {ai} does not have its GS1 format (a date, for instance, must be a real YYMMDD date)."),
            ),
        };
        if english { en } else { vi }
    }
}
