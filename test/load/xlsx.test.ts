// XLSX ledgers: cells spelled the many ways Excel, WPS and clerks write them read as the same
// records; the grid of weekly reports equals the rows; damaged, locked and oversized workbooks
// are located errors, never exceptions; the committed fixture workbooks are reproducible.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/cli/format-diagnostics.ts";
import { readBoolean, readDate, readDateTime, readWeek } from "../../src/load/cells.ts";
import { parseCsvFile } from "../../src/load/csv.ts";
import { LEDGER_SHEETS, PETITION_COLUMNS } from "../../src/load/ledger-columns.ts";
import type { LedgerSheetKind } from "../../src/load/ledger-columns.ts";
import { parseSheet } from "../../src/load/table.ts";
import { readXlsx } from "../../src/load/xlsx.ts";
import { ContentTexts } from "../../src/load/content-texts.ts";
import { SheetData } from "../../src/load/sheet-data.ts";
import { fastPetition } from "../../src/validate/fast.ts";
import { validateContent } from "../../src/validate/index.ts";
import { xlsxFixtures } from "../fixtures/diagnostics/make-xlsx.ts";
import { ledgerWorkbook } from "../support/ledger-workbooks.ts";
import { sheetXml, workbookEntries, zipBytes } from "../support/zip-writer.ts";

const FILE = "ledger/2025/petitions.xlsx";

/** Records of a workbook's ledger sheet, with the diagnostics of reading and parsing it. */
async function read(bytes: Uint8Array, kind: LedgerSheetKind = "petitions", budget?: number) {
  const r = await readXlsx(FILE, bytes, kind, budget);
  if (r.sheet === null) return { records: null, diagnostics: r.diagnostics, text: null };
  const src = parseSheet(FILE, r.sheet, kind, 2025);
  const list = (src.value as Record<string, unknown[]>)[LEDGER_SHEETS[kind].listKey];
  return {
    records: list,
    diagnostics: [...r.diagnostics, ...src.diagnostics],
    text: r.sheet.text,
    src,
  };
}

const workbook = (rows: (string | number | null)[][], name = "信访事项") =>
  zipBytes(workbookEntries([[name, sheetXml(rows)]]));

describe("a petition sheet read for refine", () => {
  const rows = [
    ["备注", "编号", "日期", "村（社区）", "去向", "人数", "化解", "受理日期"],
    ["x", "P-1", "2025/1/8", "dongshan", "县", 6, "是", null],
    [null, "P-2", "2025-02-01", "xishan", "镇", null, null, "2025年2月2日"],
    ["合计", null, null, null, null, null, null, null],
    [null, "P-3", "2025-02-03", "xishan", "乡", 1, "也许", null],
  ];
  it("gives every field of the record, and a declined row as it is read without refine", async () => {
    const r = await readXlsx(FILE, workbook(rows), "petitions");
    const sheet = r.sheet as SheetData;
    const plain = parseSheet(FILE, sheet, "petitions", 2025);
    const given: Record<string, unknown>[] = [];
    const declined = parseSheet(FILE, sheet, "petitions", 2025, (row, made) => {
      expect(made).toBe(true);
      given.push(row);
      return null;
    });
    expect(declined.value).toStrictEqual(plain.value);
    const keys = (v: unknown) =>
      (v as { petitions: object[] }).petitions.map((x) => Object.keys(x));
    expect(keys(declined.value)).toEqual(keys(plain.value));
    expect(given.map((g) => Object.keys(g))).toEqual(
      [0, 1, 2].map(() => [...PETITION_COLUMNS.map((c) => c.key), "satisfied", "row"]),
    );
    // With the fast check: the valid rows completed in place, the invalid one kept as read.
    const refined = parseSheet(FILE, sheet, "petitions", 2025, fastPetition);
    const list = (refined.value as { petitions: Record<string, unknown>[] }).petitions;
    const plainList = (plain.value as { petitions: Record<string, unknown>[] }).petitions;
    expect(list[0]).toStrictEqual(fastPetition(plainList[0]));
    expect(list[1]).toStrictEqual(fastPetition(plainList[1]));
    expect(list[2]).toStrictEqual(plainList[2]);
    expect(refined.itemLine(list, 2)).toBe(5);
  });
});

describe("cell readers", () => {
  it("dates as Excel and WPS write them", () => {
    for (const s of [
      "2025-01-08",
      "2025/1/8",
      "2025/01/08",
      "2025.1.8",
      "2025年1月8日",
      "2025年1月8",
      "45665",
      "２０２５/１/８",
      "2025-01-08 00:00:00",
      "2025-01-08T00:00",
    ])
      expect(readDate(s), s).toBe("2025-01-08");
    for (const s of ["1月8日", "2025-01-08 09:30", "2025/13", "8/1/2025", "12"])
      expect(readDate(s), s).toBe(s);
  });
  it("submission times, serials included; a time zone is kept for the ledger to report", () => {
    for (const s of [
      "2025-01-10T16:30",
      "2025/1/10 16:30",
      "2025年1月10日16:30",
      "2025年1月10日 16时30分",
      "2025-01-10 16:30:00",
      "45667.6875",
    ])
      expect(readDateTime(s), s).toBe("2025-01-10T16:30");
    expect(readDateTime("2025/1/10 16:30:15")).toBe("2025-01-10T16:30:15");
    expect(readDateTime("2025-01-10T16:30+08:00")).toBe("2025-01-10T16:30+08:00");
    expect(readDateTime("下午四点")).toBe("下午四点");
  });
  it("是/否, √, TRUE/FALSE; anything else left for the schema to report", () => {
    for (const s of ["是", "√", "✓", "TRUE", "true", "1", "Y"])
      expect(readBoolean(s), s).toBe(true);
    for (const s of ["否", "×", "FALSE", "0", "N"]) expect(readBoolean(s), s).toBe(false);
    expect(readBoolean("可能")).toBe("可能");
  });
  it("weeks: 2025-W02, 第2周, W2 in the ledger's year", () => {
    for (const s of ["2025-W02", "2025-w2", "2025W02", "2025年第2周", "第2周", "W2", "2"])
      expect(readWeek(s, 2025), s).toBe("2025-W02");
    expect(readWeek("第二周", 2025)).toBe("第二周");
  });
});

/** One record's fields, and ways a clerk may spell each as a cell. */
const RECORD = {
  id: "P-7",
  date: "2025-03-05",
  unit: "dongshan",
  level: "县",
  headcount: 6,
  superior_urged: true,
  resolved: false,
  accepted: "2025-03-06",
};
const spell = {
  date: fc.constantFrom<string | number>(
    "2025-03-05",
    "2025/3/5",
    "2025年3月5日",
    "2025.03.05",
    45721,
    "45721",
    "2025/03/05 00:00",
  ),
  accepted: fc.constantFrom<string | number>("2025-03-06", "2025/3/6", "2025年3月6日", 45722),
  headcount: fc.constantFrom<string | number>(6, "6", " 6 ", "６", "6.0"),
  yes: fc.constantFrom("是", "√", "TRUE", "1", "y"),
  no: fc.constantFrom("否", "×", "FALSE", "0", null),
  unit: fc.constantFrom("dongshan", "东山村", "东山", " 东山村 "),
  header: fc.constantFrom("村（社区）", "村(社区)", "unit"),
};

describe("a fast-check property: any spelling of a record reads as the same record", () => {
  it("in a workbook (dates, numbers, booleans, names; columns in any order)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(spell),
        fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 8, maxLength: 8 }),
        async (s, order) => {
          const head = ["编号", "日期", s.header, "去向", "人数", "上级催办", "化解", "受理日期"];
          const row = ["P-7", s.date, s.unit, "县", s.headcount, s.yes, s.no, s.accepted];
          const bytes = workbook([
            order.map((i) => head[i] ?? null),
            order.map((i) => row[i] ?? null),
          ]);
          const r = await read(bytes);
          expect(r.diagnostics).toEqual([]);
          // Names become ids in validate: check through it, with the roster.
          const texts = new Map([
            [
              "units.yaml",
              "units:\n  - { id: dongshan, name: 东山村 }\n  - { id: xishan, name: 西山村 }\n",
            ],
            [FILE, r.text as string],
          ]);
          const v = validateContent(texts);
          const p = v.content?.ledgers.get(2025)?.petitions[0];
          expect(v.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
          expect(p).toMatchObject({ ...RECORD, resolved: false });
        },
      ),
      { numRuns: 60 },
    );
  });
  it("in a CSV the same spellings read the same", () => {
    fc.assert(
      fc.property(fc.record(spell), (s) => {
        const cell = (v: string | number | null) => (v === null ? "" : String(v));
        const f = parseCsvFile(
          "ledger/2025/petitions.csv",
          `编号,日期,${s.header},去向,人数,上级催办,化解,受理日期\r\nP-7,${[s.date, s.unit, "县", s.headcount, s.yes, s.no, s.accepted].map(cell).join(",")}\r\n`,
          "petitions",
          LEDGER_SHEETS.petitions.columns,
          2025,
        );
        const rec = (f.value as { petitions: Record<string, unknown>[] }).petitions[0];
        expect({ ...rec, unit: "dongshan" }).toEqual({
          ...RECORD,
          ...(s.no === null ? { resolved: undefined } : {}),
        } as unknown as Record<string, unknown>);
      }),
      { numRuns: 60 },
    );
  });
});

describe("weekly reports", () => {
  const rows = [
    { unit: "dongshan", week: "2025-W02", submitted: "2025-01-10T16:30", zero: true },
    { unit: "dongshan", week: "2025-W03", submitted: "2025-01-17T17:05" },
    { unit: "xishan", week: "2025-W02", submitted: "2025-01-09T09:00:30" },
    { unit: "xishan", week: "2025-W03", submitted: "2025-01-17T16:00", zero: true },
  ];
  const norm = (list: unknown[] | null | undefined) =>
    (list ?? [])
      .map((r): Record<string, unknown> => ({ zero: false, ...(r as Record<string, unknown>) }))
      .sort((a, b) =>
        `${String(a.unit)}${String(a.week)}`.localeCompare(`${String(b.unit)}${String(b.week)}`),
      );
  it("the grid (villages × weeks) reads as the rows", async () => {
    for (const dates of ["cell", "slash"] as const) {
      const grid = await read(
        await ledgerWorkbook("weekly-reports", rows, { grid: true, dates }),
        "weekly-reports",
      );
      const list = await read(
        await ledgerWorkbook("weekly-reports", rows, { dates }),
        "weekly-reports",
      );
      expect(grid.diagnostics).toEqual([]);
      expect(norm(grid.records)).toEqual(norm(list.records));
      expect(norm(grid.records)).toEqual(norm(rows));
    }
  });
  it("grid headers may be 第2周; a blank cell is a week not reported; cells are located", async () => {
    const r = await read(
      workbook(
        [
          ["村（社区）", "第2周", "第3周"],
          ["东山村", "2025/1/10 16:30", null],
          ["西山村", "零报告 2025/1/9 9:00", "1/17 下午"],
        ],
        "周报",
      ),
      "weekly-reports",
    );
    expect(r.records).toEqual([
      { unit: "东山村", week: "2025-W02", submitted: "2025-01-10T16:30" },
      { unit: "西山村", week: "2025-W02", submitted: "2025-01-09T09:00", zero: true },
      { unit: "西山村", week: "2025-W03", submitted: "1/17 下午" },
    ]);
    expect(r.src?.locate(["weekly_reports", 2, "submitted"])).toEqual({
      file: FILE,
      sheet: "周报",
      line: 3,
      col: 3,
    });
  });
});

describe("workbooks from other writers", () => {
  it("a workbook LibreOffice Calc saved (date cells with its own number format, shared strings)", async () => {
    // test/fixtures/workbooks/libreoffice-petitions.xlsx: the CSV beside it, converted with
    // soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx; 2025-01-09 became date cells.
    const bytes = readFileSync(
      fileURLToPath(new URL("../fixtures/workbooks/libreoffice-petitions.xlsx", import.meta.url)),
    );
    const r = await read(bytes);
    expect(r.diagnostics).toEqual([]);
    expect(r.text).not.toContain("45666"); // the date cell is read as a date
    expect(r.records).toEqual([
      {
        id: "P-1",
        date: "2025-01-08",
        unit: "东山村",
        level: "县",
        form: "个访",
        headcount: 1,
        superior_urged: true,
        accepted: "2025-01-08",
        closed: "2025-02-20",
      },
      {
        id: "P-2",
        date: "2025-01-09",
        unit: "西山村",
        level: "镇",
        form: "集访",
        headcount: 6,
        accepted: "2025-01-10",
      },
      {
        id: "P-3",
        date: "2025-03-05",
        unit: "dongshan",
        level: "市",
        form: "重访",
        headcount: 2,
        superior_urged: true,
      },
    ]);
  });
  it("elements with a namespace prefix (<x:row>, as the .NET Open XML SDK writes) read the same", async () => {
    const rows = [
      ["编号", "日期", "去向"],
      ["P-1", "2025/1/8", "县"],
      ["P-2", 45666, "镇"],
    ];
    const prefixed = (xml: string) =>
      xml
        .replace(/<(\/?)(worksheet|sheetData|row|c|v|is|t|workbook|sheets|sheet)\b/g, "<$1x:$2")
        .replace(/xmlns="/g, 'xmlns:x="');
    const entries = workbookEntries([["信访事项", sheetXml(rows)]]).map((e) =>
      e.name.startsWith("xl/") && !e.name.includes("_rels")
        ? { ...e, data: prefixed(String(e.data)) }
        : e,
    );
    expect(String(entries.find((e) => e.name.endsWith("sheet1.xml"))?.data)).toContain("<x:row");
    const r = await read(zipBytes(entries));
    expect(r.diagnostics).toEqual([]);
    expect(r.records).toEqual((await read(workbook(rows))).records);
    expect(r.records).toEqual([
      { id: "P-1", date: "2025-01-08", level: "县" },
      { id: "P-2", date: "2025-01-09", level: "镇" },
    ]);
  });
});

describe("meetings: one row per meeting, villages listed in a cell", () => {
  it("splits 缺席 and 请假 on 、，, and spaces; 无 is none", async () => {
    const r = await read(
      workbook(
        [
          ["编号", "日期", "名称", "缺席", "请假"],
          ["M-01", "2025/1/15", "1月例会", "东山村、西山村", null],
          ["M-02", "2025年2月12日", null, "无", "东山村，xishan; 北山村"],
        ],
        "例会",
      ),
      "meetings",
    );
    expect(r.records).toEqual([
      { id: "M-01", date: "2025-01-15", title: "1月例会", absent: ["东山村", "西山村"] },
      { id: "M-02", date: "2025-02-12", absent: [], leave: ["东山村", "xishan", "北山村"] },
    ]);
  });
});

describe("cells far to the right", () => {
  it("past column IV are counted and reported at the first, not kept; IV itself is read", async () => {
    const row = (values: Record<number, string>, width: number) =>
      Array.from({ length: width }, (_, i) => values[i] ?? null);
    const r = await read(
      workbook([
        row({ 0: "编号", 1: "日期", 255: "备注" }, 256),
        row({ 0: "P-1", 1: "2025/1/8", 255: "IV 列" }, 256),
        row({ 300: "误输入" }, 301),
        row({ 0: "P-2", 1: "2025/1/9", 256: "x", 16383: "y" }, 16384),
      ]),
    );
    expect(r.records).toEqual([
      { id: "P-1", date: "2025-01-08" },
      { id: "P-2", date: "2025-01-09" },
    ]);
    const far = r.diagnostics.filter((d) => d.code === "xlsx/far-cells");
    expect(far).toHaveLength(1);
    expect(far[0]?.position).toEqual({ file: FILE, sheet: "信访事项", line: 3, col: 301 });
    expect(far[0]?.message).toContain("有 3 个单元格在 IV 列以后");
    // the row of only a far cell is no row: the next row is the third the sheet holds
    expect(r.src?.itemLine(r.records as unknown[], 1)).toBe(4);
  });
});

describe("workbooks that cannot be read are located errors", () => {
  it("a zip bomb that lies about its size stops at the budget", async () => {
    const big = sheetXml([["编号"], ...Array.from({ length: 20000 }, (_, i) => [`P-${i}`])]);
    const bytes = zipBytes(
      workbookEntries([["信访事项", big]]).map((e) =>
        e.name.endsWith("sheet1.xml") ? { ...e, declaredSize: 100 } : e,
      ),
    );
    const r = await read(bytes, "petitions", 64 * 1024);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["xlsx/too-large"]);
    expect((await read(bytes, "petitions")).diagnostics.map((d) => d.code)).toEqual([
      "xlsx/damaged",
    ]);
  });
  it("truncated, empty, random and old .xls bytes", async () => {
    const good = workbook([["编号"], ["P-1"]]);
    const cases: [Uint8Array, string][] = [
      [good.subarray(0, good.length - 30), "xlsx/damaged"],
      [good.subarray(0, 200), "xlsx/damaged"],
      [new Uint8Array(0), "xlsx/not-xlsx"],
      [new Uint8Array(4096).fill(7), "xlsx/not-xlsx"],
      [
        Buffer.concat([
          Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
          Buffer.alloc(600),
        ]),
        "xlsx/not-xlsx",
      ],
    ];
    for (const [bytes, code] of cases) {
      const r = await read(bytes);
      expect(r.diagnostics.map((d) => d.code)).toEqual([code]);
      expect(r.diagnostics[0]?.position).toEqual({ file: FILE, line: 1, col: 1 });
    }
  });
  it("every byte of a workbook damaged in turn: a diagnostic or records, never an exception", async () => {
    const good = workbook([
      ["编号", "日期"],
      ["P-1", "2025/1/8"],
    ]);
    for (let i = 0; i < good.length; i += 7) {
      const bad = Buffer.from(good);
      bad[i] = (bad[i] as number) ^ 0x5a;
      await expect(read(bad)).resolves.toBeDefined();
    }
  });
});

describe("diagnostics in a workbook", () => {
  it("print as file 信访事项!C3 with the row's cells and a caret under the cell", async () => {
    const r = await read(
      workbook([
        ["编号", "日期", "去向"],
        ["P-1", "2025/1/8", "镇"],
        ["P-2", "2025/1/9", "县级"],
      ]),
    );
    const texts = new Map([
      ["units.yaml", "units:\n  - { id: dongshan, name: 东山村 }\n"],
      [FILE, r.text as string],
    ]);
    const d = validateContent(texts).diagnostics.find((x) => x.path === "petitions.1.level");
    expect(d?.position).toEqual({ file: FILE, sheet: "信访事项", line: 3, col: 3 });
    const out = formatDiagnostic(d!, { texts, prefix: "content/" }).split("\n");
    expect(out[0]).toMatch(
      /^content\/ledger\/2025\/petitions\.xlsx 信访事项!C3 {2}schema\/value {2}petitions\.1\.level {2}错误：/,
    );
    expect(out[1]).toBe("  3 | P-2 │ 2025/1/9 │ 县级");
    expect(out[2]).toBe(`    | ${" ".repeat("P-2 │ 2025/1/9 │ ".length)}^`);
    // read from a content folder, the sheet is held as its rows: the same lines
    const held = new ContentTexts([
      ["units.yaml", "units:\n  - { id: dongshan, name: 东山村 }\n"],
      [FILE, SheetData.fromText(r.text as string)],
    ]);
    const d2 = validateContent(held).diagnostics.find((x) => x.path === "petitions.1.level");
    expect(formatDiagnostic(d2!, { texts: held, prefix: "content/" }).split("\n")).toEqual(out);
  });
});

describe("one file per ledger", () => {
  it("a YAML and an XLSX of the same ledger are file/ambiguous at the second", async () => {
    const sheet = await read(
      workbook(
        [
          ["编号", "日期", "缺席"],
          ["M-01", "2025/1/15", "东山村"],
        ],
        "例会",
      ),
      "meetings",
    );
    const texts = new Map([
      ["units.yaml", "units:\n  - { id: dongshan, name: 东山村 }\n"],
      ["ledger/2025/meetings.yaml", "meetings: []\n"],
      ["ledger/2025/meetings.xlsx", sheet.text as string],
    ]);
    const v = validateContent(texts);
    expect(v.diagnostics.map((d) => `${d.position?.file} ${d.code}`)).toEqual([
      "ledger/2025/meetings.xlsx file/ambiguous",
    ]);
    expect(v.diagnostics[0]?.message).toContain("meetings.yaml 和 meetings.xlsx");
  });
});

describe("village names in YAML ledgers", () => {
  const units = "units:\n  - { id: dongshan, name: 东山村 }\n  - { id: xishan, name: 西山村 }\n";
  const check = (unit: string) =>
    validateContent(
      new Map([
        ["units.yaml", units],
        [
          "ledger/2025/petitions.yaml",
          `petitions:\n  - { id: P-1, date: 2025-01-08, unit: ${unit}, level: 县, form: 个访 }\n`,
        ],
      ]),
    );
  it("a name or its short form is the unit's id", () => {
    for (const name of ["东山村", "东山", "dongshan"])
      expect(check(name).content?.ledgers.get(2025)?.petitions[0]?.unit, name).toBe("dongshan");
  });
  it("a name of no unit is ref/unknown-unit, once (not also the id format)", () => {
    expect(check("南山村").diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      "ref/unknown-unit 未知的村（社区）名称“南山村”",
    ]);
    expect(check("Dongshan").diagnostics.map((d) => d.code)).toEqual(["schema/format"]);
  });
});

describe("fixture workbooks", () => {
  it("are what test/fixtures/diagnostics/make-xlsx.ts makes", () => {
    const root = fileURLToPath(new URL("../fixtures/diagnostics/", import.meta.url));
    for (const [rel, bytes] of xlsxFixtures()) expect(readFileSync(root + rel), rel).toEqual(bytes);
  });
});
