// Turns a zod failure into the API's validation error, one message per field.
// Schema messages may be catalog keys: the error is written in the request's
// language when answered (lib/errors.ts), with the limits they name.
import type { z } from "zod";
import { AppError } from "../errors";
import { VALIDATION_MESSAGE_PARAMS } from "./message-params";

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
  const problem = Object.values(fields)[0] ?? "api.invalidInput";
  if (!names.length) throw new AppError("validation", problem, { fields, params: VALIDATION_MESSAGE_PARAMS });
  throw new AppError("validation", "api.invalidFields", { fields, params: { ...VALIDATION_MESSAGE_PARAMS, fields: names.join(", "), problem } });
}
