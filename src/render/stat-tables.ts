// The statistics tables of a report (by channel, category, unit and month) as plain data: the
// report's 附件 prints them as Markdown (figure-view.ts), the workbook writes them as cells.
import type { Count, Fraction, Stats } from "../compute/stats/index.ts";
import { periodText } from "./figures.ts";

/** A cell: a label, a count (件, 人次), or a share of the total (printed as a percentage). */
export type StatCell = string | number | { share: Fraction };

export interface StatTable {
  /** What the table counts, without its number: `受理信访事项按渠道统计`. */
  title: string;
  head: string[];
  rows: StatCell[][];
  /** The 合计 row. */
  totals: StatCell[];
}

function shareRows(items: { label: string; value: Count }[], total: Count): StatCell[][] {
  return items.map((i) => [
    i.label,
    i.value.count,
    i.value.headcount,
    { share: { num: i.value.count, den: total.count } },
  ]);
}

/** The four tables of a period's statistics, in report order. */
export function statTables(s: Stats): StatTable[] {
  const c = s.current;
  const total = c.accepted;
  const head = ["件数", "人次", "占比"];
  const totals: StatCell[] = [
    "合计",
    total.count,
    total.headcount,
    { share: { num: total.count, den: total.count } },
  ];
  const prev = s.previous.source === "ledger" ? s.previous.figures.byMonth : null;
  return [
    {
      title: "受理信访事项按渠道统计",
      head: ["渠道", ...head],
      rows: shareRows(
        c.byChannel.map((x) => ({ label: x.channel, value: x.value })),
        total,
      ),
      totals,
    },
    {
      title: "受理信访事项按问题类别统计",
      head: ["问题类别", ...head],
      rows: shareRows(
        c.byCategory.map((x) => ({ label: x.category, value: x.value })),
        total,
      ),
      totals,
    },
    {
      title: "受理信访事项按村（社区）统计",
      head: ["村（社区）", ...head],
      rows: shareRows(
        c.byUnit.map((x) => ({ label: x.name, value: x.value })),
        total,
      ),
      totals,
    },
    {
      title: "受理信访事项按月统计",
      head: ["月份", "件数", "人次", ...(prev ? ["上年同期件数"] : [])],
      rows: c.byMonth.map((m, i) => [
        `${Number(m.month.slice(5))}月`,
        m.value.count,
        m.value.headcount,
        ...(prev ? [prev[i]?.value.count ?? 0] : []),
      ]),
      totals: [
        "合计",
        total.count,
        total.headcount,
        ...(prev ? [prev.reduce((a, m) => a + m.value.count, 0)] : []),
      ],
    },
  ];
}

/** Whether the statistics cover one whole calendar year. */
export function wholeYear(s: Pick<Stats, "from" | "to">): boolean {
  return (
    s.from.slice(0, 4) === s.to.slice(0, 4) &&
    s.from.slice(5) === "01-01" &&
    s.to.slice(5) === "12-31"
  );
}

/** `2025年信访工作统计表`; for a part of a year, `2025年1月1日至2025年6月30日信访工作统计表`. */
export function statsTitle(s: Stats): string {
  return `${wholeYear(s) ? `${s.from.slice(0, 4)}年` : periodText(s)}信访工作统计表`;
}
