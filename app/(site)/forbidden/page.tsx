import type { Metadata } from "next";
import { NoModerationRights } from "@/components/moderation/no-moderation-rights";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "No moderation rights", robots: { index: false } };

/** The same notice at its own address, for links and sign-in's redirects. */
export default function ForbiddenPage() {
  return <NoModerationRights />;
}
