// The two-instance test's database (playwright.scale.config.ts), and the demo
// articles in it:
//   tsx tests/support/scale-database.ts hold NAME
//     creates database NAME on the PostgreSQL server that TEST_POSTGRES_URL (an
//     admin URL) names, says "Database NAME ready", and keeps it until told to
//     stop (SIGTERM or SIGINT), then drops it. Started as the first web server,
//     it is stopped after both app instances, so nothing is connected any more.
//   tsx tests/support/scale-database.ts seed
//     seeds the demo articles into DATABASE_URL. Not `scripts/setup.ts`'s seed:
//     on a PostgreSQL server that writes the demo moderator's password to
//     data/demo-moderator.txt, where a developer's own may be.
import { closeDatabase, getDb } from "../../lib/db";
import { seedDemo } from "../../prisma/seed";
import { runAdminSql } from "./postgres-admin";

const USAGE = "Usage: TEST_POSTGRES_URL=postgresql://…/postgres tsx tests/support/scale-database.ts hold NAME | seed";

async function holdDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unexpected database name: ${name}`);
  await runAdminSql(adminUrl, `CREATE DATABASE "${name}"`);
  console.log(`Database ${name} ready`);
  // Signal handlers alone do not keep Node running. They stay on: the signal comes to the whole process group, so once from the runner and once more relayed by tsx.
  const keepAlive = setInterval(() => {}, 60_000);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.on("SIGTERM", resolve);
    process.on("SIGINT", resolve);
  });
  clearInterval(keepAlive);
  await runAdminSql(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  console.log(`Database ${name} dropped (${signal})`);
}

async function seedDemoArticles(): Promise<void> {
  try {
    const seeded = await seedDemo(getDb());
    console.log(`Seeded ${seeded.articleSlugs.length} demo articles`);
  } finally {
    await closeDatabase();
  }
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (command === "seed") return seedDemoArticles();
  if (command !== "hold" || !name || !adminUrl) throw new Error(USAGE);
  await holdDatabase(adminUrl, name);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
