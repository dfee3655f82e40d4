// The site's discussion policy: one text for the article page, the guidelines page and (later) the rule queue's messages.

/** The policy line shown above the comment form. */
export const DISCUSSION_POLICY =
  "We welcome debate and dissent, but personal — ad hominem — attacks (on authors, other users or any individual), abuse and defamatory language will not be tolerated. Nor will we tolerate attempts to deliberately disrupt discussions. We aim to maintain an inviting space to focus on intelligent interactions and debates.";

/** The product's name, shown in the footer. */
export const PRODUCT_NAME = "Tertulia";
