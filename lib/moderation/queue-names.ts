// The dashboard's queues, shared by the server and the browser (no database here).

/** The queues, in the order the dashboard shows them (SPEC.md). */
export const moderationQueues = ["pending", "reported", "spam", "rejected", "approved"] as const;

/** One of the queues. */
export type ModerationQueue = (typeof moderationQueues)[number];

/** How many comments each queue holds. */
export type QueueCounts = Record<ModerationQueue, number>;

/** The queues' names as the dashboard shows them. */
export const queueLabels: Record<ModerationQueue, string> = {
  pending: "Pending",
  reported: "Reported",
  spam: "Spam",
  rejected: "Rejected",
  approved: "Approved",
};

/** A moderator's decision on a comment (SPEC.md); `ham` is "Not spam". */
export const decisionActions = ["approve", "reject", "spam", "ham"] as const;

/** One decision. */
export type DecisionAction = (typeof decisionActions)[number];
