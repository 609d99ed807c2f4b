// The PDF files of a build: every published document as `pdf/<id>.pdf` and, for each year, the
// print bundles `pdf/bundle-<year>-agreements.pdf`, `pdf/bundle-<year>-notices.pdf` and
// `pdf/bundle-<year>.pdf`. This decides what is bundled and in which order; the pdf output
// (src/pdf) makes the bytes. Classified documents are not in `publication.documents`, so they
// can never be written or bundled. A document with problems is not written, nor any bundle
// that would contain it.
import { mkdirSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { DOC_KIND_NAMES } from "../doc/types.ts";
import type { Doc, DocKind } from "../doc/types.ts";
import { paintDocument, pdfFonts, renderBundle, typeset } from "../pdf/index.ts";
import type { PdfOptions, Typeset } from "../pdf/index.ts";
import type { Publication } from "../site/input.ts";
import type { OutputStage } from "./index.ts";

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
  /** The 页号 of each document's first page (what the contents lists), in the same order. */
  folios: number[];
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

/**
 * The order of kinds in a year's bundle of all documents: the plan that sets the year's work,
 * the agreements signed under it, the notices as they were issued, the summaries, and the
 * scoring sheets behind the annual result.
 */
const KIND_ORDER: DocKind[] = ["plan", "agreement", "notice", "report", "scoring-sheet"];

/** Documents of one kind that belong to a unit follow the order of units.yaml. */
const BY_UNIT: ReadonlySet<DocKind> = new Set(["agreement", "scoring-sheet"]);

/**
 * Documents in bundle order: by kind (KIND_ORDER), then agreements and scoring sheets in the
 * order of the units, every other kind by 成文日期 (notices month by month, the annual one dated
 * after them; reports by date); ties keep the publication's order.
 */
export function bundleOrder(docs: readonly Doc[], units: readonly { id: string }[]): Doc[] {
  const unitRank = new Map(units.map((u, i) => [u.id, i]));
  const rankOf = (d: Doc) => unitRank.get(d.meta.unit ?? "") ?? units.length;
  return [...docs].sort((x, y) => {
    const kind = KIND_ORDER.indexOf(x.meta.kind) - KIND_ORDER.indexOf(y.meta.kind);
    if (kind !== 0) return kind;
    if (BY_UNIT.has(x.meta.kind)) {
      const unit = rankOf(x) - rankOf(y);
      if (unit !== 0) return unit;
    }
    return x.meta.date < y.meta.date ? -1 : x.meta.date > y.meta.date ? 1 : 0;
  });
}

/** One bundle to be made: its file id, title and documents in order. */
export interface BundlePlan {
  id: string;
  title: string;
  /** What it collects: 目标责任书汇编 … (PDF keywords). */
  name: string;
  year: number;
  set: WrittenBundle["set"];
  /** The group heading of each kind in the contents, when the bundle mixes kinds. */
  grouped: boolean;
  docs: Doc[];
}

/**
 * What of the publication the document files (PDF, Word) are made from: a worker thread making
 * them is sent only this.
 */
export type DocumentSet = Pick<Publication, "office" | "units" | "documents">;

/** The fields of DocumentSet, for copying them out of a publication. */
export const DOCUMENT_SET_FIELDS = [
  "office",
  "units",
  "documents",
] as const satisfies readonly (keyof DocumentSet)[];

/** The bundles of every year of the publication, each with its documents in bundle order. */
export function bundlePlans(publication: DocumentSet): BundlePlan[] {
  const office = publication.office;
  const issuer = office?.name ?? publication.documents[0]?.doc.meta.issuer ?? "";
  const short = office?.short_name ?? issuer;
  const years = [...new Set(publication.documents.map((d) => d.doc.meta.year))].sort(
    (a, b) => a - b,
  );
  const plans: BundlePlan[] = [];
  for (const year of years) {
    for (const b of BUNDLE_SETS) {
      const docs = publication.documents
        .map((d) => d.doc)
        .filter((d) => d.meta.year === year && (b.kinds === null || b.kinds.includes(d.meta.kind)));
      if (docs.length === 0) continue;
      plans.push({
        id: b.set === "all" ? `bundle-${year}` : `bundle-${year}-${b.set}`,
        title: `${short}${year}年度${b.name}`,
        name: b.name,
        year,
        set: b.set,
        grouped: b.kinds === null,
        docs: bundleOrder(docs, publication.units),
      });
    }
  }
  return plans;
}

/** Receives each file as it is made: its path relative to the output root and its bytes. */
export type Emit = (file: string, bytes: Uint8Array) => Promise<void>;

/**
 * An Emit that writes each file under `dir`, making its folders (each once). It writes on the
 * calling thread (into the page cache): each asynchronous step of Node's (open, write, close)
 * would hand over to another thread, which on two busy processors costs more than the write.
 */
export function emitInto(dir: string): Emit {
  const made = new Set<string>();
  return async (file, bytes) => {
    const folder = dirname(join(dir, file));
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(join(dir, file), bytes);
  };
}

/** Where a document's or a bundle's PDF goes in the output. */
const pdfFile = (id: string) => `pdf/${id}.pdf`;

/** The files makePdfFiles writes when every document can be set: each document, then the bundles. */
export function pdfFiles(publication: DocumentSet, options: { bundles?: boolean }): string[] {
  return [
    ...publication.documents.map(({ doc }) => pdfFile(doc.meta.id)),
    ...(options.bundles === false ? [] : bundlePlans(publication).map((b) => pdfFile(b.id))),
  ];
}

/**
 * Documents set before the publication was complete (pdfStage's `ahead`): the fonts they were set
 * in, for the office's choice of fonts, and each document's layout by the document itself.
 */
export interface SetAhead {
  choice: string;
  fonts: ReturnType<typeof pdfFonts>;
  layouts: Map<Doc, Typeset>;
}

/** The fonts a publication's documents are set in: the option, else office.yaml's, else auto. */
const fontChoice = (options: PdfOptions, office: DocumentSet["office"]) =>
  options.fonts ?? office?.fonts ?? "auto";

/**
 * Makes every PDF file of the publication, one at a time, handing each to `emit`. Every document
 * is laid out first (or was, `ahead`, in the same fonts); with `allOrNothing`, a problem in any
 * of them means no file at all.
 */
export async function makePdfFiles(
  publication: DocumentSet,
  options: PdfOptions & { bundles?: boolean; allOrNothing?: boolean },
  emit: Emit,
  /**
   * Receives every document's layout by id once all are laid out, before any file is written
   * (the Word step keeps what it takes over: the layouts themselves are let go once the
   * bundles are made).
   */
  laidOut?: (layouts: ReadonlyMap<string, Typeset>) => void,
  ahead?: SetAhead,
): Promise<PdfBuildResult> {
  const choice = fontChoice(options, publication.office);
  const early = ahead?.choice === JSON.stringify(choice) ? ahead : undefined;
  const fonts = early?.fonts ?? pdfFonts({ ...options, fonts: choice });
  const problems: Diagnostic[] = [...fonts.problems];
  const documents: WrittenPdf[] = [];
  const done = new Map<string, Typeset>();
  for (const { doc } of publication.documents) {
    const t = early?.layouts.get(doc) ?? typeset(doc, fonts.set);
    problems.push(...t.problems);
    if (t.problems.length === 0) done.set(doc.meta.id, t);
  }
  if (options.allOrNothing && problems.length) return { documents, bundles: [], problems };
  laidOut?.(done);
  for (const [id, t] of done) {
    const file = pdfFile(id);
    await emit(file, await paintDocument(t));
    documents.push({ id, title: t.doc.meta.title, file, pages: t.laid.pages.length });
  }
  const bundles: WrittenBundle[] = [];
  if (options.bundles === false) return { documents, bundles, problems };
  const issuer = publication.office?.name ?? publication.documents[0]?.doc.meta.issuer ?? "";
  for (const plan of bundlePlans(publication)) {
    const { id, title, year, set, docs } = plan;
    if (docs.some((d) => !done.has(d.meta.id))) continue;
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
        keywords: [plan.name, String(year)],
        parts: docs.map((d) => ({
          typeset: done.get(d.meta.id) as Typeset,
          ...(plan.grouped ? { group: DOC_KIND_NAMES[d.meta.kind] } : {}),
        })),
      },
      fonts.set,
    );
    const file = pdfFile(id);
    await emit(file, made.bytes);
    bundles.push({
      id,
      title,
      file,
      pages: made.pages,
      year,
      set,
      documents: docs.map((d) => d.meta.id),
      folios: made.folios,
    });
  }
  return { documents, bundles, problems };
}

/** Writes every PDF file of the publication under `outDir` (see makePdfFiles). */
export async function writeDocumentPdfs(
  publication: DocumentSet,
  outDir: string,
  options: PdfOptions & { bundles?: boolean; allOrNothing?: boolean },
  laidOut?: (layouts: ReadonlyMap<string, Typeset>) => void,
  ahead?: SetAhead,
): Promise<PdfBuildResult> {
  await mkdir(join(outDir, "pdf"), { recursive: true });
  return makePdfFiles(publication, options, emitInto(outDir), laidOut, ahead);
}

/** The diagnostics that stopped PDFs from being written; the message lists them in Chinese. */
export class PdfProblemsError extends Error {
  readonly problems: Diagnostic[];
  constructor(problems: Diagnostic[]) {
    super(problems.map((p) => `${p.message}\n  提示：${p.hint}`).join("\n"));
    this.name = "PdfProblemsError";
    this.problems = problems;
  }
}

/**
 * The PDF step of `xinfang build`: writes every document and bundle under `dir`, reports one
 * progress line, and throws PdfProblemsError, having written nothing, when any document cannot
 * be set (the build checks the published documents' glyphs here, as it sets them). `laidOut`
 * receives the layouts (the Word step after it takes over part of them). Documents given `ahead`,
 * as they are rendered, are set then (a set only the run that follows uses).
 */
export function pdfStage(
  options: PdfOptions & { bundles?: boolean },
  laidOut?: (layouts: ReadonlyMap<string, Typeset>) => void,
): OutputStage<DocumentSet> {
  let early: SetAhead | undefined;
  return {
    name: "PDF",
    files: (publication) => pdfFiles(publication, options),
    ahead(document, office) {
      const fonts = fontChoice(options, office);
      const choice = JSON.stringify(fonts);
      early ??= { choice, fonts: pdfFonts({ ...options, fonts }), layouts: new Map() };
      if (early.choice === choice)
        early.layouts.set(document.doc, typeset(document.doc, early.fonts.set));
    },
    async run(publication, dir, progress) {
      const ahead = early;
      early = undefined;
      const r = await writeDocumentPdfs(
        publication,
        dir,
        { ...options, allOrNothing: true },
        laidOut,
        ahead,
      );
      const pages = r.documents.reduce((s, d) => s + d.pages, 0);
      progress(
        `  PDF：文书 ${r.documents.length} 份（${pages} 页），汇编 ${r.bundles.length} 份。`,
      );
      if (r.problems.length) throw new PdfProblemsError(r.problems);
    },
  };
}
