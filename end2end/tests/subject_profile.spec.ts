import { expect, test } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

test("a producer keeps the subject profile; bad input is told beside the field and the public page shows the result", async ({ page }) => {
  await signIn(page, "dongbanh@demo.vn");
  await expect(page).toHaveURL(/\/producer$/);
  await page.getByTestId("entry-profile").click();
  await expect(page).toHaveURL(/\/producer\/subject$/);
  await hydrated(page);
  const form = page.getByTestId("profile-form");
  await form.getByLabel("Mã số thuế / số đăng ký kinh doanh").fill("4900 555 111");
  await form.getByLabel("Trang web").fill("dongbanh-mien-dong");
  await form.getByLabel("Số lao động địa phương").fill("42");
  await form.getByLabel("Giới thiệu ngắn").fill("Miến dong làm thủ công từ củ dong riềng trồng tại xã.");
  await form.getByRole("button", { name: "Lưu hồ sơ" }).click();
  await expect(page.locator('.field-error[data-field="website"]')).toContainText("http://");
  await expect(form.getByLabel("Số lao động địa phương")).toHaveValue("42");

  // Coordinates typed the other way round are caught, with the hint's example under the field.
  await expect(page.locator("#tax-code-hint")).toContainText("CCCD 12 số");
  await expect(page.locator("#coordinates-hint")).toContainText("106.76");
  await form.getByLabel("Trang web").fill("https://dongbanh.example.vn");
  await form.getByLabel("Vĩ độ").fill("106.76");
  await form.getByLabel("Kinh độ").fill("21.85");
  await form.getByRole("button", { name: "Lưu hồ sơ" }).click();
  await expect(page.locator('.field-error[data-field="latitude"]')).toContainText("đổi chỗ");
  await expect(form.getByLabel("Kinh độ")).toHaveValue("21.85");
  await form.getByLabel("Vĩ độ").fill("21.85");
  await form.getByLabel("Kinh độ").fill("106.76");
  await form.getByRole("button", { name: "Lưu hồ sơ" }).click();
  await expect(page.getByTestId("profile-saved")).toBeVisible();
  await expect(form.getByLabel("Mã số thuế / số đăng ký kinh doanh")).toHaveValue("4900555111");

  await page.getByRole("link", { name: "Xem trang công khai" }).click();
  await expect(page.getByTestId("subject-introduction")).toContainText("củ dong riềng");
  await expect(page.getByTestId("subject-members")).toContainText("Lộc Văn Bành");
});
