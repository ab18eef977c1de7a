import { expect, type Page } from "@playwright/test";

/** Waits until the wasm client has hydrated the page (the App sets this marker in an effect). */
export async function hydrated(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}
