import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { ModerationQueueView, type QueueFilterErrors, type QueueFilters } from "@/components/moderation/queue/moderation-queue";
import { listArticles } from "@/lib/articles/list-articles";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { moderationQueues, type ModerationQueue } from "@/lib/moderation/queue-names";
import { listQueue, queueQuerySchema, type QueuePage, type QueueQuery } from "@/lib/moderation/queues";
import "@/components/moderation/queue/queue.css";
import { requireModeratorPage } from "../../moderator-page";
import { getQueueCounts } from "../../queue-counts";

type PageProps = {
  params: Promise<{ queue: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Catalog keys: the queue writes them in the page's language.
const CURSOR_ERROR = "dashboard.queue.cursorError";

function isQueue(value: string): value is ModerationQueue {
  return (moderationQueues as readonly string[]).includes(value);
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined || single.trim() === "" ? undefined : single;
}

/** Each filter on its own: a bad one is reported beside its field and left out, the others still apply. */
function parseFilters(queue: ModerationQueue, searchParams: Record<string, string | string[] | undefined>): { query: QueueQuery; filters: QueueFilters; errors: QueueFilterErrors } {
  const { shape } = queueQuerySchema;
  const errors: QueueFilterErrors = {};
  const raw = { order: firstValue(searchParams.order), article: firstValue(searchParams.article), author: firstValue(searchParams.author), cursor: firstValue(searchParams.cursor) };
  const order = shape.order.safeParse(raw.order);
  if (!order.success) errors.order = "dashboard.queue.orderError";
  const article = shape.article.safeParse(raw.article);
  // Once empty values are dropped, length is all the schema can object to.
  if (!article.success) errors.article = "dashboard.queue.articleError";
  const author = shape.author.safeParse(raw.author);
  if (!author.success) errors.author = "dashboard.queue.authorError";
  const cursor = shape.cursor.safeParse(raw.cursor);
  if (!cursor.success) errors.cursor = CURSOR_ERROR;
  const query: QueueQuery = {
    queue,
    order: order.success ? order.data : "newest",
    article: article.success ? article.data : undefined,
    author: author.success ? author.data : undefined,
    cursor: cursor.success ? cursor.data : undefined,
    limit: shape.limit.parse(undefined),
  };
  // The fields keep what was typed, so the moderator can correct it.
  return { query, filters: { order: query.order, article: raw.article ?? "", author: raw.author ?? "" }, errors };
}

/** The first page, dropping each filter the database refuses (an unknown article, a stale cursor) and saying why. */
async function loadFirstPage(query: QueueQuery, errors: QueueFilterErrors): Promise<QueuePage> {
  let attempt: QueueQuery = { ...query };
  for (;;) {
    try {
      return await listQueue(getDb(), attempt, { counts: await getQueueCounts() });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "validation") throw error;
      const fields = error.fields ?? {};
      const field = (["cursor", "article", "author"] as const).find((name) => name in fields && attempt[name] !== undefined);
      if (!field) throw error;
      errors[field] = field === "cursor" ? CURSOR_ERROR : error.message;
      attempt = { ...attempt, [field]: undefined };
    }
  }
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const { queue } = await params;
  const { t } = await getRequestTranslator();
  return { title: isQueue(queue) ? t(`dashboard.queues.${queue}`) : t("dashboard.queueNotFound") };
}

export default async function ModerationQueuePage({ params, searchParams }: PageProps) {
  await requireModeratorPage();
  const { queue } = await params;
  if (!isQueue(queue)) notFound();
  const { query, filters, errors } = parseFilters(queue, await searchParams);
  const [page, articles] = await Promise.all([loadFirstPage(query, errors), listArticles(getDb(), { limit: 200, audience: "moderators" })]);
  // A new filter or position starts a fresh queue; router.refresh() (same key) keeps the moderator's place.
  const key = [queue, query.order, query.article ?? "", query.author ?? "", query.cursor ?? ""].join("\u0000");
  return (
    <ModerationQueueView
      key={key}
      queue={queue}
      initialPage={page}
      filters={filters}
      appliedQuery={{ order: query.order, article: errors.article ? undefined : query.article, author: errors.author ? undefined : query.author }}
      errors={errors}
      articles={articles.map((article) => ({ slug: article.slug, title: article.title }))}
      now={new Date().toISOString()}
    />
  );
}
