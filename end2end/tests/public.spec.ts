import { expect, test } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

test("a product's Digital Link opens its public page with the certificate's standing; a wrong check digit gets a clear 400 page; machines get the link set", async ({ browser }) => {
  // The GTIN the demo gave one of Đồng Bành's certified products, as its member sees it.
  const producer = await (await browser.newContext()).newPage();
  await signIn(producer, "dongbanh@demo.vn");
  await expect(producer).not.toHaveURL(/\/login/);
  await producer.goto("/producer/products");
  await hydrated(producer);
  await producer.getByTestId("product-row").filter({ hasText: "★" }).first().getByRole("link").click();
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
