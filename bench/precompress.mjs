// Writes a brotli (.br) and a gzip (.gz) copy of every wasm, JS and CSS file of the built
// client, so the server sends them without compressing on every request. Run after every
// client build (the Makefile does); the server ignores a copy older than its file.
// Usage: node bench/precompress.mjs target/site/pkg
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = process.argv[2] ?? "target/site/pkg";
for (const name of readdirSync(dir).sort()) {
  if (!/\.(wasm|js|css)$/.test(name)) continue;
  const bytes = readFileSync(join(dir, name));
  writeFileSync(
    join(dir, `${name}.br`),
    brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  );
  writeFileSync(join(dir, `${name}.gz`), gzipSync(bytes, { level: 9 }));
}
console.log(`precompressed the client in ${dir}`);
