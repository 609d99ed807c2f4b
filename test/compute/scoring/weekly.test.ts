// The weekly-report grid: every unit against every week whose deadline falls in the year, each
// cell what the scoring makes of that week (on time, late, missing), or exempt, or not yet due.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../../../src/calendar/calendar.ts";
import { weeklyReportEvents } from "../../../src/compute/scoring/events.ts";
import { weeklyGrid } from "../../../src/compute/scoring/index.ts";
import type { WeekStatus } from "../../../src/compute/scoring/index.ts";
import { emptyLedger } from "../../../src/validate/content.ts";
import type { Ledger, WeeklyReport } from "../../../src/validate/content.ts";
import { report, specRules, unit } from "./build.ts";

const ledgerOf = (weeklyReports: WeeklyReport[]): Ledger => ({
  ...emptyLedger(2025),
  weeklyReports,
});

describe("weeklyGrid", () => {
  const units = [unit("a"), unit("b")];
  const rules = specRules(); // Friday 17:00, 2025-W40 exempt
  const grid = weeklyGrid(
    ledgerOf([
      report("a", "2025-W02", "2025-01-10T17:00"), // on the minute: on time
      report("b", "2025-W02", "2025-01-10T17:00:30"), // 30 s late
      report("b", "2025-W03", "2025-01-17T18:00"), // late, but…
      report("b", "2025-W03", "2025-01-16T09:00"), // …an earlier one counts
      report("a", "2025-W40", "2025-10-20T09:00"), // exempt week: never late
    ]),
    rules,
    units,
    { year: 2025, asOf: "2025-06-30" },
  );
  const status = (u: number, week: string): WeekStatus | undefined =>
    grid.units[u]?.statuses[grid.weeks.findIndex((w) => w.week === week)];

  it("has a column for every week whose Friday is in 2025, in order", () => {
    expect(grid.weeks).toHaveLength(52);
    expect(grid.weeks[0]).toEqual({ week: "2025-W01", number: 1, date: "2025-01-03" });
    expect(grid.weeks.at(-1)).toEqual({ week: "2025-W52", number: 52, date: "2025-12-26" });
    expect(grid.units.map((u) => [u.id, u.name, u.statuses.length])).toEqual([
      ["a", "a村", 52],
      ["b", "b村", 52],
    ]);
    expect(grid.deadline).toEqual({ weekday: 5, time: "17:00" });
  });

  it("reads each cell as the scoring does", () => {
    expect(status(0, "2025-W02")).toBe("on-time");
    expect(status(1, "2025-W02")).toBe("late");
    expect(status(1, "2025-W03")).toBe("on-time");
    expect(status(0, "2025-W01")).toBe("missing");
    expect(status(0, "2025-W26")).toBe("missing"); // Friday 27 June, before the as-of date
    expect(status(0, "2025-W27")).toBe("not-due"); // Friday 4 July
    expect(status(0, "2025-W40")).toBe("exempt");
    expect(status(1, "2025-W40")).toBe("exempt");
  });

  const UNITS = ["a", "b", "c"].map((id) => unit(id));
  const reportArb = fc
    .record({
      unit: fc.constantFrom("a", "b", "c"),
      week: fc.integer({ min: 1, max: 52 }),
      minutes: fc.integer({ min: 0, max: 7 * 24 * 60 - 1 }),
    })
    .map((r) => {
      const week = `2025-W${String(r.week).padStart(2, "0")}`;
      const day = addDays("2024-12-30", (r.week - 1) * 7 + Math.floor(r.minutes / 1440));
      const m = r.minutes % 1440;
      const hh = String(Math.floor(m / 60)).padStart(2, "0");
      return report(r.unit, week, `${day}T${hh}:${String(m % 60).padStart(2, "0")}`);
    });

  it("matches the scoring's weekly-report events cell for cell (random ledgers)", () => {
    fc.assert(
      fc.property(
        fc.array(reportArb, { maxLength: 60 }),
        fc.integer({ min: 0, max: 364 }).map((n) => addDays("2025-01-01", n)),
        fc.subarray(["2025-W05", "2025-W18", "2025-W40", "2025-W52"]),
        (reports, asOf, exempt) => {
          const r = specRules((raw) => {
            (raw.weekly_report as { exempt_weeks: string[] }).exempt_weeks = exempt;
          });
          const ledger = ledgerOf(reports);
          const period = { year: 2025, asOf };
          const g = weeklyGrid(ledger, r, UNITS, period);
          const events = new Map(
            weeklyReportEvents(ledger, r, UNITS, period).map((e) => [e.id, e]),
          );
          let cells = 0;
          g.units.forEach((u) =>
            g.weeks.forEach((w, i) => {
              const s = u.statuses[i];
              const e = events.get(`${u.id}:${w.week}`);
              if (exempt.includes(w.week)) expect(s).toBe("exempt");
              else if (w.date > asOf) expect(s).toBe("not-due");
              if (!e) {
                expect(["exempt", "not-due"]).toContain(s);
                return;
              }
              cells++;
              const submitted = e.facts.ledger === "weekly-report" ? e.facts.submitted : null;
              expect(s).toBe(
                e.fields.on_time ? "on-time" : submitted === null ? "missing" : "late",
              );
            }),
          );
          expect(cells).toBe(events.size);
        },
      ),
      { numRuns: 150 },
    );
  });
});
