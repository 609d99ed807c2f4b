// Output stages on a worker thread: the PDF and Word files are made beside the site, which the
// main thread builds meanwhile (on two processors the output phase takes about as long as the
// longer of the two). The stages come from a module exporting `outputStages(options)`; this
// thread makes them too, for their names and the files they will write. The first run asked for
// starts the worker on that stage and those after it, one after the other, without waiting to be
// asked for each; each run returns when its stage has ended there. Only the fields of the
// publication they read are copied over, once.
import { Worker } from "node:worker_threads";
import type { Transferable } from "node:worker_threads";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { PublishedDocument } from "../render/index.ts";
import type { Publication } from "../site/input.ts";
import type { OutputStage } from "./index.ts";

/** An error of the worker, as much of it as the build reports. */
export interface StageFailure {
  name: string;
  message: string;
  stack?: string;
  /** The file-system error's code (EACCES …), which makes the failure an I/O one. */
  code?: string;
  /** The diagnostics of a PdfProblemsError (a character no font has …), as data. */
  problems?: Diagnostic[];
}

/** What the worker is started with. */
export interface WorkerData {
  module: string;
  options: unknown;
  /** How much lower than the process's the worker thread's priority is (Linux), if at all. */
  niceness?: number;
}

export type ToWorker =
  | {
      /** Runs this stage, then each after it up to `through` as soon as the one before ends well. */
      stage: number;
      through: number;
      dir: string;
      /** The publication (without its documents when they were all sent ahead). */
      publication: unknown;
      /** The publication's documents are the ones sent ahead, in the order sent. */
      documentsAhead?: boolean;
    }
  | {
      /** A document of the publication, sent as soon as it is rendered (OutputStage.ahead). */
      ahead: unknown;
      /** The office the documents are set for, sent with the first. */
      office?: unknown;
    };

export type ToMain =
  | { stage: number; progress: string }
  | { stage: number; done: true }
  | { stage: number; failed: StageFailure };

/**
 * The worker's first code, plain JavaScript: it turns on Node's compile cache (which a worker
 * does not inherit) before stage-worker.ts is loaded, so that no TypeScript is stripped in the
 * worker (its first stripping alone loads Node's TypeScript stripper, ~0.15 s of processor time).
 */
const WORKER_ENTRY = `require("node:module").enableCompileCache?.();
import(${JSON.stringify(new URL("./stage-worker.ts", import.meta.url).href)});`;

/** The error the worker sent, rebuilt with its name, stack, code and diagnostics. */
function rebuilt(f: StageFailure): Error {
  const e = Object.assign(
    new Error(f.message),
    f.code ? { code: f.code } : {},
    f.problems ? { problems: f.problems } : {},
  );
  e.name = f.name;
  if (f.stack) e.stack = f.stack;
  return e;
}

/** What came back from the worker for one stage (see onWorkerThread). */
interface StageRecord {
  /** Progress lines that came before the stage's run was awaited. */
  lines: string[];
  /** Shows a progress line, while the run is awaited. */
  show: ((line: string) => void) | null;
  /** How the stage ended, once it has. */
  ended: { failed?: Error } | null;
  /** Settles the awaited run. */
  wake: (() => void) | null;
}

/** Stages on a worker thread; `close()` ends the worker if they are not all run. */
export type WorkerStages = OutputStage[] & { close(): void };

/**
 * The stages `module` exports as `outputStages(options)`, each run on one worker thread (ended
 * after the last one, a failure, an abort or `close()`). `fields` are the parts of the
 * publication they read. The worker starts with the first run, or at once with `early` (its
 * modules load while the main thread does other work; it holds the process only while a stage
 * runs). The first stage takes documents ahead (OutputStage.ahead) for all of them: each is sent
 * to the worker once, as it is rendered, and the first run then sends the rest of the
 * publication without them. With `niceness`, the worker thread gives way to the rest of the
 * process and to other programs (a lower priority: see stage-worker.ts). `transfer` lists what
 * in `options` moves to the worker rather than being copied (a MessagePort).
 */
export async function onWorkerThread<P extends Partial<Publication>>(
  module: URL,
  options: unknown,
  fields: readonly (keyof P & keyof Publication)[],
  {
    early = false,
    niceness = 0,
    transfer = [],
  }: { early?: boolean; niceness?: number; transfer?: readonly Transferable[] } = {},
): Promise<WorkerStages> {
  const made = (await import(module.href)) as {
    outputStages(options: unknown): OutputStage<P>[];
  };
  const local = made.outputStages(options);
  let worker: Worker | null = null;
  let finished = false;
  /** The first stage the worker was asked to run (it runs the rest after it), once it was. */
  let from: number | null = null;
  const end = () => {
    finished = true;
    void worker?.terminate();
    worker = null;
  };
  /**
   * What each stage sent back before or while its run is awaited: the worker goes on to the next
   * stage as soon as one ends well, without waiting for the main thread (busy with the site) to
   * ask, so a stage may have progressed, or even ended, before its run is called.
   */
  const records = local.map((): StageRecord => ({
    lines: [],
    show: null,
    ended: null,
    wake: null,
  }));
  const settleAll = (e: Error) => {
    for (const r of records) {
      r.ended ??= { failed: e };
      r.wake?.();
    }
  };
  const onMessage = (m: ToMain) => {
    const r = records[m.stage];
    if (!r) return;
    if ("progress" in m) {
      if (r.show) r.show(m.progress);
      else r.lines.push(m.progress);
      return;
    }
    r.ended = "failed" in m ? { failed: rebuilt(m.failed) } : {};
    r.wake?.();
  };
  const watch = (w: Worker) => {
    w.on("message", onMessage);
    w.on("error", (e: Error) => settleAll(e));
    w.on("exit", (code: number) => settleAll(new Error(`the stages' worker exited (${code})`)));
  };
  const start = () => {
    const w = new Worker(WORKER_ENTRY, {
      eval: true,
      workerData: { module: module.href, options, niceness } satisfies WorkerData,
      transferList: [...transfer],
    });
    w.unref(); // keeps the process alive only while a stage runs (below)
    watch(w);
    return w;
  };
  if (early) worker = start();
  /** Documents sent ahead of the first run, in order. */
  const sentAhead: PublishedDocument[] = [];
  const ahead = (document: PublishedDocument, office: Publication["office"]) => {
    if (finished || from !== null) return; // the first run carries the documents
    worker ??= start();
    const message: ToWorker = sentAhead.length ? { ahead: document } : { ahead: document, office };
    worker.postMessage(message);
    sentAhead.push(document);
  };
  const takesAhead = local.some((stage) => stage.ahead) && fields.includes("documents");
  const stages = local.map((stage, index): OutputStage => ({
    name: stage.name,
    lane: "worker",
    ...(index === 0 && takesAhead && { ahead }),
    files: (publication) => stage.files(publication as unknown as P),
    run: (publication, dir, progress, signal) =>
      new Promise<void>((resolve, reject) => {
        if (finished) return reject(new Error("the stages' worker has ended"));
        if (from !== null && index < from)
          return reject(new Error("a stage asked for after the ones following it"));
        worker ??= start();
        const w = worker;
        if (from === null) {
          from = index;
          const documents = sentAhead.length > 0 ? publication.documents : undefined;
          const allAhead =
            documents?.length === sentAhead.length && documents.every((d, i) => d === sentAhead[i]);
          const copied = allAhead ? fields.filter((f) => f !== "documents") : fields;
          const message: ToWorker = {
            stage: index,
            through: local.length - 1,
            dir,
            publication: Object.fromEntries(copied.map((f) => [f, publication[f]])),
            ...(allAhead && { documentsAhead: true }),
          };
          w.postMessage(message);
        }
        const r = records[index] as StageRecord;
        const detach = () => {
          r.show = null;
          r.wake = null;
          signal?.removeEventListener("abort", onAbort);
          w.unref();
        };
        const settle = () => {
          const ended = r.ended;
          if (!ended) return;
          detach();
          if (ended.failed) {
            end();
            return reject(ended.failed);
          }
          if (index === local.length - 1) end();
          resolve();
        };
        const onAbort = () => {
          detach();
          end();
          reject(new Error("aborted"));
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        w.ref(); // a stage running alone keeps the process waiting for it
        r.show = progress;
        for (const line of r.lines.splice(0)) progress(line);
        r.wake = settle;
        settle(); // it may have ended already
      }),
  }));
  return Object.assign(stages, { close: end });
}
