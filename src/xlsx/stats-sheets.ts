// A period's statistics as tables: the four tables of a report's 附件 (render/stat-tables.ts),
// one sheet each, counts as numbers and shares as percentages rounded as the report prints them.
import type { Stats } from "../compute/stats/index.ts";
import { statTables, statsTitle } from "../render/stat-tables.ts";
import type { StatCell } from "../render/stat-tables.ts";
import { percentDigits } from "../text/zh.ts";
import type { Cell, Column, TableSheet } from "./workbook.ts";

/** A share as the report prints it (98.4%), as a fraction (0.984); empty when nothing was counted. */
function shareValue(num: number, den: number): number | null {
  const digits = percentDigits(num, den, 1);
  return digits === null ? null : Number(digits) / 100;
}

const cellOf = (c: StatCell): Cell =>
  typeof c === "object" ? shareValue(c.share.num, c.share.den) : c;

/** Sheet names: 按渠道, 按问题类别, 按村（社区）, 按月. */
function sheetName(title: string): string {
  return title.replace(/^受理信访事项/, "").replace(/统计$/, "");
}

/** The statistics tables of a period, one sheet each. */
export function statsTables(s: Stats): TableSheet[] {
  const period = statsTitle(s).replace(/信访工作统计表$/, "");
  return statTables(s).map((t) => {
    const columns = t.head.map((h, i): Column => ({
      header: h,
      kind: i === 0 ? "text" : typeof t.totals[i] === "object" ? "percent" : "int",
    }));
    return {
      name: sheetName(t.title),
      title: `${period}${t.title}`,
      columns,
      rows: t.rows.map((r) => r.map(cellOf)),
      totals: [t.totals.map(cellOf)],
    };
  });
}

export { statsTitle };
