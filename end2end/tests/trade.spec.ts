// Trade promotion (issue 23): the province records a fair, a producer applies to it with a
// certified product, and the province accepts and records the product's sales.
import { test, expect } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

function yesterday(): string {
  return new Date(Date.now() + 7 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
}

function today(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

test("a producer applies to a fair and the province records its sales", async ({ browser }) => {
  test.setTimeout(90_000);
  const province = await (await browser.newContext()).newPage();
  await signIn(province, "so.nnmt@demo.vn");
  await expect(province).not.toHaveURL(/\/login/);
  await province.goto("/trade-events");
  await hydrated(province);
  const form = province.getByTestId("trade-event-form");
  // Ending before it starts is refused beside the field; what was typed stays.
  await form.getByLabel("Tên sự kiện").fill("Hội chợ nông sản Xứ Lạng (kiểm thử)");
  await form.getByLabel("Ngày bắt đầu").fill(today());
  await form.getByLabel("Ngày kết thúc").fill(yesterday());
  await form.getByLabel("Địa điểm hoặc nền tảng").fill("Công viên Chi Lăng");
  await form.getByLabel("Đơn vị tổ chức").fill("Sở Công Thương");
  await province.getByTestId("trade-event-submit").click();
  await expect(form.locator('p.field-error[data-field="ends_on"]')).toBeVisible();
  await expect(form.getByLabel("Tên sự kiện")).toHaveValue("Hội chợ nông sản Xứ Lạng (kiểm thử)");
  await form.getByLabel("Ngày kết thúc").fill(today());
  await province.getByTestId("trade-event-submit").click();
  await expect(province).toHaveURL(/\/trade-events\/\d+$/);
  const address = province.url();

  const producer = await (await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true })).newPage();
  await signIn(producer, "dongbanh@demo.vn");
  await expect(producer).not.toHaveURL(/\/login/);
  await producer.goto(address);
  await hydrated(producer);
  await producer.getByTestId("join-submit").click();
  await expect(producer.getByTestId("participant")).toHaveAttribute("data-state", "applied");

  await province.reload();
  await hydrated(province);
  const row = province.getByTestId("participant").first();
  await row.getByTestId("accept-participation").click();
  await expect(province.getByTestId("participant").first()).toHaveAttribute("data-state", "confirmed");
  const results = province.getByTestId("results-form").first();
  await results.getByLabel("Doanh số bán hàng (đồng)").fill("15.000.000");
  await results.getByLabel("Số hợp đồng, thỏa thuận đã ký").fill("1");
  await results.getByTestId("results-submit").click();
  await expect(province.getByTestId("participant-results").first()).toContainText("15.000.000 đ");
  await expect(province.getByTestId("trade-totals")).toContainText("15.000.000 đ");
});
