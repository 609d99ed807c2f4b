// `node test/xlsx/support/time-workbooks.ts CONTENT [direct|exceljs|both] [ROUNDS]`: times making
// a year's workbooks as the build makes them (考评得分汇总, 扣分明细, 经济处理 each in a workbook of
// its own, and the statistics of the year and of its first half), written directly
// (src/xlsx) or with exceljs (support/exceljs-tables.ts, the writer used before), in one process.
// `both` alternates the two each round and checks that they give the same bytes. The content is
// scored once, before the clock starts.
import { performance } from "node:perf_hooks";
import { scoreContent, statistics } from "../../../src/index.ts";
import { scoreWorkbooks, sheetTitle, statsTitle, statsWorkbook } from "../../../src/xlsx/index.ts";
import {
  entriesTable,
  itemColumns,
  lossesTable,
  summaryTable,
} from "../../../src/xlsx/score-sheets.ts";
import { statsTables } from "../../../src/xlsx/stats-sheets.ts";
import { tablesWorkbook } from "./exceljs-tables.ts";

const [dir, mode = "both", rounds = "3"] = process.argv.slice(2);
if (!dir) throw new Error("usage: time-workbooks.ts CONTENT [direct|exceljs|both] [ROUNDS]");
const year = 2025;
const r = await scoreContent(dir, { year });
const rules = r.content?.rules.get(year)?.rules;
if (!r.content || !r.sheet || !rules) throw new Error("content does not score");
const { content, sheet } = r;
const maker = { creator: content.office?.name ?? "" };
const periods = [
  { from: `${year}-01-01`, to: `${year}-12-31` },
  { from: `${year}-01-01`, to: `${year}-06-30` },
].map((p) => statistics(content, p));

async function direct(): Promise<Uint8Array[]> {
  const books = (await scoreWorkbooks(sheet, rules!, maker)).map((b) => b.bytes);
  for (const s of periods) books.push(await statsWorkbook(s, maker));
  return books;
}

async function exceljs(): Promise<Uint8Array[]> {
  const items = itemColumns(rules!.items);
  const books: Uint8Array[] = [];
  for (const [kind, table] of [
    ["summary", () => summaryTable(sheet, items)],
    ["entries", () => entriesTable(sheet)],
    ["losses", () => lossesTable(sheet)],
  ] as const) {
    const title = sheetTitle(sheet, kind);
    books.push(
      await tablesWorkbook({ title, creator: maker.creator, date: sheet.asOf }, [table()]),
    );
  }
  for (const s of periods)
    books.push(
      await tablesWorkbook(
        { title: statsTitle(s), creator: maker.creator, date: s.to },
        statsTables(s),
      ),
    );
  return books;
}

const makers = { direct, exceljs };
const order = mode === "both" ? (["exceljs", "direct"] as const) : [mode as keyof typeof makers];
const rows = sheet.units.reduce((n, u) => n + u.entries.length, 0);
process.stdout.write(`${sheet.units.length} units, ${rows} entries\n`);
for (let k = 0; k < Number(rounds); k++) {
  const made: Uint8Array[][] = [];
  for (const name of order) {
    const t = performance.now();
    made.push(await makers[name]());
    const ms = performance.now() - t;
    const bytes = made.at(-1)!.reduce((s, b) => s + b.length, 0);
    process.stdout.write(`round ${k + 1} ${name}: ${ms.toFixed(0)} ms (${bytes} bytes)\n`);
  }
  if (made.length === 2) {
    const same = made[0]!.every((b, i) => Buffer.from(b).equals(Buffer.from(made[1]![i]!)));
    if (!same) throw new Error("the two writers differ");
  }
}
