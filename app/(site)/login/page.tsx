import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { LoginForm, SignOutToLoginButton } from "@/components/moderation/login-form";
import "@/components/moderation/login.css";
import { canModerate } from "@/lib/auth/moderators";
import { getSignedInAccount } from "@/lib/auth/session";
import { describeSignInError, toSameSitePath } from "@/lib/validation/sign-in";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

type SearchParams = Record<string, string | string[] | undefined>;

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Sign-in for moderators. The proxy sends dashboard visitors here with `callbackUrl`; next-auth sends failed non-JavaScript sign-ins here with `error`. */
export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const requestHeaders = await headers();
  const callbackUrl = toSameSitePath(firstValue(params.callbackUrl), requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host"));
  const error = describeSignInError(firstValue(params.error));
  const account = await getSignedInAccount();

  if (account && canModerate(account)) {
    return (
      <div className="login">
        <h1 className="page-title">Signed in</h1>
        <div className="login-card login-signed-in">
          <p>
            You are signed in as <strong>{account.email}</strong> ({account.role}).
          </p>
          <p className="login-links">
            <Link href={callbackUrl} className="button button-primary">
              {callbackUrl === "/moderation" ? "Go to the dashboard" : "Continue to the dashboard"}
            </Link>
            <SignOutToLoginButton label="Sign in as someone else" />
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="login">
      <h1 className="page-title">Sign in</h1>
      <p className="login-lead">For moderators of the discussion. Readers do not need an account to comment.</p>
      {account ? (
        <p className="login-note">
          You are signed in as <strong>{account.email}</strong>, which has no moderation rights. Sign in with a moderator account to continue.
        </p>
      ) : null}
      <div className="login-card">
        <LoginForm callbackUrl={callbackUrl} initialError={error} />
      </div>
      <p className="login-footnote">
        Locked out or forgot your password? An administrator can reset it with <code>npm run moderator:add</code>.
      </p>
    </div>
  );
}
