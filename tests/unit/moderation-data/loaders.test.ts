import { describe, expect, it } from "vitest";
import {
  CONVABUSE_SEVERITIES,
  getSplit,
  isHeldOut,
  parseConvAbuse,
  parseCsv,
  parseToxicSpans,
  parseTrac1,
  parseWikipediaTalk,
  unquoteOlidTweet,
  type ConvAbuseTarget,
  type DatasetName,
  type Split,
} from "@/scripts/moderation-data";

describe("parseCsv", () => {
  it("keeps commas, doubled quotes and CRLF line breaks inside quoted fields", () => {
    const rows = parseCsv('id,text\r\n1,"one, ""two""\r\nthree"\r\n2,plain\r\n');

    expect(rows).toEqual([
      ["id", "text"],
      ["1", 'one, "two"\r\nthree'],
      ["2", "plain"],
    ]);
  });
});

describe("unquoteOlidTweet", () => {
  it("undoes the CSV quoting OLID's TSV puts around tweets with quotation marks", () => {
    expect(unquoteOlidTweet(`"@USER Someone should've said"" this. 😂"""`)).toBe(`@USER Someone should've said" this. 😂"`);
    expect(unquoteOlidTweet(`"@USER ""Fake news"" again"`)).toBe(`@USER "Fake news" again`);
  });

  it("leaves a tweet without that quoting as it is", () => {
    expect(unquoteOlidTweet("@USER plain words")).toBe("@USER plain words");
    expect(unquoteOlidTweet(`@USER says "hi"`)).toBe(`@USER says "hi"`);
  });
});

describe("parseToxicSpans", () => {
  const comments = [
    "comment_id,comment_text",
    "239612,This bitch is nuts. Who would read a book by a woman.",
    '240461,"testing purposes: ',
    "",
    'you are an idiot and i can\'t stand ignorant donutholes."',
    "245437,I wonder how much money taxpayers money PPS is going",
  ].join("\n");
  const annotations = [
    "annotation,comment_id,worker,country,all toxic,not toxic",
    "0,239612,868,USA,False,False",
    "1,239612,1316,USA,False,False",
    "2,239612,1295,USA,True,True",
    "3,240461,11,USA,False,False",
    "4,240461,12,USA,True,False",
    "5,240461,13,VEN,True,True",
    "6,245437,21,USA,True,True",
    "7,245437,22,USA,True,True",
    "8,245437,23,USA,False,False",
  ].join("\n");
  const spans = [
    "annotation,type,start,end",
    "0,Insult,5,10",
    "0,Identity based Attack,49,54",
    "1,Insu,5,10",
    "3,Insult,36,41",
    "3,Profane/Obscene,75,85",
    "8,,0,5",
  ].join("\n");
  const rows = parseToxicSpans({ comments, annotations, spans });
  const byId = new Map(rows.map((row) => [row.id, row]));

  it("returns one row per comment, multi-line comments whole", () => {
    expect(rows.map((row) => row.id)).toEqual(["239612", "240461", "245437"]);
    expect(byId.get("240461")?.text).toBe("testing purposes: \n\nyou are an idiot and i can't stand ignorant donutholes.");
  });

  it("counts a rater as calling a comment toxic for a span or for 'all toxic' ticked alone, never for both boxes ticked", () => {
    expect(byId.get("239612")).toMatchObject({ raters: 3, toxicVotes: 2, toxic: true });
    expect(byId.get("240461")).toMatchObject({ raters: 3, toxicVotes: 2, toxic: true });
    expect(byId.get("245437")).toMatchObject({ raters: 3, toxicVotes: 1, toxic: false });
  });

  it("keeps the span types a strict majority of raters marked, reading types cut short on export", () => {
    expect(byId.get("239612")?.typeVotes).toMatchObject({ Insult: 2, "Identity based Attack": 1, Threat: 0 });
    expect(byId.get("239612")?.types).toEqual(["Insult"]);
    expect(byId.get("240461")?.types).toEqual([]);
  });

  it("keeps every span with its rater and offsets, typeless ones with a null type", () => {
    expect(byId.get("239612")?.spans).toEqual([
      { annotator: "868", type: "Insult", start: 5, end: 10 },
      { annotator: "868", type: "Identity based Attack", start: 49, end: 54 },
      { annotator: "1316", type: "Insult", start: 5, end: 10 },
    ]);
    expect(byId.get("245437")?.spans).toEqual([{ annotator: "23", type: null, start: 0, end: 5 }]);
  });

  it("rejects a span type it does not know", () => {
    expect(() => parseToxicSpans({ comments, annotations, spans: "annotation,type,start,end\n0,Sarcasm,0,4" })).toThrow(/unknown span type/);
  });
});

describe("parseConvAbuse", () => {
  const raterColumns = (rater: string) => [
    ...CONVABUSE_SEVERITIES.map((code) => `${rater}_is_abuse.${code}`),
    ...["ableist", "homophobic", "intellectual", "racist", "sexist", "sex_harassment", "transphobic"].map((type) => `${rater}_${type}`),
    ...["generalised", "individual", "system"].map((target) => `${rater}_target.${target}`),
    `${rater}_explicit`,
    `${rater}_implicit`,
  ];
  // As in the real files, a later rater's transphobic column carries an earlier rater's name.
  const header = ["example_id", "conv_id", "prev_agent", "prev_user", "agent", "user", "bot", ...raterColumns("Annotator1"), ...raterColumns("Annotator2"), ...raterColumns("Annotator3")]
    .map((name) => (name === "Annotator3_transphobic" ? "Annotator2_transphobic" : name))
    .join(",");
  /** One rater's 17 cells: blank when they did not rate the example, else one severity ticked and the targets they chose. */
  const rating = (severity: (typeof CONVABUSE_SEVERITIES)[number] | null, targets: ConvAbuseTarget[] = []) =>
    severity === null
      ? Array<string>(17).fill("")
      : [
          ...CONVABUSE_SEVERITIES.map((code) => (code === severity ? "1" : "0")),
          ...Array<string>(7).fill("0"),
          ...(["generalised", "individual", "system"] as const).map((target) => (targets.includes(target) ? "1" : "0")),
          "1",
          "0",
        ];
  const csv = [
    header,
    ["12.0", "4.0", "Please go on.", "hi", "Tell me more.", "you are stupid", "E.L.I.Z.A.", ...rating("-1", ["system"]), ...rating("-2", ["system"]), ...rating("1")].join(","),
    ["13.0", "4.0", "_", "_", "Why?", "chris is a bit batty", "CarbonBot", ...rating("-1", ["individual"]), ...rating("1"), ...rating(null)].join(","),
    ["14.0", "5.0", "_", "_", "Hello.", '"well, i have\na question"', "E.L.I.Z.A.", ...rating("1"), ...rating("0"), ...rating("1")].join(","),
  ].join("\r\n");
  const rows = parseConvAbuse(csv, "test");

  it("reads the user turn as the text, its context beside it, and names rows after the paper's part", () => {
    expect(rows.map((row) => row.id)).toEqual(["test/12.0", "test/13.0", "test/14.0"]);
    expect(rows[0]).toMatchObject({ text: "you are stupid", bot: "E.L.I.Z.A.", conversationId: "4.0", context: { prevAgent: "Please go on.", prevUser: "hi", agent: "Tell me more." } });
    expect(rows[2]?.text).toBe("well, i have\na question");
  });

  it("calls a row abusive when a strict majority of the raters who rated it chose a severity below 0", () => {
    expect(rows[0]).toMatchObject({ raters: 3, abusiveVotes: 2, abusive: true, severityVotes: { "1": 1, "-1": 1, "-2": 1 } });
    expect(rows[1]).toMatchObject({ raters: 2, abusiveVotes: 1, abusive: false });
    expect(rows[2]).toMatchObject({ raters: 3, abusiveVotes: 0, abusive: false });
  });

  it("keeps the targets that at least half of the raters who called it abusive chose", () => {
    expect(rows[0]?.targets).toEqual(["system"]);
    expect(rows[1]?.targets).toEqual(["individual"]);
    expect(rows[2]?.targets).toEqual([]);
  });
});

describe("parseTrac1", () => {
  const csv = [
    "facebook_corpus_msr_1723796,Well said sonu..you have courage to stand against dadagiri of Muslims,OAG",
    'facebook_corpus_msr_466073,"Most of Private Banks ATM\'s Like HDFC, ICICI etc are out of cash.\nOnly ""Public"" sector bank\'s ATM working",NAG',
    "facebook_corpus_msr_462570,Wondering why Educated Ambassador is struggling to pay through Credit/Debit at a Decent Restaurant!,CAG",
    "",
  ].join("\r\n");

  it("reads headerless id,text,label rows, quoted multi-line texts included", () => {
    const rows = parseTrac1(csv, "train");

    expect(rows.map((row) => [row.id, row.label, row.file])).toEqual([
      ["facebook_corpus_msr_1723796", "OAG", "train"],
      ["facebook_corpus_msr_466073", "NAG", "train"],
      ["facebook_corpus_msr_462570", "CAG", "train"],
    ]);
    expect(rows[1]?.text).toBe('Most of Private Banks ATM\'s Like HDFC, ICICI etc are out of cash.\nOnly "Public" sector bank\'s ATM working');
  });

  it.each([
    ["an unknown label", "facebook_corpus_msr_1,some text,XAG"],
    ["an unquoted comma that splits the text", "facebook_corpus_msr_1,some, text,NAG"],
  ])("rejects %s", (_, line) => {
    expect(() => parseTrac1(line, "dev")).toThrow(/expected id,text/);
  });
});

describe("parseWikipediaTalk", () => {
  const csv = [
    "id,text,label,api,parent",
    '100012187.76918.76918,"I\'ve just seen it under many projects, but not every one.\nFound one for list",0,0.0431,',
    "100094503.94882.94882,\"Indexed here. Waltzing...#117, p. 339\",1,0.1149,",
  ].join("\n");

  it("reads the label as toxic and leaves the api score out", () => {
    const rows = parseWikipediaTalk(csv);

    expect(rows).toEqual([
      { dataset: "wikipedia-talk", id: "100012187.76918.76918", text: "I've just seen it under many projects, but not every one.\nFound one for list", toxic: false },
      { dataset: "wikipedia-talk", id: "100094503.94882.94882", text: "Indexed here. Waltzing...#117, p. 339", toxic: true },
    ]);
  });

  it("rejects a label other than 0 or 1", () => {
    expect(() => parseWikipediaTalk("id,text,label,api,parent\n1,text,2,0.5,")).toThrow(/bad label/);
  });
});

describe("getSplit", () => {
  // Pinned: the shipped model was trained on the train parts of the first four; a change here re-deals them.
  it.each<[DatasetName, string, Split]>([
    ["olid", "86426", "train"],
    ["olid", "45157", "validation"],
    ["olid", "16820", "heldout"],
    ["davidson", "0", "train"],
    ["davidson", "1", "validation"],
    ["davidson", "7", "heldout"],
    ["argotario", "6934db0d885b3fac", "train"],
    ["argotario", "51247342ab60fed0", "validation"],
    ["argotario", "1369a0c1401a0229", "heldout"],
    ["youtube-spam", "Youtube05-Shakira/z13lgffb5w3ddx1ul22qy1wxspy5cpkz504", "heldout"],
    ["youtube-spam", "Youtube01-Psy/LZQPQhLyRh80UYxNuaDWhIGQYNQ96IuCg-AYWqNPjpU", "train"],
    ["toxic-spans", "239612", "train"],
    ["toxic-spans", "240941", "validation"],
    ["toxic-spans", "239607", "heldout"],
    ["trac1", "facebook_corpus_msr_1723796", "train"],
    ["trac1", "facebook_corpus_msr_462570", "validation"],
    ["trac1", "facebook_corpus_msr_2111389", "heldout"],
    ["wikipedia-talk", "100047034.169781.169781", "train"],
    ["wikipedia-talk", "100012187.76918.76918", "validation"],
    ["wikipedia-talk", "100094503.94882.94882", "heldout"],
    ["convabuse", "train/278.0", "train"],
    ["convabuse", "valid/1290.0", "validation"],
    ["convabuse", "test/267.0", "heldout"],
  ])("puts %s row %s in %s", (dataset, id, split) => {
    expect(getSplit(dataset, id)).toBe(split);
    expect(isHeldOut(dataset, id)).toBe(split === "heldout");
  });

  it("holds out about a fifth of each hashed source, whatever the ids look like", () => {
    for (const dataset of ["toxic-spans", "trac1", "wikipedia-talk"] as const) {
      const ids = Array.from({ length: 20_000 }, (_, index) => `${dataset}-${index}`);
      const heldOut = ids.filter((id) => isHeldOut(dataset, id)).length / ids.length;
      expect(heldOut).toBeGreaterThan(0.19);
      expect(heldOut).toBeLessThan(0.21);
    }
  });

  it("refuses a ConvAbuse id without its part, rather than guessing one", () => {
    expect(() => getSplit("convabuse", "278.0")).toThrow(/train\/, valid\/ or test\//);
  });
});
