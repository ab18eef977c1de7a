// Finishes a client build: gives the wasm, JS and CSS a copy named by their content
// (ocop.<hash>.js, ocop.<hash>.wasm, ocop.<hash>.css, as Leptos names hashed files) with the
// hashes in ../hash.txt, which the server reads at start-up to link those names — so browsers may
// keep them for a year and a new build is still fetched at once — and writes a brotli (.br) and
// a gzip (.gz) copy of every wasm, JS and CSS file, so the server never compresses per request.
// Run after every client build (the Makefile does); the server ignores a copy older than its
// file, and copies of earlier builds are removed here.
// The light client (pkg/light, no CSS of its own) lists its hashes in the file named second.
// Usage: node bench/precompress.mjs target/site/pkg [target/site/hash-light.txt]
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = process.argv[2] ?? "target/site/pkg";
const hashFile = process.argv[3] ?? join(dirname(dir), "hash.txt");
const OUTPUT = "ocop";
const HASHED = new RegExp(`^${OUTPUT}\\.[A-Za-z0-9_-]{16}\\.(js|wasm|css)(\\.br|\\.gz)?$`);

// Earlier builds' hashed copies go; this build's are written below.
for (const name of readdirSync(dir)) {
  if (HASHED.test(name)) rmSync(join(dir, name));
}
// cargo-leptos names the wasm ocop.wasm (wasm-bindgen alone would say ocop_bg.wasm).
const wasm = existsSync(join(dir, `${OUTPUT}.wasm`)) ? `${OUTPUT}.wasm` : `${OUTPUT}_bg.wasm`;
const sources = { js: `${OUTPUT}.js`, wasm, css: `${OUTPUT}.css` };
const present = Object.entries(sources).filter(([, name]) => existsSync(join(dir, name)));
// Complete: JS and wasm, and CSS unless this is the light client (which has none).
const complete =
  present.length === (process.argv[3] ? 2 : 3) && present.some(([k]) => k === "wasm") && present.some(([k]) => k === "js");
const lines = [];
for (const [kind, name] of present) {
  const bytes = readFileSync(join(dir, name));
  const hash = createHash("sha256").update(bytes).digest("base64url").slice(0, 16);
  writeFileSync(join(dir, `${OUTPUT}.${hash}.${kind}`), bytes);
  lines.push(`${kind}: ${hash}`);
}
if (complete) {
  writeFileSync(hashFile, `${lines.join("\n")}\n`);
} else {
  rmSync(hashFile, { force: true });
}

// With hashed copies, the plain names are no longer linked: only the copies are compressed.
const linked = complete ? new Set(present.map(([, name]) => name)) : new Set();
for (const name of readdirSync(dir).sort()) {
  if (!/\.(wasm|js|css)$/.test(name) || linked.has(name)) continue;
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
console.log(`hashed and precompressed the client in ${dir}`);
