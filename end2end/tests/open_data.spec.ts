import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { hydrated, signIn } from "./helpers";

// Issue 26: a partner reads the documentation, an administrator gives them a token, and they
// sync the certified products with plain HTTP; the resolver describes itself.

test("an administrator gives a partner a token, the partner reads with it, and a revoked token is refused", async ({ page, request }) => {
  await signIn(page, "quantri@demo.vn");
  await page.getByTestId("entry-api-tokens").click();
  await expect(page).toHaveURL(/\/admin\/api-tokens$/);
  await hydrated(page);
  const note = `Hệ thống OCOP quốc gia ${Date.now()}`;
  await page.getByTestId("token-note").fill(note);
  await page.getByTestId("scope-private").check();
  // A day too far ahead: refused at the field, the note kept.
  await page.getByTestId("token-expires").fill("2099-01-01");
  await page.getByTestId("token-submit").click();
  await expect(page.locator('.field-error[data-field="expires_on"]')).toContainText("hai năm");
  await expect(page.getByTestId("token-note")).toHaveValue(note);
  const nextYear = new Date(Date.now() + 300 * 86400_000).toISOString().slice(0, 10);
  await page.getByTestId("token-expires").fill(nextYear);
  await page.getByTestId("token-submit").click();
  const secret = (await page.getByTestId("token-secret").inputValue()).trim();
  // The form is emptied, so a second press does not make a second token by mistake.
  await expect(page.getByTestId("token-note")).toHaveValue("");
  expect(secret).toMatch(/^ocop_[0-9a-f]{64}$/);
  const row = page.getByTestId("token-row").filter({ hasText: note });
  await expect(row).toHaveAttribute("data-state", "active");

  // The partner, with plain HTTP.
  const auth = { Authorization: `Bearer ${secret}` };
  const dossiers = await request.get("/open/v1/private/dossiers", { headers: auth });
  expect(dossiers.status()).toBe(200);
  expect(Array.isArray((await dossiers.json()).data)).toBe(true);
  expect((await request.get("/open/v1/private/dossiers")).status()).toBe(401);
  // A sync: every page followed, then only what changed since.
  let cursor = "";
  const seen = new Set<number>();
  let since = "";
  for (;;) {
    const page = await (await request.get(`/open/v1/products?limit=20${cursor}`, { headers: auth })).json();
    for (const p of page.data) {
      expect(seen.has(p.id)).toBe(false);
      seen.add(p.id);
    }
    since ||= page.next_changed_since;
    if (!page.next_cursor) break;
    cursor = `&cursor=${page.next_cursor}`;
  }
  expect(seen.size).toBeGreaterThan(0);
  const changed = await request.get(`/open/v1/products?changed_since=${encodeURIComponent(since)}`, { headers: auth });
  expect(changed.status()).toBe(200);

  // Revoked after confirming: refused from then on.
  await page.reload();
  await hydrated(page);
  const again = page.getByTestId("token-row").filter({ hasText: note });
  await expect(again).toContainText("lần gọi");
  await again.getByTestId("token-revoke-start").click();
  await again.getByTestId("token-revoke-confirm").click();
  await expect(page.getByTestId("token-row").filter({ hasText: note })).toHaveAttribute("data-state", "revoked");
  const refused = await request.get("/open/v1/products", { headers: auth });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).detail).toContain("thu hồi");
});

test("a provincial officer cannot manage tokens", async ({ page }) => {
  await signIn(page, "so.nnmt@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/admin/api-tokens");
  await hydrated(page);
  await expect(page.getByTestId("token-secret")).toHaveCount(0);
  await expect(page.locator(".error-box:not([hidden])").first()).toBeVisible();
  await expect(page.getByTestId("token-form")).toHaveCount(0);
});

test("a partner reads the documentation and the document; the resolver describes itself", async ({ page, request }) => {
  await page.goto("/open/v1/docs");
  // In the browser's language (this one asks for English first).
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^(API dữ liệu mở|Open data API)$/);
  await expect(page.getByText("GET /open/v1/products", { exact: true })).toBeVisible();
  await expect(page.getByTestId("bulk-columns")).toContainText("certificate_number");
  const document = await request.get("/open/v1/openapi.json");
  expect((await document.json()).openapi).toBe("3.1.0");
  const described = await (await request.get("/.well-known/gs1resolver")).json();
  expect(described.supportedPrimaryKeys).toEqual(["01"]);
  const csv = await request.get("/open/v1/bulk/products.csv");
  expect(csv.headers()["content-type"]).toContain("text/csv");
});

test("the EPCIS event query answers documents valid against GS1's EPCIS 2.0 schema", async ({ request }) => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(join(__dirname, "../testdata/epcis/EPCISDocument.schema.json"), "utf8"));
  // Every certified product with a GTIN: the events of all its lots, by its Digital Link.
  const products = (await (await request.get("/open/v1/products?limit=200")).json()).data;
  const linked = products.filter((p: { digital_link: string | null }) => p.digital_link).slice(0, 5);
  expect(linked.length).toBeGreaterThan(0);
  let events = 0;
  for (const p of linked) {
    const answer = await request.get(`/open/v1/epcis/events?MATCH_epcClass=${encodeURIComponent(p.digital_link)}`);
    expect(answer.status()).toBe(200);
    const document = await answer.json();
    const valid = ajv.validate(schema, document);
    expect(ajv.errors ?? [], JSON.stringify(ajv.errors)).toEqual([]);
    expect(valid).toBe(true);
    expect(document.type).toBe("EPCISQueryDocument");
    events += document.epcisBody.queryResults.resultsBody.eventList.length;
  }
  expect(events, "the demo's lots have events").toBeGreaterThan(0);
});
