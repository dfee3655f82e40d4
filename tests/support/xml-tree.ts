// Reads a whole XML document with saxes, a strict (non-validating) parser that
// throws at the first well-formedness error and checks namespaces, into a
// small tree the feed tests query. Feed parsers forgive broken documents;
// this does not.
import { SaxesParser, type SaxesTagNS } from "saxes";

/** An element: namespace and local name, attributes by qualified name, its text (child text joined) and child elements. */
export interface XmlNode {
  uri: string;
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlNode[];
}

/** Parses a document; throws saxes's error (with line and column) when it is not well-formed. */
export function parseXmlStrictly(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = attribute.value;
    const node: XmlNode = { uri: tag.uri, name: tag.local, attributes, text: "", children: [] };
    stack.at(-1)?.children.push(node);
    root ??= node;
    stack.push(node);
  });
  parser.on("text", (text) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (!root) throw new Error("No root element");
  return root;
}

/** The child elements of a node with a local name. */
export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((child) => child.name === name);
}

/** The one child element with a local name; throws when there is none or more than one. */
export function onlyChild(node: XmlNode, name: string): XmlNode {
  const found = childrenNamed(node, name);
  if (found.length !== 1) throw new Error(`<${node.name}> has ${found.length} <${name}> elements, not one`);
  return found[0]!;
}
