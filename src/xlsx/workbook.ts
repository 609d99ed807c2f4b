// Workbooks from plain tables: one sheet per table, Chinese headers, widths from the content,
// number formats by column kind, a frozen header with a filter, print titles and A4 landscape.
// The parts are written here as text (no exceljs): the same bytes exceljs made when it wrote
// these workbooks (test/xlsx/writer.test.ts compares them), packed by zip.ts with fixed times,
// so that the same tables and date always give the same bytes.
import { packageEntries } from "./package.ts";
import type { PackageSheet } from "./package.ts";
import { StyleBook, alignment } from "./styles.ts";
import type { Format } from "./styles.ts";
import { DECLARATION, Utf8Chunks, esc, letters, textElement } from "./xml.ts";
import { writeZip } from "./zip.ts";

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

/** Days since 1899-12-30: the cell value of a date (time-zone free). */
export function excelSerial(date: string): number {
  const ms = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
  return Math.round((ms - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/**
 * Display width of text in character cells: Han and full-width characters count two, and so does
 * a character beyond the BMP (two UTF-16 units). Every wide range lies below the surrogates.
 */
export function displayWidth(text: string): number {
  let w = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      c >= 0x1100 &&
      (c <= 0x115f ||
        (c >= 0x2e80 && c <= 0xa4cf) ||
        (c >= 0xac00 && c <= 0xd7a3) ||
        (c >= 0xf900 && c <= 0xfaff) ||
        (c >= 0xfe30 && c <= 0xfe4f) ||
        (c >= 0xff00 && c <= 0xff60) ||
        (c >= 0xffe0 && c <= 0xffe6))
    )
      w++;
  }
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
  for (const v of values)
    for (const line of shown(v, column.kind).split("\n")) w = Math.max(w, displayWidth(line));
  return Math.min(column.kind === "wrap" ? 48 : 40, Math.max(8, w + 2));
}

/** The shared strings of a workbook, each once, numbered in order of first use. */
class SharedStrings {
  private readonly ids = new Map<string, number>();
  private readonly list: string[] = [];
  /** Uses, the repeats counted. */
  private count = 0;

  id(s: string): number {
    this.count++;
    let k = this.ids.get(s);
    if (k === undefined) {
      k = this.list.push(s) - 1;
      this.ids.set(s, k);
    }
    return k;
  }

  /** xl/sharedStrings.xml. */
  bytes(): Uint8Array {
    const out = new Utf8Chunks();
    for (const s of this.list) out.add(`<si>${textElement(s)}</si>`);
    return out.bytes(
      `${DECLARATION}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"` +
        ` count="${this.count}" uniqueCount="${this.list.length}">`,
      "</sst>",
    );
  }
}

/** What names a sheet in the package: exceljs's checks, and its cut to 31 UTF-16 units. */
function sheetName(name: string, taken: readonly string[]): string {
  if (name === "") throw new Error("The name can't be empty.");
  if (name === "History")
    throw new Error('The name "History" is protected. Please use a different name.');
  if (/[*?:/\\[\]]/.test(name))
    throw new Error(
      `Worksheet name ${name} cannot include any of the following characters: * ? : \\ / [ ]`,
    );
  if (/(^')|('$)/.test(name))
    throw new Error(
      `The first or last character of worksheet name cannot be a single quotation mark: ${name}`,
    );
  const cut = name.length > 31 ? name.substring(0, 31) : name;
  if (taken.some((t) => t.toLowerCase() === cut.toLowerCase()))
    throw new Error(`Worksheet name already exists: ${cut}`);
  return cut;
}

const SHEET_HEAD =
  `${DECLARATION}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"` +
  ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"' +
  ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac"' +
  ' xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">' +
  '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';
const FORMAT_PR =
  '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>';
/** Centred on A4 landscape, one page wide; the footer numbers the pages. */
const SHEET_TAIL =
  '<printOptions horizontalCentered="1"/>' +
  '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
  '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
  `<headerFooter><oddFooter>${esc("第 &P 页，共 &N 页")}</oddFooter></headerFooter></worksheet>`;

/** The header cells' format: bold, filled, bordered, centred and wrapped. */
const HEADER: Format = {
  numFmt: "@",
  font: "bold",
  border: true,
  fill: true,
  alignment: alignment("center", "center", true),
};
/** Row heights (points) of the title and the header. */
const TITLE_HEIGHT = 28;
const HEADER_HEIGHT = 22;

/**
 * A table's sheet XML. Formats and strings get their numbers in the workbook's lists when first
 * used: by the columns, then row by row (title, header, data, totals), cell by cell.
 */
function sheetXml(t: TableSheet, styles: StyleBook, strings: SharedStrings): Uint8Array {
  const n = t.columns.length;
  if (n === 0) throw new Error(`sheet ${t.name}: a table needs a column`);
  const headerRow = t.title ? 2 : 1;
  const totals = t.totals ?? [];
  const all = [...t.rows, ...totals];
  const widths = t.columns.map((c, i) =>
    widthOf(
      c,
      all.map((r) => r[i] ?? null),
    ),
  );
  const numFmts = t.columns.map((c) => NUMBER_FORMATS[c.kind] as string);
  const refs = t.columns.map((_, i) => letters(i + 1));
  const last = refs[n - 1] as string;

  // columns: neighbours of the same width and format in one <col>
  let cols = "";
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && widths[j] === widths[i] && numFmts[j] === numFmts[i]) j++;
    const style = styles.id({ numFmt: numFmts[i] as string, font: "plain" });
    cols += `<col min="${i + 1}" max="${j}" width="${widths[i]}" style="${style}" customWidth="1"/>`;
    i = j;
  }

  // the rows as they are made, the head (which names the last row) put before them at the end
  const rows = new Utf8Chunks();
  const rowHead = (r: number, height?: number) =>
    `<row r="${r}"${height ? ` ht="${height}" customHeight="1"` : ""} spans="1:${n}" x14ac:dyDescent="0.25">`;
  if (t.title) {
    // merged across the columns: every cell of the row carries the title's format
    const s = styles.id({
      numFmt: numFmts[0] as string,
      font: "title",
      alignment: alignment("center", "center", false),
    });
    let row = `${rowHead(1, TITLE_HEIGHT)}<c r="A1" s="${s}" t="s"><v>${strings.id(t.title)}</v></c>`;
    for (let i = 1; i < n; i++) row += `<c r="${refs[i]}1" s="${s}"/>`;
    rows.add(`${row}</row>`);
  }
  const header = styles.id(HEADER);
  let head = rowHead(headerRow, HEADER_HEIGHT);
  for (let i = 0; i < n; i++) {
    const id = strings.id((t.columns[i] as Column).header);
    head += `<c r="${refs[i]}${headerRow}" s="${header}" t="s"><v>${id}</v></c>`;
  }
  rows.add(`${head}</row>`);

  // a data cell's format by column, bold or not, left-aligned or not (numbers and dates are not)
  const formats: (number | undefined)[] = [];
  const formatOf = (i: number, bold: boolean, left: boolean): number => {
    const k = i * 4 + (bold ? 2 : 0) + (left ? 1 : 0);
    let s = formats[k];
    if (s === undefined) {
      const c = t.columns[i] as Column;
      s = formats[k] = styles.id({
        numFmt: numFmts[i] as string,
        font: bold ? "bold" : "plain",
        border: true,
        alignment: alignment(left ? "left" : null, "top", c.kind === "wrap"),
      });
    }
    return s;
  };
  // the last row written, empty cells or not
  let bottom = headerRow;
  const put = (r: number, cells: readonly Cell[], bold: boolean) => {
    bottom = r;
    let row = rowHead(r);
    for (let i = 0; i < n; i++) {
      const kind = (t.columns[i] as Column).kind;
      const v = cells[i] ?? null;
      const s = formatOf(i, bold, !(typeof v === "number" || kind === "date"));
      const at = `<c r="${refs[i]}${r}" s="${s}"`;
      if (v === null) row += `${at}/>`;
      else if (typeof v === "number") row += `${at}><v>${v}</v></c>`;
      else if (kind === "date") row += `${at}><v>${excelSerial(v)}</v></c>`;
      else row += `${at} t="s"><v>${strings.id(v)}</v></c>`;
    }
    rows.add(`${row}</row>`);
  };
  t.rows.forEach((r, k) => put(headerRow + 1 + k, r, false));
  // after an empty row, so that sorting the data leaves them out
  totals.forEach((r, k) => put(headerRow + 2 + t.rows.length + k, r, true));

  return rows.bytes(
    SHEET_HEAD +
      `<dimension ref="A1:${last}${bottom}"/>` +
      '<sheetViews><sheetView workbookViewId="0">' +
      `<pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/>` +
      '<selection pane="bottomLeft"/></sheetView></sheetViews>' +
      FORMAT_PR +
      `<cols>${cols}</cols>` +
      "<sheetData>",
    "</sheetData>" +
      `<autoFilter ref="A${headerRow}:${last}${headerRow}"/>` +
      (t.title && n > 1
        ? `<mergeCells count="1"><mergeCell ref="A1:${last}1"/></mergeCells>`
        : "") +
      SHEET_TAIL,
  );
}

/** A workbook of tables, one sheet each, in order. */
export async function tablesWorkbook(
  meta: WorkbookMeta,
  sheets: readonly TableSheet[],
): Promise<Uint8Array> {
  const names: string[] = [];
  for (const t of sheets) names.push(sheetName(t.name, names));
  const styles = new StyleBook();
  const strings = new SharedStrings();
  const xml = sheets.map((t) => sheetXml(t, styles, strings));
  const parts: PackageSheet[] = sheets.map((t, k) => ({
    name: names[k] as string,
    headerRow: t.title ? 2 : 1,
  }));
  return writeZip(packageEntries(meta, parts, xml, strings.bytes(), styles.xml()));
}
