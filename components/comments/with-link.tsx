// Puts an element (a link, a mark) where a translated sentence has its
// placeholder, so the words around it stay in the catalog, in each
// language's own order. No hooks: static markup uses it too.
import { Fragment, type ReactNode } from "react";

/** The text with `{name}` replaced by `element` (the text as it is when it has no such placeholder). */
export function withLink(text: string, name: string, element: ReactNode): ReactNode {
  const placeholder = `{${name}}`;
  const at = text.indexOf(placeholder);
  if (at === -1) return text;
  return (
    <Fragment>
      {text.slice(0, at)}
      {element}
      {text.slice(at + placeholder.length)}
    </Fragment>
  );
}
