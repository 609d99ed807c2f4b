// Reads a workbook back with exceljs: each sheet's rows as plain values (dates as YYYY-MM-DD).
import ExcelJS from "exceljs";

export type Value = string | number | null;

export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

function plain(v: ExcelJS.CellValue): Value {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

/** Rows of a sheet from `from` (1-based) on, each as many values as the header row has. */
export function rowsOf(ws: ExcelJS.Worksheet, from: number, width: number): Value[][] {
  const out: Value[][] = [];
  for (let r = from; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    out.push(Array.from({ length: width }, (_, i) => plain(row.getCell(i + 1).value)));
  }
  return out;
}

/** The header row (row `at`) as texts. */
export function headerOf(ws: ExcelJS.Worksheet, at: number): string[] {
  const row = ws.getRow(at);
  const out: string[] = [];
  for (let i = 1; i <= row.cellCount; i++) out.push(String(row.getCell(i).value ?? ""));
  return out;
}
