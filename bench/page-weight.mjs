// What a phone downloads to show a page: the HTML and every file under /pkg/ it names (CSS,
// JS, wasm), raw and brotli, for the light public pages beside a hydrated page of the app, in
// one run against one running server.
// Usage: node bench/page-weight.mjs http://127.0.0.1:3000 /products/1 /lots/1 /units
import { brotliCompressSync, constants } from "node:zlib";

const [base = "http://127.0.0.1:3000", ...paths] = process.argv.slice(2);
const pages = paths.length ? paths : ["/products/1", "/lots/1", "/units"];
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const brotli = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

async function weigh(path) {
  const html = Buffer.from(await (await fetch(base + path)).arrayBuffer());
  const text = html.toString("utf8");
  // The wasm file is named by the hydration script as `<output>_bg.wasm` next to its JS.
  const named = new Set(text.match(/\/pkg\/[\w.-]+\.(?:css|js|wasm)/g) ?? []);
  for (const js of [...named].filter((f) => f.endsWith(".js"))) named.add(js.replace(/\.js$/, "_bg.wasm"));
  let raw = html.length;
  let compressed = brotli(html);
  const files = [];
  for (const file of named) {
    const response = await fetch(base + file);
    if (!response.ok) continue;
    const bytes = Buffer.from(await response.arrayBuffer());
    raw += bytes.length;
    compressed += brotli(bytes);
    files.push(file);
  }
  const scripts = files.filter((f) => /\.(js|wasm)$/.test(f)).length;
  return { path, raw, compressed, files, scripts };
}

const results = [];
for (const path of pages) results.push(await weigh(path));
for (const r of results) {
  console.log(`${r.path.padEnd(16)} raw ${kb(r.raw).padStart(11)}  brotli ${kb(r.compressed).padStart(10)}  script files ${r.scripts}  (${["html", ...r.files].join(", ")})`);
}
const heaviest = results.reduce((a, b) => (a.compressed > b.compressed ? a : b));
for (const r of results.filter((r) => r !== heaviest)) {
  console.log(`${r.path} downloads ${(heaviest.compressed / r.compressed).toFixed(1)}× less than ${heaviest.path} (brotli)`);
}
