// Minimal RFC 4180 CSV reader for the oracle (petitions.csv). Independent of src/.
// Returns rows with the 1-based physical line on which each row starts.

export interface CsvRow {
  line: number;
  cells: string[];
}

export function parseCsv(text: string): CsvRow[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // UTF-8 BOM
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = "";
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  let rowHasContent = false;
  let i = 0;
  const endRow = (): void => {
    cells.push(cell);
    // skip completely empty lines (a lone trailing newline etc.)
    if (rowHasContent || cells.length > 1 || cells[0] !== "") rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
    rowHasContent = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      if (c === "\n") line++;
      cell += c;
      i++;
      continue;
    }
    if (c === '"') {
      inQuotes = true;
      rowHasContent = true;
      i++;
      continue;
    }
    if (c === ",") {
      cells.push(cell);
      cell = "";
      rowHasContent = true;
      i++;
      continue;
    }
    if (c === "\r" || c === "\n") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      i++;
      endRow();
      line++;
      rowLine = line;
      continue;
    }
    cell += c;
    i++;
  }
  if (inQuotes)
    throw new Error(`petitions.csv: unterminated quoted field starting on line ${rowLine}`);
  if (cell !== "" || cells.length > 0 || rowHasContent) endRow();
  return rows;
}
