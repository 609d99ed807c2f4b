// The PDF files of a build: every published document as `pdf/<id>.pdf` and, for each year, the
// print bundles `pdf/bundle-<year>-agreements.pdf`, `pdf/bundle-<year>-notices.pdf` and
// `pdf/bundle-<year>.pdf`. This decides what is bundled and in which order; the pdf output
// (src/pdf) makes the bytes. Classified documents are not in `publication.documents`, so they
// can never be written or bundled. A document with problems is not written, nor any bundle
// that would contain it.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { DOC_KIND_NAMES } from "../doc/types.ts";
import type { DocKind } from "../doc/types.ts";
import { paintDocument, pdfFonts, renderBundle, typeset } from "../pdf/index.ts";
import type { PdfOptions, Typeset } from "../pdf/index.ts";
import type { Publication } from "../site/input.ts";

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

const BUNDLE_SETS: { set: WrittenBundle["set"]; kinds: DocKind[] | null; name: string }[] = [
  { set: "agreements", kinds: ["agreement"], name: "目标责任书汇编" },
  { set: "notices", kinds: ["notice"], name: "考评结果通报汇编" },
  { set: "all", kinds: null, name: "信访工作文书汇编" },
];

/** The order of kinds in a year's bundle of all documents. */
const KIND_ORDER: DocKind[] = ["plan", "notice", "report", "agreement", "scoring-sheet"];

/** Receives each file as it is made: its path relative to the output root and its bytes. */
export type Emit = (file: string, bytes: Uint8Array) => Promise<void>;

/** Makes every PDF file of the publication, one at a time, handing each to `emit`. */
export async function makePdfFiles(
  publication: Publication,
  options: PdfOptions & { bundles?: boolean },
  emit: Emit,
): Promise<PdfBuildResult> {
  const fonts = pdfFonts({
    ...options,
    fonts: options.fonts ?? publication.office?.fonts ?? "auto",
  });
  const problems: Diagnostic[] = [...fonts.problems];
  const documents: WrittenPdf[] = [];
  const done = new Map<string, Typeset>();
  for (const { doc } of publication.documents) {
    const t = typeset(doc, fonts.set);
    problems.push(...t.problems);
    if (t.problems.length) continue;
    done.set(doc.meta.id, t);
    const file = `pdf/${doc.meta.id}.pdf`;
    await emit(file, await paintDocument(t));
    documents.push({ id: doc.meta.id, title: doc.meta.title, file, pages: t.laid.pages.length });
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
      if (docs.length === 0 || docs.some((d) => !done.has(d.meta.id))) continue;
      if (b.kinds === null)
        docs.sort((x, y) => KIND_ORDER.indexOf(x.meta.kind) - KIND_ORDER.indexOf(y.meta.kind));
      const id = b.set === "all" ? `bundle-${year}` : `bundle-${year}-${b.set}`;
      const title = `${short}${year}年度${b.name}`;
      const date = docs
        .map((d) => d.meta.date)
        .sort()
        .at(-1) as string;
      const made = await renderBundle(
        {
          id,
          title,
          issuer,
          date,
          keywords: [b.name, String(year)],
          parts: docs.map((d) => ({
            typeset: done.get(d.meta.id) as Typeset,
            ...(b.kinds === null ? { group: DOC_KIND_NAMES[d.meta.kind] } : {}),
          })),
        },
        fonts.set,
      );
      const file = `pdf/${id}.pdf`;
      await emit(file, made.bytes);
      bundles.push({
        id,
        title,
        file,
        pages: made.pages,
        year,
        set: b.set,
        documents: docs.map((d) => d.meta.id),
      });
    }
  }
  return { documents, bundles, problems };
}

/** Writes every PDF file of the publication under `outDir` (see makePdfFiles). */
export async function writeDocumentPdfs(
  publication: Publication,
  outDir: string,
  options: PdfOptions & { bundles?: boolean },
): Promise<PdfBuildResult> {
  await mkdir(join(outDir, "pdf"), { recursive: true });
  return makePdfFiles(publication, options, async (file, bytes) => {
    await mkdir(dirname(join(outDir, file)), { recursive: true });
    await writeFile(join(outDir, file), bytes);
  });
}

/** The diagnostics that stopped PDFs from being written; the message lists them in Chinese. */
export class PdfProblemsError extends Error {
  readonly problems: Diagnostic[];
  constructor(problems: Diagnostic[]) {
    super(problems.map((p) => `${p.message}\n  提示：${p.hint}`).join("\n"));
    this.problems = problems;
  }
}

/**
 * The PDF step of `xinfang build`: writes every document and bundle under `dir`, reports one
 * progress line, and throws PdfProblemsError when any document could not be written.
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
