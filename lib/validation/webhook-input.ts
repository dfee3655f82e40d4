// What makes a webhook: one set of field rules for the dashboard's form
// (client), the webhooks API and `npm run webhook:add`. Only the URL's shape is
// checked here; where it may point (never the app itself, never a cloud's
// metadata address) is the server's check, lib/webhooks/webhook-destination.ts.
import { z } from "zod";

/** The events a hook can subscribe to (SPEC.md, `webhook:add`). */
export const WEBHOOK_EVENTS = ["comment.created", "comment.approved", "comment.rejected"] as const;

/** One of WEBHOOK_EVENTS. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Limits shown on the form and enforced by the server. */
export const WEBHOOK_LIMITS = {
  urlMaxLength: 2000,
  secretMin: 16,
  secretMax: 200,
  hooksPerSite: 10,
} as const;

/** A URL's shape, or why it is not a webhook URL. */
export type WebhookUrlCheck = { url: string } | { problem: string };

/**
 * Reads a webhook URL: http or https, no user name or password (the signature
 * authenticates us to the receiver, and the URL is shown in the dashboard),
 * no fragment. Returns it normalised as `new URL(x).href` spells it.
 */
export function checkWebhookUrlShape(entry: string): WebhookUrlCheck {
  const text = entry.trim();
  if (text === "") return { problem: "Give the URL that receives the events, e.g. https://hooks.example/tertulia" };
  if (text.length > WEBHOOK_LIMITS.urlMaxLength) return { problem: `The URL is longer than ${WEBHOOK_LIMITS.urlMaxLength} characters` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: "This is not a URL: write it as https://hooks.example/path" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { problem: "The URL must start with http:// or https://" };
  if (url.username || url.password) return { problem: "The URL must not hold a user name or password: receivers check the signature instead" };
  if (url.hash || text.includes("#")) return { problem: "The URL must not have a #fragment (it is never sent)" };
  return { url: url.href };
}

/** A webhook URL, normalised. */
export const webhookUrlSchema = z
  .string({ message: "Give the URL that receives the events" })
  .transform((text, context) => {
    const check = checkWebhookUrlShape(text);
    if ("problem" in check) {
      context.addIssue({ code: "custom", message: check.problem });
      return z.NEVER;
    }
    return check.url;
  });

const eventsMessage = `Choose at least one of ${WEBHOOK_EVENTS.join(", ")}`;

/** The events a hook is sent: at least one, each known, repeats dropped, in WEBHOOK_EVENTS order. */
export const webhookEventsSchema = z
  .array(z.enum(WEBHOOK_EVENTS, { message: `Each event must be one of ${WEBHOOK_EVENTS.join(", ")}` }), { message: eventsMessage })
  .min(1, eventsMessage)
  .transform((events) => WEBHOOK_EVENTS.filter((event) => events.includes(event)));

/** A secret given by hand (generated when absent): long enough not to be guessed, printable, no spaces (it is pasted into receivers' configuration). */
export const webhookSecretSchema = z
  .string({ message: "The secret must be text" })
  .min(WEBHOOK_LIMITS.secretMin, `Use at least ${WEBHOOK_LIMITS.secretMin} characters (e.g. openssl rand -hex 32)`)
  .max(WEBHOOK_LIMITS.secretMax, `Keep the secret under ${WEBHOOK_LIMITS.secretMax + 1} characters`)
  .regex(/^[\x21-\x7e]+$/, "Use printable ASCII characters without spaces");

/** The body of `POST /api/v1/moderation/webhooks`: every event unless some are chosen; a secret is generated unless one is given. */
export const webhookInputSchema = z.object({
  siteId: z.string({ message: "Choose the site whose comments the hook hears" }).min(1, "Choose the site whose comments the hook hears").max(64),
  url: webhookUrlSchema,
  events: webhookEventsSchema.optional().transform((events) => events ?? [...WEBHOOK_EVENTS]),
  secret: z
    .preprocess((value) => (value === "" || value === null ? undefined : value), webhookSecretSchema.optional()),
});

/** What creating a hook takes. */
export type WebhookInput = z.input<typeof webhookInputSchema>;

/** A checked hook. */
export type ValidWebhookInput = z.output<typeof webhookInputSchema>;

/** The body of `PATCH /api/v1/moderation/webhooks/{id}`: pause or resume, a new URL or events, a new generated secret. */
export const webhookUpdateSchema = z
  .strictObject({
    url: webhookUrlSchema.optional(),
    events: webhookEventsSchema.optional(),
    isActive: z.boolean({ message: "isActive must be true or false" }).optional(),
    rotateSecret: z.literal(true, { message: "Send rotateSecret: true to replace the secret" }).optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), "Send url, events, isActive or rotateSecret");

/** What editing a hook takes. */
export type WebhookUpdate = z.input<typeof webhookUpdateSchema>;

/** The dashboard's form: the secret may be left empty (one is generated). Its output is a valid POST body. */
export const webhookFormSchema = z.object({
  siteId: webhookInputSchema.shape.siteId,
  url: webhookUrlSchema,
  events: webhookEventsSchema,
  secret: z.string().transform((text) => text.trim()).pipe(z.union([z.literal(""), webhookSecretSchema])),
});

/** What the webhook form holds. */
export type WebhookFormValues = z.input<typeof webhookFormSchema>;

/** What the webhook form sends. */
export type WebhookFormOutput = z.output<typeof webhookFormSchema>;
