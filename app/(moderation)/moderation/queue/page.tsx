import { redirect } from "next/navigation";

/** /moderation/queue on its own opens the pending queue. */
export default function QueueIndexPage() {
  redirect("/moderation/queue/pending");
}
