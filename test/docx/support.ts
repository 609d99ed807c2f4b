// Shared by the DOCX tests: the example documents as Docs, a DOCX's parts as text, and the text
// of document.xml paragraph by paragraph.
import type { Doc } from "../../src/doc/types.ts";
import { readZip } from "../../src/xlsx/zip.ts";
import { examplePublication } from "../pdf/support.ts";

export { CONTENT, doc, heading, para } from "../pdf/support.ts";

/** One example document by its id. */
export async function exampleDoc(id: string): Promise<Doc> {
  const pub = await examplePublication();
  const found = pub.documents.find((d) => d.doc.meta.id === id);
  if (!found) throw new Error(`no example document ${id}`);
  return found.doc;
}

/** The parts of a DOCX as text, by name. */
export function parts(bytes: Uint8Array): Map<string, string> {
  return new Map(readZip(bytes).map((e) => [e.name, new TextDecoder().decode(e.data)]));
}

export function part(bytes: Uint8Array, name: string): string {
  const text = parts(bytes).get(name);
  if (text === undefined) throw new Error(`the DOCX has no ${name}`);
  return text;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** Each paragraph of document.xml: its style id and its text. */
export function paragraphs(documentXml: string): { style: string; text: string }[] {
  return [...documentXml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)].map((m) => {
    const inner = m[1] ?? "";
    const style = /<w:pStyle w:val="([^"]+)"/.exec(inner)?.[1] ?? "Normal";
    const text = [...inner.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => unescape(t[1] as string))
      .join("");
    return { style, text };
  });
}

/** The XML of one style in styles.xml, by id. */
export function styleXml(stylesXml: string, id: string): string {
  const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(stylesXml);
  if (!m) throw new Error(`no style ${id}`);
  return m[0];
}

/** Text without white space, for comparing against extracted text. */
export const squash = (s: string): string => s.replace(/\s+/g, "");
