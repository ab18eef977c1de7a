// The training demo's reset benchmark: `server reset-demo` three times on a seeded demo
// database — SQLite, and PostgreSQL when BENCH_POSTGRES_URL names a database of its own (it is
// emptied). Prints each run's seconds, the median, and the median against the 10-second
// budget (a ratio below 1 is within it), measured side by side in this one run.
// Usage: node bench/reset-demo.mjs   (with a server binary built: SERVER_BIN, default target/release/server)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const serverBin = resolve(root, process.env.SERVER_BIN ?? "target/release/server");
const work = mkdtempSync(join(tmpdir(), "ocop-reset-bench-"));
const BUDGET_SECONDS = 10;

function run(args, databaseUrl) {
  const env = { ...process.env, DATABASE_URL: databaseUrl, FILES_DIR: join(work, "files"), RUST_LOG: "warn" };
  const t0 = process.hrtime.bigint();
  const result = spawnSync(serverBin, args, { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`server ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function measure(label, databaseUrl) {
  run(["seed-demo"], databaseUrl);
  const times = [1, 2, 3].map(() => run(["reset-demo"], databaseUrl));
  const median = [...times].sort((a, b) => a - b)[1];
  console.log(
    `reset-demo ${label}: ${times.map((t) => t.toFixed(1)).join(" s, ")} s; median ${median.toFixed(1)} s, ` +
      `ratio to the ${BUDGET_SECONDS} s budget ${(median / BUDGET_SECONDS).toFixed(2)}`,
  );
}

try {
  measure("SQLite", `sqlite://${join(work, "demo.db")}?mode=rwc`);
  const pg = process.env.BENCH_POSTGRES_URL;
  if (pg) measure("PostgreSQL", pg);
} finally {
  rmSync(work, { recursive: true, force: true });
}
