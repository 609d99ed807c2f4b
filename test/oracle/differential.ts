// Compare the real engine's `score --json` object with the oracle's result (SPEC §8).
// Returns human-readable differences; an empty list means the two agree.
// Extra fields in `actual` are ignored. `source` is compared only when both sides are non-null.
//
// Options:
//   strictOrder — by default, entries of *different* ledgers on the same date are compared as
//   independent sub-sequences, because SPEC does not fix their relative order (AMBIGUITIES A1
//   in score.ts). Set strictOrder to compare the full entry sequence as is.

import type { OracleEntry, OracleResult, OracleUnit } from "./score.ts";

type Rec = Record<string, unknown>;

export interface CompareOptions {
  strictOrder?: boolean;
}

function isRec(v: unknown): v is Rec {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function numEq(a: unknown, b: unknown): boolean {
  return typeof a === "number" && typeof b === "number" && Math.abs(a - b) < 1e-9;
}
function show(v: unknown): string {
  return v === undefined ? "undefined" : JSON.stringify(v);
}

/** Which ledger an event id belongs to, from its shape (meeting `M:unit`, weekly `unit:YYYY-Www`). */
function ledgerOf(eventId: unknown): string {
  const s = String(eventId);
  if (/^[a-z0-9-]+:\d{4}-W\d{2}$/.test(s)) return "weekly-report";
  if (s.includes(":")) return "meeting";
  return "petition";
}

function entryDiff(a: unknown, e: OracleEntry): string | null {
  if (!isRec(a)) return `expected ${show(e)}, got ${show(a)}`;
  const bad: string[] = [];
  for (const k of ["rule", "event", "date"] as const)
    if (a[k] !== e[k]) bad.push(`${k} ${show(a[k])} ≠ ${show(e[k])}`);
  for (const k of ["base", "points"] as const)
    if (!numEq(a[k], e[k])) bad.push(`${k} ${show(a[k])} ≠ ${show(e[k])}`);
  const af = list(a["factors"]);
  if (af.length !== e.factors.length || af.some((f, i) => !numEq(f, e.factors[i])))
    bad.push(`factors ${show(a["factors"])} ≠ ${show(e.factors)}`);
  const as = a["source"];
  if (as !== null && as !== undefined && e.source !== null && as !== e.source)
    bad.push(`source ${show(as)} ≠ ${show(e.source)}`);
  return bad.length ? `${show(e.event)}/${e.rule}: ${bad.join("; ")}` : null;
}

function compareEntries(
  where: string,
  actual: unknown[],
  expected: OracleEntry[],
  strict: boolean,
  out: string[],
): void {
  const groups = (xs: unknown[], key: (x: unknown) => string): Map<string, unknown[]> => {
    const m = new Map<string, unknown[]>();
    for (const x of xs) {
      const k = key(x);
      if (!m.has(k)) m.set(k, []);
      m.get(k)!.push(x);
    }
    return m;
  };
  if (strict) {
    const n = Math.max(actual.length, expected.length);
    for (let i = 0; i < n; i++) {
      const e = expected[i];
      if (!e) {
        out.push(`${where}: entries[${i}] unexpected ${show(actual[i])}`);
        continue;
      }
      const d = entryDiff(actual[i], e);
      if (d) out.push(`${where}: entries[${i}] ${d}`);
    }
    return;
  }
  // dates must be non-decreasing in actual
  let prev = "";
  for (const a of actual) {
    const d = isRec(a) ? String(a["date"]) : "";
    if (d < prev) {
      out.push(`${where}: entries not in date order (${d} after ${prev})`);
      break;
    }
    prev = d;
  }
  const key = (x: unknown): string =>
    isRec(x) ? `${String(x["date"])}|${ledgerOf(x["event"])}` : "?";
  const ga = groups(actual, key);
  const ge = groups(expected, key);
  for (const k of new Set([...ge.keys(), ...ga.keys()])) {
    const xs = ga.get(k) ?? [];
    const es = (ge.get(k) ?? []) as OracleEntry[];
    const n = Math.max(xs.length, es.length);
    for (let i = 0; i < n; i++) {
      const e = es[i];
      if (!e) {
        out.push(`${where}: unexpected entry ${show(xs[i])}`);
        continue;
      }
      if (i >= xs.length) {
        out.push(`${where}: missing entry ${show(e)}`);
        continue;
      }
      const d = entryDiff(xs[i], e);
      if (d) out.push(`${where}: entry (${k} #${i}) ${d}`);
    }
  }
}

function compareSeq<T>(
  where: string,
  what: string,
  actual: unknown[],
  expected: T[],
  project: (x: unknown) => unknown,
  out: string[],
): void {
  const a = actual.map(project);
  const e = expected.map(project);
  if (JSON.stringify(a) !== JSON.stringify(e))
    out.push(`${where}: ${what} ${JSON.stringify(a)} ≠ ${JSON.stringify(e)}`);
}

function pick(keys: string[]): (x: unknown) => unknown {
  return (x) => {
    if (!isRec(x)) return x;
    const o: Rec = {};
    for (const k of keys) o[k] = x[k] === undefined ? null : x[k];
    return o;
  };
}

function compareUnit(a: Rec, e: OracleUnit, opts: CompareOptions, out: string[]): void {
  const where = `unit ${e.id}`;
  if (!numEq(a["score"], e.score)) out.push(`${where}: score ${show(a["score"])} ≠ ${e.score}`);
  if (a["rank"] !== e.rank) out.push(`${where}: rank ${show(a["rank"])} ≠ ${e.rank}`);
  if (a["vetoed"] !== e.vetoed) out.push(`${where}: vetoed ${show(a["vetoed"])} ≠ ${e.vetoed}`);
  const ar = list(a["rewards"]);
  const sum = ar.reduce<number>(
    (s, r) => s + (isRec(r) && typeof r["amount"] === "number" ? r["amount"] : 0),
    0,
  );
  const esum = e.rewards.reduce((s, r) => s + r.amount, 0);
  if (!numEq(sum, esum)) out.push(`${where}: reward total ${sum} ≠ ${esum}`);
  compareSeq(where, "rewards", ar, e.rewards, pick(["kind", "amount"]), out);
  compareSeq(where, "consequences", list(a["consequences"]), e.consequences, (x) => x, out);
  compareSeq(
    where,
    "sanctions",
    list(a["sanctions"]),
    e.sanctions,
    pick(["kind", "event", "from", "months"]),
    out,
  );
  compareSeq(where, "vetoes", list(a["vetoes"]), e.vetoes, pick(["rule", "event"]), out);
  compareEntries(where, list(a["entries"]), e.entries, opts.strictOrder === true, out);
}

export function compareScores(
  actual: unknown,
  expected: OracleResult,
  opts: CompareOptions = {},
): string[] {
  const out: string[] = [];
  if (!isRec(actual)) return [`actual is not an object: ${show(actual)}`];
  if (actual["year"] !== expected.year) out.push(`year ${show(actual["year"])} ≠ ${expected.year}`);
  if (actual["asOf"] !== expected.asOf) out.push(`asOf ${show(actual["asOf"])} ≠ ${expected.asOf}`);
  if (actual["complete"] !== expected.complete)
    out.push(`complete ${show(actual["complete"])} ≠ ${expected.complete}`);

  const aUnits = list(actual["units"]).filter(isRec);
  const aIds = aUnits.map((u) => String(u["id"]));
  const eIds = expected.units.map((u) => u.id);
  if (JSON.stringify(aIds) !== JSON.stringify(eIds))
    out.push(`unit order ${aIds.join(",")} ≠ ${eIds.join(",")}`);
  const byId = new Map(aUnits.map((u) => [String(u["id"]), u]));
  for (const e of expected.units) {
    const a = byId.get(e.id);
    if (!a) {
      out.push(`unit ${e.id}: missing`);
      continue;
    }
    compareUnit(a, e, opts, out);
  }

  const aLoss = list(actual["losses"]);
  const lossKey = pick(["person", "unit", "item", "months", "amount"]);
  const n = Math.max(aLoss.length, expected.losses.length);
  for (let i = 0; i < n; i++) {
    const a = aLoss[i] === undefined ? undefined : lossKey(aLoss[i]);
    const e = expected.losses[i] === undefined ? undefined : lossKey(expected.losses[i]);
    if (JSON.stringify(a) !== JSON.stringify(e)) out.push(`losses[${i}]: ${show(a)} ≠ ${show(e)}`);
  }

  compareSeq(
    "",
    "warnings",
    list(actual["warnings"]),
    expected.warnings,
    pick(["code", "event"]),
    out,
  );
  return out.map((s) => s.replace(/^: /, ""));
}
