// The statistics workbook: the report's four tables, counts as numbers, shares rounded as the
// report prints them, and the totals.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadContent, statistics } from "../../src/index.ts";
import { percent } from "../../src/text/zh.ts";
import { statsWorkbook } from "../../src/xlsx/index.ts";
import { headerOf, loadWorkbook, rowsOf } from "./read-back.ts";

const CONTENT = fileURLToPath(new URL("../../content/", import.meta.url));

describe("statistics workbook", () => {
  it("holds the report's tables with the same figures", async () => {
    const { content } = await loadContent(CONTENT);
    if (!content) throw new Error("example does not load");
    const s = statistics(content, { from: "2025-01-01", to: "2025-12-31" });
    const wb = await loadWorkbook(await statsWorkbook(s, { creator: "青禾镇人民政府" }));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "按渠道",
      "按问题类别",
      "按村（社区）",
      "按月",
    ]);
    const units = wb.getWorksheet("按村（社区）");
    if (!units) throw new Error("no sheet");
    expect(units.getCell(1, 1).value).toBe("2025年受理信访事项按村（社区）统计");
    expect(headerOf(units, 2)).toEqual(["村（社区）", "件数", "人次", "占比"]);
    const rows = rowsOf(units, 3, 4);
    const total = s.current.accepted;
    expect(total.count).toBeGreaterThan(0);
    s.current.byUnit.forEach((u, k) => {
      const row = rows[k];
      expect(row?.[0]).toBe(u.name);
      expect(row?.[1]).toBe(u.value.count);
      expect(row?.[2]).toBe(u.value.headcount);
      // shown with format 0.0%: the same text the report prints
      expect(`${((row?.[3] as number) * 100).toFixed(1)}%`).toBe(
        percent(u.value.count, total.count),
      );
    });
    const totals = rows[s.current.byUnit.length + 1];
    expect(totals?.slice(0, 3)).toEqual(["合计", total.count, total.headcount]);
    expect(units.getCell(3, 4).numFmt).toBe("0.0%");

    const months = wb.getWorksheet("按月");
    const mrows = rowsOf(months!, 3, 4);
    expect(mrows.slice(0, 12).reduce((a, r) => a + (r[1] as number), 0)).toBe(total.count);
  });
});
