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
import type { Loss, Reward, ScoreEvent, ScoreSheet, UnitScore } from "./types.ts";

export type { Period } from "./events.ts";
export * from "./types.ts";
export { WEEK_STATUSES, weeklyGrid } from "./weekly.ts";
export type { WeekColumn, WeekStatus, WeeklyGrid } from "./weekly.ts";

export interface ScoreInput {
  units: readonly Unit[];
  rules: Rules;
  ledger: Ledger;
}

export function scoreYear(input: ScoreInput, period: Period): ScoreSheet {
  const { units, rules } = input;
  const { ledger } = input;
  const complete = period.asOf === `${period.year}-12-31`;
  const ids = units.map((u) => u.id);
  const events = scoringEvents(ledger, rules, units, period);
  const { entries, vetoes, warnings } = applyRules(events, rules, ids);
  const sanctions = eventSanctions(events, rules, ids);
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

/** The losses that belong to one unit (see `lossUnits`), in sheet order. */
export function unitLosses(sheet: ScoreSheet, unit: string): Loss[] {
  return sheet.losses.filter((l) => lossUnits(sheet, l).includes(unit));
}
