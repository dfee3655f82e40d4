// The demo content: one site, three articles and approved threads from
// fixtures/, one moderator (an administrator), and a comment in each of the
// Pending, Reported and Spam queues (prisma/seed-queues.ts). Seeding is
// idempotent: the content is made once, with the demo site; the queue
// examples each once, also in a demo seeded before they existed.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { hashPassword } from "../lib/auth/password";
import { renderCommentHtml } from "../lib/comments/render-body";
import type { Db } from "../lib/db";
import { seedDemoQueues } from "./seed-queues";

interface DemoComment {
  authorName: string;
  authorEmail: string;
  authorUrl?: string | undefined;
  at: string;
  body: string;
  replies?: DemoComment[] | undefined;
}

const demoCommentSchema: z.ZodType<DemoComment> = z.lazy(() =>
  z.object({
    authorName: z.string(),
    authorEmail: z.string(),
    authorUrl: z.string().url().optional(),
    at: z.iso.datetime(),
    body: z.string(),
    replies: z.array(demoCommentSchema).optional(),
  }),
);

const demoSchema = z.object({
  site: z.object({ key: z.string(), name: z.string(), allowedOrigins: z.array(z.string()), disclaimerFile: z.string() }),
  moderator: z.object({ email: z.string(), name: z.string(), role: z.enum(["admin", "moderator"]) }),
  articles: z.array(
    z.object({
      slug: z.string(),
      title: z.string(),
      url: z.string().url(),
      section: z.string(),
      author: z.string(),
      source: z.string(),
      sourceUrl: z.string().url(),
      publishedAt: z.iso.datetime(),
      tags: z.array(z.string()),
      bodyFile: z.string(),
      attribution: z.string(),
      comments: z.array(demoCommentSchema),
    }),
  ),
});

/** What seeding did, for the start-up message. */
export interface SeedResult {
  created: boolean;
  articleSlugs: string[];
  moderator: { email: string; password: string } | null;
}

async function createComments(db: Db, articleId: string, comments: DemoComment[], parent: { id: string; rootId: string; depth: number } | null): Promise<void> {
  for (const comment of comments) {
    const created = await db.comment.create({
      data: {
        articleId,
        parentId: parent?.id ?? null,
        rootId: parent ? parent.rootId : null,
        depth: parent ? parent.depth + 1 : 0,
        authorName: comment.authorName,
        authorEmail: comment.authorEmail.toLowerCase(),
        authorUrl: comment.authorUrl ?? null,
        body: comment.body,
        bodyHtml: renderCommentHtml(comment.body),
        status: "approved",
        createdAt: new Date(comment.at),
      },
    });
    const self = { id: created.id, rootId: parent ? parent.rootId : created.id, depth: parent ? parent.depth + 1 : 0 };
    await createComments(db, articleId, comment.replies ?? [], self);
  }
}

/** Seeds the demo once; returns the moderator's one-time password when it created one. */
export async function seedDemo(db: Db, fixturesDir = join(process.cwd(), "fixtures")): Promise<SeedResult> {
  const demo = demoSchema.parse(JSON.parse(readFileSync(join(fixturesDir, "demo.json"), "utf8")));
  const articleSlugs = demo.articles.map((article) => article.slug);
  if (await db.site.findUnique({ where: { key: demo.site.key } })) {
    await seedQueueExamples(db, demo.moderator.email, articleSlugs);
    return { created: false, articleSlugs, moderator: null };
  }

  const site = await db.site.create({
    data: {
      key: demo.site.key,
      name: demo.site.name,
      allowedOrigins: demo.site.allowedOrigins,
      disclaimer: readFileSync(join(fixturesDir, demo.site.disclaimerFile), "utf8").trim(),
    },
  });
  for (const article of demo.articles) {
    const created = await db.article.create({
      data: {
        siteId: site.id,
        slug: article.slug,
        externalId: article.slug,
        url: article.url,
        title: article.title,
        section: article.section,
        author: article.author,
        source: article.source,
        sourceUrl: article.sourceUrl,
        publishedAt: new Date(article.publishedAt),
        tags: article.tags,
        body: readFileSync(join(fixturesDir, article.bodyFile), "utf8"),
      },
    });
    await createComments(db, created.id, article.comments, null);
  }

  let moderator: SeedResult["moderator"] = null;
  if (!(await db.moderator.findUnique({ where: { email: demo.moderator.email } }))) {
    const password = randomBytes(9).toString("base64url");
    await db.moderator.create({
      data: { email: demo.moderator.email, name: demo.moderator.name, role: demo.moderator.role, passwordHash: await hashPassword(password) },
    });
    moderator = { email: demo.moderator.email, password };
  }
  await seedQueueExamples(db, demo.moderator.email, articleSlugs);
  return { created: true, articleSlugs, moderator };
}

/** The queue examples go under the demo's busiest thread (its first article), decided as the demo moderator. */
async function seedQueueExamples(db: Db, moderatorEmail: string, articleSlugs: string[]): Promise<void> {
  const moderator = await db.moderator.findUnique({ where: { email: moderatorEmail }, select: { id: true } });
  const articleSlug = articleSlugs[0];
  if (!moderator || !articleSlug) return;
  await seedDemoQueues(db, { articleSlug, moderatorId: moderator.id });
}
