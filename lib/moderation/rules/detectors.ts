// One detector per rule-queue label. Each returns the spans that fired and the
// rule's name, so moderators see exactly which words held a comment.
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from "obscenity";
import type { EvidenceSpan } from "../pipeline";
import { findListedWords } from "./word-list";
import { abusivePhrases, crimeNouns, crimeVerbs, dehumanisingWords, hedgeWords, insultWords, promotionPhrases, protectedGroups, slurs } from "./lexicon";
import { alternation, assertedSpans, cuedSentences, isNegated, isQuoted, matchSpans, matchSpansIn } from "./text-scan";

/** What one rule found. */
export interface RuleHit {
  rule: string;
  spans: EvidenceSpan[];
}

const insult = `(?:${alternation(insultWords)})(?:(?:\\s+and)?\\s+(?:an?\\s+)?(?:paid\\s+|lying\\s+)?(?:${alternation(insultWords)}))*`;
const filler = `(?:[\\p{L}'’-]+\\s+){0,3}?`;
// Someone identified: the reader addressed, the author, a commenter, or a capitalised name.
// (Case-sensitive so that only capitalised words count as names; pronouns spell out both cases.)
const personSubject = `(?:[Yy]ou|[Uu]|[Tt]he\\s+author|[Tt]his\\s+author|[Tt]he\\s+writer|[Tt]his\\s+writer|[Tt]he\\s+journalist|[Tt]his\\s+guy|[Tt]hat\\s+guy|[Hh]e|[Ss]he|[Tt]his\\s+commenter|[Tt]he\\s+commenter\\s+above|(?:[Tt]he|[Tt]his|[Tt]hat|[Yy]our)\\s+(?:moderator|guy|editor|journalist|reporter|columnist|man|woman|writer|author)(?:\\s+(?:who|that)\\s+(?:wrote|writes|signed\\s+off\\s+on)\\s+this)?|[Ww]hoever\\s+wrote\\s+this|\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+){0,2})`;

const adHominemPatterns: Array<{ rule: string; pattern: RegExp }> = [
  { rule: "you-are-insult", pattern: new RegExp(`\\b(?:you|u|ya)\\s*(?:are|'re|’re|r|re)\\s+(?:such\\s+)?(?:an?\\s+|the\\s+)?${filler}${insult}\\b`, "giu") },
  { rule: "you-insult", pattern: new RegExp(`\\byou\\s+(?:(?:absolute|complete|total|utter|pathetic|little|stupid|lying|sad|dumb|paid|clueless|ignorant|brainwashed|fucking|f\\*+ing)\\s+){0,2}${insult}s?\\b`, "giu") },
  { rule: "person-is-insult", pattern: new RegExp(`${personSubject}\\s+(?:is|was|are|remains|'s|’s)\\s+(?:just\\s+|nothing\\s+but\\s+|clearly\\s+|such\\s+|a\\s+total\\s+)?(?:an?\\s+|the\\s+)?${filler}${insult}\\b`, "gu") },
  { rule: "only-an-insult-would", pattern: new RegExp(`\\bonly\\s+(?:an?\\s+)?${filler}${insult}s?\\s+(?:would|could|believes?|thinks?)\\b`, "giu") },
  { rule: "insults-like-you", pattern: new RegExp(`\\b${insult}s?\\s+like\\s+(?:you|him|her|them|the\\s+author|flores)\\b`, "giu") },
  { rule: "people-like-you", pattern: new RegExp(`\\bpeople\\s+like\\s+(?:you|him|her)\\s+(?:are|is)\\s+(?:too\\s+)?${filler}${insult}\\b`, "giu") },
  { rule: "vocative-insult", pattern: new RegExp(`(?:^|[,.!?]\\s*)(?:[\\p{L}-]+\\s+){0,2}(?:${insult})(?=\\s*[.!?]|\\s*$)`, "giu") },
  { rule: "this-insult", pattern: new RegExp(`\\b(?:this|that|you)\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:clown|idiot|moron|fool|hack|shill|troll|loser|grifter|brat|leech|freak|gremlin|cretin|imbecile|buffoon|lunatic)s?\\b`, "giu") },
  { rule: "insulting-description", pattern: /\b(?:IQ\s+of\s+a|brain\s+of\s+a|pathetic\s+(?:little\s+)?(?:man|woman|person|loser|troll|excuse\s+for)|(?:nobody|no\s+one|anyone)\s+with\s+(?:a\s+)?(?:functioning|working|half\s+a)\s+brain|sad,?\s+(?:lonely\s+)?little\s+(?:man|troll|person)|can\s+barely\s+string\s+a\s+sentence)/giu },
  { rule: "eres-insulto", pattern: new RegExp(`\\b(?:eres|sos|es\\s+(?:un|una)|son\\s+unos)\\s+(?:un\\s+|una\\s+)?${filler}${insult}\\b`, "giu") },
];

/** ad_hominem: insults or character attacks aimed at the author, a commenter or a named person. */
const adHominemCue = new RegExp(`(?<![\\p{L}])(?:${alternation(insultWords)}|iq|brain|pathetic|sentence)`, "iu");

export function detectAdHominem(text: string): RuleHit[] {
  const regions = cuedSentences(text, adHominemCue);
  if (regions.length === 0) return [];
  return adHominemPatterns.flatMap(({ rule, pattern }) => {
    const spans = assertedSpans(text, matchSpansIn(regions, pattern)).filter((span) => !/\b(?:not|never|n't)\b/i.test(span.text));
    return spans.length ? [{ rule, spans }] : [];
  });
}

/** abuse: degrading and harassing phrases aimed at people. */
export function detectAbuse(text: string): RuleHit[] {
  // "shut up its critics" describes silencing someone; "shut up" said to someone is abuse.
  const spans = assertedSpans(text, findListedWords(text, abusivePhrases)).filter(
    (span) => !/^shut\s+up$/i.test(span.text) || !/^\s+(?!you\b)\p{L}/iu.test(text.slice(span.end)),
  );
  return spans.length ? [{ rule: "abusive-phrase", spans }] : [];
}

const profanityMatcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
const spanishProfanity = ["mierda", "puta", "puto", "joder", "coño", "carajo", "chinga", "chingada", "hijo de puta", "hdp", "verga", "culero"];
const spacedLetters = /\b(?:\p{L}[\s.*_-]){2,}\p{L}\b/gu;
// Censored spellings that obscenity's patterns miss: "F***", "bullsh*t", "f-ing", "p*ssies".
const censoredProfanity = /(?<!\p{L})(?:f(?:\*{2,}|[*#@-]{1,2}(?:ck|k|ing|in|ed|er|king)\w*)|\w*sh[*!1]t\w*|p[*]ss(?:y|ies)|a[*$]{2}(?:hole)?|b[*!1]tch\w*|c[*]nt\w*|d[*]mn)(?!\p{L})/giu;

/** profanity: swearing, including obfuscations ("f*ck", "sh1t", "f u c k") via the obscenity library. */
// Matching word by word, with a memo, keeps the matcher's cost per distinct word rather than per character.
const profaneWordCache = new Map<string, Array<[number, number]>>();

function profaneRanges(word: string): Array<[number, number]> {
  let ranges = profaneWordCache.get(word);
  if (!ranges) {
    ranges = profanityMatcher.getAllMatches(word, true).map((match): [number, number] => [match.startIndex, match.endIndex + 1]);
    if (profaneWordCache.size > 50_000) profaneWordCache.clear();
    profaneWordCache.set(word, ranges);
  }
  return ranges;
}

export function detectProfanity(text: string): RuleHit[] {
  const spans: EvidenceSpan[] = [];
  for (const token of text.matchAll(/\S+/g)) {
    for (const [start, end] of profaneRanges(token[0])) {
      spans.push({ start: token.index + start, end: token.index + end, text: text.slice(token.index + start, token.index + end) });
    }
  }
  // Spaced-out words ("f u c k") slip past the matcher: check them collapsed.
  for (const run of matchSpans(text, spacedLetters)) {
    if (profanityMatcher.hasMatch(run.text.replace(/[\s.*_-]/g, ""))) spans.push(run);
  }
  spans.push(...findListedWords(text, spanishProfanity), ...matchSpans(text, censoredProfanity));
  const asserted = spans.filter((span) => !isQuoted(text, span));
  return asserted.length ? [{ rule: "obscenity", spans: asserted }] : [];
}

// Pronouns match in any case; names only when capitalised (so "kill this bill" is no threat).
const personPronoun = `(?:you|him|her|them|the\\s+author|this\\s+guy|that\\s+guy|these\\s+people)`;
const personName = `\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+)?`;
const violentVerb = `(?:kill|murder|shoot|stab|hang|lynch|behead|strangle|beat|hurt|burn|bomb|execute|string\\s+up|slit|rape|end|find|hunt\\s+down)`;
const harmedPassive = `(?:die|be\\s+(?:shot|hanged|hung|killed|executed|beaten|lynched|burned|stabbed|put\\s+down))`;
const threatPatterns: Array<{ rule: string; pattern: RegExp }> = [
  { rule: "i-will-harm", pattern: new RegExp(`\\b(?:i|we|i'm|im|we're)\\s*(?:'ll|’ll|\\s+will|\\s+am\\s+going\\s+to|\\s+are\\s+going\\s+to|\\s+gonna|\\s+going\\s+to|\\s+should)\\s+${violentVerb}\\s+${personPronoun}\\b`, "giu") },
  { rule: "someone-should-harm", pattern: new RegExp(`\\b(?:someone|somebody|they|people|we)\\s+(?:should|needs?\\s+to|ought\\s+to|must)\\s+${violentVerb}\\s+${personPronoun}\\b`, "giu") },
  { rule: "someone-should-harm", pattern: new RegExp(`\\b(?:[Ss]omeone|[Ss]omebody|[Tt]hey|[Pp]eople|[Ww]e)\\s+(?:should|needs?\\s+to|ought\\s+to|must)\\s+${violentVerb}\\s+${personName}`, "gu") },
  { rule: "deserves-to-die", pattern: new RegExp(`\\b${personPronoun}\\s+(?:deserves?|ought|needs?)\\s+to\\s+${harmedPassive}`, "giu") },
  { rule: "deserves-to-die", pattern: new RegExp(`${personName}\\s+(?:deserves?|ought|needs?)\\s+to\\s+${harmedPassive}`, "gu") },
  { rule: "should-be-harmed", pattern: /\b(?:should|must|needs?\s+to|ought\s+to|deserves?\s+to)\s+be\s+(?:[\p{L}-]+\s+){0,3}?(?:shot|hanged|hung|beaten|lynched|executed|dragged\s+out|lined\s+up\s+against\s+a\s+wall|strung\s+up|put\s+down)\b/giu },
  { rule: "deserves-a-bullet", pattern: /\bdeserves?\s+(?:a\s+bullet|a\s+beating|the\s+rope|to\s+be\s+shot)\b/giu },
  { rule: "i-will-hurt", pattern: /\b(?:i|we)(?:'ll|’ll|\s+will|\s+am\s+going\s+to|\s+are\s+going\s+to)\s+(?:break|smash|torch|burn|bash|snap|slit|cut)\s+(?:his|her|your|their|it|them|you)\b/giu },
  { rule: "intimidation", pattern: /\bmake\s+(?:you|them|him|her)\s+pay\s+in\s+blood\b|\bsee\s+what\s+happens\s+(?:the\s+next\s+time|when|if)\s+you\b|\bnever\s+feels?\s+safe\b|\bpay\s+you\s+a\s+(?:little\s+)?visit\b|\byour\s+address\s+is\b|\b(?:i|we)\s+will\s+find\s+(?:every|each|all\s+of|you)\b/giu },
  { rule: "hope-you-die", pattern: /\b(?:hope|wish)\s+(?:you|he|she|they|the\s+author)\s+(?:dies?|gets?\s+(?:shot|killed|hit|hurt|cancer))\b/giu },
  { rule: "know-where-you-live", pattern: /\b(?:i|we)\s+know\s+where\s+(?:you|he|she|they)\s+(?:live|lives|work|works|sleep)\b/giu },
  { rule: "watch-your-back", pattern: /\b(?:watch|better\s+watch)\s+your\s+back\b|\bput\s+a\s+bullet\s+in\b|\bcoming\s+for\s+you\b|\byou(?:'re|’re|\s+are)\s+(?:dead|next)\b/giu },
  { rule: "amenaza", pattern: /\b(?:te|lo|la|los)\s+(?:vamos|voy|van)\s+a\s+(?:matar|encontrar|colgar|quemar|buscar|partir)\b|\bmerece(?:n)?\s+(?:morir|la\s+muerte|que\s+lo\s+maten)\b|\bhay\s+que\s+(?:matar|colgar|fusilar)(?:lo|la|los)?\b|\bojal[áa]\s+(?:te|lo|la|los|les)\s+maten\b|\blo\s+hago\s+yo\b/giu },
];

// Every threat pattern needs one of these words; texts without any skip the patterns.
const threatWords = /break|jaw|kill|murder|shoot|shot|stab|hang|hung|lynch|behead|strangl|beat|hurt|burn|bomb|execut|string|slit|rape|end\s|find|hunt|die|dead|bullet|rope|wall|smash|torch|bash|snap|cut|blood|happens|safe|visit|address|know\s+where|back|coming|next|matar|maten|encontrar|colgar|quemar|buscar|partir|morir|muerte|fusilar|hago\s+yo/i;

/** threat: violence or harm aimed at someone. */
export function detectThreat(text: string): RuleHit[] {
  const regions = cuedSentences(text, threatWords);
  if (regions.length === 0) return [];
  return threatPatterns.flatMap(({ rule, pattern }) => {
    const spans = matchSpansIn(regions, pattern).filter((span) => !isQuoted(text, span) && !/\b(?:not|never)\b/i.test(span.text));
    return spans.length ? [{ rule, spans }] : [];
  });
}

const group = `(?:${alternation(protectedGroups)})`;
const dehumanising = `(?:${alternation(dehumanisingWords)})`;
const hatePatterns: Array<{ rule: string; pattern: RegExp }> = [
  { rule: "group-is-dehumanised", pattern: new RegExp(`\\b(?:all\\s+|these\\s+|those\\s+|the\\s+|most\\s+|los\\s+|las\\s+|estos\\s+|esos\\s+)?${group}\\s+(?:are|is|were|son|es)\\s+(?:all\\s+|just\\s+|nothing\\s+but\\s+|like\\s+|todos\\s+|unos\\s+|unas\\s+)?${dehumanising}\\b`, "giu") },
  { rule: "group-should-be-removed", pattern: new RegExp(`\\b${group}\\s+(?:should|must|need\\s+to|deben|tienen\\s+que)\\s+(?:all\\s+)?(?:be\\s+)?(?:deported|exterminated|gassed|wiped\\s+out|eliminated|sterilized|sterilised|shot|die|go\\s+back|get\\s+out|be\\s+banned|ser\\s+deportados|irse|morir)`, "giu") },
  { rule: "group-is-dehumanised", pattern: new RegExp(`\\b${group}\\s+(?:[\\p{L}'’-]+\\s+){1,4}?(?:are|is|were|son)\\s+(?:all\\s+|just\\s+)?${dehumanising}\\b|\\b(?:same|just|all)\\s+garbage\\b|\\bbefore\\s+they\\s+breed\\b`, "giu") },
  { rule: "antisemitic-trope", pattern: /\b(?:jewish|jews?|zionists?)\s+(?:money|bankers?|at\s+the\s+top|own|owns|control|controls|run|runs|pulling\s+the\s+strings)\b/giu },
  { rule: "women-belong", pattern: /\b(?:women|girls|mujeres)\s+(?:like\s+\p{L}+\s+)?(?:belong\s+in\s+the\s+kitchen|shouldn't|should\s+not|can't|cannot|have\s+no\s+business)\b/giu },
  { rule: "group-insult", pattern: new RegExp(`\\b(?:indios|negros|judíos|musulmanes|inmigrantes|venezolanos)\\s+(?:ignorantes|sucios|brutos|asquerosos|salvajes)\\b|\\b(?:muslims|jews|migrants|immigrants|gays)\\s+and\\s+their\\s+\\p{L}+\\s+friends\\s+running\\b|\\b(?:lesbians?|gays?|homos?)\\s+who\\s+hates?\\s+men\\b`, "giu") },
  { rule: "slur", pattern: new RegExp(`(?<![\\p{L}])(?:${alternation(slurs)})(?![\\p{L}])`, "giu") },
];

/** hate: attacks on people for a protected characteristic. */
const hateCue = new RegExp(`(?<![\\p{L}])(?:${alternation(protectedGroups)}|${alternation(slurs)}|garbage|breed|jewish|jews?|zionists?|women|girls|mujeres|indios|lesbians?|gays?|homos?|muslims|migrants)`, "iu");

export function detectHate(text: string): RuleHit[] {
  const regions = cuedSentences(text, hateCue);
  if (regions.length === 0) return [];
  return hatePatterns.flatMap(({ rule, pattern }) => {
    const spans = matchSpansIn(regions, pattern).filter((span) => !isQuoted(text, span) && !isNegated(text, span));
    return spans.length ? [{ rule, spans }] : [];
  });
}

const namedPerson = `(?:(?:[Tt]he|[Tt]his)\\s+(?:author|editor|moderator|(?:\\p{Lu}\\p{L}+\\s+)?mayor|councillor)(?:\\s+who\\s+[\\p{L}\\s]{1,30}?this)?|\\p{Lu}[\\p{L}'’-]+(?:\\s+(?:de\\s+|del\\s+)?\\p{Lu}[\\p{L}'’-]+){0,2})`;
const crimeNoun = `(?:${alternation(crimeNouns)})`;
const crimeVerb = `(?:${alternation(crimeVerbs)})`;
const defamationPatterns: Array<{ rule: string; pattern: RegExp }> = [
  { rule: "named-person-is-criminal", pattern: new RegExp(`${namedPerson}\\s+(?:is|was|es|fue)\\s+(?:a|an|un|una|the|el|la)?\\s*(?:(?:known|convicted|common|corrupt|proven|real)\\s+)?${crimeNoun}\\b`, "gu") },
  { rule: "named-person-committed-crime", pattern: new RegExp(`${namedPerson}\\s+(?:personally\\s+|openly\\s+|literally\\s+|himself\\s+|herself\\s+)?${crimeVerb}\\b`, "gu") },
  { rule: "named-person-is-on-payroll", pattern: new RegExp(`${namedPerson}\\s+(?:is|was)\\s+on\\s+the\\s+[\\p{L}\\s]{0,30}?payroll`, "gu") },
];
const sentenceBoundary = /[.!?\n]/;
const hedge = new RegExp(`(?:${alternation(hedgeWords)})`, "iu");
const notAName = /^(?:I|We|They|You|He|She|It|This|That|The|And|But|If|So|Yes|No|El|La|Los|Las|Y|Pero|Si)$/u;

function sentenceAround(text: string, span: EvidenceSpan): string {
  let start = span.start;
  while (start > 0 && !sentenceBoundary.test(text[start - 1]!)) start -= 1;
  let end = span.end;
  while (end < text.length && !sentenceBoundary.test(text[end]!)) end += 1;
  return text.slice(start, Math.min(text.length, end + 1));
}

/** defamation: asserting as fact that an identified person committed a crime or grave wrongdoing. */
const defamationCue = new RegExp(`(?:${alternation(crimeNouns)}|${alternation(crimeVerbs)}|payroll)`, "iu");

export function detectDefamation(text: string): RuleHit[] {
  const regions = cuedSentences(text, defamationCue);
  if (regions.length === 0) return [];
  return defamationPatterns.flatMap(({ rule, pattern }) => {
    const spans = matchSpansIn(regions, pattern).filter((span) => {
      const firstWord = span.text.split(/\s+/)[0] ?? "";
      const namesSomeone = /^(?:the|this)\s+(?:author|editor|mayor|moderator|councillor)/i.test(span.text);
      if (notAName.test(firstWord) && !namesSomeone) return false;
      if (isQuoted(text, span) || /\b(?:not|never|no)\b/i.test(span.text)) return false;
      const sentence = sentenceAround(text, span);
      return !hedge.test(sentence) && !sentence.trim().endsWith("?");
    });
    return spans.length ? [{ rule, spans }] : [];
  });
}

const emoji = /\p{Extended_Pictographic}/gu;

/** disruption: shouting, flooding with repeated text, character spam, gibberish, walls of emoji or punctuation. */
export function detectDisruption(text: string): RuleHit[] {
  const hits: RuleHit[] = [];
  let letters = 0;
  let upper = 0;
  for (const char of text) {
    if (char.toLowerCase() !== char.toUpperCase()) {
      letters += 1;
      if (char !== char.toLowerCase()) upper += 1;
    }
  }
  if (letters >= 20 && upper / letters > 0.7) {
    const shoutedWords = matchSpans(text, /\b\p{Lu}{2,}(?:[\s,.!?'’-]+\p{Lu}{2,}){3,}\b/gu);
    if (shoutedWords.length) hits.push({ rule: "shouting", spans: shoutedWords });
  }

  const repeatedChars = matchSpans(text, /(\S)\1{7,}/gu);
  if (repeatedChars.length) hits.push({ rule: "character-spam", spans: repeatedChars });

  const repeatedWords = matchSpans(text, /\b(\p{L}+)(?:[\s,.!]+\1\b){4,}/giu);
  const lines = text.split(/\n+|(?<=[.!?])\s+/).map((line) => line.trim().toLowerCase()).filter((line) => line.length >= 8);
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  const flooded = [...counts].filter(([, count]) => count >= 3).map(([line]) => line);
  if (repeatedWords.length || flooded.length) {
    const floodSpans = flooded.map((line) => {
      const start = text.toLowerCase().indexOf(line);
      return { start, end: start + line.length, text: text.slice(start, start + line.length) };
    });
    hits.push({ rule: "repeated-text", spans: [...repeatedWords, ...floodSpans] });
  }

  // Gibberish: words with a long run of consonants, or keyboard rows mashed together.
  const words = matchSpans(text, /\p{L}{4,}/gu);
  const gibberish = words.filter((word) => /[b-df-hj-np-tv-xz]{5,}|asdf|qwer|zxcv|hjkl|sdfg|xcvb|dfgh|uiop/i.test(word.text));
  if (gibberish.length >= 3 || (words.length >= 3 && gibberish.length / words.length > 0.4)) hits.push({ rule: "gibberish", spans: gibberish });

  const emojis = matchSpans(text, emoji);
  const visible = text.replace(/\s/g, "").length;
  if (emojis.length >= 10 || (emojis.length >= 6 && emojis.length / Math.max(1, visible) > 0.4)) hits.push({ rule: "emoji-wall", spans: emojis });

  const punctuation = matchSpans(text, /[!?.*#@$%&^~_=+<>|\\/-]{10,}/gu).filter((span) => !/^[-=_*]+$/.test(span.text) || span.text.length > 20);
  if (punctuation.length) hits.push({ rule: "punctuation-wall", spans: punctuation });
  return hits;
}

/** link_spam: self-promotion phrases typical of comment spam (the link count is its own check). */
const promotionPatterns = /\b(?:earn|make|made|making)\s+\$[\d,.]+|\$[\d,.]+\s*(?:\/|a|per)\s*day\b|\bcontact\s+(?:him|her|me|us)\s+on\s+(?:telegram|whatsapp|signal)\b|\bhot\s+singles\b|\bno\s+experience\s+needed\b|\blimited\s+spots\b|\bsign\s+up\s+(?:now|today|here)\b/giu;

export function detectLinkSpam(text: string): RuleHit[] {
  const spans = [...findListedWords(text, promotionPhrases), ...matchSpans(text, promotionPatterns)];
  return spans.length ? [{ rule: "self-promotion", spans }] : [];
}
