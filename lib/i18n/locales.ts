// The languages the app speaks, one catalog each (lib/i18n/catalogs/). Adding
// one is adding its catalog file and its line in `catalogs` below.
import type { Catalog } from "./catalog-types";
import { en } from "./catalogs/en";
import { es } from "./catalogs/es";

/** Every language's catalog, by its BCP 47 code. */
export const catalogs = { en, es } satisfies Record<string, Catalog>;

/** A language the app speaks. */
export type Locale = keyof typeof catalogs;

/** Every language the app speaks, English first. */
export const LOCALES = Object.keys(catalogs) as Locale[];

/** The language used when nothing else decides. */
export const DEFAULT_LOCALE: Locale = "en";

/** Whether a value names a language the app speaks. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && Object.hasOwn(catalogs, value);
}
