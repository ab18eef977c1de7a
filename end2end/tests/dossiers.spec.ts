import { expect, test, type Browser, type Page } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

/** A one-page PDF, enough for the server's content check. */
function pdf(title: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${title}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

/** A 2×2 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);

async function as(browser: Browser, login: string, viewport?: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  await signIn(page, login);
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

async function upload(page: Page, item: string, name: string, body: Buffer, mimeType = "application/pdf") {
  const form = page.getByTestId(`upload-${item}`);
  await form.locator('input[type="file"]').setInputFiles({ name, mimeType, buffer: body });
  await form.getByRole("button", { name: "Tải lên" }).click();
}

/** Waits until the dossier page's islands are hydrated (its forms then answer in place). */
async function ready(page: Page) {
  await hydrated(page);
}

/**
 * Runs `change` and waits until the page has fetched the dossier again and put it in place
 * (each rendering of a dossier is numbered).
 */
async function reloadedAfter(page: Page, change: () => Promise<void>) {
  const head = page.locator(".dossier-head");
  const before = (await head.getAttribute("data-loaded")) ?? "";
  await change();
  await expect(head).not.toHaveAttribute("data-loaded", before);
}

async function state(page: Page, expected: string) {
  await expect(page.getByTestId("dossier-state").first()).toHaveAttribute("data-state", expected);
}

test("a producer adds a product with photos and files a dossier; the commune returns it; it is resubmitted, pre-assessed and forwarded; the province sees it", async ({ browser }) => {
  test.setTimeout(120_000);
  const product = `Na bở hồ sơ ${Date.now() % 100000}`;

  // The producer adds a product and opens a dossier for it.
  const producer = await as(browser, "dongbanh@demo.vn");
  await producer.goto("/producer/products/new");
  await hydrated(producer);
  const productForm = producer.getByTestId("product-form");
  await productForm.getByLabel("Tên sản phẩm").fill(product);
  await productForm.getByLabel("Nhóm / phân nhóm sản phẩm").selectOption("I.1.a");
  await productForm.getByRole("button", { name: "Lưu sản phẩm" }).click();
  await expect(producer).toHaveURL(/\/producer\/products\/\d+$/);
  await hydrated(producer);
  for (const name of ["na-1.png", "na-2.png"]) {
    const photoForm = producer.getByTestId("upload-photo");
    await photoForm.locator('input[type="file"]').setInputFiles({ name, mimeType: "image/png", buffer: PNG });
    await photoForm.getByRole("button", { name: "Tải lên" }).click();
    await expect(producer.getByTestId("photo").filter({ has: producer.locator(`img[alt="${name}"]`) })).toHaveCount(1);
  }
  await expect(producer.getByTestId("cover-badge")).toHaveCount(1);
  await producer.goto("/producer/dossiers");
  await hydrated(producer);
  const newDossier = producer.getByTestId("new-dossier");
  await newDossier.getByLabel("Sản phẩm").selectOption({ label: product });
  await newDossier.getByRole("button", { name: "Lập hồ sơ" }).click();
  await expect(producer).toHaveURL(/\/dossiers\/\d+$/);
  await ready(producer);
  const dossierUrl = producer.url();
  await state(producer, "draft");

  // Submitting too early is refused with the reason; the form is then filled in.
  await producer.getByTestId("action-Submit").click();
  await expect(producer.locator('.field-error[data-field="annual_output"]')).toBeVisible();
  const form = producer.getByTestId("dossier-form");
  await form.getByLabel("Sản lượng/năm").fill("3 tấn/năm");
  await form.getByLabel("Doanh thu năm trước (triệu đồng)").fill("650");
  await form.getByLabel("Số lao động").fill("9");
  await form.getByLabel("Nguồn nguyên liệu").fill("Vườn na của hợp tác xã");
  await form.getByLabel("Thị trường tiêu thụ").fill("Lạng Sơn, Hà Nội");
  await reloadedAfter(producer, () => form.getByRole("button", { name: "Lưu phiếu" }).click());
  await expect(producer.getByTestId("form-saved")).toBeVisible();

  // A renamed program is refused, whatever its name says.
  await upload(producer, "registration_form", "phieu-dang-ky.pdf", Buffer.from("MZ\x90\x00 not a pdf"));
  await expect(producer.getByTestId("upload-registration_form").locator(".field-error")).toContainText("Chỉ nhận PDF");

  for (const item of ["registration_form", "business_plan", "organisation_profile", "business_registration", "product_samples"]) {
    await upload(producer, item, `${item}.pdf`, pdf(item));
    await expect(producer.getByTestId(`item-${item}`).getByTestId("document")).toHaveCount(1);
  }
  await expect(producer.getByTestId("completeness")).toHaveAttribute("data-percent", "100");
  await producer.getByTestId("action-Submit").click();
  await state(producer, "submitted");

  // The commune officer finds it in the inbox, comments on an item and returns it.
  const officer = await as(browser, "xa.chilang@demo.vn");
  await officer.goto("/commune/dossiers?state=submitted");
  await hydrated(officer);
  await officer.getByTestId("dossier-row").filter({ hasText: product }).getByRole("link").first().click();
  await expect(officer).toHaveURL(dossierUrl);
  await ready(officer);
  const planItem = officer.getByTestId("item-business_plan");
  await expect(planItem.getByTestId("document-link")).toHaveAttribute("href", /\/files\/\d+$/);
  const commentBox = planItem.getByTestId("comment-business_plan").locator("textarea");
  await commentBox.fill("Phương án thiếu số liệu thị trường.");
  await expect(commentBox).toHaveValue("Phương án thiếu số liệu thị trường.");
  await planItem.getByRole("button", { name: "Gửi ý kiến" }).click();
  await expect(planItem.getByTestId("comment")).toHaveCount(1);
  await officer.getByLabel("Ghi chú / lý do").fill("Đề nghị bổ sung phương án kinh doanh.");
  await officer.getByTestId("action-Return").click();
  await state(officer, "returned");
  // A document opens in the page's own viewer (only this site may frame it; nothing is typed
  // after, as the viewer takes the keyboard once loaded).
  await officer.getByTestId("item-business_plan").getByTestId("document").first().locator("summary").click();
  await expect.poll(() => officer.frames().some((f) => /\/files\/\d+$/.test(f.url()))).toBe(true);

  // The producer sees the comment, supplements and resubmits.
  await producer.goto(dossierUrl);
  await ready(producer);
  await state(producer, "returned");
  await expect(producer.getByTestId("item-business_plan").getByTestId("comment")).toContainText("thiếu số liệu");
  await upload(producer, "business_plan", "phuong-an-bo-sung.pdf", pdf("bo sung"));
  await expect(producer.getByTestId("item-business_plan").getByTestId("document")).toHaveCount(2);
  await producer.getByTestId("action-Resubmit").click();
  await state(producer, "resubmitted");

  // The officer sees what changed, pre-assesses, marks it checked and forwards it.
  await officer.goto(dossierUrl);
  await ready(officer);
  await expect(officer.getByTestId("versions").getByTestId("change").first()).toContainText("phuong-an-bo-sung.pdf");
  const assessment = officer.getByTestId("assessment-form");
  for (const code of ["raw_materials", "labour", "idea_origin", "local_identity"]) {
    const criterion = assessment.getByTestId(`criterion-${code}`);
    await criterion.getByLabel("Đạt", { exact: true }).check();
    await criterion.getByLabel("Lý do").fill("Đạt theo thực tế kiểm tra tại xã.");
  }
  await reloadedAfter(officer, () => assessment.getByRole("button", { name: "Lưu đánh giá" }).click());
  await expect(officer.getByTestId("assessment-saved")).toBeVisible();
  await officer.getByTestId("action-MarkChecked").click();
  await state(officer, "checked");
  await officer.getByTestId("report-link").click();
  await expect(officer.getByTestId("assessment-report")).toContainText(product);
  await officer.goto("/commune/dossiers?state=checked");
  await hydrated(officer);
  await officer.getByTestId("dossier-row").filter({ hasText: product }).getByTestId("select-dossier").check();
  await officer.getByLabel("Tờ trình / ý kiến đề xuất của xã").fill("UBND xã đề xuất tỉnh đánh giá sản phẩm.");
  await officer.getByTestId("forward-submit").click();
  await expect(officer.getByTestId("forward-done")).toBeVisible();

  // The provincial officer sees it among the forwarded dossiers, with the proposal.
  const province = await as(browser, "so.nnmt@demo.vn");
  await province.goto("/province/dossiers");
  await hydrated(province);
  await province.getByTestId("dossier-row").filter({ hasText: product }).getByRole("link").first().click();
  await state(province, "forwarded");
  await expect(province.getByText("UBND xã đề xuất tỉnh đánh giá sản phẩm.")).toBeVisible();

  // The producer was told along the way.
  await producer.goto("/notifications");
  await expect(producer.getByTestId("notification").filter({ hasText: product }).first()).toBeVisible();
});

test("on a phone the commune's inbox and a demo dossier fit the screen", async ({ browser }) => {
  const officer = await as(browser, "xa.chilang@demo.vn", { width: 390, height: 844 });
  await officer.goto("/commune/dossiers");
  await hydrated(officer);
  await expect(officer.getByTestId("dossier-row").first()).toBeVisible();
  const fits = () => officer.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
  expect(await fits()).toBe(true);
  await officer.getByTestId("dossier-row").first().getByRole("link").first().click();
  await expect(officer.getByTestId("checklist")).toBeVisible();
  expect(await fits()).toBe(true);
});

test("another commune's officer cannot open Chi Lăng's dossier; a producer cannot fetch another's file", async ({ browser }) => {
  const officer = await as(browser, "xa.chilang@demo.vn");
  await officer.goto("/commune/dossiers");
  await hydrated(officer);
  await officer.getByTestId("dossier-row").first().getByRole("link").first().click();
  await expect(officer).toHaveURL(/\/dossiers\/\d+$/);
  const url = officer.url();
  const fileHref = await officer.getByTestId("document-link").first().getAttribute("href");
  const other = await as(browser, "xa.trangdinh@demo.vn");
  const response = await other.goto(url);
  expect(response?.status()).toBe(403);
  // A member of a Hữu Lũng subject (a demo account made with the demo dossiers).
  const stranger = await as(browser, "thanhvien.06385.1@demo.vn");
  const file = await stranger.request.get(fileHref!);
  expect(file.status()).toBe(404);
});
