import { expect, test } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

test("a producer adds a product; a wrong GTIN check digit is told beside the field; the product is listed", async ({ page }) => {
  await signIn(page, "dongbanh@demo.vn");
  await expect(page).toHaveURL(/\/producer$/);
  await page.getByTestId("entry-products").click();
  await expect(page).toHaveURL(/\/producer\/products$/);
  await page.getByTestId("new-product").click();
  await expect(page).toHaveURL(/\/producer\/products\/new$/);
  await hydrated(page);
  const form = page.getByTestId("product-form");
  await form.getByLabel("Tên sản phẩm").fill("Miến dong sợi nhỏ (thử)");
  await form.getByLabel("Nhóm / phân nhóm sản phẩm").selectOption("I.3");
  await form.getByLabel("Khối lượng / thể tích tịnh").fill("500 g");
  await form.getByLabel("Giá bán thấp nhất (đồng)").fill("45.000");
  await form.getByLabel("Mã số mã vạch (GTIN), nếu có").fill("8934588012227");
  await form.getByLabel("Câu chuyện sản phẩm").fill("Củ dong riềng trồng trên đồi, làm thủ công.");
  await form.getByRole("button", { name: "Lưu sản phẩm" }).click();
  await expect(page.locator('.field-error[data-field="gtin"]')).toContainText("Chữ số kiểm tra");
  await expect(form.getByLabel("Tên sản phẩm")).toHaveValue("Miến dong sợi nhỏ (thử)");

  await form.getByLabel("Mã số mã vạch (GTIN), nếu có").fill("8934588012228");
  await form.getByRole("button", { name: "Lưu sản phẩm" }).click();
  await expect(page).toHaveURL(/\/producer\/products\/\d+$/);
  await expect(page.getByTestId("product-title")).toHaveText("Miến dong sợi nhỏ (thử)");
  await expect(page.getByTestId("product-form").getByLabel("Giá bán thấp nhất (đồng)")).toHaveValue("45000");

  await page.goto("/producer/products");
  await expect(page.getByTestId("product-row").filter({ hasText: "Miến dong sợi nhỏ (thử)" })).toHaveCount(1);
});

test("an official opening a producer's products page is refused", async ({ page }) => {
  await signIn(page, "xa.trangdinh@demo.vn");
  await expect(page).toHaveURL(/\/commune$/);
  const response = await page.goto("/producer/products");
  expect(response?.status()).toBe(403);
});
