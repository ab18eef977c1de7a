//! Registrations the account tests start from.
use app::models::accounts::registration::{NewSubjectInput, RegistrationInput, SubjectChoice};
use app::services::accounts::registration::register;

pub const TRANG_DINH: &str = "06046";

pub fn producer(name: &str, email: &str, phone: &str, tax_code: &str) -> RegistrationInput {
    RegistrationInput {
        full_name: name.into(),
        email: email.into(),
        phone: phone.into(),
        password: "mây trắng bay qua đèo".into(),
        subject: SubjectChoice::New(NewSubjectInput {
            subject_type: "HTX".into(),
            name: format!("HTX thử nghiệm {name}"),
            tax_code: tax_code.into(),
            address: "Thôn Bản Chang".into(),
            commune_code: TRANG_DINH.into(),
        }),
    }
}

/// The usual applicant: Hoàng Thị Mai, for a new cooperative in Tràng Định.
pub async fn register_mai(db: &sea_orm::DatabaseConnection) -> i32 {
    let mai = producer(
        "Hoàng Thị Mai",
        "mai@example.vn",
        "0912345678",
        "4900123456",
    );
    register(db, mai, None).await.unwrap()
}
