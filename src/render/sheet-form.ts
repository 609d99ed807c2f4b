// The 考评得分表 as offices fill it in (../shared/GBT9704.md "Formats"): one table — 考评项目,
// 分值, 扣分, 得分, 事项 — with the 基础分, a row per rule item, the 一票否决 once, the 奖励, 处理
// and 经济处理 when there are any, and the total with the rank; the lines it is signed on are in
// templates/partials/sheet-form.hbs. The standalone sheet and the annual notice's 附件 share it.
import type { Rules } from "../../schemas/index.ts";
import { ZERO, add } from "../compute/decimal.ts";
import type { Dec } from "../compute/decimal.ts";
import { unitLosses } from "../compute/scoring/index.ts";
import type { ScoreSheet, UnitScore } from "../compute/scoring/index.ts";
import { escapeMarkdown as md } from "./markdown-escape.ts";
import {
  SANCTION_NAMES,
  lossText,
  pointsShort,
  rankAmong,
  sheetEntryText,
  sheetItemName,
  sheetItemValue,
  sheetLastPlaceText,
  sheetRewardText,
  sheetSanctionLines,
  sheetVetoText,
} from "./wording.ts";

export interface SheetRow {
  item: string;
  value: string;
  deducted: string;
  score: string;
  notes: string;
}

export interface SheetFormView {
  unitName: string;
  rows: SheetRow[];
  total: { deducted: string; score: string; notes: string };
}

const absDec = (d: Dec): Dec => (d.n < 0n ? { n: -d.n, scale: d.scale } : d);

/**
 * The 考评得分表 as offices fill it in: the 基础分, one row per rule item (what one event costs,
 * the points it took, each event in a few words), then the 一票否决 (once), 奖励, 处理 and 经济处理
 * when there are any, and the total with the rank.
 */
export function sheetFormView(u: UnitScore, sheet: ScoreSheet, rules: Rules): SheetFormView {
  const vetoed = new Set(u.vetoes.map((v) => v.event));
  const rows: SheetRow[] = [
    {
      item: "基础分",
      value: pointsShort(sheet.base),
      deducted: "",
      score: pointsShort(sheet.base),
      notes: "",
    },
  ];
  let deducted = ZERO;
  for (const item of rules.items) {
    // A vetoed event is told once, in the 一票否决 row.
    const entries = u.entries.filter(
      (e) => e.rule === item.id && !(vetoed.has(e.event) && e.points.n === 0n),
    );
    let minus = ZERO;
    let sum = ZERO;
    for (const e of entries) {
      sum = add(sum, e.points);
      if (e.points.n < 0n) minus = add(minus, e.points);
    }
    deducted = add(deducted, minus);
    rows.push({
      item: sheetItemName(item, md),
      value: sheetItemValue(item),
      deducted: pointsShort(absDec(minus)),
      score: pointsShort(sum),
      notes: entries
        .filter((e) => e.points.n !== 0n || e.free || e.cell?.unset)
        .map((e) => sheetEntryText(e, u, md))
        .join("<br>"),
    });
  }
  const more = (item: string, notes: string[]) => {
    if (notes.length)
      rows.push({ item, value: "", deducted: "", score: "", notes: notes.join("<br>") });
  };
  more(
    SANCTION_NAMES.veto,
    // One line per vetoed event, however many veto rules it met.
    u.vetoes
      .filter((v, i, all) => all.findIndex((w) => w.event === v.event) === i)
      .map((v) => sheetVetoText(v, md)),
  );
  more(
    "奖励",
    u.rewards.map((r) => sheetRewardText(r, md)),
  );
  more("处理", [
    ...u.sanctions.filter((s) => s.kind !== "veto").flatMap((s) => sheetSanctionLines(s, md)),
    ...(u.consequences.includes("last_place")
      ? [sheetLastPlaceText(sheet.lastPlaceClause, md)]
      : []),
  ]);
  more(
    "经济处理",
    unitLosses(sheet, u.id).map((l) => lossText(l, md)),
  );
  return {
    unitName: u.name,
    rows,
    total: {
      deducted: pointsShort(absDec(deducted)),
      score: pointsShort(u.score),
      notes: rankAmong(u.rank, sheet.units.length),
    },
  };
}
