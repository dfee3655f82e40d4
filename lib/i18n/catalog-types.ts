// The shape every catalog has: English's keys, any text for values.
import type { en } from "./catalogs/en";

/** A message chosen by a count: Intl.PluralRules' categories, `other` always present. */
export interface PluralForms {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

type Widen<T> = T extends string ? string : T extends { readonly other: string } ? PluralForms : { readonly [K in keyof T]: Widen<T[K]> };

/** A language's catalog: the same keys as English's. */
export type Catalog = Widen<typeof en>;

type Paths<T> = {
  [K in keyof T & string]: T[K] extends string | { readonly other: string } ? K : `${K}.${Paths<T[K]>}`;
}[keyof T & string];

/** A message's key, "section.name", as TypeScript knows them from the English catalog. */
export type MessageKey = Paths<typeof en>;
