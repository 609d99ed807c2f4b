// The document outputs of `xinfang build`, PDF then Word, as one set of stages: the Word step takes
// over what it needs of the PDF step's layouts (where the 版记 goes, each table's size and
// orientation) and no more: the layouts of every document (~200 MB for a county) are needed
// until the bundles are made, not while the Word files are. Run on a worker thread beside the
// site (worker-stages.ts), so this module exports them by the name the worker looks for.
import type { WordLayout } from "../docx/index.ts";
import type { PdfOptions } from "../pdf/index.ts";
import { docxStage, wordLayoutOf } from "./docx-files.ts";
import type { OutputStage } from "./index.ts";
import { pdfStage } from "./pdf-files.ts";
import type { DocumentSet } from "./pdf-files.ts";

export function outputStages(options: PdfOptions): OutputStage<DocumentSet>[] {
  const taken = new Map<string, WordLayout>();
  return [pdfStage(options, (id, t) => taken.set(id, wordLayoutOf(t))), docxStage(options, taken)];
}
