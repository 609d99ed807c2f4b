// A ledger sheet of a workbook (its rows, see sheet-data.ts) → the same records as the YAML
// ledger, each value located at its cell (file, sheet, row, column). The first row holding
// anything is the header; columns are found by their Chinese headers (ledger-columns.ts), in any
// order. The weekly reports may be a grid of villages × weeks instead of rows.
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.ts";
import { cellReader, readDateTime, readWeek } from "./cells.ts";
import { LEDGER_SHEETS, WEEKLY_GRID_UNIT_HEADERS, ZERO_REPORT_WORD } from "./ledger-columns.ts";
import type { LedgerColumn, LedgerSheetKind } from "./ledger-columns.ts";
import { LineIndex } from "./line-index.ts";
import { EMPTY } from "./sheet-data.ts";
import type { SheetData } from "./sheet-data.ts";
import type { PathKey, Refine, SourceFile } from "./source-file.ts";
import { WholeRows } from "./whole-rows.ts";

/** Column of each field of a record; a field without one points at the row's first cell. */
type FieldColumns = Record<string, number>;

const WEEK_RE = /^\d{4}-W\d{2}$/;

function columnsByHeader(columns: readonly LedgerColumn[]): Map<string, LedgerColumn> {
  const byHeader = new Map<string, LedgerColumn>();
  for (const col of columns) for (const h of col.headers) byHeader.set(h, col);
  return byHeader;
}

/** Header text as written, without spaces and line breaks a clerk adds to fit the column. */
const headerKey = (h: string) => h.replace(/\s+/g, "");

export function parseSheet(
  file: string,
  data: SheetData,
  kind: LedgerSheetKind,
  year: number | null,
  refine?: Refine,
): SourceFile {
  const spec = LEDGER_SHEETS[kind];
  const sheet = data.name;
  const diagnostics: Diagnostic[] = [];
  const at = (row: number, col: number): SourcePosition => ({ file, sheet, line: row, col });
  const records: unknown[] = [];
  // Where record i stands: its row, and the columns of its fields (one object for every record
  // of a sheet of rows; per week column in a grid).
  const placeRows: number[] = [];
  const placeCols: FieldColumns[] = [];
  const { values, cellCodes, rowCount } = data;

  if (rowCount === 0) {
    diagnostics.push(
      makeDiagnostic("schema/required", {
        position: at(1, 1),
        path: "",
        params: { csvHeader: spec.columns.slice(0, 3).map((c) => c.headers[0] as string) },
      }),
    );
  } else {
    const headerRow = data.rowNumber(0);
    const heads = data.rowCells(0).map(headerKey);
    const byHeader = columnsByHeader(spec.columns);
    const grid =
      kind === "weekly-reports" &&
      WEEKLY_GRID_UNIT_HEADERS.includes(heads[0] ?? "") &&
      !heads.some((h) => byHeader.get(h)?.key === "week") &&
      heads.slice(1).some((h) => WEEK_RE.test(readWeek(h, year)));
    if (grid) {
      const weeks = heads.map((h, i) => (i === 0 || h === "" ? null : readWeek(h, year)));
      const weekCols = heads.map((_, c) => ({
        unit: 1,
        week: c + 1,
        submitted: c + 1,
        zero: c + 1,
      }));
      for (let r = 1; r < rowCount; r++) {
        const row = data.rowNumber(r);
        const cells = data.rowCells(r);
        const unit = cells[0] ?? "";
        for (let c = 1; c < cells.length; c++) {
          const raw = cells[c] as string;
          const week = weeks[c];
          if (raw === "" || week === null || week === undefined) continue;
          const zero = raw.startsWith(ZERO_REPORT_WORD);
          const time = zero ? raw.slice(ZERO_REPORT_WORD.length).trim() : raw;
          const rec: Record<string, unknown> = { week };
          if (unit !== "") rec.unit = unit;
          if (time !== "") rec.submitted = readDateTime(time);
          if (zero) rec.zero = true;
          records.push(rec);
          placeRows.push(row);
          placeCols.push(weekCols[c] as FieldColumns);
        }
      }
    } else {
      const colOf = heads.map((h, i) => {
        const col = byHeader.get(h) ?? null;
        if (col === null && h !== "") {
          diagnostics.push(
            makeDiagnostic("schema/unknown-key", {
              position: at(headerRow, i + 1),
              path: "",
              params: {
                column: h,
                columns: spec.columns.map((c) => c.headers[0] as string),
              },
            }),
          );
        }
        return col;
      });
      const cols: Record<string, number> = {};
      colOf.forEach((col, i) => {
        if (col && cols[col.key] === undefined) cols[col.key] = i + 1;
      });
      const readers = colOf.map((col) => (col ? cellReader(col, year) : null));
      const width = readers.length;
      // With `refine` and the sheet's row maker, each row is made whole (whole-rows.ts).
      const whole = WholeRows.of(spec.columns, spec.row, colOf, refine);
      for (let r = 1; r < rowCount; r++) {
        const start = data.rowStart(r);
        const end = Math.min(data.rowEnd(r), start + width);
        let any = false;
        if (whole) {
          for (let k = start; k < end; k++) {
            const code = cellCodes[k] as number;
            const read = readers[k - start];
            if (code === EMPTY || !read) continue;
            const raw = values[code] as string;
            if (raw === "") continue;
            whole.set(k - start, read(raw));
            any = true;
          }
          if (!any) continue; // a row with cells only in unknown columns (a note, a total)
          records.push(whole.take());
          placeRows.push(data.rowNumber(r));
          placeCols.push(cols);
          continue;
        }
        const rec: Record<string, unknown> = {};
        for (let k = start; k < end; k++) {
          const code = cellCodes[k] as number;
          const col = colOf[k - start];
          if (code === EMPTY || !col) continue;
          const raw = values[code] as string;
          if (raw === "") continue;
          rec[col.key] = (readers[k - start] as (raw: string) => unknown)(raw);
          any = true;
        }
        if (!any) continue; // a row with cells only in unknown columns (a note, a total)
        records.push(refine?.(rec) ?? rec);
        placeRows.push(data.rowNumber(r));
        placeCols.push(cols);
      }
    }
  }

  const value = { [spec.listKey]: records };
  let lines: LineIndex | undefined;
  return {
    file,
    value,
    diagnostics,
    get lines() {
      // the text form is made only when asked for
      return (lines ??= new LineIndex(data.text));
    },
    tabular: true,
    locate(path: readonly PathKey[], where: "value" | "key" = "value") {
      const index = path[1];
      const row = typeof index === "number" ? placeRows[index] : undefined;
      if (path.length < 2 || row === undefined) return at(1, 1);
      const key = path[2];
      if (key === undefined || where === "key") return at(row, 1);
      return at(row, (placeCols[index as number] as FieldColumns)[String(key)] ?? 1);
    },
    itemLine(array: readonly unknown[], index: number): number {
      if (array !== records) return 0;
      return placeRows[index] ?? 0;
    },
  };
}
