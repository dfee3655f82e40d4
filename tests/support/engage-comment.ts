// Gives a comment what readers and its author would have given it — an earlier
// text (a CommentRevision row and editedAt, as an edit leaves them), respects
// (Respect rows from distinct networks and the count), its author's deletion
// (deletedAt) — through the running app's database like every command:
// end-to-end tests use it to show queue cards with all of these.
//   tsx tests/support/engage-comment.ts COMMENT_ID [--revision "earlier text"] [--respects N] [--deleted yes]
import { randomUUID } from "node:crypto";
import { closeDatabase } from "../../lib/db";
import { openCommandDatabase } from "../../scripts/command-database";

function readOptions(args: string[]): { commentId: string; revision: string | null; respects: number; isDeleted: boolean } {
  const [commentId, ...rest] = args;
  let revision: string | null = null;
  let respects = 0;
  let isDeleted = false;
  for (let index = 0; index < rest.length; index += 2) {
    const [name, value] = [rest[index], rest[index + 1]];
    if (name === "--revision" && value !== undefined) revision = value;
    else if (name === "--respects" && value !== undefined && /^\d{1,3}$/.test(value)) respects = Number(value);
    else if (name === "--deleted" && value === "yes") isDeleted = true;
    else throw new Error(`Unexpected argument ${name ?? ""}`);
  }
  if (!commentId) throw new Error('Usage: engage-comment.ts COMMENT_ID [--revision "earlier text"] [--respects N] [--deleted yes]');
  return { commentId, revision, respects, isDeleted };
}

async function main(): Promise<void> {
  const { commentId, revision, respects, isDeleted } = readOptions(process.argv.slice(2));
  const db = (await openCommandDatabase()).prisma;
  const comment = await db.comment.findUniqueOrThrow({ where: { id: commentId }, select: { createdAt: true } });
  if (revision !== null) {
    const replacedAt = new Date();
    await db.commentRevision.create({ data: { commentId, body: revision, writtenAt: comment.createdAt, createdAt: replacedAt } });
    await db.comment.update({ where: { id: commentId }, data: { editedAt: replacedAt } });
  }
  if (respects > 0) {
    await db.respect.createMany({ data: Array.from({ length: respects }, () => ({ commentId, readerKey: randomUUID(), networkKey: randomUUID() })) });
    await db.comment.update({ where: { id: commentId }, data: { respectCount: { increment: respects } } });
  }
  if (isDeleted) await db.comment.update({ where: { id: commentId }, data: { deletedAt: new Date() } });
  await closeDatabase();
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await closeDatabase().catch(() => {});
  process.exit(1);
});
