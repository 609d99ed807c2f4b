// One cell of a table ledger (CSV or XLSX, as text) → the value the YAML ledger would hold, by
// the column's kind. What cannot be read is left as written: the schema then reports it at the
// cell. Excel and WPS write dates as 2025/1/8, 2025年1月8日 or a serial number (45665).
import type { ColumnKind, LedgerColumn } from "./ledger-columns.ts";

const TRUE_WORDS = new Set(["是", "true", "1", "y", "yes", "√", "✓", "✔", "☑", "对", "有"]);
const FALSE_WORDS = new Set(["否", "false", "0", "n", "no", "×", "✗", "✘", "☐", "无"]);

/** Full-width digits and signs (Chinese input methods type them) → ASCII. */
function halfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const pad = (n: number | string) => String(n).padStart(2, "0");

// Excel's serial day 0 is 1899-12-30 (day 60, the fictitious 1900-02-29, lies before any ledger).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
// Serials of 1950-01-01 and 2150-01-01: plain numbers in that range in a date column are dates.
const MIN_SERIAL = 18_264;
const MAX_SERIAL = 91_311;

/** An Excel serial date-time as `YYYY-MM-DD` plus `HH:MM[:SS]` (rounded to the second). */
export function serialParts(serial: number): { date: string; time: string } {
  const ms = Math.round(serial * 86_400) * 1000;
  const d = new Date(EXCEL_EPOCH_MS + ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const s = d.getUTCSeconds();
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${s ? `:${pad(s)}` : ""}`;
  return { date, time };
}

const DATE_RE =
  /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)/;

/** `2025/1/8`, `2025年1月8日`, `2025-01-08`, `2025.1.8` → `2025-01-08`; the rest of the text. */
function datePart(s: string): { date: string; rest: string } | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const month = m[2] ?? m[4];
  const day = m[3] ?? m[5];
  return {
    date: `${m[1]}-${pad(month as string)}-${pad(day as string)}`,
    rest: s.slice(m[0].length),
  };
}

/** A date cell's text as `YYYY-MM-DD`; a midnight time after it is dropped. */
export function readDate(raw: string): string {
  const s = halfWidth(raw).trim();
  if (/^\d+(\.\d+)?$/.test(s)) {
    const n = Number(s);
    return n >= MIN_SERIAL && n < MAX_SERIAL ? serialParts(Math.floor(n)).date : raw;
  }
  const p = datePart(s);
  if (!p) return raw;
  if (p.rest === "" || /^(?:[T\s]+0{1,2}[:：]00(?:[:：]00(?:\.0+)?)?)?$/.test(p.rest))
    return p.date;
  return raw;
}

/**
 * A submission time's text as `YYYY-MM-DDTHH:MM[:SS]`: `2025/1/10 16:30`, `2025年1月10日16:30`,
 * `2025年1月10日 16时30分`, `2025-01-10T16:30:00`, a serial 45667.6875. A time zone is kept (the
 * ledger reports it); what is not a date and time is left as written.
 */
export function readDateTime(raw: string): string {
  const s = halfWidth(raw).trim();
  if (/^\d+\.\d+$/.test(s)) {
    const n = Number(s);
    if (n < MIN_SERIAL || n >= MAX_SERIAL) return raw;
    const p = serialParts(n);
    return `${p.date}T${p.time}`;
  }
  const p = datePart(s);
  if (!p) return raw;
  const t =
    /^[T\s]*(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*(?:[:：分]\s*(\d{1,2})(?:\.\d+)?\s*秒?|分)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(
      p.rest,
    );
  if (!t) return raw;
  const sec = t[3] !== undefined && Number(t[3]) !== 0 ? `:${pad(t[3])}` : "";
  return `${p.date}T${pad(t[1] as string)}:${pad(t[2] as string)}${sec}${t[4] ?? ""}`;
}

/** 是/否, √/×, true/false, 1/0, y/n; anything else is left as written. */
export function readBoolean(raw: string): boolean | string {
  const s = halfWidth(raw).trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return raw;
}

/** A number, also when stored as text (` 5`, `５`, `5.0`); anything else is left as written. */
export function readNumber(raw: string): number | string {
  const s = halfWidth(raw).trim();
  const n = Number(s);
  return s !== "" && Number.isFinite(n) ? n : raw;
}

/** What a clerk writes in a list cell for “none”. */
const NONE_WORDS = new Set(["无", "没有", "空", "-", "—", "－", "——"]);

/** Villages listed in one cell: `东山村、西山村`, `dongshan, xishan`, `东山村；西山村`; `无` is none. */
export function readUnits(raw: string): string[] {
  return raw
    .split(/[、，,；;／/\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "" && !NONE_WORDS.has(s));
}

/**
 * A week as `2025-W02`: written so, or `2025年第2周`, `第2周`, `W2`, `2` (the ledger's `year`);
 * anything else is left as written.
 */
export function readWeek(raw: string, year: number | null): string {
  const s = halfWidth(raw).trim();
  const full = /^(\d{4})\s*(?:-?\s*W|年\s*第?)\s*(\d{1,2})\s*周?$/i.exec(s);
  if (full) return `${full[1]}-W${pad(full[2] as string)}`;
  const short = /^(?:第\s*(\d{1,2})\s*周|W\s*(\d{1,2})|(\d{1,2}))$/i.exec(s);
  if (short && year !== null)
    return `${year}-W${pad((short[1] ?? short[2] ?? short[3]) as string)}`;
  return raw;
}

/** A non-empty cell's text (already trimmed) as the value of a column of `kind`. */
export function convertCell(raw: string, kind: ColumnKind): unknown {
  switch (kind) {
    case "boolean":
      return readBoolean(raw);
    case "number":
      return readNumber(raw);
    case "date":
      return readDate(raw);
    case "datetime":
      return readDateTime(raw);
    case "units":
      return readUnits(raw);
    case "unit":
    case "text":
      return raw;
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** Distinct texts remembered per column: dates, villages, vocabularies, not ids nor free text. */
export const MEMO_LIMIT = 1 << 14;

/** Reads one cell of the column (trimmed, non-empty) as `convertCell` or `readWeek` does. */
export function cellConverter(col: LedgerColumn, year: number | null): (raw: string) => unknown {
  return col.format === "week"
    ? (raw: string) => readWeek(raw, year)
    : (raw: string) => convertCell(raw, col.kind);
}

/** Whether a column's cells may share one value per text: not lists, which are changed later. */
export const memoizable = (col: LedgerColumn): boolean => col.kind !== "units";

/**
 * Reads the cells of one column (trimmed, non-empty) as `convertCell` or `readWeek` would, the
 * same text read once: a large ledger repeats its dates, villages and vocabularies on every row,
 * which then share one string instead of a copy per row. Lists (`units`) are not shared, since
 * they are changed in place later (unit names → ids).
 */
export function cellReader(col: LedgerColumn, year: number | null): (raw: string) => unknown {
  const read = cellConverter(col, year);
  if (!memoizable(col)) return read;
  // A column of ever new texts (ids, free text) fills the memo: it is then dropped, and the
  // column read directly.
  let memo: Map<string, unknown> | null = new Map<string, unknown>();
  return (raw) => {
    if (memo === null) return read(raw);
    let v = memo.get(raw);
    if (v === undefined) {
      v = read(raw);
      if (memo.size < MEMO_LIMIT) memo.set(raw, v);
      else memo = null;
    }
    return v;
  };
}
