// Starts a server binary on fresh demo data (a SQLite file in a scratch folder) with a given
// client folder, for the benchmarks that compare clients side by side; resolves once /healthz
// answers, to a function that stops the server and removes the data.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export async function serveDemo(serverBin, site, port) {
  const data = mkdtempSync(join(tmpdir(), "ocop-bench-"));
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite://${join(data, "ocop.db")}?mode=rwc`,
    FILES_DIR: join(data, "files"),
    LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
    LEPTOS_SITE_ROOT: resolve(site),
    RUST_LOG: "warn",
  };
  await new Promise((ok) => spawn(serverBin, ["seed-demo"], { env, stdio: "ignore" }).on("exit", ok));
  const server = spawn(serverBin, ["serve"], { env, stdio: "ignore" });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  return () => {
    server.kill("SIGTERM");
    rmSync(data, { recursive: true, force: true });
  };
}
