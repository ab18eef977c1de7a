import { expect, type Locator, type Page, test } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

/** Opens a folded part by its summary, unless it is already open. */
async function open(details: Locator) {
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator("summary").click();
  await expect(details).toHaveJSProperty("open", true);
}

/** Fails the test on any panic in the browser's console (a hydration break, say). */
function watchPanics(page: Page): string[] {
  const panics: string[] = [];
  page.on("console", (m) => {
    if (m.text().includes("panicked")) panics.push(m.text());
  });
  return panics;
}

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

// Only rows of its own are changed (a new commune, a new sub-group, a new document for
// tourism services): the other specs share the database.
test("on a phone the province adds a commune, renames it keeping the earlier name, ends it into another, and adds, changes and retires a dossier document", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })).newPage();
  const panics = watchPanics(page);
  await signIn(page, "so.nnmt@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await hydrated(page);
  await page.getByTestId("entry-master-data").click();
  await expect(page).toHaveURL(/\/admin\/master-data$/);
  await hydrated(page);

  // A code already taken: said under the field, and what was typed stays.
  const add = page.getByTestId("add-unit");
  await open(add);
  await add.getByLabel("Mã (5 chữ số)").fill("06463");
  await add.getByLabel("Tên", { exact: true }).fill("Tân Thử");
  await add.getByLabel("Hiệu lực từ ngày").fill("2026-01-01");
  await add.getByRole("button", { name: "Lưu" }).click();
  await expect(add.locator('.field-error[data-field="code"]')).toHaveText("Mã này đã có.");
  await expect(add.getByLabel("Tên", { exact: true })).toHaveValue("Tân Thử");
  await add.getByLabel("Mã (5 chữ số)").fill("06998");
  await add.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByTestId("master-saved")).toBeVisible();
  const row = page.getByTestId("unit-06998");
  await expect(row).toContainText("xã Tân Thử");
  // The list narrows as one types, without diacritics.
  await page.getByTestId("unit-filter").fill("tan thu");
  await expect(page.getByTestId("unit-06463")).toBeHidden();
  await expect(row).toBeVisible();
  await expect(row).toContainText("hiệu lực từ 01/01/2026");

  // Renamed from today: a ward now, the commune's name kept with its dates.
  await open(row.getByTestId("unit-edit"));
  const rename = row.getByTestId("rename-unit-form");
  await rename.getByLabel("Tên mới").fill("Tân Thử Mới");
  await rename.getByLabel("Loại").selectOption("phường");
  await rename.getByLabel("Áp dụng từ ngày").fill(today());
  await rename.getByRole("button", { name: "Lưu" }).click();
  await expect(row).toContainText("phường Tân Thử Mới");
  await expect(row.getByTestId("versions")).toContainText("xã Tân Thử");
  await expect(row.getByTestId("versions")).toContainText("01/01/2026");

  // Ended into Chi Lăng, after a confirmation.
  await open(row.getByTestId("unit-edit"));
  const end = row.getByTestId("retire-unit-form");
  await end.getByTestId("successor").selectOption("06463");
  await end.getByTestId("retire-unit-start").click();
  await expect(end.getByText("Xác nhận kết thúc?", { exact: false })).toBeVisible();
  await end.getByTestId("retire-unit-confirm").click();
  await expect(row).toContainText("Kết thúc sau ngày");
  await expect(row).toContainText("sáp nhập vào xã Chi Lăng (06463)");
  await expect(row.getByTestId("unit-edit")).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Groups follow the national decision: the province reads them.
  await page.getByTestId("tab-groups").click();
  await expect(page.getByTestId("groups-readonly")).toBeVisible();
  await expect(page.getByTestId("group-I.1.a")).toBeVisible();
  await expect(page.getByTestId("group-edit")).toHaveCount(0);

  // A supporting document for tourism services, changed the day it began (a correction), then
  // retired after today.
  await page.getByTestId("tab-checklist").click();
  const addItem = page.getByTestId("add-item");
  await open(addItem);
  await addItem.getByLabel("Mã (chữ thường không dấu, số, dấu gạch dưới)").fill("e2e_ban_do");
  await addItem.getByLabel("Tên tiếng Việt").fill("Bản đồ điểm du lịch");
  await addItem.getByLabel("Tên tiếng Anh").fill("Map of the tourist site");
  await addItem.getByLabel("Áp dụng cho nhóm", { exact: false }).fill("VI");
  await addItem.getByLabel("Bắt buộc").uncheck();
  await addItem.getByRole("button", { name: "Lưu" }).click();
  const item = page.getByTestId("item-e2e_ban_do");
  await expect(item).toContainText("Bản đồ điểm du lịch");
  await expect(item).toContainText("Bổ trợ");
  await open(item.getByTestId("item-edit"));
  await item.getByTestId("item-form").getByLabel("Tên tiếng Việt").fill("Bản đồ khu, điểm du lịch");
  await item.getByTestId("item-form").getByRole("button", { name: "Lưu" }).click();
  await expect(item).toContainText("Bản đồ khu, điểm du lịch");
  await open(item.getByTestId("item-edit"));
  const retire = item.getByTestId("retire-item-form");
  await retire.getByTestId("retire-item-start").click();
  await retire.getByTestId("retire-item-confirm").click();
  await expect(item).toContainText("Thôi dùng sau ngày");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(panics).toEqual([]);
});

test("the administrator adds a sub-group, renames it and retires it; a commune officer is refused the page", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  const panics = watchPanics(page);
  await signIn(page, "quantri@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/admin/master-data?tab=groups");
  await hydrated(page);
  const parent = page.getByTestId("group-I.1");
  await open(parent.getByTestId("group-edit"));
  const sub = parent.getByTestId("add-group-form");
  await sub.getByLabel("Mã nhóm con (ví dụ I.1.c)").fill("I.1.c");
  await sub.getByLabel("Tên tiếng Việt").fill("Nấm tươi");
  await sub.getByLabel("Tên tiếng Anh").fill("Fresh mushrooms");
  await sub.getByLabel("Hiệu lực từ ngày").fill("2026-01-01");
  await sub.getByRole("button", { name: "Lưu" }).click();
  const row = page.getByTestId("group-I.1.c");
  await expect(row).toContainText("Nấm tươi");
  await open(row.getByTestId("group-edit"));
  const rename = row.getByTestId("rename-group-form");
  await rename.getByLabel("Tên tiếng Việt").fill("Nấm, mộc nhĩ tươi");
  await rename.getByLabel("Áp dụng từ ngày").fill(today());
  await rename.getByRole("button", { name: "Lưu" }).click();
  await expect(row).toContainText("Nấm, mộc nhĩ tươi");
  await expect(row.getByTestId("versions")).toContainText("Nấm tươi");
  // The parent cannot be retired while the sub-group is in use.
  await open(parent.getByTestId("group-edit"));
  await parent.getByTestId("retire-group-form").getByTestId("retire-group-start").click();
  await parent.getByTestId("retire-group-form").getByTestId("retire-group-confirm").click();
  await expect(parent.getByTestId("retire-group-form")).toContainText("còn nhóm con đang dùng");
  await open(row.getByTestId("group-edit"));
  await row.getByTestId("retire-group-form").getByTestId("retire-group-start").click();
  await row.getByTestId("retire-group-form").getByTestId("retire-group-confirm").click();
  await expect(row).toContainText("Thôi dùng sau ngày");
  expect(panics).toEqual([]);

  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, "xa.chilang@demo.vn");
  await expect(officer).not.toHaveURL(/\/login/);
  await officer.goto("/admin/master-data");
  await hydrated(officer);
  await expect(officer.getByTestId("unit-rows")).toHaveCount(0);
});

test("the province opens a review of 2021–2025 with its figures year by year, and a 2024 report laid out by district", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  const panics = watchPanics(page);
  await signIn(page, "so.nnmt@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/admin/report-settings");
  await hydrated(page);
  const form = page.getByTestId("add-custom");
  await form.getByLabel("Loại báo cáo").selectOption("review");
  await form.getByLabel("Tên báo cáo").fill("Tổng kết OCOP giai đoạn 2021–2025");
  await form.locator('input[name="input[starts_on]"]').fill("2021-07-01");
  await form.locator('input[name="input[ends_on]"]').fill("2025-12-31");
  await form.locator('input[name="input[due_on]"]').fill("2026-01-15");
  await form.getByRole("button", { name: "Thêm báo cáo" }).click();
  // Not whole years: said under the end date, what was typed kept.
  await expect(form.locator('.field-error[data-field="ends_on"]')).toContainText("năm trọn vẹn");
  await expect(form.getByLabel("Tên báo cáo")).toHaveValue("Tổng kết OCOP giai đoạn 2021–2025");
  await form.locator('input[name="input[starts_on]"]').fill("2021-01-01");
  await form.getByRole("button", { name: "Thêm báo cáo" }).click();
  await page.getByTestId("custom-added").getByRole("link").click();
  await expect(page).toHaveURL(/\/reports\/\d+\/20$/);
  await hydrated(page);
  await expect(page.getByTestId("report-title")).toContainText("Tổng kết OCOP giai đoạn 2021–2025");
  const years = page.getByTestId("table-by_year");
  await expect(years.locator("thead th")).toHaveText(["", "2021", "2022", "2023", "2024", "2025", "Cả giai đoạn"]);
  await expect(page.getByTestId("unit-note")).toContainText("01/07/2025");

  await page.goto("/reports");
  await hydrated(page);
  await page.locator('[data-testid="period-row"][data-kind="annual"][data-year="2024"]').getByRole("link").first().click();
  await hydrated(page);
  await expect(page.getByRole("heading", { name: /Tổng hợp theo huyện, thành phố/ })).toBeVisible();
  await expect(page.getByTestId("table-communes").locator("tbody tr")).toHaveCount(12);
  // Today's communes did not report for 2024: a note instead of their list.
  await expect(page.getByTestId("communes-note")).toContainText("cấp huyện");
  await expect(page.getByTestId("commune-statuses")).toHaveCount(0);

  // The dashboard of 2024 offers the districts of the time.
  await page.goto("/dashboard?year=2024");
  await hydrated(page);
  await expect(page.getByTestId("filter-commune").locator("option")).toHaveCount(12);
  await expect(page.getByTestId("filter-commune")).toContainText("huyện Tràng Định");
  expect(panics).toEqual([]);
});
