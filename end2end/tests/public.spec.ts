import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import jsQR from "jsqr";
import { PNG as PngFile } from "pngjs";
import { hydrated, signIn } from "./helpers";

/** A 2×2 PNG (the same picture as the dossier tests'). */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);

test("a product's Digital Link opens its public page with the certificate's standing; a wrong check digit gets a clear 400 page; machines get the link set", async ({ browser }) => {
  // The GTIN the demo gave one of Đồng Bành's certified products, as its member sees it.
  const producer = await (await browser.newContext()).newPage();
  await signIn(producer, "dongbanh@demo.vn");
  await expect(producer).not.toHaveURL(/\/login/);
  await producer.goto("/producer/products");
  await hydrated(producer);
  await producer.getByTestId("product-row").filter({ hasText: "★" }).first().getByRole("link").first().click();
  const gtin = await producer.locator("#gtin").inputValue();
  expect(gtin).toMatch(/^893\d{10}$/);

  // A visitor with no account scans the QR code.
  const visitor = await (await browser.newContext({ locale: "vi-VN" })).newPage();
  await visitor.goto(`/01/0${gtin}`);
  await expect(visitor).toHaveURL(/\/products\/\d+$/);
  await expect(visitor.getByTestId("product-gtin")).toHaveText(gtin);
  const standing = visitor.getByTestId("product-certificate");
  await expect(standing).toHaveAttribute("data-status", /^(valid|expiring|expired|revoked)$/);
  await expect(visitor.getByTestId("digital-link")).toContainText(`/01/0${gtin}`);
  const [png] = await Promise.all([visitor.waitForEvent("download"), visitor.getByTestId("qr-png").click()]);
  expect(png.suggestedFilename()).toMatch(/^qr-san-pham-\d+\.png$/);
  expect(readFileSync(await png.path()).subarray(1, 4).toString()).toBe("PNG");

  // A light page: HTML and the stylesheet, no script at all; in the visitor's language.
  await expect(visitor.locator("script")).toHaveCount(0);
  await expect(visitor.locator("html")).toHaveAttribute("lang", "vi");
  const english = await (await browser.newContext({ locale: "en-US" })).newPage();
  await english.goto(`/01/0${gtin}`);
  await expect(english.locator("html")).toHaveAttribute("lang", "en");
  await expect(english.getByTestId("lang-switch")).toHaveText("Tiếng Việt");
  await english.getByTestId("lang-switch").click();
  await expect(english.locator("html")).toHaveAttribute("lang", "vi");

  const last = Number(gtin.at(-1));
  const wrong = `/01/0${gtin.slice(0, -1)}${(last + 1) % 10}`;
  const bad = await visitor.goto(wrong);
  expect(bad?.status()).toBe(400);
  await expect(visitor.getByTestId("resolver-problem")).toContainText(`(${last})`);

  const linkset = await visitor.request.get(`/01/0${gtin}?linkType=linkset`);
  expect(linkset.status()).toBe(200);
  expect(linkset.headers()["content-type"]).toBe("application/linkset+json");
  const set = (await linkset.json()).linkset[0];
  expect(set.anchor).toMatch(new RegExp(`/01/0${gtin}$`));
  expect(set["https://gs1.org/voc/pip"][0].href).toMatch(/\/products\/\d+$/);
});

test("a producer records a lot with three events from the phone; its QR link opens the public timeline in order with a valid certificate, and after the certificate is revoked the same link shows the warning", async ({ browser }) => {
  // A long journey (three accounts, uploads, a PDF rendered and scanned): more than 30 s on a
  // busy 2-core machine.
  test.setTimeout(90_000);
  const producer = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  // Hữu Lũng's cooperative: its organic spinach holds a certificate valid today.
  await signIn(producer, "huulung@demo.vn");
  await expect(producer).not.toHaveURL(/\/login/);
  // A product of theirs whose certificate is valid today.
  await producer.goto("/producer/certificates");
  await hydrated(producer);
  const validRow = producer.locator('[data-testid="certificate-row"][data-status="valid"]').first();
  const number = (await validRow.locator("a").first().textContent())!.trim();
  const productName = (await validRow.locator("td").nth(1).evaluate((td) => td.firstChild?.textContent ?? ""))!.trim();
  await producer.goto("/producer/products");
  await hydrated(producer);
  await producer.getByTestId("product-row").filter({ hasText: productName }).first().getByRole("link").first().click();
  await producer.getByTestId("lots-link").click();
  await expect(producer).toHaveURL(/\/lots$/);
  await hydrated(producer);
  const code = `E2E-${Date.now() % 1_000_000}`;
  const form = producer.getByTestId("lot-form");
  // A code that cannot go into a QR link is refused; the form keeps what was typed.
  await form.getByLabel("Mã lô").fill("Lô một");
  await form.getByLabel("Ngày sản xuất").fill("2026-11-20");
  await form.getByTestId("create-lot").click();
  await expect(form.locator('[data-field="code"]')).toBeVisible();
  await expect(form.getByLabel("Ngày sản xuất")).toHaveValue("2026-11-20");
  await form.getByLabel("Mã lô").fill(code);
  await form.getByTestId("create-lot").click();
  await expect(producer).toHaveURL(/\/producer\/lots\/\d+$/);
  await expect(producer.getByTestId("lot-interactive")).toBeAttached();

  const steps: [string, string][] = [
    ["Thu hoạch", "2026-11-20T06:30"],
    ["Chế biến", "2026-11-21T08:00"],
    ["Đóng gói", "2026-11-22T15:00"],
  ];
  for (const [i, [kind, at]] of steps.entries()) {
    const event = producer.getByTestId("event-form");
    await event.getByLabel(kind, { exact: true }).check();
    await event.getByLabel("Thời gian").fill(at);
    await event.getByTestId("save-event").click();
    await expect(producer.getByTestId("timeline-event")).toHaveCount(i + 1);
    await expect(producer.getByTestId("lot-interactive")).toBeAttached();
  }
  // A photo on the harvest, taken on the phone.
  const harvest = producer.getByTestId("timeline-event").first();
  await harvest.locator("summary").click();
  await harvest.locator('input[type="file"]').setInputFiles({ name: "thu-hoach.png", mimeType: "image/png", buffer: PNG });
  await harvest.getByRole("button", { name: "Tải lên" }).click();
  await expect(producer.getByTestId("timeline-event").first().getByTestId("event-photo")).toHaveCount(1);
  const link = (await producer.getByTestId("lot-link").textContent())!.trim();
  expect(link).toContain(`/10/${code}`);

  // The timeline as EPCIS 2.0 JSON-LD, valid against GS1's schema (vendored in testdata/).
  const [epcis] = await Promise.all([
    producer.waitForEvent("download"),
    producer.getByTestId("lot-epcis").click(),
  ]);
  const document = JSON.parse(readFileSync(await epcis.path(), "utf8"));
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(join(__dirname, "../testdata/epcis/EPCISDocument.schema.json"), "utf8"));
  const valid = ajv.validate(schema, document);
  expect(ajv.errors ?? [], JSON.stringify(ajv.errors)).toEqual([]);
  expect(valid).toBe(true);
  expect(document.epcisBody.eventList.map((e: { type: string }) => e.type)).toEqual(["ObjectEvent", "ObjectEvent", "ObjectEvent"]);

  // The stamp sheet: a preview in the page, then the PDF.
  await producer.getByTestId("stamp-preview").click();
  await expect(producer.locator("iframe.stamp-preview")).toHaveAttribute("src", /stamps\.pdf\?size=40&count=16$/);
  await producer.getByLabel("Số tem").fill("20");
  const [sheet] = await Promise.all([
    producer.waitForEvent("download"),
    producer.getByTestId("stamp-pdf").click(),
  ]);
  expect(sheet.suggestedFilename()).toBe(`tem-qr-lo-${code}.pdf`);
  expect(readFileSync(await sheet.path()).subarray(0, 5).toString()).toBe("%PDF-");

  // "Scanning" the printed stamp: its first page rendered at 150 dpi by poppler's pdftoppm (as a
  // printer would), the first stamp's QR code decoded (jsQR, as a phone camera app would): it
  // carries the lot's Digital Link, and that link opens the trace page.
  const stamp = join(tmpdir(), `stamp-${code}`);
  execFileSync("pdftoppm", ["-r", "150", "-f", "1", "-l", "1", "-x", "40", "-y", "40", "-W", "240", "-H", "260", "-png", "-singlefile", await sheet.path(), stamp]);
  const picture = PngFile.sync.read(readFileSync(`${stamp}.png`));
  const scanned = jsQR(new Uint8ClampedArray(picture.data), picture.width, picture.height);
  expect(scanned?.data).toBe(link);

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(new URL(scanned!.data).pathname);
  await expect(visitor).toHaveURL(/\/lots\/\d+$/);
  await expect(visitor.getByTestId("lot-code")).toHaveText(code);
  await expect(visitor.getByTestId("timeline-event")).toHaveCount(3);
  const kinds = await visitor.getByTestId("timeline-event").evaluateAll((es) => es.map((e) => e.getAttribute("data-kind")));
  expect(kinds).toEqual(["harvest", "processing", "packing"]);
  await expect(visitor.getByTestId("timeline-event").first().getByTestId("event-photo")).toHaveCount(1);
  await expect(visitor.getByTestId("product-certificate")).toHaveAttribute("data-status", "valid");

  // The province revokes the certificate; the same QR link now warns.
  const province = await (await browser.newContext()).newPage();
  await signIn(province, "so.nnmt@demo.vn");
  await expect(province).not.toHaveURL(/\/login/);
  await province.goto(`/province/certificates?state=valid&q=${encodeURIComponent(number)}`);
  await hydrated(province);
  const row = province.getByTestId("certificate-row").filter({ hasText: number });
  await row.locator("summary").click();
  await row.getByLabel("Lý do thu hồi").fill("Kiểm tra thấy nhãn sai quy định (thử nghiệm)");
  await row.getByLabel("Số quyết định thu hồi").fill("99/QĐ-UBND");
  await row.getByLabel("Ngày thu hồi").fill("2026-11-30");
  // Asked first: a revocation cannot be undone.
  await row.getByTestId("list-revoke-start").click();
  await row.getByTestId("list-revoke-confirm").click();
  await expect(province.getByTestId("certificate-row").filter({ hasText: number })).toHaveCount(0);
  await visitor.goto(new URL(link).pathname);
  await expect(visitor.getByTestId("product-certificate")).toHaveAttribute("data-status", "revoked");
  await expect(visitor.getByTestId("product-certificate")).toHaveAttribute("role", "alert");
});

test("the public catalogue finds a product typed without diacritics; it is a light page", async ({ page }) => {
  await page.goto("/catalog");
  await expect(page.locator("script")).toHaveCount(0);
  const all = Number(await page.getByTestId("catalog-total").getAttribute("data-total"));
  expect(all).toBeGreaterThan(20);
  await page.getByTestId("catalog-q").fill("mat ong");
  await page.getByTestId("catalog-search").click();
  await expect(page).toHaveURL(/[?&]q=mat\+ong/);
  const found = Number(await page.getByTestId("catalog-total").getAttribute("data-total"));
  expect(found).toBeGreaterThan(0);
  expect(found).toBeLessThan(all);
  for (const name of await page.getByTestId("catalog-card").locator("strong").allTextContents()) {
    expect(name).toMatch(/Mật ong/i);
  }
  // The search is kept in the box; a card opens the product's page.
  await expect(page.getByTestId("catalog-q")).toHaveValue("mat ong");
  await page.getByTestId("catalog-card").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/products\/\d+$/);
  await expect(page.getByTestId("product-name")).toContainText("Mật ong");
});

test("the home page's count of products leads to the server's catalogue after the client has loaded", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await page.getByTestId("products").click();
  await expect(page).toHaveURL(/\/catalog$/);
  // Not the client's "page not found": the catalogue is a page of the server's own.
  await expect(page.getByTestId("catalog-total")).toBeVisible();
});

test("the province's best-known product is in the public catalogue whatever the day the demo was made", async ({ page }) => {
  // Na Chi Lăng's first certificate ran out; the demo renews it, its certificate running out
  // within weeks (app/src/seed/history.rs).
  await page.goto("/catalog?q=na+chi+lang");
  const card = page.getByTestId("catalog-card").filter({ hasText: "Na Chi Lăng" });
  await expect(card.first()).toBeVisible();
  await expect(card.first()).toContainText("HTX Dịch vụ và Sản xuất nông nghiệp Đồng Bành");
});

test("the catalogue links to the published results: each decided round lists its products with their stars and certificates", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true })).newPage();
  await page.goto("/catalog");
  await page.getByTestId("decisions-link").click();
  await expect(page).toHaveURL(/\/decisions$/);
  const rounds = page.getByTestId("decided-round");
  expect(await rounds.count()).toBeGreaterThan(0);
  await rounds.first().getByRole("link").click();
  await expect(page).toHaveURL(/\/decisions\/\d+$/);
  const rows = page.getByTestId("decision-product");
  expect(await rows.count()).toBeGreaterThan(0);
  // Highest stars first.
  const stars = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-stars"))));
  expect(stars).toEqual([...stars].sort((a, b) => b - a));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await rows.first().locator('a[href^="/certificates/"]').click();
  await expect(page.getByTestId("certificate-check")).toBeVisible();
});
