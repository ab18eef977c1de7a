import { expect, test } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

test("a producer fills a label on the phone, sees each item checked as typed and the OCOP mark judged against the certificate, and uploads two artwork versions; the commune sees the result in the dossier", async ({ browser }) => {
  // A long journey (three accounts, uploads): more than the default 30 s on a busy 2-core machine.
  test.setTimeout(90_000);
  const producer = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  await signIn(producer, "dongbanh@demo.vn");
  await expect(producer).not.toHaveURL(/\/login/);
  await producer.goto("/producer/products");
  await hydrated(producer);
  await producer.getByTestId("product-row").filter({ hasText: "★" }).first().getByRole("link").first().click();
  await hydrated(producer);
  // Where to buy it, shown on the public page.
  const shop = `Cửa hàng đặc sản Đồng Bành, chợ Chi Lăng (${Date.now() % 10_000})`;
  await producer.getByTestId("points-of-sale").fill(`${shop}\nhttps://shop.example.vn/dongbanh`);
  await producer.getByRole("button", { name: "Lưu sản phẩm" }).click();
  await expect(producer.getByTestId("product-saved")).toBeVisible();
  const productId = new URL(producer.url()).pathname.split("/").pop();
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/products/${productId}`);
  await expect(visitor.getByTestId("points-of-sale").getByRole("listitem")).toHaveCount(2);
  await expect(visitor.getByTestId("points-of-sale")).toContainText(shop);
  // The demo label's content is public too.
  await expect(visitor.getByTestId("label-facts")).toContainText("Sản xuất tại");

  await producer.getByTestId("label-link").click();
  await expect(producer).toHaveURL(/\/labels\/\d+$/);
  await expect(producer.getByTestId("label-interactive")).toBeAttached();
  const productPath = new URL(producer.url()).pathname;

  // A date written year first is named at once, and passes once written day first.
  const made = producer.getByTestId("label-item-manufactured_on");
  // The way to write it is said before anything is typed.
  await expect(made.locator(".hint").first()).toContainText("dd-mm-yy");
  await made.getByRole("textbox").fill("NSX: 2026-11-20");
  await expect(made.getByTestId("item-status")).toHaveAttribute("data-status", "malformed");
  await expect(made.getByTestId("item-status")).toContainText("ngày-tháng-năm");
  await made.getByRole("textbox").fill("NSX: 20-11-2026");
  await expect(made.getByTestId("item-status")).toHaveAttribute("data-status", "present");
  const quantity = producer.getByTestId("label-item-net_quantity");
  await quantity.getByRole("textbox").fill("500");
  await expect(quantity.getByTestId("item-status")).toHaveAttribute("data-status", "malformed");
  await quantity.getByRole("textbox").fill("500 g");
  await expect(quantity.getByTestId("item-status")).toHaveAttribute("data-status", "present");

  // Five stars on the label: more than any provincial certificate gives — a warning.
  await producer.getByTestId("shows-mark").check();
  await producer.getByTestId("shown-stars").selectOption("5");
  await expect(producer.getByTestId("mark-check")).toHaveAttribute("data-mark", /^(stars_differ|expired|revoked|no_certificate)$/);
  await expect(producer.getByTestId("mark-check")).toHaveAttribute("role", "alert");
  // An artwork chosen before saving the label survives the save (the files load apart).
  const before = await producer.getByTestId("artwork").count();
  const upload = producer.getByTestId("upload-artwork");
  await upload.locator('input[type="file"]').setInputFiles({ name: "nhan-v1.png", mimeType: "image/png", buffer: PNG });
  const reloaded = producer.waitForResponse((r) => r.url().endsWith("/api/get_product_label"));
  await producer.getByTestId("save-label").click();
  await expect(producer.getByTestId("label-saved")).toBeVisible();
  await reloaded;
  // Saved: the page reloads with what was typed.
  await expect(made.getByRole("textbox")).toHaveValue("NSX: 20-11-2026");
  await expect(producer.getByTestId("shown-stars")).toHaveValue("5");
  expect(await upload.locator('input[type="file"]').evaluate((i: HTMLInputElement) => i.files?.[0]?.name)).toBe("nhan-v1.png");

  // Two artwork versions; the newest is current and the first is kept.
  await upload.getByRole("button", { name: "Tải lên" }).click();
  await expect(producer.getByTestId("artwork")).toHaveCount(before + 1);
  await upload.locator('input[type="file"]').setInputFiles({ name: "nhan-v2.png", mimeType: "image/png", buffer: PNG });
  await upload.getByRole("button", { name: "Tải lên" }).click();
  await expect(producer.getByTestId("artwork")).toHaveCount(before + 2);
  const versions = producer.getByTestId("artwork-version");
  await expect(versions.first()).toHaveText(/^v\d+$/);
  const numbers = await versions.allTextContents();
  expect(numbers.length).toBeGreaterThanOrEqual(2);
  expect(Number(numbers[0].slice(1))).toBe(Number(numbers[1].slice(1)) + 1);

  // Chi Lăng's officer reads the same label, and its result in a dossier.
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, "xa.chilang@demo.vn");
  await expect(officer).not.toHaveURL(/\/login/);
  await officer.goto(productPath);
  await hydrated(officer);
  await expect(officer.getByTestId("label-items")).toBeVisible();
  await expect(officer.getByTestId("label-form")).toHaveCount(0);
  await expect(officer.getByTestId("mark-check")).toHaveAttribute("data-mark", /^(stars_differ|expired|revoked|no_certificate)$/);
  await officer.goto("/commune/dossiers");
  await hydrated(officer);
  await officer.getByTestId("dossier-row").first().getByRole("link").first().click();
  await expect(officer.getByTestId("dossier-label")).toBeVisible();
  await expect(officer.getByTestId("dossier-label").getByTestId("mark-check")).toBeVisible();

  // Another commune's officer may not open it.
  const stranger = await (await browser.newContext()).newPage();
  await signIn(stranger, "xa.trangdinh@demo.vn");
  await expect(stranger).not.toHaveURL(/\/login/);
  await stranger.goto(productPath);
  await hydrated(stranger);
  await expect(stranger.getByTestId("label-form")).toHaveCount(0);
  await expect(stranger.getByTestId("label-items")).toHaveCount(0);
});

test("the province keeps the label checklist as master data: a new item is added and listed", async ({ page }) => {
  await signIn(page, "so.nnmt@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/admin/label-checklist");
  await hydrated(page);
  await expect(page.getByTestId("checklist-row-ethanol")).toBeVisible();
  const form = page.getByTestId("checklist-new");
  const code = `e2e_${Date.now() % 1_000_000}`;
  await form.getByTestId("new-code").fill(code);
  await form.getByLabel("Tên (tiếng Việt)").fill("Thông tin thử nghiệm");
  await form.getByLabel("Tên (tiếng Anh)").fill("Test item");
  // Tourism services: no product label in the other tests depends on it.
  await form.getByLabel("Nhóm sản phẩm").fill("VI; I");
  await form.getByLabel("Thứ tự").fill("99");
  await form.getByRole("button").click();
  await expect(form.locator('.field-error[data-field="groups"]')).toBeVisible();
  await expect(form.getByLabel("Tên (tiếng Việt)")).toHaveValue("Thông tin thử nghiệm");
  await form.getByLabel("Nhóm sản phẩm").fill("VI");
  await form.getByRole("button").click();
  await expect(page.getByTestId(`checklist-row-${code}`)).toBeVisible();
});

/** A 2×2 PNG (the same picture as the dossier tests'). */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);
