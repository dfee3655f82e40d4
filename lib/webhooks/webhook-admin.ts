// Sites' webhooks as administrators manage them (dashboard and `npm run
// webhook:add`): add, change, pause, delete, and the delivery log. The secret
// is shown once, when it is made (or replaced), and never again: records
// carry no secret, and receivers keep their copy.
import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { requireValidInput } from "../validation/require-valid-input";
import { WEBHOOK_EVENTS, WEBHOOK_LIMITS, webhookInputSchema, webhookSecretSchema, webhookUpdateSchema, type WebhookEvent, type WebhookInput, type WebhookUpdate } from "../validation/webhook-input";
import { enqueueOutbox } from "../outbox/outbox";
import { requireWebhookUrl, type WebhookDestinationPolicy } from "./webhook-destination";
import { buildWebhookBody, WEBHOOK_TEST_EVENT } from "./webhook-events";

/** One try of one delivery, as the delivery log shows it. */
export interface DeliveryLogEntry {
  /** The outbox message (X-Tertulia-Delivery). */
  deliveryId: string;
  event: string;
  /** 1 for the first try; 0 for a delivery not tried yet. */
  attempt: number;
  /** When the try was made (or, not tried yet, when it is due). */
  at: string;
  /** What the receiver answered; null when no answer came. */
  status: number | null;
  error: string | null;
  durationMs: number | null;
  outcome: "delivered" | "failed" | "queued";
  /** On the latest failed try of a delivery that will be tried again: when. */
  retryAt: string | null;
  /** On the latest try of a delivery given up. */
  isGivenUp: boolean;
}

/** A hook as the dashboard and the API show it (no secret). */
export interface WebhookRecord {
  id: string;
  siteId: string;
  siteKey: string;
  siteName: string;
  url: string;
  events: WebhookEvent[];
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  /** The latest tries, newest first. */
  log: DeliveryLogEntry[];
}

/** How many log entries a hook shows. */
export const DELIVERY_LOG_LENGTH = 20;

/** A new secret for a hook: 32 random bytes as hex, like `openssl rand -hex 32`. */
export function generateWebhookSecret(): string {
  return randomBytes(32).toString("hex");
}

const hookSelect = { id: true, siteId: true, url: true, events: true, isActive: true, createdAt: true, updatedAt: true, site: { select: { key: true, name: true } } } as const;
type HookRow = Prisma.WebhookGetPayload<{ select: typeof hookSelect }>;

const eventOf = (payload: Prisma.JsonValue): string =>
  typeof payload === "object" && payload !== null && !Array.isArray(payload) && typeof payload.event === "string" ? payload.event : "unknown";

/** A hook's latest deliveries, flattened into tries, newest first. */
export async function readDeliveryLog(db: Db, webhookId: string, limit = DELIVERY_LOG_LENGTH): Promise<DeliveryLogEntry[]> {
  const messages = await db.outboxMessage.findMany({
    where: { webhookId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, payload: true, sentAt: true, failedAt: true, nextAttemptAt: true, deliveryAttempts: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { status: true, error: true, durationMs: true, createdAt: true } } },
  });
  const entries: DeliveryLogEntry[] = [];
  for (const message of messages) {
    const event = eventOf(message.payload);
    const isWaiting = message.sentAt === null && message.failedAt === null;
    const tries = message.deliveryAttempts;
    if (tries.length === 0) {
      entries.push({ deliveryId: message.id, event, attempt: 0, at: message.nextAttemptAt.toISOString(), status: null, error: null, durationMs: null, outcome: "queued", retryAt: null, isGivenUp: false });
      continue;
    }
    tries.forEach((attempt, index) => {
      const isLatest = index === tries.length - 1;
      const isFailure = attempt.error !== null;
      entries.push({
        deliveryId: message.id,
        event,
        attempt: index + 1,
        at: attempt.createdAt.toISOString(),
        status: attempt.status,
        error: attempt.error,
        durationMs: attempt.durationMs,
        outcome: isFailure ? "failed" : "delivered",
        retryAt: isLatest && isFailure && isWaiting ? message.nextAttemptAt.toISOString() : null,
        isGivenUp: isLatest && message.failedAt !== null,
      });
    });
  }
  return entries.sort((a, b) => b.at.localeCompare(a.at) || b.attempt - a.attempt).slice(0, limit);
}

async function toRecord(db: Db, row: HookRow): Promise<WebhookRecord> {
  // Field by field: the secret must not ride along in a spread.
  return {
    id: row.id,
    siteId: row.siteId,
    siteKey: row.site.key,
    siteName: row.site.name,
    url: row.url,
    events: WEBHOOK_EVENTS.filter((event) => row.events.includes(event)),
    isActive: row.isActive,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    log: await readDeliveryLog(db, row.id),
  };
}

/** Every hook (of one site, with `siteId`), grouped by site, oldest first, each with its delivery log. */
export async function listWebhooks(db: Db, options: { siteId?: string } = {}): Promise<WebhookRecord[]> {
  const rows = await db.webhook.findMany({
    where: options.siteId ? { siteId: options.siteId } : {},
    orderBy: [{ site: { createdAt: "asc" } }, { siteId: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: hookSelect,
  });
  return Promise.all(rows.map((row) => toRecord(db, row)));
}

/** A hook with its secret, returned only when the secret was just made or given. */
export interface WebhookWithSecret {
  webhook: WebhookRecord;
  secret: string;
}

function notFound(): AppError {
  return new AppError("not_found", "api.webhooks.notFound");
}

async function requireNoOtherHookAt(db: Db, siteId: string, url: string, exceptId: string | null): Promise<void> {
  const existing = await db.webhook.findFirst({ where: { siteId, url, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
  if (existing) throw new AppError("duplicate", "api.webhooks.duplicate", { fields: { url: "api.webhooks.duplicateField" } });
}

/**
 * Adds a hook to a site (every event unless some are chosen) and returns it
 * with its secret, given or generated, to show once. Throws `validation` for
 * bad input or a refused URL, `duplicate` when the site has a hook at that URL.
 */
export async function createWebhook(db: Db, input: WebhookInput, policy: WebhookDestinationPolicy): Promise<WebhookWithSecret> {
  const { siteId, url: shapedUrl, events, secret: givenSecret } = requireValidInput(webhookInputSchema, input);
  const url = requireWebhookUrl(shapedUrl, policy);
  const site = await db.site.findUnique({ where: { id: siteId }, select: { id: true, _count: { select: { webhooks: true } } } });
  if (!site) throw new AppError("validation", "api.webhooks.noSuchSite", { fields: { siteId: "api.webhooks.noSuchSiteField" } });
  if (site._count.webhooks >= WEBHOOK_LIMITS.hooksPerSite) {
    throw new AppError("validation", "api.webhooks.tooMany", { fields: { siteId: "api.webhooks.tooManyField" }, params: { max: WEBHOOK_LIMITS.hooksPerSite } });
  }
  await requireNoOtherHookAt(db, site.id, url, null);
  const secret = givenSecret ?? generateWebhookSecret();
  const row = await db.webhook.create({ data: { siteId: site.id, url, events, secret }, select: hookSelect });
  return { webhook: await toRecord(db, row), secret };
}

/** What the command line gives: the site by its key; events and secret optional. */
export interface WebhookCommandInput {
  siteKey: string;
  url: string;
  events?: string[] | undefined;
  secret?: string | undefined;
}

/**
 * The command line's create-or-update: the site's hook at this URL gets the
 * given events and secret and is resumed; without one, a hook is added. The
 * secret comes back when it was made or given (to print once), else null.
 */
export async function createOrUpdateWebhook(
  db: Db,
  input: WebhookCommandInput,
  policy: WebhookDestinationPolicy,
): Promise<{ webhook: WebhookRecord; created: boolean; secret: string | null }> {
  const site = await db.site.findUnique({ where: { key: input.siteKey }, select: { id: true } });
  if (!site) throw new AppError("validation", "api.webhooks.noSiteWithKey", { fields: { siteKey: "api.webhooks.noSiteWithKeyField" }, params: { siteKey: input.siteKey } });
  const checked = requireValidInput(webhookInputSchema, { siteId: site.id, url: input.url, events: input.events, secret: input.secret });
  const url = requireWebhookUrl(checked.url, policy);
  const existing = await db.webhook.findFirst({ where: { siteId: site.id, url }, select: { id: true } });
  if (!existing) {
    const { webhook, secret } = await createWebhook(db, { siteId: site.id, url, events: checked.events, secret: checked.secret }, policy);
    return { webhook, created: true, secret };
  }
  const row = await db.webhook.update({
    where: { id: existing.id },
    data: { isActive: true, ...(input.events !== undefined ? { events: checked.events } : {}), ...(checked.secret !== undefined ? { secret: checked.secret } : {}) },
    select: hookSelect,
  });
  return { webhook: await toRecord(db, row), created: false, secret: checked.secret ?? null };
}

/**
 * Changes a hook: its URL, its events, paused or active, or a new generated
 * secret (returned once; waiting deliveries are signed with it). Throws
 * `validation`, `duplicate` or `not_found`.
 */
export async function updateWebhook(db: Db, id: string, input: WebhookUpdate, policy: WebhookDestinationPolicy): Promise<{ webhook: WebhookRecord; secret: string | null }> {
  const changes = requireValidInput(webhookUpdateSchema, input);
  const hook = await db.webhook.findUnique({ where: { id }, select: { id: true, siteId: true } });
  if (!hook) throw notFound();
  const url = changes.url === undefined ? undefined : requireWebhookUrl(changes.url, policy);
  if (url !== undefined) await requireNoOtherHookAt(db, hook.siteId, url, hook.id);
  const secret = changes.rotateSecret ? generateWebhookSecret() : null;
  const row = await db.webhook.update({
    where: { id },
    data: {
      ...(url !== undefined ? { url } : {}),
      ...(changes.events !== undefined ? { events: changes.events } : {}),
      ...(changes.isActive !== undefined ? { isActive: changes.isActive } : {}),
      ...(secret !== null ? { secret } : {}),
    },
    select: hookSelect,
  });
  return { webhook: await toRecord(db, row), secret };
}

/** Deletes a hook with its deliveries and their log. Throws `not_found`. */
export async function deleteWebhook(db: Db, id: string): Promise<void> {
  try {
    await db.webhook.delete({ where: { id } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") throw notFound();
    throw error;
  }
}

/** Checks a secret given on the command line before the database is opened. */
export function requireWebhookSecret(secret: string): string {
  return requireValidInput(webhookSecretSchema, secret);
}

/**
 * Queues a `webhook.test` delivery to one hook, so an administrator can watch
 * their receiver take it (or the log say why not): a made-up comment on the
 * site's latest article. Throws `not_found`, or `validation` for a paused hook.
 */
export async function sendTestEvent(db: Db, id: string, now = new Date()): Promise<{ deliveryId: string }> {
  const hook = await db.webhook.findUnique({ where: { id }, select: { id: true, isActive: true, site: { select: { id: true, key: true, articles: { orderBy: { publishedAt: "desc" }, take: 1, select: { slug: true, url: true, title: true } } } } } });
  if (!hook) throw notFound();
  if (!hook.isActive) throw new AppError("validation", "api.webhooks.paused", { fields: { isActive: "api.webhooks.pausedField" } });
  const article = hook.site.articles[0] ?? { slug: "example-article", url: "https://news.example/example-article", title: "An example article" };
  const comment = { id: `test_${now.getTime().toString(36)}`, parentId: null, authorName: "Tertulia", bodyHtml: "<p>A test delivery from Tertulia&rsquo;s dashboard.</p>", status: "approved", createdAt: now };
  const body = buildWebhookBody({ type: WEBHOOK_TEST_EVENT, comment, article, site: hook.site }, now);
  // Keyed by the event's own id: the way to find the row just written (enqueueOutbox counts rows, it does not name them).
  const dedupeKey = `webhook-test:${hook.id}:${body.id}`;
  await enqueueOutbox(db, [{ kind: "webhook", payload: body as unknown as Prisma.InputJsonObject, webhookId: hook.id, dedupeKey }]);
  const message = await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey }, select: { id: true } });
  return { deliveryId: message.id };
}
