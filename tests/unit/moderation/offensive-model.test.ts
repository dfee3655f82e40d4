import { describe, expect, it } from "vitest";
import { offensiveModelCheck } from "@/lib/moderation/checks/offensive-model";
import { scoreOffensive, type OffensiveHead } from "@/lib/moderation/rules/offensive-model";
import model from "@/lib/moderation/rules/offensive-model.json";
import {
  combineWindowLogits,
  createUnmasker,
  forEachTokenFeature,
  formatFeature,
  getWindows,
  tokenize,
} from "@/lib/moderation/rules/text-features";
import { contextFor } from "../../support/check-context";

const civilProse =
  "The council met on Tuesday to discuss the new bus timetable, and several residents asked whether the evening service would be extended to the hospital. ";

// The plain, string-keyed reading of the model file: what scoreOffensive's hashed tables must reproduce exactly.
function referenceProbability(text: string, head: OffensiveHead = "offensive"): number {
  const headWeights = head === "offensive" ? model.weights : model.attackWeights;
  const bias = head === "offensive" ? model.bias : model.attackBias;
  const weights = new Map(model.features.map((name, index) => [name, headWeights[index] ?? 0]));
  const tokens = tokenize(text, { unmask: createUnmasker(model.unmaskWords) });
  const logits = getWindows(text, tokens).map(({ from, to }) => {
    const seen = new Set<string>();
    let sum = 0;
    forEachTokenFeature(
      tokens,
      (kind, gram) => {
        const name = formatFeature(kind, gram);
        const weight = weights.get(name);
        if (weight === undefined || seen.has(name)) return;
        seen.add(name);
        sum += weight;
      },
      from,
      to,
    );
    return bias + (seen.size > 0 ? sum / Math.sqrt(seen.size) : 0);
  });
  return 1 / (1 + Math.exp(-combineWindowLogits(logits)));
}

function spanTexts(text: string, feature: string): string[] {
  const contribution = scoreOffensive(text).contributions.find((item) => item.feature === feature);
  return contribution ? contribution.spans.map((span) => `${span.start}-${span.end}:${span.text}`) : [];
}

describe("scoreOffensive", () => {
  it.each(["you are a pathetic idiot", "shut the f*ck up", "what a stupid moron", "You're an idi0t and a liar", "a**hole"])(
    "scores %j above the threshold",
    (text) => {
      const score = scoreOffensive(text);
      expect(score.probability).toBeGreaterThanOrEqual(score.threshold);
      expect(score.isOffensive).toBe(true);
    },
  );

  it.each([
    "I disagree with the author's reading of the 2018 election results",
    "the trees in our street were planted in 2021",
    "Thanks for the thoughtful reply",
    civilProse.repeat(32),
  ])("scores %j below the threshold", (text) => {
    const score = scoreOffensive(text);
    expect(score.probability).toBeLessThan(score.threshold);
    expect(score.isOffensive).toBe(false);
  });

  it.each([
    { text: "you are a pathetic idiot", feature: "idiot", spans: ["19-24:idiot"] },
    { text: "you are a pathetic idiot", feature: "pathetic", spans: ["10-18:pathetic"] },
    { text: "shut the f*ck up", feature: "fuck", spans: ["9-13:f*ck"] },
    { text: "what a stupid moron", feature: "stupid", spans: ["7-13:stupid"] },
    { text: "what a stupid moron", feature: "moron", spans: ["14-19:moron"] },
    { text: "RT @someone: You are a PATHETIC   idi0t!!! &amp; http://x.co", feature: "idiot", spans: ["34-39:idi0t"] },
    { text: "Idiot. I said idiot, you IDIOT", feature: "idiot", spans: ["0-5:Idiot", "14-19:idiot", "25-30:IDIOT"] },
    { text: "so stuuuupid", feature: "stuupid", spans: ["3-12:stuuuupid"] },
  ])("credits $feature in $text at $spans", ({ text, feature, spans }) => {
    expect(spanTexts(text, feature)).toEqual(spans);
  });

  it.each([
    { text: "you are a pathetic idiot", top: "idiot" },
    { text: "shut the f*ck up", top: "fuck" },
    { text: "what a stupid moron", top: "stupid" },
  ])("ranks $top first in $text", ({ text, top }) => {
    expect(scoreOffensive(text).contributions[0]?.feature).toBe(top);
  });

  it("returns positive contributions, at most five, whose spans quote the original text", () => {
    for (const text of ["you are a pathetic idiot", "Shut the F*CK up, café idiót!", civilProse.repeat(3) + "You are a pathetic idiot. " + civilProse]) {
      const { contributions } = scoreOffensive(text);
      expect(contributions.length).toBeGreaterThan(0);
      expect(contributions.length).toBeLessThanOrEqual(5);
      for (const contribution of contributions) {
        expect(contribution.weight).toBeGreaterThan(0);
        for (const span of contribution.spans) expect(text.slice(span.start, span.end)).toBe(span.text);
      }
    }
  });

  it("finds an insult written as its own sentence inside a long civil comment", () => {
    const text = civilProse.repeat(16) + "You are a pathetic idiot. " + civilProse.repeat(16);
    const score = scoreOffensive(text);
    expect(score.isOffensive).toBe(true);
    expect(score.contributions[0]?.spans.map((span) => span.text)).toEqual(["idiot"]);
  });

  it.each(["", "   ", "!!! ???", "@USER URL"])("scores %j as the bias alone, with no contributions", (text) => {
    const score = scoreOffensive(text);
    expect(score.probability).toBeCloseTo(1 / (1 + Math.exp(-model.bias)), 12);
    expect(score.attackProbability).toBeCloseTo(1 / (1 + Math.exp(-model.attackBias)), 12);
    expect(score.isOffensive).toBe(false);
    expect(score.isAttack).toBe(false);
    expect(score.contributions).toEqual([]);
    expect(score.attackContributions).toEqual([]);
  });

  it.each(["you are a pathetic idiot", "shut up, you moron", "You're an idi0t and a liar"])("scores %j as a personal attack", (text) => {
    const score = scoreOffensive(text);
    expect(score.isAttack).toBe(true);
    expect(score.attackContributions.length).toBeGreaterThan(0);
  });

  it.each(["damn, the bus was late again", "Thanks for the thoughtful reply", "I disagree with the author's reading of the 2018 election results", civilProse.repeat(32)])(
    "does not score %j as a personal attack",
    (text) => {
      expect(scoreOffensive(text).isAttack).toBe(false);
    },
  );

  it("reports the threshold tuned in the model file", () => {
    expect(scoreOffensive("hello").threshold).toBe(model.threshold);
  });

  it.each([
    "you are a pathetic idiot",
    "Shut the F*CK up, café idiót!!! pu$$y a**hole yes!he",
    "RT @USER: #MAGA &amp; the libs are idiots URL",
    "Ünïcödé wörds, 𝐟𝐮𝐥𝐥 ｗｉｄｔｈ, and e\u0301 marks",
    civilProse.repeat(10) + "Shut up, moron.\n" + civilProse.repeat(5),
  ])("agrees with the plain string-keyed reading of both heads for %j", (text) => {
    const score = scoreOffensive(text);
    expect(score.probability).toBeCloseTo(referenceProbability(text, "offensive"), 12);
    expect(score.attackProbability).toBeCloseTo(referenceProbability(text, "attack"), 12);
  });

  it("scores a 5,000-character comment in well under 5 ms", () => {
    const words = civilProse.split(" ");
    const texts = Array.from({ length: 20 }, (_, offset) => {
      let text = "";
      for (let index = offset; text.length < 5_000; index += 7) text += `${words[index % words.length]} `;
      return text.slice(0, 5_000);
    });
    for (const text of texts) scoreOffensive(text);
    const times = texts.flatMap((text) => {
      const started = performance.now();
      scoreOffensive(text);
      return [performance.now() - started];
    });
    times.sort((left, right) => left - right);
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(5);
  });
});

describe("tokenize", () => {
  it.each([
    { text: "You're an IDIOT!!!", words: ["youre:0-6", "an:7-9", "idiot:10-15"] },
    { text: "RT @bob: idi0t &amp; #MAGA URL", words: ["idiot:9-14", "maga:22-26"] },
    { text: "f*ck sh!t pu$$y", words: ["f*ck:0-4", "sh:5-7", "t:8-9", "pussy:10-15"] },
    { text: "Idiót stuuuupid", words: ["idiot:0-5", "stuupid:6-15"] },
  ])("normalises $text without an unmasker", ({ text, words }) => {
    expect(tokenize(text).map((token) => `${token.text}:${token.start}-${token.end}`)).toEqual(words);
  });

  it("reads a masked word as a listed word of the same length", () => {
    const unmask = createUnmasker(["fuck", "shit"]);
    expect(tokenize("f*ck sh!t s#$t f***", { unmask }).map((token) => token.text)).toEqual(["fuck", "shit", "shit", "fuck"]);
  });
});

describe("forEachTokenFeature", () => {
  it("maps character n-grams back to the characters they came from", () => {
    const text = "An idi0t";
    const grams: string[] = [];
    forEachTokenFeature(tokenize(text), (kind, gram, start, end) => {
      if (kind === "c" && gram.startsWith("di")) grams.push(`${gram}=${text.slice(start, end)}`);
    });
    expect(grams).toEqual(["dio=di0", "diot=di0t", "diot>=di0t"]);
  });
});

describe("offensiveModelCheck", () => {
  it("holds a personal attack as ad_hominem, naming the words that decided it", async () => {
    const finding = await offensiveModelCheck.run(contextFor("you are a pathetic idiot"));
    expect(finding).toMatchObject({ label: "ad_hominem", action: "hold", evidence: { message: expect.stringContaining("“idiot”") as unknown } });
  });

  it("publishes offensive words aimed at no one with the abuse label (flag)", async () => {
    expect(await offensiveModelCheck.run(contextFor("damn, the bus was late again"))).toMatchObject({ label: "abuse", action: "flag" });
  });

  it("follows the site's action for the label", async () => {
    const context = contextFor("you are a pathetic idiot");
    context.settings.ruleActions.ad_hominem = "reject";
    expect(await offensiveModelCheck.run(context)).toMatchObject({ label: "ad_hominem", action: "reject" });
  });

  it("says nothing about civil text", async () => {
    expect(await offensiveModelCheck.run(contextFor("Thanks for the thoughtful reply"))).toBeUndefined();
  });
});
