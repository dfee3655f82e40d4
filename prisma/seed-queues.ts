// The demo's queue examples, so a newcomer's first look at the dashboard shows
// what each queue is for: a comment held with its reasons (Pending), a
// published comment a reader reported (Reported), and one filed as spam
// (Spam). They go through the real pipeline, report and decision functions,
// not straight into tables, so their reasons and logs are what the app makes.
// Idempotent: each example is made once, recognised by its author's address.
import { randomBytes } from "node:crypto";
import { submitComment, type RequestMeta } from "../lib/comments/submit-comment";
import type { PostingServices } from "../lib/comments/posting-services";
import { reportComment } from "../lib/comments/report-comment";
import type { Db } from "../lib/db";
import { createCaptcha } from "../lib/integrations/captcha";
import { decideComment } from "../lib/moderation/decisions";

/** The authors of the examples: their addresses mark each example as made. */
export const DEMO_QUEUE_AUTHORS = {
  held: { authorName: "Pat Newcomer", authorEmail: "pat.newcomer@example.net" },
  spam: { authorName: "Best Deals 4U", authorEmail: "deals@bulk-offers.example" },
} as const;

/** The note on the demo's reader report, which marks it as made. */
const REPORT_NOTE = "Demo report: a reader thinks this goes too far.";

// Documentation addresses (RFC 5737): one per example, so no flood limit trips.
const meta = (host: number): RequestMeta => ({ ip: `203.0.113.${host}`, userAgent: "demo seed", referrer: "" });

/** A captcha answered, as a reader's browser would (the seed's own question: "? − 1 = 1"). */
function solvedCaptcha(secret: string): { captchaToken: string; captchaAnswer: string } {
  return { captchaToken: createCaptcha(secret, new Date(), () => 0).token, captchaAnswer: "2" };
}

/** Adds the held, reported and spam examples to the article's thread, each unless it is there already. */
export async function seedDemoQueues(db: Db, input: { articleSlug: string; moderatorId: string }): Promise<void> {
  const services: PostingServices = { db, secret: randomBytes(32).toString("base64url"), spamChecker: null, akismetBlog: undefined };
  const hasComment = async (email: string) => (await db.comment.count({ where: { authorEmail: email } })) > 0;

  if (!(await hasComment(DEMO_QUEUE_AUTHORS.held.authorEmail))) {
    // A first-time author with two links: held by the first-time and link checks, each reason shown on the card.
    await submitComment(
      services,
      input.articleSlug,
      {
        ...DEMO_QUEUE_AUTHORS.held,
        body: "First time commenting here. The full report is at https://example.org/report and the data at https://example.org/data — worth reading before you judge.",
        ...solvedCaptcha(services.secret),
      },
      meta(10),
    );
  }

  if (!(await hasComment(DEMO_QUEUE_AUTHORS.spam.authorEmail))) {
    const posted = await submitComment(
      services,
      input.articleSlug,
      { ...DEMO_QUEUE_AUTHORS.spam, body: "Cheap watches and followers, best prices online, order today!", ...solvedCaptcha(services.secret) },
      meta(11),
    );
    await decideComment({ db, spamChecker: null }, { commentId: posted.id, action: "spam", moderatorId: input.moderatorId });
  }

  if ((await db.report.count({ where: { note: REPORT_NOTE } })) === 0) {
    // The thread's oldest published comment, reported by a reader; it stays published until a moderator decides.
    const target = await db.comment.findFirst({ where: { article: { slug: input.articleSlug }, status: "approved" }, orderBy: { createdAt: "asc" }, select: { id: true } });
    if (target) await reportComment(services, target.id, { reason: "abuse", note: REPORT_NOTE }, meta(12));
  }
}
