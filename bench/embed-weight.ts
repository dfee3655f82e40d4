// Benchmark: what embedding a thread costs a reader in JS and CSS. Prints the
// loader's size (raw and gzipped) and, given a running server, loads a framed
// 50-comment thread in headless Chromium and totals every script and style
// sheet it downloads, next to what other comment systems ship.
//
//   npx tsx bench/embed-weight.ts                                   # the loader only, and how to measure a thread
//   npx tsx bench/embed-weight.ts --seed                            # writes a 50-comment bench thread into the configured database
//   npx tsx bench/embed-weight.ts --base http://127.0.0.1:3300 [--site bench-embed --article bench-50-comments] [--host-origin http://bench-host.localhost]
//   npx tsx bench/embed-weight.ts --frame-url 'http://127.0.0.1:3300/embed/SITE/ARTICLE'
//
// Gzip sizes are computed here (gzip -9 of each decoded body), so they do not
// depend on whether the server compresses. The framed page is loaded twice:
// on its own (the frame's weight) and inside a stand-in article page at
// --host-origin that includes /embed.js the way a site would (loader + frame);
// for the second, --host-origin must be one of the site's allowed origins
// (the default, http://bench-host.localhost, is the one --seed allows).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page, type Response } from "@playwright/test";
import { renderCommentHtml } from "../lib/comments/render-body";
import { closeDatabase, getDatabase } from "../lib/db";
import { applyMigrations } from "../lib/migrations";
import { loadEnvFiles } from "../scripts/load-env-files";

const BENCH_SITE = "bench-embed";
const BENCH_ARTICLE = "bench-50-comments";
const BENCH_COMMENTS = 50;

/** What other comment systems ship to a reader (gzipped, as their projects report it). */
const ANCHORS: { name: string; kilobytes: number; note: string }[] = [
  { name: "Cusdis", kilobytes: 5, note: "≈ 5 KB" },
  { name: "Isso", kilobytes: 20, note: "20 KB" },
  { name: "Coral", kilobytes: 30, note: "embed ≤ 30 KB, plus its app in the frame" },
  { name: "Waline", kilobytes: 53, note: "53 KB" },
  { name: "Remark42", kilobytes: 73, note: "≈ 73 KB" },
];

/** One script or style sheet a page downloaded. */
export interface ResourceWeight {
  url: string;
  kind: "script" | "stylesheet";
  /** Whether the embedding page (rather than the framed thread) loaded it. */
  isHostPage: boolean;
  bytes: number;
  gzipBytes: number;
}

/** Everything one page load downloaded, by kind. */
export interface PageWeight {
  resources: ResourceWeight[];
  document: { bytes: number; gzipBytes: number };
  /** Other responses (fonts, images, data requests): counted, not totalled with JS and CSS. */
  other: { count: number; bytes: number };
}

function gzipSize(body: Buffer): number {
  return gzipSync(body, { level: 9 }).byteLength;
}

function formatKilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function sum(resources: { bytes: number; gzipBytes: number }[]): { bytes: number; gzipBytes: number } {
  return resources.reduce((total, item) => ({ bytes: total.bytes + item.bytes, gzipBytes: total.gzipBytes + item.gzipBytes }), { bytes: 0, gzipBytes: 0 });
}

/** Launches Debian's Chromium the way the e2e tests do. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
}

/** Records every response of a page from now on, with its body, until `finish` is called. */
function recordResponses(page: Page): { finish: () => Promise<PageWeight> } {
  const pending: Promise<void>[] = [];
  const weight: PageWeight = { resources: [], document: { bytes: 0, gzipBytes: 0 }, other: { count: 0, bytes: 0 } };
  page.on("response", (response: Response) => {
    pending.push(
      (async () => {
        const type = response.request().resourceType();
        const body = await response.body().catch(() => null);
        if (!body) return;
        if (type === "script" || type === "stylesheet") {
          const isHostPage = response.frame() === page.mainFrame() && !response.request().frame().url().includes("/embed/");
          weight.resources.push({ url: response.url(), kind: type, isHostPage, bytes: body.byteLength, gzipBytes: gzipSize(body) });
        } else if (type === "document" && response.url().includes("/embed/")) {
          weight.document = { bytes: body.byteLength, gzipBytes: gzipSize(body) };
        } else if (type !== "document") {
          weight.other.count += 1;
          weight.other.bytes += body.byteLength;
        }
      })(),
    );
  });
  return {
    finish: async () => {
      await Promise.all(pending);
      return weight;
    },
  };
}

/** Loads a framed thread as a top-level page and weighs what it downloads. */
export async function measureFramedPage(browser: Browser, frameUrl: string): Promise<PageWeight> {
  const page = await browser.newPage();
  try {
    const recorder = recordResponses(page);
    // Not "networkidle": the frame keeps its live-updates stream open for as long as it is shown.
    const response = await page.goto(frameUrl, { waitUntil: "load" });
    if (!response?.ok()) throw new Error(`${frameUrl} answered ${response?.status() ?? "nothing"}`);
    return await recorder.finish();
  } finally {
    await page.close();
  }
}

/** What embedding through the loader showed, besides the weight. */
export interface EmbeddedResult extends PageWeight {
  /** The frame's height once its first height message arrived, or null if none did. */
  frameHeight: number | null;
}

/**
 * Serves a stand-in article page at `hostOrigin` (inside the browser, so no
 * server is needed) that includes the loader like a site would, and weighs
 * the loader and the framed thread it inserts.
 */
export async function measureEmbeddedThread(browser: Browser, options: { base: string; site: string; article: string; hostOrigin: string }): Promise<EmbeddedResult> {
  // A stand-in page counts as public: Chromium lets it reach a server on loopback only with this permission.
  const context = await browser.newContext({ permissions: ["local-network-access"] });
  const page = await context.newPage();
  try {
    const hostUrl = `${options.hostOrigin}/bench-article`;
    const escape = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    await page.route(hostUrl, (route) =>
      route.fulfill({
        contentType: "text/html; charset=utf-8",
        body: `<!doctype html><html><head><title>Bench article</title></head><body><h1>Bench article</h1><p>Text.</p>
<div data-comments data-site="${escape(options.site)}" data-article="${escape(options.article)}" data-url="${escape(hostUrl)}" data-title="Bench article"></div>
<script src="${escape(options.base)}/embed.js" async></script></body></html>`,
      }),
    );
    const recorder = recordResponses(page);
    await page.goto(hostUrl, { waitUntil: "load" });
    const frameHeight = await page
      .waitForFunction(() => {
        const frame = document.querySelector<HTMLIFrameElement>("[data-comments] iframe");
        return frame && frame.style.height !== "150px" ? Number.parseFloat(frame.style.height) : null;
      }, undefined, { timeout: 10_000 })
      .then((handle) => handle.jsonValue())
      .catch(() => null);
    // Every frame's scripts and style sheets are in once each document has loaded (the live stream never goes idle).
    await Promise.all(page.frames().map((frame) => frame.waitForLoadState("load")));
    return { ...(await recorder.finish()), frameHeight };
  } finally {
    await context.close();
  }
}

function printWeight(label: string, weight: PageWeight): void {
  console.log(`\n${label}`);
  for (const resource of [...weight.resources].sort((a, b) => b.gzipBytes - a.gzipBytes)) {
    const path = new URL(resource.url).pathname;
    console.log(`  ${resource.kind.padEnd(10)} ${formatKilobytes(resource.bytes).padStart(9)} ${formatKilobytes(resource.gzipBytes).padStart(9)} gz  ${resource.isHostPage ? "[host] " : ""}${path}`);
  }
  const scripts = sum(weight.resources.filter((resource) => resource.kind === "script"));
  const styles = sum(weight.resources.filter((resource) => resource.kind === "stylesheet"));
  const all = sum(weight.resources);
  console.log(`  JS:  ${formatKilobytes(scripts.bytes)} raw, ${formatKilobytes(scripts.gzipBytes)} gzipped (${weight.resources.filter((r) => r.kind === "script").length} files)`);
  console.log(`  CSS: ${formatKilobytes(styles.bytes)} raw, ${formatKilobytes(styles.gzipBytes)} gzipped (${weight.resources.filter((r) => r.kind === "stylesheet").length} files)`);
  console.log(`  JS + CSS: ${formatKilobytes(all.bytes)} raw, ${formatKilobytes(all.gzipBytes)} gzipped`);
  console.log(`  thread HTML: ${formatKilobytes(weight.document.bytes)} raw, ${formatKilobytes(weight.document.gzipBytes)} gzipped; other responses: ${weight.other.count}, ${formatKilobytes(weight.other.bytes)}`);
  console.log(`  anchors (JS + CSS, gzipped): ${ANCHORS.map((anchor) => `${anchor.name} ${anchor.note}`).join("; ")}`);
  const lighter = ANCHORS.filter((anchor) => all.gzipBytes <= anchor.kilobytes * 1024).map((anchor) => anchor.name);
  console.log(`  → ${formatKilobytes(all.gzipBytes)} gzipped: ${lighter.length ? `no heavier than ${lighter.join(", ")}` : "heavier than every anchor"}`);
}

function printLoader(): void {
  const path = join(process.cwd(), ".embed", "embed.js");
  if (!existsSync(path)) {
    console.log("Loader: not built — run `npm run build:embed`");
    return;
  }
  const source = readFileSync(path);
  const manifestPath = join(process.cwd(), ".embed", "manifest.json");
  type Built = { hash: string; bytes: number; gzipBytes: number };
  const manifest = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, Built | undefined>) : {};
  const loader = manifest["embed.js"];
  console.log(`Loader /embed.js: ${source.byteLength} B raw, ${gzipSize(source)} B gzipped (budget 3072 B)${loader ? `; manifest: hash ${loader.hash}, ${loader.bytes} B, ${loader.gzipBytes} B gzipped` : ""}`);
  for (const [name, built] of Object.entries(manifest)) {
    if (name !== "embed.js" && built) console.log(`Frame asset .embed/${name}: ${built.bytes} B raw, ${built.gzipBytes} B gzipped`);
  }
}

/** Writes (or refreshes) the bench site and its 50-comment thread in the configured database. */
async function seedBenchThread(hostOrigin: string): Promise<void> {
  loadEnvFiles();
  const database = getDatabase();
  await applyMigrations(database);
  const db = database.prisma;
  const site = await db.site.upsert({
    where: { key: BENCH_SITE },
    update: { allowedOrigins: [hostOrigin] },
    create: { key: BENCH_SITE, name: "Embed weight bench", allowedOrigins: [hostOrigin] },
  });
  const article = await db.article.upsert({
    where: { siteId_externalId: { siteId: site.id, externalId: BENCH_ARTICLE } },
    update: {},
    create: {
      siteId: site.id,
      slug: `${BENCH_SITE}-${BENCH_ARTICLE}`,
      externalId: BENCH_ARTICLE,
      url: `${hostOrigin}/bench-article`,
      title: "Bench article",
      publishedAt: new Date("2026-01-01T00:00:00.000Z"),
      tags: [],
    },
  });
  await db.comment.deleteMany({ where: { articleId: article.id } });
  // 35 top-level comments, 15 replies spread under the first few: a thread of the usual shape.
  const roots: { id: string }[] = [];
  for (let index = 0; index < BENCH_COMMENTS; index++) {
    const isReply = index >= 35;
    const parent = isReply ? roots[(index - 35) % 5]! : null;
    const body = `Comment ${index + 1}: a considered reply about the article, with **some emphasis**, a [link](https://example.org/source-${index}) and enough words to look like a real comment on a news story.\n\nA second paragraph, as many comments have.`;
    const created = await db.comment.create({
      data: {
        articleId: article.id,
        parentId: parent?.id ?? null,
        rootId: parent?.id ?? null,
        depth: parent ? 1 : 0,
        authorName: `Reader ${index + 1}`,
        authorEmail: `reader-${index + 1}@bench.example`,
        body,
        bodyHtml: renderCommentHtml(body),
        status: "approved",
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, index)),
      },
    });
    if (!isReply) roots.push(created);
  }
  await closeDatabase();
  console.log(`Seeded site "${BENCH_SITE}" (allowed origin ${hostOrigin}), article "${BENCH_ARTICLE}" with ${BENCH_COMMENTS} approved comments.`);
}

const { values } = parseArgs({
  options: {
    base: { type: "string" },
    site: { type: "string", default: BENCH_SITE },
    article: { type: "string", default: BENCH_ARTICLE },
    "frame-url": { type: "string" },
    "host-origin": { type: "string", default: "http://bench-host.localhost" },
    seed: { type: "boolean", default: false },
  },
});

printLoader();
if (values.seed) {
  await seedBenchThread(values["host-origin"]);
} else if (!values.base && !values["frame-url"]) {
  console.log(`
To weigh a framed thread, give a running server:
  1. Create the bench thread (${BENCH_COMMENTS} approved comments) in the server's database:
       npx tsx bench/embed-weight.ts --seed
     (reads .env like the app; with the embedded database, stop the server first: two processes must not open one PGlite directory)
  2. Start the server (npm run build && PORT=3300 npm start) and run:
       npx tsx bench/embed-weight.ts --base http://127.0.0.1:3300
  Or weigh any existing thread: --base URL --site KEY --article KEY [--host-origin an allowed origin of the site],
  or any framed URL on its own: --frame-url 'http://127.0.0.1:3300/embed/SITE/ARTICLE'`);
} else {
  const frameUrl = values["frame-url"] ?? `${values.base!.replace(/\/+$/, "")}/embed/${encodeURIComponent(values.site)}/${encodeURIComponent(values.article)}`;
  const browser = await launchBrowser();
  try {
    printWeight(`Framed thread on its own: ${frameUrl}`, await measureFramedPage(browser, frameUrl));
    if (values.base) {
      const embedded = await measureEmbeddedThread(browser, { base: values.base.replace(/\/+$/, ""), site: values.site, article: values.article, hostOrigin: values["host-origin"] });
      printWeight(`Embedded through /embed.js in a page at ${values["host-origin"]} (loader + frame)`, embedded);
      console.log(
        embedded.frameHeight === null
          ? "  height: no height message arrived within 10 s (is the host origin one of the site's allowed origins? does the frame post tertulia:height?)"
          : `  height: the frame reported ${embedded.frameHeight} px and was resized`,
      );
    }
  } finally {
    await browser.close();
  }
}
