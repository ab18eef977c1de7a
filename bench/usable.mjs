// How long until a work page is usable in the browser: Chromium (Debian's) signs in as a
// producer, then loads /producer afresh (empty cache) and waits until the page says it is
// hydrated (its buttons work), then loads a second page as a returning visitor (what the
// browser kept may be used). Each site folder is served by the same server binary, side by
// side in one run, so the ratio compares the clients, not the machines.
// Usage: node bench/usable.mjs SERVER_BIN SITE_ROOT [SITE_ROOT…]
// (e.g. a debug-built client in one folder and the release, precompressed one in another)
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serveDemo } from "./demo-server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const { chromium } = createRequire(join(here, "../end2end/package.json"))("@playwright/test");
const [serverBin, ...sites] = process.argv.slice(2);
const ROUNDS = 3;

async function usableAfter(base) {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
  const times = [];
  for (let round = 0; round < ROUNDS; round++) {
    // A new context each time: nothing cached, as a phone opening the page for the first time.
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    const signIn = await page.request.post("/api/sign_in", {
      form: { login: "dongbanh@demo.vn", password: "thu-nghiem-2026" },
      headers: { Origin: base },
    });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
    const started = Date.now();
    await page.goto("/producer");
    await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 120_000 });
    const first = Date.now() - started;
    // The next visit, with what the browser kept: a content-hashed client is not even asked for.
    const again = Date.now();
    await page.goto("/producer/products");
    await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 120_000 });
    times.push([first, Date.now() - again]);
    await context.close();
  }
  await browser.close();
  const median = (i) => times.map((t) => t[i]).sort((a, b) => a - b)[Math.floor(times.length / 2)];
  return [median(0), median(1)];
}

const results = [];
for (const [n, site] of sites.entries()) {
  const port = 3400 + n;
  const stop = await serveDemo(serverBin, site, port);
  try {
    results.push([site, await usableAfter(`http://127.0.0.1:${port}`)]);
  } finally {
    stop();
  }
}
for (const [site, [first, again]] of results) {
  console.log(
    `${site}: /producer usable after ${(first / 1000).toFixed(2)} s afresh, ` +
      `the next page after ${(again / 1000).toFixed(2)} s (medians of ${ROUNDS})`,
  );
}
if (results.length > 1) {
  const [a, b] = [results[0][1], results.at(-1)[1]];
  console.log(`ratio first/last: afresh ${(a[0] / b[0]).toFixed(1)}×, next page ${(a[1] / b[1]).toFixed(1)}×`);
}
