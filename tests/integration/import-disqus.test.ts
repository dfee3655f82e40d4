// Importing a Disqus export (tests/fixtures/import/disqus.xml, written after
// Disqus's export schema): threads as readers see them through the thread
// API, spam and deleted posts in the moderators' queues, a reply listed
// before its parent, a second run and a dry run that add nothing.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { importComments } from "@/lib/import/import-comments";
import { listQueue, queueQuerySchema } from "@/lib/moderation/queues";
import { readThreadShape, recordingBus } from "../support/import-threads";

const FIXTURE = "tests/fixtures/import/disqus.xml";
const FLOODS_URL = "https://news.example.com/2024/08/river-floods/";
const MARKETS_URL = "https://news.example.com/2024/08/markets/?utm_source=x";

async function countRows() {
  const db = getDb();
  const [sites, articles, comments] = await Promise.all([db.site.count(), db.article.count(), db.comment.count()]);
  return { sites, articles, comments };
}

const expectedCounts = {
  articles: { created: 2, matched: 0 },
  comments: { created: 11, skipped: 0, refused: 1, reparented: 2, pings: 0 },
  refusals: { "nothing readable is left of its text": 1 },
};

describe("importComments from a Disqus export", () => {
  it("with isDryRun counts what it would do and writes nothing", async () => {
    const summary = await importComments(getDb(), { format: "disqus", file: FIXTURE, isDryRun: true });
    expect(summary).toMatchObject({ isDryRun: true, createdSite: "news-example-com", ...expectedCounts });
    expect(await countRows()).toEqual({ sites: 0, articles: 0, comments: 0 });
  });

  it("creates the threads that have posts (not the empty one), with decoded titles, addresses without the fragment, UTC dates, and closed when Disqus closed them", async () => {
    const bus = recordingBus();
    const summary = await importComments(getDb(), { format: "disqus", file: FIXTURE, live: bus });
    expect(summary).toMatchObject({ isDryRun: false, createdSite: "news-example-com", ...expectedCounts });
    expect(await countRows()).toEqual({ sites: 1, articles: 2, comments: 11 });
    const articles = await getDb().article.findMany({ orderBy: { publishedAt: "asc" }, select: { title: true, url: true, publishedAt: true, commentsOpen: true, importKey: true } });
    expect(articles).toEqual([
      { title: "River floods: “what now?” & who pays — a Q&A", url: FLOODS_URL, publishedAt: new Date("2024-08-12T07:30:00Z"), commentsOpen: true, importKey: "disqus:la-tertulia#thread-2001" },
      { title: "Märkte & Börsen", url: MARKETS_URL, publishedAt: new Date("2024-08-14T07:30:00Z"), commentsOpen: false, importKey: "disqus:la-tertulia#thread-2003" },
    ]);
    expect(bus.events).toContainEqual({ type: "queues" });
    expect(bus.events.filter((event) => event.type === "thread")).toHaveLength(2);
  });

  it("shows readers the threads 4 replies deep, a reply listed before its parent under it, replies to spam and deleted posts re-parented", async () => {
    expect(await readThreadShape(getDb(), FLOODS_URL)).toEqual([
      {
        comment: "María José Pérez: First! The dam report is here. Second paragraph with a break.",
        replies: [
          {
            comment: "Νίκος Παπαδόπουλος: Reply, depth one — ελληνικά.",
            replies: [
              {
                comment: "山田 愛子: Depth two: nuance & details.",
                replies: [
                  {
                    comment: "Guest Reader: Depth three, listed before depth two.",
                    replies: [{ comment: "Olúwaseun Adé: Depth four: quoted text and my answer.", replies: [] }],
                  },
                ],
              },
              // Its parent (3008) was deleted: it hangs on 3008's parent.
              { comment: "Answerer: Answering the deleted one.", replies: [] },
            ],
          },
        ],
      },
      // Its parent (3006) is spam: it becomes top-level.
      { comment: "Curious Cat: Is this spam? Replying anyway.", replies: [] },
    ]);
    expect(await readThreadShape(getDb(), MARKETS_URL)).toEqual([{ comment: "Jürgen Groß: Die Märkte fallen.", replies: [] }]);
  });

  it("renders the messages through the allow-list: paragraphs, breaks, links and quotes stay, scripts and attributes go", async () => {
    const first = await getDb().comment.findUniqueOrThrow({ where: { importKey: "disqus:la-tertulia#post-3001" } });
    expect(first.body).toBe("First! The **dam** report is [here](https://report.example.org/dam).\n\nSecond paragraph\nwith a break.");
    expect(first.bodyHtml).toBe(
      '<p>First! The <strong>dam</strong> report is <a href="https://report.example.org/dam" rel="nofollow ugc noopener">here</a>.</p>\n<p>Second paragraph<br />\nwith a break.</p>',
    );
    for (const comment of await getDb().comment.findMany({ select: { bodyHtml: true } })) expect(comment.bodyHtml).not.toMatch(/script|cookie|target|title=/);
  });

  it("files spam (isSpam, also when deleted too) and deleted posts (isDeleted) in their queues, with e-mail, IP and date", async () => {
    const queue = (name: string) => listQueue(getDb(), queueQuerySchema.parse({ queue: name, order: "oldest" }));
    const spam = await queue("spam");
    expect(spam.counts).toEqual({ pending: 0, reported: 0, spam: 2, rejected: 1, approved: 8 });
    expect(spam.comments.map((comment) => comment.authorName)).toEqual(["Watch Seller", "Both Flags"]);
    expect(spam.comments[0]).toMatchObject({ authorEmail: "spam@spam.example", ip: "192.0.2.66", createdAt: "2024-08-12T08:25:00.000Z" });
    expect((await queue("rejected")).comments).toEqual([expect.objectContaining({ authorName: "Regretful", authorEmail: "regret@example.org", status: "rejected" })]);
    const approved = (await queue("approved")).comments;
    expect(approved[0]).toMatchObject({ authorName: "María José Pérez", authorEmail: "maria@example.es", ip: "203.0.113.10", createdAt: "2024-08-12T08:00:00.000Z" });
    // An anonymous Disqus guest has a name and no e-mail.
    expect(approved.find((comment) => comment.authorName === "Guest Reader")).toMatchObject({ authorEmail: "" });
  });

  it("adds nothing the second time", async () => {
    const before = await countRows();
    const summary = await importComments(getDb(), { format: "disqus", file: FIXTURE });
    expect(summary).toMatchObject({ createdSite: null, articles: { created: 0, matched: 2 }, comments: { created: 0, skipped: 11, refused: 1, reparented: 0 } });
    expect(await countRows()).toEqual(before);
  });

  it("puts new articles on the --site given, next to another site", async () => {
    const db = getDb();
    const other = await db.site.create({ data: { key: "other-paper", name: "Other paper", allowedOrigins: [] } });
    await db.comment.deleteMany({ where: { article: { url: MARKETS_URL } } });
    await db.article.deleteMany({ where: { url: MARKETS_URL } });
    const summary = await importComments(db, { format: "disqus", file: FIXTURE, siteKey: "other-paper" });
    expect(summary).toMatchObject({ articles: { created: 1, matched: 1 }, comments: { created: 2, skipped: 9 } });
    expect(await db.article.findFirstOrThrow({ where: { url: MARKETS_URL } })).toMatchObject({ siteId: other.id });
  });
});
