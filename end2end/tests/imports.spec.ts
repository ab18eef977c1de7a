import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

// The template's headers, as an officer who fills it and saves it as CSV sends them (the
// workbook path itself is covered by the service tests, which write real .xlsx files).
const HEADER = "Tên sản phẩm;Nhóm sản phẩm;Chủ thể;Loại hình;Mã số thuế;Xã/phường;Huyện;Số sao;Số quyết định;Ngày quyết định";

function list(stars: string, suffix: string): string {
  return [
    HEADER,
    `Mật ong rừng nhập ${suffix};I.1.a;HTX Ong nhập ${suffix};HTX;;xã Chi Lăng;huyện Chi Lăng;4;1501/QĐ-UBND;20/11/2025`,
    `Trà hoa vàng nhập ${suffix};I.1.a;HTX Ong nhập ${suffix};HTX;;Chi Lang;;${stars};1502/QĐ-UBND;21/11/2025`,
    "Tổng cộng;2 sản phẩm",
  ].join("\n");
}

test("the province downloads the template, sees the one error of a file, fixes it, imports, finds the products in the catalogue and the dashboard, and undoes it", async ({ page }) => {
  test.setTimeout(90_000);
  const suffix = `e2e ${Date.now() % 100_000}`;
  await signIn(page, "so.nnmt@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await hydrated(page);
  await page.getByTestId("entry-imports").click();
  await expect(page).toHaveURL(/\/admin\/imports$/);
  await hydrated(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("import-template").click()]);
  expect(download.suggestedFilename()).toBe("mau-nhap-du-lieu-ocop.xlsx");
  expect(readFileSync(await download.path()).subarray(0, 2).toString()).toBe("PK");

  // Six stars: the preview names the row and the column, and nothing can be imported.
  const upload = page.getByTestId("upload-import");
  await upload.locator('input[type="file"]').setInputFiles({ name: "ds-ocop.csv", mimeType: "text/csv", buffer: Buffer.from(list("6", suffix)) });
  await upload.getByRole("button", { name: "Tải lên" }).click();
  await expect(page).toHaveURL(/\/admin\/imports\/\d+$/);
  await expect(page.getByTestId("total-error")).toContainText("1");
  const wrong = page.locator('[data-testid="import-row"][data-verdict="error"]');
  await expect(wrong).toHaveCount(1);
  await expect(wrong).toHaveAttribute("data-row", "3");
  await expect(wrong.getByTestId("row-problem")).toContainText("Số sao: “6” không phải hạng sao OCOP");
  await expect(page.getByTestId("import-commit")).toHaveCount(0);

  // Fixed and uploaded again: two new rows; the import is confirmed.
  await page.goto("/admin/imports");
  await hydrated(page);
  await upload.locator('input[type="file"]').setInputFiles({ name: "ds-ocop-da-sua.csv", mimeType: "text/csv", buffer: Buffer.from(list("3", suffix)) });
  await upload.getByRole("button", { name: "Tải lên" }).click();
  await expect(page).toHaveURL(/\/admin\/imports\/\d+$/);
  await hydrated(page);
  await expect(page.getByTestId("total-new")).toContainText("2");
  await expect(page.getByTestId("total-skipped")).toContainText("1");
  await expect(page.getByTestId("import-creates")).toContainText("1 chủ thể, 2 sản phẩm, 2 giấy chứng nhận");
  page.once("dialog", (d) => d.accept());
  await page.getByTestId("import-commit").click();
  await expect(page.getByTestId("import-done")).toBeVisible();
  await expect(page.getByTestId("import-state")).toHaveAttribute("data-state", "imported");

  // The public catalogue lists them; the dashboard counts them.
  const visitor = await page.context().browser()!.newPage();
  await visitor.goto(`/catalog?q=${encodeURIComponent(`nhap ${suffix}`)}`);
  await expect(visitor.getByTestId("catalog-total")).toHaveAttribute("data-total", "2");
  await visitor.close();
  await page.goto("/dashboard?commune=06463&stars=4");
  await hydrated(page);
  await expect(page.getByTestId("dashboard-products")).toContainText(`Mật ong rừng nhập ${suffix}`);

  // Undone as a whole: the catalogue no longer has them.
  await page.goBack();
  await hydrated(page);
  page.once("dialog", (d) => d.accept());
  await page.getByTestId("import-undo").click();
  await expect(page.getByTestId("import-undone")).toBeVisible();
  const after = await page.request.get(`/catalog?q=${encodeURIComponent(`nhap ${suffix}`)}`);
  expect(await after.text()).toContain('data-total="0"');
});
