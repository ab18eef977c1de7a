import { readFileSync } from "node:fs";
import { expect, type Locator, test } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

/** Opens a folded form by its summary, unless it is already open. */
async function open(details: Locator) {
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator("summary").click();
}

test("a commune officer lists, searches and exports their commune's products and subjects on a phone", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })).newPage();
  await signIn(page, "xa.chilang@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await hydrated(page);
  await page.getByTestId("entry-registry").click();
  await expect(page).toHaveURL(/\/registry\/products$/);
  await hydrated(page);
  await expect(page.getByTestId("registry-scope")).toHaveText("Chi Lăng");
  // No choice of commune for a commune officer; the list is theirs.
  await expect(page.getByTestId("registry-commune")).toHaveCount(0);
  const total = Number(await page.getByTestId("registry-total").getAttribute("data-total"));
  expect(total).toBeGreaterThan(0);
  // Diacritics optional.
  await page.getByTestId("registry-q").fill("na chi lang");
  await page.getByTestId("registry-apply").click();
  await expect(page).toHaveURL(/q=na/);
  await expect(page.getByTestId("registry-product").first()).toContainText("Na Chi Lăng");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("registry-export").click()]);
  expect(download.suggestedFilename()).toMatch(/^san-pham-ocop-06463-.*\.xlsx$/);
  expect(readFileSync(await download.path()).subarray(0, 2).toString()).toBe("PK");
  // Nothing sticks out of a 360 px screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByRole("link", { name: "Xem sổ chủ thể →" }).click();
  await expect(page).toHaveURL(/\/registry\/subjects$/);
  await expect(page.getByTestId("registry-subject").first()).toBeVisible();
  // A producer is refused the registry.
  const producer = await (await browser.newContext()).newPage();
  await signIn(producer, "dongbanh@demo.vn");
  await expect(producer).not.toHaveURL(/\/login/);
  await producer.goto("/registry/products");
  await expect(producer.getByTestId("registry-products")).toHaveCount(0);
  expect((await producer.request.get("/registry/products.xlsx")).status()).toBe(403);
});

test("on a phone the province sets a subject inactive and active again and moves it to another commune; the commune may correct but not move", async ({ browser }) => {
  const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
  const page = await (await browser.newContext(phone)).newPage();
  // The page once broke while hydrating (a resource inside another's suspense): none of that.
  const panics: string[] = [];
  page.on("console", (m) => {
    if (m.text().includes("panicked")) panics.push(m.text());
  });
  await signIn(page, "so.nnmt@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/registry/subjects?q=lua+vy");
  await hydrated(page);
  await page.getByTestId("registry-subject").first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/registry\/subjects\/\d+$/);
  await hydrated(page);
  const state = page.getByTestId("subject-state");
  await expect(state).toHaveAttribute("data-status", "active");

  // Inactive, after a confirmation, with the reason in its history.
  await open(page.getByTestId("status-details"));
  await page.getByTestId("status-reason").fill("Tạm ngừng sản xuất (kiểm thử)");
  await page.getByTestId("status-start").click();
  await page.getByTestId("status-confirm").click();
  await expect(state).toHaveAttribute("data-status", "inactive");
  await expect(page.getByTestId("subject-history").locator("li").first()).toContainText("Tạm ngừng sản xuất (kiểm thử)");
  await open(page.getByTestId("status-details"));
  await page.getByTestId("status-reason").fill("Sản xuất lại");
  await page.getByTestId("status-start").click();
  await page.getByTestId("status-confirm").click();
  await expect(state).toHaveAttribute("data-status", "active");

  // Moved to Vạn Linh: the page says the new commune and the history says from where.
  await open(page.getByTestId("move-details"));
  await page.getByTestId("move-commune").selectOption("06505");
  await page.getByTestId("move-reason").fill("Sắp xếp địa giới (kiểm thử)");
  await page.getByTestId("move-start").click();
  await page.getByTestId("move-confirm").click();
  await expect(state).toContainText("Vạn Linh");
  await expect(page.getByTestId("subject-history").locator("li").first()).toHaveAttribute("data-action", "subject.move");
  await expect(page.getByTestId("subject-history").locator("li").first()).toContainText("Quan Sơn");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(panics).toEqual([]);

  // A commune officer sees the correction forms of their own subjects, but no move.
  const commune = await (await browser.newContext(phone)).newPage();
  await signIn(commune, "xa.chilang@demo.vn");
  await expect(commune).not.toHaveURL(/\/login/);
  await commune.goto("/registry/subjects");
  await hydrated(commune);
  await commune.getByTestId("registry-subject").first().getByRole("link").first().click();
  await expect(commune).toHaveURL(/\/registry\/subjects\/\d+$/);
  await hydrated(commune);
  await expect(commune.getByTestId("profile-form")).toBeVisible();
  await expect(commune.getByTestId("move-details")).toHaveCount(0);
});
