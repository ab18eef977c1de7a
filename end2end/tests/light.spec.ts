// Light pages (app/src/pages.rs): rendered by the server, with only their islands run from the
// light client. They hydrate and work when reached from a page of the whole client and back,
// and a client that cannot be downloaded leaves a readable page that says so and can retry.
import { expect, test } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

test("from a whole-client page to a light work area and back, each hydrates and works", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (/\/pkg\/.*\.wasm$/.test(new URL(r.url()).pathname)) scripts.push(new URL(r.url()).pathname);
  });
  await signIn(page, "dongbanh@demo.vn");
  await expect(page).toHaveURL(/\/producer$/);
  await hydrated(page);
  expect(scripts.every((s) => s.startsWith("/pkg/light/")), `the light client only: ${scripts}`).toBe(true);

  // A page still in App: the whole client.
  await page.getByTestId("entry-products").click();
  await expect(page).toHaveURL(/\/producer\/products$/);
  await hydrated(page);
  expect(scripts.some((s) => !s.startsWith("/pkg/light/")), "the whole client for a page in App").toBe(true);

  // Back to the light work area through App's header link: loaded from the server, hydrated.
  await page.getByTestId("work-area").click();
  await expect(page).toHaveURL(/\/producer$/);
  await expect(page.getByTestId("entry-products")).toBeVisible();
  await hydrated(page);

  // The light page's island works: the language switch reloads the page in English.
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("lang-switch")).toHaveText("Tiếng Việt");
  await hydrated(page);
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
});

test("the public home page is light: the light client only, its figures from the server, its switch a link", async ({ page }) => {
  const wasm: string[] = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith(".wasm")) wasm.push(path);
  });
  await page.goto("/");
  await hydrated(page);
  await expect(page.getByTestId("figures")).toBeVisible();
  expect(wasm.length).toBeGreaterThan(0);
  expect(wasm.every((p) => p.startsWith("/pkg/light/")), `the light client only: ${wasm}`).toBe(true);
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("h1")).toHaveText("OCOP products of Lạng Sơn province");
  await hydrated(page);
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("h1")).toHaveText("Sản phẩm OCOP tỉnh Lạng Sơn");
  // App's pages are still reached from it (the units page, through the header).
  await page.getByRole("navigation").getByRole("link", { name: /Đơn vị hành chính/ }).click();
  await expect(page).toHaveURL(/\/units$/);
  await expect(page.getByTestId("units-count")).toHaveText(/^65 /);
});

test("a client that cannot be downloaded leaves the page readable, says so, and retries", async ({ page }) => {
  await page.route(/\/pkg\/light\/.*\.wasm$/, (route) => route.abort("internetdisconnected"));
  await page.goto("/login");
  await expect(page.locator("h1")).toHaveText("Đăng nhập");
  const failed = page.getByTestId("client-failed");
  await expect(failed).toBeVisible({ timeout: 20_000 });
  await expect(failed).toContainText("Không tải được phần tương tác của trang");
  await expect(page.locator("body")).not.toHaveAttribute("data-hydrated", "true");

  await page.unroute(/\/pkg\/light\/.*\.wasm$/);
  await failed.getByRole("button", { name: "Tải lại / Reload" }).click();
  await hydrated(page);
  await expect(failed).toBeHidden();
});
