"use client";
// A link between reader pages that keeps `?lang=` when the current address has
// it (lib/reader-pages/language-href.ts).
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import type { ComponentProps } from "react";
import { withLanguageParam } from "@/lib/reader-pages/language-href";

/** next/link with the address's `?lang=` carried over. */
export function LangLink({ href, ...props }: Omit<ComponentProps<typeof Link>, "href"> & { href: string }) {
  const lang = useSearchParams().get("lang");
  return <Link href={withLanguageParam(href, lang)} {...props} />;
}
