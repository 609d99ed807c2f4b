// compute/scoring: validated content + period → ScoreSheet (SPEC §3).
// Pure: no I/O, no clock; exact decimals; every figure carries its audit trail.
import type { Rules, Unit } from "../../../schemas/index.ts";
import type { Ledger } from "../../validate/content.ts";
import { DecSum, add, dec } from "../decimal.ts";
import { scoringEvents } from "./events.ts";
import type { Period } from "./events.ts";
import { levelRank } from "./match.ts";
import { applyRules } from "./points.ts";
import { rank } from "./rank.ts";
import { computeLosses, eventSanctions, vetoSanction } from "./sanctions.ts";
import type {
  CoverageWarning,
  Entry,
  Loss,
  Reward,
  Sanction,
  ScoreEvent,
  ScoreSheet,
  UnitScore,
  VetoHit,
} from "./types.ts";

export type { Period } from "./events.ts";
export * from "./types.ts";
export { WEEK_STATUSES, weeklyGrid } from "./weekly.ts";
export type { WeekColumn, WeekStatus, WeeklyGrid } from "./weekly.ts";

export interface ScoreInput {
  units: readonly Unit[];
  rules: Rules;
  ledger: Ledger;
}

/**
 * What a period's events come to before any total: the events in SPEC order, and by unit the
 * entries, veto hits and sanctions they gave, with the coverage warnings. Each list is in event
 * order, so the part of it dated on or before a day is what the events up to that day give.
 */
interface Folded {
  events: ScoreEvent[];
  entries: Map<string, Entry[]>;
  vetoes: Map<string, VetoHit[]>;
  warnings: CoverageWarning[];
  sanctions: Map<string, Sanction[]>;
}

function fold(input: ScoreInput, period: Period): Folded {
  const ids = input.units.map((u) => u.id);
  const events = scoringEvents(input.ledger, input.rules, input.units, period);
  const { entries, vetoes, warnings } = applyRules(events, input.rules, ids);
  return { events, entries, vetoes, warnings, sanctions: eventSanctions(events, input.rules, ids) };
}

/** The items of `list` dated on or before `asOf` (the list is in date order: a prefix of it). */
function upTo<T extends { date: string }>(list: readonly T[], asOf: string): T[] {
  let n = list.length;
  while (n > 0 && (list[n - 1] as T).date > asOf) n--;
  return n === list.length ? (list as T[]) : list.slice(0, n);
}

/**
 * The fold of an earlier day from the fold of a later one. Events are in date order and every
 * rule, veto and sanction is a left fold over them (a count of earlier matches at most), so the
 * events up to `asOf` give exactly the items dated up to it, in the same order. Sanctions are
 * listed warnings, then yellow cards, then key management: each group is cut alike.
 */
function foldedUpTo(f: Folded, asOf: string): Folded {
  const cut = <T extends { date: string }>(m: Map<string, T[]>) =>
    new Map(
      [...m].map(([unit, list]) => [
        unit,
        list.every((x) => x.date <= asOf) ? list : list.filter((x) => x.date <= asOf),
      ]),
    );
  return {
    events: upTo(f.events, asOf),
    entries: cut(f.entries),
    vetoes: cut(f.vetoes),
    warnings: upTo(f.warnings, asOf),
    sanctions: cut(f.sanctions),
  };
}

export function scoreYear(input: ScoreInput, period: Period): ScoreSheet {
  return sheetOf(input, period, fold(input, period));
}

/**
 * The sheets of several days of one year (each month's year to date, say), as scoreYear gives
 * them, from one pass over the year's events up to the last of them.
 */
export function scoreYearOn(
  input: ScoreInput,
  year: number,
  days: readonly string[],
): ScoreSheet[] {
  if (days.length === 0) return [];
  const last = days.reduce((a, b) => (b > a ? b : a));
  const all = fold(input, { year, asOf: last });
  return days.map((asOf) =>
    sheetOf(input, { year, asOf }, asOf === last ? all : foldedUpTo(all, asOf)),
  );
}

function sheetOf(input: ScoreInput, period: Period, folded: Folded): ScoreSheet {
  const { units, rules } = input;
  const complete = period.asOf === `${period.year}-12-31`;
  const { events, entries, vetoes, warnings, sanctions } = folded;
  const base = dec(rules.base);

  const scored = units.map((u) => {
    const list = entries.get(u.id) ?? [];
    // Exact sums: the score is the base plus every entry's points, in any order.
    const negative = new DecSum();
    const positive = new DecSum();
    for (const e of list) (e.points.n < 0n ? negative : positive).add(e.points);
    const deducted = negative.value();
    const added = positive.value();
    const score = add(add(base, deducted), added);
    const hits = vetoes.get(u.id) ?? [];
    const unitSanctions = [...(sanctions.get(u.id) ?? [])];
    const veto = rules.sanctions.veto ? vetoSanction(hits) : null;
    if (veto) unitSanctions.push(veto);
    return {
      unit: u,
      score,
      deducted,
      added,
      vetoed: hits.length > 0,
      entries: list,
      vetoes: hits,
      sanctions: unitSanctions,
    };
  });

  const ranked = rank(scored);
  const lastRank = ranked.reduce((m, r) => Math.max(m, r.rank), 0);
  const allTied = ranked.every((r) => r.rank === 1);
  // Only a whole year's sheet has rewards (and needs the highest levels for them).
  const highest = complete ? highestLevels(events) : new Map<string, number>();

  const out: UnitScore[] = ranked.map(({ item, rank: r }) => {
    const rewards: Reward[] = [];
    if (complete && !item.vetoed) {
      const amount = rules.rewards.rank[r - 1];
      if (amount !== undefined) rewards.push({ kind: "rank", amount, clause: `考评第${r}名` });
      const top = highest.get(item.unit.id);
      const tier = rules.rewards.clean_record.find(
        (t) => top === undefined || top < levelRank(t.none_at_or_above),
      );
      if (tier) rewards.push({ kind: "clean_record", amount: tier.amount, clause: tier.clause });
    }
    return {
      id: item.unit.id,
      name: item.unit.name,
      score: item.score,
      deducted: item.deducted,
      added: item.added,
      rank: r,
      vetoed: item.vetoed,
      entries: item.entries,
      vetoes: item.vetoes,
      rewards,
      consequences:
        complete && rules.rewards.last_place !== undefined && !allTied && r === lastRank
          ? ["last_place"]
          : [],
      sanctions: item.sanctions,
    };
  });

  const { losses, appraisals } = computeLosses(
    units,
    new Map(scored.map((s) => [s.unit.id, s.sanctions])),
    rules,
  );
  return {
    year: period.year,
    asOf: period.asOf,
    complete,
    base,
    units: out,
    losses,
    appraisals,
    warnings,
    lastPlaceClause: rules.rewards.last_place ?? null,
    liaisonUnits: liaisonUnits(units),
  };
}

/** Highest petition level (as a rank) reached by each unit's events. */
function highestLevels(events: readonly ScoreEvent[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const ev of events) {
    if (ev.facts.ledger !== "petition") continue;
    const r = levelRank(ev.facts.level);
    if (r > (out.get(ev.unit) ?? -1)) out.set(ev.unit, r);
  }
  return out;
}

function liaisonUnits(units: readonly Unit[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const u of units)
    for (const l of u.liaisons) out.set(l.name, [...(out.get(l.name) ?? []), u.id]);
  return out;
}

/**
 * The units a loss belongs to: a 两委成员's own unit; for a 包村领导/干部 (identified by name
 * across the roster) every unit they cover, in units.yaml order.
 */
export function lossUnits(sheet: ScoreSheet, loss: Loss): string[] {
  return loss.unit !== null ? [loss.unit] : (sheet.liaisonUnits.get(loss.person) ?? []);
}

/**
 * The losses that belong to one unit (see `lossUnits`), in sheet order. Called for every unit of
 * a sheet, so it asks lossUnits' question without making its list for each loss.
 */
export function unitLosses(sheet: ScoreSheet, unit: string): Loss[] {
  return sheet.losses.filter((l) =>
    l.unit !== null ? l.unit === unit : (sheet.liaisonUnits.get(l.person)?.includes(unit) ?? false),
  );
}
