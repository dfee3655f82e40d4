"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { fetchCaptcha, type Captcha } from "./comments-api";

/** Tokens live 30 minutes on the server; a new question comes a little before that. */
const CAPTCHA_REFRESH_MS = 29 * 60 * 1000;

/** The form's captcha: loading, ready with a question, or failed to load. */
export type CaptchaState = { state: "loading" } | { state: "ready"; captcha: Captcha } | { state: "failed" };

/**
 * A single-use captcha fetched when the form mounts; `refresh` gets a new one
 * (after every submit attempt), and an unused one is replaced before it expires.
 */
export function useCaptcha(): { captcha: CaptchaState; refresh: () => void } {
  const [captcha, setCaptcha] = useState<CaptchaState>({ state: "loading" });
  // Only the latest request may set the state: answers can arrive out of order.
  const latest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latest.current;
    const result = await fetchCaptcha();
    if (request !== latest.current) return;
    setCaptcha(result.kind === "ok" ? { state: "ready", captcha: result.value } : { state: "failed" });
  }, []);

  const refresh = useCallback(() => {
    setCaptcha({ state: "loading" });
    void load();
  }, [load]);

  useEffect(() => {
    void load();
    return () => {
      latest.current += 1;
    };
  }, [load]);

  const token = captcha.state === "ready" ? captcha.captcha.token : null;
  useEffect(() => {
    if (token === null) return;
    const timer = window.setTimeout(refresh, CAPTCHA_REFRESH_MS);
    return () => window.clearTimeout(timer);
  }, [token, refresh]);

  return { captcha, refresh };
}
