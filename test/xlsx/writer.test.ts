// The table workbooks are written directly (src/xlsx/workbook.ts), no longer with exceljs, and
// give the bytes exceljs gave: for random tables of every column kind and awkward cells, for the
// example town's workbooks and for generated content. The exceljs writer they are compared with
// is the one the program used before (support/exceljs-tables.ts). Making them loads no exceljs.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { loadContent, scoreContent, statistics } from "../../src/index.ts";
import { itemColumns, scoreTables } from "../../src/xlsx/score-sheets.ts";
import { statsTables } from "../../src/xlsx/stats-sheets.ts";
import { tablesWorkbook } from "../../src/xlsx/workbook.ts";
import type {
  Cell,
  Column,
  ColumnKind,
  TableSheet,
  WorkbookMeta,
} from "../../src/xlsx/workbook.ts";
import { readZip } from "../../src/xlsx/zip.ts";
import { generateContent, writeContent } from "../support/generate.ts";
import { tablesWorkbook as exceljsWorkbook } from "./support/exceljs-tables.ts";

const CONTENT = fileURLToPath(new URL("../../content/", import.meta.url));
const LOADS = fileURLToPath(new URL("./support/loads-exceljs.ts", import.meta.url));
const temp: string[] = [];
afterAll(async () => {
  for (const d of temp) await rm(d, { recursive: true, force: true });
});

/** Both writers' result: the bytes, or that it threw. */
async function outcome(make: () => Promise<Uint8Array>): Promise<Buffer | "threw"> {
  try {
    return Buffer.from(await make());
  } catch {
    return "threw";
  }
}

/** The first part whose text differs, to make a failure readable. */
function firstDifference(a: Uint8Array, b: Uint8Array): string {
  const x = readZip(a);
  const y = readZip(b);
  if (x.map((e) => e.name).join() !== y.map((e) => e.name).join())
    return `entries ${x.map((e) => e.name).join()} ≠ ${y.map((e) => e.name).join()}`;
  for (const [k, e] of x.entries()) {
    const p = new TextDecoder().decode(e.data);
    const q = new TextDecoder().decode(y[k]?.data);
    if (p === q) continue;
    let i = 0;
    while (p[i] === q[i]) i++;
    return `${e.name} at ${i}: ${JSON.stringify(p.slice(i - 60, i + 60))} ≠ ${JSON.stringify(q.slice(i - 60, i + 60))}`;
  }
  return "same parts, different ZIP bytes";
}

async function expectSameBytes(meta: WorkbookMeta, sheets: readonly TableSheet[]) {
  const direct = await tablesWorkbook(meta, sheets);
  const reference = await exceljsWorkbook(meta, sheets);
  if (!Buffer.from(direct).equals(Buffer.from(reference)))
    expect.fail(firstDifference(direct, reference));
}

const KINDS: ColumnKind[] = ["text", "wrap", "points", "yuan", "int", "date", "percent"];

/** Pieces text is made of: what XML escapes or drops, white space, wide characters, surrogates. */
const PIECES = [
  "&",
  "<",
  ">",
  '"',
  "'",
  "&amp;",
  "]]>",
  " ",
  "  ",
  "\t",
  "\n",
  "\r\n",
  "\r",
  "\u000b",
  "\u000c",
  "\u0000",
  "\u0001",
  "\u001f",
  "\u007f",
  "\u0085",
  "\u00a0",
  "\u2028",
  "\u3000",
  "\ufeff",
  "\ufffe",
  "😀",
  "👨‍👩‍👧",
  "\ud800",
  "\udc00",
  "村",
  "（社区）",
  "第 &P 页",
  "_x0041_",
  "=SUM(A1)",
  "0.1",
  "2025-01-08",
];
const text = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((p) => p.join("")),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "合计", "是", "否", "x".repeat(60)) },
);
const number = fc.oneof(
  fc.integer({ min: -1000, max: 100_000 }),
  fc.double(),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => Math.round(x * 100) / 100),
  fc.constantFrom(0.1 + 0.2, 1e21, 1e-7, -0, 123456789.123, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2),
);
const isoDate = fc
  .date({
    min: new Date(Date.UTC(1900, 0, 1)),
    max: new Date(Date.UTC(2100, 11, 31)),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const anyCell: fc.Arbitrary<Cell> = fc.oneof(fc.constant(null), text, number);
/** A cell as a column of the kind mostly holds, sometimes anything. */
const cellOf = (kind: ColumnKind): fc.Arbitrary<Cell> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary:
        kind === "text" || kind === "wrap"
          ? text
          : kind === "date"
            ? fc.oneof(isoDate, fc.constantFrom("2025-13-45", "2025-02-30", "日期", ""))
            : number,
    },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: anyCell },
  );

const column: fc.Arbitrary<Column> = fc.record(
  {
    header: text,
    kind: fc.constantFrom(...KINDS),
    width: fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: 0, max: 60 }),
      fc.constantFrom(7.5, 12.25, 0.5),
    ),
  },
  { requiredKeys: ["header", "kind"] },
);

/** Rows as long as the columns, or shorter or longer. */
const rowsFor = (columns: readonly Column[], max: number) =>
  fc.array(
    fc
      .tuple(...columns.map((c) => cellOf(c.kind)))
      .chain((cells) =>
        fc
          .integer({ min: -1, max: 1 })
          .map((d) =>
            d < 0
              ? cells.slice(0, Math.max(0, cells.length - 2))
              : d > 0
                ? [...cells, "多余"]
                : cells,
          ),
      ),
    { maxLength: max },
  );

/** Sheet names: valid ones (quotes, ampersands, spaces, long ones cut to 31), rarely invalid. */
const sheetName = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      "考评得分汇总",
      "扣分明细",
      "经济处理",
      "按村（社区）",
      "S'1&<>\"",
      "a b",
      "x".repeat(31),
      "y".repeat(32),
      "z".repeat(40),
      "😀".repeat(16),
      "Ab",
      "aB",
    ),
  },
  {
    weight: 4,
    arbitrary: fc
      .string({ minLength: 1, maxLength: 35 })
      .filter((s) => !/[*?:/\\[\]]/.test(s) && !/^'|'$/.test(s) && s !== "History"),
  },
  { weight: 1, arbitrary: fc.constantFrom("", "a/b", "'q'", "History", "[x]") },
);

const sheet: fc.Arbitrary<TableSheet> = fc
  .record({
    name: sheetName,
    title: fc.option(text, { nil: undefined }),
    columns: fc.array(column, { minLength: 1, maxLength: 8 }),
  })
  .chain((s) =>
    fc
      .record({
        rows: rowsFor(s.columns, 12),
        totals: fc.option(rowsFor(s.columns, 2), { nil: undefined }),
      })
      .map((r) => ({ ...s, ...r })),
  );

const meta: fc.Arbitrary<WorkbookMeta> = fc.record({
  title: text,
  creator: text,
  date: isoDate,
});

describe("the direct table workbook writer", () => {
  it("gives exceljs's bytes for random tables", async () => {
    let made = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(meta, fc.array(sheet, { minLength: 1, maxLength: 3 }), async (m, sheets) => {
        runs++;
        const direct = await outcome(() => tablesWorkbook(m, sheets));
        const reference = await outcome(() => exceljsWorkbook(m, sheets));
        if (direct === "threw" || reference === "threw") {
          expect(direct).toBe(reference);
          return;
        }
        made++;
        if (!direct.equals(reference)) expect.fail(firstDifference(direct, reference));
      }),
      { numRuns: 300 },
    );
    // most runs made a workbook: the equality is not that of two refusals
    expect(made).toBeGreaterThan(runs * 0.6);
  }, 120_000);

  it("gives exceljs's bytes for the hand-picked cases", async () => {
    const m = { title: "T&<x>", creator: "", date: "2025-06-30" };
    const all = KINDS.map((kind): Column => ({ header: kind, kind }));
    await expectSameBytes(m, [
      {
        name: "全部",
        title: "标题",
        columns: all,
        rows: [
          [" y ", "a\nb", 0.1 + 0.2, 1e21, -3, "2025-01-02", 0.5],
          [null, "", null, "文字", 2, null, null],
          ["\u0001&<>\"'", "\r\n", -0.004, -1234567.5, 0, 45659, 1 / 3],
        ],
        totals: [["合计", null, 1, 2, 3, null, 0.1]],
      },
      // no rows; no title; one column
      { name: "空表", columns: [{ header: "h", kind: "text" }], rows: [] },
      // a title over one column (nothing to merge), totals without rows
      {
        name: "S'2&",
        title: "一列",
        columns: [{ header: "金额", kind: "yuan", width: 12 }],
        rows: [],
        totals: [[100]],
      },
      // columns past Z
      {
        name: "宽表",
        title: "三十列",
        columns: Array.from({ length: 30 }, (_, i) => all[i % all.length] as Column),
        rows: [Array.from({ length: 30 }, (_, i) => (i % 2 ? i : `第${i}列`))],
      },
    ]);
  });

  it("refuses a table without columns", async () => {
    await expect(
      tablesWorkbook({ title: "", creator: "", date: "2025-01-01" }, [
        { name: "x", columns: [], rows: [] },
      ]),
    ).rejects.toThrow(/column/);
  });

  it("gives exceljs's bytes for the example town's score and statistics workbooks", async () => {
    const r = await scoreContent(CONTENT, { year: 2025 });
    const rules = r.content?.rules.get(2025)?.rules;
    if (!r.sheet || !rules) throw new Error("example does not score");
    const tables = scoreTables(r.sheet, itemColumns(rules.items));
    const m = { title: "2025年度考评得分", creator: "青禾镇人民政府", date: r.sheet.asOf };
    // score --xlsx: the three tables in one workbook; the build: each in its own
    await expectSameBytes(m, tables);
    for (const t of tables) await expectSameBytes(m, [t]);
    const { content } = await loadContent(CONTENT);
    if (!content) throw new Error("example does not load");
    for (const [from, to] of [
      ["2025-01-01", "2025-06-30"],
      ["2025-01-01", "2025-12-31"],
    ] as const)
      await expectSameBytes(
        { title: "统计表", creator: "青禾镇人民政府", date: to },
        statsTables(statistics(content, { from, to })),
      );
  }, 60_000);

  it("gives exceljs's bytes for generated content with random rules", async () => {
    const dir = await mkdtemp(join(tmpdir(), "xinfang-writer-"));
    temp.push(dir);
    await writeContent(
      dir,
      generateContent({ seed: 7, year: 2025, units: 40, petitions: 1500, rules: "random" }),
    );
    const r = await scoreContent(dir, { year: 2025 });
    const rules = r.content?.rules.get(2025)?.rules;
    if (!r.sheet || !rules) throw new Error("generated content does not score");
    const tables = scoreTables(r.sheet, itemColumns(rules.items));
    expect(tables[1]?.rows.length).toBeGreaterThan(500);
    await expectSameBytes({ title: "生成", creator: "", date: r.sheet.asOf }, tables);
  }, 60_000);

  it("loads no exceljs: making the score and statistics workbooks", () => {
    const out = execFileSync(process.execPath, [LOADS], { encoding: "utf8" });
    expect(out).toBe("workbooks 4, exceljs modules 0\n");
  }, 60_000);
});
