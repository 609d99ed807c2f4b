import { describe, expect, it } from "vitest";
import { PETITION_COLUMNS, parseCsvFile } from "../../src/load/csv.ts";

const HEAD = "编号,日期,村（社区）,去向,形式,人数,事由,上级催办";

describe("CSV ledgers", () => {
  it("maps Chinese headers to fields, converts booleans and numbers, leaves empty cells out", () => {
    const f = parseCsvFile(
      "p.csv",
      `\ufeff${HEAD}\r\nP-1,2025-01-08,dongshan,县,,6,"占地补偿, ""二次""",是\r\nP-2,2025-02-01,xishan,镇,个访,,,否\r\n`,
      "petitions",
      PETITION_COLUMNS,
    );
    expect(f.value).toEqual({
      petitions: [
        {
          id: "P-1",
          date: "2025-01-08",
          unit: "dongshan",
          level: "县",
          headcount: 6,
          summary: '占地补偿, "二次"',
          superior_urged: true,
        },
        {
          id: "P-2",
          date: "2025-02-01",
          unit: "xishan",
          level: "镇",
          form: "个访",
          superior_urged: false,
        },
      ],
    });
    expect(f.diagnostics).toEqual([]);
  });
  it("locates cells and rows, including after quoted line breaks", () => {
    const f = parseCsvFile(
      "p.csv",
      `${HEAD}\nP-1,2025-01-08,dongshan,县,个访,1,"两行\n事由",否\nP-2,2025-01-09,xishan,县,个访,1,,否\n`,
      "petitions",
      PETITION_COLUMNS,
    );
    const rows = (f.value as { petitions: unknown[] }).petitions;
    expect(f.itemLine(rows, 1)).toBe(4);
    expect(f.locate(["petitions", 1, "unit"])).toEqual({ file: "p.csv", line: 4, col: 16 });
  });
  it("reports an unknown column header", () => {
    const f = parseCsvFile(
      "p.csv",
      "编号,日期,备注栏\nP-1,2025-01-08,x\n",
      "petitions",
      PETITION_COLUMNS,
    );
    expect(f.diagnostics.map((d) => [d.code, d.position?.line, d.position?.col])).toEqual([
      ["schema/unknown-key", 1, 7],
    ]);
  });
});
