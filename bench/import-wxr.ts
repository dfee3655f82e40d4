// How fast, and in how much memory, a large WordPress export imports:
//   npx tsx bench/import-wxr.ts [--comments 100000] [--per-post 100]
// Writes a generated WXR (streamed to a temporary file: posts with threads a
// few levels deep, every status, a few pingbacks, markup in the comments),
// imports it into a fresh embedded database in a temporary directory, and
// prints comments/s and the process's peak RSS before and during the import.
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../lib/db";
import { importComments } from "../lib/import/import-comments";
import { applyMigrations } from "../lib/migrations";
import { createRandom } from "./support/seeded-random";

const { values } = parseArgs({ options: { comments: { type: "string", default: "100000" }, "per-post": { type: "string", default: "100" } } });
const totalComments = Number(values.comments);
const perPost = Number(values["per-post"]);

const statuses = ["1", "1", "1", "1", "1", "1", "1", "0", "spam", "trash"] as const;
const words = "the river council report vote flood bridge budget school market reader people city night year question answer".split(" ");

/** Writes the export a post at a time, waiting for the file to drain. */
async function writeExport(file: string): Promise<number> {
  const random = createRandom(16);
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench &amp; Co</title><link>https://bench.example.org</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example.org</wp:base_site_url>
`);
  let commentId = 0;
  let written = 0;
  for (let post = 1; written < totalComments; post += 1) {
    await write(`<item><title>Post ${post}: ${words[post % words.length]} &amp;#8217; news</title><link>https://bench.example.org/${post}/</link><wp:post_id>${post}</wp:post_id>
<content:encoded><![CDATA[<p>${"A long article body. ".repeat(200)}</p>]]></content:encoded><wp:post_date_gmt>2024-01-01 00:00:00</wp:post_date_gmt><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
`);
    const first = commentId + 1;
    for (let index = 0; index < perPost && written < totalComments; index += 1) {
      commentId += 1;
      written += 1;
      // A third are replies to an earlier comment of the post; every 500th is a pingback.
      const parent = commentId > first && random() < 0.35 ? first + Math.floor(random() * (commentId - first)) : 0;
      const type = commentId % 500 === 0 ? "pingback" : "";
      const text = Array.from({ length: 12 + Math.floor(random() * 40) }, () => words[Math.floor(random() * words.length)]).join(" ");
      const when = new Date(Date.UTC(2024, 0, 1) + commentId * 60_000).toISOString().slice(0, 19).replace("T", " ");
      await write(`<wp:comment><wp:comment_id>${commentId}</wp:comment_id><wp:comment_author><![CDATA[Reader ${commentId % 5000} Ñ]]></wp:comment_author><wp:comment_author_email>reader${commentId % 5000}@example.org</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP>198.51.100.${commentId % 250}</wp:comment_author_IP><wp:comment_date_gmt>${when}</wp:comment_date_gmt><wp:comment_content><![CDATA[${text}, <strong>${text.slice(0, 20)}</strong>\n<a href="https://example.org/${commentId}">link</a>]]></wp:comment_content><wp:comment_approved>${statuses[commentId % statuses.length]}</wp:comment_approved><wp:comment_type>${type}</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>
`);
    }
    await write("</item>\n");
  }
  await write("</channel></rss>\n");
  out.end();
  await once(out, "finish");
  return written;
}

function megabytes(kilobytes: number): string {
  return `${(kilobytes / 1024).toFixed(0)} MB`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-import-wxr-"));
  try {
    const file = join(dir, "export.xml");
    let started = Date.now();
    const written = await writeExport(file);
    console.log(`Generated ${written.toLocaleString("en")} comments (${(statSync(file).size / 1024 / 1024).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const database = openDatabase({ embeddedDir: join(dir, "pglite") });
    await database.ready;
    await applyMigrations(database);
    const rssBefore = process.resourceUsage().maxRSS;
    const residentBefore = process.memoryUsage().rss / 1024;
    // Sampled as it runs: the peak alone says nothing once opening the database has set it.
    let residentPeak = residentBefore;
    let heapPeak = process.memoryUsage().heapUsed / 1024;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      residentPeak = Math.max(residentPeak, usage.rss / 1024);
      heapPeak = Math.max(heapPeak, usage.heapUsed / 1024);
    }, 100);
    started = Date.now();
    const summary = await importComments(database.prisma, { format: "wxr", file });
    const seconds = (Date.now() - started) / 1000;
    const rssPeak = process.resourceUsage().maxRSS;
    clearInterval(sampler);
    const stored = await database.prisma.comment.count();
    await database.close();

    const { comments, articles } = summary;
    console.log(`Imported into a fresh embedded database: ${comments.created.toLocaleString("en")} comments created (${stored.toLocaleString("en")} stored), ${comments.pings} pingbacks skipped, ${comments.reparented} re-parented, ${articles.created} articles`);
    console.log(`${seconds.toFixed(1)} s: ${Math.round(comments.created / seconds).toLocaleString("en")} comments/s`);
    console.log(`Peak RSS (maxRSS): ${megabytes(rssBefore)} once the database was open and migrated, ${megabytes(rssPeak)} by the end of the import`);
    console.log(`RSS sampled every 100 ms: ${megabytes(residentBefore)} before the import, at most ${megabytes(residentPeak)} during it; JavaScript heap at most ${megabytes(heapPeak)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
