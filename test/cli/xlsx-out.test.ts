// `score --xlsx/--csv`, `template` and the workbooks of `build`: files where asked, never in the
// content folder, the same bytes as the xlsx output makes.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadWorkbook } from "../xlsx/read-back.ts";
import { cli } from "./run-cli.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const temp: string[] = [];
afterAll(async () => {
  for (const d of temp) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "xinfang-xlsx-cli-"));
  temp.push(d);
  return d;
}

describe("xinfang score --xlsx/--csv", () => {
  it("writes one workbook of three sheets and the entries as CSV", async () => {
    const dir = await tempDir();
    const r = await cli(
      ["score", "--year", "2025", "--xlsx", join(dir, "考评.xlsx"), "--csv", join(dir, "明细.csv")],
      ROOT,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("考评.xlsx（考评得分汇总、扣分明细、经济处理）");
    const wb = await loadWorkbook(await readFile(join(dir, "考评.xlsx")));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["考评得分汇总", "扣分明细", "经济处理"]);
    const csv = await readFile(join(dir, "明细.csv"));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await readdir(dir)).toEqual(["明细.csv", "考评.xlsx"].sort());
  });

  it("refuses a file inside the content folder before scoring (exit 2)", async () => {
    const r = await cli(["score", "--year", "2025", "--xlsx", "content/x.xlsx"], ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("不能把工作簿写进内容目录");
    expect(existsSync(join(ROOT, "content/x.xlsx"))).toBe(false);
  });

  it("names the folder it cannot write into (exit 3)", async () => {
    const dir = await tempDir();
    const r = await cli(["score", "--year", "2025", "--csv", join(dir, "无此目录", "a.csv")], ROOT);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("无此目录");
  });
});

describe("xinfang template", () => {
  it("writes the ledger template with the example's villages", async () => {
    const dir = await tempDir();
    const r = await cli(["template", "--year", "2025", "--out", join(dir, "台账模板.xlsx")], ROOT);
    expect(r.code).toBe(0);
    const wb = await loadWorkbook(await readFile(join(dir, "台账模板.xlsx")));
    expect(wb.worksheets.map((w) => w.name).slice(0, 4)).toEqual([
      "信访事项",
      "例会",
      "周排查报告",
      "填写说明",
    ]);
    const lists = wb.getWorksheet("选项");
    const values: string[] = [];
    lists?.eachRow((row) => values.push(String(row.values)));
    expect(values.join(",")).toContain("锦绣社区");
  });

  it("needs --year (exit 2)", async () => {
    const r = await cli(["template"], ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--year");
  });
});

describe("xinfang build", () => {
  it("writes the workbooks under xlsx/, one sheet each, named by period", async () => {
    const dir = await tempDir();
    const out = join(dir, "dist");
    const r = await cli(["build", "--out", out], ROOT);
    expect(r.code).toBe(0);
    const files = (await readdir(join(out, "xlsx"))).sort();
    expect(files).toEqual(
      [
        "2025年度考评得分汇总.xlsx",
        "2025年度扣分明细.xlsx",
        "2025年度经济处理.xlsx",
        "2025年信访工作统计表.xlsx",
        "2025年1月1日至2025年6月30日信访工作统计表.xlsx",
      ].sort(),
    );
    const summary = await loadWorkbook(
      await readFile(join(out, "xlsx", "2025年度考评得分汇总.xlsx")),
    );
    expect(summary.worksheets.map((w) => w.name)).toEqual(["考评得分汇总"]);
    expect(summary.worksheets[0]?.getCell(3, 2).value).toBe("锦绣社区");
    // the site's list of documents links every workbook
    const page = await readFile(join(out, "documents", "index.html"), "utf8");
    for (const f of files) expect(page).toContain(`href="/xlsx/${f}"`);
  }, 120_000);
});
