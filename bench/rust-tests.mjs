// Runs the test binaries `cargo test --no-run` built two at a time, instead of one after
// another as `cargo test` does: the services' binary (most of the time, a good part of it
// waiting on PostgreSQL) beside the others in turn. Each binary's output is printed whole when
// it ends; any failure fails the run. Arguments after `--` go to every binary.
// Usage (with the build's own environment, or cargo builds again): node bench/rust-tests.mjs
import { spawn, spawnSync } from "node:child_process";
import { dirname } from "node:path";

const extra = process.argv.includes("--") ? process.argv.slice(process.argv.indexOf("--") + 1) : [];
const listed = spawnSync("cargo", ["test", "--no-run", "--message-format=json"], {
  encoding: "utf8",
  maxBuffer: 256 * 1024 * 1024,
  stdio: ["ignore", "pipe", "inherit"],
});
if (listed.status !== 0) process.exit(listed.status ?? 1);
const binaries = listed.stdout
  .split("\n")
  .filter((line) => line.startsWith("{"))
  .map((line) => JSON.parse(line))
  .filter((m) => m.reason === "compiler-artifact" && m.profile?.test && m.executable)
  .map((m) => ({ name: `${m.target.name} (${m.target.kind.join(",")})`, path: m.executable, cwd: dirname(m.manifest_path) }));
if (binaries.length === 0) {
  console.error("no test binaries found");
  process.exit(1);
}

function run(binary) {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(binary.path, extra, { cwd: binary.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const ok = code === 0;
      console.log(`==> ${binary.name}: ${ok ? "passed" : `FAILED (${signal ?? code})`} in ${seconds} s`);
      if (ok) {
        for (const line of output.split("\n")) if (line.startsWith("test result")) console.log(`    ${line}`);
      } else {
        process.stdout.write(output);
      }
      done(ok);
    });
  });
}

// The longest first, on its own lane; the rest one after another on the second lane.
const longest = binaries.find((b) => b.name.startsWith("services")) ?? binaries[0];
const rest = binaries.filter((b) => b !== longest);
const [alone, others] = await Promise.all([
  run(longest),
  (async () => {
    let all = true;
    for (const binary of rest) all = (await run(binary)) && all;
    return all;
  })(),
]);
process.exit(alone && others ? 0 : 1);
