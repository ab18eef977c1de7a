import { expect, test } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

test("a producer registers an idea; the commune declines without a reason (refused), then accepts; the idea becomes a product", async ({ browser }) => {
  const name = `Mứt na mật ong ${Date.now() % 100000}`;
  const producer = await (await browser.newContext()).newPage();
  await signIn(producer, "dongbanh@demo.vn");
  await expect(producer).toHaveURL(/\/producer$/);
  await producer.getByTestId("entry-ideas").click();
  await expect(producer).toHaveURL(/\/producer\/ideas$/);
  await hydrated(producer);
  const form = producer.getByTestId("idea-form");
  await form.getByLabel("Tên sản phẩm dự kiến").fill(name);
  await form.getByLabel("Nhóm / phân nhóm sản phẩm").selectOption("I.3");
  await form.getByLabel("Mô tả ý tưởng").fill("Mứt na Chi Lăng với mật ong rừng.");
  await form.getByRole("button", { name: "Gửi UBND xã" }).click();
  await expect(producer.getByTestId("idea-sent")).toBeVisible();
  const mine = producer.getByTestId("idea").filter({ hasText: name });
  await expect(mine.getByTestId("idea-state")).toHaveAttribute("data-state", "submitted");

  // The Chi Lăng officer decides.
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, "xa.chilang@demo.vn");
  await expect(officer).toHaveURL(/\/commune$/);
  await officer.goto("/commune/ideas");
  await hydrated(officer);
  const card = officer.getByTestId("idea").filter({ hasText: name });
  await card.getByTestId("decline-idea").click();
  await expect(officer.locator('.field-error[data-field="comment"]')).toBeVisible();
  await card.getByLabel("Ý kiến của xã").fill("Phù hợp, đề nghị xây dựng nhãn mác.");
  await card.getByTestId("accept-idea").click();
  await expect(officer.getByTestId("idea").filter({ hasText: name }).getByTestId("idea-state")).toHaveAttribute("data-state", "accepted");

  await producer.reload();
  await hydrated(producer);
  const accepted = producer.getByTestId("idea").filter({ hasText: name });
  await expect(accepted).toContainText("Phù hợp, đề nghị xây dựng nhãn mác.");
  await accepted.getByTestId("idea-to-product").click();
  await expect(producer).toHaveURL(/\/producer\/products\/\d+$/);
  await expect(producer.getByTestId("product-title")).toHaveText(name);
});
