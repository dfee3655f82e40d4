// The site's discussion policy: one text for the article page, the guidelines
// page and the framed thread, in each language the site speaks.
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";

/** The policy line shown above the comment form, by language. */
export const DISCUSSION_POLICIES: Record<Locale, string> = {
  en: "We welcome debate and dissent, but personal — ad hominem — attacks (on authors, other users or any individual), abuse and defamatory language will not be tolerated. Nor will we tolerate attempts to deliberately disrupt discussions. We aim to maintain an inviting space to focus on intelligent interactions and debates.",
  es: "Damos la bienvenida al debate y a la discrepancia, pero no toleraremos los ataques personales —ad hominem— (contra los autores, otros usuarios o cualquier persona), los insultos ni el lenguaje difamatorio. Tampoco toleraremos los intentos deliberados de entorpecer los debates. Queremos mantener un espacio acogedor, centrado en intercambios y debates inteligentes.",
};

/** The policy line in English (the framed thread's default). */
export const DISCUSSION_POLICY = DISCUSSION_POLICIES[DEFAULT_LOCALE];

/** The policy line in a language. */
export function getDiscussionPolicy(locale: Locale): string {
  return DISCUSSION_POLICIES[locale];
}

/** The product's name, shown in the footer. */
export const PRODUCT_NAME = "Tertulia";
