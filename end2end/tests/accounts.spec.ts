import { expect, test } from "@playwright/test";
import { hydrated } from "./helpers";

// These tests share the demo database: the registration waiting in Tràng Định is approved
// by one of them, so they run one after another.
test.describe.configure({ mode: "serial" });

// Demo accounts (see README): one password for all.
const PASSWORD = "thu-nghiem-2026";

async function signIn(page: import("@playwright/test").Page, login: string, password = PASSWORD) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email hoặc số điện thoại").fill(login);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

test("a commune officer signs in, keeps the session across a reload, and signs out", async ({ page }) => {
  await signIn(page, "xa.trangdinh@demo.vn");
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("user-name")).toHaveText("Hoàng Thị Xã");
  await expect(page.getByTestId("account-role")).toHaveText("Cán bộ UBND xã/phường");

  await page.reload();
  await expect(page.getByTestId("user-name")).toHaveText("Hoàng Thị Xã");

  await hydrated(page);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Đăng nhập" })).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login$/);
});

test("a producer sees their role", async ({ page }) => {
  await signIn(page, "dongbanh@demo.vn");
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

test("an anonymous visitor is sent from /account to /login", async ({ page }) => {
  const response = await page.goto("/account");
  await expect(page).toHaveURL(/\/login$/);
  expect(response?.status()).toBe(200);
});

test("the Tràng Định officer approves the waiting registration; that producer then signs in", async ({ page }) => {
  await signIn(page, "xa.trangdinh@demo.vn");
  await expect(page).toHaveURL(/\/account$/);
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
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("user-name")).toHaveText("Lăng Thị Chờ");
  await expect(page.getByTestId("account-role")).toHaveText("Chủ thể sản xuất");
});

test("a producer opening the registrations page by its address is told it is not allowed", async ({ page }) => {
  await signIn(page, "dongbanh@demo.vn");
  await expect(page).toHaveURL(/\/account$/);
  const response = await page.goto("/commune/registrations");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("not-allowed")).toContainText("Không có quyền truy cập");
});

test("the Chi Lăng officer does not see Tràng Định's registrations", async ({ page }) => {
  await signIn(page, "xa.chilang@demo.vn");
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/commune/registrations");
  await expect(page.getByTestId("registrations-empty")).toBeVisible();
});
