// A soak over every route at high concurrency against a running server: known pages (public
// and signed-in, with ids that exist and ids that don't), unknown addresses, server functions
// and downloads, as several roles and as nobody. Fails on any empty or broken reply; the caller
// (run.mjs) also fails the run on any "panicked" line in the server's log.
// Usage: node soak.mjs http://127.0.0.1:3000 [requests] [concurrency]
const [base = "http://127.0.0.1:3000", total = "3000", width = "32"] = process.argv.slice(2);
const PASSWORD = "thu-nghiem-2026";
const ACCOUNTS = ["dongbanh@demo.vn", "xa.chilang@demo.vn", "so.nnmt@demo.vn", "hoidong@demo.vn", "quantri@demo.vn"];

const PAGES = [
  "/", "/units", "/login", "/register", "/reset-password", "/subjects/1", "/subjects/999999",
  "/account", "/producer", "/producer/subject", "/producer/products", "/producer/products/new",
  "/producer/products/1", "/producer/products/1/lots", "/producer/lots/1", "/producer/dossiers",
  "/producer/ideas", "/commune/ideas", "/dossiers/1", "/dossiers/1/report", "/dossiers/999999",
  "/notifications", "/commune", "/commune/dossiers", "/commune/registrations", "/province",
  "/province/registrations", "/province/dossiers", "/council", "/province/rounds",
  "/province/certificates", "/producer/certificates", "/rounds/1", "/rounds/1/dossiers/1",
  "/rounds/1/minutes", "/certificates/unknown", "/admin", "/admin/accounts",
  "/admin/accounts/new", "/admin/accounts/1", "/admin/audit", "/admin/criteria",
  "/admin/criteria/1", "/admin/label-checklist", "/admin/report-settings", "/labels/1",
  "/reports", "/dashboard", "/reports/1/06463", "/products/1", "/lots/1", "/catalog",
  "/catalog?q=mi%E1%BA%BFn", "/products/1/qr.png", "/lots/1/qr.png", "/lots/1/epcis.jsonld",
  "/files/1", "/files/1/thumb", "/healthz", "/readyz",
];
const UNKNOWN = ["/khong-co", "/a/b/c", "/pkg/none.js", "/producer/products/abc", "/rounds/x/minutes", "/%E2%98%83", "/01/123"];
const CALLS = [
  ["/api/get_current_user", ""],
  ["/api/list_dossiers", "state=&commune_code=&group_code=&cycle=&page=1"],
  ["/api/get_product", "product_id=1"],
  ["/api/list_my_products", ""],
  ["/api/unread_notifications", ""],
];

// The browser tests before the soak fail sign-ins on purpose from this same address, which the
// server's throttle answers with waits growing up to a minute (app/src/auth/throttle.rs): a
// sign-in told to wait tries again after it.
async function signIn(login) {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${base}/api/sign_in`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
      body: `login=${encodeURIComponent(login)}&password=${PASSWORD}`,
    });
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
    if (res.ok && cookie) return cookie;
    const body = await res.text();
    if (!body.includes("too_many_attempts") || attempt >= 8) {
      throw new Error(`${login} could not sign in (${res.status}): ${body.slice(0, 200)}`);
    }
    console.log(`soak: ${login} was asked to wait before signing in; trying again`);
    await new Promise((ok) => setTimeout(ok, 2 ** attempt * 500));
  }
}

const cookies = [null, ...(await Promise.all(ACCOUNTS.map(signIn)))];
const failures = [];
let done = 0;

async function one(i) {
  const cookie = cookies[i % cookies.length];
  const headers = { origin: base, ...(cookie ? { cookie } : {}) };
  const kind = i % 10;
  let path;
  let init = { headers };
  if (kind < 6) path = PAGES[(i * 7) % PAGES.length];
  else if (kind < 8) path = `${UNKNOWN[i % UNKNOWN.length]}?n=${i}`;
  else {
    const [call, body] = CALLS[i % CALLS.length];
    path = call;
    init = { method: "POST", headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, body };
  }
  try {
    const res = await fetch(base + path, init);
    const bytes = Buffer.from(await res.arrayBuffer());
    const empty = bytes.length === 0 && res.status !== 304 && res.status !== 204 && !(res.status >= 300 && res.status < 400);
    if (res.status >= 500 || empty) failures.push(`${init.method ?? "GET"} ${path} → ${res.status}, ${bytes.length} bytes`);
  } catch (err) {
    failures.push(`${init.method ?? "GET"} ${path} → no reply (${err.cause?.code ?? err.message})`);
  }
  done++;
}

const started = Date.now();
let next = 0;
await Promise.all(
  Array.from({ length: Number(width) }, async () => {
    while (next < Number(total)) await one(next++);
  }),
);
console.log(`soak: ${done} requests, ${width} at once, ${((Date.now() - started) / 1000).toFixed(1)} s, ${failures.length} failed`);
for (const f of failures.slice(0, 20)) console.log(`soak: ${f}`);
process.exit(failures.length ? 1 : 0);
