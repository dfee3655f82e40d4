// Two app instances on one PostgreSQL database (playwright.scale.config.ts):
// what one instance does, the other sees — a reader on A is told live of an
// approval made on B, posts spread over both are each stored once, the flood
// limit and single-use captchas hold across them, the two outbox workers send
// each mail once, and the two instances that started at once applied each
// migration once. The test plays the load
// balancer: every simulated reader has its own X-Forwarded-For address.
import { fileURLToPath } from "node:url";
import pg from "pg";
import { expect, request as requestFactory, test, type APIRequestContext } from "@playwright/test";
import { readMigrationFiles } from "../../lib/migrations";
import { signInThroughApi } from "../e2e/dashboard-support";
import { startSmtpCapture, type SmtpCapture } from "../support/smtp-capture";
import { instanceA, instanceB, readScaleRun, scaleArticleSlug, scaleFloodIntervalSeconds, scaleSmtpPort, type ScaleInstance } from "./instances";

const run = readScaleRun();
const slug = scaleArticleSlug;
const migrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

interface Captcha {
  token: string;
  question: string;
}

interface Author {
  authorName: string;
  authorEmail: string;
}

interface Posted {
  status: number;
  retryAfter: string | undefined;
  body: { id?: string; status?: string; error?: { code: string; message: string } };
}

/** A reverse proxy's headers for a client at `ip`: the instances run with TRUST_PROXY. */
function proxyHeaders(ip: string): Record<string, string> {
  return { "X-Forwarded-For": ip, "X-Forwarded-Proto": "http" };
}

/** Client addresses 10.{test}.x.y: each test has its own range, so no flood interval carries over between tests. */
function addressesFor(test: number): () => string {
  let next = 0;
  return () => {
    next += 1;
    return `10.${test}.${next >> 8}.${next & 255}`;
  };
}

/** Text and e-mail addresses no other run or test has used (the duplicate check compares them). */
function marker(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

function authorFor(label: string): Author {
  return { authorName: `Reader ${label}`, authorEmail: `${label}@example.net` };
}

/** Solves "? − a = b" (the answer is a + b) or "? + a = b" (b − a). */
function solve(question: string): string {
  const match = /^\?\s*([−+-])\s*(\d+)\s*=\s*(-?\d+)$/.exec(question.trim());
  if (!match) throw new Error(`Unexpected captcha question: ${question}`);
  const [, operator, a, b] = match;
  return String(operator === "+" ? Number(b) - Number(a) : Number(a) + Number(b));
}

async function fetchCaptcha(api: APIRequestContext, ip: string): Promise<Captcha> {
  const response = await api.get("/api/v1/captcha", { headers: proxyHeaders(ip) });
  expect(response.status()).toBe(200);
  return (await response.json()) as Captcha;
}

/** Posts through the public API from `ip`, with `captcha` or else one fetched from the same instance. */
async function postComment(api: APIRequestContext, ip: string, fields: Author & { body: string }, captcha?: Captcha): Promise<Posted> {
  const challenge = captcha ?? (await fetchCaptcha(api, ip));
  const response = await api.post(`/api/v1/articles/${slug}/comments`, {
    headers: proxyHeaders(ip),
    data: { ...fields, captchaToken: challenge.token, captchaAnswer: solve(challenge.question) },
  });
  return { status: response.status(), retryAfter: response.headers()["retry-after"], body: (await response.json()) as Posted["body"] };
}

/** The ids on the first page of the thread, newest first, as an instance's public API answers it. */
async function threadIds(api: APIRequestContext): Promise<string[]> {
  const response = await api.get(`/api/v1/articles/${slug}/comments?sort=newest`, { headers: proxyHeaders("10.0.0.1") });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { comments: Array<{ id: string }> }).comments.map((comment) => comment.id);
}

let database: pg.Client;
let apis: Record<ScaleInstance["name"], APIRequestContext>;
let smtp: SmtpCapture;

/** The ids of stored comments whose text contains `text`, straight from the shared database, sorted. */
async function storedIdsContaining(text: string): Promise<string[]> {
  const result = await database.query<{ id: string }>(`SELECT id FROM "Comment" WHERE strpos(body, $1) > 0`, [text]);
  return result.rows.map((row) => row.id).sort();
}

test.describe("two app instances on one PostgreSQL database", () => {
  test.beforeAll(async () => {
    smtp = await startSmtpCapture({ port: scaleSmtpPort });
    database = new pg.Client({ connectionString: run.databaseUrl });
    await database.connect();
    apis = {
      A: await requestFactory.newContext({ baseURL: instanceA.url }),
      B: await requestFactory.newContext({ baseURL: instanceB.url }),
    };
  });

  test.afterAll(async () => {
    await Promise.all([apis.A.dispose(), apis.B.dispose()]);
    await database.end();
    await smtp.stop();
  });

  test("both instances serve, and the migrations they ran at once are each recorded once", async () => {
    for (const api of [apis.A, apis.B]) {
      const home = await api.get("/");
      expect(home.status()).toBe(200);
    }
    const recorded = await database.query<{ migration_name: string; is_finished: boolean }>(
      `SELECT migration_name, finished_at IS NOT NULL AND rolled_back_at IS NULL AS is_finished FROM "_prisma_migrations" ORDER BY migration_name COLLATE "C"`,
    );
    const expected = readMigrationFiles(migrationsDir).map((migration) => ({ migration_name: migration.name, is_finished: true }));
    expect(expected.length).toBeGreaterThan(0);
    expect(recorded.rows).toEqual(expected);
  });

  test("a comment posted on A and approved on B is announced within 3 s to a reader on A, and shows", async ({ page }) => {
    const nextAddress = addressesFor(1);
    const text = `Our plane trees keep the flats cool until mid-afternoon (${marker("live")}).`;
    const posted = await postComment(apis.A, nextAddress(), { ...authorFor(marker("live-author")), body: text });
    expect(posted.status).toBe(201);
    expect(posted.body.status).toBe("pending");
    const id = posted.body.id!;

    await page.goto(`${instanceA.url}/articles/${slug}`);
    await expect(page.locator(".live-notice")).toHaveAttribute("data-live-state", "live");
    // A's public API keeps recent thread pages in memory: read one before the approval, so a copy B's approval must reach is there.
    expect(await threadIds(apis.A)).not.toContain(id);

    const moderator = await requestFactory.newContext({ baseURL: instanceB.url, extraHTTPHeaders: proxyHeaders(nextAddress()) });
    expect(await signInThroughApi(moderator, run.moderator)).not.toContain("error=");
    const approvedAt = Date.now();
    const decision = await moderator.post(`/api/v1/moderation/comments/${id}/decision`, { data: { action: "approve" } });
    expect(decision.status()).toBe(200);
    await moderator.dispose();

    const pill = page.getByRole("button", { name: "1 new comment — show" });
    await expect(pill).toBeVisible({ timeout: 3_000 });
    expect(Date.now() - approvedAt).toBeLessThan(3_000);
    await expect(page.getByText(text)).toHaveCount(0);
    // Well inside the in-memory copy's lifetime: only B's notice can have dropped it.
    await expect.poll(() => threadIds(apis.A), { timeout: 2_000 }).toContain(id);

    await pill.click();
    await expect(page.getByText(text)).toBeVisible();
    await expect(pill).toHaveCount(0);
  });

  // Issue #15: readers' pages come out of each instance's page cache; a change on one instance drops the other's copy at once.
  test("the article page B serves from memory shows a comment approved on A within a second", async () => {
    const nextAddress = addressesFor(9);
    const text = `Cached pages must not hide an approval for long (${marker("page")}).`;
    const posted = await postComment(apis.A, nextAddress(), { ...authorFor(marker("page-author")), body: text });
    expect(posted.status).toBe(201);
    const id = posted.body.id!;

    const page = () => apis.B.get(`/articles/${slug}`, { headers: proxyHeaders("10.9.200.1") });
    const first = await page();
    expect(first.status()).toBe(200);
    expect(first.headers()["cache-control"]).toBe("public, max-age=0, s-maxage=5, stale-while-revalidate=30");
    expect(await first.text()).not.toContain(text);
    // Served again from B's memory: the very same bytes.
    expect((await page()).headers().etag).toBe(first.headers().etag);

    const moderator = await requestFactory.newContext({ baseURL: instanceA.url, extraHTTPHeaders: proxyHeaders(nextAddress()) });
    expect(await signInThroughApi(moderator, run.moderator)).not.toContain("error=");
    const decision = await moderator.post(`/api/v1/moderation/comments/${id}/decision`, { data: { action: "approve" } });
    expect(decision.status()).toBe(200);
    await moderator.dispose();
    // Well inside the copy's five seconds: only A's notice on the bus can have dropped it.
    await expect.poll(async () => (await page()).text(), { timeout: 1_000, intervals: [50] }).toContain(text);
  });

  test("100 comments posted at once, alternating between A and B, are each answered 201 and stored exactly once", async () => {
    const nextAddress = addressesFor(2);
    const batch = marker("spread");
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        postComment(index % 2 === 0 ? apis.A : apis.B, nextAddress(), {
          ...authorFor(`spread-${index}-${batch}`),
          body: `Comment ${index} of ${batch}: shade from street trees beats another air conditioner.`,
        }),
      ),
    );

    const refused = results.flatMap((result, index) => (result.status === 201 ? [] : [{ index, status: result.status, error: result.body.error }]));
    expect(refused).toEqual([]);
    const ids = results.map((result) => result.body.id!);
    expect(new Set(ids).size).toBe(100);
    expect(await storedIdsContaining(batch)).toEqual([...ids].sort());
  });

  const floodCases = [
    { name: "the same e-mail from the same address", sameEmail: true, sameAddress: true },
    { name: "the same e-mail from another address", sameEmail: true, sameAddress: false },
    { name: "another e-mail from the same address", sameEmail: false, sameAddress: true },
  ];

  test("the flood limit holds across instances: right after a comment on A, B refuses the author with 429 and Retry-After", async () => {
    const nextAddress = addressesFor(3);
    const address = nextAddress();
    const author = authorFor(marker("flood"));
    const first = await postComment(apis.A, address, { ...author, body: `Which species coped best with the heat? (${marker("flood-first")})` });
    expect(first.status).toBe(201);

    for (const floodCase of floodCases) {
      const text = marker("flood-second");
      const second = await postComment(apis.B, floodCase.sameAddress ? address : nextAddress(), {
        ...(floodCase.sameEmail ? author : authorFor(marker("flood-other"))),
        body: `And were the plane trees watered by the council? (${text})`,
      });
      expect(second.status, floodCase.name).toBe(429);
      expect(second.body.error?.code, floodCase.name).toBe("rate_limited");
      const retryAfter = Number(second.retryAfter);
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= scaleFloodIntervalSeconds, `${floodCase.name}: Retry-After ${second.retryAfter}`).toBe(true);
      expect(await storedIdsContaining(text), floodCase.name).toEqual([]);
    }
  });

  // The pipeline's flood check runs again under the author's advisory lock just
  // before the insert (lib/comments/submit-comment.ts); without that, both were
  // stored in most rounds.
  test("the flood limit holds for one author's two comments sent to A and B at the same moment: one is refused", async () => {
    const nextAddress = addressesFor(5);
    for (let round = 0; round < 10; round += 1) {
      const address = nextAddress();
      const author = authorFor(marker("flood-race"));
      const [captchaA, captchaB] = await Promise.all([fetchCaptcha(apis.A, address), fetchCaptcha(apis.B, address)]);
      const [first, second] = await Promise.all([
        postComment(apis.A, address, { ...author, body: `The council should water the young trees (${marker("race")}).` }, captchaA),
        postComment(apis.B, address, { ...author, body: `Mulch helps them through August too (${marker("race")}).` }, captchaB),
      ]);
      expect([first.status, second.status].sort(), `round ${round}`).toEqual([201, 429]);
    }
  });

  test("a captcha spent on A is refused on B, and nothing is stored", async () => {
    const nextAddress = addressesFor(4);
    // Control: an unused token from A is good on B, so a refusal below is about its use, not its signature.
    const fresh = await fetchCaptcha(apis.A, nextAddress());
    const control = await postComment(apis.B, nextAddress(), { ...authorFor(marker("captcha-control")), body: `Signed on A, answered on B (${marker("captcha")}).` }, fresh);
    expect(control.status).toBe(201);

    const captcha = await fetchCaptcha(apis.A, nextAddress());
    const spent = await postComment(apis.A, nextAddress(), { ...authorFor(marker("captcha-first")), body: `The first answer to this sum (${marker("captcha")}).` }, captcha);
    expect(spent.status).toBe(201);

    const text = marker("captcha-reused");
    const reused = await postComment(apis.B, nextAddress(), { ...authorFor(marker("captcha-second")), body: `The same sum, answered again on B (${text}).` }, captcha);
    expect(reused.status).toBe(422);
    expect(reused.body.error?.code).toBe("captcha");
    expect(await storedIdsContaining(text)).toEqual([]);
  });

  test("both instances' outbox workers send each moderator's alert about a held comment exactly once", async () => {
    const nextAddress = addressesFor(6);
    const moderators = await database.query<{ email: string }>(`SELECT email FROM "Moderator" WHERE role IN ('admin', 'moderator') AND "alertMode" = 'immediate'`);
    expect(moderators.rows.length).toBeGreaterThan(0);
    // First-time commenters are held for a moderator: each comment alerts every moderator.
    const names = Array.from({ length: 12 }, (_, index) => `Outbox Reader ${marker(String(index))}`);
    const posted = await Promise.all(
      names.map((name, index) => postComment(index % 2 === 0 ? apis.A : apis.B, nextAddress(), { authorName: name, authorEmail: `${marker("outbox")}@example.net`, body: `A first comment on the shade maps, sent to ${index % 2 === 0 ? "A" : "B"} (${marker("outbox")}).` })),
    );
    expect(posted.map((answer) => [answer.status, answer.body.status])).toEqual(names.map(() => [201, "pending"]));
    const alertsFor = (name: string) => smtp.messages.filter((message) => message.text.includes(name));
    await expect.poll(() => names.reduce((sum, name) => sum + alertsFor(name).length, 0), { timeout: 20_000 }).toBe(names.length * moderators.rows.length);
    // Time for a second send, had either worker taken a row the other had.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    for (const name of names) {
      expect(alertsFor(name).map((message) => message.rcptTo.join(",")).sort(), name).toEqual(moderators.rows.map((row) => row.email).sort());
    }
    const sent = await database.query<{ count: string }>(`SELECT count(*) FROM "OutboxMessage" WHERE kind = 'mail' AND "sentAt" IS NOT NULL AND "dedupeKey" LIKE 'alert:%'`);
    expect(Number(sent.rows[0]!.count)).toBeGreaterThanOrEqual(names.length * moderators.rows.length);
  });
});
