import { expect, type Page } from "@playwright/test";

/** Waits until the wasm client has hydrated the page (the App sets this marker in an effect). */
export async function hydrated(page: Page) {
  // Compiling the 4 MB client takes a few seconds on these 2-core machines while the other
  // worker and the server are busy too: allow longer than a plain expectation.
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
}

/** The one password of every demo account (see README). */
export const PASSWORD = "thu-nghiem-2026";

/** Signs in on /login with a login (email or phone) and password. */
export async function signIn(page: Page, login: string, password = PASSWORD) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email hoặc số điện thoại").fill(login);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
}
