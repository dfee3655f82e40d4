"use client";
// Messages that arrive as data (an API error, a schema's message) may be
// catalog keys or plain text: this writes either in the page's language.
import { useCallback } from "react";
import { useLocale } from "@/components/i18n/locale-context";
import { translate, type MessageParams } from "@/lib/i18n/translate";

/** Writes a catalog key (with its parameters) in the page's language; other text passes through. */
export function useMessage(): (keyOrText: string, params?: MessageParams) => string {
  const locale = useLocale();
  return useCallback((keyOrText, params) => translate(locale, keyOrText, params), [locale]);
}
