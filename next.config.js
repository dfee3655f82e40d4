// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // The database drivers load WebAssembly and native sockets at run time: keep them out of the bundle.
  // akismet-api pulls in superagent → formidable, whose dynamic plugin requires Turbopack cannot bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg", "akismet-api"],
  poweredByHeader: false,
  // forbidden() answers dashboard pages with 403 for signed-in accounts without moderation rights.
  experimental: {
    authInterrupts: true,
    // proxy.ts makes Next.js copy each request's body before the route reads it, by default up to 10 MB: the API
    // takes 32 KB (lib/http.ts), so copying more than twice that only costs memory. A longer body reaches the route
    // cut short, and the route refuses it with 413.
    proxyClientMaxBodySize: 64 * 1024,
  },
};

export default nextConfig;
