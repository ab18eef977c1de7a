import { expect, test, type Page } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

/**
 * Records every Content-Security-Policy violation the browser reports on the page, from its
 * first byte (the listener is installed before any of the page's own scripts run).
 */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  const logged: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) logged.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  return async () => {
    const events = await page.evaluate(
      () => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [],
    );
    return [...events, ...logged];
  };
}

test("the policy is in force: a script slipped into the page does not run and is reported", async ({ page }) => {
  const violations = await recordViolations(page);
  await page.goto("/");
  await hydrated(page);
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.injected = true";
    document.body.append(script);
  });
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  await expect.poll(violations).not.toEqual([]);
});

test("no page of the public, a producer or the province breaks the policy", async ({ page }) => {
  const violations = await recordViolations(page);
  const visit = async (path: string, hydrates = true) => {
    await page.goto(path);
    if (hydrates) await hydrated(page);
    expect(await violations(), `on ${path}`).toEqual([]);
  };
  for (const path of ["/", "/units", "/login", "/register"]) await visit(path);
  // Light pages (no client code): the catalogue and the QR pages.
  for (const path of ["/catalog", "/products/1", "/lots/1"]) await visit(path, false);

  await signIn(page, "dongbanh@demo.vn");
  await expect(page).toHaveURL(/\/producer$/);
  for (const path of ["/producer", "/producer/products", "/producer/dossiers", "/producer/certificates"]) {
    await visit(path);
  }
  await page.context().clearCookies();
  await signIn(page, "so.nnmt@demo.vn");
  await expect(page).toHaveURL(/\/province$/);
  for (const path of ["/province", "/province/rounds", "/dashboard", "/reports", "/admin/audit"]) {
    await visit(path);
  }
});
