// The editors'-pick request, shared by the dashboard and the moderation API.
import { z } from "zod";

/** The body of POST /api/v1/moderation/comments/{id}/feature (SPEC.md "Moderation API"). */
export const featureInputSchema = z.object(
  {
    // Only a real boolean: "false" or 0 turning a pick on or off by accident is worse than a 400.
    featured: z.boolean({ message: "dashboard.engagement.api.featuredNotBoolean" }),
  },
  { message: "dashboard.engagement.api.bodyNotObject" },
);

/** A parsed feature request. */
export type FeatureInput = z.infer<typeof featureInputSchema>;
