//! The demo accounts: one for every role, all with one password, for trainers.
use crate::auth::Role;

/// The one password of every demo account, for trainers (documented in the README).
pub const DEMO_PASSWORD: &str = "thu-nghiem-2026";

/// A demo account; producers belong to the named subject (and its commune).
pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Role,
    pub commune: Option<&'static str>,
    pub subject: Option<&'static str>,
}

const fn demo(
    email: &'static str,
    name: &'static str,
    role: Role,
    commune: Option<&'static str>,
    subject: Option<&'static str>,
) -> DemoAccount {
    DemoAccount {
        email,
        name,
        role,
        commune,
        subject,
    }
}

/// One active account for every role (two commune officers, three council members, three
/// producers).
pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    demo(
        "quantri@demo.vn",
        "Quản trị Hệ thống",
        Role::Administrator,
        None,
        None,
    ),
    demo(
        "so.nnmt@demo.vn",
        "Lương Văn Sở",
        Role::ProvincialOfficer,
        None,
        None,
    ),
    demo(
        "xa.trangdinh@demo.vn",
        "Hoàng Thị Xã",
        Role::CommuneOfficer,
        Some("06046"),
        None,
    ),
    demo(
        "xa.chilang@demo.vn",
        "Vi Văn Lăng",
        Role::CommuneOfficer,
        Some("06463"),
        None,
    ),
    demo(
        "tuvan@demo.vn",
        "Nông Thị Tư Vấn",
        Role::AdvisoryMember,
        None,
        None,
    ),
    demo(
        "hoidong@demo.vn",
        "Triệu Văn Hội",
        Role::CouncilMember,
        None,
        None,
    ),
    demo(
        "hoidong2@demo.vn",
        "Lăng Thị Đồng",
        Role::CouncilMember,
        None,
        None,
    ),
    // Lives in Thất Khê: the system flags a conflict on that commune's dossiers.
    demo(
        "hoidong3@demo.vn",
        "Mã Văn Đánh",
        Role::CouncilMember,
        Some("06040"),
        None,
    ),
    demo(
        "dongbanh@demo.vn",
        "Lộc Văn Bành",
        Role::Producer,
        None,
        Some("HTX Dịch vụ và Sản xuất nông nghiệp Đồng Bành"),
    ),
    demo(
        "thachden@demo.vn",
        "Nguyễn Thị Hà",
        Role::Producer,
        None,
        Some("Hộ kinh doanh Nguyễn Thị Hà"),
    ),
    demo(
        "huulung@demo.vn",
        "Hà Văn Lũng",
        Role::Producer,
        None,
        Some("HTX Nông sản Hữu Lũng"),
    ),
];
