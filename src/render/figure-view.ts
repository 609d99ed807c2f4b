// Statistics as document content: the figure sentences, four tables (by channel, category, unit
// and month) and three charts (monthly trend, categories, units) for reports and notices.
import type { Count, Stats } from "../compute/stats/index.ts";
import { percent } from "../text/zh.ts";
import type { Drawing } from "../doc/drawing.ts";
import { barChart, lineChart } from "./charts.ts";
import type { Series } from "./charts.ts";
import { figureSentences, periodText } from "./figures.ts";
import { escapeMarkdown as md } from "./markdown-escape.ts";

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

function table(
  caption: string,
  head: string[],
  align: string[],
  rows: string[][],
  totals?: string[],
): string {
  const lines = [
    `**${md(caption)}**`,
    "",
    `| ${head.join(" | ")} |`,
    `|${align.join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ];
  if (totals) lines.push(`| ${totals.join(" | ")} |`);
  return lines.join("\n");
}

function shareRows(items: { label: string; value: Count }[], total: Count): string[][] {
  return items.map((i) => [
    md(i.label),
    String(i.value.count),
    String(i.value.headcount),
    percent(i.value.count, total.count),
  ]);
}

export function figuresView(
  s: Stats,
  options: { tables?: boolean; charts?: boolean; numberFrom?: number } = {},
): FiguresView {
  const c = s.current;
  const total = c.accepted;
  const n0 = options.numberFrom ?? 1;
  const tables: string[] = [];
  if (options.tables !== false) {
    const head = ["件数", "人次", "占比"];
    const align = [":--", "--:", "--:", "--:"];
    const totals = [
      "合计",
      String(total.count),
      String(total.headcount),
      total.count ? "100.0%" : "—",
    ];
    tables.push(
      table(
        `表${n0}\u3000受理信访事项按渠道统计`,
        ["渠道", ...head],
        align,
        shareRows(
          c.byChannel.map((x) => ({ label: x.channel, value: x.value })),
          total,
        ),
        totals,
      ),
    );
    tables.push(
      table(
        `表${n0 + 1}\u3000受理信访事项按问题类别统计`,
        ["问题类别", ...head],
        align,
        shareRows(
          c.byCategory.map((x) => ({ label: x.category, value: x.value })),
          total,
        ),
        totals,
      ),
    );
    tables.push(
      table(
        `表${n0 + 2}\u3000受理信访事项按村（社区）统计`,
        ["村（社区）", ...head],
        align,
        shareRows(
          c.byUnit.map((x) => ({ label: x.name, value: x.value })),
          total,
        ),
        totals,
      ),
    );
    const prev = s.previous.source === "ledger" ? s.previous.figures.byMonth : null;
    const monthRows = c.byMonth.map((m, i) => [
      `${Number(m.month.slice(5))}月`,
      String(m.value.count),
      String(m.value.headcount),
      ...(prev ? [String(prev[i]?.value.count ?? 0)] : []),
    ]);
    tables.push(
      table(
        `表${n0 + 3}\u3000受理信访事项按月统计`,
        ["月份", "件数", "人次", ...(prev ? ["上年同期件数"] : [])],
        [":--", "--:", "--:", ...(prev ? ["--:"] : [])],
        monthRows,
        [
          "合计",
          String(total.count),
          String(total.headcount),
          ...(prev ? [String(prev.reduce((a, m) => a + m.value.count, 0))] : []),
        ],
      ),
    );
  }
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
  const whole =
    s.from.slice(0, 4) === s.to.slice(0, 4) &&
    s.from.slice(5) === "01-01" &&
    s.to.slice(5) === "12-31";
  const f = figuresView(s);
  return {
    title: `${whole ? `${s.from.slice(0, 4)}年` : periodText(s)}信访工作统计表`,
    tables: f.tables,
    charts: f.charts,
  };
}
