// compute over a validated content folder: the scores of a year (or year to date), every year
// with its month-end sheets, and the statistics of a period. Pure: Content in, results out.
import type { PreviousFigures } from "../../schemas/index.ts";
import { monthEndsUntil } from "../calendar/calendar.ts";
import { emptyLedger } from "../validate/content.ts";
import type { Content } from "../validate/content.ts";
import { scoreYear, scoreYearOn } from "./scoring/index.ts";
import type { ScoreInput, ScoreSheet, YearScores } from "./scoring/index.ts";
import { computeStats } from "./stats/index.ts";
import type { Stats } from "./stats/index.ts";

export interface ScoreOptions {
  year: number;
  /** Last day counted, `YYYY-MM-DD`; defaults to December 31 of the year. */
  asOf?: string;
}

/** Scores one year of validated content (rules and ledger of that year must be present). */
export function score(content: Content, options: ScoreOptions): ScoreSheet {
  return scoreYear(scoreInput(content, options.year), {
    year: options.year,
    asOf: options.asOf ?? `${options.year}-12-31`,
  });
}

function scoreInput(content: Content, year: number): ScoreInput {
  const rules = content.rules.get(year);
  if (!rules) throw new Error(`no rules for ${year}`);
  const ledger = content.ledgers.get(year) ?? emptyLedger(year);
  return { units: content.units, rules: rules.rules, ledger };
}

/** Scores of every year that has rules: the year and each month's year-to-date sheet. */
export function scoreAllYears(content: Content): YearScores[] {
  return [...content.rules.keys()]
    .sort((a, b) => a - b)
    .map((year) => {
      // the year and its month ends from one pass over the year's events
      const end = `${year}-12-31`;
      const [sheet, ...monthly] = scoreYearOn(scoreInput(content, year), year, [
        end,
        ...monthEndsUntil(year, end),
      ]);
      return { year, sheet: sheet as ScoreSheet, monthly };
    });
}

export interface StatisticsOptions {
  from: string;
  to: string;
  /** Last year's summary figures (a report's `previous:` block). */
  previous?: PreviousFigures | undefined;
}

/** Report statistics of a period with its comparison period (SPEC §5). */
export function statistics(content: Content, options: StatisticsOptions): Stats {
  const office = content.office;
  return computeStats({
    from: options.from,
    to: options.to,
    units: content.units,
    ledgers: [...content.ledgers.values()].sort((a, b) => a.year - b.year),
    threshold: (year) => content.rules.get(year)?.rules.collective_threshold ?? 5,
    officeLevel: office?.level ?? "镇",
    countBy: office?.statistics.count_by ?? "accepted",
    onTimeDays: office?.statistics.on_time_days ?? 60,
    previous: options.previous,
  });
}
