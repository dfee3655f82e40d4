// Which characters a reader's text may hold. PostgreSQL refuses a NUL byte in
// text outright, control characters have no place in a name or a comment (an
// escape sequence can repaint a moderator's terminal), invisible characters
// alone are not a name or a comment, and text-direction overrides in a name
// could make it read backwards, and whatever follows it, wherever it is shown.
// Zod-free, so the embedded frame's script can share it.

/** C0 and C1 control characters, except tab, line feed and carriage return (a comment's layout). */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Every C0 and C1 control character: a one-line field holds none. */
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F]/;

/** Bidirectional embeddings, overrides and isolates (the marks U+200E/U+200F, which right-to-left names need, are allowed). */
const DIRECTION_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** White space and the characters that show nothing: zero-width spaces and joiners, word joiner, byte-order mark, Mongolian vowel separator. */
const INVISIBLE = /[\s\u200B-\u200F\u2060-\u2064\uFEFF\u180E]/gu;

/** Whether multi-line text (a comment, a note) holds a control character other than tab and line breaks. */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_IN_TEXT.test(text);
}

/** Whether a one-line field (a name, an address, an id) holds any control character. */
export function hasLineControlCharacter(text: string): boolean {
  return CONTROL_IN_LINE.test(text);
}

/** Whether text holds a character that changes the direction of what follows it. */
export function hasDirectionControl(text: string): boolean {
  return DIRECTION_CONTROL.test(text);
}

/** Whether anything in the text would show on the page. */
export function hasVisibleCharacter(text: string): boolean {
  return text.replace(INVISIBLE, "").length > 0;
}

/** The message for a field with a control character. */
export const CONTROL_CHARACTER_MESSAGE = "must not contain control characters (such as NUL or escape)";
