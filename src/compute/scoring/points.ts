// Items, vetoes and coverage warnings: one pass over the events in order (SPEC §3).
import { labelOf, whenCoversCell } from "../../../schemas/index.ts";
import type { Form, LedgerKind, Level, RuleItem, Rules } from "../../../schemas/index.ts";
import { ZERO, dec, mul } from "../decimal.ts";
import type { Dec } from "../decimal.ts";
import { compileWhen } from "./match.ts";
import type { Predicate } from "./match.ts";
import { sourceText } from "./types.ts";
import type { CoverageWarning, Entry, ScoreEvent, SourceAt, VetoHit } from "./types.ts";

type Modifier = Entry["modifiers"][number];
type Cell = NonNullable<Entry["cell"]>;

/** A table cell of an item: its points (undefined when unset) and the cell entries share. */
interface CellOf {
  points: Dec | undefined;
  cell: Cell;
}

/** What the entries of one set of applied modifiers share (factors, modifiers, points by base). */
interface Applied {
  factors: Dec[];
  modifiers: Entry["modifiers"];
  points: Map<Dec, Dec>;
}

interface CompiledItem {
  item: RuleItem;
  match: Predicate;
  points: Dec | null;
  table: Map<string, Map<string, number>> | null;
  modifiers: { match: Predicate; shown: Modifier }[];
  label: string;
  /** Cells by level and form, made on first use and shared by the entries that fall into them. */
  cells: Map<string, Map<string, CellOf>>;
  /** Sets of applied modifiers by bit mask (see appliedOf), shared by their entries. */
  applied: Map<number | string, Applied>;
  /** Whether the item has free events (`free: N`), and matches so far per unit if so. */
  counts: Map<string, number> | null;
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

/** A value shared by many entries, frozen: the JSON writer knows it by identity. */
const shared = <T extends object>(x: T): T => Object.freeze(x);

function compileItem(item: RuleItem): CompiledItem {
  let table: Map<string, Map<string, number>> | null = null;
  if (item.table) {
    table = new Map();
    for (const [level, row] of Object.entries(item.table)) {
      const forms = new Map<string, number>();
      for (const [form, pts] of Object.entries(row ?? {}))
        if (typeof pts === "number") forms.set(form, pts);
      table.set(level, forms);
    }
  }
  return {
    item,
    match: compileWhen(item.when, item.ledger),
    points: item.points === undefined ? null : shared(dec(item.points)),
    table,
    modifiers: item.modifiers.map((m) => ({
      match: compileWhen(m.when, item.ledger),
      shown: shared({
        id: m.id,
        clause: m.clause,
        label: labelOf(m),
        factor: shared(dec(m.factor)),
      }),
    })),
    label: labelOf(item),
    cells: new Map(),
    applied: new Map(),
    counts: item.free > 0 ? new Map() : null,
  };
}

/** The item's cell for a level and form (made on first use). */
function cellOf(
  c: CompiledItem,
  table: Map<string, Map<string, number>>,
  level: Level,
  form: Form,
) {
  let forms = c.cells.get(level);
  if (forms === undefined) c.cells.set(level, (forms = new Map()));
  let x = forms.get(form);
  if (x === undefined) {
    const pts = table.get(level)?.get(form);
    x = {
      points: pts === undefined ? undefined : shared(dec(pts)),
      cell: shared({ level, form, unset: pts === undefined }),
    };
    forms.set(form, x);
  }
  return x;
}

/** The modifiers of the item that apply to an event, as a set shared by its entries. */
function appliedOf(c: CompiledItem, fields: ScoreEvent["fields"]): Applied | null {
  // Which modifiers apply, as a number (bit i: modifier i) or, past 52 modifiers, as text.
  const wide = c.modifiers.length > 52;
  let mask = 0;
  let text = "";
  for (let i = 0; i < c.modifiers.length; i++) {
    const on = (c.modifiers[i] as CompiledItem["modifiers"][number]).match(fields);
    if (wide) text += on ? "1" : "0";
    else if (on) mask += 2 ** i;
  }
  if (wide ? !text.includes("1") : mask === 0) return null;
  const key = wide ? text : mask;
  let a = c.applied.get(key);
  if (a === undefined) {
    const modifiers = c.modifiers
      .filter((_, i) => (wide ? text[i] === "1" : Math.floor(mask / 2 ** i) % 2 === 1))
      .map((m) => m.shown);
    a = {
      factors: shared(modifiers.map((m) => m.factor)),
      modifiers: shared(modifiers),
      points: new Map(),
    };
    c.applied.set(key, a);
  }
  return a;
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * An entry of the points an event gave under an item. Its `source` text is made when read, from
 * where the event's record stands (its file and line, kept here: the entry is its own `at`, so
 * that writing a large year's entries does not reach into each record's origin again), instead of
 * kept with each of a large year's entries.
 */
class PointsEntry implements Entry, SourceAt {
  /** The rule item, compiled: its id, clause and label are the entry's. */
  readonly #item: CompiledItem;
  readonly event: string;
  readonly date: string;
  readonly base: Dec;
  readonly factors: Dec[];
  readonly modifiers: Entry["modifiers"];
  readonly points: Dec;
  readonly file: string;
  readonly line: number;
  readonly free: boolean;
  readonly cell: Entry["cell"];
  readonly facts: Entry["facts"];
  constructor(
    c: CompiledItem,
    ev: ScoreEvent,
    base: Dec,
    applied: Applied | null,
    points: Dec,
    free: boolean,
    cell: Entry["cell"],
  ) {
    this.#item = c;
    this.event = ev.id;
    this.date = ev.date;
    this.base = base;
    this.factors = applied ? applied.factors : NO_FACTORS;
    this.modifiers = applied ? applied.modifiers : NO_MODIFIERS;
    this.points = points;
    const at = ev.at;
    this.file = at.file;
    this.line = at.line;
    this.free = free;
    this.cell = cell;
    this.facts = ev.facts;
  }
  get rule(): string {
    return this.#item.item.id;
  }
  get clause(): string {
    return this.#item.item.clause;
  }
  get label(): string {
    return this.#item.label;
  }
  get ledger(): LedgerKind {
    return this.facts.ledger;
  }
  get at(): SourceAt {
    return this;
  }
  get source(): string {
    return sourceText(this);
  }
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

  const entries = new Map<string, Entry[]>();
  const vetoes = new Map<string, VetoHit[]>();
  const lists = new Map<string, { entries: Entry[]; vetoes: VetoHit[] }>();
  for (const id of unitIds) {
    const both = { entries: [] as Entry[], vetoes: [] as VetoHit[] };
    entries.set(id, both.entries);
    vetoes.set(id, both.vetoes);
    lists.set(id, both);
  }
  const warnings: CoverageWarning[] = [];

  for (const ev of events) {
    const unit = lists.get(ev.unit);
    if (!unit) continue;
    let vetoedHere = false;
    for (const v of vetoesByLedger.get(ev.ledger) ?? NONE) {
      if (!v.match(ev.fields)) continue;
      vetoedHere = true;
      unit.vetoes.push({
        rule: v.id,
        clause: v.clause,
        label: v.label,
        byCell:
          ev.facts.ledger === "petition" && whenCoversCell(v.when, ev.facts.level, ev.facts.form),
        event: ev.id,
        date: ev.date,
        source: sourceText(ev.at),
        facts: ev.facts,
      });
    }
    for (const c of byLedger.get(ev.ledger) ?? NONE) {
      if (!c.match(ev.fields)) continue;
      // The n-th match of the item in the unit; only items with free events count them.
      let free = false;
      if (c.counts !== null) {
        const n = (c.counts.get(ev.unit) ?? 0) + 1;
        c.counts.set(ev.unit, n);
        free = n <= c.item.free;
      }

      let base: Dec;
      let cell: Entry["cell"] = null;
      if (c.table) {
        const level = ev.fields.level as Level;
        const form = ev.fields.form as Form;
        const x = cellOf(c, c.table, level, form);
        cell = x.cell;
        base = x.points ?? ZERO;
        if (x.points === undefined && !vetoedHere) {
          warnings.push({
            code: "uncovered-cell",
            event: ev.id,
            unit: ev.unit,
            date: ev.date,
            source: sourceText(ev.at),
            level,
            form,
            clause: c.item.clause,
            origin: ev.origin,
          });
        }
      } else base = c.points ?? ZERO;

      const applied = c.modifiers.length ? appliedOf(c, ev.fields) : null;
      let points = free ? ZERO : base;
      if (!free && applied !== null) {
        const known = applied.points.get(base);
        if (known !== undefined) points = known;
        else {
          for (const f of applied.factors) points = mul(points, f);
          applied.points.set(base, (points = shared(points)));
        }
      }
      unit.entries.push(new PointsEntry(c, ev, base, applied, points, free, cell));
    }
  }
  return { entries, vetoes, warnings };
}
