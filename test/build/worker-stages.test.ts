// Output stages on a worker thread (src/build/worker-stages.ts): they run off the main thread with
// only the fields of the publication they read, in order, relaying their progress; an error comes
// back with its name, message, stack and file-system code, as the build reports its own; and the
// worker ends after the last stage, a failure or an abort.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { onWorkerThread } from "../../src/build/worker-stages.ts";
import { threadPriority } from "./support/fixture-stages.ts";
import type { Publication } from "../../src/site/input.ts";

const MODULE = new URL("./support/fixture-stages.ts", import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "xinfang-worker-stages-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const publication = {
  units: [{ id: "a" }, { id: "b" }],
  documents: [{ doc: "not sent" }],
} as unknown as Publication;

const stagesOf = (kinds: string[]) => onWorkerThread(MODULE, { kinds }, ["units"]);

describe("stages on a worker thread", () => {
  it("declare their files, run in order off the main thread and relay progress", async () => {
    const stages = await stagesOf(["ok", "ok"]);
    expect(stages.map((s) => s.name)).toEqual(["阶段1", "阶段2"]);
    expect(stages.flatMap((s) => s.files(publication))).toEqual(["s0/2.txt", "s1/2.txt"]);
    const lines: string[] = [];
    for (const s of stages) await s.run(publication, dir, (l) => lines.push(l));
    expect(lines).toEqual(["  阶段1：完成", "  阶段2：完成"]);
    for (const f of ["s0/2.txt", "s1/2.txt"]) {
      const seen = JSON.parse(readFileSync(join(dir, f), "utf8"));
      expect(seen.thread).not.toBe(threadId);
      expect(seen.documents).toBe(true); // only `units` was copied over
    }
    // the worker has ended after the last stage
    await expect(stages[0]?.run(publication, dir, () => {})).rejects.toThrow(/ended/);
  });

  it("give back a bug's error as it was thrown, stack included", async () => {
    const [stage] = await stagesOf(["type-error"]);
    const e = (await stage?.run(publication, dir, () => {}).catch((x: unknown) => x)) as Error;
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("TypeError");
    expect(e.message).toBe("Cannot read properties of undefined");
    expect(e.stack).toMatch(/^TypeError: Cannot read[\s\S]*fixture-stages\.ts/);
  });

  it("give back a file-system error with its code, and run nothing after a failure", async () => {
    const [failing, next] = await stagesOf(["eacces", "ok"]);
    const e = (await failing?.run(publication, dir, () => {}).catch((x: unknown) => x)) as Error;
    expect((e as NodeJS.ErrnoException).code).toBe("EACCES");
    await expect(next?.run(publication, dir, () => {})).rejects.toThrow(/ended/);
  });

  it("keep the process waiting while one runs alone", () => {
    const script = new URL("./support/lone-stage.ts", import.meta.url);
    const r = spawnSync(process.execPath, [script.pathname, dir], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("done");
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, "s0", "0.txt"))).toBe(true);
  });

  it("take documents ahead of the run, each sent once: the run has those very documents", async () => {
    const stages = await onWorkerThread(MODULE, { kinds: ["ahead", "ok"] }, ["units", "documents"]);
    expect(stages[0]?.ahead).toBeTypeOf("function");
    expect(stages[1]?.ahead).toBeUndefined(); // the first takes them for all
    const documents = [{ doc: "a" }, { doc: "throws" }, { doc: "c" }];
    const office = { name: "青禾镇" };
    for (const d of documents) stages[0]?.ahead?.(d as never, office as never);
    const three = { units: [{ id: "a" }, { id: "b" }, { id: "c" }], documents };
    for (const s of stages) await s.run(three as unknown as Publication, dir, () => {});
    const seen = JSON.parse(readFileSync(join(dir, "s0/3.txt"), "utf8"));
    expect(seen).toMatchObject({ same: true, ids: ["a", "throws", "c"], office });
    // after the first run nothing more is sent
    expect(() => stages[0]?.ahead?.(documents[0] as never, null)).not.toThrow();
  });

  it("send the documents with the run when they are not the ones taken ahead", async () => {
    const stages = await onWorkerThread(MODULE, { kinds: ["ahead"] }, ["units", "documents"]);
    const documents = [{ doc: "a" }, { doc: "b" }];
    stages[0]?.ahead?.(documents[0] as never, null);
    const four = { units: [{}, {}, {}, {}], documents };
    await stages[0]?.run(four as unknown as Publication, dir, () => {});
    const seen = JSON.parse(readFileSync(join(dir, "s0/4.txt"), "utf8"));
    expect(seen).toMatchObject({ same: false, ids: ["a", "b"], office: null });
  });

  it("run at a lower priority when asked (Linux: the worker thread alone)", async () => {
    const own = threadPriority();
    const [lower] = await onWorkerThread(MODULE, { kinds: ["ok"] }, ["units"], { niceness: 3 });
    const [same] = await onWorkerThread(MODULE, { kinds: ["ok"] }, ["units"]);
    await lower?.run({ units: [1, 2, 3, 4, 5] } as unknown as Publication, dir, () => {});
    await same?.run({ units: [1, 2, 3, 4, 5, 6] } as unknown as Publication, dir, () => {});
    const priority = (n: number) =>
      JSON.parse(readFileSync(join(dir, `s0/${n}.txt`), "utf8")).priority;
    if (own === null) return expect(priority(5)).toBeNull(); // no per-thread priority here
    expect(priority(5)).toBe(Math.min(19, own + 3));
    expect(priority(6)).toBe(own);
    expect(threadPriority()).toBe(own); // this thread is as it was
  });

  it("go on to the next stage without being asked; its run then gets its progress and end", async () => {
    const stages = await onWorkerThread(MODULE, { kinds: ["ok", "ok"] }, ["units"]);
    const seven = { units: [1, 2, 3, 4, 5, 6, 7] } as unknown as Publication;
    const lines: string[] = [];
    await stages[0]?.run(seven, dir, (l) => lines.push(l));
    // the second stage runs while this thread is busy elsewhere (here: waiting for its file)
    for (let i = 0; i < 200 && !existsSync(join(dir, "s1/7.txt")); i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(join(dir, "s1/7.txt"))).toBe(true);
    await new Promise((r) => setTimeout(r, 50)); // its end has come back too
    await stages[1]?.run(seven, dir, (l) => lines.push(l));
    expect(lines).toEqual(["  阶段1：完成", "  阶段2：完成"]);
    await expect(stages[0]?.run(seven, dir, () => {})).rejects.toThrow(/ended/);
  });

  it("stop after a failure without going on, and refuse a stage asked for out of order", async () => {
    const [failing, next] = await stagesOf(["type-error", "ok"]);
    const nine = { units: [1, 2, 3, 4, 5, 6, 7, 8, 9] } as unknown as Publication;
    await expect(failing?.run(nine, dir, () => {})).rejects.toThrow(/Cannot read/);
    await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(join(dir, "s1/9.txt"))).toBe(false);
    await expect(next?.run(nine, dir, () => {})).rejects.toThrow(/ended/);
    const [first, second] = await stagesOf(["ok", "ok"]);
    await second?.run(nine, dir, () => {});
    await expect(first?.run(nine, dir, () => {})).rejects.toThrow(/order|ended/);
  });

  it("stop when aborted", async () => {
    const [hang] = await stagesOf(["hang"]);
    const stop = new AbortController();
    const running = hang?.run(publication, dir, () => {}, stop.signal);
    stop.abort();
    await expect(running).rejects.toThrow(/aborted/);
  });
});
