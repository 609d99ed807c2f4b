// The text form of one worksheet (a ledger sheet is held as its rows, sheet-data.ts, and made
// into this text only when asked for: content searched as text, a sheet given as text in tests):
//
//   line 1     the sheet's name
//   each row   <row number>\t<cell A>\t<cell B>…   (rows holding something, in order)
//
// Cells are the text Excel shows, with dates as 2025-01-08 / 2025-01-08T16:30; a backslash, tab,
// line feed or carriage return inside a cell is written \\, \t, \n, \r.

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const UNESCAPES: Record<string, string> = { "\\": "\\", t: "\t", n: "\n", r: "\r" };

export function escapeCell(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] as string) : s;
}

export function unescapeCell(s: string): string {
  return s.includes("\\") ? s.replace(/\\(.)/g, (_, c: string) => UNESCAPES[c] ?? c) : s;
}

export interface SheetRow {
  /** 1-based row number in the sheet. */
  row: number;
  /** Cell texts from column A, unescaped; "" for empty cells. */
  cells: string[];
}

/** The name of the sheet a sheet text holds. */
export function sheetName(text: string): string {
  const nl = text.indexOf("\n");
  return nl === -1 ? text : text.slice(0, nl);
}

/** Every row of a sheet text, in order. */
export function* sheetRows(text: string): Generator<SheetRow> {
  let p = text.indexOf("\n");
  while (p !== -1 && p < text.length) {
    const start = p + 1;
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    p = end === text.length ? -1 : end;
    if (line === "") continue;
    const cells = line.split("\t");
    const row = Number(cells.shift());
    // escapes are rare: a line without a backslash has none to undo
    if (line.includes("\\"))
      for (let i = 0; i < cells.length; i++) cells[i] = unescapeCell(cells[i] as string);
    yield { row, cells };
  }
}

/** Row `row` of a sheet text, or null. */
export function sheetRow(text: string, row: number): string[] | null {
  const key = `\n${row}\t`;
  const at = text.indexOf(key);
  if (at === -1) return null;
  const end = text.indexOf("\n", at + 1);
  const line = text.slice(at + key.length, end === -1 ? text.length : end);
  return line.split("\t").map(unescapeCell);
}

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `信访事项!C12`, the sheet quoted as Excel quotes it when it holds spaces or punctuation. */
export function cellReference(sheet: string, row: number, col: number): string {
  const name = /^[\p{L}\p{N}_]+$/u.test(sheet) ? sheet : `'${sheet.replaceAll("'", "''")}'`;
  return `${name}!${columnLetters(col)}${row}`;
}
