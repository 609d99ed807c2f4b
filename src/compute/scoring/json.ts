// ScoreSheet → the JSON object of SPEC §8 (numbers rounded to two decimals, half away from zero).
// Fields beyond §8 (clauses, sources, modifiers, appraisals) add to the audit trail.
import { diagnosticMessage } from "../../diagnostics/catalog.ts";
import { printable } from "../../text/printable.ts";
import { Utf8Chunks } from "../../text/utf8-chunks.ts";
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

/** A text's bytes as written to the terminal: printable, UTF-8. */
const bytesOf = (s: string): Uint8Array => Buffer.from(printable(s), "utf8");

const SOURCE = bytesOf(',"source":');
const MODIFIERS = bytesOf(',"modifiers":');
const FREE = bytesOf(',"free":true');

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
  // The same, as the bytes `write` writes: a rule's head by clause, dates, numbers, lists, cells.
  private readonly heads = new Map<string, { rule: string; bytes: Uint8Array }>();
  private readonly dateParts = new Map<string, Uint8Array>();
  private readonly numberBytes = new Map<Entry["base"], Uint8Array>();
  private readonly factorBytes = new Map<Entry["factors"], Uint8Array>();
  private readonly modifierBytes = new Map<Entry["modifiers"], Uint8Array>();
  private readonly cellBytes = new Map<NonNullable<Entry["cell"]>, Uint8Array>();
  /** A record's file as the start of its source's JSON string (`"ledger/…`), by file. */
  private readonly fileBytes = new Map<string, Uint8Array>();

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
      o.cell = this.cellText(e.cell);
      if (e.cell.unset) o.unset = true;
    }
    return o;
  }

  /**
   * Writes `printable(JSON.stringify(this.make(e)))` as UTF-8, without making the object nor its
   * text: what entries share (a rule's head, dates, numbers, lists, cells, a ledger's file) is
   * converted once; the event id and the source's line are written in place.
   */
  write(e: Entry, out: Utf8Chunks): void {
    let head = this.heads.get(e.clause);
    if (head === undefined || head.rule !== e.rule) {
      head = {
        rule: e.rule,
        bytes: bytesOf(
          `{"rule":${JSON.stringify(e.rule)},"clause":${JSON.stringify(e.clause)},"event":`,
        ),
      };
      this.heads.set(e.clause, head);
    }
    let factors = this.factorBytes.get(e.factors);
    if (factors === undefined) {
      factors = bytesOf(`,"factors":${JSON.stringify(e.factors.map(toNumber2))},"points":`);
      if (Object.isFrozen(e.factors)) this.factorBytes.set(e.factors, factors);
    }
    out.bytes(head.bytes);
    out.jsonString(e.event);
    out.bytes(this.datePart(e.date));
    out.bytes(this.numberPart(e.base));
    out.bytes(factors);
    out.bytes(this.numberPart(e.points));
    out.bytes(SOURCE);
    const at = e.at;
    if (at === undefined) out.jsonString(e.source);
    else {
      // `"file:line"` (sourceText) in parts: the file's part, the same for a whole ledger's
      // entries, is made once. Nothing JSON escapes follows it, so it ends where it would alone.
      let file = this.fileBytes.get(at.file);
      if (file === undefined) {
        file = bytesOf(JSON.stringify(at.file).slice(0, -1));
        this.fileBytes.set(at.file, file);
      }
      out.bytes(file);
      if (at.line > 0) {
        out.byte(58 /* : */);
        out.integer(at.line);
      }
      out.byte(34 /* " */);
    }
    if (e.modifiers.length) {
      let ids = this.modifierBytes.get(e.modifiers);
      if (ids === undefined) {
        ids = bytesOf(JSON.stringify(e.modifiers.map((m) => m.id)));
        if (Object.isFrozen(e.modifiers)) this.modifierBytes.set(e.modifiers, ids);
      }
      out.bytes(MODIFIERS);
      out.bytes(ids);
    }
    if (e.free) out.bytes(FREE);
    if (e.cell) {
      let cell = this.cellBytes.get(e.cell);
      if (cell === undefined) {
        const unset = e.cell.unset ? ',"unset":true' : "";
        cell = bytesOf(`,"cell":${JSON.stringify(this.cellText(e.cell))}${unset}`);
        if (Object.isFrozen(e.cell)) this.cellBytes.set(e.cell, cell);
      }
      out.bytes(cell);
    }
    out.byte(125 /* } */);
  }

  /** A cell's text, `市/集访`. */
  private cellText(c: NonNullable<Entry["cell"]>): string {
    let cell = this.cells.get(c);
    if (cell === undefined) {
      cell = `${c.level}/${c.form}`;
      if (Object.isFrozen(c)) this.cells.set(c, cell);
    }
    return cell;
  }

  /** `,"date":"2025-01-04","base":` for an entry's date, made once per date. */
  private datePart(date: string): Uint8Array {
    let q = this.dateParts.get(date);
    if (q === undefined) {
      q = bytesOf(`,"date":${JSON.stringify(date)},"base":`);
      if (this.dateParts.size < 1 << 16) this.dateParts.set(date, q);
    }
    return q;
  }

  private numberPart(d: Entry["base"]): Uint8Array {
    let v = this.numberBytes.get(d);
    if (v === undefined) {
      v = bytesOf(JSON.stringify(toNumber2(d)));
      if (Object.isFrozen(d)) this.numberBytes.set(d, v);
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
 * A field of the top-level object: a value, or a list whose elements are written one by one by
 * `write` (which writes `printable(JSON.stringify(element))`).
 */
type Field =
  | readonly [string, unknown]
  | readonly [string, readonly unknown[], (x: never, out: Utf8Chunks) => Iterable<void> | void];

/** Entries written between two hand-outs of the chunks filled (a few dozen kilobytes). */
const ENTRIES_PER_PIECE = 256;

/** Writes `printable(JSON.stringify(unitJson(u)))`: the unit's fields, its entries, the rest. */
function* writeUnit(u: UnitScore, maker: EntryJsonMaker, out: Utf8Chunks): Generator<void> {
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
  out.printableText(`${before.slice(0, -1)},"entries":[`);
  for (let i = 0; i < u.entries.length; i++) {
    if (i) out.byte(44 /* , */);
    maker.write(u.entries[i] as Entry, out);
    if (i % ENTRIES_PER_PIECE === ENTRIES_PER_PIECE - 1) yield;
  }
  out.printableText(`],${after.slice(1)}`);
}

/** Writes `printable(JSON.stringify(object))` of an object of `fields`, list by list element. */
function* writeObject(fields: readonly Field[], out: Utf8Chunks): Generator<void> {
  let first = true;
  for (const field of fields) {
    const [key, value] = field;
    const write = field[2] as ((x: unknown, out: Utf8Chunks) => Iterable<void> | void) | undefined;
    if (write === undefined) {
      const text = JSON.stringify(value);
      if (text === undefined) continue; // what JSON.stringify leaves out of an object
      out.printableText(`${first ? "{" : ","}${JSON.stringify(key)}:${text}`);
    } else {
      out.printableText(`${first ? "{" : ","}${JSON.stringify(key)}:[`);
      const list = value as readonly unknown[];
      for (let i = 0; i < list.length; i++) {
        if (i) out.byte(44 /* , */);
        const steps = write(list[i], out);
        if (steps) yield* steps;
        yield;
      }
      out.byte(93 /* ] */);
    }
    first = false;
  }
  out.text(first ? "{}" : "}");
}

/** Chunks of bytes; one handed back (`reuse`) once nothing holds it is written over. */
export interface ByteChunks extends Iterable<Uint8Array> {
  reuse(chunk: Uint8Array): void;
}

/**
 * `printable(JSON.stringify(scoreSheetJson(sheet, onlyUnit)))` as UTF-8 bytes, in chunks of some
 * 64 KB made as they are taken: the JSON of a 2,000,000-petition year (about 450 MB) is never
 * held whole, nor the objects or the texts it is made of. What is printable is what the command
 * line lets through to a terminal (text/printable.ts), so these bytes go out as they are. Each
 * chunk ends between characters.
 */
export function scoreSheetJsonBytes(sheet: ScoreSheet, onlyUnit?: string): ByteChunks {
  const out = new Utf8Chunks();
  function* chunks(): Generator<Uint8Array> {
    const units = onlyUnit ? sheet.units.filter((u) => u.id === onlyUnit) : sheet.units;
    const warnings = onlyUnit ? sheet.warnings.filter((w) => w.unit === onlyUnit) : sheet.warnings;
    const { losses, appraisals } = scoreSheetJson({ ...sheet, units: [], warnings: [] }, onlyUnit);
    const maker = new EntryJsonMaker();
    const steps = writeObject(
      [
        ["year", sheet.year],
        ["asOf", sheet.asOf],
        ["complete", sheet.complete],
        ["units", units, (u: UnitScore, o: Utf8Chunks) => writeUnit(u, maker, o)],
        ["losses", losses],
        [
          "warnings",
          warnings,
          (w: CoverageWarning, o: Utf8Chunks) => o.printableText(JSON.stringify(warningJson(w))),
        ],
        ["appraisals", appraisals],
      ],
      out,
    );
    for (let step = steps.next(); step.done !== true; step = steps.next()) yield* out.take();
    yield* out.end();
  }
  return { [Symbol.iterator]: chunks, reuse: (chunk) => out.reuse(chunk) };
}
