// The import benchmark: a synthetic province list of 5,000 rows and one of 500 (`server
// import-sample`), each imported into its own fresh demo database with `server import FILE
// --commit` (read, checked, planned and written as one batch, as from the browser). Prints rows
// per second for both, the ratio of the two times (10 means the cost per row does not grow with
// the file) and the 5,000-row time against the one-minute budget — measured side by
// side in this one run.
// Usage: node bench/import.mjs   (with a server binary built: SERVER_BIN, default target/release/server)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const serverBin = resolve(root, process.env.SERVER_BIN ?? "target/release/server");
const work = mkdtempSync(join(tmpdir(), "ocop-import-bench-"));

function run(args, name) {
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite://${join(work, name)}.db?mode=rwc`,
    FILES_DIR: join(work, `${name}-files`),
    RUST_LOG: "warn",
  };
  const result = spawnSync(serverBin, args, { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`server ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

function measure(rows) {
  const name = `rows${rows}`;
  const file = join(work, `${name}.xlsx`);
  run(["import-sample", "--rows", String(rows), "--to", file], name);
  run(["seed-demo"], name);
  const t0 = process.hrtime.bigint();
  const out = run(["import", file, "--commit", "--by", "so.nnmt@demo.vn"], name);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!out.includes("imported as batch")) throw new Error(out);
  const created = out.match(/(\d+) subjects, (\d+) products, (\d+) certificates created/);
  return { rows, seconds, created: created ? created.slice(1).join("/") : "?" };
}

try {
  const small = measure(500);
  const large = measure(5000);
  for (const m of [small, large]) {
    console.log(
      `import ${m.rows} rows: ${m.seconds.toFixed(2)} s, ${(m.rows / m.seconds).toFixed(0)} rows/s (subjects/products/certificates created ${m.created})`,
    );
  }
  console.log(`ratio 5,000 ÷ 500 rows: ${(large.seconds / small.seconds).toFixed(2)} (10 = linear)`);
  console.log(`5,000 rows ÷ one-minute budget: ${(large.seconds / 60).toFixed(3)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
