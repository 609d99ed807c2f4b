// `xinfang score --json` writes the sheet's JSON in pieces (scoreSheetJsonChunks) so that a year of
// millions of petitions is never one string: the pieces must make exactly the text of
// JSON.stringify(scoreSheetJson(…)), for the whole sheet and for each unit, with every kind of
// entry (modifiers, free events, unset cells, vetoes, sanctions) that generated content makes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dec } from "../../../src/compute/decimal.ts";
import {
  EntryJsonMaker,
  TextParts,
  scoreSheetJson,
  scoreSheetJsonChunks,
} from "../../../src/compute/scoring/json.ts";
import { sourceText } from "../../../src/compute/scoring/types.ts";
import type { Entry, ScoreSheet } from "../../../src/compute/scoring/types.ts";
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

describe("an entry's JSON text = JSON.stringify of its JSON object", () => {
  // Any text, with what JSON escapes: quotes, backslashes, control characters, lone surrogates.
  const text = fc.oneof(
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.string({
      unit: fc.constantFrom(
        '"',
        "\\",
        "\n",
        "\u0000",
        "\u001f",
        "\ud800",
        "\udc00",
        "\u2028",
        "a",
        "镇",
      ),
      maxLength: 6,
    }),
    fc.constantFrom("petition", "P-2025-0001", "2025-01-04", "ledger/2025/petitions.csv:12"),
  );
  const number = fc.oneof(
    fc.constantFrom(dec(0), dec(-0.5), dec("1.005"), dec(-3), dec("0.125")),
    fc.integer({ min: -100000, max: 100000 }).map((n) => dec(n / 100)),
  );
  const entry = fc.record({
    rule: text,
    clause: text,
    event: text,
    date: text,
    base: number,
    factors: fc.array(number, { maxLength: 3 }),
    modifiers: fc.array(fc.record({ id: text, clause: text, label: text, factor: number }), {
      maxLength: 2,
    }),
    points: number,
    source: text,
    free: fc.boolean(),
    cell: fc.option(
      fc.record({
        level: fc.constantFrom("镇", "县", "京"),
        form: fc.constantFrom("个访", "集访"),
        unset: fc.boolean(),
      }),
    ),
  });

  it("for any entries, one maker writing them in turn", () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 8 }), (list) => {
        const maker = new EntryJsonMaker();
        const out = new TextParts();
        for (const e of list) {
          out.clear();
          maker.text(e as unknown as Entry, out);
          expect(out.join()).toBe(JSON.stringify(new EntryJsonMaker().make(e as unknown as Entry)));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("for any entries of a unit, in pieces checked together (ids and sources as written)", () => {
    // Mostly plain texts, so that most pieces pass the one test; now and then one to escape.
    const plainOrNot = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom("P-2025-0001", "ledger/2025/petitions.csv:12") },
      { weight: 1, arbitrary: text },
    );
    // Some entries keep where their record stands (`at`) and make `source` from it.
    const place = fc.record({ file: plainOrNot, line: fc.nat({ max: 3 }) });
    const unitEntry = entry.chain((e) =>
      fc
        .record({ event: plainOrNot, source: plainOrNot, at: fc.option(place) })
        .map(({ at, ...x }) => (at ? { ...e, ...x, at, source: sourceText(at) } : { ...e, ...x })),
    );
    fc.assert(
      fc.property(fc.array(unitEntry, { maxLength: 200 }), (entries) => {
        const unit = {
          id: "dongshan",
          name: "东山村",
          score: dec(100),
          deducted: dec(0),
          added: dec(0),
          rank: 1,
          vetoed: false,
          entries: entries as unknown as Entry[],
          vetoes: [],
          rewards: [],
          consequences: [],
          sanctions: [],
        };
        const sheet = {
          year: 2025,
          asOf: "2025-12-31",
          complete: true,
          base: dec(100),
          units: [unit],
          losses: [],
          appraisals: [],
          warnings: [],
          lastPlaceClause: null,
          liaisonUnits: new Map(),
        } satisfies ScoreSheet;
        expect([...scoreSheetJsonChunks(sheet)].join("")).toBe(
          JSON.stringify(scoreSheetJson(sheet)),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe("TextParts", () => {
  it("joins what was added since the last clear, whatever came before", () => {
    // Pieces of every length after one another: a shorter piece after a longer one must not
    // bring back the longer one's texts.
    const op = fc.oneof(
      { weight: 8, arbitrary: fc.string({ maxLength: 3 }).map((s) => ({ add: s })) },
      { weight: 1, arbitrary: fc.constant({ clear: true }) },
      { weight: 2, arbitrary: fc.constant({ join: true }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const parts = new TextParts();
        let model: string[] = [];
        for (const o of ops) {
          if ("add" in o) {
            parts.add(o.add);
            model.push(o.add);
          } else if ("clear" in o) {
            parts.clear();
            model = [];
          } else expect(parts.join()).toBe(model.join(""));
        }
        expect(parts.join()).toBe(model.join(""));
      }),
      { numRuns: 500 },
    );
  });
});
