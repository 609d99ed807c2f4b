// cellReader reads a column's cells once per distinct text (large ledgers repeat their dates,
// villages and vocabularies): what it gives must equal what convertCell / readWeek give for every
// cell, before and after its memo is full, and a list (units) must never be shared between rows.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellReader, convertCell, readWeek } from "../../src/load/cells.ts";
import { LEDGER_SHEETS } from "../../src/load/ledger-columns.ts";

const columns = Object.values(LEDGER_SHEETS).flatMap((s) => s.columns);

// Cells as clerks write them: dates in several spellings, flags, numbers, weeks, unit lists, text.
const cell = fc.oneof(
  fc.constantFrom(
    "2025-01-08",
    "2025/1/8",
    "2025年1月8日",
    "45665",
    "是",
    "否",
    "√",
    "×",
    "5",
    "５",
  ),
  fc.constantFrom("第2周", "W2", "2025-W02", "2025/1/10 16:30", "东山村、西山村", "无", "dongshan"),
  fc.string({ maxLength: 6 }).map((s) => s.trim()),
  fc.integer({ min: 0, max: 99_999 }).map(String),
);

describe("cellReader", () => {
  it("reads every cell as convertCell / readWeek do, also past its memo's bound", () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 60 }), (cells) => {
        for (const col of columns) {
          const read = cellReader(col, 2025);
          for (const raw of [...cells, ...cells]) {
            if (raw === "") continue;
            const expected =
              col.format === "week" ? readWeek(raw, 2025) : convertCell(raw, col.kind);
            expect(read(raw)).toEqual(expected);
          }
        }
      }),
    );
    // More distinct texts than the memo holds: still right after it is dropped.
    for (const col of columns) {
      const read = cellReader(col, 2025);
      for (let i = 0; i < 20_000; i += 7) {
        const raw = `${col.key}-${i}`;
        expect(read(raw)).toEqual(
          col.format === "week" ? readWeek(raw, 2025) : convertCell(raw, col.kind),
        );
      }
    }
  });

  it("gives each row its own list of units", () => {
    const col = columns.find((c) => c.kind === "units");
    if (!col) throw new Error("no units column");
    const read = cellReader(col, 2025);
    const a = read("东山村、西山村");
    const b = read("东山村、西山村");
    expect(a).toEqual(["东山村", "西山村"]);
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
  });
});
