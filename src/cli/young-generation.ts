// How much memory V8 gives new objects, for one command on one content folder. V8 doubles its
// young generation (new objects) up to 16 MB as a command's surviving data grows, and every page
// of memory a process touches for the first time costs the kernel a page fault: some 12 µs on a
// virtual machine such as this project's CI, so 16 MB is ~50 ms. The launcher (bin/xinfang.mjs)
// starts every command with the young generation kept at its initial size; a content folder
// whose ledgers are big lets it grow as V8 would. Measured alternating (README, start-up): small
// ledgers — `check` on the example ~40 ms sooner, on a county of 20,000 petitions 0.15–0.24 s,
// `score` of 125,000 rows 2.4 → 2.1 s, the county build no slower; big ledgers need the growth
// (500,000 rows about even, 2,000,000 rows 15–25% slower without it). V8 reads the growth factor
// whenever it would grow, so it can change once the content folder is known; it is put back
// after the command, because the launcher writes V8's code caches then, and a cache made under
// other flags than a run starts with is refused by that run.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Ledgers (all files under ledger/) past this size let the young generation grow. */
export const BIG_LEDGERS = 32 * 1024 * 1024;

/** Set by the launcher when it started the process with a small young generation. */
const LAUNCHER_MARK = Symbol.for("xinfang.young-generation");

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
 * For a command on `contentDir`, in a process the launcher started: lets the young generation
 * grow as V8 would when the ledgers are big. Returns what puts the launcher's setting back, or
 * null when nothing was changed.
 */
export function fitYoungGeneration(contentDir: string): (() => void) | null {
  const started = (globalThis as { [LAUNCHER_MARK]?: unknown })[LAUNCHER_MARK];
  if (started !== "small") return null;
  if (folderBytes(join(contentDir, "ledger"), BIG_LEDGERS) <= BIG_LEDGERS) return null;
  const v8 = process.getBuiltinModule("node:v8");
  v8.setFlagsFromString("--semi-space-growth-factor=2"); // V8's own
  return () => v8.setFlagsFromString("--semi-space-growth-factor=1");
}
