// Training and adoption (issue 24): the province records a training session, lists an account
// found by name and someone without an account, ticks who came and prints the sign-in sheet;
// the adoption page's commune bar opens the list of who does not use the system yet; a
// producer reads what their products still lack.
import { test, expect } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

function today(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

test("the province records a training session and ticks who came", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "so.nnmt@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/trainings");
  await hydrated(page);
  // The demo's sessions are listed; a form missing its topics keeps what was typed.
  await expect(page.getByTestId("training").first()).toBeVisible();
  const form = page.getByTestId("training-form");
  await form.getByLabel("Tên buổi tập huấn").fill("Tập huấn cán bộ xã (kiểm thử)");
  await form.getByLabel("Ngày tập huấn").fill(today());
  await form.getByLabel("Đối tượng").selectOption("officials");
  await form.getByLabel("Địa điểm hoặc nền tảng").fill("Hội trường Sở");
  await form.getByLabel("Báo cáo viên").fill("Lương Văn Sở");
  await form.getByLabel("Nội dung").fill(" ");
  await page.getByTestId("training-submit").click();
  await expect(form.locator('p.field-error[data-field="topics"]')).toBeVisible();
  await expect(form.getByLabel("Tên buổi tập huấn")).toHaveValue("Tập huấn cán bộ xã (kiểm thử)");
  await form.getByLabel("Nội dung").fill("Tổ chức đợt đánh giá trên hệ thống");
  await page.getByTestId("training-submit").click();
  await expect(page).toHaveURL(/\/trainings\/\d+$/);
  await hydrated(page);
  await expect(page.getByTestId("attendance-empty")).toBeVisible();

  // An account found by name; someone without an account by name, with a phone.
  await page.getByTestId("people-search").fill("Vi Văn");
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  const match = page.getByTestId("account-match").filter({ hasText: "Vi Văn Lăng" });
  await match.getByRole("button", { name: "Thêm" }).click();
  await expect(page.getByTestId("attendee")).toHaveCount(1);
  const byName = page.getByTestId("add-by-name");
  await byName.getByLabel("Họ và tên").fill("Nông Thị Hoa");
  await byName.getByLabel("Số điện thoại hoặc thư điện tử").fill("không nhớ");
  await page.getByTestId("add-person").click();
  await expect(byName.locator('p.field-error[data-field="contact"]')).toBeVisible();
  await expect(byName.getByLabel("Họ và tên")).toHaveValue("Nông Thị Hoa");
  await byName.getByLabel("Số điện thoại hoặc thư điện tử").fill("0912 000 111");
  await page.getByTestId("add-person").click();
  await expect(page.getByTestId("attendee")).toHaveCount(2);
  await expect(page.getByTestId("attendee").nth(1).getByTestId("no-account")).toBeVisible();

  // Ticks saved and kept after a reload.
  await page.getByTestId("attendee").first().getByRole("checkbox").check();
  await page.getByTestId("save-attendance").click();
  await expect(page.getByTestId("attendance-saved")).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("attendee").first().getByRole("checkbox")).toBeChecked();
  await expect(page.getByTestId("attendee").nth(1).getByRole("checkbox")).not.toBeChecked();

  // The sign-in sheet is a PDF.
  const href = await page.getByTestId("sign-in-sheet").getAttribute("href");
  const sheet = await page.request.get(href!);
  expect(sheet.status()).toBe(200);
  expect(sheet.headers()["content-type"]).toBe("application/pdf");
});

test("the adoption page's commune bar opens who does not use the system yet", async ({ browser }) => {
  test.setTimeout(60_000);
  const page = await (await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true })).newPage();
  await signIn(page, "so.nnmt@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/province");
  await page.getByTestId("entry-adoption").click();
  await expect(page).toHaveURL(/\/adoption$/);
  await hydrated(page);
  await expect(page.getByTestId("adoption-percent")).toContainText("%");
  const bar = page.getByTestId("commune-bar").first();
  await expect(bar).toBeVisible();
  const commune = (await bar.locator(".bar-label").textContent())!.trim();
  await bar.click();
  await expect(page).toHaveURL(/\/adoption\?commune=\d+#missing-list$/);
  await expect(page.getByTestId("missing-list")).toContainText(commune);
  // The furthest commune first: it has someone missing, each with the step they lack.
  await expect(page.getByTestId("missing-reason").first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(361);
  const csv = await page.request.get((await page.getByTestId("adoption-csv").getAttribute("href"))!);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("Còn thiếu");
});

test("a producer reads what their information lacks, with a link to fix each", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true })).newPage();
  // A member of a subject of the national list: its products have no photo or label yet
  // (thachden's password is changed by another test running beside this one).
  await signIn(page, "thanhvien.06529.1@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/producer/products");
  await hydrated(page);
  const gaps = page.getByTestId("info-gaps");
  await expect(gaps).toBeVisible();
  await gaps.getByTestId("completeness-rule").locator("summary").click();
  await expect(gaps.getByTestId("completeness-rule")).toContainText("365 ngày");
  const link = gaps.locator("ul.gap-list a").first();
  await expect(link).toBeVisible();
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/(producer|labels)\//);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(361);
});
