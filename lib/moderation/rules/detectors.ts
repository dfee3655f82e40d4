// One detector per rule-queue label. Each returns the spans that fired and the
// rule's name, so moderators see exactly which words held a comment.
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from "obscenity";
import type { EvidenceSpan } from "../pipeline";
import { findListedWords } from "./word-list";
import { abusivePhrases, crimeNouns, crimeVerbs, dehumanisingWords, hedgeWords, insultWords, promotionPhrases, protectedGroups, slurs, topicWordPattern } from "./lexicon";
import { alternation, assertedSpans, isNegated, isQuoted, matchSpans, matchSpansIn, sentenceAround, undoDigitDisguises } from "./text-scan";
import { defineCue, indexText, isLetterCode, sentencesFor, sentencesWithCue, wordCue, type CuedPattern, type IndexedSentence, type IndexedWord, type TextIndex } from "./text-index";

/** What one rule found. */
export interface RuleHit {
  rule: string;
  spans: EvidenceSpan[];
}

/**
 * The detector run on the text with digit disguises undone (undoDigitDisguises),
 * its spans quoting the original words.
 */
function readingDisguises(detect: (text: string) => RuleHit[]): (text: string) => RuleHit[] {
  return (text) => {
    const readable = undoDigitDisguises(text);
    const hits = detect(readable);
    if (readable === text) return hits;
    return hits.map((hit) => ({ rule: hit.rule, spans: hit.spans.map((span) => ({ ...span, text: text.slice(span.start, span.end) })) }));
  };
}

/** Runs each cued pattern in the sentences that hold its cues; `keep` drops the spans that do not count (negated, quoted…). */
function matchCuedPatterns(index: TextIndex, patterns: readonly CuedPattern[], keep: (spans: EvidenceSpan[]) => EvidenceSpan[]): RuleHit[] {
  return patterns.flatMap((cued) => {
    const regions = sentencesFor(index, cued);
    if (regions.length === 0) return [];
    const spans = keep(matchSpansIn(regions, cued.pattern));
    return spans.length ? [{ rule: cued.rule, spans }] : [];
  });
}

const insult = `(?:${alternation(insultWords)})(?:(?:\\s+and)?\\s+(?:an?\\s+)?(?:paid\\s+|lying\\s+)?(?:${alternation(insultWords)}))*`;
const filler = `(?:[\\p{L}'’-]+\\s+){0,3}?`;
// A capitalised word that opens a sentence is not a name when it is a demonstrative, a pronoun or an adverb ("That is a stupid argument").
const notANameOpener = "(?:That|This|These|Those|It|Its|It's|There|Here|What|Which|Who|Everything|Nothing|Something|Anything|Nobody|Everybody|Everyone|Anybody|Anyone|Somebody|Someone|None|Such|Honestly|Frankly|Clearly|Obviously|Really|Sadly)";
const capitalisedName = `(?!${notANameOpener}(?![\\p{L}'’-]))\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+){0,2}`;
// Someone identified: the reader addressed, the author, a commenter, or a capitalised name.
// (Case-sensitive so that only capitalised words count as names; pronouns spell out both cases.)
const personSubject = `(?:[Yy]ou|[Uu]|[Tt]he\\s+author|[Tt]his\\s+author|[Tt]he\\s+writer|[Tt]his\\s+writer|[Tt]he\\s+journalist|[Tt]his\\s+guy|[Tt]hat\\s+guy|[Hh]e|[Ss]he|[Tt]his\\s+commenter|[Tt]he\\s+commenter\\s+above|(?:[Tt]he|[Tt]his|[Tt]hat|[Yy]our)\\s+(?:moderator|guy|editor|journalist|reporter|columnist|man|woman|writer|author)(?:\\s+(?:who|that)\\s+(?:wrote|writes|signed\\s+off\\s+on)\\s+this)?|[Ww]hoever\\s+wrote\\s+this|(?:[Tt]hese|[Tt]hose|[Tt]he|[Yy]our)\\s+(?:so-called\\s+|so\\s+called\\s+)?(?:journalists|reporters|writers|editors|moderators|columnists|commenters|authors)(?:\\s+(?:here|on\\s+this\\s+site|at\\s+this\\s+paper))?|${capitalisedName})`;

// Every ad hominem pattern but one needs an insult word, plus words of its own.
const insultCue = wordCue(insultWords.flatMap((insult) => insult.split(" ")));
const linkingVerbCue = defineCue(/^(?:is|was|are|remains)$|['’]s$/);
// "you are", "you're", "your an idiot", "u r", "ur": every spelling begins with one of these words.
const youAreCue = wordCue(["you", "u", "ya", "you're", "you’re", "youre", "your", "ur", "ure", "u're", "u’re", "yar", "yare", "ya're"]);

// "a brainless writer", "spineless editors": an insult fastened to the people of the discussion.
const insultingAdjectives = ["stupid", "dumb", "brainless", "spineless", "lying", "pathetic", "ignorant", "clueless", "worthless", "useless", "incompetent", "moronic", "idiotic", "gutless", "talentless", "disgusting", "braindead", "brain-dead"];
const newsroomPeople = ["author", "authors", "writer", "writers", "journalist", "journalists", "reporter", "reporters", "columnist", "columnists", "editor", "editors", "moderator", "moderators", "commenter", "commenters", "hack", "hacks"];

const adHominemPatterns: CuedPattern[] = [
  { cues: [insultCue, youAreCue], rule: "you-are-insult", pattern: new RegExp(`\\b(?:you|u|ya)\\s*(?:are|'re|’re|r|re)\\s+(?:such\\s+)?(?:an?\\s+|the\\s+)?${filler}${insult}\\b`, "giu") },
  { cues: [insultCue, wordCue(["you"])], rule: "you-insult", pattern: new RegExp(`\\byou\\s+(?:(?:absolute|complete|total|utter|pathetic|little|stupid|lying|sad|dumb|paid|clueless|ignorant|brainwashed|fucking|f\\*+ing)\\s+){0,2}${insult}s?\\b`, "giu") },
  { cues: [insultCue, linkingVerbCue], rule: "person-is-insult", pattern: new RegExp(`${personSubject}\\s+(?:is|was|are|remains|'s|’s)\\s+(?:just\\s+|nothing\\s+but\\s+|clearly\\s+|such\\s+|a\\s+total\\s+)?(?:an?\\s+|the\\s+)?${filler}${insult}\\b`, "gu") },
  { cues: [insultCue, wordCue(["only"])], rule: "only-an-insult-would", pattern: new RegExp(`\\bonly\\s+(?:an?\\s+)?${filler}${insult}s?\\s+(?:would|could|believes?|thinks?)\\b`, "giu") },
  { cues: [insultCue, wordCue(["like"])], rule: "insults-like-you", pattern: new RegExp(`\\b${insult}s?\\s+like\\s+(?:you|him|her|them|the\\s+author|flores)\\b`, "giu") },
  { cues: [insultCue, wordCue(["people"]), wordCue(["like"])], rule: "people-like-you", pattern: new RegExp(`\\bpeople\\s+like\\s+(?:you|him|her)\\s+(?:are|is)\\s+(?:too\\s+)?${filler}${insult}\\b`, "giu") },
  { cues: [insultCue], lastWord: insultCue, rule: "vocative-insult", pattern: new RegExp(`(?:^\\s*|[,.!?]\\s*)(?:[\\p{L}-]+\\s+){0,2}(?:${insult})(?=\\s*[.!?]|\\s*$)`, "giu") },
  {
    cues: [wordCue(insultingAdjectives), wordCue(newsroomPeople)],
    rule: "insulting-adjective-person",
    pattern: new RegExp(`\\b(?:${alternation(insultingAdjectives)})(?:,?\\s+(?:${alternation(insultingAdjectives)}))*\\s+(?:${alternation(newsroomPeople)})\\b`, "giu"),
  },
  { cues: [insultCue, wordCue(["this", "that", "you"])], rule: "this-insult", pattern: new RegExp(`\\b(?:this|that|you)\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:clown|idiot|moron|fool|shill|troll|loser|grifter|brat|leech|gremlin|cretin|imbecile|buffoon|lunatic)s?\\b`, "giu") },
  { cues: [wordCue(["iq", "brain", "pathetic", "sad", "barely"])], rule: "insulting-description", pattern: /\b(?:IQ\s+of\s+a|brain\s+of\s+a|pathetic\s+(?:little\s+)?(?:man|woman|person|loser|troll|excuse\s+for\s+(?:an?\s+)?(?:human|man|woman|person|journalist|reporter|writer|columnist|editor|author|mayor|moderator|politician|president|minister|adult|parent))|(?:nobody|no\s+one|anyone)\s+with\s+(?:a\s+)?(?:functioning|working|half\s+a)\s+brain|sad,?\s+(?:lonely\s+)?little\s+(?:man|troll|person)|can\s+barely\s+string\s+a\s+sentence)/giu },
  // Condescension talks down to the person instead of answering them, without a single insult word.
  {
    cues: [wordCue(["heart", "picture", "diagram", "again", "slowly", "sweetie", "sweetheart", "honey", "hon", "kiddo", "cute", "comprehension", "crayons", "words", "keep", "even", "adults", "grown-ups"])],
    rule: "condescension",
    pattern:
      /\bbless\s+your\s+(?:little\s+)?heart\b|\bdraw\s+(?:you|it\s+for\s+you)\s+a\s+(?:picture|diagram)\b|\bread\s+it\s+again,?\s+(?:slowly|this\s+time)\b|\b(?:explain|say)\s+(?:it|this)\s+(?:again\s+)?(?:very\s+)?slowly\b|(?:^|[.!?]\s*)(?:sweetie|sweetheart|honey|hon|kiddo)\b,|\bcute\s+(?:that|how)\s+you\s+think\b|\byour\s+reading\s+comprehension\b|\breading\s+comprehension\s+(?:is\s+not|isn['’]t)\s+your\b|\bwith\s+crayons\b|\b(?:use|using)\s+smaller\s+words\b|\btry\s+to\s+keep\s+up\b|\bdid\s+you\s+even\s+read\b|\bthe\s+(?:adults|grown-ups)\s+are\s+talking\b/giu,
  },
  { cues: [insultCue, wordCue(["what"])], rule: "what-an-insult", pattern: new RegExp(`\\bwhat\\s+(?:an?\\s+)?(?:[\\p{L}-]+\\s+){0,2}?${insult}s?\\s+(?:you|he|she|they|this\\s+[\\p{L}-]+|that\\s+[\\p{L}-]+|the\\s+[\\p{L}-]+|\\p{Lu}[\\p{L}'’-]+)\\s+(?:are|is|were|was|'re|’re)\\b`, "giu") },
  { cues: [insultCue, wordCue(["eres", "sos", "es", "son"])], rule: "eres-insulto", pattern: new RegExp(`\\b(?:eres|sos|es\\s+(?:un|una)|son\\s+unos)\\s+(?:un\\s+|una\\s+)?${filler}${insult}\\b`, "giu") },
];

/** ad_hominem: insults or character attacks aimed at the author, a commenter or a named person. */
export const detectAdHominem = readingDisguises((text) =>
  matchCuedPatterns(indexText(text), adHominemPatterns, (spans) => assertedSpans(text, spans).filter((span) => !/\b(?:not|never|n't)\b/i.test(span.text))),
);

/** abuse: degrading and harassing phrases aimed at people. */
const abuseCue = wordCue(abusivePhrases);

/** Every listed word or phrase in the sentences that hold its cue word. */
function findListedWordsIn(sentences: readonly IndexedSentence[], words: readonly string[]): EvidenceSpan[] {
  return sentences.flatMap((sentence) =>
    findListedWords(sentence.text, words).map((span) => ({ start: sentence.start + span.start, end: sentence.start + span.end, text: span.text })),
  );
}

// Who swearing can be aimed at: the reader addressed, the author, the newsroom's people, a commenter.
const addressedPerson =
  /(?<!\p{L})(?:you|your|yours|yourself|u|ur|ya|tú|tu|te|ti|usted|vos|author|writer|journalist|reporter|columnist|editors?|moderators?|moderation\s+team|commenters?|periodista|autora?|editora?)(?!\p{L})/iu;
// Mild words ("damn right", "what the hell") and intensifiers ("you're fucking right") carry emphasis, not an attack.
const emphasisOnly = /^(?:d[a*]mn\w*|hell|crap\w*|bloody|sucks?|\S*(?:ing|in'|in’))$/iu;
/** Swearing aimed at a person ("d1ckhead author", "kiss my a s s, Flores… your friends"): abuse, unlike swearing at a situation. */
function findProfanityAtPeople(text: string): EvidenceSpan[] {
  const spans = detectProfanity(text)
    .flatMap((hit) => hit.spans)
    .filter((span) => !emphasisOnly.test(span.text.replace(/\s+/g, "")));
  // In the same sentence: "Fuck, finally some numbers. Thank you for the data" thanks the writer.
  return spans.filter((span) => addressedPerson.test(sentenceAround(text, span)));
}

export const detectAbuse = readingDisguises((text) => {
  // "shut up its critics" describes silencing someone; "shut up" said to someone is abuse.
  const phrases = assertedSpans(text, findListedWordsIn(sentencesWithCue(indexText(text), abuseCue), abusivePhrases)).filter(
    (span) => !/^shut\s+up$/i.test(span.text) || !/^\s+(?!you\b)\p{L}/iu.test(text.slice(span.end)),
  );
  const swearing = findProfanityAtPeople(text);
  return [...(phrases.length ? [{ rule: "abusive-phrase", spans: phrases }] : []), ...(swearing.length ? [{ rule: "profanity-at-person", spans: swearing }] : [])];
});

const profanityMatcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
const topicWord = new RegExp(`^(?:${topicWordPattern.source})$`, "iu");

/** Whether the run of letters around token[start, end) is a word that names a topic ("rapist", "porn"), not swearing. */
function isTopicWordAt(token: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && isLetterCode(token.charCodeAt(from - 1))) from -= 1;
  let to = end;
  while (to < token.length && isLetterCode(token.charCodeAt(to))) to += 1;
  return topicWord.test(token.slice(from, to));
}
// Single words: the matcher runs per token ("hijo de puta" is caught by "puta").
const spanishProfanity = ["mierda", "puta", "puto", "joder", "jodido", "jodida", "coño", "carajo", "chinga", "chingada", "pinche", "hdp", "verga", "culero"];
// Censored spellings that obscenity's patterns miss: "F***", "bullsh*t", "f-ing", "p*ssies".
const censoredProfanity = /(?<!\p{L})(?:f(?:\*{2,}|[*#@-]{1,2}(?:ck|k|ing|in|ed|er|king)\w*)|\w*sh[*!1]t\w*|p[*]ss(?:y|ies)|a[*$]{2}(?:hole)?|b[*!1]tch\w*|c[*]nt\w*|d[*]mn)(?!\p{L})/giu;

// Matching token by token (runs without spaces), with a memo, keeps the cost per distinct token rather than per character.
const profaneTokenCache = new Map<string, Array<[number, number]>>();

function profaneRanges(token: string): Array<[number, number]> {
  let ranges = profaneTokenCache.get(token);
  if (!ranges) {
    const found = [
      ...profanityMatcher
        .getAllMatches(token, true)
        // "anal" inside "Venezuelanalysis" or "psychoanalytic" is analysis, not anatomy.
        .filter((match) => !/^[^\p{L}]*y/u.test(token.slice(match.endIndex + 1)) || englishDataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord !== "anal")
        .filter((match) => !isTopicWordAt(token, match.startIndex, match.endIndex + 1))
        .map((match): [number, number] => [match.startIndex, match.endIndex + 1]),
      ...[...findListedWords(token, spanishProfanity), ...matchSpans(token, censoredProfanity)].map((span): [number, number] => [span.start, span.end]),
    ];
    ranges = found;
    if (profaneTokenCache.size > 50_000) profaneTokenCache.clear();
    profaneTokenCache.set(token, ranges);
  }
  return ranges;
}

function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

const spacingCharacter = /^[\s.*_-]$/;

/** Runs of three or more single letters, one spacing character apart ("f u c k", "s.h.i.t"): words spelled out to dodge filters. */
function spacedLetterRuns(index: TextIndex): EvidenceSpan[] {
  const runs: EvidenceSpan[] = [];
  const { text, words } = index;
  let first = -1;
  let count = 0;
  for (let position = 0; position <= words.length; position += 1) {
    const word = words[position];
    const single = word !== undefined && word.end - word.start === 1 && isLetterCode(text.charCodeAt(word.start));
    const previous = words[position - 1];
    const continues = single && count > 0 && previous !== undefined && word.start === previous.end + 1 && spacingCharacter.test(text[previous.end]!);
    if (continues) {
      count += 1;
      continue;
    }
    if (count >= 3) runs.push({ start: words[first]!.start, end: previous!.end, text: text.slice(words[first]!.start, previous!.end) });
    first = single ? position : -1;
    count = single ? 1 : 0;
  }
  return runs;
}

// The profanity check, the abuse rule and the model check's swearing test ask for the same comment in turn.
const lastProfanity: { text: string; hits: RuleHit[] } = { text: "", hits: [] };

/** profanity: swearing, including obfuscations ("f*ck", "sh1t", "f u c k") via the obscenity library. */
export function detectProfanity(text: string): RuleHit[] {
  if (text !== lastProfanity.text) {
    lastProfanity.hits = findProfanity(text);
    lastProfanity.text = text;
  }
  return lastProfanity.hits;
}

function findProfanity(text: string): RuleHit[] {
  const spans: EvidenceSpan[] = [];
  let tokenStart = -1;
  for (let position = 0; position <= text.length; position += 1) {
    const atSpace = position === text.length || isSpace(text.charCodeAt(position));
    if (!atSpace && tokenStart < 0) tokenStart = position;
    if (atSpace && tokenStart >= 0) {
      for (const [start, end] of profaneRanges(text.slice(tokenStart, position))) {
        spans.push({ start: tokenStart + start, end: tokenStart + end, text: text.slice(tokenStart + start, tokenStart + end) });
      }
      tokenStart = -1;
    }
  }
  // Spaced-out words ("f u c k") slip past the matcher: check them collapsed.
  for (const run of spacedLetterRuns(indexText(text))) {
    if (profanityMatcher.hasMatch(run.text.replace(/[\s.*_-]/g, ""))) spans.push(run);
  }
  const asserted = spans.filter((span) => !isQuoted(text, span));
  return asserted.length ? [{ rule: "obscenity", spans: asserted }] : [];
}

// Pronouns match in any case; names only when capitalised (so "kill this bill" is no threat).
const personPronoun = `(?:you|him|her|them|(?:the|this|that|these|those|your)\\s+(?:author|writer|columnist|journalist|reporter|editor|moderator|mayor|councillor)s?|this\\s+guy|that\\s+guy|these\\s+people)`;
const personName = `\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+)?`;
const violentVerb = `(?:kill|murder|shoot|stab|hang|lynch|behead|strangle|beat|hurt|burn|bomb|execute|string\\s+up|slit|rape|end|find|hunt\\s+down)`;
const harmedPassive = `(?:die|be\\s+(?:shot|hanged|hung|killed|executed|beaten|lynched|burned|stabbed|put\\s+down))`;
// The words each threat pattern cannot match without (or longer words they begin).
const violentVerbCue = wordCue(
  ["kill", "murder", "shoot", "stab", "hang", "lynch", "behead", "strangl", "beat", "hurt", "burn", "bomb", "execut", "string", "slit", "rape", "end", "find", "hunt"],
  { prefix: true },
);
const obligationCue = wordCue(["should", "need", "ought", "must"]);
const harmedCue = wordCue(["die", "shot", "hang", "hung", "kill", "execut", "beat", "lynch", "burn", "stab", "put", "dragged", "lined", "strung"], { prefix: true });

const threatPatterns: CuedPattern[] = [
  { cues: [violentVerbCue], rule: "i-will-harm", pattern: new RegExp(`\\b(?:i|we|i'm|im|we're)\\s*(?:'ll|’ll|\\s+will|\\s+am\\s+going\\s+to|\\s+are\\s+going\\s+to|\\s+gonna|\\s+going\\s+to|\\s+should)\\s+${violentVerb}\\s+${personPronoun}\\b`, "giu") },
  { cues: [violentVerbCue, obligationCue], rule: "someone-should-harm", pattern: new RegExp(`\\b(?:someone|somebody|they|people|we)\\s+(?:should|needs?\\s+to|ought\\s+to|must)\\s+${violentVerb}\\s+${personPronoun}\\b`, "giu") },
  { cues: [violentVerbCue, obligationCue], rule: "someone-should-harm", pattern: new RegExp(`\\b(?:[Ss]omeone|[Ss]omebody|[Tt]hey|[Pp]eople|[Ww]e)\\s+(?:should|needs?\\s+to|ought\\s+to|must)\\s+${violentVerb}\\s+${personName}`, "gu") },
  { cues: [wordCue(["deserve", "ought", "need"]), harmedCue], rule: "deserves-to-die", pattern: new RegExp(`\\b${personPronoun}\\s+(?:deserves?|ought|needs?)\\s+to\\s+${harmedPassive}`, "giu") },
  { cues: [wordCue(["deserve", "ought", "need"]), harmedCue], rule: "deserves-to-die", pattern: new RegExp(`${personName}\\s+(?:deserves?|ought|needs?)\\s+to\\s+${harmedPassive}`, "gu") },
  { cues: [harmedCue], rule: "should-be-harmed", pattern: /\b(?:should|must|needs?\s+to|ought\s+to|deserves?\s+to)\s+be\s+(?:[\p{L}-]+\s+){0,3}?(?:shot|hanged|hung|beaten|lynched|executed|dragged\s+out|lined\s+up\s+against\s+a\s+wall|strung\s+up|put\s+down)\b/giu },
  { cues: [wordCue(["deserve"])], rule: "deserves-a-bullet", pattern: /\bdeserves?\s+(?:a\s+bullet|a\s+beating|the\s+rope|to\s+be\s+shot)\b/giu },
  { cues: [wordCue(["break", "smash", "torch", "burn", "bash", "snap", "slit", "cut"])], rule: "i-will-hurt", pattern: /\b(?:i|we)(?:'ll|’ll|\s+will|\s+am\s+going\s+to|\s+are\s+going\s+to)\s+(?:break|smash|torch|burn|bash|snap|slit|cut)\s+(?:his|her|your|their|it|them|you)\b/giu },
  { cues: [wordCue(["blood", "happens", "safe", "visit", "address", "find"])], rule: "intimidation", pattern: /\bmake\s+(?:you|them|him|her)\s+pay\s+in\s+blood\b|\bsee\s+what\s+happens\s+(?:the\s+next\s+time|when|if)\s+you\b|\b(?:make\s+sure|ensure)\s+(?:[\p{L}'’-]+\s+){1,3}?never\s+feels?\s+safe\b|\b(?:you|he|she|they)(?:'ll|’ll|\s+will)\s+never\s+feel\s+safe\b|\bpay\s+you\s+a\s+(?:little\s+)?visit\b|\byour\s+address\s+is\b|\b(?:i|we)\s+will\s+find\s+(?:every|each|all\s+of|you)\b/giu },
  { cues: [wordCue(["hope", "wish"])], rule: "hope-you-die", pattern: /\b(?:hope|wish)\s+(?:you|he|she|they|the\s+author)\s+(?:dies?|gets?\s+(?:shot|killed|hit|hurt|cancer))\b/giu },
  {
    cues: [wordCue(["hope", "wish", "pray"]), wordCue(["family", "kids", "children", "wife", "husband", "mother", "mom", "mum", "father", "dad", "daughter", "son", "sister", "brother", "parents", "baby"])],
    rule: "harm-to-family",
    pattern:
      /\b(?:hope|wish|pray)\s+(?:that\s+)?(?:your|his|her|their|the\s+author['’]s)\s+(?:whole\s+|little\s+)?(?:family|kids|children|wife|husband|mother|mom|mum|father|dad|daughter|son|sister|brother|parents|baby)\s+(?:[\p{L}'’-]+\s+){0,3}?(?:die|dies|suffers?|burns?|rots?|gets?\s+(?:shot|killed|hurt|raped|cancer|sick)|(?:is|are)\s+(?:shot|killed|hurt|raped)|ends?\s+up\s+(?:in\s+(?:the\s+)?(?:hospital|morgue|a\s+grave|a\s+coffin)|dead))\b/giu,
  },
  {
    cues: [wordCue(["hang", "string", "lynch"], { prefix: true }), wordCue(["lamppost", "lampposts", "lamp", "tree", "trees", "bridge", "rope"])],
    rule: "hang-them",
    pattern: /\b(?:hang|string\s+up|lynch)\s+(?:the|these|those|all|every|them|him|her)\b[^.!?\n]{0,60}?\b(?:from|on)\s+(?:the\s+)?(?:nearest\s+|closest\s+)?(?:lamp\s*posts?|trees?|bridges?)\b/giu,
  },
  { cues: [wordCue(["know"])], rule: "know-where-you-live", pattern: /\b(?:i|we)\s+know\s+where\s+(?:you|he|she|they)\s+(?:live|lives|work|works|sleep)\b/giu },
  { cues: [wordCue(["back", "bullet", "coming", "dead", "next"])], rule: "watch-your-back", pattern: /\b(?:watch|better\s+watch)\s+your\s+back\b|\bput\s+a\s+bullet\s+in\b|\bcoming\s+for\s+you\b|\byou(?:'re|’re|\s+are)\s+(?:dead|next)\b/giu },
  { cues: [wordCue(["matar", "maten", "encontrar", "colgar", "quemar", "buscar", "partir", "morir", "muerte", "fusilar", "hago", "tiro", "balazo", "plomo"], { prefix: true })], rule: "amenaza", pattern: /\b(?:te|lo|la|los)\s+(?:vamos|voy|van)\s+a\s+(?:matar|encontrar|colgar|quemar|buscar|partir)\b|\bmerece(?:n)?\s+(?:morir|la\s+muerte|que\s+lo\s+maten)\b|\bhay\s+que\s+(?:matar|colgar|fusilar)(?:lo|la|los)?\b|\b(?:hay\s+que\s+dar(?:le|les)|que\s+(?:le|les)\s+(?:den|peguen|metan))\s+(?:un\s+)?(?:tiro|balazo|plomo)\b|\bojal[áa]\s+(?:te|lo|la|los|les)\s+maten\b|\blo\s+hago\s+yo\b/giu },
];

/** threat: violence or harm aimed at someone. */
export const detectThreat = readingDisguises((text) =>
  // "never feels safe" is the threat itself, not its negation.
  matchCuedPatterns(indexText(text), threatPatterns, (spans) => spans.filter((span) => !isQuoted(text, span) && !/\b(?:not|never)\b(?!\s+feels?\s+safe)/i.test(span.text))),
);

const group = `(?:${alternation(protectedGroups)})`;
const dehumanising = `(?:${alternation(dehumanisingWords)})`;
// Each hate pattern runs only in sentences holding all of its cues: a group named and a dehumanising word, and so on.
const groupCue = wordCue(protectedGroups);
const dehumanisingCue = wordCue([...dehumanisingWords, "garbage", "breed"]);
const removalCue = wordCue(["deported", "exterminated", "gassed", "wiped", "eliminated", "sterilized", "sterilised", "shot", "die", "back", "out", "banned", "deportados", "irse", "morir"]);
const hatePatterns: CuedPattern[] = [
  { cues: [groupCue, dehumanisingCue], rule: "group-is-dehumanised", pattern: new RegExp(`\\b(?:all\\s+|these\\s+|those\\s+|the\\s+|most\\s+|los\\s+|las\\s+|estos\\s+|esos\\s+)?${group}\\s+(?:are|is|were|son|es)\\s+(?:all\\s+|just\\s+|nothing\\s+but\\s+|like\\s+|todos\\s+|unos\\s+|unas\\s+)?${dehumanising}\\b`, "giu") },
  { cues: [groupCue, removalCue], rule: "group-should-be-removed", pattern: new RegExp(`\\b${group}\\s+(?:should|must|need\\s+to|deben|tienen\\s+que)\\s+(?:all\\s+)?(?:be\\s+)?(?:deported|exterminated|gassed|wiped\\s+out|eliminated|sterilized|sterilised|shot|die|go\\s+back|get\\s+out|be\\s+banned|ser\\s+deportados|irse|morir)`, "giu") },
  { cues: [dehumanisingCue], rule: "group-is-dehumanised", pattern: new RegExp(`\\b${group}\\s+(?:[\\p{L}'’-]+\\s+){1,4}?(?:are|is|were|son)\\s+(?:all\\s+|just\\s+)?${dehumanising}\\b|\\b(?:same|just|all)\\s+garbage\\b|\\bbefore\\s+they\\s+breed\\b`, "giu") },
  { cues: [wordCue(["jewish", "jew", "zionist"])], rule: "antisemitic-trope", pattern: /\b(?:jewish|jews?|zionists?)\s+(?:money|bankers?|at\s+the\s+top|own|owns|control|controls|run|runs|pulling\s+the\s+strings)\b/giu },
  { cues: [wordCue(["women", "girls", "mujeres"])], rule: "women-belong", pattern: /\b(?:women|girls|mujeres)\s+(?:like\s+\p{L}+\s+)?(?:belong\s+in\s+the\s+kitchen|shouldn't|should\s+not|can't|cannot|have\s+no\s+business)\b/giu },
  { cues: [wordCue(["ignorantes", "sucios", "brutos", "asquerosos", "salvajes", "friends", "hate", "hates"])], rule: "group-insult", pattern: new RegExp(`\\b(?:indios|negros|judíos|musulmanes|inmigrantes|venezolanos)\\s+(?:ignorantes|sucios|brutos|asquerosos|salvajes)\\b|\\b(?:muslims|jews|migrants|immigrants|gays)\\s+and\\s+their\\s+\\p{L}+\\s+friends\\s+running\\b|\\b(?:lesbians?|gays?|homos?)\\s+who\\s+hates?\\s+men\\b`, "giu") },
  { cues: [wordCue(slurs, { prefix: true })], rule: "slur", pattern: new RegExp(`(?<![\\p{L}])(?:${alternation(slurs)})(?![\\p{L}])`, "giu") },
];

/** hate: attacks on people for a protected characteristic. */
export const detectHate = readingDisguises((text) =>
  matchCuedPatterns(indexText(text), hatePatterns, (spans) => spans.filter((span) => !isQuoted(text, span) && !isNegated(text, span))),
);

const namedPerson = `(?:(?:[Tt]he|[Tt]his)\\s+(?:author|writer|journalist|reporter|columnist|editor|moderator|(?:\\p{Lu}\\p{L}+\\s+)?mayor|councillor)(?:\\s+who\\s+[\\p{L}\\s]{1,30}?this)?|\\p{Lu}[\\p{L}'’-]+(?:\\s+(?:de\\s+|del\\s+)?\\p{Lu}[\\p{L}'’-]+){0,2})`;
const crimeNoun = `(?:${alternation(crimeNouns)})`;
const crimeVerb = `(?:${alternation(crimeVerbs)})`;
const crimeNounCue = wordCue(crimeNouns);
const crimeVerbCue = wordCue(crimeVerbs);
const defamationPatterns: CuedPattern[] = [
  { cues: [crimeNounCue, wordCue(["is", "was", "es", "fue"])], rule: "named-person-is-criminal", pattern: new RegExp(`${namedPerson}\\s+(?:is|was|es|fue)\\s+(?:a|an|un|una|the|el|la)?\\s*(?:(?:known|convicted|common|corrupt|proven|real)\\s+)?${crimeNoun}\\b`, "gu") },
  { cues: [crimeVerbCue], rule: "named-person-committed-crime", pattern: new RegExp(`${namedPerson}\\s+(?:personally\\s+|openly\\s+|literally\\s+|himself\\s+|herself\\s+)?${crimeVerb}\\b`, "gu") },
  { cues: [wordCue(["payroll"])], rule: "named-person-is-on-payroll", pattern: new RegExp(`${namedPerson}\\s+(?:is|was)\\s+on\\s+the\\s+[\\p{L}\\s'’]{0,30}?payroll`, "gu") },
];
const hedge = new RegExp(`(?:${alternation(hedgeWords)})`, "iu");
const notAName = /^(?:I|We|They|You|He|She|It|This|That|The|And|But|If|So|Yes|No|El|La|Los|Las|Y|Pero|Si)$/u;

/** defamation: asserting as fact that an identified person committed a crime or grave wrongdoing. */
export function detectDefamation(text: string): RuleHit[] {
  return matchCuedPatterns(indexText(text), defamationPatterns, (spans) =>
    spans.filter((span) => {
      const firstWord = span.text.split(/\s+/)[0] ?? "";
      const namesSomeone = /^(?:[Tt]he|[Tt]his)\s+(?:\p{Lu}\p{L}+\s+)?(?:author|writer|journalist|reporter|columnist|editor|mayor|moderator|councillor)/u.test(span.text);
      if (notAName.test(firstWord) && !namesSomeone) return false;
      if (isQuoted(text, span) || /\b(?:not|never|no)\b/i.test(span.text)) return false;
      const sentence = sentenceAround(text, span);
      return !hedge.test(sentence) && !sentence.trim().endsWith("?");
    }),
  );
}

const emoji = /\p{Extended_Pictographic}/gu;
const gibberishWord = defineCue(/[b-df-hj-np-tv-xz]{5,}|asdf|qwer|zxcv|hjkl|sdfg|xcvb|dfgh|uiop/);

/** Runs of one character repeated eight times or more ("!!!!!!!!", "aaaaaaaaa", eight of one emoji), spaces aside. */
function repeatedCharacterRuns(text: string): EvidenceSpan[] {
  const runs: EvidenceSpan[] = [];
  let start = 0;
  let count = 0;
  let previous = -1;
  let position = 0;
  while (position <= text.length) {
    const point = position < text.length ? text.codePointAt(position)! : -1;
    if (point === previous) {
      count += 1;
    } else {
      if (count >= 8 && !/\s/u.test(String.fromCodePoint(previous))) runs.push({ start, end: position, text: text.slice(start, position) });
      start = position;
      count = 1;
      previous = point;
    }
    position += point > 0xffff ? 2 : 1;
  }
  return runs;
}

/** The same word five times or more in a row, with only spaces and light punctuation between ("buy buy, buy..."). */
function repeatedWordRuns(index: TextIndex): EvidenceSpan[] {
  const runs: EvidenceSpan[] = [];
  const { text, words } = index;
  let first = 0;
  for (let current = 1; current <= words.length; current += 1) {
    const previous = words[current - 1]!;
    const word = words[current];
    const continues = word !== undefined && word.lower === words[first]!.lower && /^[\s,.!]+$/.test(text.slice(previous.end, word.start));
    if (continues) continue;
    if (current - first >= 5) runs.push({ start: words[first]!.start, end: previous.end, text: text.slice(words[first]!.start, previous.end) });
    first = current;
  }
  return runs;
}

/** Characters that may be emoji (pictographs sit at U+00A9, U+00AE and from U+203C up, astral ones as surrogate pairs). */
function countPossibleEmoji(text: string): number {
  let count = 0;
  for (let position = 0; position < text.length; position += 1) {
    const code = text.charCodeAt(position);
    if (code === 0xa9 || code === 0xae || (code >= 0x203c && code < 0xdc00)) count += 1;
  }
  return count;
}

/** Runs of four letters or more, lower-cased: the words, split where digits or apostrophes sit inside them. */
function letterRuns(index: TextIndex): Array<IndexedWord> {
  const runs: IndexedWord[] = [];
  for (const word of index.words) {
    if (word.end - word.start < 4) continue;
    let start = -1;
    for (let position = word.start; position <= word.end; position += 1) {
      const isLetter = position < word.end && isLetterCode(index.text.charCodeAt(position));
      if (isLetter && start < 0) start = position;
      if (!isLetter && start >= 0) {
        if (position - start >= 4) {
          const whole = start === word.start && position === word.end;
          runs.push({ start, end: position, lower: whole ? word.lower : index.text.slice(start, position).toLowerCase() });
        }
        start = -1;
      }
    }
  }
  return runs;
}

/** disruption: shouting, flooding with repeated text, character spam, gibberish, walls of emoji or punctuation. */
export function detectDisruption(text: string): RuleHit[] {
  const hits: RuleHit[] = [];
  const index = indexText(text);
  if (index.letterCount >= 20 && index.upperCount / index.letterCount > 0.7) {
    const shoutedWords = matchSpans(text, /\b\p{Lu}{2,}(?:[\s,.!?'’-]+\p{Lu}{2,}){3,}\b/gu);
    if (shoutedWords.length) hits.push({ rule: "shouting", spans: shoutedWords });
  }

  const repeatedChars = repeatedCharacterRuns(text);
  if (repeatedChars.length) hits.push({ rule: "character-spam", spans: repeatedChars });

  const repeatedWords = repeatedWordRuns(index);
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
  const words = letterRuns(index);
  const gibberish = words.filter((word) => gibberishWord.matches(word.lower)).map((word) => ({ start: word.start, end: word.end, text: text.slice(word.start, word.end) }));
  if (gibberish.length >= 3 || (words.length >= 3 && gibberish.length / words.length > 0.4)) hits.push({ rule: "gibberish", spans: gibberish });

  if (countPossibleEmoji(text) >= 6) {
    const emojis = matchSpans(text, emoji);
    const visible = text.replace(/\s/g, "").length;
    if (emojis.length >= 10 || (emojis.length >= 6 && emojis.length / Math.max(1, visible) > 0.4)) hits.push({ rule: "emoji-wall", spans: emojis });
  }

  const punctuation = matchSpans(text, /[!?.*#@$%&^~_=+<>|\\/-]{10,}/gu).filter((span) => !/^[-=_*]+$/.test(span.text) || span.text.length > 20);
  if (punctuation.length) hits.push({ rule: "punctuation-wall", spans: punctuation });
  return hits;
}

/** link_spam: self-promotion phrases typical of comment spam (the link count is its own check). */
const promotionCue = wordCue(promotionPhrases);
const promotionPatterns: CuedPattern[] = [
  { cues: [wordCue(["earn", "make", "made", "making"])], rule: "self-promotion", pattern: /\b(?:earn|make|made|making)\s+\$[\d,.]+/giu },
  { cues: [wordCue(["day"])], rule: "self-promotion", pattern: /\$[\d,.]+\s*(?:\/|a|per)\s*day\b/giu },
  { cues: [wordCue(["contact"])], rule: "self-promotion", pattern: /\bcontact\s+(?:him|her|me|us)\s+on\s+(?:telegram|whatsapp|signal)\b/giu },
  { cues: [wordCue(["singles", "experience", "spots"])], rule: "self-promotion", pattern: /\bhot\s+singles\b|\bno\s+experience\s+needed\b|\blimited\s+spots\b/giu },
  { cues: [wordCue(["sign"])], rule: "self-promotion", pattern: /\bsign\s+up\s+(?:now|today|here)\b/giu },
];

export function detectLinkSpam(text: string): RuleHit[] {
  const index = indexText(text);
  const spans = [
    ...findListedWordsIn(sentencesWithCue(index, promotionCue), promotionPhrases),
    ...matchCuedPatterns(index, promotionPatterns, (found) => found).flatMap((hit) => hit.spans),
  ];
  return spans.length ? [{ rule: "self-promotion", spans }] : [];
}
