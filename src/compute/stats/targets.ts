// Plan targets weighed against the figures of a period: each quantified target of a 工作方案
// (初信初访按期办结率 ≥ 98%, 集体访批次同比下降20% …) is matched by its name to a figure the
// ledger gives, and compared exactly — met, missed, or not computable (and why). Pure: targets
// and Stats in, results out; rates stay fractions, nothing is rounded here.
import type { Target } from "../../../schemas/index.ts";
import type { Fraction, Stats } from "./index.ts";

/** A figure a target can name: a rate (a fraction, printed in %) or a count with its unit. */
export type Measure =
  | { kind: "rate"; name: string; value: Fraction; previous: Fraction | undefined }
  | { kind: "count"; name: string; unit: string; value: number; previous: number | undefined };

export type TargetOutcome =
  | { status: "met" | "missed"; target: Target; measure: Measure; change?: Fraction }
  | {
      status: "unknown";
      target: Target;
      /** no-figure: the name matches no figure; no-data: the rate has nothing to divide by;
       *  no-previous: a 同比 target without last year's figure (or with 0 last year);
       *  unsupported: a comparison the figure does not take (同比 of a rate, % of a count). */
      reason: "no-figure" | "no-data" | "no-previous" | "unsupported";
      measure?: Measure;
    };

type Lookup = (s: Stats) => Measure;

const frac = (num: number, den: number): Fraction => ({ num, den });

/** Last year's value of a count, from its ledger or from the report's summary figures. */
function previousCount(
  s: Stats,
  fromLedger: (
    f: NonNullable<Extract<Stats["previous"], { source: "ledger" }>["figures"]>,
  ) => number,
  summaryKey: keyof Extract<Stats["previous"], { source: "summary" }>["figures"],
): number | undefined {
  if (s.previous.source === "ledger") return fromLedger(s.previous.figures);
  if (s.previous.source === "summary") return s.previous.figures[summaryKey];
  return undefined;
}

/** Target names, most specific first, and the figure each names. */
const MEASURES: [RegExp, Lookup][] = [
  [
    /初信初访.*按期办结率/,
    (s) => ({
      kind: "rate",
      name: "初信初访按期办结率",
      value: s.current.rates.firstOnTime,
      previous: s.previous.source === "ledger" ? s.previous.figures.rates.firstOnTime : undefined,
    }),
  ],
  [
    /按期办结率/,
    (s) => ({
      kind: "rate",
      name: "按期办结率",
      value: s.current.rates.onTime,
      previous: s.previous.source === "ledger" ? s.previous.figures.rates.onTime : undefined,
    }),
  ],
  [
    /办结率/,
    (s) => ({
      kind: "rate",
      name: "办结率",
      value: s.current.rates.closed,
      previous: s.previous.source === "ledger" ? s.previous.figures.rates.closed : undefined,
    }),
  ],
  [
    /化解率/,
    (s) => ({
      kind: "rate",
      name: "化解率",
      value: s.current.rates.resolved,
      previous: s.previous.source === "ledger" ? s.previous.figures.rates.resolved : undefined,
    }),
  ],
  [
    /满意率/,
    (s) => ({
      kind: "rate",
      name: "满意率",
      value: s.current.rates.satisfied,
      previous: s.previous.source === "ledger" ? s.previous.figures.rates.satisfied : undefined,
    }),
  ],
  [
    /调处(成功)?率/,
    (s) => ({
      kind: "rate",
      name: "调处成功率",
      value: s.current.mediation.rate,
      previous: s.previous.source === "ledger" ? s.previous.figures.mediation.rate : undefined,
    }),
  ],
  [
    /集体(上)?访.*人次/,
    (s) => ({
      kind: "count",
      name: "集体访人次",
      unit: "人次",
      value: s.current.collective.headcount,
      previous: previousCount(s, (f) => f.collective.headcount, "collective_headcount"),
    }),
  ],
  [
    /集体(上)?访/,
    (s) => ({
      kind: "count",
      name: "集体访批次",
      unit: "批",
      value: s.current.collective.count,
      previous: previousCount(s, (f) => f.collective.count, "collective_batches"),
    }),
  ],
  [
    /越级(上)?访.*人次/,
    (s) => ({
      kind: "count",
      name: "越级访人次",
      unit: "人次",
      value: s.current.leapfrog.headcount,
      previous: previousCount(s, (f) => f.leapfrog.headcount, "leapfrog_headcount"),
    }),
  ],
  [
    /越级(上)?访/,
    (s) => ({
      kind: "count",
      name: "越级访批次",
      unit: "批",
      value: s.current.leapfrog.count,
      previous: previousCount(s, (f) => f.leapfrog.count, "leapfrog_batches"),
    }),
  ],
  [
    /重复(上)?访.*人次|重访.*人次/,
    (s) => ({
      kind: "count",
      name: "重复访人次",
      unit: "人次",
      value: s.current.repeat.headcount,
      previous: previousCount(s, (f) => f.repeat.headcount, "repeat_headcount"),
    }),
  ],
  [
    /重复(上)?访|重访/,
    (s) => ({
      kind: "count",
      name: "重复访批次",
      unit: "批",
      value: s.current.repeat.count,
      previous: previousCount(s, (f) => f.repeat.count, "repeat_batches"),
    }),
  ],
  [
    /(信访总量|受理量|信访量|受理信访事项|信访事项).*人次/,
    (s) => ({
      kind: "count",
      name: "受理人次",
      unit: "人次",
      value: s.current.accepted.headcount,
      previous: previousCount(s, (f) => f.accepted.headcount, "headcount"),
    }),
  ],
  [
    /信访总量|受理量|信访量|受理信访事项/,
    (s) => ({
      kind: "count",
      name: "受理信访事项",
      unit: "件",
      value: s.current.accepted.count,
      previous: previousCount(s, (f) => f.accepted.count, "accepted"),
    }),
  ],
  [
    /矛盾纠纷/,
    (s) => ({
      kind: "count",
      name: "排查矛盾纠纷",
      unit: "起",
      value: s.current.mediation.checked,
      previous: previousCount(s, (f) => f.mediation.checked, "mediations"),
    }),
  ],
];

/** The figure a target's name stands for, or null. */
export function measureOf(name: string, s: Stats): Measure | null {
  const key = name.replace(/\s+/g, "");
  for (const [re, get] of MEASURES) if (re.test(key)) return get(s);
  return null;
}

/** A target value as an exact fraction (98.5 → 985/10). */
function exact(value: number): { n: bigint; d: bigint } {
  const text = String(value);
  if (/e/i.test(text)) return { n: BigInt(Math.round(value * 1e6)), d: 1_000_000n };
  const [whole, decimals = ""] = text.split(".");
  const d = 10n ** BigInt(decimals.length);
  return { n: BigInt(`${whole}${decimals}`), d };
}

/** Sign of a/b − c/d for b, d > 0. */
function cmpFrac(a: bigint, b: bigint, c: bigint, d: bigint): number {
  const x = a * d - c * b;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
}

function holds(op: Target["op"], sign: number): boolean {
  switch (op) {
    case "≥":
      return sign >= 0;
    case "≤":
      return sign <= 0;
    case "=":
      return sign === 0;
    case "下降":
    case "上升":
      return sign >= 0;
  }
}

/** Weighs one target against the figures of a period. */
export function weighTarget(target: Target, s: Stats): TargetOutcome {
  const measure = measureOf(target.name, s);
  if (!measure) return { status: "unknown", target, reason: "no-figure" };
  const t = exact(target.value);
  const yoy = target.op === "下降" || target.op === "上升";
  if (measure.kind === "rate") {
    if (yoy || target.unit !== "%")
      return { status: "unknown", target, reason: "unsupported", measure };
    const { num, den } = measure.value;
    if (den === 0) return { status: "unknown", target, reason: "no-data", measure };
    // num/den × 100 against the target percentage.
    const sign = cmpFrac(BigInt(num) * 100n, BigInt(den), t.n, t.d);
    return { status: holds(target.op, sign) ? "met" : "missed", target, measure };
  }
  if (yoy) {
    if (target.unit !== "%") return { status: "unknown", target, reason: "unsupported", measure };
    const prev = measure.previous;
    if (prev === undefined || prev === 0)
      return { status: "unknown", target, reason: "no-previous", measure };
    // Change in % of last year's figure: (prev − x)/prev for 下降, (x − prev)/prev for 上升.
    const diff = target.op === "下降" ? prev - measure.value : measure.value - prev;
    const change = frac(diff, prev);
    const sign = cmpFrac(BigInt(diff) * 100n, BigInt(prev), t.n, t.d);
    return { status: holds(target.op, sign) ? "met" : "missed", target, measure, change };
  }
  if (target.unit === "%") return { status: "unknown", target, reason: "unsupported", measure };
  const sign = cmpFrac(BigInt(measure.value), 1n, t.n, t.d);
  return { status: holds(target.op, sign) ? "met" : "missed", target, measure };
}

/** Weighs every target, in order. */
export function weighTargets(targets: readonly Target[], s: Stats): TargetOutcome[] {
  return targets.map((t) => weighTarget(t, s));
}
