// A site owner's page on other origins, for the embedding end-to-end tests:
// `tsx tests/support/host-page-server.ts APP_ORIGIN SITE_KEY PORT [PORT…]`.
// GET /article.html?keys=a,b embeds one thread per key (and a count for the first) with the one script tag;
// &site=KEY embeds another site's threads, and &secret=S signs each embed with S as the site owner's server
// would (data-signature: hex HMAC-SHA256 of article|url|title); &lang=es and &theme=dark|light set each embed's
// data-lang and data-theme (and the page's own lang).
import { createHmac } from "node:crypto";
import { createServer } from "node:http";

const [appOrigin, siteKey, ...ports] = process.argv.slice(2);
if (!appOrigin || !siteKey || ports.length === 0) throw new Error("usage: host-page-server.ts APP_ORIGIN SITE_KEY PORT [PORT…]");

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

function page(origin: string, keys: string[], options: { site: string; secret: string | null; lang: string | null; theme: string | null }): string {
  const look = `${options.lang ? ` data-lang="${escapeAttribute(options.lang)}"` : ""}${options.theme ? ` data-theme="${escapeAttribute(options.theme)}"` : ""}`;
  const threads = keys
    .map((key, index) => {
      const url = `${origin}/article.html#${key}`;
      const title = `Host article ${key}`;
      const signature = options.secret ? ` data-signature="${createHmac("sha256", options.secret).update(`${key}|${url}|${title}`).digest("hex")}"` : "";
      return `<h2>Discussion ${index + 1}</h2>
<div data-comments data-site="${escapeAttribute(options.site)}" data-article="${escapeAttribute(key)}" data-url="${escapeAttribute(url)}" data-title="${escapeAttribute(title)}"${signature}${look}></div>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="${escapeAttribute(options.lang ?? "en")}"><head><meta charset="utf-8"><title>A site owner's article</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: Georgia, serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem">
<main>
<h1>A site owner's article</h1>
<p>Comments so far: <span data-comments-count data-site="${escapeAttribute(options.site)}" data-article="${escapeAttribute(keys[0] ?? "")}">…</span></p>
<p>${"Lorem ipsum dolor sit amet, the article's own text. ".repeat(8)}</p>
${threads}
</main>
<script src="${escapeAttribute(appOrigin!)}/embed.js" async></script>
</body></html>`;
}

for (const port of ports) {
  createServer((request, response) => {
    const url = new URL(request.url ?? "/", `http://127.0.0.1:${port}`);
    if (url.pathname !== "/article.html") {
      response.writeHead(url.pathname === "/" ? 200 : 404, { "Content-Type": "text/plain" }).end(url.pathname === "/" ? "host page server" : "not found");
      return;
    }
    const keys = (url.searchParams.get("keys") ?? "host-article").split(",").filter(Boolean);
    const options = { site: url.searchParams.get("site") ?? siteKey!, secret: url.searchParams.get("secret"), lang: url.searchParams.get("lang"), theme: url.searchParams.get("theme") };
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(page(url.origin, keys, options));
  }).listen(Number(port), "127.0.0.1");
}
console.log(`host pages on ${ports.map((port) => `http://127.0.0.1:${port}`).join(", ")}`);
