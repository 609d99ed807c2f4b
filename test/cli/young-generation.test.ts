// V8's young generation fitted to the content folder (src/cli/young-generation.ts): the size of
// the ledgers decides, only in a process the launcher started small, and what was changed can be
// put back (test/cli/bundle.test.ts shows the launcher's code cache survives it).
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import v8 from "node:v8";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { BIG_LEDGERS, fitYoungGeneration, folderBytes } from "../../src/cli/young-generation.ts";

const dir = mkdtempSync(join(tmpdir(), "xinfang-young-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MARK = Symbol.for("xinfang.young-generation");
const marks = globalThis as { [MARK]?: unknown };
afterEach(() => {
  delete marks[MARK];
  v8.setFlagsFromString("--semi-space-growth-factor=2"); // V8's own, as the test worker started
});

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

  it("keeps it small for small ledgers, and lets it grow for big ones until put back", () => {
    marks[MARK] = "small";
    expect(fitYoungGeneration(content("small", [1000, BIG_LEDGERS - 1000]))).toBeNull();
    expect(fitYoungGeneration(content("none", []))).toBeNull();
    const restore = fitYoungGeneration(content("big", [BIG_LEDGERS, 1]));
    expect(restore).toBeTypeOf("function");
    restore?.();
  });
});
