import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { canModerate } from "@/lib/auth/moderators";
import { getSignedInAccount } from "@/lib/auth/session";
import type { SignedInAccount } from "@/lib/auth/sign-in";

/**
 * The signed-in moderator, as the database has them now. The layout and every
 * dashboard page call this before reading anything: Next.js renders a page
 * alongside its layout, so the layout's check alone would not keep the page's
 * data out of the response. Looked up once per request.
 */
export const requireModeratorPage = cache(async (): Promise<SignedInAccount> => {
  const account = await getSignedInAccount();
  if (!account) redirect("/login?callbackUrl=/moderation");
  if (!canModerate(account)) forbidden();
  return account;
});
