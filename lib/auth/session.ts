// Who is asking: the session's account, re-read from the database so that a
// removed account or a changed role takes effect on the next request.
import { getServerSession } from "next-auth";
import { getDb } from "../db";
import { findAccount, requireModeratorRole } from "./moderators";
import { getAuthOptions } from "./options";
import type { SignedInAccount } from "./sign-in";

/** The signed-in account, or null. */
export async function getSignedInAccount(): Promise<SignedInAccount | null> {
  const session = await getServerSession(getAuthOptions());
  const id = session?.account.id;
  return id ? findAccount(getDb(), id) : null;
}

/** The signed-in moderator (or admin, with `admin`); throws `unauthorized` or `forbidden` otherwise. */
export async function requireModerator(options: { admin?: boolean } = {}): Promise<SignedInAccount> {
  return requireModeratorRole(await getSignedInAccount(), options);
}
