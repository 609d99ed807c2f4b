// The worker thread of worker-stages.ts: makes the stages of the module it is given and runs each
// one the main thread asks for, sending back progress lines and how it ended.
import { readlinkSync } from "node:fs";
import module from "node:module";
import { getPriority, setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { PublishedDocument } from "../render/index.ts";
import type { Publication } from "../site/input.ts";
import type { OutputStage } from "./index.ts";
import type { StageFailure, ToMain, ToWorker, WorkerData } from "./worker-stages.ts";

type Office = Publication["office"];

module.enableCompileCache?.(); // on already when the worker was started by worker-stages.ts

/**
 * Lowers this thread's priority by `by` (its nice value, as `nice` does for a process), where a
 * thread has a priority of its own (Linux: the thread's id from /proc/thread-self); elsewhere the
 * thread runs as it is.
 */
function lowerThreadPriority(by: number): void {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, Math.min(19, getPriority(tid) + by));
  } catch {
    // no per-thread priority here
  }
}

const port = parentPort;
if (!port) throw new Error("stage-worker.ts runs on a worker thread");
const { module: url, options, niceness } = workerData as WorkerData;
if (niceness) lowerThreadPriority(niceness);
const made = (await import(url)) as { outputStages(options: unknown): OutputStage<unknown>[] };
const stages = made.outputStages(options);
let publication: unknown;
/** The documents sent ahead of the first run, and the office they are set for. */
const ahead: unknown[] = [];
let office: unknown = null;

/** What the main thread needs of an error to report it as the build reports one of its own. */
function failure(e: unknown): StageFailure {
  if (!(e instanceof Error)) return { name: "Error", message: String(e) };
  const code = (e as NodeJS.ErrnoException).code;
  const problems = (e as { problems?: unknown }).problems;
  return {
    name: e.name,
    message: e.message,
    ...(e.stack ? { stack: e.stack } : {}),
    ...(typeof code === "string" ? { code } : {}),
    ...(Array.isArray(problems) ? { problems: problems as Diagnostic[] } : {}),
  };
}

const send = (message: ToMain) => port.postMessage(message);
port.on("message", (message: ToWorker) => {
  if ("ahead" in message) {
    if ("office" in message) office = message.office;
    ahead.push(message.ahead);
    for (const stage of stages)
      try {
        stage.ahead?.(message.ahead as PublishedDocument, office as Office);
      } catch {
        // work done ahead is only a head start: the run does it again and reports the failure
      }
    return;
  }
  publication = message.documentsAhead
    ? { ...(message.publication as object), documents: ahead }
    : message.publication;
  void runFrom(message.stage, message.through, message.dir);
});

/**
 * Runs stage `first`, then each after it up to `last` as soon as the one before has ended well
 * (the main thread, busy with the site, need not ask for each), reporting how each ended.
 */
async function runFrom(first: number, last: number, dir: string): Promise<void> {
  for (let index = first; index <= last; index++) {
    const stage = stages[index];
    if (!stage) return send({ stage: index, failed: failure(new Error("no such stage")) });
    try {
      await stage.run(publication, dir, (line) => send({ stage: index, progress: line }));
    } catch (e) {
      return send({ stage: index, failed: failure(e) });
    }
    send({ stage: index, done: true });
  }
}
