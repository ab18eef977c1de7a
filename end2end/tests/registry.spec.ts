import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

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
