// Builds the embed loader (embed/loader.ts) into .embed/embed.js, the script
// other sites include, and .embed/manifest.json with its content hash and size.
// Runs before `next build` and `next dev`; the /embed.js route serves the result.
//
//   node scripts/build-embed.mjs
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, ".embed");

const result = await build({
  entryPoints: [join(root, "embed/loader.ts")],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2018",
  platform: "browser",
  legalComments: "none",
  write: false,
  logLevel: "warning",
});
const source = result.outputFiles[0].contents;
const manifest = {
  hash: createHash("sha256").update(source).digest("hex").slice(0, 10),
  bytes: source.byteLength,
  gzipBytes: gzipSync(source, { level: 9 }).byteLength,
};

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "embed.js"), source);
writeFileSync(join(outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`Embed loader: .embed/embed.js ${manifest.bytes} B, ${manifest.gzipBytes} B gzipped, hash ${manifest.hash}`);
