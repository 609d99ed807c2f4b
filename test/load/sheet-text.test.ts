// The text form of a worksheet (src/load/sheet-text.ts): whatever the cells hold — backslashes,
// tabs, line breaks, nothing — the rows read back are the rows written (the reader writes only
// rows holding a cell), and one row is found by its number.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeCell, sheetName, sheetRow, sheetRows } from "../../src/load/sheet-text.ts";

const cell = fc.stringMatching(/^[a-z\\\t\n\r 信访\\]{0,6}$/);
const sheet = fc.record({
  name: fc.constantFrom("信访事项", "Sheet1"),
  rows: fc.array(
    fc.record({
      gap: fc.integer({ min: 1, max: 3 }),
      cells: fc.array(cell, { minLength: 1, maxLength: 5 }),
    }),
    { maxLength: 12 },
  ),
});

describe("sheet text", () => {
  it("reads back every row and cell as written, escapes undone", () => {
    fc.assert(
      fc.property(sheet, ({ name, rows }) => {
        let n = 0;
        const written = rows.map((r) => ({ row: (n += r.gap), cells: r.cells }));
        const text = [
          name,
          ...written.map((r) => [String(r.row), ...r.cells.map(escapeCell)].join("\t")),
        ].join("\n");
        expect(sheetName(text)).toBe(name);
        // a row without cells is written as its number alone, and reads back with one empty cell
        const expected = written.map((r) => ({
          row: r.row,
          cells: r.cells.length ? r.cells : [""],
        }));
        expect([...sheetRows(text)]).toEqual(expected);
        for (const r of expected) expect(sheetRow(text, r.row)).toEqual(r.cells);
      }),
      { numRuns: 400, seed: 20261203 },
    );
  });
});
