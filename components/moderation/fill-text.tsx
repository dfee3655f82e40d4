import { Fragment, type ReactNode } from "react";

/**
 * A translated sentence whose {placeholders} are elements (a bold address, a
 * link, code): the catalog keeps the whole sentence, so each language orders
 * its words itself. Placeholders without a value stay as they are.
 */
export function FillText({ text, values }: { text: string; values: Readonly<Record<string, ReactNode>> }) {
  const parts = text.split(/\{(\w+)\}/);
  return (
    <>
      {parts.map((part, index) => (index % 2 === 1 ? <Fragment key={index}>{Object.hasOwn(values, part) ? values[part] : `{${part}}`}</Fragment> : part === "" ? null : <Fragment key={index}>{part}</Fragment>))}
    </>
  );
}
