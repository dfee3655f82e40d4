// The words of the readers' thread controls (components/comments/thread-controls.ts),
// by the names the module uses, and the catalog key each one says. The article
// page writes them with its translator; the framed thread's script gets them in
// its settings blob (lib/embed/frame-script-messages.ts), so the module itself
// ships no catalog. Only a type comes from lib/i18n here.
import type { MessageKey } from "../i18n/catalog-types";

/** Each of the thread controls' message names and its catalog key. */
export const THREAD_CONTROL_MESSAGE_KEYS = {
  respectName: "reader.engagement.respectName",
  respectFailed: "reader.engagement.respectFailed",
  respectNetworkFailure: "reader.engagement.respectNetworkFailure",
  hideReplies: "reader.engagement.hideReplies",
  hideRepliesTo: "reader.engagement.hideRepliesTo",
  showReplies: "reader.engagement.showReplies",
  showRepliesTo: "reader.engagement.showRepliesTo",
  loadingReplies: "reader.engagement.loadingReplies",
  repliesFailed: "reader.engagement.repliesFailed",
} as const satisfies Record<string, MessageKey>;

/** A message name of the thread controls. */
export type ThreadControlMessageName = keyof typeof THREAD_CONTROL_MESSAGE_KEYS;
