// The SMTP capture as a process of its own, for the end-to-end suite: the app
// under test sends through it (SMTP_URL), and the specs read what arrived over
// HTTP (GET /messages), as they read the Akismet stand-in.
//
//   tsx tests/support/smtp-capture-server.ts SMTP_PORT HTTP_PORT
import { createServer } from "node:http";
import { startSmtpCapture } from "./smtp-capture";

const [smtpPort, httpPort] = process.argv.slice(2).map(Number);
if (!smtpPort || !httpPort) {
  console.error("usage: tsx tests/support/smtp-capture-server.ts SMTP_PORT HTTP_PORT");
  process.exit(1);
}

const capture = await startSmtpCapture({ port: smtpPort });
createServer((request, response) => {
  if (request.method === "GET" && request.url === "/messages") {
    const messages = capture.messages.map(({ rcptTo, headers, subject, text, html }) => ({ rcptTo, headers, subject, text, html }));
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(messages));
    return;
  }
  response.writeHead(404).end();
}).listen(httpPort, "127.0.0.1");
