// Output stages for test/build/worker-stages.test.ts, made on a worker thread from `options`:
// `ok` writes the files it declares and says a progress line; `type-error` fails as a bug would;
// `eacces` fails as a refused write does; `hang` never ends (only an abort stops it); `slow`
// writes after a pause, with nothing else of the process running meanwhile; `ahead` takes
// documents ahead of its run (a document `throws` fails there) and writes, as `ok` does, what it
// was given: whether the run's documents are the very ones taken ahead, their ids, the office.
// Each also writes its thread's priority (threadPriority).
import { readlinkSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { getPriority } from "node:os";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import type { OutputStage } from "../../../src/build/index.ts";

type Kind = "ok" | "slow" | "type-error" | "eacces" | "hang" | "ahead";
/** The calling thread's own priority (its nice value) where a thread has one (Linux), or null. */
export function threadPriority(): number | null {
  try {
    return getPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()));
  } catch {
    return null;
  }
}

interface Seen {
  units: { id: string }[];
  documents?: unknown[];
}

export function outputStages(options: { kinds: Kind[] }): OutputStage<Seen>[] {
  return options.kinds.map((kind, i) => {
    const taken: unknown[] = [];
    let office: unknown;
    return {
      name: `阶段${i + 1}`,
      files: (p) =>
        kind === "ok" || kind === "slow" || kind === "ahead" ? [`s${i}/${p.units.length}.txt`] : [],
      ...(kind === "ahead" && {
        ahead(document, o) {
          if (taken.length === 0) office = o;
          taken.push(document);
          if ((document as unknown as { doc: string }).doc === "throws") throw new Error("ahead");
        },
      }),
      async run(p, dir, progress) {
        if (kind === "type-error") throw new TypeError("Cannot read properties of undefined");
        if (kind === "eacces")
          throw Object.assign(new Error("EACCES: permission denied, open 'x'"), { code: "EACCES" });
        if (kind === "hang") return new Promise<void>(() => {});
        if (kind === "slow") await new Promise((done) => setTimeout(done, 300));
        await mkdir(join(dir, `s${i}`), { recursive: true });
        // what the worker saw: its thread, and whether fields it was not sent stayed behind
        const seen = {
          thread: threadId,
          priority: threadPriority(),
          documents: p.documents === undefined,
          ...(kind === "ahead" && {
            same:
              taken.length === p.documents?.length && p.documents.every((d, j) => d === taken[j]),
            ids: (p.documents as { doc: string }[]).map((d) => d.doc),
            office,
          }),
        };
        await writeFile(join(dir, `s${i}`, `${p.units.length}.txt`), JSON.stringify(seen));
        progress(`  阶段${i + 1}：完成`);
      },
    };
  });
}
