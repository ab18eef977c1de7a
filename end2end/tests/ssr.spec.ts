import { expect, test } from "@playwright/test";

// With JavaScript off, every page must still come complete from the server.
test.use({ javaScriptEnabled: false });

test("home page renders server-side with live figures", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("h1")).toHaveText("Sản phẩm OCOP tỉnh Lạng Sơn");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  // Lạng Sơn's 65 communes and wards, and any the master-data journey adds meanwhile (the
  // specs share one database).
  await expect(page.getByTestId("communes")).toHaveText(/^6[5-9]$/);
  // Products certified today, counted as the catalogue counts them (issue 19): the figure
  // links to the catalogue, which finds as many.
  const products = Number(await page.getByTestId("products").innerText());
  expect(products).toBeGreaterThan(50);
  expect(products).toBeLessThan(250);
  await page.getByTestId("products").click();
  await expect(page).toHaveURL(/\/catalog$/);
  // Equal (app/tests/demo.rs proves it); a test beside this one may revoke a certificate between
  // the two page loads.
  const listed = Number(await page.getByTestId("catalog-total").getAttribute("data-total"));
  expect(Math.abs(listed - products)).toBeLessThanOrEqual(1);
});

test("units search works without JavaScript", async ({ page }) => {
  await page.goto("/units");
  await page.getByLabel(/Tìm theo tên/).fill("trang dinh");
  await page.getByRole("button", { name: "Tìm" }).click();
  await expect(page).toHaveURL(/q=trang\+dinh/);
  await expect(page.getByTestId("units-table")).toContainText("Tràng Định");
  await expect(page.getByTestId("units-count")).toHaveText(/^1 /);
  // The server-rendered form keeps what the user typed and chose.
  await expect(page.getByLabel(/Tìm theo tên/)).toHaveValue("trang dinh");
  await expect(page.getByLabel(/Xã, phường/)).toBeChecked();
});

test("too long a search gets a clear message and keeps the text", async ({ page }) => {
  const long = "x".repeat(150);
  await page.goto(`/units?q=${long}`);
  await expect(page.getByRole("alert")).toContainText("Nội dung quá dài");
  await expect(page.getByLabel(/Tìm theo tên/)).toHaveValue(long);
});

test("unknown address gives a 404 page", async ({ page }) => {
  const response = await page.goto("/khong-co-trang-nay");
  expect(response?.status()).toBe(404);
  await expect(page.locator("h1")).toHaveText("Không tìm thấy trang");
});
