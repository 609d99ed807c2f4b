// The seeded mutation fuzz over content folders (issue 8): a few hundred mutated copies of a small
// content folder that has every kind of file, each run through check, score and stats, and the
// PDFs and the full build for some of those that pass. `npm run fuzz` runs thousands.
import { describe, expect, it } from "vitest";
import { runCase } from "./invariants.ts";
import type { CaseResult } from "./invariants.ts";

const COUNT = Number(process.env.XINFANG_FUZZ_COUNT ?? 300);
const FIRST_SEED = Number(process.env.XINFANG_FUZZ_SEED ?? 1);

describe("mutated content folders", () => {
  it(`${COUNT} folders: exit 0 or 1, located errors, no stack trace, check ⇒ build`, async () => {
    const results: CaseResult[] = [];
    let pdfs = 0;
    let builds = 0;
    for (let i = 0; i < COUNT; i++) {
      const seed = FIRST_SEED + i;
      const r = await runCase(seed, { pdfs: pdfs < 15, build: builds < 2 });
      if (r.pdfs) pdfs++;
      if (r.built) builds++;
      results.push(r);
    }
    const bad = results
      .filter((r) => r.violations.length)
      .map((r) => `seed ${r.seed} [${r.mutations.join(" | ")}]\n  ${r.violations.join("\n  ")}`);
    expect(bad).toEqual([]);
    // the mutations reach both outcomes: some folders fail check, some still pass it
    expect(results.filter((r) => r.check === 1).length).toBeGreaterThan(COUNT / 4);
    expect(results.filter((r) => r.check === 0).length).toBeGreaterThan(COUNT / 20);
    expect(pdfs).toBeGreaterThan(0);
    expect(builds).toBeGreaterThan(0);
  }, 900_000);
});
