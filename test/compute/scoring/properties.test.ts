// Invariants of the scoring engine on random ledgers (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FORMS, LEVELS } from "../../../schemas/index.ts";
import { add, cmp, toText } from "../../../src/compute/decimal.ts";
import type { ScoreSheet } from "../../../src/compute/scoring/index.ts";
import { addDays } from "../../../src/calendar/calendar.ts";
import type { Meeting, Petition, WeeklyReport } from "../../../src/validate/content.ts";
import { meeting, petition, report, run, specRules, unit } from "./build.ts";

const UNIT_IDS = ["a", "b", "c", "d", "e"];
const day = fc.integer({ min: 0, max: 364 }).map((n) => addDays("2025-01-01", n));
const unitId = fc.constantFrom(...UNIT_IDS);

const petitionArb = fc
  .record({
    unit: unitId,
    date: day,
    level: fc.constantFrom(...LEVELS, "镇", "县", "县"),
    form: fc.option(fc.constantFrom(...FORMS), { nil: undefined }),
    headcount: fc.integer({ min: 1, max: 9 }),
    issue: fc.constantFrom("I1", "I2", "I3"),
    early_warning: fc.boolean(),
    persuaded_onsite: fc.boolean(),
    assigned_overdue: fc.boolean(),
    superior_urged: fc.boolean(),
    escalated: fc.constantFrom(false, false, false, false, true),
    unfair_handling: fc.boolean(),
  })
  .map((p) => petition(p));

const meetingsArb = fc
  .array(fc.record({ date: day, absent: fc.subarray(UNIT_IDS), leave: fc.subarray(UNIT_IDS) }), {
    maxLength: 6,
  })
  .map((ms) =>
    ms.map((m, i) =>
      meeting(
        `M${i}`,
        m.date,
        m.absent,
        m.leave.filter((u) => !m.absent.includes(u)),
      ),
    ),
  );

const reportsArb = fc
  .array(
    fc.record({
      unit: unitId,
      week: fc.integer({ min: 1, max: 52 }).map((w) => `2025-W${String(w).padStart(2, "0")}`),
      when: fc.integer({ min: 0, max: 6 * 24 * 60 }),
    }),
    { maxLength: 40 },
  )
  .map((rs) =>
    rs.map((r) => {
      // Somewhere in the Monday–Sunday of that week.
      const monday = addDays("2024-12-30", (Number(r.week.slice(6)) - 1) * 7);
      const date = addDays(monday, Math.floor(r.when / (24 * 60)));
      const minutes = r.when % (24 * 60);
      return report(
        r.unit,
        r.week,
        `${date}T${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`,
      );
    }),
  );

const roster = () =>
  UNIT_IDS.map((id, i) =>
    unit(id, {
      committee: [
        { name: `${id}书记`, monthly_subsidy: 2000 + i * 100, star_pay: 5000 },
        { name: `${id}委员`, monthly_subsidy: 1200, star_pay: 0 },
      ],
      liaisons: [
        {
          name: i % 2 ? "孙伟" : `干部${id}`,
          role: i % 2 ? "包村领导" : "包村干部",
          monthly_award: i % 2 ? 800 : 500,
        },
      ],
    }),
  );

const ledgerArb = fc.record({
  petitions: fc.array(petitionArb, { maxLength: 40 }),
  meetings: meetingsArb,
  weeklyReports: reportsArb,
});

const rules = specRules();

function sheetOf(
  l: { petitions: Petition[]; meetings: Meeting[]; weeklyReports: WeeklyReport[] },
  asOf = "2025-12-31",
): ScoreSheet {
  return run({ units: roster(), rules, ...l, asOf });
}

/** What must not depend on ledger order: scores, ranks, vetoes, rewards, losses, sanctions. */
function outcome(s: ScoreSheet) {
  return {
    units: s.units.map((u) => ({
      id: u.id,
      score: toText(u.score),
      rank: u.rank,
      vetoed: u.vetoed,
      rewards: u.rewards.map((r) => r.amount),
      last: u.consequences,
      sanctions: u.sanctions.map((x) => `${x.kind}@${x.date}`).sort(),
    })),
    losses: s.losses.map((l) => `${l.person}/${l.item}/${l.months}/${l.amount}`),
  };
}

describe("scoring invariants", () => {
  it("score = base + Σ entry points", () => {
    fc.assert(
      fc.property(ledgerArb, (l) => {
        const s = sheetOf(l);
        for (const u of s.units)
          expect(
            cmp(
              u.score,
              u.entries.reduce((acc, e) => add(acc, e.points), s.base),
            ),
          ).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it("ranks are monotone, ties share a rank, and vetoed units come after all others", () => {
    fc.assert(
      fc.property(ledgerArb, (l) => {
        const s = sheetOf(l);
        s.units.forEach((u, i) => {
          const prev = s.units[i - 1];
          if (!prev) return expect(u.rank).toBe(1);
          expect(u.rank).toBeGreaterThanOrEqual(prev.rank);
          const tied = prev.vetoed === u.vetoed && cmp(prev.score, u.score) === 0;
          expect(u.rank).toBe(tied ? prev.rank : i + 1);
          if (!prev.vetoed && !u.vetoed) expect(cmp(prev.score, u.score)).toBeGreaterThanOrEqual(0);
          if (prev.vetoed) expect(u.vetoed).toBe(true);
        });
      }),
      { numRuns: 60 },
    );
  });

  it("no loss exceeds twelve months of a pay item", () => {
    const people = new Map(
      roster().flatMap((u) => [...u.committee.map((m) => [`${u.id}/${m.name}`, m] as const)]),
    );
    fc.assert(
      fc.property(ledgerArb, (l) => {
        for (const loss of sheetOf(l).losses) {
          expect(loss.months).toBeLessThanOrEqual(12);
          if (loss.item === "monthly_subsidy")
            expect(loss.amount).toBeLessThanOrEqual(
              12 * (people.get(`${loss.unit}/${loss.person}`)?.monthly_subsidy ?? 0),
            );
          if (loss.item === "monthly_award") expect(loss.amount).toBeLessThanOrEqual(12 * 800);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("shuffling the ledgers changes no score, rank, reward, sanction or loss", () => {
    fc.assert(
      fc.property(ledgerArb, fc.array(fc.nat(), { minLength: 100, maxLength: 100 }), (l, keys) => {
        const shuffle = <T>(xs: T[]) =>
          xs
            .map((x, i) => ({ x, k: keys[i % keys.length] ?? 0 }))
            .sort((a, b) => a.k - b.k)
            .map((p) => p.x);
        const shuffled = {
          petitions: shuffle(l.petitions),
          meetings: shuffle(l.meetings),
          weeklyReports: shuffle(l.weeklyReports),
        };
        expect(outcome(sheetOf(shuffled))).toEqual(outcome(sheetOf(l)));
      }),
      { numRuns: 60 },
    );
  });

  it("as of a date equals the full computation on the records up to that date", () => {
    fc.assert(
      fc.property(ledgerArb, day, (l, asOf) => {
        const cut = {
          petitions: l.petitions.filter((p) => p.date <= asOf),
          meetings: l.meetings.filter((m) => m.date <= asOf),
          weeklyReports: l.weeklyReports,
        };
        const a = sheetOf(l, asOf);
        const b = sheetOf(cut, asOf);
        expect(outcome(a)).toEqual(outcome(b));
        expect(a.complete).toBe(asOf === "2025-12-31");
      }),
      { numRuns: 40 },
    );
  });

  it("as of December 31 is the complete year", () => {
    fc.assert(
      fc.property(ledgerArb, (l) => {
        const full = run({ units: roster(), rules, ...l });
        expect(full.complete).toBe(true);
        expect(outcome(sheetOf(l, "2025-12-31"))).toEqual(outcome(full));
      }),
      { numRuns: 20 },
    );
  });
});
