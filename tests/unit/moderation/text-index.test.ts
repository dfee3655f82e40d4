import { describe, expect, it } from "vitest";
import { indexText, sentencesFor, sentencesWithCue, wordCue } from "@/lib/moderation/rules/text-index";
import { detectDisruption } from "@/lib/moderation/rules/detectors";
import { findLinks } from "@/lib/moderation/rules/links";

describe("indexText", () => {
  it("finds words with their offsets, lower-cased, keeping in-word apostrophes", () => {
    const index = indexText("Don’t SHOUT, Señor O'Brien: 'quoted'");
    expect(index.words.map((word) => [word.lower, word.start, word.end])).toEqual([
      ["don’t", 0, 5],
      ["shout", 6, 11],
      ["señor", 13, 18],
      ["o'brien", 19, 26],
      ["quoted", 29, 35],
    ]);
  });

  it("splits sentences at end punctuation and newlines, and knows each sentence's words", () => {
    const index = indexText("First one. Second!\nThird");
    expect(index.sentences.map((sentence) => [sentence.text, sentence.endWord - sentence.firstWord])).toEqual([
      ["First one.", 2],
      [" Second!\n", 1],
      ["Third", 1],
    ]);
  });

  it("counts only cased letters towards shouting", () => {
    const index = indexText("ABC def 中文");
    expect([index.letterCount, index.upperCount]).toEqual([6, 3]);
  });

  it("keeps offsets right when lower-casing changes a character's length", () => {
    const text = "İstanbul idiot";
    const index = indexText(text);
    expect(index.words.map((word) => text.slice(word.start, word.end))).toEqual(["İstanbul", "idiot"]);
    expect(index.words[1]!.lower).toBe("idiot");
  });
});

describe("cues", () => {
  it("cue a phrase by its longest uncommon word, with plurals and possessives", () => {
    const cue = wordCue(["piece of garbage", "clown"]);
    expect(["garbage", "clowns", "clown's", "clown’s"].map((word) => cue.matches(word))).toEqual([true, true, true, true]);
    expect(["piece", "clownish", "of"].map((word) => cue.matches(word))).toEqual([false, false, false]);
  });

  it("cue word beginnings with prefix", () => {
    const cue = wordCue(["strangl"], { prefix: true });
    expect(cue.matches("strangled")).toBe(true);
    expect(cue.matches("estrangled")).toBe(false);
  });

  it("select the sentences holding every cue, and with lastWord only those ending on it", () => {
    const index = indexText("You are wrong. You idiot. Idiot policies are not you.");
    const idiot = wordCue(["idiot"]);
    const you = wordCue(["you"]);
    expect(sentencesWithCue(index, idiot).map((sentence) => sentence.text.trim())).toEqual(["You idiot.", "Idiot policies are not you."]);
    expect(sentencesFor(index, { rule: "r", pattern: /x/g, cues: [you, idiot], lastWord: idiot }).map((sentence) => sentence.text.trim())).toEqual(["You idiot."]);
  });
});

describe("findLinks on long text", () => {
  it("finds links anywhere in a long comment, with their exact spans", () => {
    const prose = "Word after word of ordinary prose, e.g. this. ".repeat(60);
    const text = `${prose}See https://example.org/report?id=7, and also cheap-pills.example.biz.\n${prose}[the source](http://a.example.com/x)`;
    const links = findLinks(text);
    expect(links.map((link) => link.text)).toEqual(["https://example.org/report?id=7", "cheap-pills.example.biz", "http://a.example.com/x"]);
    for (const link of links) expect(text.slice(link.start, link.end)).toBe(link.text);
  });

  it("finds nothing in prose with abbreviations", () => {
    expect(findLinks("The U.S. and the E.U. met, i.e. they talked. Ends here.")).toEqual([]);
  });
});

describe("detectDisruption on astral characters", () => {
  it("counts eight of one emoji in a row as character spam", () => {
    const hits = detectDisruption("ok 😂😂😂😂😂😂😂😂 fine");
    expect(hits.find((hit) => hit.rule === "character-spam")?.spans).toEqual([{ start: 3, end: 19, text: "😂😂😂😂😂😂😂😂" }]);
  });

  it("does not count seven", () => {
    expect(detectDisruption("ok 😂😂😂😂😂😂😂 fine").some((hit) => hit.rule === "character-spam")).toBe(false);
  });
});
