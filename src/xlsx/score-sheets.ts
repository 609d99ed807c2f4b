// A score sheet as three tables: 考评得分汇总 (one row per unit in rank order, one column per rule
// item), 扣分明细 (one row per entry, the audit trail) and 经济处理 (one row per person and pay item,
// with the total — what payroll needs). Words come from render/wording.ts; figures are the
// sheet's exact decimals rounded once, to two decimals, as `score --json` gives them.
import { labelOf } from "../../schemas/index.ts";
import { ZERO, add, toNumber2 } from "../compute/decimal.ts";
import type { Dec } from "../compute/decimal.ts";
import type { ScoreSheet } from "../compute/scoring/index.ts";
import {
  entryEvent,
  entryItem,
  factorsText,
  lossRows,
  lossTotal,
  periodText,
  REWARD_NAMES,
  sanctionSummary,
  sheetVetoText,
} from "../render/wording.ts";
import type { Column, TableSheet } from "./workbook.ts";

/** The rule items a summary has a column for: id and label (as the rules file names them). */
export interface ItemColumn {
  id: string;
  label: string;
}

/** The items of a rules file, labels made unique (a repeated label gets its id). */
export function itemColumns(items: readonly { id: string; label?: string; clause: string }[]) {
  const labels = items.map((i) => labelOf(i));
  return items.map((i, k) => ({
    id: i.id,
    label:
      labels.indexOf(labels[k] as string) === k ? (labels[k] as string) : `${labels[k]}（${i.id}）`,
  }));
}

export const SHEET_NAMES = {
  summary: "考评得分汇总",
  entries: "扣分明细",
  losses: "经济处理",
} as const;

/** `2025年度考评得分汇总`, `2025年1—6月扣分明细`. */
export function sheetTitle(sheet: ScoreSheet, kind: keyof typeof SHEET_NAMES): string {
  return `${periodText(sheet)}${SHEET_NAMES[kind]}`;
}

/** 考评得分汇总: rank, unit, score, the points of each item, veto, rewards, sanctions. */
export function summaryTable(sheet: ScoreSheet, items: readonly ItemColumn[]): TableSheet {
  const columns: Column[] = [
    { header: "名次", kind: "int", width: 7 },
    { header: "村（社区）", kind: "text" },
    { header: "得分", kind: "points" },
    ...items.map((i): Column => ({ header: i.label, kind: "points" })),
    { header: "扣分合计", kind: "points" },
    { header: "加分合计", kind: "points" },
    { header: "一票否决", kind: "text", width: 10 },
    { header: "否决事项", kind: "wrap" },
    { header: `${REWARD_NAMES.rank}（元）`, kind: "yuan" },
    { header: `${REWARD_NAMES.clean_record}（元）`, kind: "yuan" },
    { header: "奖励合计（元）", kind: "yuan" },
    { header: "处理", kind: "wrap" },
  ];
  const rows = sheet.units.map((u) => {
    const byItem = new Map<string, Dec>();
    for (const e of u.entries) byItem.set(e.rule, add(byItem.get(e.rule) ?? ZERO, e.points));
    const reward = (kind: "rank" | "clean_record") =>
      u.rewards.filter((r) => r.kind === kind).reduce((s, r) => s + r.amount, 0);
    return [
      u.rank,
      u.name,
      toNumber2(u.score),
      ...items.map((i) => toNumber2(byItem.get(i.id) ?? ZERO)),
      toNumber2(u.deducted),
      toNumber2(u.added),
      u.vetoed ? "是" : "否",
      u.vetoes.map((v) => sheetVetoText(v)).join("、") || null,
      reward("rank"),
      reward("clean_record"),
      reward("rank") + reward("clean_record"),
      sanctionSummary(u) || null,
    ];
  });
  return { name: SHEET_NAMES.summary, title: sheetTitle(sheet, "summary"), columns, rows };
}

/** 扣分明细: one row per entry, units in rank order, entries in event order. */
export function entriesTable(sheet: ScoreSheet): TableSheet {
  const columns: Column[] = [
    { header: "名次", kind: "int", width: 7 },
    { header: "村（社区）", kind: "text" },
    { header: "考评项目", kind: "text" },
    { header: "条款", kind: "wrap", width: 36 },
    { header: "事项", kind: "wrap", width: 40 },
    { header: "日期", kind: "date", width: 16 },
    { header: "分值", kind: "points" },
    { header: "系数", kind: "text" },
    { header: "得分", kind: "points" },
    { header: "事项编号", kind: "text" },
    { header: "来源", kind: "text" },
  ];
  const rows = sheet.units.flatMap((u) =>
    u.entries.map((e) => [
      u.rank,
      u.name,
      e.label,
      entryItem(e, u),
      entryEvent(e, u),
      e.date,
      toNumber2(e.base),
      factorsText(e, u),
      toNumber2(e.points),
      e.event,
      e.source,
    ]),
  );
  return { name: SHEET_NAMES.entries, title: sheetTitle(sheet, "entries"), columns, rows };
}

/** 经济处理: person, role, unit(s), pay item, months, amount; the total in a row of its own. */
export function lossesTable(sheet: ScoreSheet): TableSheet {
  const columns: Column[] = [
    { header: "序号", kind: "int", width: 7 },
    { header: "姓名", kind: "text" },
    { header: "职务", kind: "text" },
    { header: "村（社区）", kind: "text" },
    { header: "扣除项目", kind: "text" },
    { header: "扣除月数", kind: "int" },
    { header: "扣除金额（元）", kind: "yuan" },
  ];
  const rows = lossRows(sheet).map((r, k) => [
    k + 1,
    r.person,
    r.role,
    r.units,
    r.item,
    /^\d+$/.test(r.months) ? Number(r.months) : r.months,
    r.amount,
  ]);
  return {
    name: SHEET_NAMES.losses,
    title: sheetTitle(sheet, "losses"),
    columns,
    rows,
    totals: [["合计", null, null, null, `${rows.length}项`, null, lossTotal(sheet.losses)]],
  };
}

/** The three tables of a score sheet, in the order summary, entries, losses. */
export function scoreTables(sheet: ScoreSheet, items: readonly ItemColumn[]): TableSheet[] {
  return [summaryTable(sheet, items), entriesTable(sheet), lossesTable(sheet)];
}
