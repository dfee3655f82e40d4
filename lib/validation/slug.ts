// Article slugs as they appear in URLs. A value that cannot be a slug is simply
// not found: it never reaches the database (where a NUL byte would be an error).

/** Longest slug we store or look up. */
export const MAX_SLUG_LENGTH = 200;

/** Whether a value could be an article slug: 1–200 characters, no control characters or slashes. */
export function isPossibleSlug(value: string): boolean {
  return value.length > 0 && value.length <= MAX_SLUG_LENGTH && !/[\u0000-\u001f\u007f/\\]/.test(value);
}
