// The thread's orders as links, the shown one marked aria-current: the same
// control on the article page (links that keep `?lang=`) and in the framed
// thread (links that keep the frame's own parameters). thread-controls.ts
// remembers the reader's choice and goes back to it. No hooks here.
import type { ReactNode } from "react";
import type { MessageKey } from "@/lib/i18n/catalog-types";
import type { Translator } from "@/lib/i18n/translate";
import type { ThreadSort } from "@/lib/validation/thread-query";
import { KNOWN_SORTS, SORT_ATTRIBUTE, SORT_CONTROL_ATTRIBUTE } from "./thread-controls";

/** The id of the control's visible label, which names it. */
const SORT_LABEL_ID = "thread-sort-label";

const SORT_NAMES: Record<ThreadSort, MessageKey> = {
  oldest: "reader.engagement.sortOldest",
  newest: "reader.engagement.sortNewest",
  best: "reader.engagement.sortBest",
  replies: "reader.engagement.sortReplies",
};

/** What one order's link is drawn with. */
export interface SortLinkProps {
  href: string;
  className: string;
  "aria-current"?: "true" | undefined;
  "data-sort": ThreadSort;
  children: ReactNode;
}

/** The thread's orders; `hrefFor` gives each one's address, `renderLink` draws a link (a plain one unless the page has its own). */
export function SortControl({
  shown,
  hrefFor,
  t,
  renderLink = (props) => <a {...props} />,
}: {
  shown: ThreadSort;
  hrefFor: (sort: ThreadSort) => string;
  t: Translator;
  renderLink?: (props: SortLinkProps) => ReactNode;
}) {
  return (
    <nav className="thread-sort" aria-labelledby={SORT_LABEL_ID} {...{ [SORT_CONTROL_ATTRIBUTE]: "" }}>
      <span id={SORT_LABEL_ID} className="thread-sort-label">
        {t("reader.engagement.sortLabel")}
      </span>
      <ul className="thread-sort-options">
        {KNOWN_SORTS.map((sort) => (
          <li key={sort}>
            {renderLink({
              href: hrefFor(sort),
              className: "thread-sort-option",
              "aria-current": sort === shown ? "true" : undefined,
              [SORT_ATTRIBUTE]: sort,
              children: t(SORT_NAMES[sort]),
            })}
          </li>
        ))}
      </ul>
    </nav>
  );
}
