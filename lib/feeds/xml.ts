// A small XML serializer for the feeds: elements, attributes and text, every
// value escaped on the way out, so no name, title or comment can break the
// document or add markup of its own. XML 1.0 also forbids some characters
// outright (most control characters, lone surrogates, U+FFFE/U+FFFF): a feed
// holding one is not well-formed and readers refuse it whole, so they are
// dropped (imports and old rows may hold them; the forms refuse them).

/** An element: its name, attributes (an undefined value leaves the attribute out) and children, text or elements. */
export interface XmlElement {
  name: string;
  attributes?: Readonly<Record<string, string | undefined>>;
  children?: readonly (XmlElement | string)[];
}

// Tab, line feed, carriage return and everything from U+0020 is allowed, except surrogates that do not pair up and U+FFFE/U+FFFF.
const INVALID_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without the characters XML 1.0 does not allow anywhere. */
export function removeInvalidXmlCharacters(text: string): string {
  return text.replace(INVALID_XML_CHARACTERS, "");
}

/** Text as character data: `&`, `<` and `>` escaped (`>` for `]]>`), forbidden characters dropped. */
export function escapeXmlText(text: string): string {
  return removeInvalidXmlCharacters(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Text as a double-quoted attribute value: quotes escaped too, and line breaks and tabs as references (a parser would turn them into spaces). */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

/** Checks an element or attribute name against what this module writes (letters, digits, `-`, `_`, `.`, one prefix): names are the code's, never the data's. */
function assertXmlName(name: string): void {
  if (!/^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/.test(name)) throw new Error(`Not an XML name: ${JSON.stringify(name)}`);
}

/** Writes an element and its children as XML (no declaration, no indentation). */
export function renderXmlElement(element: XmlElement): string {
  assertXmlName(element.name);
  let open = `<${element.name}`;
  for (const [name, value] of Object.entries(element.attributes ?? {})) {
    if (value === undefined) continue;
    assertXmlName(name);
    open += ` ${name}="${escapeXmlAttribute(value)}"`;
  }
  const children = element.children ?? [];
  if (children.length === 0) return `${open}/>`;
  const inner = children.map((child) => (typeof child === "string" ? escapeXmlText(child) : renderXmlElement(child))).join("");
  return `${open}>${inner}</${element.name}>`;
}

/** Writes a whole document: the XML declaration (UTF-8), then the root element. */
export function renderXmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${renderXmlElement(root)}\n`;
}
