// Turns a zod failure into the API's validation error, one message per field.
import type { z } from "zod";
import { AppError } from "../errors";

/** Parses input with a schema; throws AppError("validation") naming each bad field. */
export function requireValidInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join(".") || "_";
    fields[field] ??= issue.message;
  }
  const names = Object.keys(fields).filter((name) => name !== "_");
  const message = names.length ? `Invalid ${names.join(", ")}: ${Object.values(fields)[0]}` : (Object.values(fields)[0] ?? "Invalid input");
  throw new AppError("validation", message, { fields });
}
