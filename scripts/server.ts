// Production server: Next.js behind a plain Node HTTP server, so the app can
// know the client's real address. `next start` keeps an X-Forwarded-For that
// the client sent itself, which would let anyone dodge flood limits and bans;
// here the socket's address is stamped on every request, overwriting any
// client-supplied value. Behind a reverse proxy, set TRUST_PROXY instead.
import { createServer } from "node:http";
import next from "next";
import { CLIENT_IP_HEADER } from "../lib/http";
import { getEnv } from "../lib/env";
import { loadEnvFiles } from "./load-env-files";

loadEnvFiles();
const env = getEnv();
const hostname = process.argv.includes("--host") ? process.argv[process.argv.indexOf("--host") + 1] : undefined;
const app = next({ dev: false, port: env.PORT, ...(hostname ? { hostname } : {}) });
const handle = app.getRequestHandler();

await app.prepare();
createServer((request, response) => {
  request.headers[CLIENT_IP_HEADER] = request.socket.remoteAddress ?? "";
  // Sign-in builds its redirects from these; without a proxy they describe this plain-HTTP server, whatever a client sent.
  if (!env.TRUST_PROXY) {
    request.headers["x-forwarded-proto"] = "http";
    request.headers["x-forwarded-host"] = request.headers.host ?? `localhost:${env.PORT}`;
  }
  void handle(request, response);
}).listen(env.PORT, hostname, () => {
  console.log(`Serving on http://${hostname ?? "localhost"}:${env.PORT}`);
});
