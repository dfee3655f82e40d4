// The math captcha as readers see and hear it: "? − 2 = 3" is drawn as
// "[  ] − 2 = 3" (an input where the "?" is) and read out as a question.

/** A captcha question split around its missing number. */
export interface CaptchaParts {
  before: string;
  after: string;
}

/** Splits "? − 2 = 3" into the text before the missing number ("") and after it ("− 2 = 3"). */
export function splitCaptchaQuestion(question: string): CaptchaParts {
  const at = question.indexOf("?");
  if (at === -1) return { before: question.trim(), after: "" };
  return { before: question.slice(0, at).trim(), after: question.slice(at + 1).trim() };
}

/** The words a question is read out with, in the page's language (the React form takes them from the catalog, `form.captcha`). */
export interface CaptchaWords {
  minus: string;
  plus: string;
  times: string;
  dividedBy: string;
  equals: string;
  whatNumber: string;
  /** The field's name when there is no question to read. */
  label: string;
}

/** The words from the catalog (`form.captcha.*`) through a page's translator — the React form's, or the frame script's, which carries those keys. */
export function readCaptchaWords(t: (key: `form.captcha.${keyof CaptchaWords}`) => string): CaptchaWords {
  return { minus: t("form.captcha.minus"), plus: t("form.captcha.plus"), times: t("form.captcha.times"), dividedBy: t("form.captcha.dividedBy"), equals: t("form.captcha.equals"), whatNumber: t("form.captcha.whatNumber"), label: t("form.captcha.label") };
}

/** English, for callers that bring no words of their own. */
export const ENGLISH_CAPTCHA_WORDS: CaptchaWords = { minus: "minus", plus: "plus", times: "times", dividedBy: "divided by", equals: "equals", whatNumber: "what number", label: "Anti-spam question" };

const symbolWords: Record<string, keyof CaptchaWords> = {
  "−": "minus",
  "-": "minus",
  "–": "minus",
  "+": "plus",
  "×": "times",
  "*": "times",
  "x": "times",
  "÷": "dividedBy",
  "/": "dividedBy",
  "=": "equals",
  "?": "whatNumber",
};

/** The question in words for screen readers: "? − 2 = 3" → "What number minus 2 equals 3?" (or "¿Qué número menos 2 es igual a 3?"). */
export function describeCaptchaQuestion(question: string, words: CaptchaWords = ENGLISH_CAPTCHA_WORDS, locale = "en"): string {
  const spoken = question
    .replace(/([−\-–+×*÷/=?])/g, " $1 ")
    .trim()
    .split(/\s+/)
    .filter((word) => word !== "")
    .map((word) => {
      const name = symbolWords[word];
      return name ? words[name] : word;
    });
  if (spoken.length === 0) return words.label;
  const sentence = spoken.join(" ");
  const capitalised = `${sentence.charAt(0).toLocaleUpperCase(locale)}${sentence.slice(1)}?`;
  // Spanish opens a question with its own mark.
  return locale === "es" ? `¿${capitalised}` : capitalised;
}
