// Help and guided tours (issue 24): a first-time producer sees their tour, leaves it at step 2
// and it does not come back after a reload; the help panels open on a phone-sized screen; the
// tour can be taken again on request; a role's printable guide is a PDF.
import { test, expect } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

test("a first-time producer leaves the tour at step 2 and it stays gone; help opens on a phone", async ({ browser }) => {
  test.setTimeout(60_000);
  const page = await (await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true })).newPage();
  // The demo's producer who has never signed in.
  await signIn(page, "huulung@demo.vn");
  await expect(page).toHaveURL(/\/producer$/);
  await hydrated(page);
  const tour = page.getByTestId("tour");
  await expect(tour).toHaveAttribute("data-step", "1");
  // The page behind stays usable: the card takes clicks on its own controls only.
  await expect(page.getByTestId("next-steps")).toBeVisible();
  await tour.getByTestId("tour-next").click();
  await expect(page).toHaveURL(/tour=2/);
  await hydrated(page);
  await expect(tour).toHaveAttribute("data-step", "2");
  // Leaving is a plain form: the server remembers it and answers with the home again.
  await tour.getByTestId("tour-close").click();
  await expect(page).toHaveURL(/\/producer$/);
  await expect(page.getByTestId("tour")).toHaveCount(0);
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("next-steps")).toBeVisible();
  await expect(page.getByTestId("tour")).toHaveCount(0);

  // The home's help panel, and the tour again on request.
  const help = page.getByTestId("help-panel");
  await help.locator("summary").click();
  await expect(help.locator("ol li").first()).toBeVisible();
  await help.getByTestId("start-tour").click();
  await expect(page.getByTestId("tour")).toHaveAttribute("data-step", "1");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(361);

  // Another screen's panel, in the whole client.
  await page.goto("/producer/products");
  await hydrated(page);
  const products = page.getByTestId("help-panel");
  await products.locator("summary").click();
  await expect(products.locator("ol li").first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(361);
});

test("a role's quick guide is a printable PDF", async ({ request }) => {
  const guide = await request.get("/help/guides/producer.pdf");
  expect(guide.status()).toBe(200);
  expect(guide.headers()["content-type"]).toBe("application/pdf");
  expect((await guide.body()).subarray(0, 4).toString()).toBe("%PDF");
  expect((await request.get("/help/guides/nobody.pdf")).status()).toBe(404);
});
