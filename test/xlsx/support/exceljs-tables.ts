// The exceljs table workbook writer as src/xlsx/workbook.ts had it before the workbooks were
// written directly (kept, unchanged but for its imports, as the reference the direct writer is
// compared with byte for byte: writer.test.ts). Not used by the program.
import ExcelJS from "exceljs";
import type { Worksheet } from "exceljs";
import { readZip, writeZip } from "../../../src/xlsx/zip.ts";

/** How a column's values are written and formatted. */
export type ColumnKind =
  /** short text */
  | "text"
  /** long text, wrapped */
  | "wrap"
  /** points: two decimals (分) */
  | "points"
  /** money: whole yuan with thousands separators (元) */
  | "yuan"
  /** a count */
  | "int"
  /** a calendar date, `YYYY-MM-DD` in the table, a date cell in the sheet */
  | "date"
  /** a share, a fraction written as a percentage with one decimal */
  | "percent";

export interface Column {
  header: string;
  kind: ColumnKind;
  /** Width in characters; computed from the content when absent. */
  width?: number;
}

/** A cell: text, a number, a date (`YYYY-MM-DD` in a date column), or empty. */
export type Cell = string | number | null;

export interface TableSheet {
  /** Sheet name (at most 31 characters, none of []:*?/\). */
  name: string;
  /** A title above the header row (merged across the columns). */
  title?: string;
  columns: readonly Column[];
  rows: readonly (readonly Cell[])[];
  /** Rows after the data, separated by an empty row so that sorting leaves them out (合计). */
  totals?: readonly (readonly Cell[])[];
}

export interface WorkbookMeta {
  title: string;
  /** Who made it (the office), for the document properties. */
  creator: string;
  /** `YYYY-MM-DD` from the content: the workbook's created and modified date. */
  date: string;
}

export const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: "@",
  wrap: "@",
  points: "0.00",
  yuan: "#,##0",
  int: "0",
  date: 'yyyy"年"m"月"d"日"',
  percent: "0.0%",
};

const FONT = { name: "宋体", size: 11 };
const HEADER_FILL = {
  type: "pattern" as const,
  pattern: "solid" as const,
  fgColor: { argb: "FFE7EEF7" },
};
const THIN = { style: "thin" as const, color: { argb: "FF999999" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Days since 1899-12-30: the cell value of a date (time-zone free). */
export function excelSerial(date: string): number {
  const ms = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
  return Math.round((ms - Date.UTC(1899, 11, 30)) / 86_400_000);
}

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

/** Header style, page set-up, freeze and print titles shared by every sheet. */
export function setUpSheet(
  ws: Worksheet,
  columns: readonly Column[],
  widths: readonly number[],
  headerRow: number,
): void {
  ws.columns = columns.map((c, i) => ({
    width: widths[i] as number,
    style: { font: FONT, numFmt: NUMBER_FORMATS[c.kind] as string },
  }));
  const header = ws.getRow(headerRow);
  header.values = columns.map((c) => c.header);
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    cell.numFmt = "@";
  });
  ws.views = [{ state: "frozen", xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }];
  ws.pageSetup = {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `1:${headerRow}`,
  };
  ws.headerFooter = { oddFooter: "第 &P 页，共 &N 页" };
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

/** A new workbook with fixed document properties (exceljs would stamp the current time). */
export function newWorkbook(meta: WorkbookMeta): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const when = new Date(`${meta.date}T00:00:00Z`);
  wb.creator = meta.creator;
  wb.lastModifiedBy = meta.creator;
  wb.title = meta.title;
  wb.created = when;
  wb.modified = when;
  wb.calcProperties = { fullCalcOnLoad: false };
  return wb;
}

/** The workbook's bytes: exceljs's package packed again with fixed times, [Content_Types] first. */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const written = new Uint8Array(await wb.xlsx.writeBuffer());
  const entries = readZip(written);
  const first = entries.filter((e) => e.name === "[Content_Types].xml");
  return writeZip([...first, ...entries.filter((e) => e.name !== "[Content_Types].xml")]);
}

/** A workbook of tables, one sheet each, in order. */
export async function tablesWorkbook(
  meta: WorkbookMeta,
  sheets: readonly TableSheet[],
): Promise<Uint8Array> {
  const wb = newWorkbook(meta);
  for (const t of sheets) writeTable(wb, t);
  return workbookBytes(wb);
}
