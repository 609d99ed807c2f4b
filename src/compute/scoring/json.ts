// ScoreSheet → the JSON object of SPEC §8 (numbers rounded to two decimals, half away from zero).
// Fields beyond §8 (clauses, sources, modifiers, appraisals) add to the audit trail.
import { diagnosticMessage } from "../../diagnostics/catalog.ts";
import { toNumber2 } from "../decimal.ts";
import { unitLosses } from "./index.ts";
import type { CoverageWarning, Entry, Sanction, ScoreSheet, UnitScore } from "./types.ts";

/** One entry of the audit trail in the JSON. */
interface EntryJson {
  rule: Entry["rule"];
  clause: Entry["clause"];
  event: Entry["event"];
  date: Entry["date"];
  base: number;
  factors: number[];
  points: number;
  source: Entry["source"];
  modifiers?: string[];
  free?: true;
  cell?: string;
  unset?: true;
}

/**
 * Entries' JSON objects, built without spreads (the bulk of a large year's JSON), optional keys
 * last; what entries share is converted once: the numbers of a points value, the lists of factors
 * and modifier ids, a cell's text. Shared values are frozen (points.ts) and known here by
 * identity; anything else is converted for its entry alone. One maker per sheet written.
 */
export class EntryJsonMaker {
  private readonly numbers = new Map<Entry["base"], number>();
  private readonly factors = new Map<Entry["factors"], number[]>();
  private readonly modifiers = new Map<Entry["modifiers"], string[]>();
  private readonly cells = new Map<NonNullable<Entry["cell"]>, string>();
  // The same, as JSON text for `text`: a rule's head by clause, dates, cells, numbers, lists.
  private readonly heads = new Map<string, { rule: string; text: string }>();
  private readonly dateParts = new Map<string, string>();
  private readonly texts = new Map<string, string>();
  private readonly numberTexts = new Map<Entry["base"], string>();
  private readonly factorTexts = new Map<Entry["factors"], string>();
  private readonly modifierTexts = new Map<Entry["modifiers"], string>();
  /** Whether a record's file name is written as it is in JSON (nothing in it to escape). */
  private readonly plainFiles = new Map<string, boolean>();

  make(e: Entry): EntryJson {
    let factors = this.factors.get(e.factors);
    if (factors === undefined) {
      factors = e.factors.map(toNumber2);
      if (Object.isFrozen(e.factors)) this.factors.set(e.factors, factors);
    }
    const o: EntryJson = {
      rule: e.rule,
      clause: e.clause,
      event: e.event,
      date: e.date,
      base: this.number(e.base),
      factors,
      points: this.number(e.points),
      source: e.source,
    };
    if (e.modifiers.length) {
      let ids = this.modifiers.get(e.modifiers);
      if (ids === undefined) {
        ids = e.modifiers.map((m) => m.id);
        if (Object.isFrozen(e.modifiers)) this.modifiers.set(e.modifiers, ids);
      }
      o.modifiers = ids;
    }
    if (e.free) o.free = true;
    if (e.cell) {
      let cell = this.cells.get(e.cell);
      if (cell === undefined) {
        cell = `${e.cell.level}/${e.cell.form}`;
        if (Object.isFrozen(e.cell)) this.cells.set(e.cell, cell);
      }
      o.cell = cell;
      if (e.cell.unset) o.unset = true;
    }
    return o;
  }

  /**
   * Appends `JSON.stringify(this.make(e))` to `out`, in parts, without making the object: texts
   * entries share (a rule's head, dates, cells, numbers) are quoted once. The event id and the
   * source are quoted by JSON.stringify, or, given `unchecked`, written between quotes as they
   * are and kept there for the caller to check (see pushQuoted); a source kept as its record's
   * place (`at`) has its file checked here, once per file.
   */
  text(e: Entry, out: TextParts, unchecked: TextParts | null = null): void {
    let head = this.heads.get(e.clause);
    if (head === undefined || head.rule !== e.rule) {
      head = {
        rule: e.rule,
        text: `{"rule":${JSON.stringify(e.rule)},"clause":${JSON.stringify(e.clause)},"event":`,
      };
      this.heads.set(e.clause, head);
    }
    let factors = this.factorTexts.get(e.factors);
    if (factors === undefined) {
      factors = `,"factors":${JSON.stringify(e.factors.map(toNumber2))},"points":`;
      if (Object.isFrozen(e.factors)) this.factorTexts.set(e.factors, factors);
    }
    out.add(head.text);
    pushQuoted(out, e.event, unchecked);
    out.add(this.datePart(e.date));
    out.add(this.numberText(e.base));
    out.add(factors);
    out.add(this.numberText(e.points));
    out.add(',"source":');
    const at = e.at;
    if (at === undefined || unchecked === null) pushQuoted(out, e.source, unchecked);
    else {
      // `file:line` written in parts, without making its text (sourceText); the file, the same
      // for a whole ledger's entries, is checked once.
      let plain = this.plainFiles.get(at.file);
      if (plain === undefined) this.plainFiles.set(at.file, (plain = !NEEDS_ESCAPE.test(at.file)));
      if (plain) {
        out.add('"');
        out.add(at.file);
        out.add(at.line > 0 ? `:${at.line}"` : '"');
      } else out.add(JSON.stringify(e.source));
    }
    if (e.modifiers.length) {
      let ids = this.modifierTexts.get(e.modifiers);
      if (ids === undefined) {
        ids = JSON.stringify(e.modifiers.map((m) => m.id));
        if (Object.isFrozen(e.modifiers)) this.modifierTexts.set(e.modifiers, ids);
      }
      out.add(',"modifiers":');
      out.add(ids);
    }
    if (e.free) out.add(',"free":true');
    if (e.cell) {
      let cell = this.cells.get(e.cell);
      if (cell === undefined) {
        cell = `${e.cell.level}/${e.cell.form}`;
        if (Object.isFrozen(e.cell)) this.cells.set(e.cell, cell);
      }
      out.add(',"cell":');
      out.add(this.shared(cell));
      if (e.cell.unset) out.add(',"unset":true');
    }
    out.add("}");
  }

  /** `,"date":"2025-01-04","base":` for an entry's date, made once per date. */
  private datePart(date: string): string {
    let q = this.dateParts.get(date);
    if (q === undefined) {
      q = `,"date":${JSON.stringify(date)},"base":`;
      if (this.dateParts.size < 1 << 16) this.dateParts.set(date, q);
    }
    return q;
  }

  /** A text of a small set (cells) as a JSON string, quoted once. */
  private shared(s: string): string {
    let q = this.texts.get(s);
    if (q === undefined) {
      q = JSON.stringify(s);
      if (this.texts.size < 1 << 16) this.texts.set(s, q);
    }
    return q;
  }

  private numberText(d: Entry["base"]): string {
    let v = this.numberTexts.get(d);
    if (v === undefined) {
      v = JSON.stringify(toNumber2(d));
      if (Object.isFrozen(d)) this.numberTexts.set(d, v);
    }
    return v;
  }

  private number(d: Entry["base"]): number {
    let v = this.numbers.get(d);
    if (v === undefined) {
      v = toNumber2(d);
      if (Object.isFrozen(d)) this.numbers.set(d, v);
    }
    return v;
  }
}

/** Characters JSON.stringify escapes (and any surrogate, which it may). */
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * Appends `JSON.stringify(s)` for a string. With `unchecked`, its text is put between quotes and
 * kept in `unchecked`, for the caller to check all at once (NEEDS_ESCAPE) and write again with
 * `unchecked` null should any hold what JSON escapes.
 */
function pushQuoted(out: TextParts, s: string, unchecked: TextParts | null): void {
  if (unchecked === null) out.add(JSON.stringify(s));
  else {
    out.add('"');
    out.add(s);
    out.add('"');
    unchecked.add(s);
  }
}

/**
 * Texts to be joined, kept in one array that keeps its room from one piece to the next: emptying
 * an array (`length = 0`) gives its room up, and growing it again for every piece of a unit's
 * entries cost a third of writing them.
 */
export class TextParts {
  private readonly parts: string[] = [];
  private n = 0;
  add(s: string): void {
    this.parts[this.n++] = s;
  }
  /** Forgets every text added. */
  clear(): void {
    this.n = 0;
  }
  /** The texts added since the last `clear`, joined. */
  join(): string {
    this.parts.length = this.n;
    return this.parts.join("");
  }
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

function unitJson(u: UnitScore, maker: EntryJsonMaker) {
  return {
    id: u.id,
    name: u.name,
    score: toNumber2(u.score),
    rank: u.rank,
    vetoed: u.vetoed,
    deducted: toNumber2(u.deducted),
    added: toNumber2(u.added),
    entries: u.entries.map((e) => maker.make(e)),
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

function warningJson(w: CoverageWarning) {
  return {
    code: w.code,
    event: w.event,
    message: diagnosticMessage("score/uncovered-cell", w),
    unit: w.unit,
    date: w.date,
    source: w.source,
  };
}

export function scoreSheetJson(sheet: ScoreSheet, onlyUnit?: string) {
  const units = onlyUnit ? sheet.units.filter((u) => u.id === onlyUnit) : sheet.units;
  const maker = new EntryJsonMaker();
  return {
    year: sheet.year,
    asOf: sheet.asOf,
    complete: sheet.complete,
    units: units.map((u) => unitJson(u, maker)),
    losses: (onlyUnit ? unitLosses(sheet, onlyUnit) : sheet.losses).map((l) => ({
      person: l.person,
      unit: l.unit,
      item: l.item,
      months: l.months,
      amount: l.amount,
      role: l.role,
    })),
    warnings: sheet.warnings.filter((w) => !onlyUnit || w.unit === onlyUnit).map(warningJson),
    appraisals: sheet.appraisals.filter((a) => !onlyUnit || a.units.includes(onlyUnit)),
  };
}

/**
 * A list field of the top-level object: each element's JSON made by `make`, as one piece or several
 * (joined, they are the element's JSON).
 */
type Field =
  | readonly [string, unknown]
  | readonly [string, readonly unknown[], (x: never) => string | Iterable<string>];

/**
 * Entries per piece of a unit's JSON: pieces of some 10,000 characters. A string of a megabyte or
 * more is allocated apart from the heap's pages, in fresh memory each time, and filling it costs
 * more than making its text.
 */
const ENTRIES_PER_PIECE = 64;

/** `JSON.stringify(unitJson(u))` in pieces: the unit's fields, its entries 64 at a time, the rest. */
function* unitChunks(u: UnitScore, maker: EntryJsonMaker): Generator<string> {
  const j = unitJson({ ...u, entries: [] }, maker);
  const before = JSON.stringify({
    id: j.id,
    name: j.name,
    score: j.score,
    rank: j.rank,
    vetoed: j.vetoed,
    deducted: j.deducted,
    added: j.added,
  });
  const after = JSON.stringify({
    vetoes: j.vetoes,
    rewards: j.rewards,
    consequences: j.consequences,
    sanctions: j.sanctions,
  });
  yield `${before.slice(0, -1)},"entries":[`;
  const parts = new TextParts();
  const unchecked = new TextParts();
  for (let i = 0; i < u.entries.length; i += ENTRIES_PER_PIECE) {
    const end = Math.min(u.entries.length, i + ENTRIES_PER_PIECE);
    // Event ids and sources are written as they are, and checked together: one test per piece.
    for (let checked: TextParts | null = unchecked; ; checked = null) {
      parts.clear();
      unchecked.clear();
      for (let k = i; k < end; k++) {
        if (k) parts.add(",");
        maker.text(u.entries[k] as Entry, parts, checked);
      }
      if (checked === null || !NEEDS_ESCAPE.test(unchecked.join())) break;
    }
    yield parts.join();
  }
  yield `],${after.slice(1)}`;
}

/** `JSON.stringify` of an object of `fields`, as pieces: lists are stringified element by element. */
function* objectChunks(fields: readonly Field[]): Generator<string> {
  let first = true;
  for (const field of fields) {
    const [key, value] = field;
    const make = field[2] as ((x: unknown) => string | Iterable<string>) | undefined;
    if (make === undefined) {
      const text = JSON.stringify(value);
      if (text === undefined) continue; // what JSON.stringify leaves out of an object
      yield `${first ? "{" : ","}${JSON.stringify(key)}:${text}`;
    } else {
      yield `${first ? "{" : ","}${JSON.stringify(key)}:[`;
      const list = value as readonly unknown[];
      for (let i = 0; i < list.length; i++) {
        if (i) yield ",";
        const made = make(list[i]);
        if (typeof made === "string") yield made;
        else yield* made;
      }
      yield "]";
    }
    first = false;
  }
  yield first ? "{}" : "}";
}

/**
 * The text of `JSON.stringify(scoreSheetJson(sheet, onlyUnit))`, as pieces made one warning and a
 * few dozen entries at a time: the JSON of a 2,000,000-petition year (about 450 MB) is never held
 * whole, nor the objects it is made of.
 */
export function scoreSheetJsonChunks(sheet: ScoreSheet, onlyUnit?: string): Iterable<string> {
  const units = onlyUnit ? sheet.units.filter((u) => u.id === onlyUnit) : sheet.units;
  const warnings = onlyUnit ? sheet.warnings.filter((w) => w.unit === onlyUnit) : sheet.warnings;
  const { losses, appraisals } = scoreSheetJson({ ...sheet, units: [], warnings: [] }, onlyUnit);
  const maker = new EntryJsonMaker();
  return objectChunks([
    ["year", sheet.year],
    ["asOf", sheet.asOf],
    ["complete", sheet.complete],
    ["units", units, (u: UnitScore) => unitChunks(u, maker)],
    ["losses", losses],
    ["warnings", warnings, (w: CoverageWarning) => JSON.stringify(warningJson(w))],
    ["appraisals", appraisals],
  ]);
}
