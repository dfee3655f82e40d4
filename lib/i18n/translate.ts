// Looks messages up in a language's catalog and fills in their parameters.
// Text that is not a key passes through unchanged, so a message that has not
// been given a key yet (or a value a user wrote) is shown as it is.
import type { MessageKey, PluralForms } from "./catalog-types";
import { catalogs, DEFAULT_LOCALE, type Locale } from "./locales";

/** Values for a message's {placeholders}; numbers are written in the language's way, `count` also picks the plural form. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** A function that gives a key's text in one language. */
export type Translator = (key: MessageKey, params?: MessageParams) => string;

type Node = string | PluralForms | { readonly [key: string]: Node };

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function lookup(locale: Locale, key: string): string | PluralForms | undefined {
  let node: Node | undefined = catalogs[locale] as unknown as Node;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, Node>)[part];
  }
  if (typeof node === "string") return node;
  if (typeof node === "object" && node !== null && typeof (node as PluralForms).other === "string") return node as PluralForms;
  return undefined;
}

function formatNumberFor(locale: Locale, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

function choosePlural(locale: Locale, forms: PluralForms, count: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  if (count === 0 && forms.zero !== undefined) return forms.zero;
  return forms[rules.select(count)] ?? forms.other;
}

function fill(locale: Locale, template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === "number") return formatNumberFor(locale, value);
    // A parameter that is itself a key ("Invalid {field}: {problem}" with a problem's key) is written in the same language.
    if (isMessageKey(value)) {
      const { [name]: _self, ...rest } = params;
      return translate(locale, value, rest);
    }
    return value;
  });
}

/** A key's message as the catalog holds it (text, or plural forms), in `locale` or else English: for a script that formats messages itself. */
export function readMessage(locale: Locale, key: MessageKey): string | PluralForms {
  return lookup(locale, key) ?? lookup(DEFAULT_LOCALE, key) ?? key;
}

/** Whether a text is one of the catalog's keys (in English, which every catalog follows). */
export function isMessageKey(text: string): text is MessageKey {
  return /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/.test(text) && lookup(DEFAULT_LOCALE, text) !== undefined;
}

/** A key's text in `locale` (falling back to English, then to the key itself), or any other text unchanged. */
export function translate(locale: Locale, keyOrText: string, params?: MessageParams): string {
  const message = lookup(locale, keyOrText) ?? lookup(DEFAULT_LOCALE, keyOrText);
  if (message === undefined) return fill(locale, keyOrText, undefined);
  const template = typeof message === "string" ? message : choosePlural(locale, message, Number(params?.count ?? 0));
  return fill(locale, template, params);
}

/** The translator for one language. */
export function createTranslator(locale: Locale): Translator {
  return (key, params) => translate(locale, key, params);
}
