// docx: a Doc → a Word document (.docx) in GB/T 9704-2012 layout, for offices that edit, add their
// letterhead and upload in Word or WPS. Takes the same Doc tree as the PDF and the site; gives
// bytes. Writes nothing (the build decides where files go) and does not read the clock: the
// document properties are dated from the Doc, the ZIP is packed again with fixed entry times
// and order (xlsx/zip.ts), so the same Doc always gives the same bytes. word.ts is the only
// file that imports the `docx` library.
import type { Doc } from "../doc/types.ts";
import { writeZip } from "../xlsx/zip.ts";
import type { ZipEntry } from "../xlsx/zip.ts";
import { EMF_SIGNATURE, EMR } from "./emf.ts";
import { fontTableXml } from "./fonts.ts";
import { STYLE, wordParts } from "./word.ts";
import type { WordLayout } from "./word.ts";

export { CHAR_SPACING, LINE_PITCH, MARGIN, PAGE } from "./grid.ts";
export { FONT, FONT_TABLE } from "./fonts.ts";
export { STYLE } from "./word.ts";
export type { WordLayout } from "./word.ts";

export interface DocxOptions {
  /** Who made the file (the office's name), when the Doc names no issuer. */
  creator?: string;
  /**
   * What the PDF's layout decided (where the 版记 goes, each table's size and orientation), so
   * the Word file breaks as the PDF does; without it the 版记 takes a page of its own.
   */
  layout?: WordLayout;
}

/** 00:00 of a YYYY-MM-DD day in China (UTC+8), as W3CDTF in UTC: 2025-01-20 → 2025-01-19T16:00:00Z. */
export function chinaMidnight(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - 8 * 3600_000).toISOString().replace(/\.000Z$/, "Z");
}

const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const encode = (s: string) => new TextEncoder().encode(s);

/** docProps/core.xml with its creation and modification times set to the document's date. */
function datedCore(xml: string, date: string): string {
  const at = chinaMidnight(date);
  return xml.replace(
    /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g,
    (_, open: string, _tag: string, close: string) => `${open}${at}${close}`,
  );
}

/**
 * Styles whose lines keep their own exact height instead of snapping to the 22-line grid: the
 * 2号 title (one grid line a line, as the PDF sets it; LibreOffice gives a snapped 22 pt line two
 * grid lines whatever its exact height) and the 4号 table, caption and page-number lines (表头
 * inherits it from 表格文字).
 */
export const OFF_GRID = [
  STYLE.title,
  STYLE.cell,
  STYLE.caption,
  STYLE.footer,
  STYLE.mark,
  STYLE.colophon,
  STYLE.rule,
] as const;

/**
 * w:snapToGrid off in the paragraph properties of the OFF_GRID styles (the `docx` library sets it
 * on runs only), before w:spacing as the schema orders them.
 */
function offGrid(xml: string): string {
  let out = noAutoSpace(xml);
  for (const id of OFF_GRID) {
    const re = new RegExp(
      `(<w:style w:type="paragraph" w:styleId="${id}"[^>]*>(?:(?!</w:style>)[\\s\\S])*?)(<w:spacing )`,
    );
    const next = out.replace(re, '$1<w:snapToGrid w:val="0"/>$2');
    if (next === out) throw new Error(`docx: style ${id} has no line spacing to take off the grid`);
    out = next;
  }
  return out;
}

/**
 * No automatic space between Chinese and digits or Latin letters in 正文 (Normal) and every style
 * based on it: Word, WPS and LibreOffice add about a quarter of a character there by default
 * (8 月 14 日), so lines and table cells would take more room than in the PDF, which sets
 * 8月14日 as offices type it. w:autoSpaceDE/DN come before w:spacing in the schema's order.
 */
function noAutoSpace(xml: string): string {
  const re = new RegExp(
    `(<w:style w:type="paragraph" w:styleId="${STYLE.body}"[^>]*>(?:(?!</w:style>)[\\s\\S])*?)(<w:spacing )`,
  );
  const out = xml.replace(re, '$1<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>$2');
  if (out === xml)
    throw new Error("docx: the Normal style has no line spacing to set spacing before");
  return out;
}

/** Whether bytes are an EMF: a header record (type 1) signed " EMF" at byte 40. */
const isEmf = (b: Uint8Array): boolean =>
  b.length >= 44 &&
  new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(0, true) === EMR.HEADER &&
  new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(40, true) === EMF_SIGNATURE;

/** The content type of the charts' pictures, as Word writes it for .emf parts. */
const EMF_TYPE = "image/x-emf";

/**
 * The package's parts, dated and with the font table of the offices' fonts, in a fixed order. The
 * charts' pictures, which the library takes as BMP (it knows no EMF), become word/media/imageN.emf
 * with their relationships and an emf content type; the drawings' ids (wp:docPr, which the library
 * counts across every document made in the process) are numbered 1, 2, … in the document's order.
 */
function settle(entries: ZipEntry[], doc: Doc): ZipEntry[] {
  const renamed = new Map<string, string>();
  for (const e of entries) {
    const m = /^word\/media\/(image\d+)\.bmp$/.exec(e.name);
    if (m && isEmf(e.data)) renamed.set(`media/${m[1]}.bmp`, `media/${m[1]}.emf`);
  }
  const out = entries.map((e): ZipEntry => {
    if (e.name.startsWith("word/media/") && renamed.has(e.name.slice(5)))
      return { name: `word/${renamed.get(e.name.slice(5)) as string}`, data: e.data };
    if (renamed.size > 0 && e.name === "word/_rels/document.xml.rels")
      return {
        name: e.name,
        data: encode(
          decode(e.data).replace(
            /( Target=")(media\/image\d+\.bmp)(")/g,
            (all, open: string, target: string, close: string) => {
              const to = renamed.get(target);
              return to ? `${open}${to}${close}` : all;
            },
          ),
        ),
      };
    if (renamed.size > 0 && e.name === "[Content_Types].xml") {
      const xml = decode(e.data);
      if (xml.includes('Extension="emf"')) return e;
      return {
        name: e.name,
        data: encode(
          xml.replace(/(<Types\b[^>]*>)/, `$1<Default ContentType="${EMF_TYPE}" Extension="emf"/>`),
        ),
      };
    }
    if (e.name === "word/document.xml") {
      let id = 0;
      return {
        name: e.name,
        data: encode(
          decode(e.data).replace(
            /(<wp:docPr id=")\d+(")/g,
            (_, a: string, b: string) => `${a}${++id}${b}`,
          ),
        ),
      };
    }
    if (e.name === "docProps/core.xml")
      return { name: e.name, data: encode(datedCore(decode(e.data), doc.meta.date)) };
    if (e.name === "word/fontTable.xml") return { name: e.name, data: encode(fontTableXml()) };
    if (e.name === "word/styles.xml")
      return { name: e.name, data: encode(offGrid(decode(e.data))) };
    return e;
  });
  // [Content_Types].xml first (some readers want it there), the rest by name
  const rank = (n: string) => (n === "[Content_Types].xml" ? 0 : n === "_rels/.rels" ? 1 : 2);
  return out.sort(
    (a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** One document as .docx bytes. */
export async function docxOf(doc: Doc, options: DocxOptions = {}): Promise<Uint8Array> {
  const named =
    doc.meta.issuer || !options.creator
      ? doc
      : { ...doc, meta: { ...doc.meta, issuer: options.creator } };
  const entries = await wordParts(named, options.layout);
  if (!entries.some((e) => e.name === "word/fontTable.xml"))
    throw new Error("docx: the package has no word/fontTable.xml");
  return writeZip(settle(entries, doc));
}
