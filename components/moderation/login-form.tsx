"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn, signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useTranslator } from "@/components/i18n/locale-context";
import { NETWORK_FAILURE_KEY } from "./dashboard-api";
import { useMessage } from "./use-message";
import { describeSignInError, signInFormSchema, type SignInErrorMessage, type SignInFormValues } from "@/lib/validation/sign-in";
import "./dashboard-theme.css";
import "./login.css";

type SignInOutput = z.output<typeof signInFormSchema>;

export interface LoginFormProps {
  /** A path on this site to go to once signed in (already checked by the page). */
  callbackUrl: string;
  /** An error to show from the start: the `?error=` next-auth redirected with. */
  initialError?: SignInErrorMessage | null;
}

/** The dashboard's sign-in form: e-mail and password through next-auth's credentials flow, errors shown above the fields. */
export function LoginForm({ callbackUrl, initialError = null }: LoginFormProps) {
  const router = useRouter();
  const t = useTranslator();
  const say = useMessage();
  const id = useId();
  const [formError, setFormError] = useState<SignInErrorMessage | null>(initialError);
  const [isRedirecting, setIsRedirecting] = useState(false);
  const {
    register,
    handleSubmit,
    resetField,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<SignInFormValues, unknown, SignInOutput>({
    resolver: zodResolver(signInFormSchema),
    defaultValues: { email: "", password: "" },
    mode: "onSubmit",
    reValidateMode: "onChange",
  });

  const send = async (values: SignInOutput) => {
    setFormError(null);
    let result: Awaited<ReturnType<typeof signIn>>;
    try {
      result = await signIn("credentials", { email: values.email, password: values.password, redirect: false, callbackUrl });
    } catch {
      setFormError({ message: NETWORK_FAILURE_KEY });
      return;
    }
    if (!result?.ok || result.error) {
      setFormError(describeSignInError(result?.error ?? "Default"));
      resetField("password");
      setFocus("password");
      return;
    }
    setIsRedirecting(true);
    router.push(callbackUrl);
    router.refresh();
  };

  const isBusy = isSubmitting || isRedirecting;
  const emailError = errors.email?.message === undefined ? undefined : say(errors.email.message);
  const passwordError = errors.password?.message === undefined ? undefined : say(errors.password.message);

  return (
    // Without JavaScript the browser posts to next-auth itself, which sends it back here; the password never goes into a URL.
    <form className="login-form" method="post" action="/api/auth/callback/credentials" noValidate onSubmit={(event) => void handleSubmit(send)(event)}>
      {formError ? (
        <p className="form-alert" role="alert">
          {say(formError.message, formError.params)}
        </p>
      ) : null}
      <div className="field">
        <label className="field-label" htmlFor={`${id}-email`}>
          {t("dashboard.login.email")}
        </label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? `${id}-email-error` : undefined}
          {...register("email")}
        />
        {emailError ? (
          <p className="field-error" id={`${id}-email-error`}>
            {emailError}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-password`}>
          {t("dashboard.login.password")}
        </label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={passwordError ? `${id}-password-error` : undefined}
          {...register("password")}
        />
        {passwordError ? (
          <p className="field-error" id={`${id}-password-error`}>
            {passwordError}
          </p>
        ) : null}
      </div>
      <div className="login-actions">
        <button type="submit" className="button button-primary" disabled={isBusy}>
          {t("dashboard.login.submit")}
        </button>
        <span className="login-status" role="status">
          {isSubmitting ? t("dashboard.login.signingIn") : isRedirecting ? t("dashboard.login.redirecting") : ""}
        </span>
      </div>
      <noscript>
        <p className="form-alert">{t("dashboard.login.needsJavaScript")}</p>
      </noscript>
    </form>
  );
}

/** Ends the session and comes back to the sign-in page, to sign in with another account. */
export function SignOutToLoginButton({ label }: { label?: string }) {
  const t = useTranslator();
  const [isSigningOut, setIsSigningOut] = useState(false);
  return (
    <button
      type="button"
      className="button"
      disabled={isSigningOut}
      onClick={() => {
        setIsSigningOut(true);
        void signOut({ callbackUrl: "/login" });
      }}
    >
      {label ?? t("dashboard.shell.signOut")}
    </button>
  );
}
