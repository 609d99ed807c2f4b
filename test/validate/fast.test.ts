// The fast paths must never accept what zod rejects, and must return exactly zod's output.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CHANNELS,
  FORMS,
  LEVELS,
  PETITION_FLAGS,
  SATISFACTIONS,
  ledgerSchemas,
} from "../../schemas/index.ts";
import {
  PETITION_KEYS,
  fastMeeting,
  fastPetition,
  fastWeeklyReport,
} from "../../src/validate/fast.ts";
import { PETITION_COLUMNS, petitionRow } from "../../src/load/ledger-columns.ts";

const {
  meeting: meetingSchema,
  petition: petitionSchema,
  weeklyReport: weeklyReportSchema,
} = ledgerSchemas();
import type { z } from "zod";

/** A value that is usually right for its field and sometimes wrong in a typical way. */
const mostly = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 40, arbitrary: good },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        null,
        "",
        0,
        -1,
        1.5,
        true,
        "x",
        [],
        {},
        "2025-02-30",
        "2025/01/01",
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );

const date = fc
  .integer({ min: 0, max: 400 })
  .map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10));
const unitId = fc.constantFrom("dongshan", "xi-shan", "u1", "Bad_Id", "东山");

const petitionRaw = fc.record(
  {
    id: mostly(fc.oneof(fc.constantFrom("P-1", "P-2025-0001"), fc.integer({ min: 1, max: 99999 }))),
    date: mostly(date),
    unit: mostly(unitId),
    level: mostly(fc.constantFrom(...LEVELS, "县级")),
    form: mostly(fc.constantFrom(...FORMS)),
    headcount: mostly(fc.integer({ min: -2, max: 30 })),
    channel: mostly(fc.constantFrom(...CHANNELS, "微信")),
    category: mostly(fc.constantFrom("土地征收", "其他")),
    issue: mostly(fc.oneof(fc.constantFrom("I-1"), fc.integer({ min: 1, max: 9 }))),
    summary: mostly(fc.constantFrom("占地补偿")),
    ...Object.fromEntries(PETITION_FLAGS.map((f) => [f, mostly(fc.boolean())])),
    accepted: mostly(date),
    due: mostly(date),
    closed: mostly(date),
    resolved: mostly(fc.boolean()),
    satisfaction: mostly(fc.constantFrom(...SATISFACTIONS)),
    satisfied: mostly(fc.constantFrom(...SATISFACTIONS)),
    escalted: fc.constant(true),
  },
  { requiredKeys: [] },
);

const weeklyRaw = fc.record(
  {
    unit: mostly(unitId),
    week: mostly(fc.constantFrom("2025-W02", "2025-W53", "2025-2")),
    submitted: mostly(
      fc.constantFrom("2025-01-10T16:30", "2025-01-10 16:30:15", "2025-01-10T16:30Z", "2025-01-10"),
    ),
    zero: mostly(fc.boolean()),
    note: fc.constant("x"),
  },
  { requiredKeys: [] },
);

const meetingRaw = fc.record(
  {
    id: mostly(fc.constantFrom("M-01")),
    date: mostly(date),
    title: mostly(fc.constantFrom("1月例会")),
    absent: mostly(fc.array(unitId, { maxLength: 3 })),
    leave: mostly(fc.array(unitId, { maxLength: 3 })),
  },
  { requiredKeys: [] },
);

let accepted = 0;
function agrees<T>(fast: (raw: unknown) => T | null, schema: z.ZodType, raw: unknown): void {
  const quick = fast(raw);
  if (quick === null) return;
  accepted++;
  const slow = schema.safeParse(raw);
  expect(slow.success).toBe(true);
  expect(quick).toEqual(slow.data);
}

describe("fast validation paths", () => {
  it("a table's petition row holds only petition fields, in the record's order (what `made` relies on)", () => {
    expect(PETITION_COLUMNS.filter((c) => !PETITION_KEYS.has(c.key))).toEqual([]);
    const record = fastPetition({ id: "P-1", date: "2025-01-08", unit: "dongshan", level: "县" });
    expect(Object.keys(petitionRow([]))).toEqual(Object.keys(record ?? {}));
  });
  it("a row made by petitionRow, completed in place, is the record made of the same fields", () => {
    fc.assert(
      fc.property(petitionRaw, (raw) => {
        const r = raw as Record<string, unknown>;
        const row = petitionRow(PETITION_COLUMNS.map((c) => r[c.key]));
        const plain = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
        const expected = fastPetition(plain);
        const made = fastPetition(row, true);
        expect(made).toStrictEqual(expected);
        if (made) expect(made).toBe(row);
      }),
      { numRuns: 3000 },
    );
  });
  it("petitions: accepted only when zod accepts, with zod's output", () => {
    accepted = 0;
    fc.assert(
      fc.property(petitionRaw, (raw) => agrees(fastPetition, petitionSchema, raw)),
      { numRuns: 8000 },
    );
    expect(accepted, "enough random records take the fast path").toBeGreaterThan(100);
  });
  it("weekly reports: accepted only when zod accepts, with zod's output", () => {
    accepted = 0;
    fc.assert(
      fc.property(weeklyRaw, (raw) => agrees(fastWeeklyReport, weeklyReportSchema, raw)),
      { numRuns: 6000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
  it("meetings: accepted only when zod accepts, with zod's output", () => {
    accepted = 0;
    fc.assert(
      fc.property(meetingRaw, (raw) => agrees(fastMeeting, meetingSchema, raw)),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
  it("takes the fast path for ordinary valid records", () => {
    expect(
      fastPetition({
        id: "P-1",
        date: "2025-01-08",
        unit: "dongshan",
        level: "县",
        form: "个访",
        headcount: 1,
        channel: "来访",
        accepted: "2025-01-08",
      }),
    ).not.toBeNull();
    expect(
      fastWeeklyReport({
        unit: "dongshan",
        week: "2025-W02",
        submitted: "2025-01-10T16:30",
        zero: true,
      }),
    ).not.toBeNull();
    expect(fastMeeting({ id: "M-01", date: "2025-01-15", absent: ["xishan"] })).not.toBeNull();
  });
});
