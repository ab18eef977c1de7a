import { expect, test } from "@playwright/test";
import { hydrated } from "./helpers";

test("search ignores Vietnamese diacritics", async ({ page }) => {
  await page.goto("/units");
  await hydrated(page);
  const search = page.getByLabel(/Tìm theo tên/);
  await search.fill("trang dinh");
  await search.press("Enter");
  await expect(page).toHaveURL(/q=trang\+dinh/);
  await expect(page.getByTestId("units-table")).toContainText("Tràng Định");
  await expect(page.getByTestId("units-count")).toHaveText(/^1 /);
  // The box keeps what the user typed.
  await expect(search).toHaveValue("trang dinh");
});

test("former districts filter and empty result", async ({ page }) => {
  await page.goto("/units");
  await hydrated(page);
  await page.getByLabel(/Huyện, thành phố cũ/).check();
  await expect(page).toHaveURL(/level=districts/);
  await expect(page.getByTestId("units-count")).toHaveText(/^11 /);
  await expect(page.getByTestId("units-table")).toContainText("Đình Lập");

  const search = page.getByLabel(/Tìm theo tên/);
  await search.fill("khong co xa nay");
  await search.press("Enter");
  await expect(page.getByTestId("units-empty")).toBeVisible();
});

test("product group tree lists the six groups", async ({ page }) => {
  await page.goto("/units");
  await expect(page.locator(".group-tree").first()).toContainText("Thực phẩm tươi sống");
  await expect(page.locator(".group-tree").first()).toContainText("Sinh vật cảnh");
});

test("readable on a 360 px phone: nothing wider than the screen", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/", "/units"]) {
    await page.goto(path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(360);
  }
});
