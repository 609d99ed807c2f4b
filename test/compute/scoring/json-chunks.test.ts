// `xinfang score --json` writes the sheet's JSON as UTF-8 in chunks (scoreSheetJsonBytes) so that a
// year of millions of petitions is never one string: the chunks must make exactly the bytes of
// printable(JSON.stringify(scoreSheetJson(…))) — what the command line lets through to a terminal —
// for the whole sheet and for each unit, with every kind of entry (modifiers, free events, unset
// cells, vetoes, sanctions) that generated content makes, and with any text in them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dec } from "../../../src/compute/decimal.ts";
import {
  EntryJsonMaker,
  scoreSheetJson,
  scoreSheetJsonBytes,
} from "../../../src/compute/scoring/json.ts";
import { sourceText } from "../../../src/compute/scoring/types.ts";
import type { Entry, ScoreSheet } from "../../../src/compute/scoring/types.ts";
import { score } from "../../../src/index.ts";
import { printable } from "../../../src/text/printable.ts";
import { Utf8Chunks } from "../../../src/text/utf8-chunks.ts";
import { validateContent } from "../../../src/validate/index.ts";
import { generateContent } from "../../support/generate.ts";

/** What the command line would print of `text`, as UTF-8. */
const printed = (text: string) => Buffer.from(printable(text), "utf8");

/** The bytes of the sheet's JSON chunks, each chunk given back once read (as the CLI does). */
function jsonBytes(sheet: ScoreSheet, unit?: string): Buffer {
  const chunks = scoreSheetJsonBytes(sheet, unit);
  const parts: Buffer[] = [];
  for (const c of chunks) {
    parts.push(Buffer.from(c)); // a copy: the chunk is written over once given back
    chunks.reuse(c);
  }
  return Buffer.concat(parts);
}

describe("score JSON in bytes = JSON.stringify of the score JSON", () => {
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
        expect(jsonBytes(sheet).equals(printed(JSON.stringify(scoreSheetJson(sheet))))).toBe(true);
        for (const u of sheet.units)
          expect(
            jsonBytes(sheet, u.id).equals(printed(JSON.stringify(scoreSheetJson(sheet, u.id)))),
          ).toBe(true);
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
      const text = jsonBytes(score(content, { year: 2025 })).toString("utf8");
      for (const key of ['"modifiers":', '"free":true', '"unset":true', '"cell":'])
        if (text.includes(key)) seen.add(key);
    }
    expect([...seen].sort()).toEqual(['"cell":', '"free":true', '"modifiers":', '"unset":true']);
  });
});

/**
 * Texts of what JSON escapes (quotes, backslashes, control characters, lone surrogates), what a
 * terminal must not be given (DEL, C1 controls, bidi overrides), and plain ASCII, Chinese, emoji.
 */
const hostile = (maxLength: number) =>
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
      "\u007f",
      "\u0085",
      "\u202a",
      "\u202e",
      "\u2066",
      "😀",
      "a",
      "镇",
    ),
    maxLength,
  });

describe("an entry's JSON bytes = JSON.stringify of its JSON object, printable", () => {
  // Any text, with what JSON escapes (quotes, backslashes, control characters, lone surrogates)
  // and what a terminal must not be given (DEL, C1 controls, bidi overrides).
  const text = fc.oneof(
    fc.string({ unit: "binary", maxLength: 12 }),
    hostile(6),
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
        const out = new Utf8Chunks();
        for (const e of list) {
          maker.write(e as unknown as Entry, out);
          const bytes = Buffer.concat(out.end());
          const json = JSON.stringify(new EntryJsonMaker().make(e as unknown as Entry));
          expect(bytes.toString("utf8")).toBe(printable(json));
          expect(bytes.equals(printed(json))).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("for any entries of a unit (ids and sources written in place where they can be)", () => {
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
        expect(jsonBytes(sheet).equals(printed(JSON.stringify(scoreSheetJson(sheet))))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("Utf8Chunks", () => {
  // Texts of every kind: ASCII, Chinese, emoji (surrogate pairs), lone surrogates, controls.
  const anyText = fc.oneof(
    fc.string({ unit: "binary", maxLength: 20 }),
    hostile(40),
    fc.constantFrom("P-2025-0000001", "x".repeat(9000), "镇".repeat(9000)),
  );
  const op = fc.oneof(
    anyText.map((s) => ({ text: s })),
    anyText.map((s) => ({ json: s })),
    fc.oneof(fc.nat(), fc.integer(), fc.double()).map((n) => ({ integer: n })),
    fc.uint8Array({ maxLength: 40 }).map((b) => ({ bytes: b })),
    fc.integer({ min: 32, max: 126 }).map((c) => ({ byte: c })),
    fc.constant({ take: true }),
  );

  it("hands out exactly the UTF-8 of what was written, in chunks that end between characters", () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 60 }),
        fc.integer({ min: 4, max: 256 }),
        fc.boolean(),
        (ops, size, giveBack) => {
          const out = new Utf8Chunks(size);
          const expected: Buffer[] = [];
          const got: Buffer[] = [];
          const collect = (chunks: Uint8Array[]) => {
            for (const c of chunks) {
              got.push(Buffer.from(c));
              if (giveBack) out.reuse(c);
            }
          };
          for (const o of ops) {
            if ("text" in o) {
              out.text(o.text);
              expected.push(Buffer.from(o.text, "utf8"));
            } else if ("json" in o) {
              out.jsonString(o.json);
              expected.push(printed(JSON.stringify(o.json)));
            } else if ("integer" in o) {
              out.integer(o.integer);
              expected.push(Buffer.from(String(o.integer)));
            } else if ("bytes" in o) {
              out.bytes(o.bytes);
              expected.push(Buffer.from(o.bytes));
            } else if ("byte" in o) {
              out.byte(o.byte);
              expected.push(Buffer.from([o.byte]));
            } else collect(out.take());
          }
          collect(out.end());
          expect(Buffer.concat(got).equals(Buffer.concat(expected))).toBe(true);
          if (!ops.some((o) => "bytes" in o)) {
            const strict = new TextDecoder("utf-8", { fatal: true });
            for (const c of got) expect(() => strict.decode(c)).not.toThrow();
          }
          expect(out.end()).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("never writes over a chunk handed out and not given back", () => {
    const out = new Utf8Chunks(8);
    const kept: [Uint8Array, string][] = [];
    for (let i = 0; i < 200; i++) {
      out.text(`${i % 10}镇${i}`);
      for (const c of out.take()) kept.push([c, Buffer.from(c).toString("hex")]);
    }
    for (const [c, hex] of kept) expect(Buffer.from(c).toString("hex")).toBe(hex);
  });

  it("a chunk given back twice is written over by one chunk only", () => {
    const out = new Utf8Chunks(8);
    const eight = (i: number) => Buffer.from(String(i).padStart(8, "0"));
    out.bytes(eight(0));
    out.bytes(eight(1));
    const [first] = out.take() as [Uint8Array];
    out.reuse(first);
    out.reuse(first);
    // Kept, not given back: each holds what was written into it, none shares memory.
    const kept: Uint8Array[] = [];
    for (let i = 2; i < 12; i++) {
      out.bytes(eight(i));
      kept.push(...out.take());
    }
    expect(kept.map((c) => Buffer.from(c).toString())).toEqual(
      Array.from({ length: 10 }, (_, k) => eight(k + 1).toString()),
    );
  });

  it("texts of a chunk given back are in the next chunks, whole", () => {
    const out = new Utf8Chunks(16);
    let all = "";
    let text = "";
    for (let i = 0; i < 500; i++) {
      const t = i % 3 ? `镇${i}` : `P-${i}`;
      out.jsonString(t);
      text += JSON.stringify(t);
      for (const c of out.take()) {
        all += Buffer.from(c).toString("utf8");
        out.reuse(c);
      }
    }
    for (const c of out.end()) all += Buffer.from(c).toString("utf8");
    expect(all).toBe(text);
  });
});
