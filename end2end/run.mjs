// Runs the Playwright tests against a freshly built server on a free port with a fresh database:
// seed the demo data, start the server (its e-mail going to the mail sink, mail-sink.mjs), wait
// for /readyz, run the tests, then a soak over every route (soak.mjs), stop the server. Any
// "panicked" line in the server's log fails the run.
// Usage: node run.mjs [playwright args…]   (SERVER_BIN overrides ../target/release/server)
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../bench/drill-lib.mjs";
import { startMailSink } from "./mail-sink.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const serverBin = resolve(root, process.env.SERVER_BIN ?? "target/release/server");

function run(cmd, args, env) {
  return new Promise((ok) => {
    const child = spawn(cmd, args, { env, stdio: "inherit", cwd: here });
    child.on("exit", (code, signal) => ok(code ?? (signal ? 1 : 0)));
  });
}

async function waitHealthy(url, child, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${seconds} s`);
}

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), "ocop-e2e-"));
const mailDir = join(dataDir, "mail");
mkdirSync(mailDir);
const sink = await startMailSink(mailDir);
const env = {
  ...process.env,
  DATABASE_URL: `sqlite://${join(dataDir, "ocop.db")}?mode=rwc`,
  FILES_DIR: join(dataDir, "files"),
  LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
  LEPTOS_SITE_ROOT: resolve(root, "target/site"),
  RUST_LOG: process.env.RUST_LOG ?? "warn",
  // The trainers' one-click demo sign-in is tested too.
  DEMO_MODE: "true",
  // E-mail on: password links and decisions go to the mail sink, where the tests read them.
  SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  MAIL_FROM: "OCOP Lạng Sơn <khong-tra-loi@e2e.test>",
};
let server;
let code = 1;
let panics = 0;
try {
  console.log(`e2e: seeding a fresh database in ${dataDir}`);
  if ((await run(serverBin, ["seed-demo"], env)) !== 0) throw new Error("seed-demo failed");
  server = spawn(serverBin, ["serve"], { env, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [server.stdout, server.stderr]) {
    stream.on("data", (chunk) => {
      process.stderr.write(chunk);
      panics += (chunk.toString().match(/panicked/g) ?? []).length;
    });
  }
  const baseURL = `http://127.0.0.1:${port}`;
  await waitHealthy(`${baseURL}/readyz`, server, 60);
  console.log(`e2e: server up at ${baseURL}`);
  code = await run(join(here, "node_modules/.bin/playwright"), ["test", ...process.argv.slice(2)], {
    ...process.env,
    BASE_URL: baseURL,
    MAIL_DIR: mailDir,
  });
  // What a QR scan downloads beside a hydrated page, on the same server (printed, not judged).
  if (code === 0 && process.argv.length <= 2) {
    await run(process.execPath, [join(root, "bench/page-weight.mjs"), baseURL, "/products/1", "/lots/1", "/units"], process.env);
    code = await run(process.execPath, [join(here, "soak.mjs"), baseURL, "3000", "32"], process.env);
  }
} catch (err) {
  console.error(`e2e: ${err.message}`);
} finally {
  // Any panic fails the run, even one in a task that affected no reply (issue 18, item 15).
  if (panics > 0) {
    console.error(`e2e: the server panicked ${panics} time(s); see its log above`);
    code = 1;
  }
  server?.kill("SIGTERM");
  sink.server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
