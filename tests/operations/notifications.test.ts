// Issue #17: what the app writes to its outbox goes out from `npm start`
// itself — a moderator's alert through a real SMTP server, a site's webhook
// signed with its secret — with no request to prompt it.
import { createHmac } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpCapture, type SmtpCapture } from "../support/smtp-capture";
import { AppProcess, makeTempFolder, operationsPorts, postComment, runNpmScript, setUpDemoDatabase, type AppEnvironment } from "./app-process";

const folder = makeTempFolder("ops-notify");
const slug = "shade-before-air-conditioning";
const SECRET = "operations-webhook-secret";
let smtp: SmtpCapture;
let receiver: Server;
const deliveries: { headers: IncomingHttpHeaders; body: string }[] = [];
let app: AppEnvironment;
let running: AppProcess | null = null;

async function waitFor<T>(find: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Nothing arrived within ${timeoutMs} ms:\n${running?.printed ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      deliveries.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
  app = {
    dataDir: join(folder.path, "pglite"),
    port: operationsPorts.first,
    env: { SMTP_URL: smtp.url, PUBLIC_URL: "https://comments.example", MAIL_FROM: "Comments <comments@news.example>" },
  };
  await setUpDemoDatabase(app);
  const hook = await runNpmScript(app, "webhook:add", ["--site", "demo", "--url", `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`, "--secret", SECRET]);
  expect(hook.exitCode, hook.stdout + hook.stderr).toBe(0);
  running = await AppProcess.start(app);
}, 180_000);

afterAll(async () => {
  await running?.stop();
  await smtp?.stop();
  receiver?.close();
  folder.remove();
});

describe("npm start's outbox worker", { timeout: 60_000 }, () => {
  it("mails the moderators about a held comment and tells the site's webhook, signed, without being asked", async () => {
    const posted = await postComment(running!.url, slug, { body: "First time here: the shade maps in this piece match what our street measured.", authorEmail: "first.timer@example.net", authorName: "First Timer" }, "198.51.100.40");
    expect(posted.status).toBe(201);

    const alert = await waitFor(() => smtp.messages.find((message) => message.text.includes("First Timer")));
    expect(alert.headers.from).toContain("comments@news.example");
    expect(alert.text).toContain(`https://comments.example/moderation/`);
    expect(alert.raw).not.toContain("first.timer@example.net");

    const delivery = await waitFor(() => deliveries.find((item) => item.headers["x-tertulia-event"] === "comment.created"));
    const expected = `sha256=${createHmac("sha256", SECRET).update(delivery.body).digest("hex")}`;
    expect(delivery.headers["x-tertulia-signature"]).toBe(expected);
    expect(JSON.parse(delivery.body)).toMatchObject({ event: "comment.created", comment: { id: posted.id, status: "pending" } });
    expect(delivery.body).not.toContain("first.timer@example.net");
  });
});
