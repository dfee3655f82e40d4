import "server-only";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { countQueues } from "@/lib/moderation/queues";

/** The queues' counts, counted once per request however many parts of the page show them. */
export const getQueueCounts = cache(() => countQueues(getDb()));
