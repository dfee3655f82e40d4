// A webhook receiver on loopback for tests: a real HTTP server that keeps
// every request's headers and exact raw body, and answers with the statuses
// it is told to (the last one repeats), or not at all.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the receiver got it. */
export interface ReceivedDelivery {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as it arrived, for checking the signature. */
  rawBody: Buffer;
}

/** A running receiver. */
export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedDelivery[];
  /** Statuses for the next requests, in order; the last one repeats. "hang" never answers. */
  answers: Array<number | "hang">;
  /** Headers to add to every answer (a redirect's Location). */
  answerHeaders: Record<string, string>;
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 at a free port; its URL ends in `path`. */
export async function startWebhookReceiver(path = "/hooks/tertulia", answers: Array<number | "hang"> = [200]): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const receiver = { received, answers, answerHeaders: {} as Record<string, string> };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ method: request.method ?? "", path: request.url ?? "", headers: request.headers, rawBody: Buffer.concat(chunks) });
      const answer = receiver.answers.length > 1 ? receiver.answers.shift()! : receiver.answers[0]!;
      if (answer === "hang") return;
      response.writeHead(answer, { "Content-Type": "text/plain", ...receiver.answerHeaders });
      response.end(`answered ${answer}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}${path}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
