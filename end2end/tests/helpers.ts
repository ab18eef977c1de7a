import { expect, type Page } from "@playwright/test";

/** Waits until the wasm client has hydrated the page (the App sets this marker in an effect). */
export async function hydrated(page: Page) {
  // Compiling the 4 MB client takes a few seconds on these 2-core machines while the other
  // worker and the server are busy too: allow longer than a plain expectation.
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
}

/** The one password of every demo account (see README). */
export const PASSWORD = "thu-nghiem-2026";

/** Signs in on /login with a login (email or phone) and password. */
export async function signIn(page: Page, login: string, password = PASSWORD) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email hoặc số điện thoại").fill(login);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
}

/** An e-mail the server sent, as the mail sink decoded it (run.mjs, mail-sink.mjs). */
export type Mail = { to: string; subject: string; body: string };

/**
 * Waits for the newest e-mail to `to` whose subject contains `subject` (the server's outbox is
 * sent every 5 seconds), sent after `since` (ms since the epoch).
 */
export async function mailTo(to: string, subject: string, since: number): Promise<Mail> {
  const { readdirSync, readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const dir = process.env.MAIL_DIR;
  if (!dir) throw new Error("MAIL_DIR is not set: run the tests with end2end/run.mjs");
  for (let i = 0; i < 60; i++) {
    const found = readdirSync(dir)
      .filter((name) => Number(name.split("-")[0]) >= since)
      .sort()
      .reverse()
      .map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")) as Mail)
      .find((m) => m.to === to && m.subject.includes(subject));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no e-mail to ${to} about "${subject}" within 30 s`);
}

/** The first link of an e-mail's body. */
export function linkIn(mail: Mail): string {
  const m = /https?:\/\/\S+/.exec(mail.body);
  if (!m) throw new Error(`no link in ${JSON.stringify(mail)}`);
  return m[0];
}
