// Issue #13 item 6: a stalled Akismet must not keep our sockets open after the
// deadline. The server here speaks just enough of Akismet's comment-check to
// drive the real akismet-api client, and counts the connections it holds.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AkismetFailure, createAkismetClient, type AkismetComment } from "@/lib/integrations/akismet";

const key = "abcdef012345";
const blog = "https://comments.example.org";
const timeoutMs = 200;
const hangContent = "hang";
const slowAnswerMs = 500;

const comment: AkismetComment = {
  userIp: "203.0.113.7",
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
  referrer: "https://comments.example.org/",
  permalink: "https://comments.example.org/articles/hello-world",
  commentType: "comment",
  commentAuthor: "Ana Reader",
  commentAuthorEmail: "ana@example.org",
  commentContent: hangContent,
  commentDateGmt: new Date("2025-03-04T05:06:07.000Z"),
  blogLang: "en",
  blogCharset: "UTF-8",
  isTest: true,
};

/** A comment-check endpoint that never answers "hang" comments and answers the rest (slowly, when asked). */
interface StalledAkismet {
  host: string;
  openSockets: Set<Socket>;
  connectionCount: number;
  checkedContents: string[];
  close(): Promise<void>;
}

async function startStalledAkismet(): Promise<StalledAkismet> {
  const openSockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const state = { connectionCount: 0, checkedContents: [] as string[] };
  const server: Server = createServer((request, response) => {
    void readForm(request).then((fields) => {
      const content = fields.comment_content ?? "";
      state.checkedContents.push(content);
      if (content === hangContent) return;
      const answer = () => response.writeHead(200, { "Content-Type": "text/plain" }).end(fields.api_key === key ? "false" : "invalid");
      if (content !== "slow") return answer();
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer();
      }, slowAnswerMs);
      timers.add(timer);
    });
  });
  server.on("connection", (socket) => {
    state.connectionCount += 1;
    openSockets.add(socket);
    socket.on("close", () => openSockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    openSockets,
    get connectionCount() {
      return state.connectionCount;
    },
    get checkedContents() {
      return state.checkedContents;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of openSockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
}

async function waitUntil(condition: () => boolean, withinMs: number): Promise<boolean> {
  const until = performance.now() + withinMs;
  while (!condition()) {
    if (performance.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

async function timeCheck(check: () => Promise<boolean>): Promise<{ elapsedMs: number; outcome: unknown }> {
  const started = performance.now();
  const outcome = await check().then(
    (value) => value,
    (error: unknown) => error,
  );
  return { elapsedMs: performance.now() - started, outcome };
}

let akismet: StalledAkismet;

function checkerFor(deadlineMs: number) {
  return createAkismetClient({ key, blog, host: akismet.host, protocol: "http", timeoutMs: deadlineMs });
}

beforeAll(async () => {
  akismet = await startStalledAkismet();
});

afterAll(async () => {
  await akismet.close();
});

beforeEach(async () => {
  // Each test starts with no connection left over from the one before.
  for (const socket of akismet.openSockets) socket.destroy();
  await waitUntil(() => akismet.openSockets.size === 0, 1000);
  akismet.checkedContents.length = 0;
});

describe("createAkismetClient against a stalled Akismet", () => {
  it("fails twenty unanswered checks as akismet-timeout at the deadline", async () => {
    const checker = checkerFor(timeoutMs);
    const results = await Promise.all(Array.from({ length: 20 }, () => timeCheck(() => checker.checkSpam(comment))));
    expect(akismet.checkedContents).toEqual(Array.from({ length: 20 }, () => hangContent));
    for (const { elapsedMs, outcome } of results) {
      expect(outcome).toBeInstanceOf(AkismetFailure);
      expect((outcome as AkismetFailure).reason).toBe("akismet-timeout");
      expect(elapsedMs).toBeGreaterThanOrEqual(timeoutMs - 2);
      expect(elapsedMs).toBeLessThan(timeoutMs + 800);
    }
  });

  it("closes every connection of the timed-out checks within a second of the deadline", async () => {
    const before = akismet.connectionCount;
    const checker = checkerFor(timeoutMs);
    await Promise.allSettled(Array.from({ length: 20 }, () => checker.checkSpam(comment)));
    expect(akismet.connectionCount - before).toBe(20);
    const isClosed = await waitUntil(() => akismet.openSockets.size === 0, 1000);
    expect({ isClosed, stillOpen: akismet.openSockets.size }).toEqual({ isClosed: true, stillOpen: 0 });
  });

  it("leaves a concurrent check that answers within its own deadline alone", async () => {
    const [stalled, answered] = await Promise.all([
      timeCheck(() => checkerFor(timeoutMs).checkSpam(comment)),
      timeCheck(() => checkerFor(2000).checkSpam({ ...comment, commentContent: "slow" })),
    ]);
    expect((stalled.outcome as AkismetFailure).reason).toBe("akismet-timeout");
    expect(answered.outcome).toBe(false);
    expect(answered.elapsedMs).toBeGreaterThanOrEqual(slowAnswerMs - 2);
  });

  it.each([
    ["an ordinary answer", key, false],
    ["a rejected key", "wrong-key", "akismet-invalid-key"],
  ] as const)("still gets %s after checks timed out", async (_label, presentedKey, expected) => {
    await Promise.allSettled(Array.from({ length: 5 }, () => checkerFor(timeoutMs).checkSpam(comment)));
    const checker = createAkismetClient({ key: presentedKey, blog, host: akismet.host, protocol: "http", timeoutMs: 2000 });
    const { outcome } = await timeCheck(() => checker.checkSpam({ ...comment, commentContent: "Thoughtful words." }));
    expect(outcome instanceof AkismetFailure ? outcome.reason : outcome).toBe(expected);
  });
});
