"use client";

import { signOut } from "next-auth/react";
import { useTranslator } from "@/components/i18n/locale-context";

/** Ends the session and returns to the sign-in page. */
export function SignOutButton() {
  const t = useTranslator();
  return (
    <button type="button" className="mod-link-button" onClick={() => void signOut({ callbackUrl: "/login" })}>
      {t("dashboard.shell.signOut")}
    </button>
  );
}
