import { expect, type Browser, type Page, test } from "@playwright/test";
import { hydrated, linkIn, mailTo, signIn } from "./helpers";

// E-mail is on in these runs (run.mjs points the server at the mail sink). Each test works on
// accounts of its own.

async function phone(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })).newPage();
}

/** Fills the person and a new household subject on the registration form. */
async function fillProducer(page: Page, name: string, email: string, phoneNumber: string) {
  const form = page.getByTestId("register-for-form");
  await form.getByLabel("Họ và tên").fill(name);
  if (email) await form.getByLabel("Email").fill(email);
  if (phoneNumber) await form.getByLabel("Số điện thoại").fill(phoneNumber);
  await form.locator("#subject_type").selectOption("HO");
  await form.locator("#subject_name").fill(`Hộ ${name}`);
}

async function setPassword(page: Page, url: string, password: string) {
  await page.goto(url);
  await hydrated(page);
  await page.getByLabel("Mật khẩu mới (ít nhất 8 ký tự)").fill(password);
  await page.getByRole("button", { name: "Đặt mật khẩu" }).click();
  await expect(page.getByTestId("password-set")).toBeVisible();
}

test("a commune officer registers a producer, who sets a password from the e-mail, forgets it and gets a new link", async ({ browser }) => {
  const officer = await phone(browser);
  await signIn(officer, "xa.trangdinh@demo.vn");
  await expect(officer).not.toHaveURL(/\/login/);
  await officer.goto("/commune/registrations");
  await hydrated(officer);
  await officer.getByTestId("register-for-link").click();
  await expect(officer).toHaveURL(/\/commune\/register-producer$/);
  await hydrated(officer);
  // The officer's own commune is chosen already; a missing name is said at the field and what
  // was typed stays.
  await expect(officer.locator("#commune_code")).toHaveValue("06046");
  await fillProducer(officer, "", "nongthiem@example.vn", "");
  await officer.getByRole("button", { name: "Đăng ký và cấp liên kết" }).click();
  await expect(officer.locator('.field-error[data-field="full_name"]')).toHaveText("Vui lòng điền mục này.");
  await expect(officer.getByTestId("register-for-form").getByLabel("Email")).toHaveValue("nongthiem@example.vn");
  const since = Date.now();
  await officer.getByTestId("register-for-form").getByLabel("Họ và tên").fill("Nông Thị Thiêm");
  await officer.getByRole("button", { name: "Đăng ký và cấp liên kết" }).click();
  await expect(officer.getByTestId("reset-link-sent")).toContainText("nongthiem@example.vn");
  expect(await officer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The producer opens the e-mail on their phone.
  const producer = await phone(browser);
  const invite = await mailTo("nongthiem@example.vn", "Tài khoản của anh/chị đã được tạo", since);
  expect(invite.body).toContain("Nông Thị Thiêm");
  await setPassword(producer, linkIn(invite), "mây núi Mẫu Sơn buổi sớm");
  await signIn(producer, "nongthiem@example.vn", "mây núi Mẫu Sơn buổi sớm");
  await expect(producer).toHaveURL(/\/producer$/);
  await producer.context().clearCookies();

  // Forgotten: the same answer for a stranger's address and for theirs.
  await producer.goto("/login");
  await hydrated(producer);
  await producer.getByTestId("forgot-link").click();
  await expect(producer).toHaveURL(/\/forgot-password$/);
  await hydrated(producer);
  await producer.getByLabel("Email của tài khoản").fill("khong-co-ai@example.vn");
  await producer.getByRole("button", { name: "Gửi liên kết" }).click();
  const answer = await producer.getByTestId("link-sent").textContent();
  await producer.goto("/forgot-password");
  await hydrated(producer);
  const asked = Date.now();
  await producer.getByLabel("Email của tài khoản").fill("nongthiem@example.vn");
  await producer.getByRole("button", { name: "Gửi liên kết" }).click();
  await expect(producer.getByTestId("link-sent")).toHaveText(answer ?? "");
  expect(await producer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  const reset = await mailTo("nongthiem@example.vn", "Đặt mật khẩu", asked);
  const url = linkIn(reset);
  await setPassword(producer, url, "suối Kỳ Cùng chảy ngược");
  await signIn(producer, "nongthiem@example.vn", "suối Kỳ Cùng chảy ngược");
  await expect(producer).toHaveURL(/\/producer$/);
  await producer.context().clearCookies();
  // The link works once.
  await producer.goto(url);
  await hydrated(producer);
  await producer.getByLabel("Mật khẩu mới (ít nhất 8 ký tự)").fill("một mật khẩu khác hẳn");
  await producer.getByRole("button", { name: "Đặt mật khẩu" }).click();
  await expect(producer.locator('.field-error[data-field="token"]')).toBeVisible();
});

test("a producer with only a phone gets a printed link, and their commune's officer can give a new one", async ({ browser }) => {
  const officer = await phone(browser);
  await signIn(officer, "xa.trangdinh@demo.vn");
  await expect(officer).not.toHaveURL(/\/login/);
  await officer.goto("/commune/register-producer");
  await hydrated(officer);
  await fillProducer(officer, "Hoàng Văn Sáng", "", "0912 654 321");
  await officer.getByRole("button", { name: "Đăng ký và cấp liên kết" }).click();
  await expect(officer.getByTestId("registered-for")).toBeVisible();
  await expect(officer.getByTestId("reset-link-url")).toHaveValue(/\/reset-password\?token=[0-9a-f]{64}$/);
  await expect(officer.getByTestId("print-link")).toBeVisible();
  await officer.screenshot({ path: test.info().outputPath("printed-link-360.png"), fullPage: true });

  // Later, on the subject's page, the officer gives the member a new link.
  await officer.goto("/registry/subjects?q=Hoàng Văn Sáng");
  await hydrated(officer);
  await officer.getByTestId("registry-subject").first().getByRole("link").first().click();
  await hydrated(officer);
  await officer.getByTestId("member-reset-link").click();
  await expect(officer.getByTestId("reset-link-url")).toHaveValue(/\/reset-password\?token=[0-9a-f]{64}$/);
});

test("an administrator sends a test e-mail and sees it sent in the outbox", async ({ browser }) => {
  const page = await phone(browser);
  await signIn(page, "quantri@demo.vn");
  await expect(page).toHaveURL(/\/admin$/);
  await hydrated(page);
  await page.getByTestId("entry-mail").click();
  await expect(page).toHaveURL(/\/admin\/mail$/);
  await hydrated(page);
  await expect(page.getByTestId("mail-on")).toBeVisible();
  const since = Date.now();
  await page.getByTestId("send-test-mail").click();
  await expect(page.getByTestId("test-mail-queued")).toContainText("quantri@demo.vn");
  const mail = await mailTo("quantri@demo.vn", "Thư thử", since);
  expect(mail.body).toContain("/admin/mail");
  // Sent: listed as such once the page is read again.
  await page.goto("/admin/mail?state=sent");
  await hydrated(page);
  await expect(page.getByTestId("mail-message").filter({ hasText: "quantri@demo.vn" }).first()).toHaveAttribute("data-state", "sent");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: test.info().outputPath("mail-360.png"), fullPage: true });
});
