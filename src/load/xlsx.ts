// XLSX ledgers: the one module that reads Excel/WPS workbooks. A workbook's bytes become the
// rows of its ledger sheet (sheet-data.ts), which table.ts turns into records like a CSV's.
//
// A lean reader of the Office Open XML parts a ledger needs (workbook, relationships, shared
// strings, styles for date formats, one worksheet), bounded, the worksheet read as zlib inflates
// it on its own thread: a 1,000,000-row sheet reads in seconds, where exceljs's whole-workbook
// load took minutes and gigabytes (README, benchmarks). Workbooks written by Excel, WPS and
// exceljs are tested. Whatever the bytes, the result is the sheet's rows or located diagnostics,
// never an exception: not a workbook, an old .xls, password-protected, damaged, inflating past
// the limit (zip bombs).
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { XlsxProblem } from "../diagnostics/codes/xlsx.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { serialParts } from "./cells.ts";
import { LEDGER_SHEETS } from "./ledger-columns.ts";
import type { LedgerSheetKind } from "./ledger-columns.ts";
import { SheetBuilder } from "./sheet-data.ts";
import { columnLetters } from "./sheet-text.ts";
import type { SheetData } from "./sheet-data.ts";
import { ZipArchive, ZipError } from "./zip.ts";

/**
 * Most bytes a workbook may inflate to, all parts together (1 GiB): a 500,000-row ledger sheet
 * is about 300 MB of XML; a zip bomb stops here.
 */
export const MAX_XLSX_INFLATED_BYTES = 1024 * 1024 * 1024;

export interface XlsxRead {
  /** The ledger sheet's rows; null when the workbook could not be read. */
  sheet: SheetData | null;
  diagnostics: Diagnostic[];
}

const XML_ENTITIES: Record<string, string> = {
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
};

/** XML character data → text, with OOXML's _xHHHH_ escapes. */
function xmlText(s: string): string {
  let t = s.includes("&")
    ? s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
        if (e[0] === "#") {
          const cp = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
          return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
        }
        return XML_ENTITIES[e] ?? m;
      })
    : s;
  if (t.includes("_x"))
    t = t.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return t;
}

/**
 * Element names without their namespace prefix (`<x:row>` → `<row>`): the .NET Open XML SDK and
 * some reporting systems write every element prefixed. Attributes (`r:id`) are untouched.
 */
function unprefix(xml: string): string {
  return xml.replace(/<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g, "<$1");
}

/** The prefix of a part's root element (`x` for `<x:worksheet`), or null. */
function rootPrefix(head: string): string | null {
  return /<([A-Za-z_][\w.-]*):(?:worksheet|workbook|sst|styleSheet)\b/.exec(head)?.[1] ?? null;
}

/** A small part as text, element prefixes removed. */
function part(zip: ZipArchive, name: string): string | null {
  const b = zip.read(name);
  if (b === null) return null;
  const text = b.toString("utf8");
  return rootPrefix(text.slice(0, 4096)) === null ? text : unprefix(text);
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? xmlText(m[1] ?? m[2] ?? "") : null;
}

/** The text of a string item (`<si>`, `<is>`): every `<t>` run, without phonetic guides. */
function runText(xml: string): string {
  const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  for (const m of plain.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += xmlText(m[1] ?? "");
  return out;
}

/** A word character (`\b` of a regular expression): A–Z, a–z, 0–9, _. */
function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

const SI_START = Buffer.from("<si", "latin1");
const SI_END = Buffer.from("</si>", "latin1");
const T_START = Buffer.from("<t", "latin1");
const T_END = Buffer.from("</t>", "latin1");

/**
 * The shared strings (`<si>` items, in order) of xl/sharedStrings.xml, from its bytes, each item
 * decoded on its own (a million items never make one 80 MB string that every item is a slice
 * of). A part whose elements have a prefix (`<x:si>`) is read with the prefixes removed.
 */
function sharedStringsOf(part: Buffer | null): string[] {
  if (part === null) return [];
  const head = part.toString("utf8", 0, Math.min(part.length, PREFIX_BYTES));
  const b = rootPrefix(head) === null ? part : Buffer.from(unprefix(part.toString("utf8")));
  const out: string[] = [];
  const n = b.length;
  let p = find(b, SI_START, 0, n);
  while (p !== -1) {
    const gt = isWordCode(b[p + 3] ?? NaN) ? -1 : findByte(b, 62 /* > */, p + 3, n);
    if (gt !== -1 && b[gt - 1] === 47 /* / */) {
      out.push("");
      p = find(b, SI_START, gt, n);
      continue;
    }
    const end = gt === -1 ? -1 : find(b, SI_END, gt, n);
    if (end === -1) {
      p = find(b, SI_START, p + 3, n); // not an item (<sis…>) or never closed
      continue;
    }
    out.push(itemText(b, gt + 1, end));
    p = find(b, SI_START, end + 5, n);
  }
  return out;
}

/**
 * The text of the string item `b[from, to)`: runText, without regular expressions for the item
 * Excel, WPS and exceljs write for plain text (`<t>…</t>`, `<t xml:space="preserve">…</t>`).
 */
function itemText(b: Buffer, from: number, to: number): string {
  if (startsAt(b, from, T_START, to)) {
    const next = b[from + 2];
    if (next === 62 || next === 32 || next === 9 || next === 10 || next === 13) {
      const gt = findByte(b, 62 /* > */, from, b.length);
      const end = gt === -1 ? -1 : find(b, T_END, gt, b.length);
      if (b[gt - 1] !== 47 && end !== -1 && end + 4 === to && findByte(b, 60, gt, b.length) === end)
        return xmlText(textAt(b, gt + 1, end));
    }
  }
  return runText(textAt(b, from, to));
}

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** Whether a number format code shows a date or time (y, m, d, h, s outside quotes and brackets). */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "").replace(/general/gi, "");
  return /[ymdhs年月日时]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/** Which cell style indexes (`s`) show dates. */
function dateStyles(xml: string | null): Set<number> {
  const out = new Set<number>();
  if (xml === null) return out;
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1] as string, "numFmtId"));
    custom.set(id, attr(m[1] as string, "formatCode") ?? "");
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
  let i = 0;
  for (const m of xfs.matchAll(/<xf\b([^>]*?)(?:\/>|>)/g)) {
    const id = Number(attr(m[1] as string, "numFmtId") ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) out.add(i);
    i++;
  }
  return out;
}

/** 1-based column of a cell reference such as `C12`. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col;
}

interface SheetPart {
  name: string;
  path: string;
}

/** The workbook's sheets in order, with the part each is stored in. */
function sheetsOf(zip: ZipArchive): { sheets: SheetPart[]; date1904: boolean } {
  const wb = part(zip, "xl/workbook.xml") ?? "";
  const rels = part(zip, "xl/_rels/workbook.xml.rels") ?? "";
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    const id = attr(m[1] as string, "Id");
    const target = attr(m[1] as string, "Target");
    if (id !== null && target !== null)
      targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const sheets: SheetPart[] = [];
  for (const m of wb.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
    const a = m[1] as string;
    const rid = /\br:id\s*=\s*"([^"]*)"/.exec(a)?.[1] ?? /\bid\s*=\s*"([^"]*)"/.exec(a)?.[1];
    const path = rid ? targets.get(rid) : undefined;
    if (path) sheets.push({ name: attr(a, "name") ?? "", path: path.replace(/\/\.\//g, "/") });
  }
  const date1904 = /<workbookPr\b[^>]*\bdate1904\s*=\s*"(1|true)"/.test(wb);
  return { sheets, date1904 };
}

/** The ledger's sheet: by its Chinese name or an alias, or the only sheet of the workbook. */
function pickSheet(sheets: SheetPart[], kind: LedgerSheetKind): SheetPart | null {
  const spec = LEDGER_SHEETS[kind];
  const names = [spec.sheet, ...spec.aliases];
  for (const n of names) {
    const s = sheets.find((x) => x.name.trim() === n);
    if (s) return s;
  }
  return sheets.length === 1 ? (sheets[0] as SheetPart) : null;
}

const CHUNK = 16 * 1024 * 1024;
/**
 * Columns read (A to IV): a ledger has a few dozen. A cell further right (a stray entry at
 * column XFD) is counted and reported, not kept: kept, every row up to it would be that wide
 * (a 500 KB workbook of such rows once took 11 GB).
 */
export const MAX_SHEET_COLUMNS = 256;
/** Where a part's root element is looked for. */
const PREFIX_BYTES = 4096;
const DAYS_1904 = 1462;
/** Most date cells remembered (SheetReader.dateCode): times of day make many distinct serials. */
const DATE_CODES_KEPT = 50_000;

/**
 * The worksheet XML, given a piece at a time (push, then end) → the sheet's rows (SheetData).
 * Pieces gather into windows of about CHUNK bytes that end after a whole row (a longer row makes
 * its window longer), each read on its own, so the XML is never held whole. A cell becomes the
 * number of its text: a shared string's own index, so the common cell makes no string at all.
 */
class SheetReader {
  /** The window: bytes not read yet (the start of a row the last window cut off, then pieces). */
  private buf = Buffer.allocUnsafe(1 << 16);
  private held = 0;
  /**
   * Bytes the next window must hold: the window size, or twice a row that was longer than its
   * window (so that a huge row is copied a bounded number of times, not once per piece).
   */
  private minimum: number;
  /** The element names, in the prefix of the root element (`<x:row>`), once it is seen. */
  private marks: Marks | null = null;
  private state: "before" | "rows" | "after" = "before";
  private autoRow = 0;

  private readonly out: SheetBuilder;
  /** Shared strings that are not "" (a cell of "" is empty; one of spaces is not). */
  private readonly sharedHolds: Uint8Array;
  private readonly dates: ReadonlySet<number>;
  private readonly date1904: boolean;

  /** Bytes a window holds at least (CHUNK; tests use small ones). */
  private readonly size: number;

  constructor(
    shared: readonly string[],
    dates: ReadonlySet<number>,
    date1904: boolean,
    size: number,
    /** The worksheet's size inflated, as the archive declares it. */
    xmlBytes: number,
  ) {
    const values: string[] = new Array<string>(shared.length);
    const holds = new Uint8Array(shared.length);
    for (let i = 0; i < shared.length; i++) {
      const s = shared[i] as string;
      values[i] = s.trim();
      holds[i] = s === "" ? 0 : 1;
    }
    // the shortest cell, <c r="A1"><v>1</v></c>, is 20 bytes
    this.out = new SheetBuilder(
      values,
      Math.ceil(Math.min(xmlBytes, MAX_XLSX_INFLATED_BYTES) / 16),
    );
    this.sharedHolds = holds;
    this.dates = dates;
    this.date1904 = date1904;
    this.size = size;
    this.minimum = size;
  }

  push(piece: Uint8Array): void {
    // after the sheet data (page breaks, conditional formats) nothing is kept
    if (this.state === "after") return;
    const need = this.held + piece.length;
    if (need > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(need, 2 * this.buf.length));
      this.buf.copy(next, 0, 0, this.held);
      this.buf = next;
    }
    this.buf.set(piece, this.held);
    this.held = need;
    // the first window holds the root element, whose prefix names the rest
    if (need >= this.minimum && (this.marks || need >= PREFIX_BYTES)) this.window(false);
  }

  end(name: string): SheetData {
    if (this.state !== "after") this.window(true);
    return this.out.finish(name);
  }

  /** Keeps the bytes from `from` for the next window. */
  private keep(from: number): void {
    this.buf.copyWithin(0, from, this.held);
    this.held -= from;
  }

  private window(last: boolean): void {
    const w = this.buf.subarray(0, this.held);
    this.minimum = this.size;
    this.marks ??= marksOf(rootPrefix(w.toString("utf8", 0, Math.min(w.length, PREFIX_BYTES))));
    const { dataStart, dataEnd, rowEnd } = this.marks;
    let from = 0;
    if (this.state === "before") {
      from = w.indexOf(dataStart);
      if (from === -1) {
        // the marker may straddle two windows
        this.keep(last ? w.length : Math.max(0, w.length - dataStart.length));
        return;
      }
      this.state = "rows";
    }
    // Rows end with the sheet data (page breaks, conditional formats follow).
    let to = w.indexOf(dataEnd, from);
    let rest = w.length;
    if (to !== -1) this.state = "after";
    else if (last) to = w.length;
    else {
      const cut = w.lastIndexOf(rowEnd);
      if (cut < from) {
        this.keep(from); // a row longer than the window
        this.minimum = Math.max(this.size, 2 * this.held);
        return;
      }
      to = cut + rowEnd.length;
      rest = to;
    }
    this.rows(w, from, to);
    this.keep(rest);
  }

  /** Cells with something in them past MAX_SHEET_COLUMNS, and where the first one stands. */
  far = 0;
  farFirst: { row: number; col: number } | null = null;

  /**
   * Keeps the cell of text number `code` (-1: it holds nothing) at column `col` of sheet row `row`
   * in the row being read; whether the row then holds something. A cell past the last column read
   * is only counted.
   */
  private keepCell(row: number, col: number, code: number): boolean {
    if (code === -1) return false;
    if (col > MAX_SHEET_COLUMNS) {
      if (this.far++ === 0) this.farFirst = { row, col };
      return false;
    }
    this.out.set(col, code);
    return true;
  }

  /** Cell numbers of date texts by serial number: a year's ledger has a few hundred dates. */
  private readonly dateCodes = new Map<number, number>();

  /** The number of a date cell's text: 2025-01-08, or 2025-01-08T16:30 with a time. */
  private dateCode(n: number): number {
    let code = this.dateCodes.get(n);
    if (code === undefined) {
      const parts = serialParts(this.date1904 ? n + DAYS_1904 : n);
      const text =
        Number.isInteger(n) || parts.time === "00:00" ? parts.date : `${parts.date}T${parts.time}`;
      code = this.out.code(text);
      if (this.dateCodes.size >= DATE_CODES_KEPT) this.dateCodes.clear();
      this.dateCodes.set(n, code);
    }
    return code;
  }

  /**
   * The number of the text of the cell whose start tag ends at `cgt` (its attributes scanned),
   * its `<v>` at `v0`…`v1` (-1: none), its content ending at `innerEnd`; -1 when it holds nothing.
   */
  private cellCode(w: Buffer, cgt: number, innerEnd: number, v0: number, v1: number): number {
    const t = t0 === -1 ? T_NUMBER : typeAt(w, t0, t1);
    if (t === T_SHARED) {
      const i = v0 !== -1 ? numberOf(w, v0, v1, false) : -1;
      return i >= 0 && i < this.sharedHolds.length && this.sharedHolds[i] === 1 ? i : -1;
    }
    let value = "";
    if (t === T_INLINE) {
      const inner = w.toString("utf8", cgt + 1, innerEnd);
      value = runText((this.marks as Marks).prefixed ? unprefix(inner) : inner);
    } else if (t === T_BOOLEAN) {
      const v = v0 === -1 ? "" : textAt(w, v0, v1);
      value = v === "1" ? "TRUE" : v === "0" ? "FALSE" : v;
    } else if (t === T_TEXT) value = v0 === -1 ? "" : xmlText(textAt(w, v0, v1));
    else if (v0 !== -1) {
      const style = s0 === -1 ? 0 : numberOf(w, s0, s1);
      const n = this.dates.has(style) ? numberOf(w, v0, v1, false) : NaN;
      if (Number.isFinite(n)) return this.dateCode(n);
      value = textAt(w, v0, v1).trim();
    }
    return value === "" ? -1 : this.out.code(value.trim());
  }

  /** The rows of `w` from `from` to `to` (whole rows, or the end of the sheet data). */
  private rows(w: Buffer, from: number, to: number): void {
    const m = this.marks as Marks;
    const { rowStart, rowEnd, cellStart, cellEnd, valueStart, valueEnd } = m;
    let autoRow = this.autoRow;
    let p = find(w, rowStart, from, to);
    while (p !== -1) {
      const gt = findByte(w, 62 /* > */, p, to);
      if (gt === -1) break;
      scanAttributes(w, p, gt);
      const rowNum = r0 !== -1 ? numberOf(w, r0, r1) : autoRow + 1;
      autoRow = rowNum;
      if (w[gt - 1] === 47 /* / */) {
        p = find(w, rowStart, gt, to);
        continue;
      }
      let autoCol = 0;
      let any = false;
      // The usual row, cells one after another, each <c …/> or <c …><v>…</v></c>, is read in one
      // pass; at anything else the row is read from there on by searching its parts (below).
      let rowEndAt = -1;
      let c = gt + 1;
      for (;;) {
        while (c < to && w[c] !== 60 /* < */) c++;
        if (c >= to) break;
        if (startsAt(w, c, rowEnd, to)) {
          rowEndAt = c;
          break;
        }
        if (!startsAt(w, c, cellStart, to) || !isTagEnd(w[c + cellStart.length])) break;
        const cgt = scanTag(w, c, to);
        if (cgt === -1) break;
        let v0 = -1;
        let v1 = -1;
        let innerEnd = cgt + 1;
        let after = cgt + 1;
        if (w[cgt - 1] !== 47 /* / */) {
          const v = plainValue(w, cgt + 1, to, m);
          if (v === -1) break;
          v0 = cgt + 1 + valueStart.length + 1;
          v1 = v;
          innerEnd = v + valueEnd.length;
          after = innerEnd + cellEnd.length;
        }
        const col = r0 !== -1 ? columnAt(w, r0, r1) : autoCol + 1;
        autoCol = col;
        if (this.keepCell(rowNum, col, this.cellCode(w, cgt, innerEnd, v0, v1))) any = true;
        c = after;
      }
      if (rowEndAt === -1) {
        // No </row> between the row's start and `c`: each < there was a cell's.
        const close = find(w, rowEnd, c, to);
        rowEndAt = close === -1 ? to : close;
        c = find(w, cellStart, c, rowEndAt);
        while (c !== -1) {
          const next = w[c + cellStart.length];
          if (!isTagEnd(next)) {
            c = find(w, cellStart, c + cellStart.length, rowEndAt); // <col …>, <commentPr …>: not a cell
            continue;
          }
          const cgt = findByte(w, 62 /* > */, c, rowEndAt);
          if (cgt === -1) break;
          scanAttributes(w, c, cgt);
          const col = r0 !== -1 ? columnAt(w, r0, r1) : autoCol + 1;
          autoCol = col;
          // the cell's content: between its start tag and </c> (none when it closes itself)
          let innerEnd = cgt + 1;
          let after = cgt + 1;
          let v0 = -1;
          let v1 = -1;
          if (w[cgt - 1] !== 47) {
            const cend = find(w, cellEnd, cgt, rowEndAt);
            innerEnd = cend === -1 ? rowEndAt : cend;
            after = cend === -1 ? rowEndAt : cend + cellEnd.length;
            const vs = find(w, valueStart, cgt + 1, innerEnd);
            if (vs !== -1) {
              const vgt = findByte(w, 62 /* > */, vs, innerEnd);
              const ve = vgt === -1 ? -1 : find(w, valueEnd, vgt, innerEnd);
              if (ve !== -1 && w[vgt - 1] !== 47) {
                v0 = vgt + 1;
                v1 = ve;
              }
            }
          }
          if (this.keepCell(rowNum, col, this.cellCode(w, cgt, innerEnd, v0, v1))) any = true;
          c = find(w, cellStart, after, rowEndAt);
        }
      }
      this.out.endRow(rowNum, any);
      p = find(w, rowStart, rowEndAt, to);
    }
    this.autoRow = autoRow;
  }
}

/** Whether the byte after an element's name ends the name: space, `>`, `/`. */
const isTagEnd = (b: number | undefined) =>
  b === 32 || b === 62 || b === 47 || b === 9 || b === 10 || b === 13;

/** Whether `needle` stands at `at` in `w`, wholly before `to`. */
function startsAt(w: Buffer, at: number, needle: Buffer, to: number): boolean {
  const n = needle.length;
  if (at + n > to) return false;
  for (let k = 0; k < n; k++) if (w[at + k] !== needle[k]) return false;
  return true;
}

/**
 * Where the `</v>` of a cell's content that is just `<v>text</v></c>` (from `at`, right after the
 * cell's start tag) stands, or -1 for any other content.
 */
function plainValue(w: Buffer, at: number, to: number, m: Marks): number {
  const vs = m.valueStart;
  const n = vs.length;
  if (at + n >= to || w[at + n] !== 62 /* > */) return -1;
  for (let k = 0; k < n; k++) if (w[at + k] !== vs[k]) return -1;
  let i = at + n + 1;
  while (i < to && w[i] !== 60 /* < */) i++;
  const ve = m.valueEnd;
  const ce = m.cellEnd;
  if (i + ve.length + ce.length > to) return -1;
  for (let k = 0; k < ve.length; k++) if (w[i + k] !== ve[k]) return -1;
  const j = i + ve.length;
  for (let k = 0; k < ce.length; k++) if (w[j + k] !== ce[k]) return -1;
  return i;
}

/** The element names a sheet's rows are read by, in the prefix of its root element. */
interface Marks {
  dataStart: Buffer;
  dataEnd: Buffer;
  rowStart: Buffer;
  rowEnd: Buffer;
  cellStart: Buffer;
  cellEnd: Buffer;
  valueStart: Buffer;
  valueEnd: Buffer;
  prefixed: boolean;
}

function marksOf(prefix: string | null): Marks {
  const q = (local: string) => (prefix === null ? local : `${prefix}:${local}`);
  const b = (s: string) => Buffer.from(s, "latin1");
  return {
    dataStart: b(`<${q("sheetData")}`),
    dataEnd: b(`</${q("sheetData")}>`),
    rowStart: b(`<${q("row")}`),
    rowEnd: b(`</${q("row")}>`),
    cellStart: b(`<${q("c")}`),
    cellEnd: b(`</${q("c")}>`),
    valueStart: b(`<${q("v")}`),
    valueEnd: b(`</${q("v")}>`),
    prefixed: prefix !== null,
  };
}

// Where the attributes r, t and s of the start tag last scanned stand (-1: absent).
let r0 = -1;
let r1 = -1;
let t0 = -1;
let t1 = -1;
let s0 = -1;
let s1 = -1;

/**
 * Where `needle` first starts in `w[from, to)` (wholly inside it), or -1. Rows and cells are a
 * few dozen bytes: a plain loop beats Buffer#indexOf, whose every call costs more than that.
 */
function find(w: Buffer, needle: Buffer, from: number, to: number): number {
  const first = needle[0];
  const n = needle.length;
  const last = to - n;
  outer: for (let i = from; i <= last; i++) {
    if (w[i] !== first) continue;
    for (let k = 1; k < n; k++) if (w[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** Where byte `b` first is in `w[from, to)`, or -1. */
function findByte(w: Buffer, b: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (w[i] === b) return i;
  return -1;
}

const isSpace = (b: number | undefined) => b === 32 || b === 9 || b === 10 || b === 13;

/**
 * Finds the attributes r, t and s of the start tag `w[from, to)` (`to` at its `>`): names and
 * quoted values, any spacing around `=`, the first of a repeated name; sets r0…s1.
 */
function scanAttributes(w: Buffer, from: number, to: number): void {
  r0 = r1 = t0 = t1 = s0 = s1 = -1;
  let i = from + 1;
  while (i < to && !isSpace(w[i])) i++; // the element's name
  while (i < to) {
    while (i < to && isSpace(w[i])) i++;
    const n0 = i;
    while (i < to && w[i] !== 61 /* = */ && !isSpace(w[i])) i++;
    const n1 = i;
    while (i < to && isSpace(w[i])) i++;
    if (i >= to || w[i] !== 61 || n1 === n0) {
      i = Math.max(i, n0 + 1);
      continue;
    }
    i++;
    while (i < to && isSpace(w[i])) i++;
    const quote = w[i];
    if (quote !== 34 && quote !== 39) continue;
    const v0 = i + 1;
    let j = v0;
    while (j < to && w[j] !== quote) j++;
    if (j >= to) return;
    if (n1 - n0 === 1) attribute(w[n0], v0, j);
    i = j + 1;
  }
}

/** Notes where attribute `name` (one letter) of the tag being scanned stands, the first time. */
function attribute(name: number | undefined, v0: number, v1: number): void {
  if (name === 114 /* r */) {
    if (r0 === -1) [r0, r1] = [v0, v1];
  } else if (name === 116 /* t */) {
    if (t0 === -1) [t0, t1] = [v0, v1];
  } else if (name === 115 /* s */ && s0 === -1) [s0, s1] = [v0, v1];
}

/**
 * scanAttributes of the start tag at `from` and its end, the first `>`, in one pass: where that
 * `>` stands, or -1 when a `<` or `to` comes before it (the caller then reads the tag with
 * findByte and scanAttributes, as the searching path does).
 */
function scanTag(w: Buffer, from: number, to: number): number {
  r0 = r1 = t0 = t1 = s0 = s1 = -1;
  let i = from + 1;
  let b: number;
  while (i < to && (b = w[i] as number) !== 62 && b !== 60 && !isSpace(b)) i++; // the name
  for (;;) {
    while (i < to && isSpace(w[i])) i++;
    if (i >= to) return -1;
    b = w[i] as number;
    if (b === 62) return i;
    if (b === 60) return -1;
    const n0 = i;
    while (i < to && (b = w[i] as number) !== 61 && b !== 62 && b !== 60 && !isSpace(b)) i++;
    const n1 = i;
    while (i < to && isSpace(w[i])) i++;
    if (i >= to) return -1;
    b = w[i] as number;
    if (b === 62) return i;
    if (b === 60) return -1;
    if (b !== 61 || n1 === n0) {
      i = Math.max(i, n0 + 1);
      continue;
    }
    i++;
    while (i < to && isSpace(w[i])) i++;
    if (i >= to) return -1;
    const quote = w[i] as number;
    if (quote === 62) return i;
    if (quote === 60) return -1;
    if (quote !== 34 && quote !== 39) continue;
    const v0 = i + 1;
    let j = v0;
    while (j < to && (b = w[j] as number) !== quote && b !== 62 && b !== 60) j++;
    if (j >= to || b === 60) return -1;
    if (b === 62) return j; // the tag ends inside the value: the attributes end there too
    if (n1 - n0 === 1) attribute(w[n0], v0, j);
    i = j + 1;
  }
}

/** `w[from, to)` as text: ASCII as it is, else UTF-8; entities are left to the caller. */
function textAt(w: Buffer, from: number, to: number): string {
  for (let i = from; i < to; i++) if ((w[i] as number) >= 0x80) return w.toString("utf8", from, to);
  return w.toString("latin1", from, to);
}

/** An attribute value as the text it stands for (entities decoded). */
function attributeAt(w: Buffer, from: number, to: number): string {
  const raw = textAt(w, from, to);
  return raw.includes("&") ? xmlText(raw) : raw;
}

/**
 * Number(text) of an attribute (entities decoded) or of a `<v>` (`entities` false: taken as
 * written), without making a string for plain digits.
 */
function numberOf(w: Buffer, from: number, to: number, entities = true): number {
  if (to > from && to - from <= 15) {
    let n = 0;
    let i = from;
    for (; i < to; i++) {
      const d = (w[i] as number) - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (i === to) return n;
  }
  return Number(entities ? attributeAt(w, from, to) : textAt(w, from, to));
}

/** The 1-based column of a cell reference such as `C12` (columnOf, from bytes). */
function columnAt(w: Buffer, from: number, to: number): number {
  for (let i = from; i < to; i++)
    if (w[i] === 38 /* & */) return columnOf(attributeAt(w, from, to));
  let col = 0;
  for (let i = from; i < to; i++) {
    const c = w[i] as number;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col;
}

const T_NUMBER = 0;
const T_SHARED = 1;
const T_INLINE = 2;
const T_BOOLEAN = 3;
const T_TEXT = 4;

/** A cell's type attribute: shared string, inline string, boolean, text (str, e, d) or other. */
function typeAt(w: Buffer, from: number, to: number): number {
  const length = to - from;
  const first = w[from];
  if (length === 1) {
    if (first === 115 /* s */) return T_SHARED;
    if (first === 98 /* b */) return T_BOOLEAN;
    if (first === 101 /* e */ || first === 100 /* d */) return T_TEXT;
    return T_NUMBER;
  }
  const t = attributeAt(w, from, to);
  if (t === "s") return T_SHARED;
  if (t === "inlineStr") return T_INLINE;
  if (t === "b") return T_BOOLEAN;
  if (t === "str" || t === "e" || t === "d") return T_TEXT;
  return T_NUMBER;
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** `EncryptionInfo` as the compound file's directory writes it (UTF-16LE). */
const ENCRYPTION_INFO = Buffer.from("EncryptionInfo", "utf16le");

function problemOf(bytes: Uint8Array): XlsxProblem | null {
  if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
    // An encrypted OOXML workbook is a compound file holding EncryptionInfo; else an old .xls.
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTION_INFO)
      ? { kind: "encrypted" }
      : { kind: "not-xlsx", found: "xls" };
  }
  return null;
}

function xlsxDiagnostic(file: string, problem: XlsxProblem): Diagnostic {
  const at = { position: { file, line: 1, col: 1 }, path: "" };
  switch (problem.kind) {
    case "not-xlsx":
      return makeDiagnostic("xlsx/not-xlsx", { ...at, params: { file, problem } });
    case "encrypted":
      return makeDiagnostic("xlsx/encrypted", { ...at, params: { file, problem } });
    case "damaged":
      return makeDiagnostic("xlsx/damaged", { ...at, params: { file, problem } });
    case "too-large":
      return makeDiagnostic("xlsx/too-large", { ...at, params: { file, problem } });
    case "no-sheet":
      return makeDiagnostic("xlsx/no-sheet", { ...at, params: { file, problem } });
    default: {
      const never: never = problem;
      return never;
    }
  }
}

/**
 * Reads the ledger sheet of kind `kind` from the workbook `bytes` of content file `rel`.
 * `budget` bounds the inflated size, `window` the bytes of XML read at a time (tests use small
 * ones of each).
 */
export async function readXlsx(
  rel: string,
  bytes: Uint8Array,
  kind: LedgerSheetKind,
  budget = MAX_XLSX_INFLATED_BYTES,
  window = CHUNK,
): Promise<XlsxRead> {
  const fail = (problem: XlsxProblem): XlsxRead => ({
    sheet: null,
    diagnostics: [xlsxDiagnostic(rel, problem)],
  });
  const early = problemOf(bytes);
  if (early) return fail(early);
  try {
    const zip = new ZipArchive(bytes, budget);
    if (!zip.has("xl/workbook.xml")) {
      const found = zip.has("content.xml") ? "ods" : zip.has("word/document.xml") ? "docx" : "zip";
      return fail({ kind: "not-xlsx", found });
    }
    const { sheets, date1904 } = sheetsOf(zip);
    const sheet = pickSheet(sheets, kind);
    if (!sheet) {
      return fail({
        kind: "no-sheet",
        wanted: LEDGER_SHEETS[kind].sheet,
        sheets: sheets.map((s) => s.name),
      });
    }
    if (!zip.has(sheet.path)) return fail({ kind: "damaged", part: sheet.path });
    const shared = sharedStringsOf(zip.read("xl/sharedStrings.xml"));
    const dates = dateStyles(part(zip, "xl/styles.xml"));
    const reader = new SheetReader(shared, dates, date1904, window, zip.declaredSize(sheet.path));
    // A window's worth inflates (on zlib's thread) while the previous window is read.
    await zip.inflateEach(sheet.path, (piece) => reader.push(piece), window);
    const data = reader.end(sheet.name.replace(/[\t\n\r]/g, " "));
    const diagnostics: Diagnostic[] = [];
    if (reader.farFirst !== null) {
      const { row, col } = reader.farFirst;
      diagnostics.push(
        makeDiagnostic("xlsx/far-cells", {
          position: { file: rel, sheet: data.name, line: row, col },
          path: "",
          params: {
            file: rel,
            sheet: data.name,
            count: reader.far,
            last: columnLetters(MAX_SHEET_COLUMNS),
          },
        }),
      );
    }
    return { sheet: data, diagnostics };
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    const p = e.problem;
    switch (p.kind) {
      case "not-zip":
        return fail({ kind: "not-xlsx", found: "other" });
      case "encrypted":
        return fail({ kind: "encrypted" });
      case "too-large":
        return fail({ kind: "too-large", limit: p.limit });
      case "damaged":
        return fail({ kind: "damaged", part: p.entry });
      case "method":
        return fail({ kind: "damaged", part: p.entry });
      default: {
        const never: never = p;
        return never;
      }
    }
  }
}
