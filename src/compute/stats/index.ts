// compute/stats: report statistics for a period and the same span one year earlier (SPEC §5).
// Pure: petitions in, counts and exact rates out; nothing is rounded until it is printed.
// Only accepted petitions count. A petition belongs to a period by its acceptance date (or, with
// office.yaml statistics.count_by: date, by its petition date).
import { CHANNELS, LEVELS } from "../../../schemas/index.ts";
import type { Channel, Form, Level, PreviousFigures, Unit } from "../../../schemas/index.ts";
import type { Ledger, Petition } from "../../validate/content.ts";
import { addDays } from "../../calendar/calendar.ts";

export interface Count {
  /** 件 / 批次 */
  count: number;
  /** 人次 */
  headcount: number;
}

export interface Fraction {
  num: number;
  den: number;
}

export interface Figures {
  /** 受理量 */
  accepted: Count;
  byChannel: { channel: Channel | "未填写"; value: Count }[];
  byCategory: { category: string; value: Count }[];
  byUnit: { unit: string; name: string; value: Count }[];
  /** One per calendar month of the period, in order (YYYY-MM). */
  byMonth: { month: string; value: Count }[];
  collective: Count;
  /** 越级访: above the level directly over the office (for a town: 市, 省, 京). */
  leapfrog: Count;
  repeat: Count;
  closed: number;
  closedOnTime: number;
  resolved: number;
  evaluated: number;
  satisfied: number;
  /** 初信初访: accepted petitions that are not 重访, and those of them closed on time. */
  first: { accepted: number; closedOnTime: number };
  rates: {
    closed: Fraction;
    onTime: Fraction;
    resolved: Fraction;
    satisfied: Fraction;
    /** 初信初访按期办结率. */
    firstOnTime: Fraction;
  };
  mediation: { checked: number; resolved: number; rate: Fraction };
  receptions: { times: number; visits: number; batches: number; headcount: number; solved: number };
}

/** Last year's figures from its ledger, or the report's `previous:` block (partial). */
export type Comparison =
  | { source: "ledger"; figures: Figures }
  | { source: "summary"; figures: PreviousFigures }
  | { source: "none" };

export interface Stats {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  current: Figures;
  previous: Comparison;
}

export interface StatsOptions {
  from: string;
  to: string;
  units: readonly Unit[];
  /** Ledgers of every year available. */
  ledgers: readonly Ledger[];
  /** Collective threshold per year (from that year's rules; 5 when a year has none). */
  threshold: (year: number) => number;
  officeLevel: Level;
  countBy: "accepted" | "date";
  onTimeDays: number;
  /** Summary figures of the comparison period, used when its ledger is absent. */
  previous?: PreviousFigures | undefined;
}

const zero = (): Count => ({ count: 0, headcount: 0 });
const add = (c: Count, headcount: number) => {
  c.count++;
  c.headcount += headcount;
};

/** The same span one year earlier (Feb 29 becomes Feb 28). */
export function yearEarlier(date: string): string {
  const y = Number(date.slice(0, 4)) - 1;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === "02-29" && !leap ? "02-28" : md}`;
}

function months(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endKey = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    out.push(key);
    if (key >= endKey) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

function effectiveForm(p: Petition, threshold: number): Form {
  return p.form ?? ((p.headcount ?? 0) >= threshold ? "集访" : "个访");
}

function figures(from: string, to: string, o: StatsOptions): Figures {
  const byChannel = new Map<string, Count>();
  const byCategory = new Map<string, Count>();
  const byUnit = new Map<string, Count>(o.units.map((u) => [u.id, zero()]));
  const byMonth = new Map<string, Count>(months(from, to).map((m) => [m, zero()]));
  const f = {
    accepted: zero(),
    collective: zero(),
    leapfrog: zero(),
    repeat: zero(),
    closed: 0,
    closedOnTime: 0,
    resolved: 0,
    evaluated: 0,
    satisfied: 0,
    firstAccepted: 0,
    firstOnTime: 0,
  };
  const leapfrogFrom = LEVELS.indexOf(o.officeLevel) + 2;
  for (const ledger of o.ledgers) {
    const threshold = o.threshold(ledger.year);
    for (const p of ledger.petitions) {
      if (!p.accepted) continue;
      const day = o.countBy === "accepted" ? p.accepted : p.date;
      if (day < from || day > to) continue;
      const people = p.headcount ?? 1;
      add(f.accepted, people);
      const channel = p.channel ?? "未填写";
      add(
        byChannel.get(channel) ?? (byChannel.set(channel, zero()), byChannel.get(channel) as Count),
        people,
      );
      const category = p.category ?? "未分类";
      add(
        byCategory.get(category) ??
          (byCategory.set(category, zero()), byCategory.get(category) as Count),
        people,
      );
      const u = byUnit.get(p.unit);
      if (u) add(u, people);
      const m = byMonth.get(day.slice(0, 7));
      if (m) add(m, people);
      const form = effectiveForm(p, threshold);
      if (form === "集访") add(f.collective, people);
      if (form === "重访") add(f.repeat, people);
      else f.firstAccepted++;
      if (LEVELS.indexOf(p.level) >= leapfrogFrom) add(f.leapfrog, people);
      if (p.closed) {
        f.closed++;
        const due = p.due ?? addDays(p.accepted, o.onTimeDays);
        if (p.closed <= due) {
          f.closedOnTime++;
          if (form !== "重访") f.firstOnTime++;
        }
      }
      if (p.resolved) f.resolved++;
      const s = p.satisfaction;
      if (s === "满意" || s === "基本满意" || s === "不满意") f.evaluated++;
      if (s === "满意" || s === "基本满意") f.satisfied++;
    }
  }
  let checked = 0;
  let mediated = 0;
  const receptions = { times: 0, visits: 0, batches: 0, headcount: 0, solved: 0 };
  for (const ledger of o.ledgers) {
    for (const m of ledger.mediations) {
      if (m.date < from || m.date > to) continue;
      checked++;
      if (m.resolved) mediated++;
    }
    for (const r of ledger.receptions) {
      if (r.date < from || r.date > to) continue;
      if (r.kind === "接访") receptions.times++;
      else receptions.visits++;
      receptions.batches += r.batches;
      receptions.headcount += r.headcount;
      receptions.solved += r.solved;
    }
  }
  const channelOrder = [...CHANNELS, "未填写"];
  return {
    accepted: f.accepted,
    byChannel: [...byChannel.entries()]
      .sort((a, b) => channelOrder.indexOf(a[0]) - channelOrder.indexOf(b[0]))
      .map(([channel, value]) => ({ channel: channel as Channel | "未填写", value })),
    byCategory: [...byCategory.entries()]
      .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
      .map(([category, value]) => ({ category, value })),
    byUnit: o.units.map((u) => ({ unit: u.id, name: u.name, value: byUnit.get(u.id) ?? zero() })),
    byMonth: [...byMonth.entries()].map(([month, value]) => ({ month, value })),
    collective: f.collective,
    leapfrog: f.leapfrog,
    repeat: f.repeat,
    closed: f.closed,
    closedOnTime: f.closedOnTime,
    resolved: f.resolved,
    evaluated: f.evaluated,
    satisfied: f.satisfied,
    first: { accepted: f.firstAccepted, closedOnTime: f.firstOnTime },
    rates: {
      closed: { num: f.closed, den: f.accepted.count },
      onTime: { num: f.closedOnTime, den: f.accepted.count },
      resolved: { num: f.resolved, den: f.accepted.count },
      satisfied: { num: f.satisfied, den: f.evaluated },
      firstOnTime: { num: f.firstOnTime, den: f.firstAccepted },
    },
    mediation: { checked, resolved: mediated, rate: { num: mediated, den: checked } },
    receptions,
  };
}

/** Does some ledger cover any day of the period? */
function covered(from: string, to: string, ledgers: readonly Ledger[]): boolean {
  const y0 = Number(from.slice(0, 4));
  const y1 = Number(to.slice(0, 4));
  return ledgers.some(
    (l) => l.year >= y0 && l.year <= y1 && (l.petitions.length > 0 || l.files.petitions !== null),
  );
}

export function computeStats(o: StatsOptions): Stats {
  const previousFrom = yearEarlier(o.from);
  const previousTo = yearEarlier(o.to);
  const previous: Comparison = covered(previousFrom, previousTo, o.ledgers)
    ? { source: "ledger", figures: figures(previousFrom, previousTo, o) }
    : o.previous
      ? { source: "summary", figures: o.previous }
      : { source: "none" };
  return {
    from: o.from,
    to: o.to,
    previousFrom,
    previousTo,
    current: figures(o.from, o.to, o),
    previous,
  };
}
