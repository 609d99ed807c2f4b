// The score workbook read back agrees with `score --json` to the point and to the yuan: for the
// example town and for generated content with random rules.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { labelOf } from "../../schemas/index.ts";
import { scoreSheetJson } from "../../src/compute/scoring/json.ts";
import { scoreContent } from "../../src/index.ts";
import { entriesCsv, scoreWorkbook, scoreWorkbooks } from "../../src/xlsx/index.ts";
import { generateContent, writeContent } from "../support/generate.ts";
import { headerOf, loadWorkbook, rowsOf } from "./read-back.ts";
import type { Value } from "./read-back.ts";

const CONTENT = fileURLToPath(new URL("../../content/", import.meta.url));
const temp: string[] = [];
afterAll(async () => {
  for (const d of temp) await rm(d, { recursive: true, force: true });
});

async function scored(dir: string, year: number) {
  const r = await scoreContent(dir, { year });
  if (!r.content || !r.sheet) throw new Error("content does not score");
  const rules = r.content.rules.get(year)?.rules;
  if (!rules) throw new Error("no rules");
  return { sheet: r.sheet, rules, json: scoreSheetJson(r.sheet) };
}

type Scored = Awaited<ReturnType<typeof scored>>;

async function agrees({ sheet, rules, json }: Scored) {
  const wb = await loadWorkbook(await scoreWorkbook(sheet, rules, { creator: "测试镇" }));
  expect(wb.worksheets.map((w) => w.name)).toEqual(["考评得分汇总", "扣分明细", "经济处理"]);
  const [summary, entries, losses] = wb.worksheets as [
    (typeof wb.worksheets)[0],
    (typeof wb.worksheets)[0],
    (typeof wb.worksheets)[0],
  ];

  // 考评得分汇总: title row, header row, one row per unit in rank order
  const head = headerOf(summary, 2);
  const labels = rules.items.map((i) => labelOf(i));
  expect(head.slice(0, 3)).toEqual(["名次", "村（社区）", "得分"]);
  expect(head.slice(3, 3 + labels.length)).toEqual(labels);
  const col = (name: string) => head.indexOf(name);
  const rows = rowsOf(summary, 3, head.length);
  expect(rows).toHaveLength(json.units.length);
  json.units.forEach((u, k) => {
    const row = rows[k] as Value[];
    expect(row[0]).toBe(u.rank);
    expect(row[1]).toBe(u.name);
    expect(row[2]).toBe(u.score);
    expect(row[col("扣分合计")]).toBe(u.deducted);
    expect(row[col("加分合计")]).toBe(u.added);
    expect(row[col("一票否决")]).toBe(u.vetoed ? "是" : "否");
    const rewards = (kind: string) =>
      u.rewards.filter((r) => r.kind === kind).reduce((s, r) => s + r.amount, 0);
    expect(row[col("名次奖励（元）")]).toBe(rewards("rank"));
    expect(row[col("无信访奖励（元）")]).toBe(rewards("clean_record"));
    expect(row[col("奖励合计（元）")]).toBe(rewards("rank") + rewards("clean_record"));
    rules.items.forEach((item, i) => {
      const mine = u.entries.filter((e) => e.rule === item.id);
      const sum = mine.reduce((s, e) => s + e.points, 0);
      // each JSON entry is rounded to 0.01 on its own; the column rounds the exact sum once
      expect(Math.abs((row[3 + i] as number) - sum)).toBeLessThanOrEqual(
        0.005 * mine.length + 1e-9,
      );
    });
  });

  // 扣分明细: one row per entry, units in rank order, entries in event order
  const eh = headerOf(entries, 2);
  const erows = rowsOf(entries, 3, eh.length);
  const all = json.units.flatMap((u) => u.entries.map((e) => ({ u, e })));
  expect(erows).toHaveLength(all.length);
  all.forEach(({ u, e }, k) => {
    const row = erows[k] as Value[];
    expect(row[eh.indexOf("村（社区）")]).toBe(u.name);
    expect(row[eh.indexOf("日期")]).toBe(e.date);
    expect(row[eh.indexOf("分值")]).toBe(e.base);
    expect(row[eh.indexOf("得分")]).toBe(e.points);
    expect(row[eh.indexOf("事项编号")]).toBe(e.event);
    expect(row[eh.indexOf("来源")]).toBe(e.source);
  });

  // 经济处理: one row per loss, then an empty row and the total
  const lh = headerOf(losses, 2);
  expect(lh).toEqual([
    "序号",
    "姓名",
    "职务",
    "村（社区）",
    "扣除项目",
    "扣除月数",
    "扣除金额（元）",
  ]);
  const lrows = rowsOf(losses, 3, lh.length);
  const total = json.losses.reduce((s, l) => s + l.amount, 0);
  json.losses.forEach((l, k) => {
    const row = lrows[k] as Value[];
    expect(row[1]).toBe(l.person);
    expect(row[2]).toBe(l.role);
    expect(row[5]).toBe(l.item === "star_pay" ? "全年" : l.months);
    expect(row[6]).toBe(l.amount);
  });
  expect(lrows[json.losses.length]).toEqual(Array(7).fill(null));
  const totalRow = lrows[json.losses.length + 1] as Value[];
  expect(totalRow[0]).toBe("合计");
  expect(totalRow[6]).toBe(total);
  return { entries: all.length, losses: json.losses.length, total };
}

describe("score workbook", () => {
  it("agrees with score --json for the example town", async () => {
    const s = await scored(CONTENT, 2025);
    const r = await agrees(s);
    // the example has entries, losses and a veto: the comparison is not vacuous
    expect(r.entries).toBeGreaterThan(100);
    expect(r.losses).toBeGreaterThan(5);
    expect(s.json.units.some((u) => u.vetoed)).toBe(true);
  });

  it.each([3, 11])("agrees with score --json for generated content (seed %i)", async (seed) => {
    const dir = await mkdtemp(join(tmpdir(), "xinfang-xlsx-"));
    temp.push(dir);
    await writeContent(
      dir,
      generateContent({ seed, year: 2025, units: 9, petitions: 300, rules: "random" }),
    );
    const r = await agrees(await scored(dir, 2025));
    expect(r.entries).toBeGreaterThan(50);
  });

  it("writes each table as a workbook of its own for the build, named by period", async () => {
    const { sheet, rules } = await scored(CONTENT, 2025);
    const books = await scoreWorkbooks(sheet, rules, { creator: "测试镇" });
    expect(books.map((b) => b.title)).toEqual([
      "2025年度考评得分汇总",
      "2025年度扣分明细",
      "2025年度经济处理",
    ]);
    for (const b of books) {
      const wb = await loadWorkbook(b.bytes);
      expect(wb.worksheets).toHaveLength(1);
      expect(wb.worksheets[0]?.getCell(1, 1).value).toBe(b.title);
    }
  });

  it("sets up every sheet for print and for sorting: frozen header, filter, A4 landscape, print titles", async () => {
    const { sheet, rules } = await scored(CONTENT, 2025);
    const wb = await loadWorkbook(await scoreWorkbook(sheet, rules, { creator: "测试镇" }));
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.orientation).toBe("landscape");
      expect(ws.pageSetup.printTitlesRow).toBe("1:2");
      expect(ws.autoFilter).toBeTruthy();
    }
    const summary = wb.getWorksheet("考评得分汇总");
    expect(summary?.getCell(3, 3).numFmt).toBe("0.00");
    expect(summary?.getCell(3, headerOf(summary, 2).indexOf("奖励合计（元）") + 1).numFmt).toBe(
      "#,##0",
    );
    const entries = wb.getWorksheet("扣分明细");
    expect(entries?.getCell(3, 6).numFmt).toBe('yyyy"年"m"月"d"日"');
  });

  it("words events as the documents do (entryEvent), not as ids", async () => {
    const { sheet, rules } = await scored(CONTENT, 2025);
    const wb = await loadWorkbook(await scoreWorkbook(sheet, rules, { creator: "测试镇" }));
    const ws = wb.getWorksheet("扣分明细");
    if (!ws) throw new Error("no sheet");
    const events = rowsOf(ws, 3, 11).map((r) => r[4] as string);
    expect(events.some((e) => /^\d+月\d+日进京个访（一票否决）$/.test(e))).toBe(true);
    expect(events.some((e) => /例会（\d+月\d+日）请假（首次不扣分）$/.test(e))).toBe(true);
  });

  it("writes 扣分明细 as CSV with a BOM, CRLF and the same rows", async () => {
    const { sheet, json } = await scored(CONTENT, 2025);
    const csv = entriesCsv(sheet);
    expect(
      csv.startsWith(
        "\uFEFF名次,村（社区）,考评项目,条款,事项,日期,分值,系数,得分,事项编号,来源\r\n",
      ),
    ).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    const count = json.units.reduce((s, u) => s + u.entries.length, 0);
    expect(lines).toHaveLength(count + 1);
    const first = json.units[0]?.entries[0];
    expect(lines[1]).toContain(`,${first?.date},`);
    expect(lines[1]?.endsWith(`,${first?.event},${first?.source}`)).toBe(true);
  });
});
