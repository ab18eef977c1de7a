// A producer's phone on mobile data, measured: Chromium (Debian's) with the network throttled to
// 1.6 Mbit/s down, 750 kbit/s up and 150 ms round trips, and the CPU slowed 4×, through the
// DevTools protocol. Each listed work page is loaded cold (empty cache) and the script prints the
// bytes of code (wasm and JS, as received) before the page is interactive, the time to first
// contentful paint, the time until it is hydrated, and the latency of one typical action on it
// (the longest event's duration from the Event Timing API: input delay, handlers and the next
// paint). Each build is a server binary with its client folder, served one after the other on
// fresh demo data, so builds are compared side by side in one run.
// Usage: node bench/phone.mjs LABEL=SERVER_BIN:SITE_ROOT [LABEL=SERVER_BIN:SITE_ROOT…]
//   e.g. node bench/phone.mjs before=target/before/server:target/before/site after=target/debug/server:target/site
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serveDemo } from "./demo-server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const { chromium } = createRequire(join(here, "../end2end/package.json"))("@playwright/test");
const builds = process.argv.slice(2).map((arg) => {
  const [label, rest] = arg.split("=");
  const [server, site] = rest.split(":");
  return { label, server: resolve(server), site: resolve(site) };
});
if (builds.length === 0) {
  console.error("usage: node bench/phone.mjs LABEL=SERVER_BIN:SITE_ROOT …");
  process.exit(2);
}
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PASSWORD = "thu-nghiem-2026";

/** Follows links from `from`: on each page the first link matching the next pattern. */
const linkOn = (from, ...patterns) => async (page) => {
  let at = from;
  for (const pattern of patterns) {
    await page.goto(at);
    const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const href = hrefs.find((h) => pattern.test(h));
    if (!href) throw new Error(`no link matching ${pattern} on ${at}`);
    at = href;
  }
  return at;
};

// The pages of the budget (end2end/tests/budget.spec.ts), each with one typical action: the
// first of its candidates the page shows (a click, or typing when the target is a text field).
const PAGES = [
  { name: "/login", login: null, path: "/login", act: ["#login"] },
  { name: "/producer", login: "dongbanh@demo.vn", path: "/producer", act: ["details > summary", ".menu-toggle"] },
  { name: "/dossiers/{id}", login: "thanhvien.06463.2@demo.vn", path: linkOn("/producer/dossiers", /^\/dossiers\/\d+$/), act: ["details > summary"] },
  { name: "/commune/dossiers", login: "xa.chilang@demo.vn", path: "/commune/dossiers", act: ["[data-testid=select-dossier]:not([disabled])", "details > summary", ".menu-toggle"] },
  {
    name: "scoring screen", login: "hoidong@demo.vn", path: linkOn("/council", /^\/rounds\/\d+$/, /^\/rounds\/\d+\/dossiers\/\d+$/),
    act: ["[data-testid=criterion] label.option"],
  },
  { name: "/dashboard", login: "so.nnmt@demo.vn", path: "/dashboard", act: ["[data-testid=filter-stars]"] },
  { name: "/reports/{period}/{scope}", login: "so.nnmt@demo.vn", path: linkOn("/reports", /^\/reports\/\d+\/[^/]+$/), act: ["textarea", "details > summary", ".menu-toggle"] },
];

/** Does the page's typical action: types into a text field, picks a choice, or clicks. */
async function act(page, candidates) {
  for (const selector of candidates) {
    const target = page.locator(selector).first();
    if ((await target.count()) === 0 || !(await target.isVisible()) || !(await target.isEnabled())) continue;
    const tag = await target.evaluate((e) => e.tagName.toLowerCase());
    if (tag === "select") await target.selectOption({ index: 1 });
    else if (tag === "textarea" || tag === "input" && (await target.getAttribute("type")) !== "checkbox") await target.pressSequentially("nha");
    else await target.click();
    return selector;
  }
  throw new Error(`none of ${candidates.join(", ")} on ${page.url()}`);
}

async function measure(browser, base, listed) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 360, height: 740 }, locale: "vi-VN" });
  if (listed.login) {
    const res = await context.request.post("/api/sign_in", { form: { login: listed.login, password: PASSWORD }, headers: { Origin: base } });
    if (!res.ok()) throw new Error(`${listed.login} could not sign in: ${res.status()}`);
  }
  const page = await context.newPage();
  const path = typeof listed.path === "string" ? listed.path : await listed.path(page);
  // When the page gets its hydrated marker, and every event's duration (Event Timing API).
  await page.addInitScript(() => {
    window.__events = [];
    new MutationObserver((_, observer) => {
      if (document.body?.dataset.hydrated === "true") {
        window.__hydratedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-hydrated"] });
    new PerformanceObserver((list) => window.__events.push(...list.getEntries().map((e) => e.duration))).observe({
      type: "event",
      durationThreshold: 16,
      buffered: true,
    });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.clearBrowserCache");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6e6 / 8) | 0,
    uploadThroughput: (750e3 / 8) | 0,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const urls = new Map();
  let code = 0;
  cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
  cdp.on("Network.loadingFinished", (e) => {
    const url = urls.get(e.requestId) ?? "";
    if (/\/pkg\/[^?]+\.(wasm|js)$/.test(url)) code += e.encodedDataLength;
  });
  await page.goto(path, { timeout: 180_000 });
  await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 180_000 });
  const codeBefore = code;
  const fcp = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN);
  const hydrated = await page.evaluate(() => window.__hydratedAt);
  await page.evaluate(() => (window.__events = []));
  await act(page, listed.act);
  await page.waitForTimeout(1500);
  const events = await page.evaluate(() => window.__events);
  const action = events.length ? Math.max(...events) : 16;
  await context.close();
  return { code: codeBefore, fcp, hydrated, action };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = new Map();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
for (const [n, build] of builds.entries()) {
  const base = `http://127.0.0.1:${3500 + n}`;
  const stop = await serveDemo(build.server, build.site, 3500 + n);
  try {
    for (const listed of PAGES) {
      const runs = [];
      for (let r = 0; r < ROUNDS; r++) runs.push(await measure(browser, base, listed));
      results.set(`${build.label} ${listed.name}`, {
        code: median(runs.map((x) => x.code)),
        fcp: median(runs.map((x) => x.fcp)),
        hydrated: median(runs.map((x) => x.hydrated)),
        action: median(runs.map((x) => x.action)),
      });
    }
  } finally {
    stop();
  }
}
await browser.close();

const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`phone profile: 1.6 Mbit/s down, 150 ms round trip, CPU 4× slower; medians of ${ROUNDS} cold loads`);
console.log(`${"page".padEnd(26)}${builds.map((b) => `| ${b.label.padEnd(36)}`).join("")}`);
console.log(`${"".padEnd(26)}${builds.map(() => `| ${"code".padStart(8)} ${"FCP".padStart(8)} ${"hydrated".padStart(9)} ${"action".padStart(7)} `).join("")}`);
for (const listed of PAGES) {
  const cells = builds.map((b) => {
    const r = results.get(`${b.label} ${listed.name}`);
    return `| ${kib(r.code).padStart(8)} ${s(r.fcp).padStart(8)} ${s(r.hydrated).padStart(9)} ${`${r.action.toFixed(0)} ms`.padStart(7)} `;
  });
  console.log(`${listed.name.padEnd(26)}${cells.join("")}`);
}
if (builds.length > 1) {
  const [a, b] = [builds[0].label, builds.at(-1).label];
  for (const listed of PAGES) {
    const x = results.get(`${a} ${listed.name}`);
    const y = results.get(`${b} ${listed.name}`);
    console.log(`${listed.name}: ${b} downloads ${(y.code / x.code).toFixed(2)}× the code of ${a}, hydrated in ${(y.hydrated / x.hydrated).toFixed(2)}× the time`);
  }
}
