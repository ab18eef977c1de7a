import { expect, test } from "@playwright/test";
import { hydrated } from "./helpers";

// The units page is still one of App's (whole_app.rs), whose switch needs no reload.
test("language switch changes the text without a reload, and the choice survives a reload", async ({ page }) => {
  await page.goto("/units");
  await hydrated(page);
  await expect(page.locator("h1")).toHaveText("Đơn vị hành chính và nhóm sản phẩm");
  // A value on window survives only if the page is not reloaded.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("h1")).toHaveText("Administrative units and product groups");
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

  await page.reload();
  await expect(page.locator("h1")).toHaveText("Administrative units and product groups");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await hydrated(page);
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("h1")).toHaveText("Đơn vị hành chính và nhóm sản phẩm");
});

test("client-side navigation loads the units page through a server function", async ({ page }) => {
  await page.goto("/register");
  await hydrated(page);
  await page.getByRole("navigation").getByRole("link", { name: /Đơn vị hành chính/ }).click();
  await expect(page).toHaveURL(/\/units$/);
  await expect(page.getByTestId("units-count")).toHaveText(/^65 /);
});
