import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { readRequestLocale } from "@/lib/i18n/request-locale";
import { createTranslator, type Translator } from "@/lib/i18n/translate";
import type { Locale } from "@/lib/i18n/locales";

/** The language of the request being rendered (chosen by proxy.ts). */
export const getRequestLocale = cache(async (): Promise<Locale> => readRequestLocale(await headers()));

/** The request's language and its translator, for server components. */
export async function getRequestTranslator(): Promise<{ locale: Locale; t: Translator }> {
  const locale = await getRequestLocale();
  return { locale, t: createTranslator(locale) };
}
