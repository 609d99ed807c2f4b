// CSV ledgers (UTF-8, RFC 4180) with Chinese column headers → the same records as the YAML
// ledgers, keeping each row's place for diagnostics. Large ledgers load here: 500k rows take
// a fraction of a second, where YAML would take minutes.
//
// Rows are read from the file's UTF-8 bytes, never from one decoded string (a province's 300 MB
// ledger would be 450 MB more as text). Separators, quotes and line breaks are ASCII bytes, which
// never occur inside a multi-byte character, so cells are found by their bytes; a cell's text is
// made only when its column has not met the same bytes before (dates, villages, vocabularies
// repeat on every row). Positions are byte offsets, turned into lines and columns (UTF-16 units,
// as in the rest of the content) only when a diagnostic needs one.
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { trimmedEnd, trimmedStart, utf16Length } from "../text/utf8-bytes.ts";
import { MEMO_LIMIT, cellConverter, memoizable } from "./cells.ts";
import type { LedgerColumn } from "./ledger-columns.ts";
import { LineIndex } from "./line-index.ts";
import type { PathKey, Refine, SourceFile } from "./source-file.ts";
import { WholeRows } from "./whole-rows.ts";

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

interface CsvRecord {
  /** Each cell's text; empty strings when the record was read for its offsets only. */
  cells: string[];
  offsets: number[];
  next: number;
  /** Offset of a quote that opens a cell and never closes; -1 when every quote closes. */
  unclosed: number;
}

/** Where a cell's bytes (or what follows a cell's closing quote) that start at `i` end. */
function cellEnd(b: Buffer, i: number): number {
  const n = b.length;
  while (i < n) {
    const c = b[i] as number;
    if (c === COMMA || c === LF || c === CR) break;
    i++;
  }
  return i;
}

/**
 * The cell opening with a quote at `open`: its text, doubled quotes made one, and whatever stands
 * between the closing quote and the separator kept verbatim; `end` is where the cell ends. A quote
 * that never closes takes the rest of the bytes (`closed` false). Without `decode` the text is
 * not made (only `end` and `closed` are wanted).
 */
function quotedCell(
  b: Buffer,
  open: number,
  decode = true,
): { value: string; end: number; closed: boolean } {
  const n = b.length;
  let value = "";
  let i = open + 1;
  for (;;) {
    const q = b.indexOf(QUOTE, i);
    if (q === -1)
      return { value: decode ? value + b.toString("utf8", i, n) : "", end: n, closed: false };
    if (decode) value += b.toString("utf8", i, q);
    if (b[q + 1] !== QUOTE) {
      i = q + 1;
      break;
    }
    if (decode) value += '"';
    i = q + 2;
  }
  const end = cellEnd(b, i);
  return {
    value: decode && end > i ? value + b.toString("utf8", i, end) : value,
    end,
    closed: true,
  };
}

/**
 * Splits one record starting at `start`; returns cell texts (without `decode`, empty), their
 * offsets and the next start.
 */
function readRecord(b: Buffer, start: number, decode = true): CsvRecord {
  const cells: string[] = [];
  const offsets: number[] = [];
  let unclosed = -1;
  let i = start;
  const n = b.length;
  for (;;) {
    offsets.push(i);
    if (b[i] === QUOTE) {
      const cell = quotedCell(b, i, decode);
      if (!cell.closed) unclosed = i;
      cells.push(cell.value);
      i = cell.end;
    } else {
      const end = cellEnd(b, i);
      cells.push(decode ? b.toString("utf8", i, end) : "");
      i = end;
    }
    if (i >= n) return { cells, offsets, next: n, unclosed };
    const c = b[i];
    if (c === COMMA) {
      i++;
      continue;
    }
    // End of record: \n, \r\n or \r.
    if (c === CR && b[i + 1] === LF) return { cells, offsets, next: i + 2, unclosed };
    return { cells, offsets, next: i + 1, unclosed };
  }
}

/** Line breaks (`\n`, as LineIndex counts lines) in bytes `from` to `to`. */
function countNewlines(b: Buffer, from: number, to: number): number {
  let n = 0;
  for (let at = b.indexOf(LF, from); at !== -1 && at < to; at = b.indexOf(LF, at + 1)) n++;
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
  /** The index of the last value not above `v` (values ascending, the first not above it). */
  lastAtMost(v: number): number {
    let lo = 0;
    let hi = this.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.data[mid] as number) <= v) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/**
 * Reads the body's records one at a time: the first `count` cells of the arrays are the row's,
 * each as its bytes `starts[c]`..`ends[c]` (`ascii[c]` when all of them are ASCII) or, when it was
 * quoted, as its text in `quoted[c]` (null for an unquoted cell). The cells' offsets are found
 * again by readRecord when a diagnostic needs one.
 */
class RowScanner {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly ascii: boolean[] = [];
  readonly quoted: (string | null)[] = [];
  count = 0;
  /** Line breaks from the record's start to the next record's. */
  newlines = 0;
  /** Offset of a quote that opens a cell and never closes; -1 when every quote closes. */
  unclosed = -1;
  private readonly b: Buffer;
  constructor(b: Buffer) {
    this.b = b;
  }

  /** Reads the record at `start`; returns where the next one starts. */
  row(start: number): number {
    const b = this.b;
    const n = b.length;
    let count = 0;
    let newlines = 0;
    let i = start;
    for (;;) {
      if (b[i] === QUOTE) {
        const cell = quotedCell(b, i);
        if (!cell.closed) {
          this.unclosed = i;
          this.count = count;
          return n;
        }
        newlines += countNewlines(b, i, cell.end);
        this.quoted[count] = cell.value;
        i = cell.end;
      } else {
        let bits = 0;
        let j = i;
        while (j < n) {
          const c = b[j] as number;
          if (c === COMMA || c === LF || c === CR) break;
          bits |= c;
          j++;
        }
        this.starts[count] = i;
        this.ends[count] = j;
        this.ascii[count] = bits < 0x80;
        this.quoted[count] = null;
        i = j;
      }
      count++;
      if (i >= n) break;
      const c = b[i];
      if (c === COMMA) {
        i++;
        continue;
      }
      // End of record: \n, \r\n or \r.
      this.count = count;
      if (c === CR && b[i + 1] === LF) {
        this.newlines = newlines + 1;
        return i + 2;
      }
      this.newlines = newlines + (c === LF ? 1 : 0);
      return i + 1;
    }
    this.count = count;
    this.newlines = newlines;
    return n;
  }

  /** Cell `c` of the row, trimmed, is empty. */
  blank(c: number): boolean {
    const q = this.quoted[c];
    if (q !== null && q !== undefined) return q.trim() === "";
    const s = this.starts[c] as number;
    return trimmedStart(this.b, s, this.ends[c] as number) === this.ends[c];
  }

  /** The row looks blank: its first cell is empty or starts with a space or control character. */
  blankish(): boolean {
    const q = this.quoted[0];
    if (q !== null && q !== undefined) return q === "" || q.charCodeAt(0) <= 32;
    const s = this.starts[0] as number;
    return s === this.ends[0] || (this.b[s] as number) <= 32;
  }
}

/** A column value remembered for its cells' bytes (at `start`..`end` of the file). */
interface Remembered {
  start: number;
  end: number;
  value: unknown;
  next: Remembered | null;
}

/**
 * The values of one column's cells (trimmed, non-empty), as cellReader (cells.ts) gives them: the
 * same bytes read once, while the column has at most MEMO_LIMIT distinct cells (a column of ever
 * new texts, ids or free text, then reads each cell directly). Lists are never shared.
 */
class ColumnValues {
  private readonly convert: (raw: string) => unknown;
  private readonly b: Buffer;
  private memo: Map<number, Remembered> | null;
  private size = 0;
  constructor(b: Buffer, col: LedgerColumn, year: number | null) {
    this.b = b;
    this.convert = cellConverter(col, year);
    this.memo = memoizable(col) ? new Map() : null;
  }

  /** The value of a quoted cell's trimmed text. */
  text(raw: string): unknown {
    return this.convert(raw);
  }

  /** The value of the cell of bytes `start`..`end` (trimmed, non-empty; `ascii` if all are). */
  bytes(start: number, end: number, ascii: boolean): unknown {
    const b = this.b;
    const memo = this.memo;
    if (memo === null) return this.convert(b.toString(ascii ? "latin1" : "utf8", start, end));
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ (b[i] as number), 0x01000193);
    const first = memo.get(h);
    for (let r: Remembered | null = first ?? null; r !== null; r = r.next) {
      const len = end - start;
      if (r.end - r.start !== len) continue;
      let k = 0;
      while (k < len && b[r.start + k] === b[start + k]) k++;
      if (k === len) return r.value;
    }
    const value = this.convert(b.toString(ascii ? "latin1" : "utf8", start, end));
    if (this.size < MEMO_LIMIT) {
      memo.set(h, { start, end, value, next: first ?? null });
      this.size++;
    } else this.memo = null;
    return value;
  }
}

/** Bytes of a text, or the bytes as given, as a Buffer (no copy). */
function bufferOf(input: string | Uint8Array): Buffer {
  if (typeof input === "string") return Buffer.from(input, "utf8");
  return Buffer.isBuffer(input)
    ? input
    : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

/**
 * Parses a CSV ledger into `{ [listKey]: records[] }`. Unknown headers are reported and their
 * column ignored; empty cells are absent fields. `input` is the file's text or its UTF-8 bytes
 * (a leading byte order mark is skipped either way).
 */
export function parseCsvFile(
  file: string,
  input: string | Uint8Array,
  listKey: string,
  columns: readonly LedgerColumn[],
  year: number | null = null,
  refine?: Refine,
  /** Makes a row from values in `columns` order (LedgerSheet.row). */
  makeRow?: (values: readonly unknown[]) => Record<string, unknown>,
): SourceFile {
  const b = bufferOf(input);
  const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  // The text is made only for a code frame; lines are counted while reading, and the starts of
  // every line found only when a diagnostic needs a position off its row's first line.
  let text: string | null = typeof input === "string" ? input : null;
  let lineStarts: GrowingInts | null = null;
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number) => {
    if (lineStarts === null) {
      lineStarts = new GrowingInts();
      lineStarts.push(0);
      for (let i = b.indexOf(LF); i !== -1; i = b.indexOf(LF, i + 1)) lineStarts.push(i + 1);
    }
    const line = lineStarts.lastAtMost(offset);
    return { file, line: line + 1, col: utf16Length(b, lineStarts.at(line), offset) + 1 };
  };

  const header = readRecord(b, bom);
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

  const readers = colOf.map((col) => (col ? new ColumnValues(b, col, year) : null));
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
        position: at(bom),
        path: "",
        params: { csvHeader: columns.slice(0, 3).map((c) => c.headers[0] as string) },
      }),
    );
  }
  const scan = new RowScanner(b);
  const { starts, ends, ascii, quoted } = scan;
  /** The value of cell `c` of the row read, or undefined when it is empty once trimmed. */
  const valueOf = (c: number, read: ColumnValues): unknown => {
    const q = quoted[c];
    if (q !== null && q !== undefined) {
      const raw = q.trim();
      return raw === "" ? undefined : read.text(raw);
    }
    const s = trimmedStart(b, starts[c] as number, ends[c] as number);
    if (s === ends[c]) return undefined;
    return read.bytes(s, trimmedEnd(b, s, ends[c] as number), ascii[c] as boolean);
  };
  let pos = header.next;
  let line = 1 + countNewlines(b, 0, pos);
  while (unclosed === -1 && pos < b.length) {
    const start = pos;
    const startLine = line;
    pos = scan.row(pos);
    line += scan.newlines;
    if (scan.unclosed !== -1) {
      unclosed = scan.unclosed;
      break;
    }
    const count = scan.count;
    if (count !== width || scan.blankish()) {
      // Blank lines and rows of empty cells (Excel writes ",,,,") are skipped.
      let blank = true;
      for (let c = 0; c < count && blank; c++) blank = scan.blank(c);
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
        if (!read) continue;
        const v = valueOf(c, read);
        if (v !== undefined) whole.set(c, v);
      }
      records.push(whole.take());
    } else {
      const obj: Record<string, unknown> = {};
      for (let c = 0; c < width; c++) {
        const key = keys[c];
        const read = readers[c];
        if (key === null || key === undefined || !read) continue;
        const v = valueOf(c, read);
        if (v !== undefined) obj[key] = v;
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
      return new LineIndex((text ??= b.toString("utf8")));
    },
    tabular: true,
    locate(path: readonly PathKey[], where: "value" | "key" = "value") {
      const index = path[1];
      if (path.length < 2 || typeof index !== "number" || !(index >= 0 && index < rowStarts.length))
        return at(bom);
      const start = rowStarts.at(index);
      const key = path[2];
      let offset = start;
      if (key !== undefined && where !== "key") {
        const rec = readRecord(b, start, false);
        const c = colOf.findIndex((col) => col?.key === key);
        if (c >= 0 && rec.offsets[c] !== undefined) offset = rec.offsets[c] as number;
      }
      // A row that starts a line holds its line's number: no index of the whole file's lines
      // (a province's ledger is 2,000,000 lines) is needed while the cell is on that line.
      if (b[start - 1] === LF) {
        const lineEnd = b.indexOf(LF, start);
        if (lineEnd === -1 || lineEnd >= offset)
          return { file, line: rowLines.at(index), col: utf16Length(b, start, offset) + 1 };
      }
      return at(offset);
    },
    itemLine(array: readonly unknown[], index: number): number {
      if (array !== records || !(index >= 0 && index < rowLines.length)) return 0;
      return rowLines.at(index);
    },
  };
}
