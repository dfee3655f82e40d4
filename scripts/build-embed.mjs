// Builds the embed's assets into .embed/, served by their routes:
//   embed/loader.ts           → .embed/embed.js   (/embed.js, the script other sites include)
//   embed/frame.ts            → .embed/frame.js   (/embed-frame.js, the framed thread's script)
//   components/embed/frame.css → .embed/frame.css (/embed-frame.css, its style sheet)
// and .embed/manifest.json with each one's content hash and sizes. Runs before
// `next build` and `next dev`.
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

const assets = [
  { entry: "embed/loader.ts", out: "embed.js" },
  { entry: "embed/frame.ts", out: "frame.js" },
  { entry: "components/embed/frame.css", out: "frame.css" },
];

mkdirSync(outDir, { recursive: true });
const manifest = {};
for (const asset of assets) {
  const result = await build({
    entryPoints: [join(root, asset.entry)],
    bundle: true,
    minify: true,
    ...(asset.out.endsWith(".js") ? { format: "iife", target: "es2018", platform: "browser" } : { target: ["chrome100", "firefox100", "safari15.4"] }),
    // Files a style sheet refers to (none today) stay where they are.
    external: ["*.woff2", "*.png", "*.svg"],
    legalComments: "none",
    write: false,
    logLevel: "warning",
  });
  const source = result.outputFiles[0].contents;
  manifest[asset.out] = {
    hash: createHash("sha256").update(source).digest("hex").slice(0, 10),
    bytes: source.byteLength,
    gzipBytes: gzipSync(source, { level: 9 }).byteLength,
  };
  writeFileSync(join(outDir, asset.out), source);
  console.log(`Embed: .embed/${asset.out} ${manifest[asset.out].bytes} B, ${manifest[asset.out].gzipBytes} B gzipped, hash ${manifest[asset.out].hash}`);
}
writeFileSync(join(outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
