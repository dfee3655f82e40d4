// API error messages in the request's language (issue #18, SPEC.md
// "Languages"): `?lang=`, then the site's language, then Accept-Language,
// then English. Requests go through the real proxy (proxy.ts), which decides
// the language and stamps it on the request, and then the real route handlers;
// the proxy's own refusals are answered in the language too. Codes and
// statuses never change with the language.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postComment, GET as getThread } from "@/app/api/v1/articles/[slug]/comments/route";
import { POST as postReport } from "@/app/api/v1/comments/[id]/reports/route";
import { getDb } from "@/lib/db";
import { CLIENT_IP_HEADER } from "@/lib/http";
import { updateModerationSettings } from "@/lib/moderation/settings";
import { createArticle, createComment } from "../support/factories";
import { nextIp, solvedCaptcha } from "../support/posting";
import { sendThroughProxy, type RouteHandler } from "../support/through-proxy";

type Handler = RouteHandler;

interface Answer {
  status: number;
  body: { error?: { code: string; message: string; fields?: Record<string, string> }; message?: string; status?: string };
}

/** The proxy, then the handler, as Next sends a request; the answer parsed. */
async function send(request: Request, handler: Handler, params: Record<string, string>): Promise<Answer> {
  const response = await sendThroughProxy(request, handler, params);
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

/** How a request asks for a language. */
interface Asking {
  name: string;
  query: string;
  headers: Record<string, string>;
  /** Asked of the Spanish site's article (its language is "es"), else of an English one. */
  onSpanishSite: boolean;
}

const inSpanish: Asking[] = [
  { name: "?lang=es", query: "?lang=es", headers: {}, onSpanishSite: false },
  { name: "Accept-Language: es", query: "", headers: { "accept-language": "es-ES,es;q=0.9,en;q=0.5" }, onSpanishSite: false },
  { name: "the site's language", query: "", headers: {}, onSpanishSite: true },
  { name: "?lang=es over an English browser", query: "?lang=es", headers: { "accept-language": "en-US" }, onSpanishSite: false },
];

const inEnglish: Asking[] = [
  { name: "nothing", query: "", headers: {}, onSpanishSite: false },
  { name: "Accept-Language: en", query: "", headers: { "accept-language": "en-GB,en;q=0.8" }, onSpanishSite: false },
  { name: "?lang=en on the Spanish site", query: "?lang=en", headers: { "accept-language": "es" }, onSpanishSite: true },
  { name: "an unknown language", query: "?lang=fr", headers: { "accept-language": "de" }, onSpanishSite: false },
];

let englishSlug: string;
let spanishSlug: string;
const published: Record<"en" | "es", string> = { en: "", es: "" };
const held: Record<"en" | "es", string> = { en: "", es: "" };

beforeAll(async () => {
  const db = getDb();
  await updateModerationSettings(db, { floodIntervalSeconds: 0, holdFirstTimeCommenters: false });
  const english = await createArticle(db);
  const spanish = await createArticle(db);
  await db.site.update({ where: { id: spanish.site.id }, data: { language: "es" } });
  englishSlug = english.article.slug;
  spanishSlug = spanish.article.slug;
  published.en = (await createComment(db, english.article.id)).id;
  published.es = (await createComment(db, spanish.article.id)).id;
  held.en = (await createComment(db, english.article.id, { status: "pending" })).id;
  held.es = (await createComment(db, spanish.article.id, { status: "pending" })).id;
});

function commentRequest(slug: string, asking: Asking, body: unknown): Request {
  return new Request(`http://localhost/api/v1/articles/${encodeURIComponent(slug)}/comments${asking.query}`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "vitest", [CLIENT_IP_HEADER]: nextIp(), ...asking.headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function reportRequest(id: string, asking: Asking, body: unknown): Request {
  return new Request(`http://localhost/api/v1/comments/${id}/reports${asking.query}`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "vitest", [CLIENT_IP_HEADER]: nextIp(), ...asking.headers },
    body: JSON.stringify(body),
  });
}

async function validComment(fields: Record<string, unknown> = {}) {
  return { authorName: "Lectora", authorEmail: `lectora-${nextIp()}@example.org`, body: "Un comentario pensado sobre el artículo.", ...(await solvedCaptcha()), ...fields };
}

const slugFor = (asking: Asking) => (asking.onSpanishSite ? spanishSlug : englishSlug);
const siteOf = (asking: Asking) => (asking.onSpanishSite ? "es" : "en");

/** One refusal: how it is asked for, and what it answers in each language. */
interface Refusal {
  name: string;
  ask: (asking: Asking) => Promise<Answer>;
  status: number;
  code: string;
  en: { message: string | RegExp; fields?: Record<string, string> };
  es: { message: string | RegExp; fields?: Record<string, string> };
}

const refusals: Refusal[] = [
  {
    name: "a comment whose body is not JSON",
    ask: (asking) => send(commentRequest(slugFor(asking), asking, "{not json"), postComment as Handler, { slug: slugFor(asking) }),
    status: 400,
    code: "validation",
    en: { message: "The request body must be JSON", fields: { body: "must be a JSON object" } },
    es: { message: "El cuerpo de la petición debe estar en JSON", fields: { body: "debe ser un objeto JSON" } },
  },
  {
    name: "a comment with a bad body",
    ask: async (asking) => send(commentRequest(slugFor(asking), asking, await validComment({ body: "x" })), postComment as Handler, { slug: slugFor(asking) }),
    status: 400,
    code: "validation",
    // The field's own words are the comment form's (its catalog section); the sentence around them is the API's.
    en: { message: /^Invalid body: / },
    es: { message: /^Datos no válidos \(body\): / },
  },
  {
    name: "a reply to a comment that is not published",
    ask: async (asking) => send(commentRequest(slugFor(asking), asking, await validComment({ parentId: held[siteOf(asking)] })), postComment as Handler, { slug: slugFor(asking) }),
    status: 400,
    code: "validation",
    en: { message: "Invalid parentId: you can only reply to a published comment of this article", fields: { parentId: "you can only reply to a published comment of this article" } },
    es: { message: "Datos no válidos (parentId): solo puedes responder a un comentario publicado de este artículo", fields: { parentId: "solo puedes responder a un comentario publicado de este artículo" } },
  },
  {
    name: "a wrong captcha answer",
    ask: async (asking) => send(commentRequest(slugFor(asking), asking, await validComment({ captchaAnswer: "999" })), postComment as Handler, { slug: slugFor(asking) }),
    status: 422,
    code: "captcha",
    en: { message: "That is not the missing number. Try the new sum.", fields: { captchaAnswer: "That is not the missing number. Try the new sum." } },
    es: { message: "Ese no es el número que falta. Prueba con la nueva operación.", fields: { captchaAnswer: "Ese no es el número que falta. Prueba con la nueva operación." } },
  },
  {
    name: "a forged captcha token",
    ask: async (asking) => send(commentRequest(slugFor(asking), asking, await validComment({ captchaToken: "forged.token" })), postComment as Handler, { slug: slugFor(asking) }),
    status: 422,
    code: "captcha",
    en: { message: "This captcha is not valid any more. Answer the new sum.", fields: { captchaAnswer: "This captcha is not valid any more. Answer the new sum." } },
    es: { message: "Este captcha ya no es válido. Resuelve la nueva operación.", fields: { captchaAnswer: "Este captcha ya no es válido. Resuelve la nueva operación." } },
  },
  {
    name: "a report with a bad reason",
    ask: (asking) => send(reportRequest(published[siteOf(asking)], asking, { reason: "boring" }), postReport as Handler, { id: published[siteOf(asking)] }),
    status: 400,
    code: "validation",
    en: { message: /^Invalid reason: / },
    es: { message: /^Datos no válidos \(reason\): / },
  },
  {
    name: "a report of a comment that is not published",
    ask: (asking) => send(reportRequest(held[siteOf(asking)], asking, { reason: "spam" }), postReport as Handler, { id: held[siteOf(asking)] }),
    status: 404,
    code: "not_found",
    en: { message: "No published comment with that id", fields: { id: "no such comment" } },
    es: { message: "No hay ningún comentario publicado con ese id", fields: { id: "no existe ese comentario" } },
  },
  {
    name: "a thread page with a bad sort",
    ask: (asking) => {
      const query = asking.query ? `${asking.query}&sort=sideways` : "?sort=sideways";
      const request = new Request(`http://localhost/api/v1/articles/${slugFor(asking)}/comments${query}`, { headers: asking.headers });
      return send(request, getThread as Handler, { slug: slugFor(asking) });
    },
    status: 400,
    code: "validation",
    en: { message: "Invalid sort: sort must be oldest, newest, best or replies", fields: { sort: "sort must be oldest, newest, best or replies" } },
    es: { message: "Datos no válidos (sort): sort debe ser oldest, newest, best o replies", fields: { sort: "sort debe ser oldest, newest, best o replies" } },
  },
];

/** A missing article has no site: only `?lang=` and Accept-Language can ask for Spanish. */
const missingArticle: Refusal = {
  name: "a comment on a missing article",
  ask: async (asking) => send(commentRequest("no-such-article", asking, await validComment()), postComment as Handler, { slug: "no-such-article" }),
  status: 404,
  code: "not_found",
  en: { message: 'No article with slug "no-such-article"', fields: { slug: "no such article" } },
  es: { message: "No existe ningún artículo con el slug «no-such-article»", fields: { slug: "no existe ese artículo" } },
};

function expectText(actual: string | undefined, expected: string | RegExp): void {
  if (typeof expected === "string") expect(actual).toBe(expected);
  else expect(actual).toMatch(expected);
}

function expectAnswer(answer: Answer, refusal: Refusal, language: "en" | "es"): void {
  const expected = refusal[language];
  expect(answer.status).toBe(refusal.status);
  expect(answer.body.error?.code).toBe(refusal.code);
  expectText(answer.body.error?.message, expected.message);
  for (const [field, problem] of Object.entries(expected.fields ?? {})) expectText(answer.body.error?.fields?.[field], problem);
  if (!expected.fields) expect(answer.body.error?.fields).toBeDefined();
}

describe("API refusals in Spanish", () => {
  const cases = [...refusals.flatMap((refusal) => inSpanish.map((asking) => [refusal.name, asking.name, refusal, asking] as const)), ...inSpanish.filter((asking) => !asking.onSpanishSite).map((asking) => [missingArticle.name, asking.name, missingArticle, asking] as const)];
  it.each(cases)("%s, asked for by %s, answers in Spanish with the same code", async (_refusal, _asking, refusal, asking) => {
    expectAnswer(await refusal.ask(asking), refusal, "es");
  });
});

describe("API refusals in English", () => {
  const cases = [...refusals, missingArticle].flatMap((refusal) => inEnglish.map((asking) => [refusal.name, asking.name, refusal, asking] as const));
  it.each(cases)("%s, asked for by %s, answers in English", async (_refusal, _asking, refusal, asking) => {
    expectAnswer(await refusal.ask(asking), refusal, "en");
  });
});

describe("API answers in the request's language", () => {
  it.each([
    ["?lang=es", spanishLike("?lang=es", {}), "¡Gracias! Tu comentario se ha publicado.", "Gracias. Un moderador lo revisará."],
    ["nothing", spanishLike("", {}), "Thanks! Your comment is published.", "Thanks — a moderator will review it."],
  ])("a posted comment and a report, asked for by %s", async (_name, asking, posted, reported) => {
    const comment = await send(commentRequest(englishSlug, asking, await validComment()), postComment as Handler, { slug: englishSlug });
    expect(comment.status).toBe(201);
    expect(comment.body).toMatchObject({ status: "approved", message: posted });
    const report = await send(reportRequest(published.en, asking, { reason: "spam" }), postReport as Handler, { id: published.en });
    expect(report.status).toBe(202);
    expect(report.body.message).toBe(reported);
  });

  it("says a held comment waits for moderation, in Spanish on a Spanish site", async () => {
    await getDb().article.update({ where: { slug: spanishSlug }, data: { preModerate: true } });
    const asking = spanishLike("", {}, true);
    const answer = await send(commentRequest(spanishSlug, asking, await validComment()), postComment as Handler, { slug: spanishSlug });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: "pending", message: "Tu comentario está pendiente de moderación." });
  });
});

function spanishLike(query: string, headers: Record<string, string>, onSpanishSite = false): Asking {
  return { name: query || "nothing", query, headers, onSpanishSite };
}

describe("the proxy's own refusals", () => {
  const neverCalled: Handler = () => Promise.reject(new Error("the proxy should have answered"));

  it.each([
    ["no language asked", {}, "", "Sign in as a moderator to use this."],
    ["Accept-Language: es", { "accept-language": "es" }, "", "Inicia sesión como moderador para usar esto."],
    ["?lang=es", {}, "?lang=es", "Inicia sesión como moderador para usar esto."],
  ])("the moderation API without a session, %s → 401 unauthorized in the language", async (_name, headers, query, message) => {
    const answer = await send(new Request(`http://localhost/api/v1/moderation/comments${query}`, { headers }), neverCalled, {});
    expect(answer.status).toBe(401);
    expect(answer.body.error).toEqual({ code: "unauthorized", message });
  });

  it.each([
    ["en", {}, "Cross-site requests are refused."],
    ["es", { "accept-language": "es" }, "Se rechazan las peticiones desde otros sitios."],
  ])("a cross-site POST to the moderation API (%s) → 403 forbidden in the language", async (_name, headers, message) => {
    const request = new Request("http://localhost/api/v1/moderation/decisions", { method: "POST", headers: { "sec-fetch-site": "cross-site", ...headers }, body: "{}" });
    const answer = await send(request, neverCalled, {});
    expect(answer.status).toBe(403);
    expect(answer.body.error).toEqual({ code: "forbidden", message });
  });

  it.each([
    ["en", "", {}, { message: "Invalid path: it is not valid percent-encoded UTF-8", fields: { path: "malformed percent-encoding" } }],
    ["es", "?lang=es", {}, { message: "Ruta no válida: no es UTF-8 con codificación porcentual válida", fields: { path: "codificación porcentual incorrecta" } }],
  ])("a path with broken percent-encoding (%s) → 400 validation in the language", async (_name, query, headers, expected) => {
    const answer = await send(new Request(`http://localhost/api/v1/articles/%E0%A4%A/comments${query}`, { headers }), neverCalled, {});
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({ code: "validation", ...expected });
  });

  it.each([
    ["en", {}, { message: "Invalid parameter sort: it contains a NUL character", fields: { sort: "must not contain a NUL character" } }],
    ["es", { "accept-language": "es" }, { message: "Parámetro sort no válido: contiene el carácter NUL", fields: { sort: "no puede contener el carácter NUL" } }],
  ])("a parameter with a NUL byte (%s) → 400 validation in the language", async (_name, headers, expected) => {
    const answer = await send(new Request(`http://localhost/api/v1/articles/${englishSlug}/comments?sort=%00`, { headers }), neverCalled, {});
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({ code: "validation", ...expected });
  });
});

describe("a client's own x-locale header", () => {
  it("is replaced by the proxy's choice: it cannot pick the language of an answer", async () => {
    const asking: Asking = { name: "a forged x-locale", query: "", headers: { "x-locale": "es", "accept-language": "en" }, onSpanishSite: false };
    const answer = await send(commentRequest(englishSlug, asking, await validComment({ body: "x" })), postComment as Handler, { slug: englishSlug });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe("validation");
    expect(answer.body.error?.message).toMatch(/^Invalid body: /);
  });
});
