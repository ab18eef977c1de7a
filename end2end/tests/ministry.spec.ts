import { expect, test } from "@playwright/test";
import { today } from "./demo-calendar";
import { hydrated, signIn } from "./helpers";

test("on a phone the province records the Ministry's 5★ for the demo's proposed product, and the check page and the product follow", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })).newPage();
  await signIn(page, "so.nnmt@demo.vn");
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/province/certificates");
  await hydrated(page);
  await page.getByRole("link", { name: "Chờ kết quả của Bộ" }).click();
  await expect(page).toHaveURL(/state=national/);
  // The rows of the tab left stay shown until the new ones arrive, and a form opened on one of
  // them would be closed when they are replaced.
  await expect(page.locator('[data-testid="certificates"][data-state="national"]')).toBeVisible();
  // The proposal of the demo's last decided round (90 points or more) awaits the Ministry: its
  // row holds the form. The round's journey (rounds.spec.ts, run beside this test) may list more
  // certificates here once it is decided, newest decision first: the last one awaiting an
  // answer is the demo's, answered here (answering the round's would supersede the
  // certificate that journey then checks).
  const rows = page.getByTestId("certificate-row");
  const awaiting = rows.filter({ has: page.getByTestId("ministry-details") });
  await expect(awaiting.first()).toBeVisible();
  const number = (await awaiting.last().locator("a").first().textContent())!.trim();
  const row = rows.filter({ has: page.getByRole("link", { name: number, exact: true }) });
  await expect(row).toHaveCount(1);
  await row.getByTestId("ministry-details").locator("summary").click();
  const form = row.getByTestId("ministry-form");
  await form.getByLabel("Số quyết định của Bộ").fill("1234/QĐ-BNNMT");
  // A date before the province's own decision: said at the field, what was typed kept.
  await form.getByLabel("Ngày quyết định của Bộ").fill("2020-01-01");
  // Asked to confirm first: a certificate may be issued in the Ministry's name.
  await form.getByTestId("ministry-start").click();
  await expect(form.getByText("Ghi kết quả này?", { exact: false })).toBeVisible();
  await form.getByTestId("ministry-confirm").click();
  await expect(form.locator('.field-error[data-field="date"]')).toContainText("Ngày quyết định của Bộ phải từ ngày quyết định của tỉnh");
  await expect(form.getByLabel("Số quyết định của Bộ")).toHaveValue("1234/QĐ-BNNMT");
  await form.getByLabel("Ngày quyết định của Bộ").fill(today().toISOString().slice(0, 10));
  await expect(form.getByLabel("Hạng sao Bộ công nhận")).toHaveValue("5");
  await form.getByTestId("ministry-confirm").click();
  await expect(page.getByTestId("ministry-saved")).toBeVisible();
  // It leaves the list of those awaiting the Ministry.
  await expect(row).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The province's certificate is replaced and says what the Ministry decided; the product
  // now shows five stars, and its new certificate says who issued it.
  await page.goto(`/certificates/${number}`);
  await expect(page.getByTestId("certificate-check")).toHaveAttribute("data-status", "superseded");
  await expect(page.getByTestId("ministry-answer")).toContainText("1234/QĐ-BNNMT");
  // It leads to the certificate that replaced it.
  await expect(page.getByTestId("replaced-by")).toBeVisible();
  await page.getByTestId("certificate-product").click();
  await expect(page).toHaveURL(/\/products\/\d+$/);
  await expect(page.getByTestId("product-name")).toBeVisible();
  await expect(page.locator('[data-stars="5"]').first()).toBeVisible();
  // Newest decision first: the Ministry's certificate of today leads the list in force.
  await page.goto("/province/certificates?state=valid");
  await hydrated(page);
  const issued = page.getByTestId("certificate-row").filter({ has: page.getByTestId("by-ministry") });
  await expect(issued).toHaveCount(1);
  await expect(issued.getByTestId("by-ministry")).toContainText("Bộ Nông nghiệp và Môi trường");
  await expect(issued.locator('[data-stars="5"]')).toBeVisible();
});
