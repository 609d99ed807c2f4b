// docx: a Doc → a Word document (.docx) in GB/T 9704-2012 layout, for offices that edit, add their
// letterhead and upload in Word or WPS. Takes the same Doc tree as the PDF and the site; gives
// bytes. Writes nothing (the build decides where files go) and does not read the clock: the
// document properties are dated from the Doc and the ZIP has fixed entry times and order
// (xlsx/zip.ts), so the same Doc always gives the same bytes. The WordprocessingML is written
// directly as text (wml.ts and the part modules), no library in between.
import type { Doc } from "../doc/types.ts";
import { writeZip } from "../xlsx/zip.ts";
import { packageParts } from "./package.ts";
import { wordSections } from "./word.ts";
import type { WordLayout } from "./word.ts";

export { CHAR_SPACING, LINE_PITCH, MARGIN, PAGE } from "./grid.ts";
export { FONT, FONT_TABLE } from "./fonts.ts";
export { STYLE } from "./styles.ts";
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

/** One document as .docx bytes. */
export async function docxOf(doc: Doc, options: DocxOptions = {}): Promise<Uint8Array> {
  const named =
    doc.meta.issuer || !options.creator
      ? doc
      : { ...doc, meta: { ...doc.meta, issuer: options.creator } };
  return writeZip(packageParts(named, wordSections(named, options.layout)));
}
