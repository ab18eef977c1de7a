import { expect, test } from "@playwright/test";
import { hydrated } from "./helpers";

test("language switch changes the text without a reload, and the choice survives a reload", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await expect(page.locator("h1")).toHaveText("Sản phẩm OCOP tỉnh Lạng Sơn");
  // A value on window survives only if the page is not reloaded.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("h1")).toHaveText("OCOP products of Lạng Sơn province");
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

  await page.reload();
  await expect(page.locator("h1")).toHaveText("OCOP products of Lạng Sơn province");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await hydrated(page);
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("h1")).toHaveText("Sản phẩm OCOP tỉnh Lạng Sơn");
});

test("client-side navigation loads the units page through a server function", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await page.getByRole("navigation").getByRole("link", { name: /Đơn vị hành chính/ }).click();
  await expect(page).toHaveURL(/\/units$/);
  await expect(page.getByTestId("units-count")).toHaveText(/^65 /);
});
