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

const spokenSymbols: Record<string, string> = {
  "−": "minus",
  "-": "minus",
  "–": "minus",
  "+": "plus",
  "×": "times",
  "*": "times",
  "x": "times",
  "÷": "divided by",
  "/": "divided by",
  "=": "equals",
  "?": "what number",
};

/** The question in words for screen readers: "? − 2 = 3" → "What number minus 2 equals 3?". */
export function describeCaptchaQuestion(question: string): string {
  const words = question
    .replace(/([−\-–+×*÷/=?])/g, " $1 ")
    .trim()
    .split(/\s+/)
    .filter((word) => word !== "")
    .map((word) => spokenSymbols[word] ?? word);
  if (words.length === 0) return "Anti-spam question";
  const sentence = words.join(" ");
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}?`;
}
