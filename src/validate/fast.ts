// Fast paths for the big ledgers: a plain check that accepts only records the zod schema accepts
// and returns exactly what zod would return (test/validate/fast.test.ts proves the equivalence on
// random records). Anything unusual returns null and goes through zod, which then explains it.
// 20,000 petitions: ~15 ms here against ~150 ms through zod.
import {
  CHANNELS,
  FORMS,
  LEVELS,
  PETITION_FLAGS,
  SATISFACTIONS,
  isCalendarDate,
  isUnitId,
} from "../../schemas/index.ts";
import type { MeetingRecord, PetitionRecord, WeeklyReportRecord } from "../../schemas/index.ts";

const LEVEL_SET = new Set<unknown>(LEVELS);
const FORM_SET = new Set<unknown>(FORMS);
const CHANNEL_SET = new Set<unknown>(CHANNELS);
const SATISFACTION_SET = new Set<unknown>(SATISFACTIONS);
const WEEK = /^\d{4}-W\d{2}$/;
const SUBMITTED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?$/;

const PETITION_KEYS = new Set([
  "id",
  "date",
  "unit",
  "level",
  "form",
  "headcount",
  "channel",
  "category",
  "issue",
  "summary",
  ...PETITION_FLAGS,
  "accepted",
  "due",
  "closed",
  "resolved",
  "satisfaction",
  "satisfied",
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Text fields: a non-empty string, or a number taken as its text. */
function text(v: unknown): string | null {
  if (typeof v === "string") return v.length > 0 ? v : null;
  if (typeof v === "number") return String(v);
  return null;
}

function onlyKeys(o: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  for (const k in o) if (!keys.has(k)) return false;
  return true;
}

export function fastPetition(raw: unknown): PetitionRecord | null {
  if (!isObject(raw) || !onlyKeys(raw, PETITION_KEYS)) return null;
  const id = text(raw.id);
  const { date, unit, level } = raw;
  if (
    id === null ||
    typeof date !== "string" ||
    !isCalendarDate(date) ||
    typeof unit !== "string" ||
    !isUnitId(unit) ||
    !LEVEL_SET.has(level)
  )
    return null;
  const out: Record<string, unknown> = { id, date, unit, level };
  if (raw.form !== undefined) {
    if (!FORM_SET.has(raw.form)) return null;
    out.form = raw.form;
  }
  if (raw.headcount !== undefined) {
    const h = raw.headcount;
    if (typeof h !== "number" || !Number.isSafeInteger(h) || h < 1) return null;
    out.headcount = h;
  }
  if (raw.channel !== undefined) {
    if (!CHANNEL_SET.has(raw.channel)) return null;
    out.channel = raw.channel;
  }
  for (const k of ["category", "issue", "summary"] as const) {
    if (raw[k] === undefined) continue;
    const t = text(raw[k]);
    if (t === null) return null;
    out[k] = t;
  }
  for (const f of PETITION_FLAGS) {
    const v = raw[f];
    if (v === undefined) out[f] = false;
    else if (typeof v === "boolean") out[f] = v;
    else return null;
  }
  for (const k of ["accepted", "due", "closed"] as const) {
    const v = raw[k];
    if (v === undefined) continue;
    if (typeof v !== "string" || !isCalendarDate(v)) return null;
    out[k] = v;
  }
  if (raw.resolved === undefined) out.resolved = false;
  else if (typeof raw.resolved === "boolean") out.resolved = raw.resolved;
  else return null;
  for (const k of ["satisfaction", "satisfied"] as const) {
    if (raw[k] === undefined) continue;
    if (!SATISFACTION_SET.has(raw[k])) return null;
    out[k] = raw[k];
  }
  return out as PetitionRecord;
}

const WEEKLY_KEYS = new Set(["unit", "week", "submitted", "zero"]);

export function fastWeeklyReport(raw: unknown): WeeklyReportRecord | null {
  if (!isObject(raw) || !onlyKeys(raw, WEEKLY_KEYS)) return null;
  const { unit, week, submitted, zero } = raw;
  if (typeof unit !== "string" || !isUnitId(unit) || typeof week !== "string" || !WEEK.test(week))
    return null;
  if (typeof submitted !== "string" || !SUBMITTED.test(submitted)) return null;
  if (zero !== undefined && typeof zero !== "boolean") return null;
  return { unit, week, submitted, zero: zero ?? false };
}

const MEETING_KEYS = new Set(["id", "date", "title", "absent", "leave"]);

function unitList(v: unknown): string[] | null {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return null;
  for (const u of v) if (typeof u !== "string" || !isUnitId(u)) return null;
  return [...(v as string[])];
}

export function fastMeeting(raw: unknown): MeetingRecord | null {
  if (!isObject(raw) || !onlyKeys(raw, MEETING_KEYS)) return null;
  const id = text(raw.id);
  const { date } = raw;
  if (id === null || typeof date !== "string" || !isCalendarDate(date)) return null;
  const absent = unitList(raw.absent);
  const leave = unitList(raw.leave);
  if (absent === null || leave === null) return null;
  const out: Record<string, unknown> = { id, date };
  if (raw.title !== undefined) {
    const t = text(raw.title);
    if (t === null) return null;
    out.title = t;
  }
  out.absent = absent;
  out.leave = leave;
  return out as MeetingRecord;
}
