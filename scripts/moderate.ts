// `npm run --silent moderate < in.jsonl > out.jsonl`: the rule checks alone
// (no database, no Akismet, default settings) over JSON lines
// {"id"?,"text","authorName"?,"authorEmail"?,"authorUrl"?}, one output line per
// input line, in order (SPEC.md). A bad line gets {"id","error"} and the run goes on.
import { createInterface } from "node:readline";
import { z } from "zod";
import { moderateText } from "../lib/moderation/moderate-text";
import { readIssueMessage } from "../lib/validation/issue-message";

const lineSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string({ message: "text is required and must be a string" }),
  authorName: z.string().optional(),
  authorEmail: z.string().optional(),
  authorUrl: z.string().optional(),
});

async function main(): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  let failures = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === "") continue;
    let parsed: z.infer<typeof lineSchema>;
    try {
      parsed = lineSchema.parse(JSON.parse(line));
    } catch (error) {
      failures += 1;
      const message = error instanceof z.ZodError ? error.issues.map((issue) => readIssueMessage(issue)).join("; ") : "not valid JSON";
      process.stdout.write(`${JSON.stringify({ id: lineNumber, error: `line ${lineNumber}: ${message}` })}\n`);
      continue;
    }
    const result = await moderateText(parsed);
    process.stdout.write(`${JSON.stringify({ id: parsed.id ?? lineNumber, action: result.action, labels: result.labels, reasons: result.reasons })}\n`);
  }
  if (failures > 0) process.stderr.write(`${failures} line(s) could not be read\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
