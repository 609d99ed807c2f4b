// The worker thread of worker-stages.ts: makes the stages of the module it is given and runs each
// one the main thread asks for, sending back progress lines and how it ended.
import module from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { PublishedDocument } from "../render/index.ts";
import type { Publication } from "../site/input.ts";
import type { OutputStage } from "./index.ts";

type Office = Publication["office"];
import type { StageFailure, ToMain, ToWorker } from "./worker-stages.ts";

module.enableCompileCache?.();

const port = parentPort;
if (!port) throw new Error("stage-worker.ts runs on a worker thread");
const { module: url, options } = workerData as { module: string; options: unknown };
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
  if (message.publication !== undefined)
    publication = message.documentsAhead
      ? { ...(message.publication as object), documents: ahead }
      : message.publication;
  const stage = stages[message.stage];
  if (!stage) return send({ stage: message.stage, failed: failure(new Error("no such stage")) });
  stage
    .run(publication, message.dir, (line) => send({ stage: message.stage, progress: line }))
    .then(
      () => send({ stage: message.stage, done: true }),
      (e: unknown) => send({ stage: message.stage, failed: failure(e) }),
    );
});
