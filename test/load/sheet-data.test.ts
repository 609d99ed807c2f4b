// A workbook's ledger sheet is held as its rows (SheetData) and read into records from them; its
// text form is made only for code frames. Reading records straight from the rows must give what
// the previous reader gave from the text form (kept below as it was, the oracle): the same
// records, diagnostics and positions, with and without the fast check; and the text form of the
// rows of a text is that text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeDiagnostic } from "../../src/diagnostics/catalog.ts";
import type { Diagnostic, SourcePosition } from "../../src/diagnostics/diagnostic.ts";
import { cellReader, readDateTime, readWeek } from "../../src/load/cells.ts";
import {
  LEDGER_SHEETS,
  WEEKLY_GRID_UNIT_HEADERS,
  ZERO_REPORT_WORD,
} from "../../src/load/ledger-columns.ts";
import type { LedgerColumn, LedgerSheetKind } from "../../src/load/ledger-columns.ts";
import { LineIndex } from "../../src/load/line-index.ts";
import { SheetData } from "../../src/load/sheet-data.ts";
import { escapeCell, sheetName, sheetRow, sheetRows } from "../../src/load/sheet-text.ts";
import type { PathKey, Refine, SourceFile } from "../../src/load/source-file.ts";
import { WholeRows } from "../../src/load/whole-rows.ts";
import { parseSheet } from "../../src/load/table.ts";
import { readXlsx } from "../../src/load/xlsx.ts";
import { fastPetition } from "../../src/validate/fast.ts";
import { sheetXml, workbookEntries, zipBytes } from "../support/zip-writer.ts";

const FILE = "ledger/2025/petitions.xlsx";

// ---- the previous reader (records from the sheet text), the oracle ----

/** Where one record's fields stand: the row, and the column of each field. */
interface RecordPlace {
  row: number;
  /** Column of each field; a field without one points at the row's first cell. */
  cols: Record<string, number>;
}

const WEEK_RE = /^\d{4}-W\d{2}$/;

function columnsByHeader(columns: readonly LedgerColumn[]): Map<string, LedgerColumn> {
  const byHeader = new Map<string, LedgerColumn>();
  for (const col of columns) for (const h of col.headers) byHeader.set(h, col);
  return byHeader;
}

/** Header text as written, without spaces and line breaks a clerk adds to fit the column. */
const headerKey = (h: string) => h.replace(/\s+/g, "");

function previousParse(
  file: string,
  text: string,
  kind: LedgerSheetKind,
  year: number | null,
  refine?: Refine,
): SourceFile {
  const spec = LEDGER_SHEETS[kind];
  const sheet = sheetName(text);
  const diagnostics: Diagnostic[] = [];
  const at = (row: number, col: number): SourcePosition => ({ file, sheet, line: row, col });
  const records: unknown[] = [];
  const places: RecordPlace[] = [];

  const rows = sheetRows(text);
  const first = rows.next();
  if (first.done) {
    diagnostics.push(
      makeDiagnostic("schema/required", {
        position: at(1, 1),
        path: "",
        params: { csvHeader: spec.columns.slice(0, 3).map((c) => c.headers[0] as string) },
      }),
    );
  } else {
    const header = first.value;
    const heads = header.cells.map(headerKey);
    const byHeader = columnsByHeader(spec.columns);
    const grid =
      kind === "weekly-reports" &&
      WEEKLY_GRID_UNIT_HEADERS.includes(heads[0] ?? "") &&
      !heads.some((h) => byHeader.get(h)?.key === "week") &&
      heads.slice(1).some((h) => WEEK_RE.test(readWeek(h, year)));
    if (grid) {
      const weeks = heads.map((h, i) => (i === 0 || h === "" ? null : readWeek(h, year)));
      for (const { row, cells } of rows) {
        const unit = (cells[0] ?? "").trim();
        for (let c = 1; c < cells.length; c++) {
          const raw = (cells[c] ?? "").trim();
          const week = weeks[c];
          if (raw === "" || week === null || week === undefined) continue;
          const zero = raw.startsWith(ZERO_REPORT_WORD);
          const time = zero ? raw.slice(ZERO_REPORT_WORD.length).trim() : raw;
          const rec: Record<string, unknown> = { week };
          if (unit !== "") rec.unit = unit;
          if (time !== "") rec.submitted = readDateTime(time);
          if (zero) rec.zero = true;
          records.push(rec);
          places.push({ row, cols: { unit: 1, week: c + 1, submitted: c + 1, zero: c + 1 } });
        }
      }
    } else {
      const colOf = heads.map((h, i) => {
        const col = byHeader.get(h) ?? null;
        if (col === null && h !== "") {
          diagnostics.push(
            makeDiagnostic("schema/unknown-key", {
              position: at(header.row, i + 1),
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
      // With `refine` and the sheet's row maker, each row is made whole (whole-rows.ts).
      const whole = WholeRows.of(spec.columns, spec.row, colOf, refine);
      for (const { row, cells } of rows) {
        let any = false;
        if (whole) {
          for (let c = 0; c < cells.length; c++) {
            const read = readers[c];
            const raw = (cells[c] ?? "").trim();
            if (!read || raw === "") continue;
            whole.set(c, read(raw));
            any = true;
          }
          if (!any) continue; // a row with cells only in unknown columns (a note, a total)
          records.push(whole.take());
          places.push({ row, cols });
          continue;
        }
        const rec: Record<string, unknown> = {};
        for (let c = 0; c < cells.length; c++) {
          const col = colOf[c];
          const raw = (cells[c] ?? "").trim();
          if (!col || raw === "") continue;
          rec[col.key] = (readers[c] as (raw: string) => unknown)(raw);
          any = true;
        }
        if (!any) continue; // a row with cells only in unknown columns (a note, a total)
        records.push(refine?.(rec) ?? rec);
        places.push({ row, cols });
      }
    }
  }

  const value = { [spec.listKey]: records };
  const lines = new LineIndex(text);
  return {
    file,
    value,
    diagnostics,
    lines,
    tabular: true,
    locate(path: readonly PathKey[], where: "value" | "key" = "value") {
      const index = path[1];
      const place = typeof index === "number" ? places[index] : undefined;
      if (path.length < 2 || !place) return at(1, 1);
      const key = path[2];
      if (key === undefined || where === "key") return at(place.row, 1);
      return at(place.row, place.cols[String(key)] ?? 1);
    },
    itemLine(array: readonly unknown[], index: number): number {
      if (array !== records) return 0;
      return places[index]?.row ?? 0;
    },
  };
}

// ---- the tests ----

/** Cells as clerks fill them: values of every column kind, spaces, blanks, escapes. */
const cellValue = fc.oneof(
  fc.constantFrom(
    "P-1",
    "P-2",
    " P-3 ",
    "2025/1/8",
    "2025-01-09",
    "2025年2月1日",
    "dongshan",
    "东山村",
    "县",
    "镇",
    "京",
    "个访",
    "是",
    "否",
    "√",
    "   ",
    "",
    "a\tb",
    "back\\slash",
    "2025-W02",
    "零报告 2025/1/10 16:30",
    "东山村、西山村",
  ),
  fc.integer({ min: 0, max: 50 }),
  fc.constant(null),
);

function headersOf(kind: LedgerSheetKind): string[] {
  return [...LEDGER_SHEETS[kind].columns.map((c) => c.headers[0] as string), "备注", "第2周"];
}

/** Everything a parsed sheet says: value, diagnostics, and where each field of each record is. */
function described(src: SourceFile, kind: LedgerSheetKind) {
  const list = (src.value as Record<string, unknown[]>)[LEDGER_SHEETS[kind].listKey] ?? [];
  const keys = LEDGER_SHEETS[kind].columns.map((c) => c.key);
  return {
    value: src.value,
    diagnostics: src.diagnostics,
    places: list.map((_, i) => [
      src.itemLine(list, i),
      src.locate([LEDGER_SHEETS[kind].listKey, i]),
      ...keys.map((k) => src.locate([LEDGER_SHEETS[kind].listKey, i, k])),
    ]),
  };
}

describe("a sheet's rows", () => {
  it("read into the same records, diagnostics and positions as their text form", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<LedgerSheetKind>("petitions", "meetings", "weekly-reports"),
        fc.array(fc.nat(40), { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(cellValue, { maxLength: 10 }), { maxLength: 12 }),
        fc.boolean(),
        async (kind, pick, body, refined) => {
          const heads = headersOf(kind);
          const header = pick.map((i) => heads[i % heads.length] as string);
          const bytes = zipBytes(workbookEntries([["台账", sheetXml([header, ...body])]]));
          const read = await readXlsx(FILE, bytes, kind);
          const sheet = read.sheet as SheetData;
          expect(read.diagnostics).toEqual([]);
          const refine = refined && kind === "petitions" ? fastPetition : undefined;
          const direct = parseSheet(FILE, sheet, kind, 2025, refine);
          const viaText = previousParse(FILE, sheet.text, kind, 2025, refine);
          expect(described(direct, kind)).toEqual(described(viaText, kind));
          expect(direct.lines.lineCount()).toBe(sheet.text.split("\n").length);
        },
      ),
      { numRuns: 300, seed: 20261204 },
    );
  });

  it("of a text give that text back", () => {
    const cell = fc.oneof(
      fc.constantFrom("", "东山村", "a\tb", "x\\y", "line\nbreak", "c\rr", "2025-01-08"),
      fc.string({ maxLength: 4 }).map((s) => s.trim()),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 1_048_576 }),
            fc.array(cell, { minLength: 1, maxLength: 6 }),
          ),
          { maxLength: 10 },
        ),
        (rows) => {
          const text = [
            "信访事项",
            ...rows.map(([n, cells]) => `${n}\t${cells.map(escapeCell).join("\t")}`),
          ].join("\n");
          const sheet = SheetData.fromText(text);
          expect(sheet.text).toBe(text);
          expect(sheet.rowCount).toBe(rows.length);
          rows.forEach(([n, cells], i) => {
            expect(sheet.rowNumber(i)).toBe(n);
            expect(sheet.rowCells(i)).toEqual(cells);
          });
          // a code frame's row: as the text form finds it, in rows in any order and ascending
          const ascending = [...new Map(rows).entries()].sort(([a], [b]) => a - b);
          const sorted = [
            "信访事项",
            ...ascending.map(([n, cells]) => `${n}\t${cells.map(escapeCell).join("\t")}`),
          ].join("\n");
          for (const t of [text, sorted]) {
            const s = SheetData.fromText(t);
            for (const n of [...rows.map(([r]) => r), 0, 2, 1_048_577])
              expect(s.cellsOfRow(n), `row ${n}`).toEqual(sheetRow(t, n));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
