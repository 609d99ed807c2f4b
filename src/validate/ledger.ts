// ledger/<year>/: records against their schemas, then against each other and the roster —
// unknown units, duplicate ids, dates outside the year, impossible date orders, weeks that do
// not exist or are not owed in this year, submission times with a time zone.
import { isCalendarDate, isUnitId, ledgerSchemas } from "../../schemas/index.ts";
import type { MeetingRecord, WeeklyReportRecord } from "../../schemas/index.ts";
import { isoWeekDate, isoWeekExists } from "../calendar/calendar.ts";
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { DiagnosticArgs, DiagnosticCode, ParamsOf } from "../diagnostics/catalog.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { PathKey, SourceFile } from "../load/source-file.ts";
import type { z } from "zod";
import { emptyLedger } from "./content.ts";
import type {
  Ledger,
  Mediation,
  Meeting,
  Petition,
  PetitionRows,
  Reception,
  WeeklyReport,
} from "./content.ts";
import { fastMeeting, fastPetition, fastWeeklyReport } from "./fast.ts";
import { validateList } from "./records.ts";
import { resolveUnitNames } from "./unit-names.ts";
import type { UnitNames } from "./unit-names.ts";
import { fieldLabel } from "./zod-issues.ts";

const rec = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string | undefined =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
const date = (v: unknown): string | undefined =>
  typeof v === "string" && isCalendarDate(v) ? v : undefined;

interface Ctx {
  src: SourceFile;
  year: number;
  /** Known unit ids; null when units.yaml could not be read (no reference checks then). */
  units: Set<string> | null;
  out: Diagnostic[];
}

function err<C extends DiagnosticCode>(
  ctx: Ctx,
  code: C,
  path: PathKey[],
  params: ParamsOf<C>,
): void {
  ctx.out.push(
    makeDiagnostic(code, {
      position: ctx.src.locate(path),
      path: path.join("."),
      params,
    } as DiagnosticArgs<C>),
  );
}

// The checks below take the path as a function, made only for a diagnostic: a ledger of
// 2,000,000 rows that passes makes no path at all.

function checkUnit(ctx: Ctx, value: unknown, path: () => PathKey[]): void {
  if (ctx.units && typeof value === "string" && isUnitId(value) && !ctx.units.has(value))
    err(ctx, "ref/unknown-unit", path(), { id: value });
}

function checkInYear(
  ctx: Ctx,
  value: unknown,
  path: () => PathKey[],
  of: ParamsOf<"ledger/date-outside-year">["of"],
): void {
  const d = date(value);
  if (d && !d.startsWith(`${ctx.year}-`))
    err(ctx, "ledger/date-outside-year", path(), { of, date: d, year: ctx.year });
}

function checkDuplicateIds(ctx: Ctx, raw: unknown[], listKey: string): void {
  // A ledger kept in order of its ids (as a clerk numbers them) has no duplicate: seen in one
  // pass of comparisons, without a table of every id.
  let previous = "";
  let ordered = true;
  for (let i = 0; i < raw.length && ordered; i++) {
    const id = str(rec(raw[i]).id);
    if (id === undefined) continue;
    ordered = id > previous;
    previous = id;
  }
  if (ordered) return;
  const seen = new Map<string, number>();
  raw.forEach((r, i) => {
    const id = str(rec(r).id);
    if (id === undefined) return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else
      err(ctx, "ref/duplicate-id", [listKey, i, "id"], {
        id,
        of: "record",
        first: ctx.src.locate([listKey, first, "id"]),
      });
  });
}

function checkPetitions(ctx: Ctx, raw: unknown[]): void {
  checkDuplicateIds(ctx, raw, "petitions");
  raw.forEach((r, i) => {
    const p = rec(r);
    const at = (f: string): PathKey[] => ["petitions", i, f];
    checkUnit(ctx, p.unit, () => at("unit"));
    checkInYear(ctx, p.date, () => at("date"), "petition");
    const day = date(p.date);
    const accepted = date(p.accepted);
    const closed = date(p.closed);
    const due = date(p.due);
    if (day && accepted && accepted < day)
      err(ctx, "ledger/accepted-before-date", at("accepted"), { accepted, date: day });
    if (accepted && closed && closed < accepted)
      err(ctx, "ledger/closed-before-accepted", at("closed"), {
        field: "closed",
        date: closed,
        accepted,
      });
    if (accepted && due && due < accepted)
      err(ctx, "ledger/closed-before-accepted", at("due"), {
        field: "due",
        date: due,
        accepted,
      });
    if (!accepted && p.accepted === undefined && closed)
      err(ctx, "ledger/closed-before-accepted", at("closed"), {
        field: "closed",
        date: closed,
        accepted: null,
      });
    if (p.form === undefined && p.headcount === undefined)
      err(ctx, "ledger/form-missing", ["petitions", i], {});
  });
}

function checkMeetings(ctx: Ctx, raw: unknown[]): void {
  checkDuplicateIds(ctx, raw, "meetings");
  raw.forEach((r, i) => {
    const m = rec(r);
    checkInYear(ctx, m.date, () => ["meetings", i, "date"], "meeting");
    const absent = new Set<string>();
    for (const list of ["absent", "leave"] as const) {
      const units = Array.isArray(m[list]) ? (m[list] as unknown[]) : [];
      const seen = new Map<string, number>();
      units.forEach((u, j) => {
        const at: PathKey[] = ["meetings", i, list, j];
        checkUnit(ctx, u, () => at);
        if (typeof u !== "string") return;
        const first = seen.get(u);
        if (first === undefined) seen.set(u, j);
        else
          err(ctx, "ref/duplicate-id", at, {
            id: u,
            of: "list-entry",
            first: ctx.src.locate(["meetings", i, list, first]),
          });
        if (list === "absent") absent.add(u);
        else if (absent.has(u)) err(ctx, "ledger/absent-and-leave", at, { unit: u });
      });
    }
  });
}

/** The label of a weekly report's `submitted` field, as zod's issues name it. */
let submittedLabel: string | undefined;
const submittedField = () =>
  (submittedLabel ??= fieldLabel(ledgerSchemas().weeklyReport, ["submitted"]));

const WEEK_NAME_RE = /^\d{4}-W\d{2}$/;
// A submission time's parts (hoisted: a literal in the loop is a new object per report).
const UTC_OFFSET_RE = /(?:Z|[+-]\d{2}:?\d{2})$/;
const DATE_TIME_SEPARATOR_RE = /T|\s/;
const DATE_START_RE = /^\d{4}-\d{2}-\d{2}/;
const TIME_RE = /[T ](\d{2}):(\d{2})(?::(\d{2}))?/;

function checkWeeklyReports(ctx: Ctx, raw: unknown[], weekday: number): void {
  // Each week's deadline day once (null: no such week): a ledger names some fifty weeks.
  const deadlines = new Map<string, string | null>();
  raw.forEach((r, i) => {
    const w = rec(r);
    checkUnit(ctx, w.unit, () => ["weekly_reports", i, "unit"]);
    const week = w.week;
    if (typeof week === "string" && WEEK_NAME_RE.test(week)) {
      let deadline = deadlines.get(week);
      if (deadline === undefined) {
        deadline = isoWeekExists(week) ? isoWeekDate(week, weekday) : null;
        deadlines.set(week, deadline);
      }
      if (deadline === null)
        err(ctx, "ledger/week-not-exist", ["weekly_reports", i, "week"], { week });
      else {
        if (!deadline.startsWith(`${ctx.year}-`)) {
          err(ctx, "ledger/week-outside-year", ["weekly_reports", i, "week"], {
            week,
            deadline,
            year: ctx.year,
          });
        }
      }
    }
    const sub = w.submitted;
    if (typeof sub === "string") {
      if (UTC_OFFSET_RE.test(sub) && DATE_TIME_SEPARATOR_RE.test(sub))
        err(ctx, "ledger/utc-offset", ["weekly_reports", i, "submitted"], { submitted: sub });
      const day = sub.slice(0, 10);
      if (DATE_START_RE.test(sub) && !isCalendarDate(day)) {
        err(ctx, "schema/format", ["weekly_reports", i, "submitted"], {
          field: submittedField(),
          kind: "datetime",
          invalid: "date",
          text: day,
        });
      }
      const hms = TIME_RE.exec(sub);
      if (hms && (Number(hms[1]) > 23 || Number(hms[2]) > 59 || Number(hms[3] ?? 0) > 59)) {
        err(ctx, "schema/format", ["weekly_reports", i, "submitted"], {
          field: submittedField(),
          kind: "datetime",
          invalid: "time",
          text: sub,
        });
      }
    }
  });
}

/** `YYYY-MM-DDTHH:MM[:SS]` (T or space) → `YYYY-MM-DDTHH:MM:SS`. */
export function normaliseSubmitted(s: string): string {
  const t = `${s.slice(0, 10)}T${s.slice(11)}`;
  return t.length === 16 ? `${t}:00` : t.slice(0, 19);
}

export interface LedgerSources {
  petitions?: SourceFile;
  meetings?: SourceFile;
  weeklyReports?: SourceFile;
  mediation?: SourceFile;
  receptions?: SourceFile;
}

/** Where the rows of a parsed ledger file stand: a row's line found from the file when asked. */
class SourceRows implements PetitionRows {
  readonly file: string;
  readonly #src: SourceFile;
  readonly #rows: readonly unknown[];
  constructor(src: SourceFile, rows: readonly unknown[]) {
    this.file = src.file;
    this.#src = src;
    this.#rows = rows;
  }
  line(row: number): number {
    return this.#src.itemLine(this.#rows, row);
  }
}

/** Validates one year's ledgers; returns the typed ledger, or null when any record is invalid. */
export function validateLedger(
  year: number,
  sources: LedgerSources,
  units: Set<string> | null,
  weekday: number,
  out: Diagnostic[],
  unitNames: UnitNames = new Map(),
): Ledger | null {
  const before = out.length;
  // Names → ids first; a name reported there is not reported again by the schema.
  const named = new Map<string, Set<string>>();
  for (const src of Object.values(sources))
    if (src) named.set(src.file, resolveUnitNames(src, units, unitNames, out));
  const ledger: Ledger = {
    ...emptyLedger(year),
    files: {
      petitions: sources.petitions?.file ?? null,
      meetings: sources.meetings?.file ?? null,
      weeklyReports: sources.weeklyReports?.file ?? null,
      mediation: sources.mediation?.file ?? null,
      receptions: sources.receptions?.file ?? null,
    },
  };
  if (sources.petitions) {
    const src = sources.petitions;
    const list = validateList(
      src,
      "petitions",
      ledgerSchemas().petitionsFile,
      ledgerSchemas().petition,
      out,
      fastPetition,
    );
    checkPetitions({ src, year, units, out }, list.raw);
    // Records from the fast path or zod are fresh objects: complete them in place. The list of
    // records is the ledger's list when every record is valid (a province's 2,000,000, not
    // copied one by one into another).
    const items = list.items;
    for (let index = 0; index < items.length; index++) {
      const rec = items[index] as Petition | null;
      if (!rec) continue;
      if (rec.satisfaction === undefined && rec.satisfied !== undefined)
        rec.satisfaction = rec.satisfied;
      rec.row = index;
    }
    ledger.petitionRows = new SourceRows(src, list.array);
    ledger.petitions = items.includes(null)
      ? (items.filter((p) => p !== null) as Petition[])
      : (items as Petition[]);
  }
  if (sources.meetings) {
    const src = sources.meetings;
    const list = validateList(
      src,
      "meetings",
      ledgerSchemas().meetingsFile,
      ledgerSchemas().meeting,
      out,
      fastMeeting,
    );
    checkMeetings({ src, year, units, out }, list.raw);
    list.items.forEach((m: MeetingRecord | null, index) => {
      if (!m) return;
      const rec = m as Meeting;
      rec.origin = { file: src.file, line: src.itemLine(list.array, index), index };
      ledger.meetings.push(rec);
    });
  }
  if (sources.weeklyReports) {
    const src = sources.weeklyReports;
    const list = validateList(
      src,
      "weekly_reports",
      ledgerSchemas().weeklyReportsFile,
      ledgerSchemas().weeklyReport,
      out,
      fastWeeklyReport,
    );
    checkWeeklyReports({ src, year, units, out }, list.raw, weekday);
    list.items.forEach((w: WeeklyReportRecord | null, index) => {
      if (!w) return;
      const rec = w as WeeklyReport;
      rec.submittedAt = normaliseSubmitted(w.submitted);
      rec.origin = { file: src.file, line: src.itemLine(list.array, index), index };
      ledger.weeklyReports.push(rec);
    });
  }
  for (const [key, listKey, fileSchema, record] of [
    ["mediation", "mediations", ledgerSchemas().mediationFile, ledgerSchemas().mediation],
    ["receptions", "receptions", ledgerSchemas().receptionsFile, ledgerSchemas().reception],
  ] as const) {
    const src = sources[key];
    if (!src) continue;
    const list = validateList(src, listKey, fileSchema, record as z.ZodType, out);
    const ctx = { src, year, units, out };
    checkDuplicateIds(ctx, list.raw, listKey);
    list.raw.forEach((r, i) => {
      const x = rec(r);
      checkInYear(ctx, x.date, () => [listKey, i, "date"], "record");
      if (x.unit !== undefined) checkUnit(ctx, x.unit, () => [listKey, i, "unit"]);
    });
    list.items.forEach((m, index) => {
      if (!m) return;
      const withOrigin = m as (Mediation | Reception) & Record<string, unknown>;
      withOrigin.origin = { file: src.file, line: src.itemLine(list.array, index), index };
      if (key === "mediation") ledger.mediations.push(withOrigin as Mediation);
      else ledger.receptions.push(withOrigin as Reception);
    });
  }
  // Drop the schema's “an id is lowercase letters …” where the name was reported as such.
  for (let i = out.length - 1; i >= before; i--) {
    const d = out[i] as Diagnostic;
    if (d.code.startsWith("schema/") && d.position && named.get(d.position.file)?.has(d.path))
      out.splice(i, 1);
  }
  return out.slice(before).some((d) => d.severity === "error") ? null : ledger;
}
