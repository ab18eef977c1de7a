// Prints the size of the built wasm client raw, gzip and brotli (what a phone downloads), each
// file once however many names it has.
// Usage: node bench/wasm-size.mjs target/site/pkg
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = process.argv[2] ?? "target/site/pkg";
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
let total = { raw: 0, gzip: 0, brotli: 0 };
// The size of a compressed copy: the one precompress.mjs wrote beside the file (what the
// server sends) when it is there and not older, else compressed here.
function compressed(name, bytes, suffix, compress) {
  const copy = join(dir, name + suffix);
  if (existsSync(copy) && statSync(copy).mtimeMs >= statSync(join(dir, name)).mtimeMs) {
    return statSync(copy).size;
  }
  return compress(bytes).length;
}
const seen = new Set();
console.log(`client bundle in ${dir}:`);
for (const name of readdirSync(dir).sort()) {
  if (!/\.(wasm|js|css)$/.test(name)) continue;
  const bytes = readFileSync(join(dir, name));
  // A plain name and its hashed copy are one file to a browser, which fetches one of them.
  const digest = createHash("sha256").update(bytes).digest("hex");
  if (seen.has(digest)) continue;
  seen.add(digest);
  const gzip = compressed(name, bytes, ".gz", (b) => gzipSync(b, { level: 9 }));
  const brotli = compressed(name, bytes, ".br", (b) =>
    brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  total = { raw: total.raw + bytes.length, gzip: total.gzip + gzip, brotli: total.brotli + brotli };
  console.log(`  ${name.padEnd(26)} raw ${kb(bytes.length).padStart(11)}  gzip ${kb(gzip).padStart(10)}  brotli ${kb(brotli).padStart(10)}`);
}
console.log(`  ${"total".padEnd(26)} raw ${kb(total.raw).padStart(11)}  gzip ${kb(total.gzip).padStart(10)}  brotli ${kb(total.brotli).padStart(10)}`);
