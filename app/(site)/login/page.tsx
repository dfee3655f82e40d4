import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { FillText } from "@/components/moderation/fill-text";
import { LoginForm, SignOutToLoginButton } from "@/components/moderation/login-form";
import "@/components/moderation/login.css";
import { canModerate } from "@/lib/auth/moderators";
import { getSignedInAccount } from "@/lib/auth/session";
import { describeSignInError, toSameSitePath } from "@/lib/validation/sign-in";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  return { title: t("dashboard.login.title"), robots: { index: false } };
}

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
  const { t } = await getRequestTranslator();

  if (account && canModerate(account)) {
    return (
      <div className="login">
        <h1 className="page-title">{t("dashboard.login.signedInTitle")}</h1>
        <div className="login-card login-signed-in">
          <p>
            <FillText text={t("dashboard.login.signedInAs", { role: t(`dashboard.roles.${account.role}`) })} values={{ email: <strong>{account.email}</strong> }} />
          </p>
          <p className="login-links">
            <Link href={callbackUrl} className="button button-primary">
              {callbackUrl === "/moderation" ? t("dashboard.login.goToDashboard") : t("dashboard.login.continueToDashboard")}
            </Link>
            <SignOutToLoginButton label={t("dashboard.login.signInAsSomeoneElse")} />
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="login">
      <h1 className="page-title">{t("dashboard.login.title")}</h1>
      <p className="login-lead">{t("dashboard.login.lead")}</p>
      {account ? (
        <p className="login-note">
          <FillText text={t("dashboard.login.noRightsNote")} values={{ email: <strong>{account.email}</strong> }} />
        </p>
      ) : null}
      <div className="login-card">
        <LoginForm callbackUrl={callbackUrl} initialError={error} />
      </div>
      <p className="login-footnote">
        <FillText text={t("dashboard.login.footnote")} values={{ command: <code>npm run moderator:add</code> }} />
      </p>
    </div>
  );
}
