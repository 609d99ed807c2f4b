// The document outputs of `xinfang build`, PDF then Word, as one set of stages: the Word step takes
// over the PDF step's layouts. Run on a worker thread beside the site (worker-stages.ts), so this
// module exports them by the name the worker looks for.
import type { PdfOptions, Typeset } from "../pdf/index.ts";
import { docxStage } from "./docx-files.ts";
import type { OutputStage } from "./index.ts";
import { pdfStage } from "./pdf-files.ts";
import type { DocumentSet } from "./pdf-files.ts";

export function outputStages(options: PdfOptions): OutputStage<DocumentSet>[] {
  // the PDF step's layouts, which the Word step takes over
  const laid = new Map<string, Typeset>();
  return [pdfStage(options, laid), docxStage(options, laid)];
}
