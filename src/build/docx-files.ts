// The Word files of a build: every published document as `docx/<id>.docx`, and one document for
// `xinfang docx`. The docx output (src/docx) makes the bytes; this hands it what the PDF's layout
// decided (where the 版记 goes, each table's size and orientation), so the Word file breaks as
// the PDF does. A document the PDF cannot set (a character no font has) is not written either.
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { docxOf } from "../docx/index.ts";
import type { WordLayout } from "../docx/index.ts";
import { pdfFonts, typeset } from "../pdf/index.ts";
import type { FontSet, PdfOptions, Typeset } from "../pdf/index.ts";
import type { OutputStage } from "./index.ts";
import { PdfProblemsError, emitInto } from "./pdf-files.ts";
import type { DocumentSet, Emit } from "./pdf-files.ts";

export interface WrittenDocx {
  id: string;
  title: string;
  /** Path relative to the output folder, with forward slashes: docx/<id>.docx. */
  file: string;
}

/** Where document `id`'s Word file goes in the output. */
const docxFile = (id: string) => `docx/${id}.docx`;

/** What the DOCX takes over from a laid-out PDF. */
export function wordLayoutOf(t: Typeset): WordLayout {
  return {
    colophon: t.laid.facts?.colophon ?? null,
    tables: t.laid.facts?.tables ?? new Map(),
  };
}

/** A laid-out document as .docx bytes; one the PDF cannot set (its problems) gives none. */
export async function renderDocx(
  t: Typeset,
  creator: string,
): Promise<{ bytes: Uint8Array; problems: Diagnostic[] }> {
  if (t.problems.length) return { bytes: new Uint8Array(), problems: t.problems };
  return { bytes: await docxOf(t.doc, { creator, layout: wordLayoutOf(t) }), problems: [] };
}

/** Each document in order, for makeDocxFiles. */
const inOrder = () => {
  let next = 0;
  return () => next++;
};

/**
 * Makes every document's Word file, handing each to `emit`. `taken` holds what the Word file
 * takes over from layouts the PDF step already made (by document id); the other documents are
 * laid out here. `claim` gives the index of the next document to make (all of them in order
 * unless another thread makes some: word-share.ts); past the last, it is done.
 */
export async function makeDocxFiles(
  publication: DocumentSet,
  options: PdfOptions,
  emit: Emit,
  taken: ReadonlyMap<string, WordLayout> = new Map(),
  claim: () => number = inOrder(),
): Promise<{ documents: WrittenDocx[]; problems: Diagnostic[] }> {
  let fonts: FontSet | undefined;
  const fontsFor = () =>
    (fonts ??= pdfFonts({
      ...options,
      fonts: options.fonts ?? publication.office?.fonts ?? "auto",
    }).set);
  const creator = publication.office?.name ?? "";
  const documents: WrittenDocx[] = [];
  const problems: Diagnostic[] = [];
  for (let i = claim(); i < publication.documents.length; i = claim()) {
    const { doc } = publication.documents[i] as DocumentSet["documents"][number];
    const layout = taken.get(doc.meta.id);
    const made = layout
      ? { bytes: await docxOf(doc, { creator, layout }), problems: [] }
      : await renderDocx(typeset(doc, fontsFor()), creator);
    if (made.problems.length) {
      problems.push(...made.problems);
      continue;
    }
    const file = docxFile(doc.meta.id);
    await emit(file, made.bytes);
    documents.push({ id: doc.meta.id, title: doc.meta.title, file });
  }
  return { documents, problems };
}

/** The Word step's line in the progress: how many files it made. */
export const docxProgress = (count: number) => `  Word 文件：文书 ${count} 份。`;

/** How a Word step shares the documents with a step on another thread (word-share.ts). */
export interface DocxShare {
  /** The index of the next document to make; past the last, none is left. */
  claim(): number;
  /** This side made `count` files: all the files made, when the other side is done too, else null. */
  finished(count: number): number | null;
}

/**
 * The Word step of `xinfang build`: every document under `dir`, one progress line. `taken` is
 * filled by the PDF step when it runs first (see pdfStage and document-stages.ts). With `share`,
 * it makes the documents another step does not claim first, and the side that ends last says
 * how many files both made.
 */
export function docxStage(
  options: PdfOptions,
  taken: ReadonlyMap<string, WordLayout> = new Map(),
  share?: DocxShare,
): OutputStage<DocumentSet> {
  return {
    name: "Word 文件",
    files: (publication) => publication.documents.map(({ doc }) => docxFile(doc.meta.id)),
    async run(publication, dir, progress) {
      const r = await makeDocxFiles(publication, options, emitInto(dir), taken, share?.claim);
      const made = share ? share.finished(r.documents.length) : r.documents.length;
      if (made !== null) progress(docxProgress(made));
      // the PDF step reports the same problems and stops the build first; alone, say them here
      if (r.problems.length) throw new PdfProblemsError(r.problems);
    },
  };
}
