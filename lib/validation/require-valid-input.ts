// Turns a zod failure into the API's validation error, one message per field.
// Schema messages may be catalog keys: the error is written in the request's
// language when answered (lib/errors.ts), with the limits they name.
import type { z } from "zod";
import { AppError } from "../errors";
import type { MessageParams } from "../i18n/translate";
import { VALIDATION_MESSAGE_PARAMS } from "./message-params";

/**
 * Parses input with a schema; throws AppError("validation") naming each bad
 * field. `messageParams` are values the schema's own messages name beyond the
 * shared limits (say `{banReasonMax}`).
 */
export function requireValidInput<Schema extends z.ZodType>(schema: Schema, input: unknown, messageParams?: MessageParams): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join(".") || "_";
    fields[field] ??= issue.message;
  }
  const names = Object.keys(fields).filter((name) => name !== "_");
  const problem = Object.values(fields)[0] ?? "api.invalidInput";
  const params = { ...VALIDATION_MESSAGE_PARAMS, ...messageParams };
  if (!names.length) throw new AppError("validation", problem, { fields, params });
  throw new AppError("validation", "api.invalidFields", { fields, params: { ...params, fields: names.join(", "), problem } });
}
