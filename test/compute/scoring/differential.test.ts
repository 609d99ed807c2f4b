// The engine against an independent implementation of SPEC §3/§7/§8 (test/oracle), on the
// hand-worked cases and on generated datasets with SPEC and randomised rules, full year and as-of.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { generateContent, writeContent } from "../../support/generate.ts";
import { differences } from "./engine-vs-oracle.ts";

const CASES = fileURLToPath(new URL("../../oracle/cases/", import.meta.url));
const AS_OF = [undefined, "2025-01-31", "2025-06-30", "2025-09-30"];
const temp = mkdtempSync(join(tmpdir(), "xinfang-diff-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("engine = oracle on the hand-worked cases", () => {
  for (const name of readdirSync(CASES)) {
    it(name, async () => {
      for (const asOf of AS_OF)
        expect(
          await differences(join(CASES, name), 2025, asOf),
          `${name} as of ${asOf ?? "12-31"}`,
        ).toEqual([]);
    });
  }
});

describe("engine = oracle on generated datasets", () => {
  const sets = [1, 2, 3, 4, 5, 6].flatMap((seed) => [
    { seed, rules: "spec" as const, petitionFormat: "yaml" as const },
    {
      seed,
      rules: "random" as const,
      petitionFormat: seed % 2 ? ("csv" as const) : ("yaml" as const),
    },
  ]);
  for (const s of sets) {
    it(`seed ${s.seed}, ${s.rules} rules, ${s.petitionFormat}`, async () => {
      const dir = join(temp, `${s.seed}-${s.rules}-${s.petitionFormat}`);
      await writeContent(dir, generateContent({ ...s, year: 2025, units: 12, petitions: 400 }));
      for (const asOf of AS_OF)
        expect(await differences(dir, 2025, asOf), `as of ${asOf ?? "12-31"}`).toEqual([]);
    });
  }
});
