// pdf: a published Doc → a GB/T 9704-2012 PDF, and the print bundles of a publication.
// Takes Docs and the office's font settings; gives PDF bytes or the diagnostics that stop them
// (a character no configured font has, an office font file that cannot be used). Layout is pure
// (layout.ts), painting is paint.ts, the only door to pdf-lib. Must not read the clock: dates and
// file IDs come from the content.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { DOC_KIND_NAMES } from "../doc/types.ts";
import type { Doc, DocKind } from "../doc/types.ts";
import type { Publication } from "../site/input.ts";
import type { LaidOutDoc } from "./boxes.ts";
import { layoutBundle } from "./bundle.ts";
import type { BundlePart } from "./bundle.ts";
import { fontFileDiagnostics, missingGlyphDiagnostics } from "./check.ts";
import { loadFontSet } from "./fonts.ts";
import type { FontSet, OfficeFonts } from "./fonts.ts";
import { layoutDoc } from "./layout.ts";
import { paintPdf } from "./paint.ts";

export { layoutDoc } from "./layout.ts";
export { loadFontSet } from "./fonts.ts";

export interface PdfOptions {
  /** The content folder: office.yaml font paths are relative to it. */
  contentDir: string;
  /** office.yaml `fonts:` (defaults to the publication's office). */
  fonts?: OfficeFonts;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  pages: number;
  /** pdf/font-file and pdf/missing-glyph errors (unlocated: the PDF stage does not read sources). */
  problems: Diagnostic[];
}

export interface WrittenPdf {
  /** Document id, or the bundle id (bundle-2025-agreements …). */
  id: string;
  title: string;
  /** Path relative to the output folder, with forward slashes: pdf/<id>.pdf. */
  file: string;
  pages: number;
}

export interface WrittenBundle extends WrittenPdf {
  year: number;
  /** agreements, notices, or all (the whole year). */
  set: "agreements" | "notices" | "all";
  /** Ids of the documents in it, in order. */
  documents: string[];
}

export interface PdfBuildResult {
  documents: WrittenPdf[];
  bundles: WrittenBundle[];
  /** Non-empty means something was not written; the build should fail. */
  problems: Diagnostic[];
}

function fontSetFor(
  options: PdfOptions,
  publication?: Publication | null,
): { set: FontSet; problems: Diagnostic[] } {
  const office = options.fonts ?? publication?.office?.fonts ?? {};
  const { set, problems } = loadFontSet(office, options.contentDir);
  return { set, problems: fontFileDiagnostics(problems) };
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

/** One document as PDF bytes (nothing is written). */
export async function renderPdf(doc: Doc, options: PdfOptions): Promise<RenderedPdf> {
  const fonts = fontSetFor(options);
  const laid = layoutDoc(doc, fonts.set);
  const problems = [...fonts.problems, ...missingGlyphDiagnostics(doc, laid.problems)];
  if (problems.some((p) => p.code === "pdf/missing-glyph"))
    return { bytes: new Uint8Array(), pages: laid.pages.length, problems };
  const bytes = await paintPdf({ pages: laid.pages, outline: laid.outline, info: infoOf(doc) });
  return { bytes, pages: laid.pages.length, problems };
}

const BUNDLE_SETS: { set: WrittenBundle["set"]; kinds: DocKind[] | null; name: string }[] = [
  { set: "agreements", kinds: ["agreement"], name: "目标责任书汇编" },
  { set: "notices", kinds: ["notice"], name: "考评结果通报汇编" },
  { set: "all", kinds: null, name: "信访工作文书汇编" },
];

/**
 * Writes `pdf/<id>.pdf` for every published document and the bundles of each year
 * (`pdf/bundle-<year>-agreements.pdf`, `pdf/bundle-<year>-notices.pdf`, `pdf/bundle-<year>.pdf`)
 * under `outDir`. Held-back (classified) documents are not in `publication.documents`, so they
 * can never be written or bundled. A document with problems is not written, nor any bundle
 * that would contain it.
 */
export async function writeDocumentPdfs(
  publication: Publication,
  outDir: string,
  options: PdfOptions & { bundles?: boolean },
): Promise<PdfBuildResult> {
  const fonts = fontSetFor(options, publication);
  const problems: Diagnostic[] = [...fonts.problems];
  const dir = join(outDir, "pdf");
  await mkdir(dir, { recursive: true });
  const documents: WrittenPdf[] = [];
  const laidOut = new Map<string, { doc: Doc; laid: LaidOutDoc }>();
  for (const { doc } of publication.documents) {
    const laid = layoutDoc(doc, fonts.set);
    const own = missingGlyphDiagnostics(doc, laid.problems);
    problems.push(...own);
    if (own.length) continue;
    laidOut.set(doc.meta.id, { doc, laid });
    const bytes = await paintPdf({ pages: laid.pages, outline: laid.outline, info: infoOf(doc) });
    const file = `pdf/${doc.meta.id}.pdf`;
    await writeFile(join(outDir, file), bytes);
    documents.push({ id: doc.meta.id, title: doc.meta.title, file, pages: laid.pages.length });
  }
  const bundles: WrittenBundle[] = [];
  if (options.bundles === false) return { documents, bundles, problems };
  const office = publication.office;
  const issuer = office?.name ?? publication.documents[0]?.doc.meta.issuer ?? "";
  const short = office?.short_name ?? issuer;
  const years = [...new Set(publication.documents.map((d) => d.doc.meta.year))].sort(
    (a, b) => a - b,
  );
  for (const year of years) {
    for (const b of BUNDLE_SETS) {
      const docs = publication.documents
        .map((d) => d.doc)
        .filter((d) => d.meta.year === year && (b.kinds === null || b.kinds.includes(d.meta.kind)));
      if (docs.length === 0 || docs.some((d) => !laidOut.has(d.meta.id))) continue;
      if (b.kinds === null)
        docs.sort((x, y) => KIND_ORDER.indexOf(x.meta.kind) - KIND_ORDER.indexOf(y.meta.kind));
      const title = `${short}${year}年度${b.name}`;
      const parts: BundlePart[] = docs.map((d) => {
        const { laid } = laidOut.get(d.meta.id) as { laid: LaidOutDoc };
        return {
          title: d.meta.title,
          pages: laid.pages,
          outline: laid.outline,
          ...(b.kinds === null ? { group: DOC_KIND_NAMES[d.meta.kind] } : {}),
        };
      });
      const date = docs
        .map((d) => d.meta.date)
        .sort()
        .at(-1) as string;
      const layout = layoutBundle(title, issuer, date, parts, fonts.set);
      const id = b.set === "all" ? `bundle-${year}` : `bundle-${year}-${b.set}`;
      const bytes = await paintPdf({
        pages: layout.pages,
        outline: layout.outline,
        info: { title, author: issuer, subject: title, date, id, keywords: [b.name, String(year)] },
      });
      const file = `pdf/${id}.pdf`;
      await writeFile(join(outDir, file), bytes);
      bundles.push({
        id,
        title,
        file,
        pages: layout.pages.length,
        year,
        set: b.set,
        documents: docs.map((d) => d.meta.id),
      });
    }
  }
  return { documents, bundles, problems };
}

const KIND_ORDER: DocKind[] = ["plan", "notice", "report", "agreement", "scoring-sheet"];

/** The diagnostics that stopped PDFs from being written; the message lists them in Chinese. */
export class PdfProblemsError extends Error {
  readonly problems: Diagnostic[];
  constructor(problems: Diagnostic[]) {
    super(problems.map((p) => `${p.message}\n  提示：${p.hint}`).join("\n"));
    this.problems = problems;
  }
}

/**
 * The PDF step of `xinfang build` (an output stage of the site build): writes every document
 * and bundle under `dir`, reports one progress line, and throws PdfProblemsError when any
 * document could not be written.
 */
export function pdfStage(options: PdfOptions): {
  name: string;
  run(publication: Publication, dir: string, progress: (line: string) => void): Promise<void>;
} {
  return {
    name: "PDF",
    async run(publication, dir, progress) {
      const r = await writeDocumentPdfs(publication, dir, options);
      const pages = r.documents.reduce((s, d) => s + d.pages, 0);
      progress(
        `  PDF：文书 ${r.documents.length} 份（${pages} 页），汇编 ${r.bundles.length} 份。`,
      );
      if (r.problems.length) throw new PdfProblemsError(r.problems);
    },
  };
}
