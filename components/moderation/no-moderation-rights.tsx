import Link from "next/link";
import { SignOutToLoginButton } from "@/components/moderation/login-form";
import "@/components/moderation/dashboard-theme.css";
import "@/components/moderation/login.css";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { FillText } from "@/components/moderation/fill-text";
import { getSignedInAccount } from "@/lib/auth/session";

/** What a signed-in account without moderation rights sees instead of the dashboard. */
export async function NoModerationRights() {
  const account = await getSignedInAccount();
  const { t } = await getRequestTranslator();
  return (
    <div className="login">
      <h1 className="page-title">{t("dashboard.noRights.title")}</h1>
      <div className="login-card login-signed-in">
        {account ? (
          <p>
            <FillText text={t("dashboard.noRights.account")} values={{ email: <strong>{account.email}</strong> }} />
          </p>
        ) : (
          <p>{t("dashboard.noRights.anonymous")}</p>
        )}
        <p className="login-links">
          {account ? (
            <SignOutToLoginButton />
          ) : (
            <Link href="/login" className="button button-primary">
              {t("dashboard.noRights.signIn")}
            </Link>
          )}
          <Link href="/">{t("dashboard.noRights.backToArticles")}</Link>
        </p>
      </div>
    </div>
  );
}
