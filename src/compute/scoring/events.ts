// Ledgers → one stream of scoring events in SPEC order: by date, then ledger order. Events of
// different ledgers on one date follow the rules' `event_order` (default petition, meeting,
// weekly-report), which SPEC leaves open.
import { EVENT_FIELDS } from "../../../schemas/index.ts";
import type { Form, Rules, Unit } from "../../../schemas/index.ts";
import { petitionOrigin } from "../../validate/content.ts";
import type {
  Ledger,
  Origin,
  Petition,
  PetitionRows,
  WeeklyReport,
} from "../../validate/content.ts";
import { isoWeekDate, weeksWithWeekdayIn } from "../../calendar/calendar.ts";
import type { ScoreEvent, SourceAt } from "./types.ts";

export interface Period {
  year: number;
  /** Inclusive last day, `YYYY-MM-DD`. */
  asOf: string;
}

/** The form a petition counts as: as given, else from headcount (SPEC §3). */
export function effectiveForm(p: Petition, threshold: number): Form {
  if (p.form) return p.form;
  return (p.headcount ?? 0) >= threshold ? "集访" : "个访";
}

/**
 * A petition's fields with its form derived from the headcount (SPEC §3), read through to the
 * record: a copy of the record for each petition without a form would hold every field again
 * (a quarter of a province's 2,000,000 petitions). `form` is its own; every other field a `when`
 * can name (EVENT_FIELDS), and the row, is read from the record.
 */
class DerivedForm {
  readonly form: Form;
  readonly #record: Petition;
  constructor(record: Petition, form: Form) {
    this.#record = record;
    this.form = form;
  }
  /** The record's value of `key`. */
  field(key: string): unknown {
    return (this.#record as unknown as Record<string, unknown>)[key];
  }
}
for (const key of [...Object.keys(EVENT_FIELDS.petition), "row"]) {
  if (key === "form") continue;
  Object.defineProperty(DerivedForm.prototype, key, {
    get(this: DerivedForm) {
      return this.field(key);
    },
    enumerable: true,
  });
}

export function petitionEvents(ledger: Ledger, rules: Rules, period: Period): ScoreEvent[] {
  const out: ScoreEvent[] = [];
  // One facts object per destination and form, shared by the events (never changed).
  const facts = new Map<string, Map<string, ScoreEvent["facts"]>>();
  for (const p of ledger.petitions) {
    if (p.date > period.asOf) continue;
    // The record itself is the field set (`when` can only name petition fields, validated),
    // seen through a DerivedForm where the form comes from the headcount.
    const form = effectiveForm(p, rules.collective_threshold);
    const fields = p.form ? p : (new DerivedForm(p, form) as unknown as Petition);
    let forms = facts.get(p.level);
    if (forms === undefined) facts.set(p.level, (forms = new Map()));
    let f = forms.get(form);
    if (f === undefined) forms.set(form, (f = { ledger: "petition", level: p.level, form }));
    out.push(new PetitionEvent(fields, f, ledger.petitionRows));
  }
  return out;
}

/**
 * A petition's scoring event: its record (or the record's DerivedForm view) and its facts, with
 * the id and village read from the record rather than kept again in each of a large year's
 * events. The date, which the events are sorted by, is its own. It is its own `at`: the file of
 * the ledger's rows, the line of the record's row.
 */
class PetitionEvent implements ScoreEvent, SourceAt {
  readonly fields: Petition;
  readonly date: string;
  readonly facts: ScoreEvent["facts"];
  readonly #rows: PetitionRows;
  order = 0;
  constructor(fields: Petition, facts: ScoreEvent["facts"], rows: PetitionRows) {
    this.fields = fields;
    this.date = fields.date;
    this.facts = facts;
    this.#rows = rows;
  }
  get ledger(): "petition" {
    return "petition";
  }
  get id(): string {
    return this.fields.id;
  }
  get unit(): string {
    return this.fields.unit;
  }
  get at(): SourceAt {
    return this;
  }
  get file(): string {
    return this.#rows.file;
  }
  get line(): number {
    return this.#rows.line(this.fields.row);
  }
  get origin(): Origin {
    return petitionOrigin(this.#rows, this.fields.row);
  }
}

export function meetingEvents(ledger: Ledger, period: Period): ScoreEvent[] {
  const out: ScoreEvent[] = [];
  for (const m of ledger.meetings) {
    if (m.date > period.asOf) continue;
    for (const status of ["absent", "leave"] as const) {
      for (const unit of m[status]) {
        const id = `${m.id}:${unit}`;
        out.push({
          ledger: "meeting",
          id,
          unit,
          date: m.date,
          fields: { id, date: m.date, unit, status, meeting: m.id, title: m.title },
          at: m.origin,
          order: 0,
          facts: { ledger: "meeting", title: m.title ?? null, status },
        });
      }
    }
  }
  return out;
}

/** The earliest submission of each unit and week (the one that counts), by unit, then week. */
export function earliestReports(ledger: Ledger): Map<string, Map<string, WeeklyReport>> {
  const earliest = new Map<string, Map<string, WeeklyReport>>();
  for (const r of ledger.weeklyReports) {
    let weeks = earliest.get(r.unit);
    if (weeks === undefined) earliest.set(r.unit, (weeks = new Map()));
    const prev = weeks.get(r.week);
    if (!prev || r.submittedAt < prev.submittedAt) weeks.set(r.week, r);
  }
  return earliest;
}

/** One event per unit and owed week: deadline in the period, on or before as-of, not exempt. */
export function weeklyReportEvents(
  ledger: Ledger,
  rules: Rules,
  units: readonly Unit[],
  period: Period,
): ScoreEvent[] {
  const { weekday, time } = rules.weekly_report.deadline;
  const exempt = new Set(rules.weekly_report.exempt_weeks);
  const weeks = weeksWithWeekdayIn(period.year, weekday)
    .filter((w) => !exempt.has(w))
    .map((w) => ({ week: w, date: isoWeekDate(w, weekday) }))
    .filter((w) => w.date <= period.asOf);
  const earliest = earliestReports(ledger);
  const file = ledger.files.weeklyReports ?? `ledger/${period.year}/weekly-reports.yaml`;
  const out: ScoreEvent[] = [];
  const byUnit = units.map((u) => earliest.get(u.id));
  for (const { week, date } of weeks) {
    const deadline = `${date}T${time}:00`;
    units.forEach((u, i) => {
      const sub = byUnit[i]?.get(week);
      out.push(new WeeklyReportEvent(u.id, week, date, time, deadline, sub, file));
    });
  }
  return out;
}

/**
 * A unit's owed week: its own fields (`id`, `date`, `unit`, `week`, `on_time`, what a `when`
 * tests), its own `at` (the file, the line of the submission that counts, 0 when none) and its
 * facts, made when first asked for (for the weeks that become entries). A province's year owes
 * a few hundred thousand of them, most never read again.
 */
class WeeklyReportEvent implements ScoreEvent, SourceAt {
  readonly unit: string;
  readonly week: string;
  readonly date: string;
  readonly on_time: boolean;
  readonly file: string;
  order = 0;
  readonly #deadline: string;
  readonly #submitted: WeeklyReport | undefined;
  #facts: ScoreEvent["facts"] | undefined;
  constructor(
    unit: string,
    week: string,
    date: string,
    deadline: string,
    due: string,
    submitted: WeeklyReport | undefined,
    file: string,
  ) {
    this.unit = unit;
    this.week = week;
    this.date = date;
    this.on_time = submitted !== undefined && submitted.submittedAt <= due;
    this.file = file;
    this.#deadline = deadline;
    this.#submitted = submitted;
  }
  get ledger(): "weekly-report" {
    return "weekly-report";
  }
  get id(): string {
    return `${this.unit}:${this.week}`;
  }
  get fields(): Readonly<Record<string, unknown>> {
    return this as unknown as Readonly<Record<string, unknown>>;
  }
  get at(): SourceAt {
    return this;
  }
  get line(): number {
    return this.#submitted ? this.#submitted.origin.line : 0;
  }
  get facts(): ScoreEvent["facts"] {
    return (this.#facts ??= {
      ledger: "weekly-report",
      week: Number(this.week.slice(6)),
      deadline: this.#deadline,
      submitted: this.#submitted ? this.#submitted.submittedAt : null,
    });
  }
}

/** All events of the period in SPEC order; `order` is set to the position in that order. */
export function scoringEvents(
  ledger: Ledger,
  rules: Rules,
  units: readonly Unit[],
  period: Period,
): ScoreEvent[] {
  // The other ledgers' events added to the petitions' list (a province's 2,000,000), not copied.
  const all = petitionEvents(ledger, rules, period);
  for (const e of meetingEvents(ledger, period)) all.push(e);
  for (const e of weeklyReportEvents(ledger, rules, units, period)) all.push(e);
  // By date; within a day by the rules' event_order of ledgers, then (stable) ledger order.
  const rank = new Map(rules.event_order.map((l, i) => [l, i]));
  all.sort((a, b) =>
    a.date < b.date
      ? -1
      : a.date > b.date
        ? 1
        : (rank.get(a.ledger) ?? 0) - (rank.get(b.ledger) ?? 0),
  );
  for (let i = 0; i < all.length; i++) (all[i] as ScoreEvent).order = i;
  return all;
}
