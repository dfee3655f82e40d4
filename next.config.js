// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // The database drivers load WebAssembly and native sockets at run time: keep them out of the bundle.
  // akismet-api pulls in superagent → formidable, whose dynamic plugin requires Turbopack cannot bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg", "akismet-api"],
  poweredByHeader: false,
  // forbidden() answers dashboard pages with 403 for signed-in accounts without moderation rights.
  experimental: { authInterrupts: true },
};

export default nextConfig;
