// Ledgers as a clerk keeps them in Excel, written with exceljs (another writer than our reader)
// from the YAML records, in the layouts of src/load/ledger-columns.ts: for tests that check an
// XLSX ledger reads as the same records, and for the benchmark.
import ExcelJS from "exceljs";
import { LEDGER_SHEETS } from "../../src/load/ledger-columns.ts";
import type { LedgerColumn, LedgerSheetKind } from "../../src/load/ledger-columns.ts";

export interface WorkbookOptions {
  /** Write village names instead of ids (`names.get(id)`). */
  names?: ReadonlyMap<string, string>;
  /** Weekly reports as the grid (villages × weeks) instead of rows. */
  grid?: boolean;
  /** Dates as date cells (default) or as text cells in this form. */
  dates?: "cell" | "slash" | "chinese";
  /** Flags as 是/否 (default) or √/blank. */
  flags?: "是否" | "√";
}

type Rec = Record<string, unknown>;

const pad = (n: number) => String(n).padStart(2, "0");

/** `2025-01-08` → a date cell (UTC midnight, as exceljs writes dates) or the chosen text. */
function dateCell(iso: string, how: WorkbookOptions["dates"]): Date | string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  if (how === "slash") return `${y}/${m}/${d}`;
  if (how === "chinese") return `${y}年${m}月${d}日`;
  return new Date(Date.UTC(y, m - 1, d));
}

/** `2025-01-10T16:30[:ss]` → a date-time cell, or text in the chosen form. */
function dateTimeCell(iso: string, how: WorkbookOptions["dates"]): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
  const sec = s ? `:${pad(s as number)}` : "";
  if (how === "slash") return `${y}/${mo}/${d} ${h}:${pad(mi as number)}${sec}`;
  if (how === "chinese") return `${y}年${mo}月${d}日 ${h}:${pad(mi as number)}${sec}`;
  return new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
}

/** A record's value as the cell a clerk would type (a date cell, 是/否, a village name …). */
export function cellOf(col: LedgerColumn, value: unknown, o: WorkbookOptions): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  const name = (id: unknown) => (typeof id === "string" ? (o.names?.get(id) ?? id) : id);
  switch (col.kind) {
    case "date":
      return dateCell(String(value), o.dates);
    case "datetime":
      return dateTimeCell(String(value), o.dates);
    case "boolean":
      if (o.flags === "√") return value === true ? "√" : null;
      return value === true ? "是" : "否";
    case "unit":
      return name(value) as string;
    case "units":
      return (value as unknown[]).map(name).join("、") || null;
    case "number":
      return value as number;
    case "text":
      return String(value);
    default:
      return String(value);
  }
}

const DATE_FORMATS: Partial<Record<LedgerColumn["kind"], string>> = {
  date: "yyyy-mm-dd",
  datetime: "yyyy-mm-dd hh:mm",
};

/** One ledger sheet as an XLSX workbook (rows layout). */
export async function ledgerWorkbook(
  kind: LedgerSheetKind,
  records: readonly Rec[],
  o: WorkbookOptions = {},
): Promise<Buffer> {
  const spec = LEDGER_SHEETS[kind];
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(Date.UTC(2025, 0, 1));
  wb.modified = wb.created;
  const ws = wb.addWorksheet(spec.sheet);
  if (kind === "weekly-reports" && o.grid) return weeklyGrid(wb, ws, records, o);
  ws.addRow(spec.columns.map((c) => c.headers[0]));
  for (const r of records) {
    const row = ws.addRow(spec.columns.map((c) => cellOf(c, r[c.key], o)));
    spec.columns.forEach((c, i) => {
      const f = DATE_FORMATS[c.kind];
      if (f && (o.dates ?? "cell") === "cell") row.getCell(i + 1).numFmt = f;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Weekly reports as the grid: villages down, weeks across (`2025-W02`), each cell the earliest
 * submission time, `零报告 <time>` for a zero report.
 */
async function weeklyGrid(
  wb: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet,
  records: readonly Rec[],
  o: WorkbookOptions,
): Promise<Buffer> {
  const units: string[] = [];
  const weeks: string[] = [];
  const first = new Map<string, Rec>();
  for (const r of records) {
    const unit = String(r.unit);
    const week = String(r.week);
    if (!units.includes(unit)) units.push(unit);
    if (!weeks.includes(week)) weeks.push(week);
    const key = `${unit} ${week}`;
    const had = first.get(key);
    if (!had || String(r.submitted) < String(had.submitted)) first.set(key, r);
  }
  weeks.sort();
  ws.addRow(["村（社区）", ...weeks]);
  for (const unit of units) {
    const row = ws.addRow([
      o.names?.get(unit) ?? unit,
      ...weeks.map((w) => {
        const r = first.get(`${unit} ${w}`);
        if (!r) return null;
        const t = String(r.submitted);
        if (r.zero === true) {
          const text = dateTimeCell(t, o.dates === "cell" || !o.dates ? "slash" : o.dates);
          return `零报告 ${String(text)}`;
        }
        return dateTimeCell(t, o.dates);
      }),
    ]);
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = "m/d hh:mm";
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
