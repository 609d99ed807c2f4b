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
import { bufferOf, utf8TextOf } from "./byte-source.ts";
import type { ByteSource } from "./byte-source.ts";
import { MEMO_LIMIT, cellConverter, memoizable } from "./cells.ts";
import type { LedgerColumn } from "./ledger-columns.ts";
import { LineIndex } from "./line-index.ts";
import type { PathKey, Refine, SourceFile } from "./source-file.ts";
import { WholeRows } from "./whole-rows.ts";

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Bytes read at once from a ByteSource (a window grows when one record is longer): a large ledger
 * is never held whole (a province's 300 MB would be as much fresh memory, which on a virtual
 * machine costs more than reading the file).
 */
const WINDOW_BYTES = 4 * 1024 * 1024;

/**
 * The part of the file being read: bytes `b[0]`..`b[end]` are the file's from `base`; `eof` when
 * they reach the file's end. Bytes in memory are one window holding everything.
 */
class Window {
  b: Buffer;
  base = 0;
  end = 0;
  eof: boolean;
  private readonly source: ByteSource | null;
  constructor(input: Buffer | ByteSource, size: number) {
    if (Buffer.isBuffer(input)) {
      this.b = input;
      this.end = input.length;
      this.eof = true;
      this.source = null;
    } else {
      this.b = Buffer.allocUnsafe(Math.max(1, Math.min(size, input.size)));
      this.eof = false;
      this.source = input;
      this.refill(0);
    }
  }

  /** Makes the window start at file offset `at` (bytes in memory: the window is the file); returns
   * `at` as a window offset. */
  seek(at: number): number {
    if (this.source === null) return at;
    this.base = at;
    this.end = 0;
    this.eof = false;
    this.refill(0);
    return 0;
  }

  /**
   * Keeps the bytes from `from` on (moved to the front, the window grown when they fill it) and
   * reads what follows; returns false when there was nothing more to read.
   */
  refill(from: number): boolean {
    const source = this.source;
    if (source === null || this.eof) return false;
    const kept = this.end - from;
    if (kept === this.b.length) {
      const bigger = Buffer.allocUnsafe(this.b.length * 2);
      this.b.copy(bigger, 0, from, this.end);
      this.b = bigger;
    } else if (from > 0) this.b.copy(this.b, 0, from, this.end);
    this.base += from;
    this.end = kept;
    const at = this.base + kept;
    const want = Math.min(this.b.length - kept, source.size - at);
    const n = want > 0 ? source.read(this.b, kept, want, at) : 0;
    this.end += n;
    if (n < want || at + n >= source.size) this.eof = true;
    return n > 0 || this.eof;
  }
}

interface CsvRecord {
  /** Each cell's text; empty strings when the record was read for its offsets only. */
  cells: string[];
  offsets: number[];
  next: number;
  /** Offset of a quote that opens a cell and never closes; -1 when every quote closes. */
  unclosed: number;
  /** The record runs past the bytes given (`end`), and the file goes on. */
  incomplete: boolean;
}

/** Where a cell's bytes (or what follows a cell's closing quote) that start at `i` end. */
function cellEnd(b: Buffer, i: number, n: number): number {
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
 * not made (only `end` and `closed` are wanted). Bytes end at `n`; unless `eof`, a cell that
 * reaches `n` may go on (`more`: read more and ask again).
 */
function quotedCell(
  b: Buffer,
  open: number,
  n: number,
  eof: boolean,
  decode = true,
): { value: string; end: number; closed: boolean; more: boolean } {
  let value = "";
  let i = open + 1;
  for (;;) {
    let q = b.indexOf(QUOTE, i);
    if (q >= n) q = -1;
    if (q === -1) {
      const rest = decode ? value + b.toString("utf8", i, n) : "";
      return { value: rest, end: n, closed: false, more: !eof };
    }
    if (decode) value += b.toString("utf8", i, q);
    if (q + 1 === n && !eof) return { value, end: n, closed: false, more: true };
    if (b[q + 1] !== QUOTE) {
      i = q + 1;
      break;
    }
    if (decode) value += '"';
    i = q + 2;
  }
  const end = cellEnd(b, i, n);
  return {
    value: decode && end > i ? value + b.toString("utf8", i, end) : value,
    end,
    closed: true,
    more: end === n && !eof,
  };
}

/**
 * Splits one record starting at `start` of bytes that end at `n` (the file's end when `eof`);
 * returns cell texts (without `decode`, empty), their offsets and the next start.
 */
function readRecord(b: Buffer, start: number, n: number, eof: boolean, decode = true): CsvRecord {
  const cells: string[] = [];
  const offsets: number[] = [];
  let unclosed = -1;
  let i = start;
  const record = (next: number, incomplete = false) => ({
    cells,
    offsets,
    next,
    unclosed,
    incomplete,
  });
  for (;;) {
    offsets.push(i);
    if (i < n && b[i] === QUOTE) {
      const cell = quotedCell(b, i, n, eof, decode);
      if (cell.more) return record(n, true);
      if (!cell.closed) unclosed = i;
      cells.push(cell.value);
      i = cell.end;
    } else {
      const end = cellEnd(b, i, n);
      cells.push(decode ? b.toString("utf8", i, end) : "");
      i = end;
    }
    if (i >= n) return record(n, !eof);
    const c = b[i];
    if (c === COMMA) {
      i++;
      continue;
    }
    // End of record: \n, \r\n or \r.
    if (c === CR && i + 1 === n && !eof) return record(n, true);
    if (c === CR && b[i + 1] === LF) return record(i + 2);
    return record(i + 1);
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
 * Reads the body's records one at a time from the window: the first `count` cells of the arrays
 * are the row's, each as its bytes `starts[c]`..`ends[c]` of the window (`ascii[c]` when all of
 * them are ASCII) or, when it was quoted, as its text in `quoted[c]` (null for an unquoted cell).
 * A row that runs past the window's bytes while the file goes on is `incomplete`: the window is
 * refilled and the row read again. The cells' offsets are found again by readRecord when a
 * diagnostic needs one.
 */
class RowScanner {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly ascii: boolean[] = [];
  readonly quoted: (string | null)[] = [];
  count = 0;
  /** Line breaks from the record's start to the next record's. */
  newlines = 0;
  /** Window offset of a quote that opens a cell and never closes; -1 when every quote closes. */
  unclosed = -1;
  /** The row runs past the window's bytes and the file goes on. */
  incomplete = false;
  private readonly win: Window;
  constructor(win: Window) {
    this.win = win;
  }

  /** Reads the record at window offset `start`; returns where the next one starts. */
  row(start: number): number {
    const { b, end: n, eof } = this.win;
    let count = 0;
    let newlines = 0;
    let i = start;
    this.incomplete = false;
    for (;;) {
      if (i < n && b[i] === QUOTE) {
        const cell = quotedCell(b, i, n, eof);
        if (cell.more) {
          this.incomplete = true;
          return n;
        }
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
      if (c === CR && i + 1 === n && !eof) break;
      this.count = count;
      if (c === CR && b[i + 1] === LF) {
        this.newlines = newlines + 1;
        return i + 2;
      }
      this.newlines = newlines + (c === LF ? 1 : 0);
      return i + 1;
    }
    if (!eof) {
      this.incomplete = true;
      return n;
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
    return trimmedStart(this.win.b, s, this.ends[c] as number) === this.ends[c];
  }

  /** The row looks blank: its first cell is empty or starts with a space or control character. */
  blankish(): boolean {
    const q = this.quoted[0];
    if (q !== null && q !== undefined) return q === "" || q.charCodeAt(0) <= 32;
    const s = this.starts[0] as number;
    return s === this.ends[0] || (this.win.b[s] as number) <= 32;
  }
}

/** A column value remembered for its cells' bytes. */
interface Remembered {
  key: Buffer;
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
  private readonly win: Window;
  private memo: Map<number, Remembered> | null;
  private size = 0;
  constructor(win: Window, col: LedgerColumn, year: number | null) {
    this.win = win;
    this.convert = cellConverter(col, year);
    this.memo = memoizable(col) ? new Map() : null;
  }

  /** The value of a quoted cell's trimmed text. */
  text(raw: string): unknown {
    return this.convert(raw);
  }

  /** The value of the cell of window bytes `start`..`end` (trimmed, non-empty; `ascii` if all are). */
  bytes(start: number, end: number, ascii: boolean): unknown {
    const b = this.win.b;
    const memo = this.memo;
    if (memo === null) return this.convert(b.toString(ascii ? "latin1" : "utf8", start, end));
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ (b[i] as number), 0x01000193);
    const first = memo.get(h);
    const len = end - start;
    for (let r: Remembered | null = first ?? null; r !== null; r = r.next) {
      const key = r.key;
      if (key.length !== len) continue;
      let k = 0;
      while (k < len && key[k] === b[start + k]) k++;
      if (k === len) return r.value;
    }
    const value = this.convert(b.toString(ascii ? "latin1" : "utf8", start, end));
    if (this.size < MEMO_LIMIT) {
      memo.set(h, { key: Buffer.from(b.subarray(start, end)), value, next: first ?? null });
      this.size++;
    } else this.memo = null;
    return value;
  }
}

/** Bytes of a text, or the bytes as given, as a Buffer (no copy); a ByteSource as it is. */
function bytesOf(input: string | Uint8Array | ByteSource): Buffer | ByteSource {
  if (typeof input === "string") return Buffer.from(input, "utf8");
  return input instanceof Uint8Array ? bufferOf(input) : input;
}

/** Bytes a ByteSource is read in for diagnostics (they come mostly in file order). */
const CACHE_BYTES = 1 << 20;

/**
 * A file's bytes at `at`..`at + length` (fewer at its end): a view of bytes in memory, else read
 * from the source into one reused buffer holding the part last read, which starts a little before
 * `at` (a position also looks at the byte before a row). A view is good until the next call.
 */
function byteReader(input: Buffer | ByteSource): (at: number, length: number) => Buffer {
  if (Buffer.isBuffer(input))
    return (at, length) => input.subarray(at, Math.min(input.length, at + length));
  let buf = Buffer.alloc(0);
  let cacheAt = 0;
  let cached = 0;
  return (at, length) => {
    const to = Math.min(input.size, at + length);
    if (at >= cacheAt && to <= cacheAt + cached) return buf.subarray(at - cacheAt, to - cacheAt);
    const from = Math.max(0, at - 4096);
    const want = Math.min(Math.max(to - from, CACHE_BYTES), input.size - from);
    if (buf.length < want) buf = Buffer.allocUnsafe(Math.max(want, CACHE_BYTES));
    cached = input.read(buf, 0, want, from);
    cacheAt = from;
    return buf.subarray(at - from, Math.min(cached, to - from));
  };
}

/**
 * Parses a CSV ledger into `{ [listKey]: records[] }`. Unknown headers are reported and their
 * column ignored; empty cells are absent fields. `input` is the file's text, its UTF-8 bytes, or
 * a ByteSource of them read a window at a time (a leading byte order mark is skipped).
 */
export function parseCsvFile(
  file: string,
  input: string | Uint8Array | ByteSource,
  listKey: string,
  columns: readonly LedgerColumn[],
  year: number | null = null,
  refine?: Refine,
  /** Makes a row from values in `columns` order (LedgerSheet.row). */
  makeRow?: (values: readonly unknown[]) => Record<string, unknown>,
  /** Bytes read from a ByteSource at once (tests give small windows). */
  windowBytes = WINDOW_BYTES,
): SourceFile {
  const bytes = bytesOf(input);
  const size = Buffer.isBuffer(bytes) ? bytes.length : bytes.size;
  const bytesAt = byteReader(bytes);
  const win = new Window(bytes, windowBytes);
  const head = bytesAt(0, 3);
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  // The text is made only for a code frame; lines are counted while reading, and the starts of
  // every line found only when a diagnostic needs a position off its row's first line.
  let text: string | null = typeof input === "string" ? input : null;
  let lineStarts: GrowingInts | null = null;
  const diagnostics: Diagnostic[] = [];
  /** Position of file offset `offset`. */
  const at = (offset: number) => {
    if (lineStarts === null) {
      const starts = new GrowingInts();
      starts.push(0);
      for (let from = 0; from < size; from += 1 << 20) {
        const part = bytesAt(from, 1 << 20);
        for (let i = part.indexOf(LF); i !== -1; i = part.indexOf(LF, i + 1))
          starts.push(from + i + 1);
      }
      lineStarts = starts;
    }
    const line = lineStarts.lastAtMost(offset);
    const start = lineStarts.at(line);
    return {
      file,
      line: line + 1,
      col: utf16Length(bytesAt(start, offset - start), 0, offset - start) + 1,
    };
  };
  /** The record at file offset `start`, read whole (as far as the file goes). */
  const recordAt = (start: number, decode: boolean): CsvRecord => {
    for (let length = 1 << 16; ; length *= 2) {
      const part = bytesAt(start, length);
      const rec = readRecord(part, 0, part.length, start + part.length >= size, decode);
      if (!rec.incomplete) {
        rec.offsets = rec.offsets.map((o) => o + start);
        rec.next += start;
        if (rec.unclosed !== -1) rec.unclosed += start;
        return rec;
      }
    }
  };

  const header = recordAt(bom, true);
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

  const readers = colOf.map((col) => (col ? new ColumnValues(win, col, year) : null));
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
  const scan = new RowScanner(win);
  const { starts, ends, ascii, quoted } = scan;
  /** The value of cell `c` of the row read, or undefined when it is empty once trimmed. */
  const valueOf = (c: number, read: ColumnValues): unknown => {
    const q = quoted[c];
    if (q !== null && q !== undefined) {
      const raw = q.trim();
      return raw === "" ? undefined : read.text(raw);
    }
    const b = win.b;
    const s = trimmedStart(b, starts[c] as number, ends[c] as number);
    if (s === ends[c]) return undefined;
    return read.bytes(s, trimmedEnd(b, s, ends[c] as number), ascii[c] as boolean);
  };
  // Window offsets: `pos` is where the next row starts in the window.
  let pos = win.seek(header.next);
  let line = 1 + countNewlines(bytesAt(0, header.next), 0, header.next);
  while (unclosed === -1) {
    if (pos >= win.end) {
      if (win.eof) break;
      win.refill(pos);
      pos = 0;
      continue;
    }
    const next = scan.row(pos);
    if (scan.incomplete) {
      // The row goes on past the window: read on and take it again from its start.
      win.refill(pos);
      pos = 0;
      continue;
    }
    const start = win.base + pos;
    const startLine = line;
    pos = next;
    line += scan.newlines;
    if (scan.unclosed !== -1) {
      unclosed = win.base + scan.unclosed;
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
      // Read apart from the reader's buffer, which stays small.
      return new LineIndex((text ??= utf8TextOf(bytes)));
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
        const rec = recordAt(start, false);
        const c = colOf.findIndex((col) => col?.key === key);
        if (c >= 0 && rec.offsets[c] !== undefined) offset = rec.offsets[c] as number;
      }
      // A row that starts a line holds its line's number: no index of the whole file's lines
      // (a province's ledger is 2,000,000 lines) is needed while the cell is on that line.
      if (start > 0 && bytesAt(start - 1, 1)[0] === LF) {
        const before = bytesAt(start, offset - start);
        if (before.indexOf(LF) === -1)
          return { file, line: rowLines.at(index), col: utf16Length(before, 0, before.length) + 1 };
      }
      return at(offset);
    },
    itemLine(array: readonly unknown[], index: number): number {
      if (array !== records || !(index >= 0 && index < rowLines.length)) return 0;
      return rowLines.at(index);
    },
  };
}
