// pdf: a Doc → a GB/T 9704-2012 PDF, and a bundle of laid-out Docs → one PDF with a cover,
// contents and bookmarks. Takes Docs and fonts; gives PDF bytes or the diagnostics that stop
// them (a character no configured font has, an office font file that cannot be used). Writes
// nothing: which documents are bundled and where files go is the build's (src/build). Layout is
// pure (layout.ts), painting is paint.ts, the file is written by writer.ts. Must not read the clock:
// dates and file IDs come from the content.
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { DOC_KIND_NAMES } from "../doc/types.ts";
import type { Doc } from "../doc/types.ts";
import type { LaidOutDoc } from "./boxes.ts";
import { layoutBundle } from "./bundle.ts";
import { fontFileDiagnostics, missingGlyphDiagnostics } from "./check.ts";
import { loadFontSet } from "./fonts.ts";
import type { FontSet, OfficeFonts } from "./fonts.ts";
import { layoutDoc } from "./layout.ts";
import { paintPdf } from "./paint.ts";

export { layoutDoc } from "./layout.ts";
export { loadFontSet, preloadShippedFonts } from "./fonts.ts";
export type { FontSet, OfficeFonts } from "./fonts.ts";

export interface PdfOptions {
  /** The content folder: office.yaml font paths are relative to it. */
  contentDir: string;
  /** office.yaml `fonts:` (`auto` when absent). */
  fonts?: OfficeFonts;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  pages: number;
  /** pdf/font-file and pdf/missing-glyph errors (unlocated: the PDF stage does not read sources). */
  problems: Diagnostic[];
}

/**
 * The office's fonts (its own files first, the shipped ones after) and the errors of the files it
 * names (a file `fonts: auto` found but cannot use is passed over: `check` warns of it).
 */
export function pdfFonts(options: PdfOptions): { set: FontSet; problems: Diagnostic[] } {
  const { set, problems } = loadFontSet(options.fonts ?? "auto", options.contentDir);
  return { set, problems: fontFileDiagnostics(problems.filter((p) => !p.found)) };
}

function infoOf(doc: Doc) {
  return {
    title: doc.meta.title,
    author: doc.meta.issuer,
    subject: doc.meta.subject ?? DOC_KIND_NAMES[doc.meta.kind],
    date: doc.meta.date,
    id: doc.meta.id,
    keywords: [DOC_KIND_NAMES[doc.meta.kind], String(doc.meta.year)],
  };
}

export interface Typeset {
  doc: Doc;
  laid: LaidOutDoc;
  /** Characters no font of their role has: the document cannot be painted. */
  problems: Diagnostic[];
}

/** Lays out one document against the fonts. */
export function typeset(doc: Doc, fonts: FontSet): Typeset {
  const laid = layoutDoc(doc, fonts);
  return { doc, laid, problems: missingGlyphDiagnostics(doc, laid.problems) };
}

/** The PDF bytes of a laid-out document without problems. */
export function paintDocument(t: Typeset): Promise<Uint8Array> {
  return paintPdf({ pages: t.laid.pages, outline: t.laid.outline, info: infoOf(t.doc) });
}

/** One document as PDF bytes. */
export async function renderPdf(doc: Doc, options: PdfOptions): Promise<RenderedPdf> {
  const fonts = pdfFonts(options);
  const t = typeset(doc, fonts.set);
  const problems = [...fonts.problems, ...t.problems];
  const pages = t.laid.pages.length;
  if (t.problems.length) return { bytes: new Uint8Array(), pages, problems };
  return { bytes: await paintDocument(t), pages, problems };
}

export interface Bundle {
  /** The bundle's file id (PDF metadata). */
  id: string;
  title: string;
  issuer: string;
  /** The cover's date (YYYY-MM-DD). */
  date: string;
  keywords: string[];
  /** The documents in order, each with the group heading it falls under in the contents. */
  parts: { typeset: Typeset; group?: string }[];
}

export interface RenderedBundle {
  bytes: Uint8Array;
  pages: number;
  /** The 页号 of each document's first page, in order: what the contents lists. */
  folios: number[];
}

/**
 * A bundle of laid-out documents as one PDF: cover, contents, each document on odd pages with
 * its own page numbers and the bundle's 页号. The page labels a viewer shows are i, ii … for the
 * cover and contents, then the 页号.
 */
export async function renderBundle(bundle: Bundle, fonts: FontSet): Promise<RenderedBundle> {
  const layout = layoutBundle(
    bundle.title,
    bundle.issuer,
    bundle.date,
    bundle.parts.map(({ typeset: t, group }) => ({
      title: t.doc.meta.title,
      ...(t.doc.meta.number ? { number: t.doc.meta.number } : {}),
      pages: t.laid.pages,
      outline: t.laid.outline,
      ...(group !== undefined ? { group } : {}),
    })),
    fonts,
  );
  const bytes = await paintPdf({
    pages: layout.pages,
    outline: layout.outline,
    labels: [
      { start: 0, style: "r" },
      ...(layout.front < layout.pages.length ? [{ start: layout.front, style: "D" as const }] : []),
    ],
    info: {
      title: bundle.title,
      author: bundle.issuer,
      subject: bundle.title,
      date: bundle.date,
      id: bundle.id,
      keywords: bundle.keywords,
    },
  });
  return { bytes, pages: layout.pages.length, folios: layout.folios };
}
