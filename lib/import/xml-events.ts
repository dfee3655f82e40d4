// Reads an XML export as a stream of small records, never the whole document:
// the file goes through saxes chunk by chunk, and only the elements a reader
// asks for (a WordPress comment, a Disqus post) are kept as little trees until
// they close. Everything else passes as open and close events without its
// text, so a post's long body costs nothing.
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { SaxesParser, type SaxesTagNS } from "saxes";

/** An element kept whole: its qualified name (prefix as the formats spell it), attributes, text and child elements. */
export interface XmlRecord {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlRecord[];
}

/** What the reader sees: elements opening and closing outside records, and each record once it closes. */
export type XmlEvent = { type: "open"; path: string } | { type: "close"; path: string } | { type: "record"; path: string; record: XmlRecord };

/** A file that is not well-formed XML (or not the expected format): the message says where. */
export class ImportFileError extends Error {}

/**
 * The prefixes our readers use, by namespace URI: a file may bind other
 * prefixes to them (or none), so names are compared by namespace, not by
 * the prefix the file happened to choose.
 */
function prefixFor(uri: string): string {
  if (uri.startsWith("http://wordpress.org/export/")) return uri.includes("/excerpt/") ? "excerpt" : "wp";
  if (uri === "http://purl.org/rss/1.0/modules/content/") return "content";
  if (uri === "http://purl.org/dc/elements/1.1/") return "dc";
  if (uri === "http://disqus.com/disqus-internals") return "dsq";
  return "";
}

function qualifiedName(uri: string, local: string): string {
  const prefix = prefixFor(uri);
  return prefix ? `${prefix}:${local}` : local;
}

/** Element names on the way down, "rss/channel/item". */
type Path = string;

/**
 * Streams the XML events of a file. `isRecord(path)` says which elements to
 * keep whole. `onBytes` hears how many bytes were read so far (a progress
 * bar). Events come a chunk at a time, so whoever consumes them may await
 * between them without the whole file piling up.
 */
export async function* readXmlEvents(file: string, isRecord: (path: Path) => boolean, onBytes?: (bytesRead: number) => void): AsyncGenerator<XmlEvent> {
  const parser = new SaxesParser({ xmlns: true, fileName: file });
  const pending: XmlEvent[] = [];
  const names: string[] = [];
  /** The records being built, outermost first; empty outside a record. */
  const building: XmlRecord[] = [];
  let recordDepth = -1;

  parser.on("opentag", (tag: SaxesTagNS) => {
    const name = qualifiedName(tag.uri, tag.local);
    names.push(name);
    const path = names.join("/");
    if (building.length === 0 && !isRecord(path)) {
      pending.push({ type: "open", path });
      return;
    }
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix === "xmlns" || attribute.name === "xmlns") continue;
      attributes[qualifiedName(attribute.uri, attribute.local)] = attribute.value;
    }
    const record: XmlRecord = { name, attributes, text: "", children: [] };
    if (building.length === 0) recordDepth = names.length;
    building.at(-1)?.children.push(record);
    building.push(record);
  });
  const addText = (text: string) => {
    const current = building.at(-1);
    if (current) current.text += text;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.on("closetag", () => {
    const path = names.join("/");
    if (building.length === 0) {
      pending.push({ type: "close", path });
    } else {
      const record = building.pop()!;
      if (names.length === recordDepth) pending.push({ type: "record", path, record });
    }
    names.pop();
  });

  const decoder = new StringDecoder("utf8");
  let bytesRead = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
      const bytes = chunk as Buffer;
      bytesRead += bytes.length;
      parser.write(decoder.write(bytes));
      onBytes?.(bytesRead);
      yield* pending.splice(0);
    }
    parser.write(decoder.end());
    parser.close();
  } catch (error) {
    if (error instanceof Error && !("code" in error)) throw new ImportFileError(`${file} is not well-formed XML: ${error.message}`);
    throw error;
  }
  yield* pending.splice(0);
}

/** The text of a record's first child with that name, trimmed ("" when absent). */
export function childText(record: XmlRecord, name: string): string {
  return record.children.find((child) => child.name === name)?.text.trim() ?? "";
}

/** A record's first child with that name. */
export function childRecord(record: XmlRecord, name: string): XmlRecord | undefined {
  return record.children.find((child) => child.name === name);
}
