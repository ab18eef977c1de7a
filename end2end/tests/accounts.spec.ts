import { expect, test } from "@playwright/test";
import { PASSWORD, hydrated, signIn } from "./helpers";

// These tests share the demo database: the registration waiting in Tràng Định is approved
// by one of them, so they run one after another.
test.describe.configure({ mode: "serial" });


test("a commune officer signs in, keeps the session across a reload, and signs out", async ({ page }) => {
  await signIn(page, "xa.trangdinh@demo.vn");
  await expect(page).toHaveURL(/\/commune$/);
  await expect(page.getByTestId("user-name")).toHaveText("Hoàng Thị Xã");
  await expect(page.getByTestId("area-role")).toHaveText("Cán bộ UBND xã/phường");

  await page.reload();
  await expect(page.getByTestId("user-name")).toHaveText("Hoàng Thị Xã");
  // The account page names the officer's commune, not its code.
  await page.goto("/account");
  await expect(page.getByTestId("account-commune")).toContainText("Tràng Định");
  await page.goto("/commune");

  await hydrated(page);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Đăng nhập" })).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login$/);
});

test("a producer lands in the producer's work area and sees their role", async ({ page }) => {
  await signIn(page, "dongbanh@demo.vn");
  await expect(page).toHaveURL(/\/producer$/);
  await expect(page.getByTestId("area-role")).toHaveText("Chủ thể sản xuất");
  await page.getByTestId("work-area").click();
  await expect(page).toHaveURL(/\/producer$/);
  await page.goto("/account");
  await expect(page.getByTestId("account-role")).toHaveText("Chủ thể sản xuất");
});

test("a wrong password gets a clear message and keeps what was typed", async ({ page }) => {
  await signIn(page, "xa.trangdinh@demo.vn", "sai-mat-khau-roi");
  await expect(page.getByRole("alert")).toContainText("không đúng");
  await expect(page.getByLabel("Email hoặc số điện thoại")).toHaveValue("xa.trangdinh@demo.vn");
  await expect(page).toHaveURL(/\/login$/);
});

test("a registration still waiting for the commune is told so", async ({ page }) => {
  await signIn(page, "choduyet@demo.vn");
  await expect(page.getByRole("alert")).toContainText("chờ UBND xã/phường phê duyệt");
});

test("an anonymous visitor opening a work page signs in and is brought back to it; a link to another site leads to the work area", async ({ page }) => {
  // An escape in the page's own query comes back as it was (not decoded twice).
  await page.goto("/commune/dossiers?q=a%20b");
  await expect(page).toHaveURL(/\/login\?next=%2Fcommune%2Fdossiers%3Fq%3Da%2520b$/);
  await hydrated(page);
  await expect(page.getByTestId("sign-in-to-continue")).toBeVisible();
  await page.getByLabel("Email hoặc số điện thoại").fill("xa.chilang@demo.vn");
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await expect(page).toHaveURL(/\/commune\/dossiers\?q=a%20b$/);

  await page.context().clearCookies();
  await page.goto("/login?next=%2F%2Fevil.example%2Fx");
  await hydrated(page);
  await expect(page.getByTestId("sign-in-to-continue")).toHaveCount(0);
  await page.getByLabel("Email hoặc số điện thoại").fill("xa.chilang@demo.vn");
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await expect(page).toHaveURL(/\/commune$/);
});

test("an anonymous visitor is sent from /account to /login", async ({ page }) => {
  const response = await page.goto("/account");
  await expect(page).toHaveURL(/\/login$/);
  expect(response?.status()).toBe(200);
});

test("the Tràng Định officer approves the waiting registration; that producer then signs in", async ({ page }) => {
  await signIn(page, "xa.trangdinh@demo.vn");
  await expect(page).toHaveURL(/\/commune$/);
  await expect(page.getByTestId("pending-count")).toHaveText("1");
  await page.getByRole("link", { name: "Duyệt đăng ký" }).click();
  await expect(page).toHaveURL(/\/commune\/registrations$/);
  const card = page.getByTestId("registration").filter({ hasText: "Lăng Thị Chờ" });
  await expect(card).toContainText("chủ thể mới");
  await hydrated(page);
  await card.getByRole("button", { name: "Phê duyệt" }).click();
  await expect(page.getByTestId("registrations-empty")).toBeVisible();
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/$/);

  await signIn(page, "choduyet@demo.vn");
  await expect(page).toHaveURL(/\/producer$/);
  await expect(page.getByTestId("user-name")).toHaveText("Lăng Thị Chờ");
  await expect(page.getByTestId("area-role")).toHaveText("Chủ thể sản xuất");
});

test("a producer opening the registrations page by its address is told it is not allowed", async ({ page }) => {
  await signIn(page, "dongbanh@demo.vn");
  await expect(page).toHaveURL(/\/producer$/);
  const response = await page.goto("/commune/registrations");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("not-allowed")).toContainText("Không có quyền truy cập");
  // It leads back to the producer's own work area.
  await page.getByTestId("own-area").click();
  await expect(page).toHaveURL(/\/producer$/);
  await expect(page.getByTestId("area-role")).toHaveText("Chủ thể sản xuất");
});

test("a producer opening the account-management page or the audit log by address is refused", async ({ page }) => {
  await signIn(page, "dongbanh@demo.vn");
  await expect(page).toHaveURL(/\/producer$/);
  for (const path of ["/admin/accounts", "/admin/accounts/new", "/admin/audit", "/admin"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByTestId("not-allowed")).toBeVisible();
    await expect(page.getByTestId("accounts")).toHaveCount(0);
  }
});

test("the Chi Lăng officer does not see Tràng Định's registrations", async ({ page }) => {
  await signIn(page, "xa.chilang@demo.vn");
  await expect(page).toHaveURL(/\/commune$/);
  await page.goto("/commune/registrations");
  await expect(page.getByTestId("registrations-empty")).toBeVisible();
});

test("a producer registers, the commune approves, and the producer signs in and sees their subject", async ({ page }) => {
  await page.goto("/register");
  await hydrated(page);
  await page.getByLabel("Họ và tên").fill("Đinh Thị Thử");
  await page.getByLabel("Email", { exact: true }).fill("dinhthithu@example.vn");
  await page.getByLabel("Số điện thoại").fill("0977 111 222");
  await page.getByLabel("Mật khẩu (ít nhất 8 ký tự)").fill("hoa hồi thơm ngát");
  await page.getByLabel("Xã/phường").selectOption({ label: "Tràng Định (xã)" });
  await page.getByLabel("Loại hình").selectOption("HO");
  await page.getByLabel("Tên chủ thể").fill("Hộ kinh doanh Đinh Thị Thử");
  await page.getByRole("button", { name: "Gửi đăng ký" }).click();
  await expect(page.getByTestId("registration-sent")).toBeVisible();

  await signIn(page, "xa.trangdinh@demo.vn");
  await expect(page).toHaveURL(/\/commune$/);
  await page.goto("/commune/registrations");
  await hydrated(page);
  const card = page.getByTestId("registration").filter({ hasText: "Đinh Thị Thử" });
  await card.getByRole("button", { name: "Phê duyệt" }).click();
  await expect(card).toHaveCount(0);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/$/);

  await signIn(page, "0977111222", "hoa hồi thơm ngát");
  await expect(page).toHaveURL(/\/producer$/);
  await page.getByTestId("entry-subject").click();
  await expect(page.getByTestId("subject-name")).toHaveText("Hộ kinh doanh Đinh Thị Thử");
  await expect(page.getByTestId("subject-members")).toContainText("Đinh Thị Thử");
  // The subject's page is public, its member list is not.
  const subjectUrl = page.url();
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto(subjectUrl);
  await expect(page.getByTestId("subject-name")).toHaveText("Hộ kinh doanh Đinh Thị Thử");
  await expect(page.getByTestId("subject-members")).toHaveCount(0);
});

test("registration input errors are told beside the field, in Vietnamese, keeping what was typed", async ({ page }) => {
  await page.goto("/register");
  await hydrated(page);
  await page.getByLabel("Họ và tên").fill("Người Thử Lỗi");
  await page.getByLabel("Email", { exact: true }).fill("quantri@demo.vn");
  await page.getByLabel("Mật khẩu (ít nhất 8 ký tự)").fill("hoa hồi thơm ngát");
  await page.getByLabel("Xã/phường").selectOption({ label: "Tràng Định (xã)" });
  await page.getByLabel("Tên chủ thể").fill("HTX Thử Lỗi");
  await page.getByLabel("Mã số thuế / số đăng ký kinh doanh").fill("4900777777");
  await page.getByRole("button", { name: "Gửi đăng ký" }).click();
  await expect(page.locator('.field-error[data-field="email"]')).toHaveText("Email này đã được dùng cho một tài khoản khác.");
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Người Thử Lỗi");

  await page.getByLabel("Email", { exact: true }).fill("nguoithuloi@example.vn");
  await page.getByLabel("Mật khẩu (ít nhất 8 ký tự)").fill("12345678");
  await page.getByRole("button", { name: "Gửi đăng ký" }).click();
  await expect(page.locator('.field-error[data-field="password"]')).toContainText("quá phổ biến");
});

test("registration with three mistakes shows the three at once, marked, in a summary that takes focus", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/register");
  await hydrated(page);
  await page.getByLabel("Email", { exact: true }).fill("mai@");
  await page.getByLabel("Số điện thoại").fill("12345");
  await page.getByLabel("Mật khẩu (ít nhất 8 ký tự)").fill("ngan");
  await page.getByLabel("Tên chủ thể").fill("HTX Ba Lỗi");
  await page.getByLabel("Xã/phường").selectOption({ label: "Tràng Định (xã)" });
  await page.getByLabel("Loại hình").selectOption("HO");
  await page.getByRole("button", { name: "Gửi đăng ký" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.locator("li")).toHaveCount(4);
  await expect(summary).toContainText("Họ và tên: Vui lòng điền mục này.");
  await expect(summary).toContainText("Email: Email không hợp lệ.");
  await expect(summary).toContainText("Số điện thoại: Số điện thoại không hợp lệ");
  await expect(summary).toContainText("Mật khẩu (ít nhất 8 ký tự):");
  for (const label of ["Họ và tên", "Số điện thoại", "Mật khẩu (ít nhất 8 ký tự)"]) {
    await expect(page.getByLabel(label)).toHaveAttribute("aria-invalid", "true");
  }
  await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");
  // Each problem also stands beside its field, and what was typed stays.
  await expect(page.locator('.field-error[data-field="phone"]')).toBeVisible();
  await expect(page.getByLabel("Tên chủ thể")).toHaveValue("HTX Ba Lỗi");
  // A link takes the person to the field.
  await summary.getByRole("link", { name: /Số điện thoại/ }).click();
  await expect(page.getByLabel("Số điện thoại")).toBeFocused();
  // Fixed, the marks go with the next answer.
  await page.getByLabel("Họ và tên").fill("Nông Văn Ba");
  await page.getByLabel("Email", { exact: true }).fill("");
  await page.getByLabel("Số điện thoại").fill("0977 333 444");
  await page.getByLabel("Mật khẩu (ít nhất 8 ký tự)").fill("hoa hồi thơm ngát");
  await page.getByRole("button", { name: "Gửi đăng ký" }).click();
  await expect(page.getByTestId("registration-sent")).toBeVisible();
});

test("in demo mode a trainer signs in as any role with one click", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  const demo = page.getByTestId("demo-accounts");
  await expect(demo).toContainText("Quản trị hệ thống");
  await demo.getByRole("button", { name: "Đăng nhập: Lương Văn Sở" }).click();
  await expect(page).toHaveURL(/\/province$/);
  await expect(page.getByTestId("area-role")).toHaveText("Cán bộ Sở Nông nghiệp và Môi trường");
});

test("a user changes their own password on the account page", async ({ page }) => {
  await signIn(page, "thachden@demo.vn");
  await expect(page).toHaveURL(/\/producer$/);
  await page.goto("/account");
  await hydrated(page);
  await page.getByLabel("Mật khẩu hiện tại").fill("sai-mat-khau-nay");
  await page.getByLabel("Mật khẩu mới (ít nhất 8 ký tự)").fill("gió mùa đông bắc về");
  await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page.locator('.field-error[data-field="current_password"]')).toHaveText("Mật khẩu hiện tại không đúng.");
  await page.getByLabel("Mật khẩu hiện tại").fill(PASSWORD);
  await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page.getByTestId("password-changed")).toBeVisible();
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/$/);
  await signIn(page, "thachden@demo.vn", "gió mùa đông bắc về");
  await expect(page).toHaveURL(/\/producer$/);
});
