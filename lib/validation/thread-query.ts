// Query parameters of a thread page, shared by the JSON API and the article page.
import { z } from "zod";

/** Accepted sort orders of top-level comments. */
export const threadSorts = ["oldest", "newest"] as const;

/** `?sort=&limit=&cursor=` of GET /api/v1/articles/{slug}/comments. */
export const threadQuerySchema = z.object({
  sort: z.enum(threadSorts, { message: "sort must be oldest or newest" }).default("oldest"),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, "limit must be a whole number from 1 to 100")
    .transform(Number)
    .pipe(z.number().min(1, "limit must be a whole number from 1 to 100").max(100, "limit must be a whole number from 1 to 100"))
    .default(50),
  cursor: z.string().min(1, "cursor must not be empty").max(200, "cursor is not one this API issued").optional(),
});

/** Parsed thread query. */
export type ThreadQuery = z.infer<typeof threadQuerySchema>;
