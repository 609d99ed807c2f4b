// The exceljs table workbook writer as src/xlsx/workbook.ts had it before the workbooks were
// written directly: the reference the direct writer is compared with byte for byte
// (writer.test.ts). Its sheet set-up, workbook and packing are the ledger template's, which
// keeps them (src/xlsx/template.ts); the types and number formats are the program's. Not used
// by the program.
import type ExcelJS from "exceljs";
import { newWorkbook, setUpSheet, workbookBytes } from "../../../src/xlsx/template.ts";
import { excelSerial } from "../../../src/xlsx/workbook.ts";
import type {
  Cell,
  Column,
  ColumnKind,
  TableSheet,
  WorkbookMeta,
} from "../../../src/xlsx/workbook.ts";

const FONT = { name: "宋体", size: 11 };
const THIN = { style: "thin" as const, color: { argb: "FF999999" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Display width of text in character cells: Han and full-width characters count two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      ) || ch.codePointAt(0)! > 0xffff
        ? 2
        : 1;
  return w;
}

function shown(value: Cell, kind: ColumnKind): string {
  if (value === null) return "";
  if (typeof value === "string") return kind === "date" ? "2025年12月31日" : value;
  if (kind === "points") return value.toFixed(2);
  if (kind === "yuan") return value.toLocaleString("en-US");
  if (kind === "percent") return `${(value * 100).toFixed(1)}%`;
  return String(value);
}

function widthOf(column: Column, values: Iterable<Cell>): number {
  if (column.width) return column.width;
  let w = displayWidth(column.header);
  for (const v of values) w = Math.max(w, ...shown(v, column.kind).split("\n").map(displayWidth));
  return Math.min(column.kind === "wrap" ? 48 : 40, Math.max(8, w + 2));
}

function writeTable(wb: ExcelJS.Workbook, t: TableSheet): void {
  const ws = wb.addWorksheet(t.name);
  const n = t.columns.length;
  const headerRow = t.title ? 2 : 1;
  const all = [...t.rows, ...(t.totals ?? [])];
  const widths = t.columns.map((c, i) =>
    widthOf(
      c,
      all.map((r) => r[i] ?? null),
    ),
  );
  setUpSheet(ws, t.columns, widths, headerRow);
  if (t.title) {
    ws.mergeCells(1, 1, 1, n);
    const cell = ws.getCell(1, 1);
    cell.value = t.title;
    cell.font = { ...FONT, size: 14, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle" };
    ws.getRow(1).height = 28;
  }
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: n } };
  const put = (rowIndex: number, cells: readonly Cell[], bold: boolean) => {
    const row = ws.getRow(rowIndex);
    t.columns.forEach((c, i) => {
      const v = cells[i] ?? null;
      const cell = row.getCell(i + 1);
      cell.value =
        v === null ? null : c.kind === "date" && typeof v === "string" ? excelSerial(v) : v;
      cell.border = BORDER;
      cell.alignment = {
        vertical: "top",
        wrapText: c.kind === "wrap",
        ...(typeof v === "number" || c.kind === "date" ? {} : { horizontal: "left" }),
      };
      if (bold) cell.font = { ...FONT, bold: true };
    });
  };
  t.rows.forEach((r, k) => put(headerRow + 1 + k, r, false));
  (t.totals ?? []).forEach((r, k) => put(headerRow + 2 + t.rows.length + k, r, true));
}

/** A workbook of tables, one sheet each, in order. */
export async function tablesWorkbook(
  meta: WorkbookMeta,
  sheets: readonly TableSheet[],
): Promise<Uint8Array> {
  const wb = await newWorkbook(meta);
  for (const t of sheets) writeTable(wb, t);
  return workbookBytes(wb);
}
