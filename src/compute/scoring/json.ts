// ScoreSheet → the JSON object of SPEC §8 (numbers rounded to two decimals, half away from zero).
// Fields beyond §8 (clauses, sources, modifiers, appraisals) add to the audit trail.
import { diagnosticMessage } from "../../diagnostics/catalog.ts";
import { toNumber2 } from "../decimal.ts";
import { unitLosses } from "./index.ts";
import type { Entry, Sanction, ScoreSheet, UnitScore } from "./types.ts";

function entryJson(e: Entry) {
  return {
    rule: e.rule,
    clause: e.clause,
    event: e.event,
    date: e.date,
    base: toNumber2(e.base),
    factors: e.factors.map(toNumber2),
    points: toNumber2(e.points),
    source: e.source,
    ...(e.modifiers.length ? { modifiers: e.modifiers.map((m) => m.id) } : {}),
    ...(e.free ? { free: true } : {}),
    ...(e.cell
      ? { cell: `${e.cell.level}/${e.cell.form}`, ...(e.cell.unset ? { unset: true } : {}) }
      : {}),
  };
}

function sanctionJson(s: Sanction) {
  return {
    kind: s.kind,
    event: s.event,
    ...(s.from !== undefined ? { from: s.from } : {}),
    ...(s.months !== undefined ? { months: s.months } : {}),
    ...(s.appraisal !== undefined ? { appraisal: s.appraisal } : {}),
    ...(s.issue !== undefined ? { issue: s.issue } : {}),
    date: s.date,
    clause: s.clause,
    source: s.source,
  };
}

function unitJson(u: UnitScore) {
  return {
    id: u.id,
    name: u.name,
    score: toNumber2(u.score),
    rank: u.rank,
    vetoed: u.vetoed,
    deducted: toNumber2(u.deducted),
    added: toNumber2(u.added),
    entries: u.entries.map(entryJson),
    vetoes: u.vetoes.map((v) => ({
      rule: v.rule,
      event: v.event,
      date: v.date,
      clause: v.clause,
      source: v.source,
    })),
    rewards: u.rewards.map((r) => ({ kind: r.kind, amount: r.amount, clause: r.clause })),
    consequences: [...u.consequences],
    sanctions: u.sanctions.map(sanctionJson),
  };
}

export function scoreSheetJson(sheet: ScoreSheet, onlyUnit?: string) {
  const units = onlyUnit ? sheet.units.filter((u) => u.id === onlyUnit) : sheet.units;
  return {
    year: sheet.year,
    asOf: sheet.asOf,
    complete: sheet.complete,
    units: units.map(unitJson),
    losses: (onlyUnit ? unitLosses(sheet, onlyUnit) : sheet.losses).map((l) => ({
      person: l.person,
      unit: l.unit,
      item: l.item,
      months: l.months,
      amount: l.amount,
      role: l.role,
    })),
    warnings: sheet.warnings
      .filter((w) => !onlyUnit || w.unit === onlyUnit)
      .map((w) => ({
        code: w.code,
        event: w.event,
        message: diagnosticMessage("score/uncovered-cell", w),
        unit: w.unit,
        date: w.date,
        source: w.source,
      })),
    appraisals: sheet.appraisals.filter((a) => !onlyUnit || a.units.includes(onlyUnit)),
  };
}
