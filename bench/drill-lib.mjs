// What the drills (drill-crash.mjs, drill-load.mjs) share: starting and killing servers on a
// database of their own (a SQLite file, or a PostgreSQL database made for the run), and a
// producer's client speaking to the server functions as the browser does.
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, openSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "..");
export const serverBin = resolve(root, process.env.SERVER_BIN ?? "target/debug/server");
export const password = "thu-nghiem-2026";

export function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A database and a file store for one run: `sqlite` with a files folder, as one server runs;
 * or `postgres` (TEST_DATABASE_URL's server, a database made for the run and dropped by
 * `remove`) with the S3 store TEST_S3_URL names, as several servers run (a folder without it).
 * FILES_URL, when set, is the store of both. */
export function dataPlace(kind) {
  const dir = mkdtempSync(join(tmpdir(), "ocop-drill-"));
  const env = { FILES_DIR: join(dir, "files") };
  const s3 = process.env.FILES_URL ?? (kind === "postgres" ? process.env.TEST_S3_URL : undefined);
  if (s3) env.FILES_URL = s3;
  let dropDb = () => {};
  if (kind === "postgres") {
    const admin = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
    const name = `ocop_drill_${process.pid}_${Date.now()}`;
    psql(admin, `CREATE DATABASE ${name}`);
    env.DATABASE_URL = admin.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
    dropDb = () => psql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    env.DATABASE_URL = `sqlite://${join(dir, "ocop.db")}?mode=rwc`;
  }
  return {
    dir,
    env,
    files: s3 ? "an S3 store" : "a folder",
    /** Drops the database; the folder (logs, what was acknowledged) goes too if `all`. */
    remove(all) {
      dropDb();
      if (all) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function psql(url, sql) {
  const r = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-qc", sql], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
}

/** The one value `sql` selects. */
export function psqlValue(url, sql) {
  const r = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-tAc", sql], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
  return r.stdout.trim();
}

export function serverEnv(place, port, extra = {}) {
  return {
    ...process.env,
    ...place.env,
    LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
    LEPTOS_SITE_ROOT: resolve(root, "target/site"),
    LEPTOS_OUTPUT_NAME: "ocop",
    RUST_LOG: process.env.RUST_LOG ?? "warn",
    ...extra,
  };
}

/** Runs a server command to its end; throws with its output if it fails. */
export function command(args, env) {
  const r = spawnSync(serverBin, args, { env, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`server ${args.join(" ")} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** Every process a drill starts, stopped when the drill ends however it ends (SIGTERM: nginx's
 * master then stops its workers, which a SIGKILL would leave behind). */
export const children = [];
process.on("exit", () => children.forEach((c) => c.exitCode === null && c.kill("SIGTERM")));

/** Starts `server serve`, its log in `log`; resolves once /readyz answers. */
export async function serve(env, log) {
  const out = openSync(log, "a");
  const child = spawn(serverBin, ["serve"], { env, stdio: ["ignore", out, out] });
  children.push(child);
  const base = `http://${env.LEPTOS_SITE_ADDR}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited with ${child.exitCode ?? child.signalCode} (log: ${log})`);
    }
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { child, base };
    } catch {}
    await sleep(100);
  }
  child.kill("SIGKILL");
  throw new Error(`server not ready after 60 s (log: ${log})`);
}

export const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** A PDF of `size` bytes no other run makes (the store keeps files by content). */
export function uniquePdf(size) {
  const head = Buffer.from(`%PDF-1.4\n% drill ${randomBytes(16).toString("hex")}\n`);
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length - 6)), Buffer.from("\n%%EOF")]);
}

/** Told of every request a `Client` makes (milliseconds, and whether it was answered), when set:
 * the load drill counts each request of a filing, not the filing as one. */
export const requests = { observe: null };

/** A signed-in client of the server functions (form-encoded, as the browser sends them). */
export class Client {
  constructor(base, cookie) {
    this.base = base;
    this.cookie = cookie;
  }

  static async signIn(base, email) {
    const response = await fetch(`${base}/api/sign_in`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
      body: new URLSearchParams({ login: email, password }),
      redirect: "manual",
    });
    const cookie = response.headers.get("set-cookie");
    if (!cookie) throw new Error(`sign-in of ${email} failed: ${response.status}`);
    return new Client(base, cookie.split(";")[0]);
  }

  /** A server function's JSON answer; throws with the status on anything else. */
  async call(endpoint, params) {
    return this.#answer(endpoint, {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params),
    });
  }

  async upload(endpoint, fields, name, bytes, type) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
    form.append("file", new Blob([bytes], { type }), name);
    return this.#answer(endpoint, { body: form });
  }

  async get(path) {
    const response = await fetch(this.base + path, { headers: { cookie: this.cookie } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }

  async #answer(endpoint, init) {
    const t0 = performance.now();
    let response;
    let text;
    try {
      response = await fetch(`${this.base}/api/${endpoint}`, {
        method: "POST",
        ...init,
        headers: { ...init.headers, origin: this.base, cookie: this.cookie },
      });
      text = await response.text();
    } finally {
      requests.observe?.(performance.now() - t0, response?.ok ?? false);
    }
    if (!response.ok) {
      const error = new Error(`${endpoint}: ${response.status} ${text.slice(0, 200)}`);
      error.status = response.status;
      throw error;
    }
    return text ? JSON.parse(text) : null;
  }
}

/** One producer's filing, recording each step the server acknowledged. */
export async function fileOne(client, tag, acknowledged, record) {
  const product = await client.call("save_product", {
    "product[product_id]": 0,
    "product[version]": 0,
    "product[name]": `Sản phẩm diễn tập ${tag}`,
    "product[group_code]": "I.1.a",
    ...Object.fromEntries(
      ["description", "net_quantity", "packaging", "shelf_life", "price_min", "price_max", "raw_material_area", "story", "gtin"].map(
        (f) => [`product[${f}]`, ""],
      ),
    ),
  });
  const dossier = await client.call("create_dossier", { product_id: product, cycle: "first" });
  const entry = { product, dossier, documents: [], submitted: false };
  acknowledged.push(entry);
  record({ product, dossier });
  let view = await client.call("get_dossier", { dossier_id: dossier });
  await client.call("save_dossier_form", {
    dossier_id: dossier,
    version: view.version,
    "form[annual_output]": "2 tấn/năm",
    "form[annual_revenue]": "500",
    "form[workers]": "6",
    "form[raw_material_source]": "Vùng nguyên liệu của xã",
    "form[markets]": "Lạng Sơn, Hà Nội",
    "form[self_assessed_stars]": "",
  });
  for (const item of view.checklist.filter((i) => i.mandatory)) {
    const bytes = uniquePdf(20_000 + Math.floor(Math.random() * 60_000));
    const fields = { dossier_id: dossier, item_code: item.code };
    const document = await client.upload("upload_dossier_document", fields, `${item.code}.pdf`, bytes, "application/pdf");
    const doc = { item: item.code, document, sha: sha256(bytes) };
    entry.documents.push(doc);
    record({ dossier, ...doc });
  }
  view = await client.call("get_dossier", { dossier_id: dossier });
  await client.call("dossier_action", { dossier_id: dossier, version: view.version, action: "Submit", note: "" });
  entry.submitted = true;
  record({ dossier, submitted: true });
}

/** What of the acknowledged is missing after the restart, a sentence each. */
export async function lostOf(base, producers, acknowledged) {
  const lost = [];
  const owners = await Promise.all(producers.map((p) => Client.signIn(base, p)));
  const pending = [...acknowledged];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let d = pending.pop(); d; d = pending.pop()) {
        const found = await firstAnswer(owners, (c) => c.call("get_dossier", { dossier_id: d.dossier }));
        if (!found) {
          lost.push(`dossier ${d.dossier}`);
          continue;
        }
        const { client, answer: view } = found;
        if (d.submitted && /draft/i.test(JSON.stringify(view.state))) lost.push(`submission of dossier ${d.dossier}`);
        const filed = new Map(view.checklist.flatMap((i) => i.documents).map((doc) => [doc.document_id, doc]));
        for (const doc of d.documents) {
          const there = filed.get(doc.document);
          if (!there) {
            lost.push(`document ${doc.document} of dossier ${d.dossier}`);
            continue;
          }
          const bytes = await client.get(`/files/${there.file_id}`).catch(() => null);
          if (!bytes || sha256(bytes) !== doc.sha) lost.push(`file of document ${doc.document}`);
        }
      }
    }),
  );
  return lost;
}

/** The first of the clients that gets an answer (a dossier is seen by its owner only). */
async function firstAnswer(clients, ask) {
  for (const client of clients) {
    try {
      return { client, answer: await ask(client) };
    } catch {}
  }
  return null;
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
