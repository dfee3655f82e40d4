// Query parameters of a thread page, shared by the JSON API and the article page.
import { z } from "zod";

/** Accepted sort orders of top-level comments: by time, most respected first (then newest), most replies first (then newest). */
export const threadSorts = ["oldest", "newest", "best", "replies"] as const;

/** A sort order of top-level comments. */
export type ThreadSort = (typeof threadSorts)[number];

/** `?sort=&limit=&cursor=` of GET /api/v1/articles/{slug}/comments. */
export const threadQuerySchema = z.object({
  sort: z.enum(threadSorts, { message: "api.thread.badSort" }).default("oldest"),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, "api.thread.badLimit")
    .transform(Number)
    .pipe(z.number().min(1, "api.thread.badLimit").max(100, "api.thread.badLimit"))
    .default(50),
  cursor: z.string().min(1, "api.thread.emptyCursor").max(200, "api.thread.foreignCursor").optional(),
});

/** Parsed thread query. */
export type ThreadQuery = z.infer<typeof threadQuerySchema>;
