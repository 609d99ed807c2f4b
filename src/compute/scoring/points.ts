// Items, vetoes and coverage warnings: one pass over the events in order (SPEC §3).
import { labelOf, whenCoversCell } from "../../../schemas/index.ts";
import type { Form, LedgerKind, Level, RuleItem, Rules } from "../../../schemas/index.ts";
import { ZERO, dec, mul } from "../decimal.ts";
import type { Dec } from "../decimal.ts";
import { compileWhen } from "./match.ts";
import type { Predicate } from "./match.ts";
import type { CoverageWarning, Entry, ScoreEvent, VetoHit } from "./types.ts";

interface CompiledItem {
  item: RuleItem;
  match: Predicate;
  points: Dec | null;
  table: Map<string, Dec> | null;
  modifiers: { id: string; clause: string; label: string; factor: Dec; match: Predicate }[];
  label: string;
  /** One cell object per table cell, shared by the entries that fall into it. */
  cells: Map<string, NonNullable<Entry["cell"]>>;
}

// Most entries have no modifier: they share these (never changed) empty lists.
const NO_FACTORS: Dec[] = Object.freeze([]) as unknown as Dec[];
const NO_MODIFIERS: Entry["modifiers"] = Object.freeze([]) as unknown as Entry["modifiers"];

interface CompiledVeto {
  id: string;
  clause: string;
  label: string;
  when: Rules["vetoes"][number]["when"];
  ledger: LedgerKind;
  match: Predicate;
}

export interface PointsResult {
  entries: Map<string, Entry[]>;
  vetoes: Map<string, VetoHit[]>;
  warnings: CoverageWarning[];
}

function compileItem(item: RuleItem): CompiledItem {
  let table: Map<string, Dec> | null = null;
  if (item.table) {
    table = new Map();
    for (const [level, row] of Object.entries(item.table)) {
      for (const [form, pts] of Object.entries(row ?? {}))
        if (typeof pts === "number") table.set(`${level}/${form}`, dec(pts));
    }
  }
  return {
    item,
    match: compileWhen(item.when, item.ledger),
    points: item.points === undefined ? null : dec(item.points),
    table,
    modifiers: item.modifiers.map((m) => ({
      id: m.id,
      clause: m.clause,
      label: labelOf(m),
      factor: dec(m.factor),
      match: compileWhen(m.when, item.ledger),
    })),
    label: labelOf(item),
    cells: new Map(),
  };
}

export function applyRules(
  events: readonly ScoreEvent[],
  rules: Rules,
  unitIds: readonly string[],
): PointsResult {
  const byLedger = new Map<LedgerKind, CompiledItem[]>();
  for (const item of rules.items) {
    const list = byLedger.get(item.ledger) ?? [];
    list.push(compileItem(item));
    byLedger.set(item.ledger, list);
  }
  const vetoesByLedger = new Map<LedgerKind, CompiledVeto[]>();
  for (const v of rules.vetoes) {
    const list = vetoesByLedger.get(v.ledger) ?? [];
    list.push({
      id: v.id,
      clause: v.clause,
      label: labelOf(v),
      when: v.when,
      ledger: v.ledger,
      match: compileWhen(v.when, v.ledger),
    });
    vetoesByLedger.set(v.ledger, list);
  }

  const entries = new Map<string, Entry[]>(unitIds.map((id) => [id, []]));
  const vetoes = new Map<string, VetoHit[]>(unitIds.map((id) => [id, []]));
  const warnings: CoverageWarning[] = [];
  // Matches so far per item and unit, for `free`.
  const counts = new Map<CompiledItem, Map<string, number>>();

  for (const ev of events) {
    const unitEntries = entries.get(ev.unit);
    const unitVetoes = vetoes.get(ev.unit);
    if (!unitEntries || !unitVetoes) continue;
    const vetoRules = vetoesByLedger.get(ev.ledger) ?? [];
    let vetoedHere = false;
    for (const v of vetoRules) {
      if (!v.match(ev.fields)) continue;
      vetoedHere = true;
      unitVetoes.push({
        rule: v.id,
        clause: v.clause,
        label: v.label,
        byCell:
          ev.facts.ledger === "petition" && whenCoversCell(v.when, ev.facts.level, ev.facts.form),
        event: ev.id,
        date: ev.date,
        source: ev.source,
        facts: ev.facts,
      });
    }
    for (const c of byLedger.get(ev.ledger) ?? []) {
      if (!c.match(ev.fields)) continue;
      let perUnit = counts.get(c);
      if (!perUnit) counts.set(c, (perUnit = new Map()));
      const n = (perUnit.get(ev.unit) ?? 0) + 1;
      perUnit.set(ev.unit, n);

      let base: Dec;
      let cell: Entry["cell"] = null;
      if (c.table) {
        const level = ev.fields.level as Level;
        const form = ev.fields.form as Form;
        const key = `${level}/${form}`;
        const pts = c.table.get(key);
        cell = c.cells.get(key) ?? null;
        if (cell === null) c.cells.set(key, (cell = { level, form, unset: pts === undefined }));
        base = pts ?? ZERO;
        if (pts === undefined && !vetoedHere) {
          warnings.push({
            code: "uncovered-cell",
            event: ev.id,
            unit: ev.unit,
            date: ev.date,
            source: ev.source,
            level,
            form,
            clause: c.item.clause,
          });
        }
      } else base = c.points ?? ZERO;

      const free = n <= c.item.free;
      const applied = c.modifiers.length ? c.modifiers.filter((m) => m.match(ev.fields)) : [];
      let points = free ? ZERO : base;
      if (!free) for (const m of applied) points = mul(points, m.factor);
      unitEntries.push({
        rule: c.item.id,
        clause: c.item.clause,
        label: c.label,
        event: ev.id,
        ledger: ev.ledger,
        date: ev.date,
        base,
        factors: applied.length ? applied.map((m) => m.factor) : NO_FACTORS,
        modifiers: applied.length
          ? applied.map((m) => ({ id: m.id, clause: m.clause, label: m.label, factor: m.factor }))
          : NO_MODIFIERS,
        points,
        source: ev.source,
        free,
        cell,
        facts: ev.facts,
      });
    }
  }
  return { entries, vetoes, warnings };
}
