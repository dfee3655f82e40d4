// A local server that speaks Akismet REST API 1.1 closely enough to drive the
// real akismet-api client in tests: no network here reaches rest.akismet.com.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request as the stand-in received it. */
export interface RecordedAkismetRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  fields: Record<string, string>;
}

/** How the stand-in answers: "slow" waits delayMs first, "error" answers 500, "hang" never answers. */
export type AkismetStandInBehaviour = "normal" | "slow" | "error" | "hang";

/** A running stand-in; point AkismetOptions.host/protocol at it. */
export interface AkismetStandIn {
  host: string;
  protocol: "http";
  key: string;
  requests: RecordedAkismetRequest[];
  setBehaviour(behaviour: AkismetStandInBehaviour, delayMs?: number): void;
  close(): Promise<void>;
}

/** The author name that Akismet always calls spam. */
export const guaranteedSpamAuthor = "akismet-guaranteed-spam";
/** The e-mail address that Akismet always calls spam. */
export const guaranteedSpamEmail = "akismet-guaranteed-spam@example.com";

const submitThanks = "Thanks for making the web a better place.";

/** Starts a stand-in on 127.0.0.1 at a free port (or the given one). */
export async function startAkismetStandIn(options: { key?: string; port?: number } = {}): Promise<AkismetStandIn> {
  const key = options.key ?? "stand-in-key";
  const requests: RecordedAkismetRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let behaviour: AkismetStandInBehaviour = "normal";
  let delayMs = 0;
  let host = "";

  const server = createServer((request, response) => {
    void readForm(request).then((fields) => {
      const path = new URL(request.url ?? "/", "http://stand-in").pathname;
      // Tests in another process (end-to-end) read what it received here.
      if (path === "/__requests") return answerJson(response, requests.map(({ method, path: requestPath, fields }) => ({ method, path: requestPath, fields })));
      requests.push({ method: request.method ?? "", path, headers: request.headers, fields });
      if (behaviour === "hang") return;
      if (behaviour === "error") return answer(response, 500, "Internal Server Error");
      const respond = () => route(response, path, fields, keyOf(request, fields));
      if (behaviour === "normal") return respond();
      const timer = setTimeout(() => {
        timers.delete(timer);
        respond();
      }, delayMs);
      timers.add(timer);
    }, () => request.destroy());
  });

  // The client may present the key as the api_key field (Akismet 1.1) or, as
  // akismet-api does against the real service, as the first label of the host.
  function keyOf(request: IncomingMessage, fields: Record<string, string>): string | undefined {
    if (fields.api_key !== undefined) return fields.api_key;
    const hostHeader = request.headers.host ?? "";
    return hostHeader.endsWith(`.${host}`) ? hostHeader.slice(0, -host.length - 1) : undefined;
  }

  function route(response: ServerResponse, path: string, fields: Record<string, string>, presentedKey: string | undefined): void {
    if (path === "/1.1/verify-key") {
      return fields.key === key && fields.blog ? answer(response, 200, "valid") : answer(response, 200, "invalid", "Invalid key");
    }
    if (!["/1.1/comment-check", "/1.1/submit-spam", "/1.1/submit-ham"].includes(path)) {
      return answer(response, 404, "Not Found");
    }
    if (presentedKey !== key) return answer(response, 200, "invalid", "Invalid key. Please check your API key.");
    if (path !== "/1.1/comment-check") return answer(response, 200, submitThanks);
    if (fields.user_role === "administrator") return answer(response, 200, "false");
    const isSpam = fields.comment_author === guaranteedSpamAuthor || fields.comment_author_email === guaranteedSpamEmail;
    answer(response, 200, isSpam ? "true" : "false");
  }

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    host,
    protocol: "http",
    key,
    requests,
    setBehaviour(next, nextDelayMs = 0) {
      behaviour = next;
      delayMs = nextDelayMs;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      // Hanging and keep-alive connections would otherwise hold server.close() open.
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
}

function answer(response: ServerResponse, status: number, body: string, debugHelp?: string): void {
  const headers: Record<string, string> = { "Content-Type": "text/plain; charset=utf-8" };
  if (debugHelp !== undefined) headers["X-akismet-debug-help"] = debugHelp;
  response.writeHead(status, headers).end(body);
}

function answerJson(response: ServerResponse, body: unknown): void {
  response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}
