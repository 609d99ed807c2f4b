// V8's young generation fitted to the content folder (src/cli/young-generation.ts): the size of
// the ledgers decides, only in a process the launcher started, and what was changed can be put
// back (test/cli/bundle.test.ts shows the launcher's code cache survives it).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  BIG_LEDGERS,
  WORKER_INITIAL_OLD_SPACE_MB,
  WORKER_SEMI_SPACE_MB,
  fitWorkerYoungGeneration,
  fitYoungGeneration,
  folderBytes,
} from "../../src/cli/young-generation.ts";

const dir = mkdtempSync(join(tmpdir(), "xinfang-young-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MARK = Symbol.for("xinfang.young-generation");
const marks = globalThis as { [MARK]?: unknown };
afterEach(() => {
  delete marks[MARK];
  v8.setFlagsFromString("--semi-space-growth-factor=2"); // V8's own, as the test worker started
});

/** Runs an ES module script in a new Node process; what it printed, one line of JSON. */
function runModule(script: string): unknown {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
  });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout);
}

/**
 * Script text for such a module (which imports Worker): `inWorker()` runs `body` in a new worker
 * thread, where `parentPort` is defined, and resolves with the first message it posts.
 */
const inWorker = (body: string) => `
  const inWorker = () => new Promise((resolve) => {
    const w = new Worker(
      "const { parentPort } = process.getBuiltinModule('node:worker_threads');" +
        ${JSON.stringify(body)},
      { eval: true },
    );
    w.once("message", (m) => { resolve(m); w.terminate(); });
  });`;

/** A content folder whose ledger/ holds files of these sizes (sparse), some in a year folder. */
function content(name: string, sizes: number[]): string {
  const root = join(dir, name);
  mkdirSync(join(root, "ledger", "2025"), { recursive: true });
  sizes.forEach((size, i) => {
    const file = join(root, "ledger", i % 2 ? "2025" : "", `f${i}.csv`);
    writeFileSync(file, "");
    truncateSync(file, size);
  });
  return root;
}

describe("the young generation for a content folder", () => {
  it("counts every file under a folder, nested ones too, and nothing for a missing folder", () => {
    const root = content("count", [10, 20, 30]);
    expect(folderBytes(join(root, "ledger"))).toBe(60);
    expect(folderBytes(join(root, "missing"))).toBe(0);
    // stops once past the limit: the count is then only known to be over it
    expect(folderBytes(join(root, "ledger"), 5)).toBeGreaterThan(5);
  });

  it("changes nothing in a process the launcher did not start small", () => {
    const root = content("unmarked", [BIG_LEDGERS + 1]);
    expect(fitYoungGeneration(root)).toBeNull();
  });

  it("stays at its size for small ledgers until put back, and is left to V8 for big ones", () => {
    marks[MARK] = "fitted";
    for (const name of ["small", "none"]) {
      const restore = fitYoungGeneration(content(name, name === "small" ? [1000, 2000] : []));
      expect(restore).toBeTypeOf("function");
      restore?.();
    }
    expect(fitYoungGeneration(content("big", [BIG_LEDGERS, 1]))).toBeNull();
  });

  it("no longer grows once fitted to small ledgers; grows on big ones", () => {
    // A process started as the launcher starts one, which then keeps 30 MB of new objects: the
    // young generation's size after it, for a small content folder and for a big one.
    const module = fileURLToPath(new URL("../../src/cli/young-generation.ts", import.meta.url));
    const grown = (folder: string) => {
      const script = `
        import v8 from "node:v8";
        import { fitYoungGeneration } from ${JSON.stringify(module)};
        const young = () => {
          const s = v8.getHeapSpaceStatistics().find((x) => x.space_name === "new_space");
          return (s.space_used_size + s.space_available_size) / 2 ** 20;
        };
        globalThis[Symbol.for("xinfang.young-generation")] = "fitted";
        const start = young();
        fitYoungGeneration(${JSON.stringify(folder)});
        const kept = [];
        for (let i = 0; i < 300_000; i++) kept.push({ i, text: "x" + i });
        console.log(JSON.stringify({ start, end: young(), kept: kept.length }));
      `;
      return runModule(script) as { start: number; end: number };
    };
    // V8 grows it by doubling (1 → 2 → … → 16 MB here, unfitted, in every process). Fitted, the
    // size read may still be a page or a few above the start (pages V8 holds around a collection:
    // 1.25–1.75 MB under load in CI), and now and then, under load, V8 grows it on its own
    // heuristics (5.25 MB seen once in eight runs): of up to three processes, one never doubles.
    const runs: { start: number; end: number }[] = [];
    const doubled = (r: { start: number; end: number }) => r.end >= 2 * r.start;
    for (let i = 0; i < 3 && runs.every(doubled); i++)
      runs.push(grown(content(`grow-small-${i}`, [1000])));
    expect(runs.every(doubled), JSON.stringify(runs)).toBe(false);
    const big = grown(content("grow-big", [BIG_LEDGERS + 1]));
    expect(big.end, JSON.stringify(big)).toBeGreaterThan(2 * big.start);
  });
});

describe("the young generation of the build's worker thread", () => {
  it("changes nothing in a process the launcher did not start small", () => {
    expect(fitWorkerYoungGeneration()).toBe(false);
  });

  it("is WORKER_SEMI_SPACE_MB for workers made after it, the main thread's unchanged", () => {
    // A process started as the launcher starts one (V8's own young generation): its size is read
    // from the heap of a worker made before and of one made after.
    const module = fileURLToPath(new URL("../../src/cli/young-generation.ts", import.meta.url));
    const script = `
      import { Worker } from "node:worker_threads";
      import v8 from "node:v8";
      import { fitWorkerYoungGeneration } from ${JSON.stringify(module)};
      const young = () => {
        const s = v8.getHeapSpaceStatistics().find((x) => x.space_name === "new_space");
        return (s.space_used_size + s.space_available_size) / 2 ** 20;
      };
      ${inWorker(
        "const v8 = process.getBuiltinModule('node:v8');" +
          "const s = v8.getHeapSpaceStatistics().find((x) => x.space_name === 'new_space');" +
          "parentPort.postMessage((s.space_used_size + s.space_available_size) / 2 ** 20);",
      )}
      globalThis[Symbol.for("xinfang.young-generation")] = "fitted";
      const before = await inWorker();
      const fitted = fitWorkerYoungGeneration();
      console.log(JSON.stringify({ before, fitted, after: await inWorker(), main: young() }));
    `;
    const { before, fitted, after, main } = runModule(script) as Record<string, number>;
    expect(fitted).toBe(true);
    // V8's own start (1–2 MB) against the build worker's
    expect(before).toBeLessThanOrEqual(WORKER_SEMI_SPACE_MB / 4);
    expect(after).toBeGreaterThan(WORKER_SEMI_SPACE_MB - 1);
    expect(after).toBeLessThanOrEqual(WORKER_SEMI_SPACE_MB);
    expect(main).toBeLessThanOrEqual(WORKER_SEMI_SPACE_MB / 4);
  });

  it("lets a worker made after it promote ~200 MB without a full collection", () => {
    // 1.5 million small objects through a ring of 400,000: each outlives two scavenges, so the
    // old generation fills with objects that die there. With the worker's young generation alone
    // V8 makes a full collection on the way; with WORKER_INITIAL_OLD_SPACE_MB as well it makes
    // none. Counted from the worker's own GC entries.
    const module = fileURLToPath(new URL("../../src/cli/young-generation.ts", import.meta.url));
    const script = `
      import { Worker } from "node:worker_threads";
      import v8 from "node:v8";
      import { fitWorkerYoungGeneration } from ${JSON.stringify(module)};
      ${inWorker(
        "const { PerformanceObserver, constants } = process.getBuiltinModule('node:perf_hooks');" +
          "let major = 0;" +
          "new PerformanceObserver((l) => { for (const e of l.getEntries())" +
          "  if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) major++; })" +
          "  .observe({ entryTypes: ['gc'] });" +
          "const ring = new Array(400000);" +
          "for (let i = 0; i < 1500000; i++) ring[i % 400000] = { a: i, b: [i, i + 1], c: 'x' + i };" +
          "setTimeout(() => parentPort.postMessage({ major, mb: process.memoryUsage().heapUsed / 2 ** 20 }), 50);",
      )}
      globalThis[Symbol.for("xinfang.young-generation")] = "fitted";
      v8.setFlagsFromString("--min-semi-space-size=${WORKER_SEMI_SPACE_MB}");
      const young = await inWorker();
      fitWorkerYoungGeneration();
      console.log(JSON.stringify({ young, fitted: await inWorker() }));
    `;
    const { young, fitted } = runModule(script) as Record<string, { major: number; mb: number }>;
    expect(young!.major, JSON.stringify(young)).toBeGreaterThanOrEqual(1);
    expect(fitted!.major, JSON.stringify(fitted)).toBe(0);
    expect(fitted!.mb).toBeLessThan(WORKER_INITIAL_OLD_SPACE_MB);
  });
});
