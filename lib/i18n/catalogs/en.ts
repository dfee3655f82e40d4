// English: the catalog every other language follows, key for key (TypeScript
// refuses a catalog that lacks one). Values are plain text with {name}
// placeholders; a value with `one`/`other` (and optionally `zero`, `two`, `few`,
// `many`) forms is chosen by the `count` parameter through Intl.PluralRules.
// Sections are kept apart so that one area's strings change without touching another's.

export const en = {
  language: {
    name: "English",
  },

  common: {
    siteName: "TRANSCEND Media Service (demo)",
    siteDescription: "Articles and moderated discussion.",
    skipToContent: "Skip to content",
    skipToComments: "Skip to the comments",
    language: "Language",
    justNow: "just now",
    close: "Close",
    cancel: "Cancel",
  },

  reader: {
  },

  form: {
  },

  frame: {
  },

  api: {
    invalidInput: "Invalid input",
    invalidFields: "Invalid {fields}: {problem}",
    internal: "Something went wrong on our side. Please try again.",
  },

  mail: {
  },

  dashboard: {
  },

  sites: {
  },

  accessibility: {
  },
} as const;
