// How much memory V8 gives new objects, for one command on one content folder. V8 doubles its young
// generation (new objects) up to 16 MB as a command's surviving data grows, and every page of
// memory a process touches for the first time costs the kernel a page fault: some 12 µs on a
// virtual machine such as this project's CI, so 16 MB is ~50 ms. In a process the launcher
// (bin/xinfang.mjs) started, V8 grows it as it likes while the command's code loads, which keeps
// most of what it makes (`check` from the bundle: 1 → 2 MB per semi-space; the build, which loads
// its sources and its pipeline: 8 MB); once the content folder is known, it stays at that size
// unless the ledgers are big, which let it grow as V8 would. Measured alternating (README,
// start-up): against 1 MB from the start, `check` on the example ~10 ms sooner (2 MB; 4 MB slower
// again), the county build ~3% (8 MB); against growing freely, `check` on the example ~40 ms
// sooner, on a county of 20,000 petitions 0.15–0.24 s, `score` of 125,000 rows 2.4 → 2.1 s; big
// ledgers need the growth (500,000 rows about even, 2,000,000 rows 15–25% slower without it). V8
// reads the growth factor whenever it would grow, so it can change once the content folder is
// known; V8's own is put back after the command, because the launcher writes V8's code caches then,
// and a cache made under other flags than a run starts with is refused by that run. The build's
// worker thread, which allocates much and briefly, gets a larger one from the start
// (fitWorkerYoungGeneration).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Ledgers (all files under ledger/) past this size let the young generation grow. */
export const BIG_LEDGERS = 32 * 1024 * 1024;

/**
 * MB per semi-space of the young generation of the build's worker thread (PDF and Word files).
 * It allocates some 5 GB of short-lived objects for a county while holding ~200 MB of layouts:
 * at V8's initial 1 MB that is ~3,000 scavenges, each also scanning what the old generation
 * points into the young one (3.8 s of pauses against 1.8 s at 8 MB). Measured alternating on
 * the county build: 28.8–30.9 s of processor time against 25.6–28.7 s, 15.7–17.4 s against
 * 14.7–16.8 s end to end; 4 and 16 MB were no better than 8.
 */
export const WORKER_SEMI_SPACE_MB = 8;

/**
 * MB the old generation of the build's worker thread may reach before its first full (mark-
 * compact) collection. The worker lays out each document as it arrives and keeps every layout
 * for the compilations (~180 MB for a county), so the collections V8 makes while that grows
 * find little to free: 7 for a county at V8's initial size against 3 at 256 MB (pauses 185 →
 * 52 ms, and the concurrent marking on the other core). Measured alternating on the county
 * build, 8 pairs: 0.963 of the time, 0.965 of the processor time, ~20 MiB more at the peak;
 * 512 MB was no better (6 pairs, 0.98 of the time, 0.99 of the processor time).
 */
export const WORKER_INITIAL_OLD_SPACE_MB = 256;

/** Set by the launcher when it started the process (unless the user sized the young generation). */
const LAUNCHER_MARK = Symbol.for("xinfang.young-generation");

/** Whether the launcher started this process, leaving the young generation to these fits. */
const startedByLauncher = () =>
  (globalThis as { [LAUNCHER_MARK]?: unknown })[LAUNCHER_MARK] === "fitted";

/** The bytes of every file under `dir` (0 when there is none), stopping once past `limit`. */
export function folderBytes(dir: string, limit = Infinity): number {
  let total = 0;
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (total > limit) return;
      const path = join(d, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) total += statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    }
  };
  walk(dir);
  return total;
}

/**
 * For a command on `contentDir`, in a process the launcher started: keeps the young generation
 * at the size it has now unless the ledgers are big (then V8 goes on growing it). Returns what
 * puts V8's setting back, or null when nothing was changed.
 */
export function fitYoungGeneration(contentDir: string): (() => void) | null {
  if (!startedByLauncher()) return null;
  if (folderBytes(join(contentDir, "ledger"), BIG_LEDGERS) > BIG_LEDGERS) return null;
  const v8 = process.getBuiltinModule("node:v8");
  v8.setFlagsFromString("--semi-space-growth-factor=1");
  return () => v8.setFlagsFromString("--semi-space-growth-factor=2"); // V8's own
}

/**
 * For the build, in a process the launcher started: worker threads made from now on get a
 * young generation of WORKER_SEMI_SPACE_MB and an initial old generation of
 * WORKER_INITIAL_OLD_SPACE_MB (V8 sizes a heap from its flags when the heap is made, so the main
 * thread's stays as it is). Kept for the rest of the process: the flags a
 * module is compiled under are part of its code cache, and each run changes them at the same
 * point. Returns whether it did.
 */
export function fitWorkerYoungGeneration(): boolean {
  if (!startedByLauncher()) return false;
  process
    .getBuiltinModule("node:v8")
    .setFlagsFromString(
      `--min-semi-space-size=${WORKER_SEMI_SPACE_MB} --initial-old-space-size=${WORKER_INITIAL_OLD_SPACE_MB}`,
    );
  return true;
}
