// `xinfang score --json` writes the sheet's JSON in pieces (scoreSheetJsonChunks) so that a year of
// millions of petitions is never one string: the pieces must make exactly the text of
// JSON.stringify(scoreSheetJson(…)), for the whole sheet and for each unit, with every kind of
// entry (modifiers, free events, unset cells, vetoes, sanctions) that generated content makes.
import { describe, expect, it } from "vitest";
import { scoreSheetJson, scoreSheetJsonChunks } from "../../../src/compute/scoring/json.ts";
import { score } from "../../../src/index.ts";
import { validateContent } from "../../../src/validate/index.ts";
import { generateContent } from "../../support/generate.ts";

describe("score JSON in pieces = JSON.stringify of the score JSON", () => {
  const sets = [1, 2, 3, 4].flatMap((seed) => [
    { seed, rules: "spec" as const, petitionFormat: "csv" as const },
    { seed, rules: "random" as const, petitionFormat: "yaml" as const },
  ]);
  for (const s of sets) {
    it(`seed ${s.seed}, ${s.rules} rules`, () => {
      const files = generateContent({ ...s, year: 2025, units: 8, petitions: 600 });
      const { content, diagnostics } = validateContent(files, { requireYears: [2025] });
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      if (!content) throw new Error("content invalid");
      for (const asOf of [undefined, "2025-06-30"]) {
        const sheet = score(content, asOf ? { year: 2025, asOf } : { year: 2025 });
        const pieces = [...scoreSheetJsonChunks(sheet)];
        expect(pieces.length).toBeGreaterThan(sheet.units.length);
        expect(pieces.join("")).toBe(JSON.stringify(scoreSheetJson(sheet)));
        for (const u of sheet.units)
          expect([...scoreSheetJsonChunks(sheet, u.id)].join("")).toBe(
            JSON.stringify(scoreSheetJson(sheet, u.id)),
          );
      }
    });
  }

  it("covers entries with modifiers, free events and unset cells", () => {
    // The generated sets above must exercise every optional part of an entry's JSON.
    const seen = new Set<string>();
    for (const seed of [1, 2, 3, 4]) {
      const files = generateContent({
        seed,
        year: 2025,
        units: 8,
        petitions: 600,
        rules: "random",
      });
      const { content } = validateContent(files, { requireYears: [2025] });
      if (!content) continue;
      const text = [...scoreSheetJsonChunks(score(content, { year: 2025 }))].join("");
      for (const key of ['"modifiers":', '"free":true', '"unset":true', '"cell":'])
        if (text.includes(key)) seen.add(key);
    }
    expect([...seen].sort()).toEqual(['"cell":', '"free":true', '"modifiers":', '"unset":true']);
  });
});
