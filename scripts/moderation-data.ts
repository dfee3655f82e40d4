// Loads the labelled moderation corpora in ../shared/data (see its README) and
// fixes one train / validation / held-out split, so that training and
// evaluation scripts can never disagree about which rows were held out.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";

/** The labelled corpora this module can load, named like their folders. */
export type DatasetName = "olid" | "davidson" | "youtube-spam" | "argotario";

/** Which part of the data a row belongs to; "heldout" rows are only ever scored, never fitted or tuned on. */
export type Split = "train" | "validation" | "heldout";

/** An OLID v1.0 training tweet; `offensive` is subtask A (OFF = true). */
export interface OlidRow {
  dataset: "olid";
  id: string;
  text: string;
  offensive: boolean;
  subtaskA: "OFF" | "NOT";
  subtaskB: "TIN" | "UNT" | null;
  subtaskC: "IND" | "GRP" | "OTH" | null;
}

/** Davidson et al. 2017 classes, by their numeric code in the CSV. */
export const DAVIDSON_CLASSES = ["hate", "offensive", "neither"] as const;

/** A Davidson class name. */
export type DavidsonClass = (typeof DAVIDSON_CLASSES)[number];

/** A Davidson et al. 2017 tweet with its majority-vote class and the vote counts behind it. */
export interface DavidsonRow {
  dataset: "davidson";
  id: string;
  text: string;
  label: 0 | 1 | 2;
  className: DavidsonClass;
  coders: number;
  votes: { hate: number; offensive: number; neither: number };
}

/** A YouTube Spam Collection comment; `id` is `<video>/<COMMENT_ID>` so that the video decides its split. */
export interface YoutubeSpamRow {
  dataset: "youtube-spam";
  id: string;
  video: string;
  commentId: string;
  author: string;
  date: string | null;
  text: string;
  isSpam: boolean;
}

/** An Argotario argument; `votedFallacy` is null while the crowd has not decided ("-"). */
export interface ArgotarioRow {
  dataset: "argotario";
  id: string;
  topic: string;
  stance: string;
  intendedFallacy: string;
  votedFallacy: string | null;
  votes: number;
  text: string;
}

/** Share of each corpus held out for evaluation. */
export const HELD_OUT_FRACTION = 0.2;

/** Share of each corpus carved out of the training part for tuning (thresholds, hyperparameters). */
export const VALIDATION_FRACTION = 0.1;

/** The YouTube video held out whole, as the data README asks (196 spam texts repeat across videos). */
export const HELD_OUT_YOUTUBE_VIDEO = "Youtube05-Shakira";

// Changing the salt reshuffles every split, which would silently invalidate
// all published figures; it is a constant for that reason.
const SPLIT_SALT = "moderation-split-v1";

/** The shared data folder: `--data DIR` when given, else ../shared/data next to the repository. */
export function resolveDataDir(argv: readonly string[] = process.argv.slice(2)): string {
  const flag = argv.indexOf("--data");
  const inline = argv.find((argument) => argument.startsWith("--data="));
  if (inline) return inline.slice("--data=".length);
  if (flag !== -1) {
    const value = argv[flag + 1];
    if (!value) throw new Error("--data needs a directory");
    return value;
  }
  return join(process.cwd(), "..", "shared", "data");
}

/** A stable 32-bit hash (FNV-1a then the murmur3 finaliser, so that similar ids spread evenly). */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * The split a row belongs to, from a hash of its id alone: independent of the
 * label, so each class is held out at the same expected rate (stratified in
 * expectation), and independent of file order or which other rows are loaded.
 */
export function getSplit(dataset: DatasetName, id: string): Split {
  if (dataset === "youtube-spam") {
    // Whole videos, never single comments: copy-pasted spam would leak otherwise.
    return id.startsWith(`${HELD_OUT_YOUTUBE_VIDEO}/`) ? "heldout" : "train";
  }
  const unit = hashString(`${SPLIT_SALT}:${dataset}:${id}`) / 0x1_0000_0000;
  if (unit < HELD_OUT_FRACTION) return "heldout";
  if (unit < HELD_OUT_FRACTION + VALIDATION_FRACTION) return "validation";
  return "train";
}

/** True for rows reserved for evaluation; training code must skip them. */
export function isHeldOut(dataset: DatasetName, id: string): boolean {
  return getSplit(dataset, id) === "heldout";
}

/** Parses RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let inQuotes = false;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (index < text.length) {
    const char = text[index];
    if (inQuotes) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        inQuotes = false;
      } else {
        field += char;
      }
      index++;
      continue;
    }
    if (char === '"' && field === "") {
      inQuotes = true;
    } else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (char === "\r" && text[index + 1] === "\n") index++;
    } else {
      field += char;
    }
    index++;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function requireColumns(header: readonly string[], names: readonly string[], file: string): number[] {
  return names.map((name) => {
    const position = header.indexOf(name);
    if (position === -1) throw new Error(`${file}: missing column "${name}" (header: ${header.join(", ")})`);
    return position;
  });
}

function cell(row: readonly string[], position: number | undefined): string {
  return position === undefined ? "" : (row[position] ?? "");
}

function requireCount(expected: number, actual: number, file: string): void {
  // The PROVENANCE files give exact counts; a mismatch means a parsing bug or a changed file.
  if (actual !== expected) throw new Error(`${file}: expected ${expected} rows, parsed ${actual}`);
}

/** OLID v1.0 training tweets (tab-separated, no quoting: quotes are part of the text). */
export function loadOlid(dataDir: string): OlidRow[] {
  const file = join(dataDir, "olid", "olid-training-v1.0.tsv");
  const lines = readFileSync(file, "utf8").split(/\r?\n/).filter((line) => line.length > 0);
  const header = (lines.shift() ?? "").split("\t");
  const [idAt, tweetAt, aAt, bAt, cAt] = requireColumns(header, ["id", "tweet", "subtask_a", "subtask_b", "subtask_c"], file);
  const rows = lines.map((line): OlidRow => {
    const fields = line.split("\t");
    const subtaskA = cell(fields, aAt);
    const subtaskB = cell(fields, bAt);
    const subtaskC = cell(fields, cAt);
    if (subtaskA !== "OFF" && subtaskA !== "NOT") throw new Error(`${file}: bad subtask_a "${subtaskA}" in ${line}`);
    return {
      dataset: "olid",
      id: cell(fields, idAt),
      text: cell(fields, tweetAt),
      offensive: subtaskA === "OFF",
      subtaskA,
      subtaskB: subtaskB === "TIN" || subtaskB === "UNT" ? subtaskB : null,
      subtaskC: subtaskC === "IND" || subtaskC === "GRP" || subtaskC === "OTH" ? subtaskC : null,
    };
  });
  requireCount(13_240, rows.length, file);
  return rows;
}

/** Davidson et al. 2017 tweets; the row id is the CSV's unnamed index column. */
export function loadDavidson(dataDir: string): DavidsonRow[] {
  const file = join(dataDir, "davidson", "labeled_data.csv");
  const [header = [], ...records] = parseCsv(readFileSync(file, "utf8"));
  const [idAt, countAt, hateAt, offensiveAt, neitherAt, classAt, tweetAt] = requireColumns(
    header,
    ["", "count", "hate_speech", "offensive_language", "neither", "class", "tweet"],
    file,
  );
  const rows = records
    .filter((record) => record.length > 1)
    .map((record): DavidsonRow => {
      const label = Number(cell(record, classAt));
      if (label !== 0 && label !== 1 && label !== 2) throw new Error(`${file}: bad class in row ${cell(record, idAt)}`);
      return {
        dataset: "davidson",
        id: cell(record, idAt),
        text: cell(record, tweetAt),
        label,
        className: DAVIDSON_CLASSES[label],
        coders: Number(cell(record, countAt)),
        votes: { hate: Number(cell(record, hateAt)), offensive: Number(cell(record, offensiveAt)), neither: Number(cell(record, neitherAt)) },
      };
    });
  requireCount(24_783, rows.length, file);
  return rows;
}

/** The five YouTube Spam Collection videos, in file order. */
export function loadYoutubeSpam(dataDir: string): YoutubeSpamRow[] {
  const folder = join(dataDir, "youtube-spam");
  const files = readdirSync(folder)
    .filter((name) => /^Youtube0\d.*\.csv$/.test(name))
    .sort();
  const rows = files.flatMap((name) => {
    const file = join(folder, name);
    const video = basename(name, ".csv");
    const [header = [], ...records] = parseCsv(readFileSync(file, "utf8"));
    const [idAt, authorAt, dateAt, contentAt, classAt] = requireColumns(header, ["COMMENT_ID", "AUTHOR", "DATE", "CONTENT", "CLASS"], file);
    return records
      .filter((record) => record.length > 1)
      .map((record): YoutubeSpamRow => {
        const commentId = cell(record, idAt);
        const date = cell(record, dateAt);
        return {
          dataset: "youtube-spam",
          id: `${video}/${commentId}`,
          video,
          commentId,
          author: cell(record, authorAt),
          date: date === "" ? null : date,
          text: cell(record, contentAt),
          isSpam: cell(record, classAt) === "1",
        };
      });
  });
  requireCount(1_956, rows.length, folder);
  return rows;
}

/** Argotario English arguments; the row id is the Mongo ID. */
export function loadArgotario(dataDir: string): ArgotarioRow[] {
  const file = join(dataDir, "argotario", "arguments-en-2018-01-15.tsv");
  const lines = readFileSync(file, "utf8").split(/\r?\n/);
  const header = (lines.shift() ?? "").split("\t");
  const [idAt, topicAt, stanceAt, intendedAt, votedAt, votesAt, textAt] = requireColumns(
    header,
    ["Mongo ID", "Topic", "Stance", "Intended Fallacy", "Voted Fallacy", "Number of Votes", "Text"],
    file,
  );
  // Six texts hold newlines; PROVENANCE says a line without tabs continues the row above.
  const joined: string[] = [];
  for (const line of lines) {
    if (line.includes("\t") || joined.length === 0) joined.push(line);
    else joined[joined.length - 1] += `\n${line}`;
  }
  const rows = joined
    .filter((line) => line.trim().length > 0)
    .map((line): ArgotarioRow => {
      const fields = line.split("\t");
      const voted = cell(fields, votedAt);
      return {
        dataset: "argotario",
        id: cell(fields, idAt),
        topic: cell(fields, topicAt),
        stance: cell(fields, stanceAt),
        intendedFallacy: cell(fields, intendedAt),
        votedFallacy: voted === "-" || voted === "" ? null : voted,
        votes: Number(cell(fields, votesAt)),
        text: cell(fields, textAt),
      };
    });
  requireCount(1_338, rows.length, file);
  return rows;
}
