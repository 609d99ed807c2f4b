// The Word step of `xinfang build` made by both threads. The worker thread makes the Word files
// after its PDFs; the main thread, once its own steps are done, makes some of them too instead of
// waiting (otherwise the worker ends the build alone while the other processor idles). Each
// document is claimed through a counter in shared memory, so each file is made once, by whichever
// thread comes first; its bytes do not depend on which. What a Word file takes over from the PDF's
// layout comes from the worker as plain data once every document is laid out (before its PDFs are
// painted): each table by its place in the document, as the block objects differ between threads.
import { MessageChannel } from "node:worker_threads";
import type { MessagePort } from "node:worker_threads";
import type { Block, Doc } from "../doc/types.ts";
import type { WordLayout } from "../docx/index.ts";
import type { PdfOptions, Typeset } from "../pdf/index.ts";
import { docxProgress, docxStage, wordLayoutOf } from "./docx-files.ts";
import type { DocxShare } from "./docx-files.ts";
import type { OutputStage } from "./index.ts";
import type { DocumentSet } from "./pdf-files.ts";

/** Slots of the shared counters. */
const NEXT = 0;
const WRITTEN = 1;
const DONE = 2;

/** One end of a shared Word step: the counters both see and its end of the layouts' channel. */
export interface WordShare {
  counters: SharedArrayBuffer;
  port: MessagePort;
}

/** What a Word file takes over from a layout, as plain data: the tables in document order. */
export interface PortableLayout {
  colophon: WordLayout["colophon"];
  tables: ({ size: number; landscape: boolean } | null)[];
}

/** The message the worker's end sends: each laid-out document's layout by its id. */
interface LayoutsMessage {
  layouts: [string, PortableLayout][];
}

/** The two ends of a shared Word step: the worker's (its port to be transferred) and the main thread's. */
export function shareWord(): { worker: WordShare; main: WordShare } {
  const counters = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const { port1, port2 } = new MessageChannel();
  return { worker: { counters, port: port2 }, main: { counters, port: port1 } };
}

/** The tables of a document in the order they are set: the body's, then each attachment's. */
function tableBlocks(doc: Doc): Block[] {
  return [...doc.body, ...doc.attachments.flatMap((a) => a.body)].filter((b) => b.type === "table");
}

/** `layout` of `doc` as plain data. */
export function portableLayout(doc: Doc, layout: WordLayout): PortableLayout {
  return {
    colophon: layout.colophon,
    tables: tableBlocks(doc).map((b) => {
      const t = layout.tables.get(b);
      return t ? { size: t.size, landscape: t.landscape } : null;
    }),
  };
}

/** The layout of `doc` (a copy of the document `portableLayout` was given) from plain data. */
export function layoutFrom(doc: Doc, portable: PortableLayout): WordLayout {
  const tables = new Map<object, { size: number; landscape: boolean }>();
  tableBlocks(doc).forEach((b, i) => {
    const t = portable.tables[i];
    if (t) tables.set(b, t);
  });
  return { colophon: portable.colophon, tables };
}

/** Sends what each laid-out document's Word file takes over (by document id) to the main thread's end. */
export function sendLayouts(share: WordShare, layouts: ReadonlyMap<string, Typeset>): void {
  const message: LayoutsMessage = { layouts: [] };
  for (const [id, t] of layouts) message.layouts.push([id, portableLayout(t.doc, wordLayoutOf(t))]);
  share.port.postMessage(message);
}

/** Claiming documents and counting the files made through the shared counters (two sides). */
export function sharedClaims(share: WordShare): DocxShare {
  const c = new Int32Array(share.counters);
  return {
    claim: () => Atomics.add(c, NEXT, 1),
    finished(count) {
      Atomics.add(c, WRITTEN, count);
      return Atomics.add(c, DONE, 1) === 1 ? Atomics.load(c, WRITTEN) : null;
    },
  };
}

/**
 * The layouts from the worker's end, or why there are none: its end closed (the worker ended:
 * it made every file itself, or failed) or the build stopped.
 */
function layoutsFrom(
  port: MessagePort,
  signal: AbortSignal | undefined,
): Promise<LayoutsMessage | "closed" | "stopped"> {
  return new Promise((resolve) => {
    const settle = (v: LayoutsMessage | "closed" | "stopped") => {
      port.off("message", onMessage);
      port.off("close", onClose);
      signal?.removeEventListener("abort", onAbort);
      resolve(v);
    };
    const onMessage = (m: LayoutsMessage) => settle(m);
    const onClose = () => settle("closed");
    const onAbort = () => settle("stopped");
    if (signal?.aborted) return settle("stopped");
    port.on("message", onMessage); // keeps the process waiting, as the worker does
    port.on("close", onClose);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * The main thread's part of the Word step: once the worker has laid out every document, the
 * Word files neither side has claimed yet. It has no line of its own in the progress and names
 * no files (the worker's Word step names them all).
 */
export function mainWordStage(share: WordShare, options: PdfOptions): OutputStage<DocumentSet> {
  const taken = new Map<string, WordLayout>();
  const claims = sharedClaims(share);
  const word = docxStage(options, taken, claims);
  return {
    name: word.name,
    quiet: true,
    files: () => [],
    async run(publication, dir, progress, signal) {
      try {
        const got = await layoutsFrom(share.port, signal);
        if (got === "stopped") return;
        if (got === "closed") {
          // the worker made every file (or failed, which stops the build)
          const made = claims.finished(0);
          if (made !== null) progress(docxProgress(made));
          return;
        }
        const byId = new Map(got.layouts);
        for (const { doc } of publication.documents) {
          const p = byId.get(doc.meta.id);
          if (p) taken.set(doc.meta.id, layoutFrom(doc, p));
        }
        await word.run(publication, dir, progress, signal);
      } finally {
        share.port.close();
      }
    },
  };
}
