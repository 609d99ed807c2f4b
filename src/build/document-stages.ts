// The document outputs of `xinfang build`, PDF then Word, as one set of stages: the Word step takes
// over what it needs of the PDF step's layouts (where the 版记 goes, each table's size and
// orientation) and no more: the layouts of every document (~200 MB for a county) are needed
// until the bundles are made, not while the Word files are. Run on a worker thread beside the
// site (worker-stages.ts), so this module exports them by the name the worker looks for. With
// `word`, the main thread makes part of the Word files (word-share.ts): it is sent the layouts.
import type { WordLayout } from "../docx/index.ts";
import type { PdfOptions } from "../pdf/index.ts";
import type { Typeset } from "../pdf/index.ts";
import { docxStage, wordLayoutOf } from "./docx-files.ts";
import type { OutputStage } from "./index.ts";
import { pdfStage } from "./pdf-files.ts";
import type { DocumentSet } from "./pdf-files.ts";
import { sendLayouts, sharedClaims } from "./word-share.ts";
import type { WordShare } from "./word-share.ts";

export interface DocumentStageOptions extends PdfOptions {
  /** The worker's end of a Word step shared with the main thread (mainWordStage). */
  word?: WordShare;
}

export function outputStages({
  word,
  ...options
}: DocumentStageOptions): OutputStage<DocumentSet>[] {
  const taken = new Map<string, WordLayout>();
  const laidOut = (layouts: ReadonlyMap<string, Typeset>) => {
    for (const [id, t] of layouts) taken.set(id, wordLayoutOf(t));
    if (word) sendLayouts(word, layouts);
  };
  return [pdfStage(options, laidOut), docxStage(options, taken, word && sharedClaims(word))];
}
