// Calendar arithmetic on `YYYY-MM-DD` strings and ISO weeks (Monday–Sunday, `2025-W02`).
// Pure: day numbers come from Date.UTC on the given fields, never from the clock.

/** Days since 1970-01-01 for a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function fromDayNumber(n: number): string {
  const dt = new Date(n * 86_400_000);
  const y = dt.getUTCFullYear();
  const m = dt.getUTCMonth() + 1;
  const d = dt.getUTCDate();
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** Day number of the Monday of ISO week 1 of `year`. */
function week1Monday(year: number): number {
  const jan4 = Math.round(Date.UTC(year, 0, 4) / 86_400_000);
  const wd = ((((jan4 + 3) % 7) + 7) % 7) + 1;
  return jan4 - (wd - 1);
}

export function isoWeeksInYear(year: number): number {
  return (week1Monday(year + 1) - week1Monday(year)) / 7;
}

export interface IsoWeek {
  year: number;
  week: number;
}

export function parseIsoWeek(name: string): IsoWeek | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(name);
  if (!m) return null;
  return { year: Number(m[1]), week: Number(m[2]) };
}

export function isoWeekExists(name: string): boolean {
  const w = parseIsoWeek(name);
  return w !== null && w.week >= 1 && w.week <= isoWeeksInYear(w.year);
}

export function isoWeekName(year: number, week: number): string {
  return `${year}-W${week < 10 ? "0" : ""}${week}`;
}

/** The date of `weekday` (1–7) in ISO week `name`. */
export function isoWeekDate(name: string, weekday: number): string {
  const w = parseIsoWeek(name);
  if (!w) throw new Error(`not an ISO week: ${name}`);
  return fromDayNumber(week1Monday(w.year) + (w.week - 1) * 7 + (weekday - 1));
}

/** ISO weeks whose `weekday` falls in the calendar year `year`, in order. */
export function weeksWithWeekdayIn(year: number, weekday: number): string[] {
  const out: string[] = [];
  for (const y of [year - 1, year, year + 1]) {
    const n = isoWeeksInYear(y);
    for (let w = 1; w <= n; w++) {
      const name = isoWeekName(y, w);
      if (isoWeekDate(name, weekday).startsWith(`${year}-`)) out.push(name);
    }
  }
  return out;
}

/** Adds whole calendar months to a date, clamping the day to the month's end. */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  const dd = Math.min(d, last);
  return `${yy}-${mm + 1 < 10 ? "0" : ""}${mm + 1}-${dd < 10 ? "0" : ""}${dd}`;
}

/** The last day of `month` (1–12) of `year`, e.g. 2025, 2 → 2025-02-28. */
export function monthEnd(year: number, month: number): string {
  return fromDayNumber(dayNumber(`${year}-${String(month + 1).padStart(2, "0")}-01`) - 1);
}

/** The last day of each month of `year` up to and including `last`, January first. */
export function monthEndsUntil(year: number, last: string): string[] {
  const out: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const end = monthEnd(year, m);
    if (end <= last) out.push(end);
  }
  return out;
}
