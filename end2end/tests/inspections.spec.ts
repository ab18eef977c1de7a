// Monitoring after certification (issue 23): the commune officer records a planned inspection
// from a phone with a photo and a correction request; the producer answers with evidence and
// the officer accepts it. A second inspection, planned from the list, proposes revocation; the
// province revokes, and the certificate's QR page then says so.
import { test, expect, type Page } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);

const PHONE = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true };

function day(offset: number): string {
  const d = new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000);
  return d.toISOString().slice(0, 10);
}

async function stateIs(page: Page, state: string) {
  await expect(page.getByTestId("inspection")).toHaveAttribute("data-state", state);
}

/** Every area found as `findings` says (met unless named). */
async function findings(page: Page, notMet: string[]) {
  for (const area of ["raw_materials", "process", "facilities", "label_mark", "food_safety"]) {
    await page.getByTestId(`finding-${area}-${notMet.includes(area) ? "not_met" : "met"}`).check();
  }
}

test("an inspector records a visit on a phone with a photo and a correction; the producer answers with evidence; the officer accepts it", async ({ browser }) => {
  test.setTimeout(120_000);
  const officer = await (await browser.newContext(PHONE)).newPage();
  await signIn(officer, "xa.chilang@demo.vn");
  await expect(officer).not.toHaveURL(/\/login/);
  // The demo's visit planned for next week.
  await officer.goto("/inspections?state=planned");
  await hydrated(officer);
  await officer.getByTestId("inspection-row").first().getByRole("link").first().click();
  await expect(officer).toHaveURL(/\/inspections\/\d+$/);
  await hydrated(officer);
  await stateIs(officer, "planned");
  const address = officer.url();

  // A photo first, taken at the facility.
  const upload = officer.getByTestId("upload-visit-photo");
  await upload.locator('input[type="file"]').setInputFiles({ name: "nha-xuong.png", mimeType: "image/png", buffer: PNG });
  await upload.getByRole("button", { name: "Tải lên" }).click();
  await expect(officer.getByTestId("visit-photos").getByTestId("photo")).toHaveCount(1);

  // "Compliant" with an area not met is refused; the form keeps what was typed.
  const form = officer.getByTestId("visit-form");
  await findings(officer, ["label_mark"]);
  await form.getByLabel("Kết luận chung (không bắt buộc)").fill("Nhãn lô mới thiếu hạn sử dụng.");
  await officer.getByTestId("verdict-compliant").check();
  await officer.getByTestId("visit-submit").click();
  await expect(form.locator('p.field-error[data-field="verdict"]')).toBeVisible();
  await expect(form.getByLabel("Kết luận chung (không bắt buộc)")).toHaveValue("Nhãn lô mới thiếu hạn sử dụng.");
  await officer.getByTestId("verdict-correction").check();
  await form.getByLabel("Nội dung yêu cầu khắc phục").fill("In lại nhãn có hạn sử dụng, gửi ảnh nhãn mới.");
  await form.getByLabel("Hạn khắc phục").fill(day(10));
  await officer.getByTestId("visit-submit").click();
  await stateIs(officer, "correction_requested");
  await expect(officer.getByTestId("finding")).toHaveCount(5);
  // Nothing is wider than the phone.
  const overflow = await officer.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);

  // The producer answers with a photo of the new label.
  const producer = await (await browser.newContext(PHONE)).newPage();
  await signIn(producer, "dongbanh@demo.vn");
  await expect(producer).not.toHaveURL(/\/login/);
  await producer.goto(address);
  await hydrated(producer);
  await stateIs(producer, "correction_requested");
  const evidence = producer.getByTestId("upload-evidence-photo");
  await evidence.locator('input[type="file"]').setInputFiles({ name: "nhan-moi.png", mimeType: "image/png", buffer: PNG });
  await evidence.getByRole("button", { name: "Tải lên" }).click();
  await expect(producer.getByTestId("evidence-photos").getByTestId("photo")).toHaveCount(1);
  await producer.getByLabel("Nội dung đã khắc phục").fill("Đã in lại toàn bộ nhãn lô 11/2026 có hạn sử dụng.");
  await producer.getByTestId("answer-submit").click();
  await stateIs(producer, "correction_answered");

  // The officer accepts it.
  await officer.goto(address);
  await hydrated(officer);
  await expect(officer.getByTestId("correction-answer")).toContainText("Đã in lại");
  await officer.getByTestId("step-AcceptCorrection").click();
  await stateIs(officer, "corrected");
  await expect(officer.getByTestId("inspection-history")).toContainText("chấp nhận kết quả khắc phục");
});

test("an inspection planned from the list proposes revocation; the province revokes and the QR page shows it", async ({ browser }) => {
  test.setTimeout(120_000);
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, "xa.chilang@demo.vn");
  await expect(officer).not.toHaveURL(/\/login/);
  await officer.goto("/inspections");
  await hydrated(officer);
  await officer.getByTestId("plan-link").click();
  await expect(officer).toHaveURL(/\/inspection-plans\/new$/);
  // The first page of the whole client in this browser: it downloads and compiles the 7 MB
  // client, which takes longer than a light page's while the other workers are busy.
  await expect(officer.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 45_000 });
  const plan = officer.getByTestId("plan-form");
  // Nothing chosen: the form says what is missing and keeps the team.
  await plan.getByLabel("Hình thức").selectOption("ad_hoc");
  await plan.getByLabel("Ngày kiểm tra dự kiến").fill(day(20));
  await plan.getByLabel("Đoàn kiểm tra").fill("Tổ kiểm tra đột xuất xã Chi Lăng");
  await officer.getByTestId("plan-submit").click();
  await expect(plan.locator('p.field-error[data-field="product_ids"]')).toBeVisible();
  await expect(plan.getByLabel("Đoàn kiểm tra")).toHaveValue("Tổ kiểm tra đột xuất xã Chi Lăng");
  // A demo product: another test imports products and undoes the import meanwhile.
  await plan.locator("li").filter({ hasNotText: "nhập" }).last().getByTestId("plan-product").check();
  await officer.getByTestId("plan-submit").click();
  await expect(officer.getByTestId("planned-done")).toBeVisible();
  await officer.getByTestId("inspection-row").first().getByRole("link").first().click();
  await hydrated(officer);
  await stateIs(officer, "planned");
  const address = officer.url();
  const number = (await officer.getByTestId("inspection-certificate").locator("a").getAttribute("data-number"))!;
  await findings(officer, ["food_safety"]);
  await officer.getByTestId("verdict-revocation").check();
  await officer.getByLabel("Lý do đề nghị thu hồi").fill("Cơ sở vi phạm nghiêm trọng an toàn thực phẩm.");
  await officer.getByTestId("visit-submit").click();
  await stateIs(officer, "revocation_proposed");
  await expect(officer.getByTestId("revoke-form")).toHaveCount(0);

  const province = await (await browser.newContext()).newPage();
  await signIn(province, "so.nnmt@demo.vn");
  await expect(province).not.toHaveURL(/\/login/);
  await province.goto("/inspections?state=revocation_proposed");
  await hydrated(province);
  await expect(province.locator(`[data-testid="inspection-row"] a[href="${new URL(address).pathname}"]`)).toHaveCount(1);
  await province.goto(address);
  await hydrated(province);
  const revoke = province.getByTestId("revoke-form");
  await expect(revoke.getByLabel("Lý do thu hồi")).toHaveValue("Cơ sở vi phạm nghiêm trọng an toàn thực phẩm.");
  await revoke.getByLabel("Số quyết định thu hồi").fill("301/QĐ-UBND");
  province.once("dialog", (dialog) => dialog.accept());
  await province.getByTestId("revoke-submit").click();
  await stateIs(province, "revoked");

  await province.goto(`/certificates/${encodeURIComponent(number)}`);
  await expect(province.getByTestId("certificate-check")).toHaveAttribute("data-status", "revoked");
});
