// Turns the evidence spans of a held comment's verdicts into highlighted text:
// each span is found in the body (character offsets, checked against the
// text it claims), overlapping spans merge into one mark naming every reason,
// and the body is cut into plain and marked segments.
import type { ModReason } from "@/lib/moderation/queues";

/** A span located in the body, with the reason that pointed at it. */
export interface LocatedSpan {
  start: number;
  end: number;
  /** What the mark's tooltip says, e.g. "ad hominem · you-are-insult". */
  title: string;
}

/** One mark: a stretch of the body with every reason that covers it. */
export interface Highlight {
  start: number;
  end: number;
  titles: string[];
}

/** A piece of the body: plain when `titles` is empty, marked otherwise. */
export interface TextSegment {
  text: string;
  titles: string[];
}

/** What a span claims: where it is and, usually, the text found there. */
export interface SpanClaim {
  start: number;
  end: number;
  text?: string | undefined;
}

/** The tooltip for a reason's marks: its label as stored ("ad_hominem", as settings and the log name it) and the rule that matched. */
export function describeReason(reason: Pick<ModReason, "label" | "evidence">): string {
  const rule = typeof reason.evidence?.rule === "string" && reason.evidence.rule !== "" ? ` · ${reason.evidence.rule}` : "";
  return `${reason.label}${rule}`;
}

function isOffset(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function nearestOccurrence(haystack: string, needle: string, near: number): number {
  let best = -1;
  for (let index = haystack.indexOf(needle); index !== -1; index = haystack.indexOf(needle, index + 1)) {
    if (best === -1 || Math.abs(index - near) < Math.abs(best - near)) best = index;
  }
  return best;
}

/**
 * Where a span lies in the body, or null when it is not there. Offsets are
 * trusted when the text they cover is the span's text; otherwise the span is
 * looked for where a check that scanned "name\nbody" would have put it, and
 * then as its nearest occurrence (same case first), so a stale or shifted
 * offset never marks the wrong words.
 */
export function locateSpan(body: string, authorName: string, span: SpanClaim): { start: number; end: number } | null {
  if (!isOffset(span.start) || !isOffset(span.end) || span.end <= span.start) return null;
  const text = typeof span.text === "string" && span.text !== "" ? span.text : null;
  if (text === null) {
    if (span.start >= body.length) return null;
    return { start: span.start, end: Math.min(span.end, body.length) };
  }
  if (body.slice(span.start, span.end) === text) return { start: span.start, end: span.end };
  const shifted = span.start - (authorName.length + 1);
  if (shifted >= 0 && body.slice(shifted, shifted + text.length) === text) return { start: shifted, end: shifted + text.length };
  const exact = nearestOccurrence(body, text, span.start);
  if (exact !== -1) return { start: exact, end: exact + text.length };
  // Lower-casing can change a string's length (e.g. "İ"); only trust it when it does not.
  const lowerBody = body.toLowerCase();
  const lowerText = text.toLowerCase();
  if (lowerBody.length !== body.length || lowerText.length !== text.length) return null;
  const folded = nearestOccurrence(lowerBody, lowerText, span.start);
  return folded === -1 ? null : { start: folded, end: folded + text.length };
}

/** Every evidence span of the comment's verdicts that can be found in its body. */
export function collectEvidenceSpans(comment: { body: string; authorName: string; reasons: readonly Pick<ModReason, "label" | "evidence">[] }): LocatedSpan[] {
  const located: LocatedSpan[] = [];
  for (const reason of comment.reasons) {
    const spans = reason.evidence?.spans;
    if (!Array.isArray(spans)) continue;
    const title = describeReason(reason);
    for (const span of spans) {
      if (typeof span !== "object" || span === null) continue;
      const place = locateSpan(comment.body, comment.authorName, span);
      if (place) located.push({ ...place, title });
    }
  }
  return located;
}

/** Merges overlapping spans into marks, in text order; each mark keeps every distinct title once. */
export function mergeSpans(spans: readonly LocatedSpan[]): Highlight[] {
  const sorted = [...spans].filter((span) => span.end > span.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Highlight[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      if (!last.titles.includes(span.title)) last.titles.push(span.title);
    } else {
      merged.push({ start: span.start, end: span.end, titles: [span.title] });
    }
  }
  return merged;
}

/** Cuts the text into plain and marked segments; marks must be sorted and disjoint (as mergeSpans gives them). */
export function segmentText(text: string, highlights: readonly Highlight[]): TextSegment[] {
  const segments: TextSegment[] = [];
  let position = 0;
  for (const highlight of highlights) {
    const start = Math.max(highlight.start, position);
    const end = Math.min(highlight.end, text.length);
    if (end <= start) continue;
    if (start > position) segments.push({ text: text.slice(position, start), titles: [] });
    segments.push({ text: text.slice(start, end), titles: highlight.titles });
    position = end;
  }
  if (position < text.length || segments.length === 0) segments.push({ text: text.slice(position), titles: [] });
  return segments;
}

/** The comment's body as segments with every evidence span marked. */
export function highlightEvidence(comment: { body: string; authorName: string; reasons: readonly Pick<ModReason, "label" | "evidence">[] }): TextSegment[] {
  return segmentText(comment.body, mergeSpans(collectEvidenceSpans(comment)));
}

function escapeHtml(text: string, quotes: boolean): string {
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return quotes ? escaped.replace(/"/g, "&quot;") : escaped;
}

/**
 * The comment's rendered body (the same safe HTML readers see) with each
 * marked segment wrapped in <mark>, in order, where its text stands whole in
 * one run of text between tags. A segment the rendering split (across
 * emphasis, a line break) stays unmarked; the reasons still name it.
 */
export function markEvidenceInHtml(html: string, segments: readonly TextSegment[]): string {
  const parts = html.split(/(<[^>]*>)/);
  let partIndex = 0;
  let offset = 0;
  for (const segment of segments) {
    if (segment.titles.length === 0 || segment.text.trim() === "") continue;
    const title = escapeHtml(segment.titles.join("; "), true);
    for (let index = partIndex; index < parts.length; index += 1) {
      if (index % 2 === 1) continue;
      const part = parts[index]!;
      const from = index === partIndex ? offset : 0;
      const needles = [escapeHtml(segment.text, true), escapeHtml(segment.text, false)];
      const needle = needles.find((candidate) => part.indexOf(candidate, from) !== -1);
      if (needle === undefined) continue;
      const at = part.indexOf(needle, from);
      const marked = `<mark title="${title}">${needle}</mark>`;
      parts[index] = part.slice(0, at) + marked + part.slice(at + needle.length);
      partIndex = index;
      offset = at + marked.length;
      break;
    }
  }
  return parts.join("");
}
