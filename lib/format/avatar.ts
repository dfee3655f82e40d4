// Generated avatars: initials on a colour derived from the name, so the page
// makes no request to an avatar service and leaks no e-mail hash.

/** Up to two initials from a display name ("Marta Quintero" → "MQ"). */
export function getAvatarInitials(name: string): string {
  const words = name
    .normalize("NFC")
    .split(/[\s._-]+/u)
    .filter((word) => /\p{L}|\p{N}/u.test(word));
  const letters = words.map((word) => Array.from(word.replace(/[^\p{L}\p{N}]/gu, ""))[0] ?? "").filter(Boolean);
  if (letters.length === 0) return "?";
  const initials = letters.length === 1 ? letters[0]! : `${letters[0]}${letters.at(-1)}`;
  return initials.toLocaleUpperCase("en");
}

/** A stable hue (0–359) for a name: the same author always gets the same colour. */
export function getAvatarHue(seed: string): number {
  let hash = 2166136261;
  for (const char of seed.normalize("NFC").toLowerCase()) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % 360;
}
