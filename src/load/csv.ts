// CSV ledgers (UTF-8, RFC 4180) with Chinese column headers → the same records as the YAML
// ledgers, keeping each cell's position for diagnostics. Large ledgers load here: 500k rows take
// a fraction of a second, where YAML would take minutes.
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { cellReader } from "./cells.ts";
import type { LedgerColumn } from "./ledger-columns.ts";
import { LineIndex } from "./line-index.ts";
import type { PathKey, Refine, SourceFile } from "./source-file.ts";
import { WholeRows } from "./whole-rows.ts";

interface CsvRecord {
  cells: string[];
  offsets: number[];
  next: number;
  /** Offset of a quote that opens a cell and never closes; -1 when every quote closes. */
  unclosed: number;
}

/** Where a cell's text (or what follows a cell's closing quote) that starts at `i` ends. */
function cellEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 10 || c === 13) break;
    i++;
  }
  return i;
}

/**
 * The cell opening with a quote at `open`: its text, doubled quotes made one, and whatever stands
 * between the closing quote and the separator kept verbatim; `end` is where the cell ends. A quote
 * that never closes takes the rest of the text (`closed` false).
 */
function quotedCell(text: string, open: number): { value: string; end: number; closed: boolean } {
  let value = "";
  let i = open + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q === -1) return { value: value + text.slice(i), end: text.length, closed: false };
    value += text.slice(i, q);
    if (text.charCodeAt(q + 1) !== 34) {
      i = q + 1;
      break;
    }
    value += '"';
    i = q + 2;
  }
  const end = cellEnd(text, i);
  return { value: end > i ? value + text.slice(i, end) : value, end, closed: true };
}

/** Splits one record starting at `start`; returns cell texts, their offsets and the next start. */
function readRecord(text: string, start: number): CsvRecord {
  const cells: string[] = [];
  const offsets: number[] = [];
  let unclosed = -1;
  let i = start;
  const n = text.length;
  for (;;) {
    offsets.push(i);
    if (text.charCodeAt(i) === 34 /* " */) {
      const cell = quotedCell(text, i);
      if (!cell.closed) unclosed = i;
      cells.push(cell.value);
      i = cell.end;
    } else {
      const end = cellEnd(text, i);
      cells.push(text.slice(i, end));
      i = end;
    }
    if (i >= n) return { cells, offsets, next: n, unclosed };
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    // End of record: \n, \r\n or \r.
    if (c === 13 && text.charCodeAt(i + 1) === 10) return { cells, offsets, next: i + 2, unclosed };
    return { cells, offsets, next: i + 1, unclosed };
  }
}

/** Line breaks (`\n`, as LineIndex counts lines) in `text` from `from` to `to`. */
function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf("\n", from); at !== -1 && at < to; at = text.indexOf("\n", at + 1))
    n++;
  return n;
}

/** A list of non-negative integers in a typed array that doubles as it fills. */
class GrowingInts {
  private data = new Int32Array(1024);
  length = 0;
  push(n: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = n;
  }
  at(i: number): number {
    return this.data[i] as number;
  }
}

/**
 * Reads the body's records one at a time into `cells` (reused; the first `count` are the row's),
 * as readRecord reads them, without the cells' offsets (found again by readRecord when a
 * diagnostic needs one).
 */
class RowScanner {
  readonly cells: string[] = [];
  count = 0;
  /** Line breaks from the record's start to the next record's. */
  newlines = 0;
  /** Offset of a quote that opens a cell and never closes; -1 when every quote closes. */
  unclosed = -1;
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  /** Reads the record at `start`; returns where the next one starts. */
  row(start: number): number {
    const text = this.text;
    const n = text.length;
    const cells = this.cells;
    let count = 0;
    let newlines = 0;
    let i = start;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === 34 /* " */) {
        const cell = quotedCell(text, i);
        if (!cell.closed) {
          this.unclosed = i;
          this.count = count;
          return n;
        }
        newlines += countNewlines(text, i, cell.end);
        value = cell.value;
        i = cell.end;
      } else {
        const end = cellEnd(text, i);
        value = text.slice(i, end);
        i = end;
      }
      cells[count++] = value;
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
        continue;
      }
      // End of record: \n, \r\n or \r.
      this.count = count;
      if (c === 13 && text.charCodeAt(i + 1) === 10) {
        this.newlines = newlines + 1;
        return i + 2;
      }
      this.newlines = newlines + (c === 10 ? 1 : 0);
      return i + 1;
    }
    this.count = count;
    this.newlines = newlines;
    return n;
  }
}

/**
 * Parses a CSV ledger into `{ [listKey]: records[] }`. Unknown headers are reported and their
 * column ignored; empty cells are absent fields.
 */
export function parseCsvFile(
  file: string,
  rawText: string,
  listKey: string,
  columns: readonly LedgerColumn[],
  year: number | null = null,
  refine?: Refine,
  /** Makes a row from values in `columns` order (LedgerSheet.row). */
  makeRow?: (values: readonly unknown[]) => Record<string, unknown>,
): SourceFile {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const bom = rawText.length - text.length;
  // Lines are counted while reading; the index of every line start is made only when a diagnostic
  // needs a position.
  let index: LineIndex | null = null;
  const lineIndex = () => (index ??= new LineIndex(rawText));
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number) => ({ file, ...lineIndex().locate(offset + bom) });

  const header = readRecord(text, 0);
  if (header.unclosed !== -1) header.cells.length = 0; // the header swallowed the file
  const byHeader = new Map<string, LedgerColumn>();
  for (const col of columns) for (const h of col.headers) byHeader.set(h, col);
  const colOf: (LedgerColumn | null)[] = header.cells.map((h, i) => {
    const col = byHeader.get(h.trim()) ?? null;
    if (col === null && h.trim() !== "") {
      diagnostics.push(
        makeDiagnostic("schema/unknown-key", {
          position: at(header.offsets[i] as number),
          path: "",
          params: { column: h.trim(), columns: columns.map((c) => c.headers[0] as string) },
        }),
      );
    }
    return col;
  });

  const readers = colOf.map((col) => (col ? cellReader(col, year) : null));
  const keys = colOf.map((col) => col?.key ?? null);
  const width = header.cells.length;
  // With `refine` and a row maker, each row is made whole (whole-rows.ts).
  const whole = WholeRows.of(columns, makeRow, colOf, refine);
  const records: unknown[] = [];
  const rowStarts = new GrowingInts();
  const rowLines = new GrowingInts();
  // A quote that never closes swallows every later row into one cell: the file is unusable
  // (value undefined), never a short ledger.
  let unclosed = header.unclosed;
  if (unclosed === -1 && header.cells.every((h) => h.trim() === "")) {
    diagnostics.push(
      makeDiagnostic("schema/required", {
        position: at(0),
        path: "",
        params: { csvHeader: columns.slice(0, 3).map((c) => c.headers[0] as string) },
      }),
    );
  }
  const scan = new RowScanner(text);
  const cells = scan.cells;
  let pos = header.next;
  let line = 1 + countNewlines(text, 0, pos);
  while (unclosed === -1 && pos < text.length) {
    const start = pos;
    const startLine = line;
    pos = scan.row(pos);
    line += scan.newlines;
    if (scan.unclosed !== -1) {
      unclosed = scan.unclosed;
      break;
    }
    const count = scan.count;
    const first = cells[0] as string;
    if (count !== width || first === "" || first.charCodeAt(0) <= 32) {
      // Blank lines and rows of empty cells (Excel writes ",,,,") are skipped.
      let blank = true;
      for (let c = 0; c < count && blank; c++) blank = (cells[c] as string).trim() === "";
      if (blank) continue;
      if (count !== width) {
        diagnostics.push(
          makeDiagnostic("csv/cell-count", {
            position: at(start),
            path: "",
            params: { line: startLine, cells: count, columns: width },
          }),
        );
        continue;
      }
    }
    if (whole) {
      for (let c = 0; c < width; c++) {
        const read = readers[c];
        const raw = (cells[c] as string).trim();
        if (read && raw !== "") whole.set(c, read(raw));
      }
      records.push(whole.take());
    } else {
      const obj: Record<string, unknown> = {};
      for (let c = 0; c < width; c++) {
        const key = keys[c];
        if (key === null || key === undefined) continue;
        const raw = (cells[c] as string).trim();
        if (raw !== "") obj[key] = (readers[c] as (raw: string) => unknown)(raw);
      }
      records.push(refine?.(obj) ?? obj);
    }
    rowStarts.push(start);
    rowLines.push(startLine);
  }
  if (unclosed !== -1) {
    diagnostics.push(makeDiagnostic("csv/unclosed-quote", { position: at(unclosed), path: "" }));
  }
  const value = unclosed === -1 ? { [listKey]: records } : undefined;

  return {
    file,
    value,
    diagnostics,
    get lines() {
      return lineIndex();
    },
    tabular: true,
    locate(path: readonly PathKey[], where: "value" | "key" = "value") {
      const index = path[1];
      if (path.length < 2 || typeof index !== "number" || !(index >= 0 && index < rowStarts.length))
        return at(0);
      const start = rowStarts.at(index);
      const key = path[2];
      let offset = start;
      if (key !== undefined && where !== "key") {
        const rec = readRecord(text, start);
        const c = colOf.findIndex((col) => col?.key === key);
        if (c >= 0 && rec.offsets[c] !== undefined) offset = rec.offsets[c] as number;
      }
      // A row that starts a line holds its line's number: no index of the whole text's lines
      // (a province's ledger is 200 MB) is needed while the cell is on that line.
      if (text.charCodeAt(start - 1) === 10) {
        const lineEnd = text.indexOf("\n", start);
        if (lineEnd === -1 || lineEnd >= offset)
          return { file, line: rowLines.at(index), col: offset - start + 1 };
      }
      return at(offset);
    },
    itemLine(array: readonly unknown[], index: number): number {
      if (array !== records || !(index >= 0 && index < rowLines.length)) return 0;
      return rowLines.at(index);
    },
  };
}
