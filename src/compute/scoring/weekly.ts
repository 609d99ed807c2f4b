// Weekly-report punctuality as a grid: every unit against every week whose deadline falls in the
// year, each cell what the scoring makes of it (SPEC §3 "Weekly reports"): on time, late,
// missing, exempt (`exempt_weeks`) or not yet due (deadline after the as-of date). Late and
// missing are exactly the weekly-report events with `on_time: false`. Pure.
import type { Rules, Unit } from "../../../schemas/index.ts";
import { isoWeekDate, weeksWithWeekdayIn } from "../../calendar/calendar.ts";
import type { Ledger } from "../../validate/content.ts";
import { earliestReports } from "./events.ts";
import type { Period } from "./events.ts";

export type WeekStatus = "on-time" | "late" | "missing" | "exempt" | "not-due";

export const WEEK_STATUSES: readonly WeekStatus[] = [
  "on-time",
  "late",
  "missing",
  "exempt",
  "not-due",
];

export interface WeekColumn {
  /** ISO week name, `2025-W27`. */
  week: string;
  /** Week number within its ISO year (27). */
  number: number;
  /** The deadline day, `YYYY-MM-DD`. */
  date: string;
}

export interface WeeklyGrid {
  year: number;
  asOf: string;
  /** ISO weekday (1 = Monday) and `HH:MM` of the deadline. */
  deadline: { weekday: number; time: string };
  /** Weeks whose deadline day falls in the year, in order. */
  weeks: WeekColumn[];
  /** Units in units.yaml order; `statuses[i]` is the unit's status in `weeks[i]`. */
  units: { id: string; name: string; statuses: WeekStatus[] }[];
}

export function weeklyGrid(
  ledger: Ledger,
  rules: Rules,
  units: readonly Unit[],
  period: Period,
): WeeklyGrid {
  const { weekday, time } = rules.weekly_report.deadline;
  const exempt = new Set(rules.weekly_report.exempt_weeks);
  const weeks: WeekColumn[] = weeksWithWeekdayIn(period.year, weekday).map((week) => ({
    week,
    number: Number(week.slice(6)),
    date: isoWeekDate(week, weekday),
  }));
  const earliest = earliestReports(ledger);
  return {
    year: period.year,
    asOf: period.asOf,
    deadline: { weekday, time },
    weeks,
    units: units.map((u) => ({
      id: u.id,
      name: u.name,
      statuses: weeks.map(({ week, date }): WeekStatus => {
        if (exempt.has(week)) return "exempt";
        if (date > period.asOf) return "not-due";
        const sub = earliest.get(u.id)?.get(week);
        if (!sub) return "missing";
        return sub.submittedAt <= `${date}T${time}:00` ? "on-time" : "late";
      }),
    })),
  };
}
