// The crash drill (README, "Operating"): producers file dossiers at once — new product, dossier,
// form, a document per mandatory item, submission — while the server is killed with SIGKILL.
// Every change the server acknowledged is recorded; after a restart each must be there (the
// dossier, its state, each document, and each file byte for byte), and `server verify` must
// find the database whole (SQLite's integrity and foreign-key checks) with every file it names.
//
// Usage: node bench/drill-crash.mjs [--db sqlite|postgres|both] [--workers 100] [--seconds 20]
//   --short   what CI runs: 100 workers, killed after 4 s
// Environment: SERVER_BIN (default target/debug/server), TEST_DATABASE_URL (PostgreSQL),
// FILES_URL (files in an S3 store instead of a folder).
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { children, Client, command, dataPlace, fileOne, freePort, lostOf, serve, serverEnv, sleep } from "./drill-lib.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const short = args.includes("--short");
const workers = Number(option("workers", 100));
const seconds = Number(option("seconds", short ? 4 : 20));
const which = option("db", process.env.TEST_DATABASE_URL ? "both" : "sqlite");
const databases = which === "both" ? ["sqlite", "postgres"] : [which];
const producers = ["dongbanh@demo.vn", "thachden@demo.vn", "huulung@demo.vn"];

let failed = false;
for (const db of databases) failed = !(await drill(db)) || failed;
process.exit(failed ? 1 : 0);

async function drill(db) {
  const place = dataPlace(db);
  const port = await freePort();
  const env = serverEnv(place, port);
  const log = join(place.dir, "server.log");
  const acks = join(place.dir, "acknowledged.jsonl");
  let pass = false;
  console.log(`==> crash drill on ${db} with files in ${place.files}: ${workers} producers' clients, SIGKILL after ${seconds} s`);
  try {
    command(["seed-demo"], env);
    let server = await serve(env, log);
    const clients = await Promise.all(producers.map((p) => Client.signIn(server.base, p)));
    const acknowledged = []; // {dossier, product, documents: [{item, document, sha}], submitted}
    const record = (entry) => appendFileSync(acks, JSON.stringify(entry) + "\n");
    let stopping = false;
    const errors = [];
    const work = Array.from({ length: workers }, (_, w) =>
      (async () => {
        const client = clients[w % clients.length];
        for (let n = 0; !stopping; n++) {
          try {
            await fileOne(client, `${w}-${n}`, acknowledged, record);
          } catch (err) {
            if (!stopping) errors.push(err.message);
          }
        }
      })(),
    );
    await sleep(seconds * 1000);
    stopping = true;
    server.child.kill("SIGKILL");
    await Promise.allSettled(work);
    const documents = acknowledged.reduce((n, d) => n + d.documents.length, 0);
    const submitted = acknowledged.filter((d) => d.submitted).length;
    console.log(
      `    acknowledged before the kill: ${acknowledged.length} dossiers, ${documents} documents, ` +
        `${submitted} submissions; errors while serving: ${errors.length}`,
    );
    for (const e of errors.slice(0, 5)) console.log(`    error: ${e}`);

    server = await serve(env, log);
    const lost = await lostOf(server.base, producers, acknowledged);
    const stopped = new Promise((ok) => server.child.on("exit", ok));
    server.child.kill("SIGTERM");
    await stopped;
    let verified = "";
    let whole = true;
    try {
      verified = command(["verify"], env).trim().split("\n").pop();
    } catch (err) {
      verified = err.message;
      whole = false;
    }
    console.log(`    after the restart: ${lost.length} acknowledged changes lost; ${verified}`);
    for (const l of lost.slice(0, 10)) console.log(`    lost: ${l}`);
    pass = lost.length === 0 && whole && errors.length === 0 && acknowledged.length > 0;
    console.log(`    verdict (${db}): ${pass ? "PASS" : "FAIL"}${pass ? "" : ` (log: ${log})`}`);
    return pass;
  } catch (err) {
    console.log(`    verdict (${db}): FAIL: ${err.message} (log: ${log})`);
    return false;
  } finally {
    children.forEach((c) => c.exitCode === null && c.kill("SIGKILL"));
    children.length = 0;
    place.remove(pass);
  }
}
