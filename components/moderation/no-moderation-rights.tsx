import Link from "next/link";
import { SignOutToLoginButton } from "@/components/moderation/login-form";
import "@/components/moderation/login.css";
import { getSignedInAccount } from "@/lib/auth/session";

/** What a signed-in account without moderation rights sees instead of the dashboard. */
export async function NoModerationRights() {
  const account = await getSignedInAccount();
  return (
    <div className="login">
      <h1 className="page-title">No moderation rights</h1>
      <div className="login-card login-signed-in">
        {account ? (
          <p>
            Your account (<strong>{account.email}</strong>) has no moderation rights. Ask an administrator for them, or sign in with a moderator account.
          </p>
        ) : (
          <p>This part of the site is for moderators. Sign in with a moderator account to continue.</p>
        )}
        <p className="login-links">
          {account ? <SignOutToLoginButton /> : <Link href="/login" className="button button-primary">Sign in</Link>}
          <Link href="/">Back to the articles</Link>
        </p>
      </div>
    </div>
  );
}
