import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { communePeriods, lastNineMonthYear, periodRow, today } from "./demo-calendar";
import { hydrated, signIn } from "./helpers";

// The reporting cycle on the demo data: Chi Lăng's last report (the half-year 2026 report, for
// a demo made in December 2026) is the one the demo leaves unwritten. The commune writes and
// submits it; the province accepts it and downloads it as XLSX and PDF.
test("a commune submits its overdue report and the province accepts and downloads it", async ({ browser }) => {
  test.setTimeout(120_000);
  const { last } = communePeriods();
  const commune = await (await browser.newContext()).newPage();
  await signIn(commune, "xa.chilang@demo.vn");
  await expect(commune).not.toHaveURL(/\/login/);
  await commune.goto("/reports");
  await hydrated(commune);
  await expect(commune.getByTestId("report-scope")).toHaveText("Chi Lăng");
  const half = commune.locator(periodRow(last));
  await expect(half.getByTestId("standing")).toHaveText("Chưa nộp (quá hạn)");
  // The nine-month report is the Department's own: communes have none.
  await expect(commune.locator('[data-testid="period-row"][data-kind="nine_month"]')).toHaveCount(0);
  await half.getByRole("link").click();
  await expect(commune.getByTestId("report-title")).toContainText(last.title);
  await hydrated(commune);
  await expect(commune.getByTestId("table-certified")).toBeVisible();
  await expect(commune.getByTestId("chart-stars")).toBeVisible();
  await expect(commune.getByTestId("report-state")).toHaveAttribute("data-state", "draft");

  // Submitting without results is refused; what was typed stays.
  await commune.getByTestId("difficulties").fill("Chi phí kiểm nghiệm cao.");
  await commune.getByTestId("submit-start").click();
  await commune.getByTestId("submit-report").click();
  await expect(commune.locator(".field-error, [role=alert]").first()).toBeVisible();
  await expect(commune.getByTestId("difficulties")).toHaveValue("Chi phí kiểm nghiệm cao.");

  await commune.getByTestId("results").fill("Xã hướng dẫn 3 chủ thể hoàn thiện hồ sơ OCOP.");
  await commune.getByTestId("proposals").fill("Hỗ trợ kinh phí tem truy xuất.");
  await commune.getByTestId("save-report").click();
  await expect(commune.getByRole("status")).toContainText("Đã lưu");
  await commune.getByTestId("submit-start").click();
  await commune.getByTestId("submit-report").click();
  await expect(commune.getByTestId("report-state")).toHaveAttribute("data-state", "submitted");
  await expect(commune.getByTestId("figures-basis")).toContainText("đã được chốt");
  await expect(commune.getByTestId("sections-read")).toContainText("hoàn thiện hồ sơ OCOP");

  // The province sees Chi Lăng's report submitted (late: it was due before the period ended)
  // and accepts it.
  const province = await (await browser.newContext()).newPage();
  await signIn(province, "so.nnmt@demo.vn");
  await expect(province).not.toHaveURL(/\/login/);
  await province.goto("/reports");
  await hydrated(province);
  const nine = province.locator(periodRow({ kind: "nine_month", year: lastNineMonthYear() }));
  await expect(nine.getByTestId("standing")).toHaveText("Đã nộp đúng hạn");
  await expect(nine).toContainText("Sở (báo cáo UBND tỉnh)");
  await province.locator(periodRow(last)).getByRole("link").click();
  const row = province.locator('[data-testid="commune-status"][data-code="06463"]');
  await expect(row.getByTestId("standing")).toHaveText("Nộp muộn");
  await row.getByRole("link").click();
  await expect(province.getByTestId("report-title")).toContainText("Chi Lăng");
  await hydrated(province);
  await province.getByTestId("accept-report").click();
  await expect(province.getByTestId("report-state")).toHaveAttribute("data-state", "accepted");
  await expect(province.getByTestId("accepted-note")).toBeVisible();

  const [xlsx] = await Promise.all([
    province.waitForEvent("download"),
    province.getByTestId("download-xlsx").click(),
  ]);
  expect(xlsx.suggestedFilename()).toBe(`bao-cao-${last.kind}-${last.year}-06463.xlsx`);
  expect(readFileSync(await xlsx.path()).subarray(0, 2).toString()).toBe("PK");
  const [pdf] = await Promise.all([
    province.waitForEvent("download"),
    province.getByTestId("download-pdf").click(),
  ]);
  expect(pdf.suggestedFilename()).toBe(`bao-cao-${last.kind}-${last.year}-06463.pdf`);
  expect(readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe("%PDF-");

  // The commune sees the province's decision.
  await commune.reload();
  await expect(commune.getByTestId("report-state")).toHaveAttribute("data-state", "accepted");
});

test("another commune cannot open Chi Lăng's report", async ({ page }) => {
  await signIn(page, "xa.trangdinh@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/reports");
  await hydrated(page);
  const href = await page.locator(periodRow(communePeriods().beforeLast)).getByRole("link").getAttribute("href");
  await page.goto(href!.replace("06046", "06463"));
  await expect(page.getByRole("alert")).toContainText("không có quyền");
});

test("a dashboard filter changes the tiles and charts without reloading the page", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "so.nnmt@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/dashboard");
  await hydrated(page);
  const valid = page.getByTestId("tile-valid").getByTestId("tile-value");
  const before = Number(await valid.textContent());
  expect(before).toBeGreaterThan(0);
  // A marker on the window survives only if the page is not reloaded.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByTestId("filter-stars").selectOption("4");
  await expect(page).toHaveURL(/stars=4/);
  await expect(valid).not.toHaveText(String(before));
  const four = Number(await valid.textContent());
  expect(four).toBeLessThan(before);
  await expect(page.locator('[data-testid="chart-by_stars"] [data-key="3"]')).toHaveAttribute("data-value", "0");
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

  // Clicking a commune's bar narrows everything to that commune, still without a reload.
  const bar = page.locator('[data-testid="chart-by_commune"] .chart-bar').first();
  const code = await bar.getAttribute("data-key");
  const count = await bar.getAttribute("data-value");
  await bar.click();
  await expect(page).toHaveURL(new RegExp(`commune=${code}`));
  await expect(page.getByTestId("product-count")).toHaveText(count!);
  await expect(page.getByTestId("filter-commune")).toHaveValue(code!);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

  // Back returns to the filters before the bar was clicked.
  await page.goBack();
  await expect(page).not.toHaveURL(/commune=/);
  await expect(page.getByTestId("filter-commune")).toHaveValue("");
  await expect(page.getByTestId("filter-stars")).toHaveValue("4");
  await expect(valid).toHaveText(String(four));
});

test("switching to English relabels the dashboard's charts, tiles and to-do list", async ({ page }) => {
  await signIn(page, "so.nnmt@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/dashboard");
  await hydrated(page);
  const states = page.getByTestId("chart-by_state");
  await expect(states).toContainText("Đang đánh giá");
  await page.getByTestId("lang-switch").click();
  await expect(states).toContainText("In evaluation");
  await expect(states).not.toContainText("Đang đánh giá");
  await expect(page.getByTestId("chart-by_type")).not.toContainText("Hợp tác xã");
  await expect(page.getByTestId("actions")).toContainText("Dossiers forwarded to the province");
});

test("the dashboard and a report fit a 360 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, "so.nnmt@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/dashboard");
  await hydrated(page);
  await expect(page.getByTestId("tiles")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.goto("/reports");
  await hydrated(page);
  await page.locator(periodRow(communePeriods().beforeLast)).getByRole("link").click();
  await expect(page.getByTestId("table-communes")).toBeVisible();
  // Wide tables scroll inside their frame; the page itself does not.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test("the province changes a due date and sets a commune's target", async ({ page }) => {
  await signIn(page, "so.nnmt@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/admin/report-settings");
  await hydrated(page);
  // Next year's annual period: no demo report is in it.
  const next = today().getUTCFullYear() + 1;
  const annual = page.getByTestId(`period-annual-${next}`);
  // An end before the start is refused beside the field; what was typed stays.
  await annual.locator('input[name="ends_on"]').fill(`${next - 1}-12-31`);
  await annual.getByTestId("save-period").click();
  await expect(annual.locator(".field-error")).toBeVisible();
  await expect(annual.locator('input[name="ends_on"]')).toHaveValue(`${next - 1}-12-31`);
  await annual.locator('input[name="ends_on"]').fill(`${next}-12-31`);
  await annual.getByTestId("due-on").fill(`${next}-12-05`);
  await annual.getByTestId("save-period").click();
  await expect(annual.locator(".field-error")).toHaveCount(0);
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId(`period-annual-${next}`).getByTestId("due-on")).toHaveValue(`${next}-12-05`);

  const target = page.getByTestId("target-new");
  // A year out of range gets the server's own words beside the field (the form does not let
  // the browser answer in its language); what was typed stays.
  await target.locator('input[name="year"]').fill("1990");
  await target.getByTestId("target-new-3star").fill("5");
  await target.getByTestId("target-national").fill("1");
  await target.getByTestId("save-target").click();
  await expect(target.locator('.field-error[data-field="year"]')).toHaveText("Năm phải từ 2019 đến 2100.");
  await expect(target.locator('input[name="year"]')).toHaveValue("1990");
  await target.locator('input[name="year"]').fill(String(next));
  await target.getByTestId("target-scope").selectOption("06463");
  await target.getByTestId("target-new-3star").fill("5");
  await target.getByTestId("target-national").fill("1");
  await target.getByTestId("save-target").click();
  await expect(page.getByTestId(`target-${next}-06463`).getByTestId("target-new-3star")).toHaveValue("5");
});
