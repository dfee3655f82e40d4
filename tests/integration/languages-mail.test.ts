// Mails in the recipient's language (issue #18), the whole way out through the
// outbox worker to a real SMTP server: a reader's language is the one they
// subscribed in (`?lang=`, the site's, or Accept-Language, as the proxy
// decides), and a later subscription in another language changes it; a
// moderator's is their account's setting, English when unset.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postComment } from "@/app/api/v1/articles/[slug]/comments/route";
import { POST as postConfirm } from "@/app/api/v1/notifications/confirm/route";
import { getDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { CLIENT_IP_HEADER } from "@/lib/http";
import { sendOutboxMail } from "@/lib/mail/send-outbox-mail";
import { resetMailTransport } from "@/lib/mail/transport";
import { decideComment } from "@/lib/moderation/decisions";
import { updateModerationSettings } from "@/lib/moderation/settings";
import { sendModeratorDigests } from "@/lib/notifications/moderator-digest";
import { DIGEST_SETTLE_MS, sendFollowDigests } from "@/lib/notifications/reader-digest";
import { runOutboxOnce, type OutboxSenders } from "@/lib/outbox/outbox";
import { createArticle, createComment } from "../support/factories";
import { nextIp, postReportRequest, solvedCaptcha } from "../support/posting";
import { startSmtpCapture, type CapturedMail, type SmtpCapture } from "../support/smtp-capture";
import { sendThroughProxy, type RouteHandler } from "../support/through-proxy";

const PUBLIC_URL = "https://comments.example.com";
const senders: OutboxSenders = { mail: sendOutboxMail, webhook: async () => ({ status: 200 }) };

let capture: SmtpCapture;
let moderatorId: string;

function configureMail(smtpUrl: string | undefined): void {
  if (smtpUrl) process.env.SMTP_URL = smtpUrl;
  else delete process.env.SMTP_URL;
  process.env.PUBLIC_URL = PUBLIC_URL;
  resetEnvCache();
  resetMailTransport();
}

let addressCounter = 0;
function newAddress(name: string): string {
  addressCounter += 1;
  return `${name}-${addressCounter}@readers.example`;
}

/** Sends what the outbox holds and returns the mails that arrived for one address, oldest first. */
async function deliverTo(address: string): Promise<CapturedMail[]> {
  await runOutboxOnce(getDb(), senders);
  return capture.messages.filter((mail) => mail.rcptTo.includes(address));
}

/** How a reader's request says its language. */
type Asking = { query?: string; headers?: Record<string, string> };

/** Posts a comment as a reader's browser would: through the proxy, which decides the language, to the route. */
async function post(slug: string, fields: Record<string, unknown>, asking: Asking = {}): Promise<{ id: string; status: string; message: string }> {
  const body = { authorName: "Lectora", body: "Un comentario pensado sobre el artículo.", ...(await solvedCaptcha()), ...fields };
  const request = new Request(`http://localhost/api/v1/articles/${encodeURIComponent(slug)}/comments${asking.query ?? ""}`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "vitest", [CLIENT_IP_HEADER]: nextIp(), ...asking.headers },
    body: JSON.stringify(body),
  });
  const response = await sendThroughProxy(request, postComment as RouteHandler, { slug });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; status: string; message: string };
}

function confirmToken(mail: CapturedMail): string {
  const match = /\/notifications\/confirm\?token=([A-Za-z0-9_.%-]+)/.exec(mail.text);
  if (!match) throw new Error(`No confirm link in: ${mail.text}`);
  return decodeURIComponent(match[1]!);
}

async function confirm(mail: CapturedMail): Promise<void> {
  const response = await postConfirm(new Request(`http://localhost/api/v1/notifications/confirm?token=${encodeURIComponent(confirmToken(mail))}`, { method: "POST" }));
  expect(response.status).toBe(200);
}

async function languageOf(email: string): Promise<string> {
  return (await getDb().mailRecipient.findUniqueOrThrow({ where: { email } })).language;
}

beforeAll(async () => {
  capture = await startSmtpCapture();
  configureMail(capture.url);
  await updateModerationSettings(getDb(), { holdFirstTimeCommenters: false, floodIntervalSeconds: 0 });
  ({ id: moderatorId } = await getDb().moderator.create({ data: { email: "decider@staff.example", passwordHash: "not used", role: "moderator", alertMode: "off" } }));
});

beforeEach(() => {
  configureMail(capture.url);
});

afterAll(async () => {
  configureMail(undefined);
  delete process.env.PUBLIC_URL;
  resetEnvCache();
  await capture.close();
});

describe("a reader's mails", () => {
  it.each([
    ["Accept-Language: es", { headers: { "accept-language": "es-ES,es;q=0.9" } }],
    ["?lang=es", { query: "?lang=es", headers: { "accept-language": "en-US" } }],
  ])("are in Spanish when they subscribed from a Spanish request (%s): the confirmation and a reply", async (_name, asking) => {
    const { article, site } = await createArticle(getDb());
    const ana = newAddress("ana");
    const comment = await post(article.slug, { authorName: "Ana", authorEmail: ana, notifyReplies: true }, asking);
    expect(comment.message).toBe("¡Gracias! Tu comentario se ha publicado.");
    expect(await languageOf(ana)).toBe("es");

    const [confirmation, ...others] = await deliverTo(ana);
    expect(others).toHaveLength(0);
    expect(confirmation!.subject).toBe(`[${site.name}] Confirma tus avisos por correo electrónico`);
    expect(confirmation!.text).toContain(`ha pedido a ${site.name} que envíe a esta dirección avisos de respuestas o de los debates que sigues.`);
    expect(confirmation!.text).toContain("Confirmar mi dirección: ");
    expect(confirmation!.text).toContain("No se enviará nada más hasta que confirmes.");
    expect(confirmation!.text).toContain(`${site.name} · comentarios moderados con Tertulia`);
    expect(confirmation!.text).toContain("Darse de baja de todos los correos: ");
    expect(confirmation!.text).not.toMatch(/Confirm my address|Unsubscribe from every mail|You get this/);
    expect(confirmation!.html).toContain('<html lang="es">');
    // The pages the links open speak the reader's language too.
    expect(confirmation!.text).toMatch(new RegExp(`${PUBLIC_URL}/notifications/confirm\\?token=[^\\s&]+&lang=es`));
    expect(confirmation!.text).toMatch(new RegExp(`${PUBLIC_URL}/notifications/unsubscribe\\?token=[^\\s&]+&lang=es`));
    // The confirm page's button keeps the page's language when it answers with the page.
    const form = await postConfirm(
      new Request(`http://localhost/api/v1/notifications/confirm?token=${encodeURIComponent(confirmToken(confirmation!))}&lang=es`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" }),
    );
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe(`/notifications/confirm?token=${encodeURIComponent(confirmToken(confirmation!))}&lang=es`);

    const reply = await post(article.slug, { authorName: "Bruno", authorEmail: newAddress("bruno"), body: "Not so sure about that, Ana.", parentId: comment.id });
    expect(reply.message).toBe("Thanks! Your comment is published.");
    const [replyMail] = (await deliverTo(ana)).slice(1);
    expect(replyMail!.subject).toBe(`[${site.name}] Bruno ha respondido a tu comentario en «${article.title}»`);
    expect(replyMail!.text).toContain(`Bruno ha respondido a tu comentario en «${article.title}»:`);
    expect(replyMail!.text).toContain("> Not so sure about that, Ana.");
    expect(replyMail!.text).toContain(`Leer la respuesta: ${PUBLIC_URL}/articles/${article.slug}?lang=es#comment-${reply.id}`);
    expect(replyMail!.text).toContain("Recibes este correo porque pediste avisos por correo electrónico sobre comentarios.");
    expect(replyMail!.headers["list-unsubscribe"]).toMatch(new RegExp(`^<${PUBLIC_URL}/api/v1/notifications/unsubscribe\\?token=[^>]+>$`));
  });

  it("are in Spanish for a reader of a Spanish site, whose links need no ?lang=", async () => {
    const { article, site } = await createArticle(getDb());
    await getDb().site.update({ where: { id: site.id }, data: { language: "es" } });
    const eva = newAddress("eva");
    const comment = await post(article.slug, { authorName: "Eva", authorEmail: eva, notifyReplies: true });
    expect(await languageOf(eva)).toBe("es");
    const [confirmation] = await deliverTo(eva);
    expect(confirmation!.subject).toBe(`[${site.name}] Confirma tus avisos por correo electrónico`);
    await confirm(confirmation!);
    const reply = await post(article.slug, { authorName: "Bruno", authorEmail: newAddress("bruno"), parentId: comment.id });
    const [replyMail] = (await deliverTo(eva)).slice(1);
    expect(replyMail!.subject).toBe(`[${site.name}] Bruno ha respondido a tu comentario en «${article.title}»`);
    expect(replyMail!.text).toContain(`Leer la respuesta: ${PUBLIC_URL}/articles/${article.slug}#comment-${reply.id}`);
  });

  it("are in English for a reader who asked in English, or in no language we speak", async () => {
    const { article, site } = await createArticle(getDb());
    for (const asking of [{}, { headers: { "accept-language": "en-GB" } }, { headers: { "accept-language": "de-DE,fr;q=0.8" } }]) {
      const tom = newAddress("tom");
      const comment = await post(article.slug, { authorName: "Tom", authorEmail: tom, notifyReplies: true }, asking);
      expect(comment.message).toBe("Thanks! Your comment is published.");
      expect(await languageOf(tom)).toBe("en");
      const [confirmation] = await deliverTo(tom);
      expect(confirmation!.subject).toBe(`[${site.name}] Confirm your e-mail notifications`);
      expect(confirmation!.text).toContain("Confirm my address: ");
      expect(confirmation!.text).toContain("Unsubscribe from every mail: ");
      expect(confirmation!.html).toContain('<html lang="en">');
      await confirm(confirmation!);
      const reply = await post(article.slug, { authorName: "Bruno", authorEmail: newAddress("bruno"), parentId: comment.id });
      const [replyMail] = (await deliverTo(tom)).slice(1);
      expect(replyMail!.subject).toBe(`[${site.name}] Bruno replied to your comment on “${article.title}”`);
      expect(replyMail!.text).toContain(`Read the reply: ${PUBLIC_URL}/articles/${article.slug}#comment-${reply.id}`);
    }
  });

  it("change language with a later subscription from another language: the follow digest comes in it", async () => {
    const { article, site } = await createArticle(getDb());
    const lia = newAddress("lia");
    await post(article.slug, { authorName: "Lia", authorEmail: lia, notifyReplies: true }, { headers: { "accept-language": "en" } });
    expect(await languageOf(lia)).toBe("en");
    const [confirmation] = await deliverTo(lia);
    expect(confirmation!.subject).toMatch(/Confirm your e-mail notifications$/);
    await confirm(confirmation!);

    await post(article.slug, { authorName: "Lia", authorEmail: lia, body: "Sigo este debate con interés.", followThread: true }, { query: "?lang=es" });
    expect(await languageOf(lia)).toBe("es");
    // A comment that is not a subscription leaves the language alone.
    await post(article.slug, { authorName: "Lia", authorEmail: lia, body: "Y otra cosa más, sin avisos." }, { query: "?lang=en" });
    expect(await languageOf(lia)).toBe("es");

    const others = [await post(article.slug, { authorName: "Bruno", authorEmail: newAddress("bruno"), body: "Primera respuesta." }), await post(article.slug, { authorName: "Carla", authorEmail: newAddress("carla"), body: "Segunda respuesta." })];
    await sendFollowDigests(getDb(), new Date(Date.now() + DIGEST_SETTLE_MS + 1_000));
    const digest = (await deliverTo(lia)).find((mail) => mail.subject.includes("debates que sigues"));
    expect(digest?.subject).toBe(`[${site.name}] 2 comentarios nuevos en debates que sigues`);
    expect(digest!.text).toContain("Se han publicado comentarios nuevos en los debates que sigues.");
    expect(digest!.text).toContain("Bruno escribió:");
    for (const other of others) expect(digest!.text).toContain(`Leerlo: ${PUBLIC_URL}/articles/${article.slug}?lang=es#comment-${other.id}`);
  });
});

describe("a moderator's mails", () => {
  let english: { id: string; email: string };
  let spanish: { id: string; email: string };
  let spanishDigest: { id: string; email: string };

  beforeAll(async () => {
    const db = getDb();
    const make = (email: string, language: string | null, alertMode: string) => db.moderator.create({ data: { email, passwordHash: "not used", role: "moderator", alertMode, language }, select: { id: true, email: true } });
    english = await make("english@staff.example", null, "immediate");
    spanish = await make("spanish@staff.example", "es", "immediate");
    spanishDigest = await make("digest-es@staff.example", "es", "digest");
  });

  it("alert each moderator of a held comment in their own language, English when they chose none", async () => {
    const { article, site } = await createArticle(getDb());
    await getDb().article.update({ where: { id: article.id }, data: { preModerate: true } });
    const held = await post(article.slug, { authorName: "Ana", authorEmail: newAddress("ana") }, { query: "?lang=es" });
    expect(held).toMatchObject({ status: "pending", message: "Tu comentario está pendiente de moderación." });

    const [inSpanish] = await deliverTo(spanish.email);
    expect(inSpanish!.subject).toBe(`[${site.name}] Un comentario en «${article.title}» espera moderación`);
    expect(inSpanish!.text).toContain(`El comentario de Ana en «${article.title}» se ha retenido para moderarlo.`);
    expect(inSpanish!.text).toContain("Por qué se ha retenido:");
    expect(inSpanish!.text).toMatch(/^- Moderación previa: Todo comentario nuevo en este artículo espera a un moderador \(el artículo tiene moderación previa\)$/m);
    expect(inSpanish!.text).toContain(`Abrirlo en el panel: ${PUBLIC_URL}/moderation/queue/pending?article=${article.slug}#mod-comment-${held.id}`);
    expect(inSpanish!.text).toContain("Cambiar tus avisos: ");
    expect(inSpanish!.html).toContain('<html lang="es">');

    const [inEnglish] = await deliverTo(english.email);
    expect(inEnglish!.subject).toBe(`[${site.name}] A comment on “${article.title}” is waiting for moderation`);
    expect(inEnglish!.text).toContain("Why it was held:");
    expect(inEnglish!.text).toMatch(/^- Pre-moderation: Every new comment on this article waits for a moderator \(the article is pre-moderated\)$/m);
    expect(inEnglish!.text).not.toContain("pre_moderation");
  });

  it("alert of a report in the moderator's language, the reason by its name", async () => {
    const { article, site } = await createArticle(getDb());
    const comment = await createComment(getDb(), article.id, { authorName: "Rafa", body: "El alcalde cobró sobornos, lo sabe todo el mundo." });
    const { status } = await postReportRequest(comment.id, { reason: "defamation", note: "Acusa sin pruebas" });
    expect(status).toBe(202);
    const inSpanish = (await deliverTo(spanish.email)).at(-1);
    expect(inSpanish!.subject).toBe(`[${site.name}] Han denunciado un comentario en «${article.title}»`);
    expect(inSpanish!.text).toContain(`Un lector ha denunciado el comentario de Rafa en «${article.title}».`);
    expect(inSpanish!.text).toContain("La denuncia:");
    expect(inSpanish!.text).toMatch(/^- Difamación$/m);
    expect(inSpanish!.text).toMatch(/^- Acusa sin pruebas$/m);
    const inEnglish = (await deliverTo(english.email)).at(-1);
    expect(inEnglish!.subject).toBe(`[${site.name}] A comment on “${article.title}” was reported`);
    expect(inEnglish!.text).toMatch(/^- Defamation$/m);
  });

  it("send the hourly digest in the moderator's language, its date through Intl", async () => {
    const { article } = await createArticle(getDb());
    await getDb().article.update({ where: { id: article.id }, data: { preModerate: true } });
    await post(article.slug, { authorName: "Ana", authorEmail: newAddress("ana") });
    await post(article.slug, { authorName: "Luis", authorEmail: newAddress("luis") });
    const now = new Date();
    expect(await sendModeratorDigests(getDb(), now)).toBeGreaterThanOrEqual(1);
    const [digest] = await deliverTo(spanishDigest.email);
    expect(digest!.subject).toMatch(/\] \d+ comentarios esperan moderación$/);
    expect(digest!.text).toMatch(/^Desde el \d{1,2} [a-z]{3,4}\.? \d{4}, \d{1,2}:\d{2} UTC, estos comentarios se han retenido o denunciado/m);
    expect(digest!.text).toContain(`Ana en «${article.title}» — Moderación previa`);
    expect(digest!.text).toMatch(/^Retenidos \(\d+\)$/m);
    expect(digest!.text).not.toMatch(/waiting for moderation|Held \(/);
  });

  it("go back to English when the moderator clears their language", async () => {
    await getDb().moderator.update({ where: { id: spanish.id }, data: { language: null } });
    const { article, site } = await createArticle(getDb());
    await getDb().article.update({ where: { id: article.id }, data: { preModerate: true } });
    await post(article.slug, { authorName: "Ana", authorEmail: newAddress("ana") }, { query: "?lang=es" });
    const mails = await deliverTo(spanish.email);
    expect(mails.at(-1)!.subject).toBe(`[${site.name}] A comment on “${article.title}” is waiting for moderation`);
    await getDb().moderator.update({ where: { id: spanish.id }, data: { language: "es" } });
  });
});

describe("a reply a moderator approves", () => {
  it("is announced in the parent author's language, whoever approves it", async () => {
    const { article, site } = await createArticle(getDb());
    const ana = newAddress("ana");
    const comment = await post(article.slug, { authorName: "Ana", authorEmail: ana, notifyReplies: true }, { headers: { "accept-language": "es" } });
    const [confirmation] = await deliverTo(ana);
    await confirm(confirmation!);
    await getDb().article.update({ where: { id: article.id }, data: { preModerate: true } });
    const reply = await post(article.slug, { authorName: "Bruno", authorEmail: newAddress("bruno"), parentId: comment.id }, { headers: { "accept-language": "en" } });
    expect(reply.status).toBe("pending");
    await decideComment({ db: getDb(), spamChecker: null }, { commentId: reply.id, action: "approve", moderatorId });
    const [replyMail] = (await deliverTo(ana)).slice(1);
    expect(replyMail!.subject).toBe(`[${site.name}] Bruno ha respondido a tu comentario en «${article.title}»`);
  });
});
