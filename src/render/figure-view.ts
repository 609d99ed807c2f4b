// Statistics as document content: the figure sentences, four tables (by channel, category, unit
// and month) and three charts (monthly trend, categories, units) for reports and notices.
import type { Stats } from "../compute/stats/index.ts";
import { percent } from "../text/zh.ts";
import type { Drawing } from "../doc/drawing.ts";
import { barChart, lineChart } from "./charts.ts";
import type { Series } from "./charts.ts";
import { figureSentences } from "./figures.ts";
import { escapeMarkdown as md } from "./markdown-escape.ts";
import { statTables, statsTitle } from "./stat-tables.ts";
import type { StatCell, StatTable } from "./stat-tables.ts";

export interface ChartView {
  caption: string;
  alt: string;
  drawing: Drawing;
}

export interface FiguresView {
  summary: string;
  tables: string[];
  charts: ChartView[];
}

/** A statistics table as Markdown: caption, header, rows and the 合计 row. */
function table(caption: string, t: StatTable): string {
  const cell = (c: StatCell) =>
    typeof c === "string"
      ? md(c)
      : typeof c === "number"
        ? String(c)
        : percent(c.share.num, c.share.den);
  const align = t.head.map((_, i) => (i === 0 ? ":--" : "--:"));
  return [
    `**${md(caption)}**`,
    "",
    `| ${t.head.join(" | ")} |`,
    `|${align.join("|")}|`,
    ...[...t.rows, t.totals].map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");
}

export function figuresView(
  s: Stats,
  options: { tables?: boolean; charts?: boolean; numberFrom?: number } = {},
): FiguresView {
  const c = s.current;
  const n0 = options.numberFrom ?? 1;
  const tables =
    options.tables === false
      ? []
      : statTables(s).map((t, i) => table(`表${n0 + i}\u3000${t.title}`, t));
  const charts: ChartView[] = [];
  if (options.charts !== false) {
    const months = c.byMonth.map((m) => `${Number(m.month.slice(5))}月`);
    const series: Series[] = [
      { label: `${s.from.slice(0, 4)}年`, values: c.byMonth.map((m) => m.value.count) },
    ];
    if (s.previous.source === "ledger")
      series.push({
        label: `${s.previousFrom.slice(0, 4)}年同期`,
        values: s.previous.figures.byMonth.map((m) => m.value.count),
        dashed: true,
      });
    charts.push({
      caption: "图1\u3000受理信访事项月度趋势",
      alt: `各月受理件数：${c.byMonth.map((m, i) => `${months[i]}${m.value.count}件`).join("，")}`,
      drawing: lineChart("受理信访事项月度趋势", months, series, "件"),
    });
    const cats = c.byCategory
      .slice(0, 10)
      .map((x) => ({ label: x.category, value: x.value.count }));
    charts.push({
      caption: "图2\u3000受理信访事项问题类别分布",
      alt: cats.map((x) => `${x.label}${x.value}件`).join("，"),
      drawing: barChart("受理信访事项问题类别分布", cats, "件"),
    });
    const units = c.byUnit.map((x) => ({ label: x.name, value: x.value.count }));
    charts.push({
      caption: "图3\u3000各村（社区）受理信访事项",
      alt: units.map((x) => `${x.label}${x.value}件`).join("，"),
      drawing: barChart("各村（社区）受理信访事项", units, "件"),
    });
  }
  return {
    summary: `${figureSentences(s)
      .map((x) => md(x.text))
      .join("；")}。`,
    tables,
    charts,
  };
}

/** A report's statistics as its 附件: the four tables, then the charts. */
export interface AppendixView {
  title: string;
  tables: string[];
  charts: ChartView[];
}

/** `2025年信访工作统计表`; for a part of a year, `2025年1月1日至2025年6月30日信访工作统计表`. */
export function appendixView(s: Stats): AppendixView {
  const f = figuresView(s);
  return {
    title: statsTitle(s),
    tables: f.tables,
    charts: f.charts,
  };
}
