// The code a browser downloads before a work page is interactive (issue 22), counted from what
// Chromium actually receives (every wasm and JS response's bytes on the wire, cache empty, brotli
// accepted) until the page says it is hydrated — not from file sizes on disk. Printed for each
// listed page beside the goal of 250 KiB. Every listed page is a light page (app/src/pages.rs):
// it loads the light client alone and must hold the goal.
import { test, expect, type BrowserContext, type Page } from "@playwright/test";
import { PASSWORD } from "./helpers";

const GOAL_KIB = 250;

type Listed = { path: string | ((page: Page) => Promise<string>); login: string | null };

/** Follows links from `from`: on each page the first link matching the next pattern. */
function linkOn(from: string, ...patterns: RegExp[]) {
  return async (page: Page) => {
    let at = from;
    for (const pattern of patterns) {
      await page.goto(at);
      const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
      const href = hrefs.find((h) => pattern.test(h));
      expect(href, `a link matching ${pattern} on ${at}`).toBeTruthy();
      at = href!;
    }
    return at;
  };
}

const PAGES: Record<string, Listed> = {
  "/login": { path: "/login", login: null },
  "/producer": { path: "/producer", login: "dongbanh@demo.vn" },
  "a producer's dossier": { path: linkOn("/producer/dossiers", /^\/dossiers\/\d+$/), login: "thanhvien.06463.2@demo.vn" },
  "/commune/dossiers": { path: "/commune/dossiers", login: "xa.chilang@demo.vn" },
  "the scoring screen": { path: linkOn("/council", /^\/rounds\/\d+$/, /^\/rounds\/\d+\/dossiers\/\d+$/), login: "hoidong@demo.vn" },
  "/dashboard": { path: "/dashboard", login: "so.nnmt@demo.vn" },
  "a report": { path: linkOn("/reports", /^\/reports\/\d+\/[^/]+$/), login: "so.nnmt@demo.vn" },
};

async function signedIn(context: BrowserContext, login: string | null, baseURL: string) {
  if (!login) return;
  const res = await context.request.post("/api/sign_in", {
    form: { login, password: PASSWORD },
    headers: { Origin: baseURL },
  });
  expect(res.ok(), `${login} signs in`).toBeTruthy();
}

/** Counts the bytes of the client's code (wasm and JS under /pkg/) the page receives, as they
 * came over the wire (brotli: Chromium offers it to localhost as to any HTTPS site), with the
 * cache emptied. */
async function codeBytes(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.clearBrowserCache");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const urls = new Map<string, string>();
  const files: { url: string; bytes: number; encoding: string }[] = [];
  const encodings = new Map<string, string>();
  cdp.on("Network.responseReceived", (e) => {
    urls.set(e.requestId, e.response.url);
    encodings.set(e.requestId, (e.response.headers["content-encoding"] ?? e.response.headers["Content-Encoding"] ?? "") as string);
  });
  cdp.on("Network.loadingFinished", (e) => {
    const url = urls.get(e.requestId) ?? "";
    if (/\/pkg\/[^?]+\.(wasm|js)$/.test(new URL(url, "http://x").pathname)) {
      files.push({ url, bytes: e.encodedDataLength, encoding: encodings.get(e.requestId) ?? "" });
    }
  });
  return {
    files,
    total: () => files.reduce((sum, f) => sum + f.bytes, 0),
    stop: async () => {
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
      await cdp.detach();
    },
  };
}

for (const [name, listed] of Object.entries(PAGES)) {
  test(`${name} is interactive after at most ${GOAL_KIB} KiB of code`, async ({ browser, baseURL }) => {
    const context = await browser.newContext();
    await signedIn(context, listed.login, baseURL!);
    const page = await context.newPage();
    const path = typeof listed.path === "string" ? listed.path : await listed.path(page);
    const counted = await codeBytes(page);
    await page.goto(path);
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
    const kib = counted.total() / 1024;
    const list = counted.files.map((f) => `${new URL(f.url).pathname} ${(f.bytes / 1024).toFixed(1)} KiB ${f.encoding}`);
    console.log(`${name} (${path}): ${kib.toFixed(1)} KiB of code before interactive (goal ${GOAL_KIB} KiB)\n  ${list.join("\n  ")}`);
    expect(counted.files.length, "the page downloads its code").toBeGreaterThan(0);
    expect(counted.files.filter((f) => f.url.endsWith(".wasm")).every((f) => f.encoding === "br"), "sent as brotli").toBe(true);
    expect(kib, `${name}: code before interactive, KiB brotli`).toBeLessThanOrEqual(GOAL_KIB);
    expect(counted.files.every((f) => new URL(f.url).pathname.startsWith("/pkg/light/")), "a light page loads the light client only").toBe(true);
    await counted.stop();
    await context.close();
  });
}
