// A ledger sheet of a workbook as its rows, compactly: each cell the number of its text in a
// table of the sheet's distinct cell texts (the workbook's shared strings first), each row its
// number and where its cells end. The XLSX reader (xlsx.ts) fills it as the worksheet inflates
// and table.ts reads records from it; the sheet's text form (sheet-text.ts), which code frames
// show a row of, is made only when it is asked for. A 1,000,000-row ledger is then about 90 MB
// of integers instead of a 220 MB string written and split again.
import { escapeCell, sheetName, sheetRows } from "./sheet-text.ts";

/** A cell that holds nothing. */
export const EMPTY = -1;

/** Distinct texts looked up before they are added (numbers, dates); later new ones are added. */
const INTERNED = 1 << 16;

export class SheetData {
  /** The sheet's name (tabs and line breaks as spaces). */
  readonly name: string;
  /** Cell texts, trimmed, by number. */
  readonly values: readonly string[];
  /** Rows holding something, in the order of the sheet. */
  readonly rowCount: number;
  private readonly rowNumbers: Float64Array;
  /** Row i's cells are cells[rowEnds[i - 1] … rowEnds[i]) (from 0 for the first). */
  private readonly rowEnds: Int32Array;
  private readonly cells: Int32Array;
  #text: string | undefined;

  constructor(
    name: string,
    values: readonly string[],
    rowNumbers: Float64Array,
    rowEnds: Int32Array,
    cells: Int32Array,
  ) {
    this.name = name;
    this.values = values;
    this.rowCount = rowNumbers.length;
    this.rowNumbers = rowNumbers;
    this.rowEnds = rowEnds;
    this.cells = cells;
  }

  /** The 1-based sheet row number of row `i`. */
  rowNumber(i: number): number {
    return this.rowNumbers[i] as number;
  }

  /** Where row `i`'s cells (column A first) start in `cellCodes`. */
  rowStart(i: number): number {
    return i === 0 ? 0 : (this.rowEnds[i - 1] as number);
  }

  /** Where row `i`'s cells end in `cellCodes`. */
  rowEnd(i: number): number {
    return this.rowEnds[i] as number;
  }

  /** Every row's cells: the number of a cell's text in `values`, or EMPTY. */
  get cellCodes(): Int32Array {
    return this.cells;
  }

  /** Row `i`'s cell texts from column A ("" for an empty cell). */
  rowCells(i: number): string[] {
    const out: string[] = [];
    for (let k = this.rowStart(i), end = this.rowEnd(i); k < end; k++) {
      const code = this.cells[k] as number;
      out.push(code === EMPTY ? "" : (this.values[code] as string));
    }
    return out;
  }

  /**
   * The cell texts of the first row numbered `number` (as sheetRow finds it in the text form),
   * or null: rows in ascending order (as written) are found by halving, others through an index
   * made at the first call.
   */
  cellsOfRow(number: number): string[] | null {
    const n = this.rowCount;
    if (this.#ascending === undefined) {
      let ascending = true;
      for (let i = 1; i < n && ascending; i++)
        ascending = (this.rowNumbers[i - 1] as number) < (this.rowNumbers[i] as number);
      this.#ascending = ascending;
    }
    let i: number | undefined;
    if (this.#ascending) {
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((this.rowNumbers[mid] as number) < number) lo = mid + 1;
        else hi = mid;
      }
      i = lo < n && this.rowNumbers[lo] === number ? lo : undefined;
    } else {
      if (this.#byNumber === undefined) {
        this.#byNumber = new Map();
        for (let k = n - 1; k >= 0; k--) this.#byNumber.set(this.rowNumbers[k] as number, k);
      }
      i = this.#byNumber.get(number);
    }
    return i === undefined ? null : this.rowCells(i);
  }

  #ascending: boolean | undefined;
  #byNumber: Map<number, number> | undefined;

  /** The sheet as sheet text (sheet-text.ts), made when first asked for. */
  get text(): string {
    if (this.#text === undefined) {
      const lines = [this.name];
      const escaped = new Map<number, string>();
      for (let i = 0; i < this.rowCount; i++) {
        let line = `${this.rowNumber(i)}\t`;
        for (let k = this.rowStart(i), end = this.rowEnd(i); k < end; k++) {
          const code = this.cells[k] as number;
          if (k > this.rowStart(i)) line += "\t";
          if (code === EMPTY) continue;
          let cell = escaped.get(code);
          if (cell === undefined)
            escaped.set(code, (cell = escapeCell(this.values[code] as string)));
          line += cell;
        }
        lines.push(line);
      }
      this.#text = lines.join("\n");
    }
    return this.#text;
  }

  /** The rows of a sheet text (cells trimmed), as the XLSX reader would have given them. */
  static fromText(text: string): SheetData {
    const b = new SheetBuilder([]);
    for (const { row, cells } of sheetRows(text)) {
      cells.forEach((cell, c) => {
        const t = cell.trim();
        b.set(c + 1, t === "" ? EMPTY : b.code(t));
      });
      b.endRow(row, true);
    }
    return b.finish(sheetName(text));
  }
}

/** Fills a SheetData a row at a time. */
export class SheetBuilder {
  private readonly values: string[];
  private readonly interned = new Map<string, number>();
  private rowNumbers = new Float64Array(1024);
  private rowEnds = new Int32Array(1024);
  private rows = 0;
  /** The cells of the rows so far (`used` of them), then those of the row being read. */
  private cells: Int32Array;
  private used = 0;
  /** Cells of the row being read. */
  private width = 0;

  /**
   * `values` are the first cell texts (the shared strings, trimmed), numbered from 0; `cells` is
   * how many cells to make room for at first (a new array's pages cost nothing until written, so
   * room for a few too many is cheaper than copying a grown array).
   */
  constructor(values: string[], cells = 1 << 16) {
    this.values = values;
    this.cells = new Int32Array(Math.max(1, cells));
  }

  /** The number of cell text `text` (trimmed), added when new. */
  code(text: string): number {
    let code = this.interned.get(text);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(text);
      if (this.interned.size < INTERNED) this.interned.set(text, code);
    }
    return code;
  }

  /** Sets the cell of 1-based column `col` of the row being read (0 or less: none). */
  set(col: number, code: number): void {
    if (col < 1) return;
    const at = this.used + col - 1;
    if (at >= this.cells.length)
      this.cells = grown(this.cells, Math.max(at + 1, this.cells.length * 2));
    const width = this.width;
    if (col > width + 1) this.cells.fill(EMPTY, this.used + width, at);
    this.cells[at] = code;
    if (width < col) this.width = col;
  }

  /** Ends the row being read: kept as sheet row `number` when it holds something (`any`). */
  endRow(number: number, any: boolean): void {
    const width = this.width;
    this.width = 0;
    if (!any) return;
    if (this.rows === this.rowNumbers.length) {
      this.rowNumbers = grown(this.rowNumbers, this.rows * 2);
      this.rowEnds = grown(this.rowEnds, this.rows * 2);
    }
    this.used += width;
    // -0 reads back as row 0, as the text form writes it
    this.rowNumbers[this.rows] = number === 0 ? 0 : number;
    this.rowEnds[this.rows++] = this.used;
  }

  finish(name: string): SheetData {
    return new SheetData(
      name,
      this.values,
      this.rowNumbers.subarray(0, this.rows),
      this.rowEnds.subarray(0, this.rows),
      this.cells.subarray(0, this.used),
    );
  }
}

function grown<T extends Int32Array | Float64Array>(a: T, length: number): T {
  const next = new (a.constructor as new (n: number) => T)(length);
  next.set(a);
  return next;
}
