// Prints the size of the built wasm client raw, gzip and brotli (what a phone downloads).
// Usage: node bench/wasm-size.mjs target/site/pkg
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = process.argv[2] ?? "target/site/pkg";
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
let total = { raw: 0, gzip: 0, brotli: 0 };
console.log(`client bundle in ${dir}:`);
for (const name of readdirSync(dir).sort()) {
  if (!/\.(wasm|js|css)$/.test(name)) continue;
  const bytes = readFileSync(join(dir, name));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  total = { raw: total.raw + bytes.length, gzip: total.gzip + gzip, brotli: total.brotli + brotli };
  console.log(`  ${name.padEnd(16)} raw ${kb(bytes.length).padStart(11)}  gzip ${kb(gzip).padStart(10)}  brotli ${kb(brotli).padStart(10)}`);
}
console.log(`  ${"total".padEnd(16)} raw ${kb(total.raw).padStart(11)}  gzip ${kb(total.gzip).padStart(10)}  brotli ${kb(total.brotli).padStart(10)}`);
